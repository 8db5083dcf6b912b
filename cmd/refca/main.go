// Command refca is the reference certificate authority of SeguriTools: the
// IMSS side of every procedure, over HTTPS.
//
//	refca init  --data DIR [--db postgres://…] [--root-password-file FILE] [--password-file FILE] [--pkcs11-module MODULO.so --pkcs11-token ETIQUETA --pkcs11-pin-file FILE] [--name HOST ...] [--http-url http://HOST:PORT] [--validity-days 730] [--subdelegacion "León, Gto."]
//	refca config --data DIR --subdelegacion "León, Gto."
//	refca serve --data DIR [--db postgres://…] [--password-file FILE] [--pkcs11-module MODULO.so --pkcs11-token ETIQUETA --pkcs11-pin-file FILE] [--addr 127.0.0.1:8443] [--url https://HOST:PORT] [--http-addr 127.0.0.1:8444] [--http-url http://HOST:PORT]
//	refca clerk add --data DIR [--db postgres://…] --user NAME --nombre "NOMBRE COMPLETO" [--password-file FILE]
//	refca clerk list --data DIR [--db postgres://…]
//	refca clerk disable --data DIR [--db postgres://…] --user NAME
//	refca clerk passwd --data DIR [--db postgres://…] --user NAME [--password-file FILE]
//	refca root  --data DIR
//	refca root-crl --data DIR [--root-password-file FILE]
//	refca audit verify --data DIR [--db postgres://…]
//
// init makes the root and the issuing CA, each key encrypted with its own
// password (asked in the terminal, or read from a file; never an
// argument). Only init and root-crl use the root's key; serve asks for
// the issuing CA's password, or reads it from --password-file.
//
// With --pkcs11-module, --pkcs11-token and --pkcs11-pin-file, init
// generates the issuing CA's key inside that PKCS#11 token (sensitive,
// not extractable) instead of a file, and serve signs everything the
// issuing CA signs with it; the token's PIN, like a password, is read from
// a file or the terminal, never an argument. Only a refca built with cgo
// (the Linux one) has PKCS#11.
//
// serve prints "refca: https://ADDR" and then "refca: revocación
// http://ADDR" (the plain-HTTP listener of the CRL, OCSP and CA
// certificates) on standard output once it accepts connections, and stops
// cleanly on SIGINT or SIGTERM.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/seguritools/seguritools/app/api"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/hsm"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/store"
	"github.com/seguritools/seguritools/app/store/postgres"
	"github.com/seguritools/seguritools/app/store/sqlite"
	"github.com/seguritools/seguritools/internal/fsutil"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "refca:", ue)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "refca:", msg.Text(err, msg.LangFromEnv()))
		var me *msg.Error
		if !errors.As(err, &me) {
			fmt.Fprintln(os.Stderr, "refca:", err)
		} else if me.Err != nil {
			fmt.Fprintln(os.Stderr, "refca: causa:", me.Err)
		}
		os.Exit(1)
	}
}

type usageError string

func (u usageError) Error() string { return string(u) }

const usage = `uso:
  refca init  --data DIR [--db postgres://…] [--root-password-file FILE] [--password-file FILE] [--pkcs11-module MODULO.so --pkcs11-token ETIQUETA --pkcs11-pin-file FILE] [--name HOST ...] [--http-url http://HOST:PORT] [--validity-days 730] [--subdelegacion "León, Gto."]
  refca config --data DIR --subdelegacion "León, Gto."
  refca serve --data DIR [--db postgres://…] [--password-file FILE] [--pkcs11-module MODULO.so --pkcs11-token ETIQUETA --pkcs11-pin-file FILE] [--addr 127.0.0.1:8443] [--url https://HOST:PORT] [--http-addr 127.0.0.1:8444] [--http-url http://HOST:PORT] [--tsa=false]
  refca clerk add --data DIR [--db postgres://…] --user NAME --nombre "NOMBRE COMPLETO" [--password-file FILE]
  refca clerk list --data DIR [--db postgres://…]
  refca clerk disable --data DIR [--db postgres://…] --user NAME
  refca clerk passwd --data DIR [--db postgres://…] --user NAME [--password-file FILE]
  refca root  --data DIR
  refca root-crl --data DIR [--root-password-file FILE]
  refca audit verify --data DIR [--db postgres://…]`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError(usage)
	}
	switch {
	case args[0] == "init":
		return cmdInit(args[1:], stdin, stdout, stderr)
	case args[0] == "serve":
		return cmdServe(args[1:], stdin, stdout, stderr)
	case args[0] == "root":
		return cmdRoot(args[1:], stdout, stderr)
	case args[0] == "root-crl":
		return cmdRootCRL(args[1:], stdin, stdout, stderr)
	case args[0] == "config":
		return cmdConfig(args[1:], stdout, stderr)
	case args[0] == "audit" && len(args) > 1 && args[1] == "verify":
		return cmdAuditVerify(args[2:], stdout, stderr)
	case args[0] == "clerk" && len(args) > 1 && args[1] == "add":
		return cmdClerkAdd(args[2:], stdin, stderr)
	case args[0] == "clerk" && len(args) > 1 && args[1] == "list":
		return cmdClerkList(args[2:], stdout, stderr)
	case args[0] == "clerk" && len(args) > 1 && args[1] == "disable":
		return cmdClerkCambio(args[1], args[2:], stdin, stdout, stderr)
	case args[0] == "clerk" && len(args) > 1 && args[1] == "passwd":
		return cmdClerkCambio(args[1], args[2:], stdin, stdout, stderr)
	}
	return usageError(usage)
}

type listaFlag []string

func (l *listaFlag) String() string     { return strings.Join(*l, ",") }
func (l *listaFlag) Set(s string) error { *l = append(*l, s); return nil }

// flagBase adds --db to a command that opens the CA's records.
func flagBase(fs *flag.FlagSet) *string {
	return fs.String("db", "", "URL postgres://… de la base PostgreSQL de la CA (por omisión, el archivo SQLite en --data; las llaves siguen en --data)")
}

func flags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("refca "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "directorio de datos de la CA")
	return fs, data
}

func cmdInit(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, data := flags("init", stderr)
	dbURL := flagBase(fs)
	var names listaFlag
	fs.Var(&names, "name", "nombre DNS o IP adicional del certificado TLS (repetible)")
	rootPw := fs.String("root-password-file", "", "archivo con la contraseña que cifra la llave de la raíz (- para la entrada estándar; sin él, se pide en la terminal)")
	pwFile := fs.String("password-file", "", "archivo con la contraseña que cifra la llave de la CA emisora, la que pide serve (- para la entrada estándar; sin él, se pide en la terminal)")
	httpURL := fs.String("http-url", "", "URL pública http donde serve publicará la CRL y el certificado de la raíz (por omisión, http://NOMBRE:8444 con el primer --name, o http://127.0.0.1:8444: la de serve con sus direcciones por omisión)")
	days := fs.Int("validity-days", 730, "vigencia de los certificados emitidos, en días")
	sub := fs.String("subdelegacion", ca.SubdelegacionOmision, "subdelegación del IMSS que representa esta CA: lugar de las cartas y oficina de la Constancia")
	token := flagsToken(fs)
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" {
		return usageError("falta --data")
	}
	if *days < 1 || *days > 3650 {
		return usageError("--validity-days debe estar entre 1 y 3650")
	}
	if *rootPw == "-" && (*pwFile == "-" || *token.pinFile == "-") {
		return usageError("solo una de --root-password-file, --password-file y --pkcs11-pin-file puede ser la entrada estándar")
	}
	if token.usado() && *pwFile != "" {
		return usageError("--password-file no se usa con --pkcs11-module: la llave de la CA emisora queda en el token, protegida por su PIN")
	}
	if token.usado() && !hsm.Disponible {
		// Before asking for the root's password in vain.
		return msg.New(msg.CodeHSMSinSoporte)
	}
	pwRaiz, err := contrasenaCA(*rootPw, "--root-password-file", "Contraseña de la llave de la raíz", stdin, stderr)
	if err != nil {
		return err
	}
	urlRev := *httpURL
	if urlRev == "" && len(names) > 0 {
		urlRev = "http://" + net.JoinHostPort(names[0], "8444")
	}
	if token.usado() {
		return iniciarEnToken(*data, *dbURL, ca.OpcionesInit{Nombres: names, ValidezDias: *days, Subdelegacion: *sub,
			ContrasenaRaiz: pwRaiz, URLRevocacion: urlRev}, token, stdin, stdout, stderr)
	}
	pwEmisor, err := contrasenaCA(*pwFile, "--password-file", "Contraseña de la llave de la CA emisora", stdin, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, "refca: generando la raíz y la CA emisora (RSA-3072)…")
	if err := inicializar(*data, *dbURL, ca.OpcionesInit{Nombres: names, ValidezDias: *days, Subdelegacion: *sub,
		ContrasenaRaiz: pwRaiz, ContrasenaEmisor: pwEmisor, URLRevocacion: urlRev}); err != nil {
		return err
	}
	m, err := ca.Cargar(*data, pwEmisor)
	if err != nil {
		return err
	}
	if _, err := ca.CargarTSA(*data, m, nil); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "refca: CA creada en %s; raíz para los clientes: %s\n", *data, filepath.Join(*data, ca.ArchivoRaiz))
	return nil
}

func cmdConfig(args []string, stdout, stderr io.Writer) error {
	fs, data := flags("config", stderr)
	sub := fs.String("subdelegacion", "", "subdelegación del IMSS que representa esta CA, p. ej. \"León, Gto.\"")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" || strings.TrimSpace(*sub) == "" {
		return usageError("faltan --data y --subdelegacion")
	}
	if err := ca.GuardarSubdelegacion(*data, *sub); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "refca: subdelegación %q; reinicie refca serve para usarla\n", strings.Join(strings.Fields(*sub), " "))
	return nil
}

func cmdRoot(args []string, stdout, stderr io.Writer) error {
	fs, data := flags("root", stderr)
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" {
		return usageError("falta --data")
	}
	b, err := os.ReadFile(filepath.Join(*data, ca.ArchivoRaiz))
	if err != nil {
		return msg.Wrap(err, msg.CodeArchivoNoLeido, filepath.Join(*data, ca.ArchivoRaiz))
	}
	_, err = stdout.Write(b)
	return err
}

// cmdRootCRL signs the root's CRL again (it lasts a year): the one use
// of the root's key after init.
func cmdRootCRL(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, data := flags("root-crl", stderr)
	rootPw := fs.String("root-password-file", "", "archivo con la contraseña de la llave de la raíz (- para la entrada estándar; sin él, se pide en la terminal)")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" {
		return usageError("falta --data")
	}
	pw, err := leerContrasenaCon(*rootPw, "Contraseña de la llave de la raíz", false, stdin, stderr)
	if err != nil {
		return err
	}
	err = ca.RenovarCRLRaiz(*data, pw, time.Now())
	clear(pw)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "refca: CRL de la raíz firmada de nuevo en %s; reinicie refca serve para publicarla\n", filepath.Join(*data, ca.ArchivoCRLRaiz))
	return nil
}

func cmdClerkAdd(args []string, stdin io.Reader, stderr io.Writer) error {
	fs, data := flags("clerk add", stderr)
	dbURL := flagBase(fs)
	user := fs.String("user", "", "usuario de ventanilla")
	nombre := fs.String("nombre", "", "nombre completo del funcionario, como se imprime en la Constancia de recepción")
	pwFile := fs.String("password-file", "", "archivo con la contraseña (- para la entrada estándar)")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" || *user == "" || strings.TrimSpace(*nombre) == "" {
		return usageError("faltan --data, --user y --nombre")
	}
	pw, err := leerContrasena(*pwFile, stdin, stderr)
	if err != nil {
		return err
	}
	db, err := abrirBase(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	return ca.AgregarClerk(context.Background(), db, *user, *nombre, pw, ca.Origen{Quien: "admin:" + osUser(), Desde: "local"})
}

// cmdAuditVerify walks the audit hash chain and names the first broken
// link; on success it prints the count and the last hash, to be kept
// elsewhere so that records cut from the end are noticed too.
func cmdAuditVerify(args []string, stdout, stderr io.Writer) error {
	fs, data := flags("audit verify", stderr)
	dbURL := flagBase(fs)
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" {
		return usageError("falta --data")
	}
	db, err := abrirBase(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	n, ultimo, err := db.VerificarAuditoria(context.Background())
	var roto *store.EslabonRoto
	if errors.As(err, &roto) {
		return msg.Wrap(err, msg.CodeAuditoriaAlterada, roto.ID)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "refca: bitácora íntegra: %d registros; hash del último: %x\n", n, ultimo)
	return nil
}

func cmdClerkList(args []string, stdout, stderr io.Writer) error {
	fs, data := flags("clerk list", stderr)
	dbURL := flagBase(fs)
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" {
		return usageError("falta --data")
	}
	db, err := abrirBase(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := ca.Clerks(context.Background(), db)
	if err != nil {
		return err
	}
	for _, c := range cs {
		estado := "activo"
		if c.Deshabilitado {
			estado = "deshabilitado"
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", c.Usuario, estado, c.Creado.Format("2006-01-02"), c.Nombre)
	}
	return nil
}

// cmdClerkCambio is `clerk disable` and `clerk passwd`: both end the
// account's open sessions at their next call, even in a running serve.
func cmdClerkCambio(cual string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, data := flags("clerk "+cual, stderr)
	dbURL := flagBase(fs)
	user := fs.String("user", "", "usuario de ventanilla")
	var pwFile *string
	if cual == "passwd" {
		pwFile = fs.String("password-file", "", "archivo con la contraseña nueva (- para la entrada estándar)")
	}
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" || *user == "" {
		return usageError("faltan --data y --user")
	}
	var pw []byte
	if cual == "passwd" {
		var err error
		if pw, err = leerContrasena(*pwFile, stdin, stderr); err != nil {
			return err
		}
	}
	db, err := abrirBase(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	o := ca.Origen{Quien: "admin:" + osUser(), Desde: "local"}
	if cual == "passwd" {
		err = ca.CambiarContrasenaClerk(context.Background(), db, *user, pw, o)
	} else {
		err = ca.DeshabilitarClerk(context.Background(), db, *user, o)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "refca: usuario %s: listo; sus sesiones abiertas terminaron\n", *user)
	return nil
}

func osUser() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "?"
}

// contrasenaCA reads the password of a CA key for init: from file, or
// asked twice in the terminal; at least 12 characters.
func contrasenaCA(file, flag, prompt string, stdin io.Reader, stderr io.Writer) ([]byte, error) {
	pw, err := leerContrasenaCon(file, prompt, true, stdin, stderr)
	if err != nil {
		return nil, err
	}
	if len([]rune(string(pw))) < 12 {
		return nil, msg.New(msg.CodeContrasenaCACorta, flag)
	}
	return pw, nil
}

func leerContrasena(file string, stdin io.Reader, stderr io.Writer) ([]byte, error) {
	return leerContrasenaCon(file, "Contraseña", true, stdin, stderr)
}

// leerContrasenaCon reads a password from file ("-": standard input, up
// to the first line break) or, without one, from the terminal with prompt,
// twice when confirmar.
func leerContrasenaCon(file, prompt string, confirmar bool, stdin io.Reader, stderr io.Writer) ([]byte, error) {
	if file != "" {
		var b []byte
		var err error
		if file == "-" {
			b, err = io.ReadAll(io.LimitReader(stdin, 4096))
		} else {
			b, err = os.ReadFile(file)
		}
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeArchivoContrasena, file)
		}
		if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
			b = b[:i]
		}
		return b, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, msg.New(msg.CodeSinTerminal)
	}
	fmt.Fprint(stderr, prompt+": ")
	a, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeSinTerminal)
	}
	if !confirmar {
		return a, nil
	}
	fmt.Fprint(stderr, "Confirme la contraseña: ")
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeSinTerminal)
	}
	if !bytes.Equal(a, b) {
		return nil, msg.New(msg.CodeContrasenasDistintas)
	}
	return a, nil
}

func cmdServe(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, data := flags("serve", stderr)
	dbURL := flagBase(fs)
	pwFile := fs.String("password-file", "", "archivo con la contraseña de la llave de la CA emisora (- para la entrada estándar; sin él, se pide en la terminal)")
	addr := fs.String("addr", "127.0.0.1:8443", "dirección de escucha (HTTPS)")
	public := fs.String("url", "", "URL pública https de este servidor (por omisión, la de --addr)")
	httpAddr := fs.String("http-addr", "", "dirección de escucha HTTP simple, solo CRL, OCSP y certificados de la CA (por omisión, la de --addr con el puerto siguiente)")
	httpURL := fs.String("http-url", "", "URL pública http de la CRL y el OCSP (por omisión, la de --http-addr)")
	porHora := fs.Float64("solicitudes-por-hora", 60, "solicitudes nuevas por hora desde una misma dirección, tras 20 seguidas (0: sin límite)")
	maxPend := fs.Int("max-pendientes", 5000, "solicitudes pendientes a la vez, de todos; al llegar, VENTANILLA_LLENA (503)")
	verbose := fs.Bool("v", false, "registra cada petición (sin cuerpos ni credenciales)")
	conTSA := fs.Bool("tsa", true, "sellos de tiempo RFC 3161 en POST /tsa (el certificado de la TSA se emite si falta)")
	token := flagsToken(fs)
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *data == "" {
		return usageError("falta --data")
	}
	var m *ca.Material
	// A directory that cannot say where its key is is left to ca.Cargar
	// to report.
	lt, errToken := ca.LlaveEnToken(*data)
	switch {
	case errToken == nil && lt != nil:
		var tok *hsm.Token
		var err error
		if m, tok, err = cargarDeToken(*data, lt, token, stdin, stderr); err != nil {
			return err
		}
		// Open while serving: every signature of the issuing CA is the token's.
		defer tok.Cerrar()
	case errToken == nil && token.usado():
		return msg.New(msg.CodeHSMNoUsado, *data)
	default:
		// An older data directory, or one whose keys init left
		// unencrypted, needs no password.
		var pw []byte
		var err error
		if ca.LlaveEmisorCifrada(*data) {
			if pw, err = leerContrasenaCon(*pwFile, "Contraseña de la llave de la CA emisora", false, stdin, stderr); err != nil {
				return err
			}
		}
		m, err = ca.Cargar(*data, pw)
		clear(pw)
		if err != nil {
			return err
		}
	}
	db, err := abrirBase(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var tsa *ca.TSA
	if *conTSA {
		if tsa, err = ca.CargarTSA(*data, m, nil); err != nil {
			return err
		}
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := *public
	if base == "" {
		base = "https://" + urlHost(ln.Addr().(*net.TCPAddr), m.Ajustes.Nombres)
	}
	if *httpAddr == "" {
		*httpAddr = puertoSiguiente(*addr, ln.Addr().(*net.TCPAddr))
	}
	hln, err := net.Listen("tcp", *httpAddr)
	if err != nil {
		ln.Close()
		return err
	}
	defer hln.Close()
	baseHTTP := *httpURL
	if baseHTTP == "" {
		baseHTTP = "http://" + urlHost(hln.Addr().(*net.TCPAddr), m.Ajustes.Nombres)
	}
	a, err := ca.New(db, m, ca.Config{URLBase: base, URLRevocacion: baseHTTP, Validez: time.Duration(m.Ajustes.ValidezDias) * 24 * time.Hour,
		DiasPlazo: m.Ajustes.DiasPlazo, Subdelegacion: m.Ajustes.Subdelegacion, DirCartas: filepath.Join(*data, "pdfcpu"),
		MaxPendientes: *maxPend})
	if err != nil {
		ln.Close()
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		t := time.NewTicker(10 * time.Minute)
		defer t.Stop()
		for {
			if err := a.CancelarVencidas(ctx); err != nil && ctx.Err() == nil {
				log.Error("cancelar vencidas", "err", err)
			}
			if _, err := a.Purgar(ctx); err != nil && ctx.Err() == nil {
				log.Error("purgar estado compartido", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	o := api.Options{Logger: log, SolicitudRate: *porHora / 3600, SolicitudBurst: 20, TSA: tsa}
	if *porHora <= 0 {
		o.SolicitudRate = -1
	}
	srv := api.New(a, o)
	errc := make(chan error, 1)
	go func() { errc <- srv.ServeRevocacion(ctx, hln) }()
	fmt.Fprintf(stdout, "refca: %s\n", base)
	fmt.Fprintf(stdout, "refca: revocación %s\n", baseHTTP)
	if u := m.Emisor.CRLDistributionPoints; len(u) > 0 && !strings.HasPrefix(u[0], baseHTTP+"/") {
		// Relying parties that collect validation data (B-LT) fetch the
		// root's CRL where the issuing CA's certificate says, fixed at init.
		log.Warn("la CA emisora indica la CRL de la raíz en otra URL que la de --http-url; use allí la misma que en init (--http-url)",
			"crl_raiz", u[0], "url_revocacion", baseHTTP)
	}
	log.Info("refca sirviendo", "addr", ln.Addr().String(), "url", base, "http", hln.Addr().String(), "url_revocacion", baseHTTP)
	err = srv.Serve(ctx, ln, m.TLS)
	stop()
	return errors.Join(err, <-errc)
}

// puertoSiguiente is the default plain-HTTP address: the HTTPS one's host
// with the next port, or any port when the HTTPS one was asked as :0.
func puertoSiguiente(pedida string, real *net.TCPAddr) string {
	host, port, err := net.SplitHostPort(pedida)
	if err != nil || port == "0" {
		return net.JoinHostPort(host, "0")
	}
	return net.JoinHostPort(host, fmt.Sprint(real.Port+1))
}

// base is what refca needs of a store: the records, and the check of
// the audit chain.
type base interface {
	store.Store
	VerificarAuditoria(ctx context.Context) (int64, []byte, error)
}

// inicializar creates the data directory and its database (the SQLite
// file in it, or the schema in the PostgreSQL database dbURL): from then
// on the database must exist (abrirBase), so a lost one is noticed. A
// PostgreSQL database is checked first, so that an unreachable or
// occupied one leaves no half-made data directory.
func inicializar(dir, dbURL string, o ca.OpcionesInit) error {
	if dbURL == "" {
		if err := ca.Inicializar(dir, o); err != nil {
			return err
		}
		db, err := sqlite.Open(filepath.Join(dir, ca.ArchivoBase))
		if err != nil {
			return err
		}
		return db.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := postgres.OpenNueva(ctx, dbURL)
	if err != nil {
		return errorBasePostgres(err, dbURL)
	}
	defer db.Close()
	return ca.Inicializar(dir, o)
}

// abrirBase opens the database of an initialized data directory: its
// SQLite file, or the PostgreSQL database dbURL. It enforces the
// directory's owner-only access (mode 0700, or a DACL on Windows; the
// store does the same for its files) and refuses a
// database that is missing, empty or damaged, instead of starting the CA
// again with no records.
func abrirBase(dir, dbURL string) (base, error) {
	if err := fsutil.PrivatizarDir(dir); err != nil {
		return nil, msg.Wrap(err, msg.CodeArchivoNoLeido, dir)
	}
	if dbURL != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db, err := postgres.OpenExisting(ctx, dbURL)
		if err != nil {
			return nil, errorBasePostgres(err, dbURL)
		}
		return db, nil
	}
	path := filepath.Join(dir, ca.ArchivoBase)
	db, err := sqlite.OpenExisting(path)
	switch {
	case errors.Is(err, sqlite.ErrSinBase):
		return nil, msg.Wrap(err, msg.CodeBaseFaltante, path)
	case errors.Is(err, sqlite.ErrIntegridad):
		return nil, msg.Wrap(err, msg.CodeBaseDanada, path)
	case err != nil:
		return nil, err
	}
	return db, nil
}

// errorBasePostgres names the database without its password.
func errorBasePostgres(err error, dbURL string) error {
	switch {
	case errors.Is(err, postgres.ErrURL):
		return usageError("--db: URL de conexión inválida")
	case errors.Is(err, postgres.ErrSinBase):
		return msg.Wrap(err, msg.CodeBaseFaltante, postgres.Nombre(dbURL))
	case errors.Is(err, postgres.ErrOcupada):
		return msg.Wrap(err, msg.CodeBaseOcupada, postgres.Nombre(dbURL))
	}
	return err
}

// urlHost is the host:port clients reach for a listener: its own IP, or
// for a wildcard address the first configured name (else localhost).
func urlHost(a *net.TCPAddr, names []string) string {
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "localhost"
		if len(names) > 0 {
			host = names[0]
		}
	}
	return net.JoinHostPort(host, fmt.Sprint(a.Port))
}
