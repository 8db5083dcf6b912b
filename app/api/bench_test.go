package api_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
)

// cartasVacias renders no letters: the benchmark prepares thousands of
// requests, and approving (what it measures) renders none.
type cartasVacias struct{}

func (cartasVacias) Terminos(ca.DatosCarta) ([]byte, error) { return []byte("%PDF-1.7\n"), nil }
func (cartasVacias) AceptacionRenovacion(ca.DatosCarta) ([]byte, error) {
	return []byte("%PDF-1.7\n"), nil
}
func (cartasVacias) TerminosRenovacion(ca.DatosCarta) ([]byte, error) {
	return []byte("%PDF-1.7\n"), nil
}
func (cartasVacias) Constancia(ca.DatosCarta) ([]byte, error) { return []byte("%PDF-1.7\n"), nil }

// BenchmarkEmision measures durable issuances through the HTTPS API: 8
// concurrent clerk clients on loopback approve pending requests; each
// approval signs an RSA-3072 certificate and returns only after the group
// commit that holds it reached the disk (synchronous=FULL). It reports
// issuances per second and the p50/p99 latency of one approval. Run it
// with a fixed count: go test -run '^$' -bench Emision -benchtime 4000x.
func BenchmarkEmision(b *testing.B) {
	const clientes = 8
	const preparadores = 32
	e := iniciar(b, opcionesEntorno{cartas: cartasVacias{}})
	ctx := context.Background()
	csr, _ := nuevoCSRB(b)
	folios := make([]string, b.N)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var setupErr error
	for w := 0; w < preparadores; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < b.N; i += preparadores {
				s, err := e.a.Solicitar(ctx, solicitudEjemplo(b, i), csr, ca.Origen{Quien: "bench"})
				if err != nil {
					mu.Lock()
					setupErr = err
					mu.Unlock()
					return
				}
				folios[i] = s.Folio
			}
		}(w)
	}
	wg.Wait()
	if setupErr != nil {
		b.Fatal(setupErr)
	}
	vs := make([]*client.Ventanilla, clientes)
	for i := range vs {
		c := e.cliente(b, nil)
		v, err := c.Ventanilla(ctx, "ana", clerkPassword)
		if err != nil {
			b.Fatal(err)
		}
		// Warm the connection (TLS handshake) outside the measurement.
		if _, err := v.Buscar(ctx, client.Filtro{Folio: folios[0]}); err != nil {
			b.Fatal(err)
		}
		vs[i] = v
	}
	lat := make([][]time.Duration, clientes)
	var next atomic.Int64
	var fallos atomic.Int64
	b.ResetTimer()
	if f := os.Getenv("BENCH_CPUPROFILE"); f != "" {
		out, err := os.Create(f)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(out)
		defer func() { pprof.StopCPUProfile(); out.Close() }()
	}
	cpu0 := cpuTime()
	start := time.Now()
	for i := range vs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for {
				n := int(next.Add(1)) - 1
				if n >= b.N {
					return
				}
				t0 := time.Now()
				s, err := vs[i].Aprobar(ctx, folios[n], todosLosDocumentos)
				d := time.Since(t0)
				if err != nil || s.Serial == "" {
					fallos.Add(1)
					continue
				}
				lat[i] = append(lat[i], d)
			}
		}(i)
	}
	wg.Wait()
	total := time.Since(start)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if f := fallos.Load(); f > 0 {
		b.Fatalf("%d approvals failed", f)
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(float64(len(all))*p))] }
	b.ReportMetric(float64(len(all))/total.Seconds(), "issuances/s")
	b.ReportMetric(float64(pct(0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(pct(0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(cpu.Seconds()/total.Seconds(), "cpu-cores")
	b.ReportMetric(0, "ns/op")
	if testing.Verbose() {
		fmt.Printf("emisiones=%d en %v con %d clientes, GOMAXPROCS=%d\n", len(all), total, clientes, runtime.GOMAXPROCS(0))
	}
}

func nuevoCSRB(b *testing.B) ([]byte, error) {
	k, err := secryptoGenerate(2048)
	if err != nil {
		b.Fatal(err)
	}
	return secryptoCSR(k)
}
