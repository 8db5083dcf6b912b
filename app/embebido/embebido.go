// Package embebido runs the reference CA (refca) inside the desktop app,
// on 127.0.0.1, with its data in the app's configuration directory: what
// `make run` opens, so the whole procedure can be tried without a
// server. Only this mode creates the demo clerk account.
package embebido

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/seguritools/seguritools/app/api"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/store/sqlite"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// The demo clerk of the embedded CA, shown on the Ventanilla login.
const (
	ClerkDemo           = "demo"
	ClerkDemoNombre     = "Funcionario de Demostración"
	ClerkDemoContrasena = "ventanilla-demo"
)

// PuertoPreferido is tried first so that the URLs printed in issued
// certificates stay the same between runs; another free port is used when
// it is taken.
const PuertoPreferido = "127.0.0.1:18443"

// Opciones tune Iniciar.
type Opciones struct {
	Addr  string           // listen address; "" tries PuertoPreferido, then any port
	Init  ca.OpcionesInit  // for a new data directory (tests pass ready keys)
	Ahora func() time.Time // the CA's clock; nil means time.Now
}

// Servidor is a running embedded refca.
type Servidor struct {
	URL     string
	RaizPEM []byte
	Dir     string
	Auth    *ca.Authority
	cancel  context.CancelFunc
	hecho   chan error
	db      *sqlite.Store
}

// Iniciar starts refca on dir (created and initialised on first use) and
// returns once it accepts connections.
func Iniciar(dir string, o Opciones) (*Servidor, error) {
	if err := fsutil.MkdirPrivado(dir); err != nil {
		return nil, fmt.Errorf("embebido: %w", err)
	}
	ln, err := escuchar(o.Addr)
	if err != nil {
		return nil, fmt.Errorf("embebido: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ca.ArchivoRaiz)); errors.Is(err, os.ErrNotExist) {
		// The keys stay unencrypted (o.Init has no passwords), owner-only
		// in the user's private configuration directory: this CA is a
		// demonstration that starts with the app, with nobody to type a
		// password each time, and its root is trusted by this app alone.
		// `refca init` encrypts both keys.
		if o.Init.URLRevocacion == "" {
			// The embedded CA has one listener: the issuing CA names the
			// root's CRL there.
			o.Init.URLRevocacion = "https://" + ln.Addr().String()
		}
		if err := ca.Inicializar(dir, o.Init); err != nil {
			ln.Close()
			return nil, fmt.Errorf("embebido: inicializar: %w", err)
		}
	}
	m, err := ca.Cargar(dir, nil)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("embebido: %w", err)
	}
	tsa, err := ca.CargarTSA(dir, m, o.Ahora)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("embebido: %w", err)
	}
	base := "https://" + ln.Addr().String()
	db, err := sqlite.Open(filepath.Join(dir, ca.ArchivoBase))
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("embebido: %w", err)
	}
	cfg := ca.Config{URLBase: base, Validez: time.Duration(m.Ajustes.ValidezDias) * 24 * time.Hour,
		DiasPlazo: m.Ajustes.DiasPlazo, Subdelegacion: m.Ajustes.Subdelegacion, DirCartas: filepath.Join(dir, "pdfcpu"), Ahora: o.Ahora}
	a, err := ca.New(db, m, cfg)
	if err != nil {
		ln.Close()
		db.Close()
		return nil, fmt.Errorf("embebido: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := ca.AgregarClerk(ctx, db, ClerkDemo, ClerkDemoNombre, []byte(ClerkDemoContrasena), ca.Origen{Quien: "embebido", Desde: "local"}); err != nil {
		cancel()
		ln.Close()
		db.Close()
		return nil, fmt.Errorf("embebido: clerk demo: %w", err)
	}
	s := &Servidor{URL: base, RaizPEM: m.RaizPEM(), Dir: dir, Auth: a, cancel: cancel, hecho: make(chan error, 1), db: db}
	srv := api.New(a, api.Options{TSA: tsa})
	go func() { s.hecho <- srv.Serve(ctx, ln, m.TLS) }()
	go func() {
		t := time.NewTicker(10 * time.Minute)
		defer t.Stop()
		for {
			a.CancelarVencidas(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return s, nil
}

func escuchar(addr string) (net.Listener, error) {
	if addr != "" {
		return net.Listen("tcp", addr)
	}
	if ln, err := net.Listen("tcp", PuertoPreferido); err == nil {
		return ln, nil
	}
	return net.Listen("tcp", "127.0.0.1:0")
}

// Cerrar stops the server and closes its database.
func (s *Servidor) Cerrar() error {
	s.cancel()
	err := <-s.hecho
	if errors.Is(err, http.ErrServerClosed) || errors.Is(err, context.Canceled) {
		err = nil
	}
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	return err
}
