package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/crypto/ocsp"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/store/postgres/pgtest"
	"github.com/seguritools/seguritools/app/tramite"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// instancia is one `refca serve` of a multi-instance CA.
type instancia struct {
	proc      *exec.Cmd
	url, http string // the HTTPS API and the plain-HTTP revocation listener
}

// arrancar starts `refca` with args (a serve command line) and returns
// the process and the URLs it prints: the HTTPS API and the plain-HTTP
// revocation listener. The process is killed when the test ends.
func arrancar(t *testing.T, bin string, args ...string) *instancia {
	t.Helper()
	cmd := exec.Command(bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	rd := bufio.NewReader(out)
	var urls [2]string
	for i, pre := range []string{"refca: ", "refca: revocación "} {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatalf("refca serve: %v", err)
		}
		u, ok := strings.CutPrefix(strings.TrimSpace(line), pre)
		if !ok {
			t.Fatalf("unexpected line %q", line)
		}
		urls[i] = u
	}
	go io.Copy(io.Discard, rd)
	return &instancia{proc: cmd, url: urls[0], http: urls[1]}
}

// servirInstancia starts `refca serve` on free loopback ports for both
// listeners.
func servirInstancia(t *testing.T, bin, data string, extra ...string) *instancia {
	t.Helper()
	return arrancar(t, bin, append([]string{"serve", "--data", data, "--password-file", archivoContrasenaEmisor(data),
		"--addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0", "--solicitudes-por-hora", "0"}, extra...)...)
}

// comprobarAcuses checks that every acknowledged request, and every
// acknowledged approval (true in aceptadas) with its certificate, is in
// the CA as acknowledged, asked through c and v; it returns how many
// approvals it checked.
func comprobarAcuses(t *testing.T, c *client.Client, v *client.Ventanilla, aceptadas map[string]bool) int {
	t.Helper()
	ctx := context.Background()
	aprobadas := 0
	for folio, aprobada := range aceptadas {
		s, err := v.Solicitud(ctx, folio)
		if err != nil {
			t.Errorf("acknowledged request %s lost: %v", folio, err)
			continue
		}
		if !aprobada {
			continue
		}
		aprobadas++
		if s.Estado != "aprobada" || s.Serial == "" {
			t.Errorf("acknowledged approval of %s lost: %+v", folio, s)
		} else if _, err := c.Certificado(ctx, s.Serial); err != nil {
			t.Errorf("certificate %s of %s lost: %v", s.Serial, folio, err)
		}
	}
	return aprobadas
}

// turnos sends each HTTP call to the next instance in turn, as a load
// balancer that spreads calls would, and records where each went.
type turnos struct {
	base  http.RoundTripper
	hosts []string
	mu    sync.Mutex
	n     int
	log   []turno
}

type turno struct {
	metodo, ruta string
	instancia    int
}

func (r *turnos) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	k := r.n % len(r.hosts)
	host := r.hosts[k]
	r.n++
	r.log = append(r.log, turno{req.Method, req.URL.Path, k})
	r.mu.Unlock()
	req = req.Clone(req.Context())
	req.URL.Host, req.Host = host, ""
	return r.base.RoundTrip(req)
}

// registro returns a copy of the calls made so far.
func (r *turnos) registro() []turno {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]turno(nil), r.log...)
}

// caCompartida builds refca, makes a CA on a fresh PostgreSQL schema with
// a clerk, and starts n instances on it.
func caCompartida(t *testing.T, n int) (bin, data, db string, roots []byte, inst []*instancia) {
	t.Helper()
	pgtest.Requerir(t)
	if testing.Short() {
		t.Skip("builds and runs the refca binary")
	}
	db = pgtest.URL(t)
	dir := t.TempDir()
	bin = filepath.Join(dir, "refca")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data = filepath.Join(dir, "ca")
	pwRaiz := filepath.Join(dir, "pw-raiz")
	os.WriteFile(pwRaiz, []byte(contrasenaRaizPrueba+"\n"), 0o600)
	os.WriteFile(archivoContrasenaEmisor(data), []byte(contrasenaEmisorPrueba+"\n"), 0o600)
	if out, err := exec.Command(bin, "init", "--data", data, "--db", db, "--root-password-file", pwRaiz,
		"--password-file", archivoContrasenaEmisor(data)).CombinedOutput(); err != nil {
		t.Fatalf("init --db: %v\n%s", err, out)
	}
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("ventanilla-secreta-1\n"), 0o600)
	if out, err := exec.Command(bin, "clerk", "add", "--data", data, "--db", db, "--user", "ana", "--nombre", "Ana María López Hernández", "--password-file", pw).CombinedOutput(); err != nil {
		t.Fatalf("clerk add: %v\n%s", err, out)
	}
	roots, _ = os.ReadFile(filepath.Join(data, "raiz.pem"))
	for i := 0; i < n; i++ {
		inst = append(inst, servirInstancia(t, bin, data, "--db", db))
	}
	return bin, data, db, roots, inst
}

// clienteEnTurnos is a client whose every call goes to the next instance.
func clienteEnTurnos(t *testing.T, roots []byte, inst []*instancia) (*client.Client, *turnos) {
	t.Helper()
	tr := &turnos{}
	for _, x := range inst {
		tr.hosts = append(tr.hosts, strings.TrimPrefix(x.url, "https://"))
	}
	c, err := client.New(inst[0].url, roots, client.Options{Timeout: 20 * time.Second, Retries: -1,
		Wrap: func(rt http.RoundTripper) http.RoundTripper { tr.base = rt; return tr }})
	if err != nil {
		t.Fatal(err)
	}
	return c, tr
}

// aprobarALaVez sends n approvals of folio at once (through a client in
// turns, each to another instance) and returns each one's error and serial.
func aprobarALaVez(ctx context.Context, v *client.Ventanilla, folio string, n int) ([]error, []string) {
	var wg sync.WaitGroup
	errs, series := make([]error, n), make([]string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			x, err := v.Aprobar(ctx, folio, todosLosDocumentos)
			errs[i] = err
			if err == nil {
				series[i] = x.Serial
			}
		}(i)
	}
	wg.Wait()
	return errs, series
}

var todosLosDocumentos = wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}

// TestInstancias_TresComoUnaCA: three `refca serve` on one PostgreSQL
// behave as one CA. Every call goes to the next instance, so a clerk logs
// in on one and approves on another, every challenge is asked on one
// instance and answered on another, and a renewal's steps (with both
// letters) alternate between them. Three approvals of the same request
// sent at once to the three instances issue exactly one certificate. A
// revocation made on one is in the CRL and the OCSP answer of all three,
// although each had already cached the "good" state.
func TestInstancias_TresComoUnaCA(t *testing.T) {
	_, _, db, roots, inst := caCompartida(t, 3)
	ctx := context.Background()
	c, tr := clienteEnTurnos(t, roots, inst)
	v, err := c.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Solicitar(ctx, datosN(t, 1), csrDe(t, key))
	if err != nil {
		t.Fatal(err)
	}
	if s, err = v.Aprobar(ctx, s.Folio, todosLosDocumentos); err != nil || s.Serial == "" {
		t.Fatalf("approve on another instance than the login: %v %+v", err, s)
	}
	cred, err := c.Obtener(ctx, s.NPIE, key)
	if err != nil {
		t.Fatalf("obtain (challenge on one instance, proof on the next): %v", err)
	}

	if e, err := c.EstadoSolicitud(ctx, s.Folio, key); err != nil || e.Estado != "aprobada" {
		t.Fatalf("request state (a challenge for the request's key): %v %+v", err, e)
	}
	if d, err := c.DatosDe(ctx, cred); err != nil || d.NPIE != s.NPIE {
		t.Fatalf("data of the NPIE (a challenge for the certificate's key): %v %+v", err, d)
	}
	// The renewal, through the app's procedure, step after step on
	// alternating instances.
	dir := t.TempDir()
	viejo := filepath.Join(dir, "anterior.pfx")
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, []byte("Anterior2026abc"), viejo, false); err != nil {
		t.Fatal(err)
	}
	alm, err := progreso.Abrir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := tramite.NuevaRenovacion(alm, c)
	if _, err := r.Abrir(ctx, viejo, []byte("Anterior2026abc")); err != nil {
		t.Fatalf("open for renewal: %v", err)
	}
	if err := r.Completar(ctx, tramite.DatosRenovacion{Llave: filepath.Join(dir, "nueva.key"), Password: []byte("Nueva2026abcd"),
		PasswordAnterior: []byte("Anterior2026abc"), PFX: filepath.Join(dir, "nueva.pfx"), Opciones: credencial.Opciones{Iteraciones: 1000}}); err != nil {
		t.Fatalf("renewal across instances: %v", err)
	}
	nueva := r.Nuevo()
	if e, err := c.Estado(ctx, nueva.Certificate.SerialNumber.Text(16)); err != nil || e.Estado != "vigente" {
		t.Fatalf("renewed certificate: %v %+v", err, e)
	}
	// Every challenge was answered by another instance than the one that
	// issued it, and every instance served calls.
	log := tr.registro()
	retos, por := 0, make([]int, len(inst))
	for i, x := range log {
		por[x.instancia]++
		if x.metodo == http.MethodPost && strings.HasSuffix(x.ruta, "/retos") {
			retos++
			if i+1 >= len(log) || log[i+1].instancia == x.instancia {
				t.Errorf("challenge at call %d was answered on the same instance", i)
			}
		}
	}
	if retos < 3 {
		t.Errorf("only %d challenges; want those of the request's state, the NPIE's data and the renewal", retos)
	}
	for i, n := range por {
		if n == 0 {
			t.Errorf("instance %d served no call", i)
		}
	}

	// The race: each request approved at once on the three instances.
	pg, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close(ctx)
	for k := 0; k < 4; k++ {
		sol, err := c.Solicitar(ctx, datosN(t, 100+k), csrDe(t, key))
		if err != nil {
			t.Fatal(err)
		}
		errs, series := aprobarALaVez(ctx, v, sol.Folio, len(inst))
		ok := 0
		for i, err := range errs {
			switch {
			case err == nil:
				ok++
			case msg.CodeOf(err) != msg.CodeSolicitudNoPendiente:
				t.Errorf("approval %d: %v, want success or %s", i, err, msg.CodeSolicitudNoPendiente)
			}
		}
		var emitidos int
		if err := pg.QueryRow(ctx, `SELECT count(*) FROM certificado WHERE npie = $1`, sol.NPIE).Scan(&emitidos); err != nil {
			t.Fatal(err)
		}
		if ok != 1 || emitidos != 1 {
			t.Errorf("request %s approved at once on %d instances: %d approvals acknowledged, %d certificates issued; want 1 and 1 (%v)",
				sol.Folio, len(inst), ok, emitidos, series)
		}
	}

	// The same approval retried on another instance while the first
	// attempt is in flight (same Idempotency-Key): every attempt gets the
	// one certificate issued.
	for k := 0; k < 3; k++ {
		sol, err := c.Solicitar(ctx, datosN(t, 200+k), csrDe(t, key))
		if err != nil {
			t.Fatal(err)
		}
		errs, series := aprobarALaVez(client.ConClave(ctx, "reintento-"+sol.Folio), v, sol.Folio, len(inst))
		var emitidos int
		if err := pg.QueryRow(ctx, `SELECT count(*) FROM certificado WHERE npie = $1`, sol.NPIE).Scan(&emitidos); err != nil {
			t.Fatal(err)
		}
		for i, err := range errs {
			if err != nil || series[i] == "" || series[i] != series[0] {
				t.Errorf("retried approval %d of %s: %v, serial %q; want the first attempt's %q", i, sol.Folio, err, series[i], series[0])
			}
		}
		if emitidos != 1 {
			t.Errorf("retried approvals of %s issued %d certificates, want 1", sol.Folio, emitidos)
		}
	}

	// Revocation on one instance, seen by all.
	serial := nueva.Certificate.SerialNumber
	emisor := nueva.Chain[0]
	ocspReq, err := ocsp.CreateRequest(nueva.Certificate, emisor, nil)
	if err != nil {
		t.Fatal(err)
	}
	estadoEn := func(x *instancia) (enCRL bool, estadoOCSP int) {
		t.Helper()
		resp, err := http.Get(x.http + "/crl")
		if err != nil {
			t.Fatal(err)
		}
		der, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		crl, err := x509.ParseRevocationList(der)
		if err != nil || crl.CheckSignatureFrom(emisor) != nil {
			t.Fatalf("CRL of %s: %v", x.http, err)
		}
		for _, e := range crl.RevokedCertificateEntries {
			enCRL = enCRL || e.SerialNumber.Cmp(serial) == 0
		}
		resp, err = http.Post(x.http+"/ocsp", "application/ocsp-request", bytes.NewReader(ocspReq))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		o, err := ocsp.ParseResponse(b, emisor)
		if err != nil {
			t.Fatalf("OCSP of %s: %v", x.http, err)
		}
		return enCRL, o.Status
	}
	for i, x := range inst {
		if en, st := estadoEn(x); en || st != ocsp.Good {
			t.Fatalf("instance %d before the revocation: in CRL %v, OCSP %d", i, en, st)
		}
	}
	if _, err := c.Revocar(ctx, nueva, "llave_comprometida"); err != nil {
		t.Fatalf("revoke: %v", err)
	}
	for i, x := range inst {
		if en, st := estadoEn(x); !en || st != ocsp.Revoked {
			t.Errorf("instance %d after the revocation: in CRL %v, OCSP status %d; want in CRL and revoked", i, en, st)
		}
	}
}

// TestInstancias_MatarUnaNoPierdeNada: two instances on one PostgreSQL
// take a bounded burst of requests and approvals, spread call by call;
// one is killed with SIGKILL in the middle. The other keeps answering,
// and every request and approval either instance acknowledged is there,
// as acknowledged, on the survivor and on the killed one restarted.
func TestInstancias_MatarUnaNoPierdeNada(t *testing.T) {
	bin, data, db, roots, inst := caCompartida(t, 2)
	ctx := context.Background()
	c, _ := clienteEnTurnos(t, roots, inst)
	v, err := c.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	csr := csrDe(t, key)

	const total = 120 // the bounded burst: this many calls in all
	var mu sync.Mutex
	aceptadas := map[string]bool{} // folio → approval acknowledged
	var pendientes []string
	fallidas, despues := 0, 0
	muerta := make(chan struct{})
	var muertaYa bool
	trabajo := make(chan int, total)
	for i := 0; i < total; i++ {
		trabajo <- i
	}
	close(trabajo)
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range trabajo {
				mu.Lock()
				var folio string
				if i%3 == 2 && len(pendientes) > 0 {
					folio, pendientes = pendientes[0], pendientes[1:]
				}
				mu.Unlock()
				var err error
				if folio != "" {
					var s *wire.Solicitud
					if s, err = v.Aprobar(ctx, folio, todosLosDocumentos); err == nil {
						mu.Lock()
						aceptadas[s.Folio] = true
					}
				} else {
					var s *wire.Solicitud
					if s, err = c.Solicitar(ctx, datosN(t, 5000+i), csr); err == nil {
						mu.Lock()
						aceptadas[s.Folio] = false
						pendientes = append(pendientes, s.Folio)
					}
				}
				if err == nil {
					if muertaYa {
						despues++
					}
					mu.Unlock()
				} else {
					mu.Lock()
					fallidas++
					mu.Unlock()
				}
			}
		}()
	}
	// Kill the first instance once enough is acknowledged, approvals too.
	go func() {
		defer close(muerta)
		limite := time.Now().Add(90 * time.Second)
		for time.Now().Before(limite) {
			mu.Lock()
			n, a := len(aceptadas), 0
			for _, x := range aceptadas {
				if x {
					a++
				}
			}
			if n >= 20 && a > 0 {
				inst[0].proc.Process.Kill()
				muertaYa = true
				mu.Unlock()
				return
			}
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
		}
	}()
	wg.Wait()
	<-muerta
	inst[0].proc.Wait()
	mu.Lock()
	defer mu.Unlock()
	if !muertaYa {
		t.Fatalf("the burst ended before 20 acknowledged calls with an approval (%d acknowledged)", len(aceptadas))
	}
	if despues == 0 {
		t.Errorf("no call was acknowledged after the kill: the survivor must keep answering (%d failed)", fallidas)
	}

	comprobar := func(x *instancia) int {
		t.Helper()
		cx, err := client.New(x.url, roots, client.Options{Timeout: 20 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		vx, err := cx.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1"))
		if err != nil {
			t.Fatal(err)
		}
		return comprobarAcuses(t, cx, vx, aceptadas)
	}
	aprobadas := comprobar(inst[1])
	comprobar(servirInstancia(t, bin, data, "--db", db))
	t.Logf("%d acknowledged requests (%d approvals; %d after the kill, %d calls failed) intact on the survivor and on the restarted instance",
		len(aceptadas), aprobadas, despues, fallidas)
}
