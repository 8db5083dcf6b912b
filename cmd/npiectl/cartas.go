package main

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/ajustes"
	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/firma"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/tramite"
	"github.com/seguritools/seguritools/crypto"
)

func init() {
	register("letter make", "genera una carta en PDF (vista previa o pruebas)", cmdLetterMake)
	register("letter sign", "firma una carta PDF con el .pfx", cmdLetterSign)
	register("letter verify", "verifica las firmas de una carta PDF", cmdLetterVerify)
}

// generador returns the letter generator over the app's config directory.
func generador() (*carta.Generador, error) {
	dir, err := ajustes.Dir()
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	g, err := carta.NuevoGenerador(dir)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return g, nil
}

// decodeStrict decodes JSON refusing unknown fields, with a user error.
func decodeStrict(path string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return msg.Wrap(err, msg.CodeDatosInvalidos, path, motivoJSON(err))
	}
	return nil
}

// motivoJSON says in catalogue terms why a data file's JSON was refused.
func motivoJSON(err error) *msg.Error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return msg.New(msg.CodeMotivoJSONSintaxis, se.Offset)
	case errors.As(err, &te):
		return msg.New(msg.CodeMotivoCampoTipo, te.Field)
	}
	// encoding/json has no type for an unknown field; its message names it.
	if campo, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return msg.New(msg.CodeMotivoCampoExtra, strings.Trim(campo, `"`))
	}
	return msg.New(msg.CodeMotivoJSONInvalido)
}

// motivoCarta says in catalogue terms why a letter could not be made.
func motivoCarta(err error) *msg.Error {
	var f *carta.ErrFaltan
	if errors.As(err, &f) {
		return msg.New(msg.CodeMotivoCartaFaltan, strings.Join(f.Campos, ", "))
	}
	return msg.New(msg.CodeMotivoCartaDatos)
}

// leerSolicitud reads employer data: a Solicitud (examples/solicitud.json)
// or the "solicitud" of a full letter data file.
func leerSolicitud(path string) (patron.Solicitud, *carta.Datos, error) {
	data, err := readAll(path)
	if err != nil {
		return patron.Solicitud{}, nil, err
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return patron.Solicitud{}, nil, msg.Wrap(err, msg.CodeDatosInvalidos, path, motivoJSON(err))
	}
	if _, ok := probe["solicitud"]; ok {
		var d carta.Datos
		if err := decodeStrict(path, data, &d); err != nil {
			return patron.Solicitud{}, nil, err
		}
		return d.Solicitud, &d, nil
	}
	var s patron.Solicitud
	if err := decodeStrict(path, data, &s); err != nil {
		return patron.Solicitud{}, nil, err
	}
	return s, nil, nil
}

// llavePublica returns the SubjectPublicKeyInfo of a .cer or .req file.
func llavePublica(path string) ([]byte, *x509.Certificate, error) {
	data, err := readAll(path)
	if err != nil {
		return nil, nil, err
	}
	if c, err := crypto.ParseCertificate(data); err == nil {
		return c.RawSubjectPublicKeyInfo, c, nil
	}
	r, err := crypto.ParseRequest(data)
	if err != nil {
		return nil, nil, msg.Wrap(err, msg.CodeReqDanado, path)
	}
	return r.RawSubjectPublicKeyInfo, nil, nil
}

// llaveDePrueba makes a throw-away public key for a preview letter.
func llaveDePrueba() ([]byte, error) {
	k, err := crypto.GenerateKey(2048, nil)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return x509.MarshalPKIXPublicKey(&k.PublicKey)
}

func cmdLetterMake(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "letter make")
	tipo := fs.String("type", "", "terminos | renovacion | terminos-renovacion | constancia")
	dataF := fs.String("data", "", "datos del patrón (examples/solicitud.json) o de la carta completa")
	changes := fs.String("changes", "", "cambios de correo/teléfono/fax (examples/renovacion.json)")
	out := fs.String("out", "", "archivo PDF a crear")
	force := fs.Bool("force", false, "reemplazar el archivo si ya existe")
	npie := fs.String("npie", "", "NPIE a imprimir")
	folioS := fs.String("folio", "", "folio (32 dígitos hexadecimales); por omisión uno nuevo")
	fecha := fs.String("date", "", "fecha AAAA-MM-DD; por omisión hoy")
	pub := fs.String("pub", "", ".cer o .req cuya llave pública imprimir (la nueva en renovación)")
	oldPub := fs.String("old-pub", "", ".cer anterior (renovación)")
	signed := fs.String("signed-letter", "", "Carta de Aceptación de Renovación firmada (para su Cadena de Identificación)")
	cer := fs.String("cer", "", "certificado entregado (constancia)")
	clerk := fs.String("clerk", "", "funcionario que entrega (constancia)")
	office := fs.String("office", "", "subdelegación (constancia)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("type", *tipo, "data", *dataF, "out", *out); err != nil {
		return nil, err
	}
	t, err := carta.ParseTipo(*tipo)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeTipoCarta, *tipo)
	}
	sol, datos, err := leerSolicitud(*dataF)
	if err != nil {
		return nil, err
	}
	if *changes != "" {
		var c patron.Cambios
		if err := readJSONFile(*changes, &c); err != nil {
			return nil, err
		}
		sol = sol.ConCambios(c)
	}
	when := time.Now()
	if *fecha != "" {
		if when, err = time.ParseInLocation("2006-01-02", *fecha, time.Local); err != nil {
			return nil, usageError{"--date debe ser AAAA-MM-DD"}
		}
	}
	preview := false
	g, err := generador()
	if err != nil {
		return nil, err
	}
	var pdf []byte
	var folio carta.Folio
	if t == carta.TipoConstancia {
		if err := need("cer", *cer); err != nil {
			return nil, err
		}
		c, err := credencial.AbrirCertificado(*cer)
		if err != nil {
			return nil, err
		}
		pdf, err = g.Constancia(carta.DatosConstancia{Empresa: sol.Empresa, Representante: sol.Representante,
			NPIE: *npie, NumeroSerie: crypto.SerialHex(c), VigenciaDesde: c.NotBefore, VigenciaHasta: c.NotAfter,
			Funcionario: *clerk, Subdelegacion: *office, Fecha: when})
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeDatosInvalidos, *dataF, motivoCarta(err))
		}
	} else {
		d := carta.Datos{Solicitud: sol, Fecha: when, NPIE: *npie}
		if datos != nil {
			d = *datos
			d.Solicitud = sol
		}
		if *npie != "" {
			d.NPIE = *npie
		}
		if *folioS != "" {
			if d.Folio, err = carta.ParseFolio(*folioS); err != nil {
				return nil, usageError{"--folio debe tener 32 dígitos hexadecimales"}
			}
		} else if d.Folio.IsZero() {
			if d.Folio, err = carta.NuevoFolio(); err != nil {
				return nil, msg.Wrap(err, msg.CodeInterno)
			}
		}
		if *pub != "" {
			if d.LlavePublica, _, err = llavePublica(*pub); err != nil {
				return nil, err
			}
		}
		if *oldPub != "" {
			if d.LlavePublicaAnterior, _, err = llavePublica(*oldPub); err != nil {
				return nil, err
			}
		}
		if *signed != "" {
			b, err := readAll(*signed)
			if err != nil {
				return nil, err
			}
			d.CadenaCartaAnterior = carta.CadenaIdentificacion(b)
		}
		// A preview without the real values is marked as such in the output.
		if d.LlavePublica == nil {
			preview = true
			if d.LlavePublica, err = llaveDePrueba(); err != nil {
				return nil, err
			}
		}
		if t == carta.TipoRenovacion && d.LlavePublicaAnterior == nil {
			preview = true
			if d.LlavePublicaAnterior, err = llaveDePrueba(); err != nil {
				return nil, err
			}
		}
		if t == carta.TipoTerminosRenovacion && d.CadenaCartaAnterior == "" {
			preview = true
			d.CadenaCartaAnterior = carta.CadenaIdentificacion(nil)
		}
		if d.NPIE == "" {
			preview = true
			d.NPIE = "00000000000"
		}
		folio = d.Folio
		if pdf, err = g.Generar(t, d); err != nil {
			return nil, msg.Wrap(err, msg.CodeDatosInvalidos, *dataF, motivoCarta(err))
		}
	}
	if err := credencial.Escribir(*out, pdf, credencial.PermPublico, *force); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(pdf)
	if !e.json {
		fmt.Fprintf(e.stdout, "%s guardada en %s\n", t.Titulo(), *out)
		if preview {
			fmt.Fprintln(e.stdout, "Vista previa: los datos que faltaron (llave pública, NPIE o cadena) son de prueba.")
		}
	}
	res := map[string]any{"archivo": *out, "tipo": string(t), "sha256": hex.EncodeToString(sum[:]), "vista_previa": preview}
	if !folio.IsZero() {
		res["folio"] = folio.String()
	}
	return res, nil
}

func cmdLetterSign(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "letter sign")
	in := fs.String("in", "", "carta PDF a firmar")
	pfxF := fs.String("pfx", "", "su archivo .pfx")
	out := fs.String("out", "", "carta firmada a crear")
	pwFile := fs.String("password-file", "", "archivo con la contraseña del .pfx (- para la entrada estándar)")
	visible := fs.Bool("visible", false, "agregar un sello visible en la última página")
	reason := fs.String("reason", "", "motivo de la firma")
	location := fs.String("location", "", "lugar de la firma")
	force := fs.Bool("force", false, "reemplazar el archivo si ya existe")
	tsa := fs.String("tsa", "", "URL de una autoridad de sellado de tiempo RFC 3161 (por omisión, la de --server)")
	noTSA := fs.Bool("no-tsa", false, "firmar sin sello de tiempo (nivel B-B)")
	lt := fs.Bool("lt", false, "agregar los certificados y las CRL en un DSS (nivel B-LT; no para cartas que se envían a la CA)")
	lta := fs.Bool("lta", false, "como --lt y además un sello de tiempo del documento (nivel B-LTA)")
	server := fs.String("server", os.Getenv("NPIE_SERVER"), "URL https del servidor refca, cuya TSA se usa (o NPIE_SERVER)")
	serverRoots := fs.String("roots", os.Getenv("NPIE_ROOTS"), "certificado raíz del servidor en PEM (o NPIE_ROOTS)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("in", *in, "pfx", *pfxF, "out", *out); err != nil {
		return nil, err
	}
	o := firma.Opciones{Motivo: *reason, Lugar: *location, Visible: *visible, TSA: *tsa, LT: *lt, LTA: *lta}
	if !*noTSA && *server != "" {
		c, err := serverFlags{server: server, roots: serverRoots}.client()
		if err != nil {
			return nil, err
		}
		// refca's TSA through the pinned client; another URL goes plain.
		if o.TSA == "" || o.TSA == c.URLTSA() {
			o.TSA, o.HTTP = c.URLTSA(), c.HTTP()
		}
	}
	if *noTSA {
		o.TSA = ""
	}
	pdf, err := readAll(*in)
	if err != nil {
		return nil, err
	}
	pw, err := readPassword(e, *pwFile, msg.Label("contrasena", e.lang), false)
	if err != nil {
		return nil, err
	}
	cred, err := credencial.AbrirPFX(*pfxF, pw)
	clear(pw)
	if err != nil {
		return nil, err
	}
	signed, aviso, err := firma.Firmar(pdf, *in, cred, o)
	if err != nil {
		return nil, err
	}
	nivel := crypto.LevelBB
	if rs, err := crypto.VerifyPDF(signed, nil); err == nil {
		// The newest signature, before any document time stamp.
		for i := len(rs) - 1; i >= 0; i-- {
			if rs[i].Level != "" {
				nivel = rs[i].Level
				break
			}
		}
	}
	if err := credencial.Escribir(*out, signed, credencial.PermPublico, *force); err != nil {
		return nil, err
	}
	info := crypto.Describe(cred.Certificate, time.Now())
	if aviso != nil {
		fmt.Fprintln(e.stderr, msg.Text(aviso, e.lang))
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Carta firmada por %s (RFC %s), nivel %s, guardada en %s\n", info.Nombre, info.RFC, nivel, *out)
	}
	res := map[string]any{"archivo": *out, "firmante": info.Nombre, "rfc": info.RFC, "serie": info.Serial,
		"cadena_identificacion": carta.CadenaIdentificacion(signed), "nivel": nivel}
	if me := (*msg.Error)(nil); errors.As(aviso, &me) {
		res["aviso"] = map[string]any{"code": me.Code, "message": me.Text(e.lang)}
	}
	return res, nil
}

func cmdLetterVerify(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "letter verify")
	in := fs.String("in", "", "carta PDF firmada")
	rootsF := fs.String("roots", "", "certificados raíz de confianza (PEM)")
	server := fs.String("server", "", "URL https de refca, a la que se pregunta si el certificado está revocado (con --roots)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("in", *in); err != nil {
		return nil, err
	}
	pdf, err := readAll(*in)
	if err != nil {
		return nil, err
	}
	var roots *x509.CertPool
	if *rootsF != "" {
		cs, err := credencial.AbrirCadena(*rootsF)
		if err != nil {
			return nil, err
		}
		roots = x509.NewCertPool()
		for _, c := range cs {
			roots.AddCert(c)
		}
	}
	vo := firma.OpcionesVerificar{Raices: roots}
	if *server != "" {
		c, err := serverFlags{server: server, roots: rootsF}.client()
		if err != nil {
			return nil, err
		}
		vo.Estado = tramite.EstadoCA(ctx(), c)
	}
	rs, err := firma.VerificarCon(pdf, *in, vo, e.lang)
	if err != nil {
		return nil, err
	}
	var bad *firma.Resultado
	for i := range rs {
		if !e.json {
			printFirma(e, i+1, rs[i])
		}
		if !rs[i].Valida && bad == nil {
			bad = &rs[i]
		}
	}
	if bad != nil {
		// Scripts get every signature's block with the error.
		if e.json {
			writeJSON(e.stdout, map[string]any{"ok": false, "archivo": *in, "firmas": rs, "valida": false,
				"error": map[string]any{"code": bad.Codigo, "message": bad.Problema}})
			e.json = false
		}
		return nil, bad.Error
	}
	return map[string]any{"archivo": *in, "firmas": rs, "valida": true}, nil
}

func printFirma(e *env, n int, r firma.Resultado) {
	yes := func(b bool) string {
		if b {
			return "sí"
		}
		return "NO"
	}
	fmt.Fprintf(e.stdout, "Firma %d: %s\n  Firmante:  %s\n  RFC:       %s\n  Serie:     %s\n  Fecha:     %s\n",
		n, r.Campo, r.Firmante, r.RFC, r.Serie, r.Fecha.Format(time.RFC3339))
	fmt.Fprintf(e.stdout, "  Íntegra:   %s\n  Firma:     %s\n", yes(r.IntegridadOK), yes(r.FirmaOK))
	if r.CadenaRevisada {
		fmt.Fprintf(e.stdout, "  Confiable: %s\n", yes(r.CadenaOK))
	} else {
		fmt.Fprintln(e.stdout, "  Confiable: no revisado (use --roots)")
	}
	fmt.Fprintf(e.stdout, "  Cubre todo el archivo: %s\n", yes(r.CubreTodo))
	if r.Nivel != "" {
		fmt.Fprintf(e.stdout, "  Nivel:     %s\n", r.Nivel)
	}
	if r.Sello != nil {
		fmt.Fprintf(e.stdout, "  Sello de tiempo: %s\n", r.Sello.Format(time.RFC3339))
	}
	if r.Revocado != nil {
		fmt.Fprintf(e.stdout, "  Revocado:  %s\n", r.Revocado.Format(time.RFC3339))
	}
	if r.Valida && r.Nota != "" {
		fmt.Fprintf(e.stdout, "  Resultado: VÁLIDA — %s\n", r.Nota)
	} else if r.Valida {
		fmt.Fprintln(e.stdout, "  Resultado: VÁLIDA")
	} else {
		fmt.Fprintf(e.stdout, "  Resultado: NO VÁLIDA — %s\n", r.Problema)
	}
}
