package main

import (
	"crypto/x509"
	"fmt"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/crypto"
)

func init() {
	register("keygen", "genera una llave privada nueva (.key cifrada)", cmdKeygen)
	register("inspect", "describe un archivo .key, .req, .cer o .pfx", cmdInspect)
	register("pfx", "construye el .pfx a partir del .cer y la .key", cmdPFX)
}

func cmdKeygen(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "keygen")
	out := fs.String("out", "", "archivo .key a crear")
	bits := fs.Int("bits", crypto.DefaultBits, "tamaño de la llave RSA: 2048, 3072 o 4096")
	user := fs.String("user", "", "usuario del IMSS (la contraseña debe ser distinta)")
	pwFile := fs.String("password-file", "", "archivo con la contraseña (- para la entrada estándar)")
	force := fs.Bool("force", false, "reemplazar el archivo si ya existe")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("out", *out); err != nil {
		return nil, err
	}
	pw, err := readPassword(e, *pwFile, msg.Label("contrasena_nueva", e.lang), true)
	if err != nil {
		return nil, err
	}
	defer clear(pw)
	var progress func(float64)
	if !e.json && *bits > 2048 {
		progress = func(f float64) { fmt.Fprintf(e.stderr, "\r%3.0f%%", f*100) }
	}
	key, err := credencial.NuevaLlave(*out, pw, *user, credencial.Opciones{Bits: *bits, Progreso: progress, Forzar: *force})
	if progress != nil {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return nil, err
	}
	huella := credencial.HuellaLlave(&key.PublicKey)
	if !e.json {
		fmt.Fprintf(e.stdout, "Llave privada guardada en %s (RSA-%d, SHA-256 de la llave pública %s)\n", *out, key.N.BitLen(), huella)
	}
	return map[string]any{"archivo": *out, "bits": key.N.BitLen(), "huella_sha256": huella}, nil
}

func cmdInspect(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "inspect")
	pwFile := fs.String("password-file", "", "archivo con la contraseña (- para la entrada estándar)")
	// The file may come before or after the options.
	var file string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return nil, usageError{err.Error()}
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return nil, usageError{"indique un solo archivo"}
	}
	if file == "" {
		return nil, usageError{"falta el archivo a describir"}
	}
	inf, err := credencial.Inspeccionar(file, func() ([]byte, error) {
		return readPassword(e, *pwFile, msg.Label("contrasena", e.lang), false)
	})
	if err != nil {
		return nil, err
	}
	if !e.json {
		printInforme(e, inf)
	}
	return map[string]any{"archivo": inf.Archivo, "tipo": inf.Tipo, "llave": inf.Llave,
		"requerimiento": inf.Requerimiento, "certificado": inf.Certificado, "cadena": inf.Cadena}, nil
}

func printInforme(e *env, inf *credencial.Informe) {
	w := e.stdout
	fmt.Fprintf(w, "Archivo: %s\nTipo:    %s\n", inf.Archivo, inf.Tipo)
	if r := inf.Requerimiento; r != nil {
		fmt.Fprintf(w, "Sujeto:  %s\nRFC:     %s\nCURP:    %s\nCorreo:  %s\nLlave:   RSA-%d (SHA-256 %s)\nFirma:   %s\n",
			r.Sujeto, r.RFC, r.CURP, r.Correo, r.Bits, r.Huella, r.Firma)
	}
	if c := inf.Certificado; c != nil {
		printCert(e, c)
	}
	for i, c := range inf.Cadena {
		fmt.Fprintf(w, "Cadena %d: %s (serie %s, %s)\n", i+1, c.Subject, c.Serial, c.State)
	}
	if k := inf.Llave; k != nil {
		fmt.Fprintf(w, "Llave:   RSA-%d %s", k.Bits, k.Formato)
		if k.Esquema != "" {
			fmt.Fprintf(w, ", %s", k.Esquema)
		}
		if k.Iteraciones > 0 {
			fmt.Fprintf(w, ", %d iteraciones", k.Iteraciones)
		}
		if k.Scrypt != "" {
			fmt.Fprintf(w, ", %s", k.Scrypt)
		}
		fmt.Fprintf(w, "\nHuella:  SHA-256 de la llave pública %s\n", k.Huella)
	}
}

func printCert(e *env, c *crypto.CertInfo) {
	fmt.Fprintf(e.stdout, "Sujeto:  %s\nNombre:  %s\nRFC:     %s\nCURP:    %s\nEmisor:  %s\nSerie:   %s\nVigencia: %s a %s\nEstado:  %s",
		c.Subject, c.Nombre, c.RFC, c.CURP, c.Issuer, c.Serial,
		c.NotBefore.Format("2006-01-02 15:04 MST"), c.NotAfter.Format("2006-01-02 15:04 MST"), c.State)
	switch c.State {
	case crypto.StateExpired:
		fmt.Fprintf(e.stdout, " (venció hace %d días)\n", -c.DaysLeft)
	case crypto.StateValid:
		fmt.Fprintf(e.stdout, " (%d días restantes)\n", c.DaysLeft)
	default:
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintf(e.stdout, "SHA-256: %s\n", c.SHA256)
}

func cmdPFX(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "pfx")
	cer := fs.String("cer", "", "certificado .cer")
	key := fs.String("key", "", "llave privada .key")
	chain := fs.String("chain", "", "certificados de la cadena (PEM), opcional")
	out := fs.String("out", "", "archivo .pfx a crear")
	pwFile := fs.String("password-file", "", "archivo con la contraseña de la llave (- para la entrada estándar)")
	force := fs.Bool("force", false, "reemplazar el archivo si ya existe")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("cer", *cer, "key", *key, "out", *out); err != nil {
		return nil, err
	}
	cert, err := credencial.AbrirCertificado(*cer)
	if err != nil {
		return nil, err
	}
	var cadena []*x509.Certificate
	if *chain != "" {
		if cadena, err = credencial.AbrirCadena(*chain); err != nil {
			return nil, err
		}
	}
	pw, err := readPassword(e, *pwFile, msg.Label("contrasena", e.lang), false)
	if err != nil {
		return nil, err
	}
	defer clear(pw)
	k, err := credencial.AbrirLlave(*key, pw)
	if err != nil {
		return nil, err
	}
	if _, err := credencial.ConstruirPFX(cert, k, cadena, pw, *out, *force); err != nil {
		return nil, err
	}
	info := crypto.Describe(cert, credencial.Ahora())
	if !e.json {
		fmt.Fprintf(e.stdout, "Archivo .pfx guardado en %s (certificado %s, serie %s, %s)\n", *out, info.Nombre, info.Serial, info.State)
	}
	return map[string]any{"archivo": *out, "serie": info.Serial, "estado": info.State, "rfc": info.RFC,
		"sha256_certificado": info.SHA256}, nil
}
