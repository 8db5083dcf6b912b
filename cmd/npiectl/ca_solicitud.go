package main

import (
	"crypto/rsa"
	"fmt"
	"strings"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/tramite"
	"github.com/seguritools/seguritools/crypto"
)

func init() {
	register("request", "solicita NPIE y certificado: genera la .key y envía los datos", cmdRequest)
	register("obtain", "descarga el certificado de un NPIE y arma el .pfx (también recuperación)", cmdObtain)
	register("status", "estado de un certificado: vigente, vencido, revocado o carta_pendiente", cmdStatus)
}

func cmdRequest(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "request")
	sf := addServerFlags(fs)
	data := fs.String("data", "", "datos de la solicitud en JSON (ver examples/solicitud.json)")
	keyOut := fs.String("key-out", "", "archivo .key a crear")
	pwFile := fs.String("password-file", "", "archivo con la contraseña de la llave nueva (- para la entrada estándar)")
	bits := fs.Int("bits", crypto.DefaultBits, "tamaño de la llave RSA: 2048, 3072 o 4096")
	force := fs.Bool("force", false, "reemplazar los archivos si ya existen")
	resume := fs.Bool("resume", false, "reanudar con la .key que ya escribió un intento anterior (no se genera otra)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("data", *data, "key-out", *keyOut); err != nil {
		return nil, err
	}
	if err := checkResume(*resume, *force); err != nil {
		return nil, err
	}
	var datos patron.Solicitud
	if err := readJSONFile(*data, &datos); err != nil {
		return nil, err
	}
	c, err := sf.client()
	if err != nil {
		return nil, err
	}
	var sol *wire.Solicitud
	if *resume {
		pw, err := readPassword(e, *pwFile, msg.Label("contrasena", e.lang), false)
		if err != nil {
			return nil, err
		}
		defer clear(pw)
		if sol, err = tramite.ReanudarSolicitud(ctx(), c, datos, *keyOut, pw); err != nil {
			return nil, err
		}
	} else {
		pw, err := readPassword(e, *pwFile, msg.Label("contrasena_nueva", e.lang), true)
		if err != nil {
			return nil, err
		}
		defer clear(pw)
		o := sf.opciones(*force)
		o.Bits = *bits
		if sol, err = tramite.SolicitarNPIE(ctx(), c, datos, tramite.Llave{Ruta: *keyOut, Password: pw, Opciones: o}); err != nil {
			hintResume(e, *keyOut, err)
			return nil, err
		}
	}
	cartaPath := junto(*keyOut, carta.TipoTerminos.NombreArchivo())
	if err := credencial.Escribir(cartaPath, sol.Carta, credencial.PermPublico, *force || *resume); err != nil {
		return nil, err
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Folio: %s\nNPIE: %s\nUsuario: %s\nEstado: %s\nFecha límite: %s\nLlave privada: %s\nCarta de Términos: %s\n",
			sol.Folio, sol.NPIE, sol.Usuario, sol.Estado, sol.FechaLimite, *keyOut, cartaPath)
		fmt.Fprintln(e.stdout, "Imprima y firme la carta y acuda a la subdelegación antes de la fecha límite (10 días hábiles).")
	}
	return map[string]any{"folio": sol.Folio, "npie": sol.NPIE, "usuario": sol.Usuario, "estado": sol.Estado,
		"fecha_limite": sol.FechaLimite, "llave": *keyOut, "carta": cartaPath}, nil
}

func cmdObtain(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "obtain")
	sf := addServerFlags(fs)
	npie := fs.String("npie", "", "Número Patronal de Identificación Electrónica")
	serial := fs.String("serial", "", "número de serie del certificado (en vez de --npie)")
	key := fs.String("key", "", "su llave privada .key")
	out := fs.String("out", "", "archivo .pfx a crear")
	pwFile := fs.String("password-file", "", "archivo con la contraseña de la llave (- para la entrada estándar)")
	force := fs.Bool("force", false, "reemplazar el archivo si ya existe")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if *npie == "" && *serial == "" {
		return nil, usageError{"falta --npie (o --serial)"}
	}
	if err := need("key", *key, "out", *out); err != nil {
		return nil, err
	}
	c, err := sf.client()
	if err != nil {
		return nil, err
	}
	k, pw, err := abrirLlave(e, *key, *pwFile)
	if err != nil {
		return nil, err
	}
	defer clear(pw)
	var cred *crypto.Credential
	if *serial != "" {
		cred, err = c.ObtenerSerial(ctx(), strings.ToLower(*serial), k)
	} else {
		cred, err = c.Obtener(ctx(), *npie, k)
	}
	if err != nil {
		return nil, err
	}
	if _, err := credencial.ConstruirPFX(cred.Certificate, k, cred.Chain, pw, *out, *force); err != nil {
		return nil, err
	}
	st, err := c.Estado(ctx(), crypto.SerialHex(cred.Certificate))
	if err != nil {
		return nil, err
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Certificado %s (%s) guardado en %s\n", st.Serial, st.Estado, *out)
	}
	return map[string]any{"serial": st.Serial, "estado": st.Estado, "npie": st.NPIE, "archivo": *out,
		"no_despues": st.NoDespues}, nil
}

func cmdStatus(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "status")
	sf := addServerFlags(fs)
	pfx := fs.String("pfx", "", "su certificado .pfx")
	serial := fs.String("serial", "", "número de serie del certificado")
	pwFile := fs.String("password-file", "", "archivo con la contraseña del .pfx (- para la entrada estándar)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if (*pfx == "") == (*serial == "") {
		return nil, usageError{"indique --pfx o --serial"}
	}
	c, err := sf.client()
	if err != nil {
		return nil, err
	}
	s := strings.ToLower(*serial)
	if *pfx != "" {
		cred, err := abrirPFX(e, *pfx, *pwFile)
		if err != nil {
			return nil, err
		}
		s = crypto.SerialHex(cred.Certificate)
	}
	st, err := c.Estado(ctx(), s)
	if err != nil {
		return nil, err
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Certificado %s: %s (vence %s)\n", st.Serial, st.Estado, st.NoDespues.Format("2006-01-02"))
		if st.Causa != "" {
			fmt.Fprintf(e.stdout, "%s: %s\n", msg.Label("causa_revocacion", e.lang), st.Causa)
		}
		if st.ReemplazadoPor != "" {
			fmt.Fprintf(e.stdout, "%s: %s\n", msg.Label("reemplazado_por", e.lang), st.ReemplazadoPor)
		}
	}
	res := map[string]any{"serial": st.Serial, "estado": st.Estado, "no_despues": st.NoDespues, "tipo": st.Tipo, "npie": st.NPIE}
	if st.Revocado != nil {
		res["revocado"] = st.Revocado
		res["causa_revocacion"] = st.Causa
	}
	if st.ReemplazadoPor != "" {
		res["reemplazado_por"] = st.ReemplazadoPor
	}
	return res, nil
}

func abrirPFX(e *env, path, pwFile string) (*crypto.Credential, error) {
	pw, err := readPassword(e, pwFile, msg.Label("contrasena", e.lang), false)
	if err != nil {
		return nil, err
	}
	defer clear(pw)
	return credencial.AbrirPFX(path, pw)
}

// abrirLlave opens a .key with its password (from pwFile or the prompt),
// which it returns too for what the command writes with it; the caller
// clears it.
func abrirLlave(e *env, path, pwFile string) (*rsa.PrivateKey, []byte, error) {
	pw, err := readPassword(e, pwFile, msg.Label("contrasena", e.lang), false)
	if err != nil {
		return nil, nil, err
	}
	k, err := credencial.AbrirLlave(path, pw)
	if err != nil {
		clear(pw)
		return nil, nil, err
	}
	return k, pw, nil
}
