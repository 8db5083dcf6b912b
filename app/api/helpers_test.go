package api_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/api"
	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/firma"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/store/sqlite"
	"github.com/seguritools/seguritools/app/tramite"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// The RSA-3072 CA key is slow to make: one per test binary.
var (
	llavesOnce      sync.Once
	llaveRaiz       *rsa.PrivateKey
	llaveEmisor     *rsa.PrivateKey
	dirPDFCPU       string
	clerkPassword   = []byte("ventanilla-secreta-1")
	iteracionesTest = 1000
)

func llavesCA(t testing.TB) {
	llavesOnce.Do(func() {
		var err error
		if llaveRaiz, err = secrypto.GenerateKey(3072, nil); err != nil {
			panic(err)
		}
		if llaveEmisor, err = secrypto.GenerateKey(2048, nil); err != nil {
			panic(err)
		}
		if dirPDFCPU, err = os.MkdirTemp("", "refca-pdfcpu-"); err != nil {
			panic(err)
		}
	})
}

// reloj is a test clock that can be moved forward.
type reloj struct{ off atomic.Int64 }

func (r *reloj) ahora() time.Time        { return time.Now().Add(time.Duration(r.off.Load())) }
func (r *reloj) avanzar(d time.Duration) { r.off.Add(int64(d)) }

// entorno is a real refca on 127.0.0.1:0 in a temp dir.
type entorno struct {
	dir     string
	url     string
	urlHTTP string // the plain-HTTP revocation listener
	raizPEM []byte
	a       *ca.Authority
	db      *sqlite.Store
	reloj   *reloj
}

type opcionesEntorno struct {
	cartas        ca.Cartas
	api           api.Options
	subdelegacion string
	maxPendientes int
}

// nombreClerk is the full name of the test clerk "ana".
const nombreClerk = "Ana María López Hernández"

func iniciar(t testing.TB, o opcionesEntorno) *entorno {
	t.Helper()
	llavesCA(t)
	dir := t.TempDir()
	if err := ca.Inicializar(filepath.Join(dir, "ca"), ca.OpcionesInit{LlaveRaiz: llaveRaiz, LlaveEmisor: llaveEmisor}); err != nil {
		t.Fatal(err)
	}
	m, err := ca.Cargar(filepath.Join(dir, "ca"), nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(filepath.Join(dir, "ca", ca.ArchivoBase))
	if err != nil {
		t.Fatal(err)
	}
	if o.api.TSA == nil {
		if o.api.TSA, err = ca.CargarTSA(filepath.Join(dir, "ca"), m, nil); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &entorno{dir: dir, url: "https://" + ln.Addr().String(), urlHTTP: "http://" + hln.Addr().String(),
		raizPEM: m.RaizPEM(), db: db, reloj: &reloj{}}
	e.a, err = ca.New(db, m, ca.Config{URLBase: e.url, URLRevocacion: e.urlHTTP, DirCartas: dirPDFCPU, Ahora: e.reloj.ahora, Cartas: o.cartas,
		Subdelegacion: o.subdelegacion, MaxPendientes: o.maxPendientes})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.a.AgregarClerk(context.Background(), "ana", nombreClerk, clerkPassword, ca.Origen{Quien: "test"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 2)
	srv := api.New(e.a, o.api)
	go func() { done <- srv.Serve(ctx, ln, m.TLS) }()
	go func() { done <- srv.ServeRevocacion(ctx, hln) }()
	t.Cleanup(func() {
		cancel()
		<-done
		<-done
		db.Close()
	})
	return e
}

func (e *entorno) cliente(t testing.TB, wrap func(http.RoundTripper) http.RoundTripper) *client.Client {
	t.Helper()
	c, err := client.New(e.url, e.raizPEM, client.Options{Timeout: 30 * time.Second, Wrap: wrap})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func leerJSON[T any](t testing.TB, path string) T {
	t.Helper()
	var v T
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// solicitudEjemplo is examples/solicitud.json with a distinct usuario, so
// that several employers can be active at once.
func solicitudEjemplo(t testing.TB, n int) patron.Solicitud {
	s := leerJSON[patron.Solicitud](t, "../../examples/solicitud.json")
	s.Representante.Usuario = fmt.Sprintf("usuario_%d", n)
	return s
}

func llave(dir, nombre, pw, usuario string) tramite.Llave {
	return tramite.Llave{Ruta: filepath.Join(dir, nombre), Password: []byte(pw), Usuario: usuario,
		Opciones: credencial.Opciones{Iteraciones: iteracionesTest}}
}

var todosLosDocumentos = wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}

// patronConCertificado runs request → approve → obtain for employer n and
// returns its credential.
func patronConCertificado(t testing.TB, e *entorno, c *client.Client, v *client.Ventanilla, n int) *secrypto.Credential {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	pw := "Clave" + fmt.Sprint(1000+n)
	sol, err := tramite.SolicitarNPIE(ctx, c, solicitudEjemplo(t, n), llave(dir, "patron.key", pw, ""))
	if err != nil {
		t.Fatalf("solicitar: %v", err)
	}
	if _, err := v.Aprobar(ctx, sol.Folio, todosLosDocumentos); err != nil {
		t.Fatalf("aprobar: %v", err)
	}
	key, err := credencial.AbrirLlave(filepath.Join(dir, "patron.key"), []byte(pw))
	if err != nil {
		t.Fatal(err)
	}
	cred, err := c.Obtener(ctx, sol.NPIE, key)
	if err != nil {
		t.Fatalf("obtener: %v", err)
	}
	return cred
}

// grabadora keeps every request body a client sends.
type grabadora struct {
	mu      sync.Mutex
	cuerpos [][]byte
	headers []string
	next    http.RoundTripper
}

func (g *grabadora) RoundTrip(r *http.Request) (*http.Response, error) {
	var b []byte
	if r.Body != nil {
		var err error
		b, err = io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	g.mu.Lock()
	g.cuerpos = append(g.cuerpos, b)
	for k, vs := range r.Header {
		for _, v := range vs {
			g.headers = append(g.headers, k+": "+v)
		}
	}
	g.mu.Unlock()
	return g.next.RoundTrip(r)
}

type patronAdicional = patron.Adicional

func pruebaHeader(t testing.TB, cred *secrypto.Credential, serial, method, path, reto string, body []byte) string {
	t.Helper()
	h := sha256.Sum256(wire.MensajePrueba(method, path, reto, body))
	sig, err := rsa.SignPKCS1v15(nil, cred.Key, crypto.SHA256, h[:])
	if err != nil {
		t.Fatal(err)
	}
	return wire.EsquemaPrueba + " serial=" + serial + ", reto=" + reto + ", firma=" + base64.RawURLEncoding.EncodeToString(sig)
}

func secryptoGenerate(bits int) (*rsa.PrivateKey, error) { return secrypto.GenerateKey(bits, nil) }

func secryptoCSR(k *rsa.PrivateKey) ([]byte, error) {
	return secrypto.CreateRequest(k, secrypto.RequestSubject{RFC: "GODE561231GR8", CURP: "BOXW310820HNERXN09", Nombre: "JOSÉ PEÑA"})
}

// firmarCarta signs a letter as the app does (PAdES, incremental update).
func firmarCarta(pdf []byte, cred *secrypto.Credential, motivo string) ([]byte, error) {
	out, _, err := firma.Firmar(pdf, "carta.pdf", cred, firma.Opciones{Motivo: motivo})
	return out, err
}

// renovar renews cred (saved first as a .pfx under pw, as the user has
// it) through the app's renewal procedure, with the new key in dir
// protected by pwNueva, and returns the new credential.
func renovar(t testing.TB, c *client.Client, cred *secrypto.Credential, dir, pw, pwNueva string) *secrypto.Credential {
	t.Helper()
	ctx := context.Background()
	viejo := filepath.Join(dir, "anterior.pfx")
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, []byte(pw), viejo, false); err != nil {
		t.Fatal(err)
	}
	alm, err := progreso.Abrir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := tramite.NuevaRenovacion(alm, c)
	if _, err := r.Abrir(ctx, viejo, []byte(pw)); err != nil {
		t.Fatalf("abrir para renovar: %v", err)
	}
	if err := r.Completar(ctx, tramite.DatosRenovacion{Llave: filepath.Join(dir, "nueva.key"), Password: []byte(pwNueva),
		PasswordAnterior: []byte(pw), PFX: filepath.Join(dir, "nueva.pfx"), Opciones: credencial.Opciones{Iteraciones: iteracionesTest}}); err != nil {
		t.Fatalf("renovar: %v", err)
	}
	return r.Nuevo()
}
