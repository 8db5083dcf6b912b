package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/crypto"
)

func init() {
	register("renew", "renovación en línea completa: llave nueva, ambas cartas firmadas, .pfx nuevo", cmdRenew)
	register("additional", "solicita un certificado adicional para una persona designada", cmdAdditional)
	register("revoke", "revoca en línea el certificado del .pfx (y sus adicionales)", cmdRevoke)
}

// distinto refuses to write the new .pfx over the old one: the IMSS manual
// asks for a different name, and losing the old file mid-way would hurt.
func distinto(old, nuevo string) error {
	a, _ := filepath.Abs(old)
	b, _ := filepath.Abs(nuevo)
	if a == b {
		return usageError{"--out debe ser distinto de --pfx"}
	}
	return nil
}

func cmdRenew(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "renew")
	sf := addServerFlags(fs)
	pfx := fs.String("pfx", "", "certificado actual .pfx (puede estar vencido)")
	keyOut := fs.String("key-out", "", "archivo .key nuevo")
	out := fs.String("out", "", "archivo .pfx nuevo")
	pwFile := fs.String("password-file", "", "contraseña actual (- para la entrada estándar)")
	newPwFile := fs.String("new-password-file", "", "contraseña nueva")
	data := fs.String("data", "", "cambios de correo, teléfono y fax en JSON (ver examples/renovacion.json), opcional")
	user := fs.String("user", "", "usuario del IMSS (la contraseña nueva debe ser distinta), opcional")
	force := fs.Bool("force", false, "reemplazar los archivos nuevos si ya existen")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("pfx", *pfx, "key-out", *keyOut, "out", *out); err != nil {
		return nil, err
	}
	if err := distinto(*pfx, *out); err != nil {
		return nil, err
	}
	var cambios *patron.Cambios
	if *data != "" {
		cambios = &patron.Cambios{}
		if err := readJSONFile(*data, cambios); err != nil {
			return nil, err
		}
	}
	c, err := sf.client()
	if err != nil {
		return nil, err
	}
	old, err := abrirPFX(e, *pfx, *pwFile)
	if err != nil {
		return nil, err
	}
	pw, err := readPassword(e, *newPwFile, msg.Label("contrasena_nueva", e.lang), true)
	if err != nil {
		return nil, err
	}
	defer clear(pw)
	res, err := c.Renovar(ctx(), old, cambios, client.Llave{Ruta: *keyOut, Password: pw, Usuario: *user, Opciones: sf.opciones(*force)})
	if res != nil && res.Credencial != nil {
		// Whatever happened next, the new certificate exists: keep it.
		if _, perr := credencial.ConstruirPFX(res.Credencial.Certificate, res.Credencial.Key, res.Credencial.Chain, pw, *out, *force); perr != nil && err == nil {
			err = perr
		}
	}
	if res != nil {
		guardarCartas(*keyOut, res, *force)
	}
	if err != nil {
		return nil, err
	}
	serial := crypto.SerialHex(res.Credencial.Certificate)
	if !e.json {
		fmt.Fprintf(e.stdout, "Renovación %s: certificado nuevo %s guardado en %s (el anterior %s quedó revocado).\n",
			res.Estado.Estado, serial, *out, res.Estado.SerialAnterior)
	}
	return map[string]any{"serial": serial, "serial_anterior": res.Estado.SerialAnterior, "estado": res.Estado.Estado,
		"renovacion": res.Estado.ID, "archivo": *out, "llave": *keyOut,
		"cadena_carta_anterior": res.Estado.CadenaAnterior}, nil
}

// guardarCartas keeps the signed letters next to the new key, as the user
// would keep the downloaded ones; failing to save them is not fatal.
func guardarCartas(key string, r *client.Renovacion, force bool) {
	if len(r.CartaAceptacion) > 0 {
		credencial.Escribir(junto(key, strings.TrimSuffix(carta.TipoRenovacion.NombreArchivo(), ".pdf")+"_firmada.pdf"), r.CartaAceptacion, credencial.PermPublico, force)
	}
	if len(r.CartaTerminos) > 0 {
		credencial.Escribir(junto(key, strings.TrimSuffix(carta.TipoTerminosRenovacion.NombreArchivo(), ".pdf")+"_firmada.pdf"), r.CartaTerminos, credencial.PermPublico, force)
	}
}

func cmdAdditional(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "additional")
	sf := addServerFlags(fs)
	pfx := fs.String("pfx", "", "certificado principal .pfx")
	data := fs.String("data", "", "datos de la persona designada en JSON (ver examples/adicional.json)")
	keyOut := fs.String("key-out", "", "archivo .key de la persona")
	out := fs.String("out", "", "archivo .pfx de la persona")
	pwFile := fs.String("password-file", "", "contraseña del certificado principal (- para la entrada estándar)")
	newPwFile := fs.String("new-password-file", "", "contraseña nueva de la persona")
	force := fs.Bool("force", false, "reemplazar los archivos nuevos si ya existen")
	resume := fs.Bool("resume", false, "reanudar con la .key que ya escribió un intento anterior (no se genera otra)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("pfx", *pfx, "data", *data, "key-out", *keyOut, "out", *out); err != nil {
		return nil, err
	}
	if err := distinto(*pfx, *out); err != nil {
		return nil, err
	}
	if err := checkResume(*resume, *force); err != nil {
		return nil, err
	}
	var persona patron.Adicional
	if err := readJSONFile(*data, &persona); err != nil {
		return nil, err
	}
	c, err := sf.client()
	if err != nil {
		return nil, err
	}
	main, err := abrirPFX(e, *pfx, *pwFile)
	if err != nil {
		return nil, err
	}
	var cred *crypto.Credential
	var pw []byte
	if *resume {
		if pw, err = readPassword(e, *newPwFile, msg.Label("contrasena", e.lang), false); err != nil {
			return nil, err
		}
		defer clear(pw)
		if cred, err = c.ReanudarAdicional(ctx(), main, persona, *keyOut, pw); err != nil {
			return nil, err
		}
	} else {
		if pw, err = readPassword(e, *newPwFile, msg.Label("contrasena_nueva", e.lang), true); err != nil {
			return nil, err
		}
		defer clear(pw)
		if cred, err = c.SolicitarAdicional(ctx(), main, persona, client.Llave{Ruta: *keyOut, Password: pw, Opciones: sf.opciones(*force)}); err != nil {
			hintResume(e, *keyOut, err)
			return nil, err
		}
	}
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, pw, *out, *force); err != nil {
		return nil, err
	}
	serial := crypto.SerialHex(cred.Certificate)
	if !e.json {
		fmt.Fprintf(e.stdout, "Certificado adicional %s para %s guardado en %s (vence %s).\n", serial,
			cred.Certificate.Subject.CommonName, *out, cred.Certificate.NotAfter.Format("2006-01-02"))
	}
	return map[string]any{"serial": serial, "principal": crypto.SerialHex(main.Certificate), "archivo": *out,
		"llave": *keyOut, "no_despues": cred.Certificate.NotAfter}, nil
}

func cmdRevoke(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "revoke")
	sf := addServerFlags(fs)
	pfx := fs.String("pfx", "", "certificado .pfx a revocar")
	pwFile := fs.String("password-file", "", "contraseña del .pfx (- para la entrada estándar)")
	reason := fs.String("reason", "", "motivo: llave_comprometida, reemplazado, cese (vacío: no especificado)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("pfx", *pfx); err != nil {
		return nil, err
	}
	c, err := sf.client()
	if err != nil {
		return nil, err
	}
	cred, err := abrirPFX(e, *pfx, *pwFile)
	if err != nil {
		return nil, err
	}
	st, err := c.Revocar(ctx(), cred, *reason)
	if err != nil {
		return nil, err
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Certificado %s: %s (sus adicionales también).\n", st.Serial, st.Estado)
	}
	return map[string]any{"serial": st.Serial, "estado": st.Estado}, nil
}
