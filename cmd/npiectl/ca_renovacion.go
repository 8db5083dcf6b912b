package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/seguritools/seguritools/app/ajustes"
	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
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
	out := fs.String("out", "", "archivo .pfx nuevo (no debe existir)")
	pwFile := fs.String("password-file", "", "contraseña actual (- para la entrada estándar)")
	newPwFile := fs.String("new-password-file", "", "contraseña nueva")
	data := fs.String("data", "", "cambios de correo, teléfono y fax en JSON (ver examples/renovacion.json), opcional")
	force := fs.Bool("force", false, "reemplazar la .key nueva si ya existe")
	resume := fs.Bool("resume", false, "reanudar la renovación que un intento anterior dejó a medias con esa --key-out (no se genera otra llave)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("pfx", *pfx, "key-out", *keyOut, "out", *out); err != nil {
		return nil, err
	}
	if err := distinto(*pfx, *out); err != nil {
		return nil, err
	}
	if err := checkResume(*resume, *force); err != nil {
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
	a, err := almacen()
	if err != nil {
		return nil, err
	}
	pwOld, err := readPassword(e, *pwFile, msg.Label("contrasena", e.lang), false)
	if err != nil {
		return nil, err
	}
	defer clear(pwOld)
	var r *tramite.Renovacion
	if *resume {
		t, ok := tramite.BuscarRenovacion(a, *keyOut)
		if !ok {
			return nil, usageError{"no hay una renovación a medias con esa --key-out; sin --resume se empieza una nueva"}
		}
		r = tramite.ReanudarRenovacion(a, c, t)
	} else {
		r = tramite.NuevaRenovacion(a, c)
		aviso, err := r.Abrir(ctx(), *pfx, pwOld)
		if err != nil {
			return nil, err
		}
		if aviso != nil {
			fmt.Fprintln(e.stderr, msg.Text(aviso, e.lang))
		}
	}
	pw, err := readPassword(e, *newPwFile, msg.Label("contrasena_nueva", e.lang), !*resume)
	if err != nil {
		return nil, err
	}
	defer clear(pw)
	err = r.Completar(ctx(), tramite.DatosRenovacion{Cambios: cambios, Llave: *keyOut, Password: pw, PasswordAnterior: pwOld,
		PFX: *out, Opciones: sf.opciones(*force)})
	if err != nil {
		if r.Paso() != "" {
			hintResume(e, *keyOut, err)
		}
		return nil, err
	}
	guardarCartas(e, *keyOut, r)
	if aviso := r.AvisoSello(); aviso != nil {
		fmt.Fprintln(e.stderr, msg.Text(aviso, e.lang))
	}
	t := r.T
	if !e.json {
		fmt.Fprintf(e.stdout, "Renovación completada: certificado nuevo %s guardado en %s (el anterior quedó revocado).\n", t.Serial, *out)
	}
	res := map[string]any{"serial": t.Serial, "estado": "completada", "renovacion": t.RenovacionID, "archivo": *out, "llave": *keyOut}
	if old := r.Anterior(); old != nil {
		res["serial_anterior"] = crypto.SerialHex(old.Certificate)
	}
	a.Borrar(t.ID)
	return res, nil
}

// almacen is where npiectl keeps a procedure's progress, the same place
// as the desktop app: a renewal started in one can be seen by the other.
func almacen() (*progreso.Almacen, error) {
	dir, err := ajustes.Dir()
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	a, err := progreso.Abrir(dir)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return a, nil
}

// guardarCartas keeps the signed letters next to the new key, as the user
// would keep the downloaded ones, never over an existing file; failing to
// save them is reported but not fatal (the CA has them).
func guardarCartas(e *env, key string, r *tramite.Renovacion) {
	for _, c := range []struct{ desde, nombre string }{
		{r.CartaAceptacionFirmada(), carta.TipoRenovacion.NombreArchivo()},
		{r.T.Carta, carta.TipoTerminosRenovacion.NombreArchivo()},
	} {
		pdf, err := credencial.Leer(c.desde)
		if err == nil {
			err = credencial.Escribir(junto(key, strings.TrimSuffix(c.nombre, ".pdf")+"_firmada.pdf"), pdf, credencial.PermPublico, false)
		}
		if err != nil {
			fmt.Fprintln(e.stderr, msg.Text(err, e.lang))
		}
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
		if cred, err = tramite.ReanudarAdicional(ctx(), c, main, persona, *keyOut, pw); err != nil {
			return nil, err
		}
	} else {
		if pw, err = readPassword(e, *newPwFile, msg.Label("contrasena_nueva", e.lang), true); err != nil {
			return nil, err
		}
		defer clear(pw)
		if cred, err = tramite.SolicitarAdicional(ctx(), c, main, persona, tramite.Llave{Ruta: *keyOut, Password: pw, Opciones: sf.opciones(*force)}); err != nil {
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
