// Command refca-carga is the out-of-process load generator of
// `make bench` (scripts/bench-refca.sh): it measures durable issuances of
// a running refca, and the raw signing ceiling of the CA's issuing key.
//
//	refca-carga emitir --url https://127.0.0.1:8443 [--url …] --data DIR --usuario ana --password-file FILE [--c 1,8,32] [--n 2000,4000,4000] [--duracion 12s]
//	refca-carga emitir … --folios FILE [--c 8]
//	refca-carga techo --data DIR --key-password-file FILE [--duracion 5s]
//	refca-carga techo --data DIR --pkcs11-module LIB --pkcs11-token LABEL --pkcs11-pin-file FILE [--pkcs11-label LABEL]
//	refca-carga token --pkcs11-module LIB --pkcs11-token LABEL --pkcs11-pin-file FILE --pkcs11-so-pin-file FILE
//
// A durable issuance is one clerk approval of a pending request: refca
// signs the certificate and answers only after the store committed it.
//
// emitir logs in as the clerk on every URL (sessions are per instance),
// then for each concurrency level c: submits the level's pending requests
// (not timed; one RSA-2048 key for all of them, which the CA accepts:
// only one active request per registro patronal and usuario is refused,
// so each request has its own usuario), and then c workers approve them
// over keep-alive HTTPS connections (one transport per worker, trusting
// only the CA's root), sending the requests round-robin to the URLs,
// until the requests or --duracion run out. For each level it prints one
// tab-separated line:
//
//	emision	C	OK	FALLOS	SEGUNDOS	POR_S	P50_MS	P99_MS	CPU_PID	CPU_MAQUINA	CPU_PROPIA
//
// OK counts only approvals answered 200 with state aprobada and a serial;
// POR_S is OK over the timed phase's wall time; the percentiles are of the
// successful calls. CPU_PID is the cores the processes of --pid (refca)
// used during the timed phase, CPU_MAQUINA the cores the whole machine
// used (this generator and PostgreSQL included), CPU_PROPIA the cores
// this generator used, all from /proc. With --folios it approves the folios listed in FILE
// (one per line) instead of preparing requests, at the first level of --c.
//
// techo signs SHA-256 digests with RSA PKCS#1 v1.5 on GOMAXPROCS
// goroutines for --duracion with the issuing CA's key (from --data, or in
// a PKCS#11 token) and prints
//
//	techo	FIRMAS_S	GOROUTINES	LLAVE
//
// token initializes a free token (SoftHSM) with PINs read from files,
// for the benchmark's throw-away token.
//
// It is a separate program (under scripts/, beside timecmd, not a
// shipped command) so that the load it generates runs in its own process,
// as clients do, and its CPU shows apart from refca's.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/patron"
	secrypto "github.com/seguritools/seguritools/crypto"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "refca-carga:", err)
		os.Exit(1)
	}
}

const usage = `uso:
  refca-carga emitir --url URL [--url URL …] --data DIR --usuario U --password-file F [--c 1,8,32] [--n 2000,4000,4000] [--duracion 12s] [--folios F]
  refca-carga techo --data DIR (--key-password-file F | --pkcs11-module LIB --pkcs11-token T --pkcs11-pin-file F [--pkcs11-label L]) [--duracion 5s]`

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "emitir":
		return cmdEmitir(args[1:], stdout, stderr)
	case "techo":
		return cmdTecho(args[1:], stdout, stderr)
	case "token":
		return cmdToken(args[1:], stderr)
	}
	return errors.New(usage)
}

type listaFlag []string

func (l *listaFlag) String() string     { return strings.Join(*l, ",") }
func (l *listaFlag) Set(s string) error { *l = append(*l, s); return nil }

// enteros parses "1,8,32".
func enteros(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("lista de enteros inválida: %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// leerLinea reads the first line of a password file.
func leerLinea(file string) ([]byte, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	return b, nil
}

type opcionesEmitir struct {
	urls        []string
	raiz        []byte
	usuario     string
	contrasena  []byte
	niveles     []int
	cantidades  []int
	duracion    time.Duration
	preparar    int
	folios      []string // approve these instead of preparing requests
	pids        []int    // processes whose CPU time is reported
	informe     io.Writer
	avisos      io.Writer
	alEmpezar   func(c int) // called when a level's timed phase starts (tests)
	prefijoUsua string
}

func cmdEmitir(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("refca-carga emitir", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var urls listaFlag
	fs.Var(&urls, "url", "URL https de una instancia de refca (repetible: las llamadas se reparten en turno)")
	data := fs.String("data", "", "directorio de datos de la CA (su raiz.pem es la única raíz de confianza)")
	raizFile := fs.String("raiz", "", "PEM de la raíz de confianza (por omisión, raiz.pem en --data)")
	usuario := fs.String("usuario", "", "usuario de ventanilla")
	pwFile := fs.String("password-file", "", "archivo con la contraseña del usuario de ventanilla")
	cs := fs.String("c", "1,8,32", "niveles de concurrencia (aprobaciones en curso a la vez)")
	ns := fs.String("n", "2000,4000,4000", "solicitudes preparadas por nivel, como máximo (una cifra vale para todos)")
	dur := fs.Duration("duracion", 12*time.Second, "duración máxima de la fase medida de cada nivel")
	prep := fs.Int("preparadores", 16, "solicitudes enviadas a la vez al preparar (no se mide)")
	var pids listaFlag
	fs.Var(&pids, "pid", "proceso de refca cuyo uso de CPU se informa (repetible)")
	foliosFile := fs.String("folios", "", "aprobar los folios de este archivo (uno por línea) en vez de preparar solicitudes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(urls) == 0 || *usuario == "" || *pwFile == "" || (*data == "" && *raizFile == "") {
		return errors.New("faltan --url, --usuario, --password-file y --data (o --raiz)")
	}
	o := opcionesEmitir{urls: urls, usuario: *usuario, duracion: *dur, preparar: *prep, informe: stdout, avisos: stderr}
	var err error
	if o.niveles, err = enteros(*cs); err != nil {
		return err
	}
	if o.cantidades, err = enteros(*ns); err != nil {
		return err
	}
	if len(o.cantidades) != 1 && len(o.cantidades) != len(o.niveles) && *foliosFile == "" {
		return errors.New("--n: una cifra, o una por nivel de --c")
	}
	if *raizFile == "" {
		*raizFile = filepath.Join(*data, ca.ArchivoRaiz)
	}
	if o.raiz, err = os.ReadFile(*raizFile); err != nil {
		return err
	}
	if o.contrasena, err = leerLinea(*pwFile); err != nil {
		return err
	}
	for _, p := range pids {
		n, err := strconv.Atoi(p)
		if err != nil {
			return fmt.Errorf("--pid %q", p)
		}
		o.pids = append(o.pids, n)
	}
	if *foliosFile != "" {
		b, err := os.ReadFile(*foliosFile)
		if err != nil {
			return err
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				o.folios = append(o.folios, l)
			}
		}
		o.niveles = o.niveles[:1]
	}
	return emitir(context.Background(), o)
}

// Resultado is one level's measurement.
type Resultado struct {
	C, OK, Fallos int
	Segundos      float64
	PorSegundo    float64
	P50, P99      time.Duration
	CPUPid        float64 // cores used by the --pid processes
	CPUMaquina    float64 // cores used by the whole machine
	CPUPropia     float64 // cores used by this generator
	PrimerError   error
}

func (r Resultado) linea() string {
	return fmt.Sprintf("emision\t%d\t%d\t%d\t%.2f\t%.1f\t%.1f\t%.1f\t%.2f\t%.2f\t%.2f", r.C, r.OK, r.Fallos, r.Segundos, r.PorSegundo,
		float64(r.P50.Microseconds())/1000, float64(r.P99.Microseconds())/1000, r.CPUPid, r.CPUMaquina, r.CPUPropia)
}

func emitir(ctx context.Context, o opcionesEmitir) error {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(o.raiz) {
		return errors.New("la raíz no es un PEM de certificado")
	}
	tlsConf := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	// One session per instance: sessions live in each refca process.
	tokens := make([]string, len(o.urls))
	for i, u := range o.urls {
		t, err := iniciarSesion(ctx, nuevoHTTP(tlsConf), u, o.usuario, o.contrasena)
		if err != nil {
			return fmt.Errorf("sesión en %s: %w", u, err)
		}
		tokens[i] = t
	}
	var csr []byte
	if o.folios == nil {
		k, err := secrypto.GenerateKey(2048, nil)
		if err != nil {
			return err
		}
		if csr, err = secrypto.CreateRequest(k, secrypto.RequestSubject{RFC: "PENJ750314AB1", CURP: "PENJ750314HDFXXS09", Nombre: "JOSÉ PEÑA NÚÑEZ"}); err != nil {
			return err
		}
	}
	if o.prefijoUsua == "" {
		b := make([]byte, 3)
		rand.Read(b)
		o.prefijoUsua = fmt.Sprintf("c%x", b)
	}
	siguiente := 0 // usuario number of the next request
	for i, c := range o.niveles {
		folios := o.folios
		if folios == nil {
			n := o.cantidades[0]
			if len(o.cantidades) > 1 {
				n = o.cantidades[i]
			}
			fmt.Fprintf(o.avisos, "refca-carga: c=%d: preparando %d solicitudes…\n", c, n)
			var err error
			if folios, err = preparar(ctx, o, csr, siguiente, n); err != nil {
				return err
			}
			siguiente += n
		}
		if o.alEmpezar != nil {
			o.alEmpezar(c)
		}
		fmt.Fprintf(o.avisos, "refca-carga: c=%d: midiendo (%d solicitudes, %v como máximo)…\n", c, len(folios), o.duracion)
		r, err := medir(ctx, o, tlsConf, tokens, folios, c)
		if err != nil {
			return err
		}
		if r.PrimerError != nil {
			fmt.Fprintf(o.avisos, "refca-carga: c=%d: %d aprobaciones fallaron; la primera: %v\n", c, r.Fallos, r.PrimerError)
		}
		fmt.Fprintln(o.informe, r.linea())
	}
	return nil
}

// nuevoHTTP is a client with its own keep-alive connection(s), trusting
// only the CA's root.
func nuevoHTTP(tlsConf *tls.Config) *http.Client {
	return &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig:     tlsConf.Clone(),
			ForceAttemptHTTP2:   true,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     90 * time.Second,
		},
	}
}

func iniciarSesion(ctx context.Context, h *http.Client, base, usuario string, pw []byte) (string, error) {
	var s wire.Sesion
	if err := llamar(ctx, h, http.MethodPost, base+wire.Prefix+"/ventanilla/sesion", "", wire.Login{Usuario: usuario, Contrasena: string(pw)}, &s); err != nil {
		return "", err
	}
	if s.Token == "" {
		return "", errors.New("sesión sin token")
	}
	return s.Token, nil
}

// llamar sends one JSON call and decodes a 200 answer into out.
func llamar(ctx context.Context, h *http.Client, method, url, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", wire.EsquemaSesion+" "+token)
	}
	resp, err := h.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		var we wire.Error
		json.Unmarshal(b, &we)
		return fmt.Errorf("HTTP %d %s %v", resp.StatusCode, we.Code, we.Args)
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

// datosEjemplo is examples/solicitud.json: valid employer data.
const datosEjemplo = `{
  "empresa": {"razon_social": "EMPRESA MANUAL", "registro_patronal": "B7521588139", "rfc": "EMA801010AB6"},
  "representante": {"funcion": "Patrón", "usuario": "manual_generacion", "nombre": "JOSÉ", "apellido_paterno": "PEÑA",
    "apellido_materno": "NÚÑEZ", "curp": "PENJ750314HDFXXS09", "rfc": "PENJ750314AB1",
    "correo": "nombre_patron@example.com", "correo_confirmacion": "nombre_patron@example.com", "telefono": "5555555555", "fax": ""},
  "domicilio": {"calle": "AV. PASEO DE LA REFORMA", "numero_exterior": "476", "numero_interior": "", "colonia": "JUÁREZ",
    "municipio": "CUAUHTÉMOC", "entidad": "Ciudad de México", "ciudad": "CIUDAD DE MÉXICO", "codigo_postal": "06600"}
}`

// preparar submits n pending requests (usuarios desde … desde+n-1) through
// the project's client, spread over the URLs, and returns their folios.
func preparar(ctx context.Context, o opcionesEmitir, csr []byte, desde, n int) ([]string, error) {
	var base patron.Solicitud
	if err := json.Unmarshal([]byte(datosEjemplo), &base); err != nil {
		return nil, err
	}
	cs := make([]*client.Client, len(o.urls))
	for i, u := range o.urls {
		c, err := client.New(u, o.raiz, client.Options{Timeout: 60 * time.Second, Retries: -1, UserAgent: "refca-carga"})
		if err != nil {
			return nil, err
		}
		cs[i] = c
	}
	folios := make([]string, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var primero error
	for w := 0; w < max(1, o.preparar); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				d := base
				d.Representante.Usuario = fmt.Sprintf("%s_%d", o.prefijoUsua, desde+i)
				s, err := cs[i%len(cs)].Solicitar(ctx, d, csr)
				if err == nil && s.Folio == "" {
					err = errors.New("solicitud sin folio")
				}
				if err != nil {
					mu.Lock()
					if primero == nil {
						primero = err
					}
					mu.Unlock()
					next.Store(int64(n))
					return
				}
				folios[i] = s.Folio
			}
		}()
	}
	wg.Wait()
	if primero != nil {
		return nil, fmt.Errorf("preparar solicitudes: %w", primero)
	}
	return folios, nil
}

// medir is the timed phase: c workers approve folios until they or the
// duration run out.
func medir(ctx context.Context, o opcionesEmitir, tlsConf *tls.Config, tokens, folios []string, c int) (Resultado, error) {
	docs := wire.Aprobacion{Documentos: wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}}
	hs := make([]*http.Client, c)
	for w := range hs {
		hs[w] = nuevoHTTP(tlsConf)
		// Open the connections (TLS handshakes) before the clock starts.
		for i, u := range o.urls {
			if err := llamar(ctx, hs[w], http.MethodGet, u+wire.Prefix+"/ventanilla/solicitudes?limite=1", tokens[i], nil, nil); err != nil {
				return Resultado{}, fmt.Errorf("conexión a %s: %w", u, err)
			}
		}
	}
	lat := make([][]time.Duration, c)
	var fallos atomic.Int64
	var next atomic.Int64
	var mu sync.Mutex
	var primero error
	var wg sync.WaitGroup
	yo := []int{os.Getpid()}
	cpu0, maq0, propia0 := cpuProcesos(o.pids), cpuMaquina(), cpuProcesos(yo)
	start := time.Now()
	fin := start.Add(o.duracion)
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := 0; time.Now().Before(fin); k++ {
				n := int(next.Add(1)) - 1
				if n >= len(folios) {
					return
				}
				i := (w + k) % len(o.urls)
				var s wire.Solicitud
				t0 := time.Now()
				err := llamar(ctx, hs[w], http.MethodPost, o.urls[i]+wire.Prefix+"/ventanilla/solicitudes/"+folios[n]+"/aprobar", tokens[i], docs, &s)
				d := time.Since(t0)
				if err == nil && (s.Estado != "aprobada" || s.Serial == "" || s.Folio != folios[n]) {
					err = fmt.Errorf("respuesta sin emisión: estado %q serial %q", s.Estado, s.Serial)
				}
				if err != nil {
					fallos.Add(1)
					mu.Lock()
					if primero == nil {
						primero = fmt.Errorf("%s: %w", folios[n], err)
					}
					mu.Unlock()
					continue
				}
				lat[w] = append(lat[w], d)
			}
		}(w)
	}
	wg.Wait()
	total := time.Since(start)
	cpu, maq, propia := cpuProcesos(o.pids)-cpu0, cpuMaquina()-maq0, cpuProcesos(yo)-propia0
	for _, h := range hs {
		h.CloseIdleConnections()
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	r := Resultado{C: c, OK: len(all), Fallos: int(fallos.Load()), Segundos: total.Seconds(), PrimerError: primero,
		CPUPid: cpu / total.Seconds(), CPUMaquina: maq / total.Seconds(), CPUPropia: propia / total.Seconds()}
	r.PorSegundo = float64(r.OK) / total.Seconds()
	if len(all) > 0 {
		pct := func(p float64) time.Duration { return all[min(len(all)-1, int(float64(len(all))*p))] }
		r.P50, r.P99 = pct(0.50), pct(0.99)
	}
	return r, nil
}

func cmdTecho(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("refca-carga techo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "directorio de datos de la CA")
	keyPw := fs.String("key-password-file", "", "archivo con la contraseña de la llave de la CA emisora (la de serve)")
	dur := fs.Duration("duracion", 5*time.Second, "duración de la medición")
	var p opcionesPKCS11
	fs.StringVar(&p.modulo, "pkcs11-module", "", "biblioteca PKCS#11 (p. ej. /usr/lib/softhsm/libsofthsm2.so): firmar con la llave del token")
	fs.StringVar(&p.token, "pkcs11-token", "", "etiqueta del token")
	fs.StringVar(&p.pinFile, "pkcs11-pin-file", "", "archivo con el PIN de usuario del token")
	fs.StringVar(&p.etiqueta, "pkcs11-label", "", "etiqueta de la llave (por omisión, la del certificado de la CA emisora de --data)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		return errors.New("falta --data")
	}
	var firmante firmador
	var cerrar func()
	nombre := "software"
	if p.modulo != "" {
		emisor, err := os.ReadFile(filepath.Join(*data, ca.ArchivoEmisor))
		if err != nil {
			return err
		}
		cert, err := secrypto.ParseCertificate(emisor)
		if err != nil {
			return err
		}
		if firmante, cerrar, err = firmadorPKCS11(p, cert); err != nil {
			return err
		}
		defer cerrar()
		nombre = "pkcs11"
	} else {
		var pw []byte
		if ca.LlaveEmisorCifrada(*data) {
			if *keyPw == "" {
				return errors.New("la llave de la CA emisora está cifrada: falta --key-password-file")
			}
			var err error
			if pw, err = leerLinea(*keyPw); err != nil {
				return err
			}
		}
		m, err := ca.Cargar(*data, pw)
		clear(pw)
		if err != nil {
			return err
		}
		firmante = m.LlaveEmisor
	}
	g := runtime.GOMAXPROCS(0)
	porS, err := techo(firmante, g, *dur)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "techo\t%.1f\t%d\t%s\n", porS, g, nombre)
	return nil
}

// techo signs SHA-256 digests (RSA PKCS#1 v1.5) with k on g goroutines
// for d and returns signatures per second.
func techo(k firmador, g int, d time.Duration) (float64, error) {
	var n atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var primero error
	start := time.Now()
	fin := start.Add(d)
	for w := 0; w < g; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			digest := make([]byte, 32)
			for i := 0; time.Now().Before(fin); i++ {
				digest[0], digest[1] = byte(w), byte(i) // a different message each time
				if _, err := k.Sign(rand.Reader, digest, cryptoSHA256); err != nil {
					mu.Lock()
					primero = err
					mu.Unlock()
					return
				}
				n.Add(1)
			}
		}(w)
	}
	wg.Wait()
	if primero != nil {
		return 0, primero
	}
	return float64(n.Load()) / time.Since(start).Seconds(), nil
}

// cmdToken initializes a free token with PINs read from files.
func cmdToken(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("refca-carga token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modulo := fs.String("pkcs11-module", "", "biblioteca PKCS#11")
	etiqueta := fs.String("pkcs11-token", "", "etiqueta del token nuevo")
	pinFile := fs.String("pkcs11-pin-file", "", "archivo con el PIN de usuario")
	soFile := fs.String("pkcs11-so-pin-file", "", "archivo con el PIN del oficial de seguridad")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *modulo == "" || *etiqueta == "" || *pinFile == "" || *soFile == "" {
		return errors.New("faltan --pkcs11-module, --pkcs11-token, --pkcs11-pin-file y --pkcs11-so-pin-file")
	}
	pin, err := leerLinea(*pinFile)
	if err != nil {
		return err
	}
	so, err := leerLinea(*soFile)
	if err != nil {
		return err
	}
	return iniciarToken(*modulo, *etiqueta, so, pin)
}

// leerInforme parses emitir's lines (tests).
func leerInforme(r io.Reader) ([]Resultado, error) {
	var out []Resultado
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 8 || f[0] != "emision" {
			continue
		}
		var x Resultado
		x.C, _ = strconv.Atoi(f[1])
		x.OK, _ = strconv.Atoi(f[2])
		x.Fallos, _ = strconv.Atoi(f[3])
		x.Segundos, _ = strconv.ParseFloat(f[4], 64)
		x.PorSegundo, _ = strconv.ParseFloat(f[5], 64)
		out = append(out, x)
	}
	return out, sc.Err()
}
