package main

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/patron"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// serve starts `refca serve` (with the extra arguments) and returns the
// process and its URL.
func serve(t *testing.T, bin, data string, extra ...string) (*exec.Cmd, string) {
	t.Helper()
	// The burst comes from one address: no limit on new requests.
	x := arrancar(t, bin, append([]string{"serve", "--data", data, "--password-file", archivoContrasenaEmisor(data),
		"--addr", "127.0.0.1:0", "--solicitudes-por-hora", "0"}, extra...)...)
	return x.proc, x.url
}

func datosN(t *testing.T, n int) patron.Solicitud {
	b, err := os.ReadFile("../../examples/solicitud.json")
	if err != nil {
		t.Fatal(err)
	}
	var s patron.Solicitud
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	s.Representante.Usuario = fmt.Sprintf("kill_%d", n)
	return s
}

// minAcuses is how many acknowledged requests the burst must have before
// the kill, so that the check after the restart covers more than a few.
const minAcuses = 20

// TestKill_NadaAceptadoSePierde builds refca, kills it with SIGKILL in the
// middle of a burst of requests and approvals, restarts it, and finds
// every acknowledged request and approval intact.
func TestKill_NadaAceptadoSePierde(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the refca binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "refca")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "ca")
	iniciarCA(t, bin, data)
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("ventanilla-secreta-1\n"), 0o600)
	if out, err := exec.Command(bin, "clerk", "add", "--data", data, "--user", "ana", "--nombre", "Ana María López Hernández", "--password-file", pw).CombinedOutput(); err != nil {
		t.Fatalf("clerk add: %v\n%s", err, out)
	}
	roots, _ := os.ReadFile(filepath.Join(data, "raiz.pem"))
	key, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	csr := csrDe(t, key)
	ctx := context.Background()

	proc, url := serve(t, bin, data)
	// The client follows the server to its new port after the restart,
	// with the same clerk session.
	c, tr := clienteEnTurnos(t, roots, []*instancia{{url: url}})
	v, err := c.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1"))
	if err != nil {
		t.Fatal(err)
	}
	// Some requests first, to be approved during the burst.
	var previas []string
	for i := 0; i < 12; i++ {
		s, err := c.Solicitar(ctx, datosN(t, 1000+i), csr)
		if err != nil {
			t.Fatal(err)
		}
		previas = append(previas, s.Folio)
	}

	var mu sync.Mutex
	aceptadas := map[string]bool{} // folio → approved
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if w < 2 && i < len(previas)/2 {
					f := previas[w*len(previas)/2+i]
					if s, err := v.Aprobar(ctx, f, wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}); err == nil {
						mu.Lock()
						aceptadas[s.Folio] = true
						mu.Unlock()
					}
					continue
				}
				s, err := c.Solicitar(ctx, datosN(t, w*10000+i), csr)
				if err != nil {
					return // the server is gone
				}
				mu.Lock()
				aceptadas[s.Folio] = false
				mu.Unlock()
			}
		}(w)
	}
	// Kill in the middle of the burst, once enough requests and at least
	// one approval are acknowledged: a fixed sleep could kill before any
	// approval on a slow machine, and then nothing about approvals would
	// be proved.
	contar := func() (n, aprobadas int) {
		mu.Lock()
		defer mu.Unlock()
		for _, a := range aceptadas {
			if a {
				aprobadas++
			}
		}
		return len(aceptadas), aprobadas
	}
	limite := time.Now().Add(60 * time.Second)
	for {
		n, a := contar()
		if n >= minAcuses && a > 0 {
			break
		}
		if time.Now().After(limite) {
			close(stop)
			wg.Wait()
			t.Fatalf("after 60 s only %d acknowledged, %d of them approvals; want %d and at least one approval", n, a, minAcuses)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := proc.Process.Kill(); err != nil { // SIGKILL: no shutdown at all
		t.Fatal(err)
	}
	proc.Wait()
	close(stop)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()

	_, url = serve(t, bin, data)
	tr.mu.Lock()
	tr.hosts[0] = strings.TrimPrefix(url, "https://")
	tr.mu.Unlock()
	// The session opened before the kill still works: it is kept in the
	// database, not in the killed process.
	if _, err := v.Buscar(ctx, client.Filtro{}); err != nil {
		t.Fatalf("the clerk's session did not survive the restart: %v", err)
	}
	aprobadas := comprobarAcuses(t, c, v, aceptadas)
	if len(aceptadas) < minAcuses || aprobadas == 0 {
		t.Fatalf("checked %d acknowledged requests and %d approvals; want at least %d and one approval", len(aceptadas), aprobadas, minAcuses)
	}
	t.Logf("%d acknowledged requests (%d approvals) intact after SIGKILL", len(aceptadas), aprobadas)
}

func csrDe(t *testing.T, k *rsa.PrivateKey) []byte {
	csr, err := secrypto.CreateRequest(k, secrypto.RequestSubject{RFC: "GODE561231GR8", CURP: "BOXW310820HNERXN09", Nombre: "JOSÉ PEÑA"})
	if err != nil {
		t.Fatal(err)
	}
	return csr
}
