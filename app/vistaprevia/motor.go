package vistaprevia

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/seguritools/seguritools/app/msg"
)

// memoriaMaxima bounds one PDFium instance's WebAssembly memory, so a
// hostile PDF cannot make the app allocate without limit; a letter needs
// a few tens of MB.
const memoriaMaxima = 1 << 30

// instancia is one PDFium WebAssembly instance, lent to one Render.
type instancia = pdfium.Pdfium

// motor is the process's PDFium: one wazero runtime with the module
// compiled once, lending one instance at a time.
type motor struct {
	pool pdfium.Pool
}

// motorCompartido starts the engine on first use and keeps it (or the
// reason it could not start) for the life of the process.
var motorCompartido = sync.OnceValues(iniciarMotor)

var cache struct {
	mu  sync.Mutex
	dir string
}

// UsarCache makes the engine keep PDFium's compiled machine code in dir
// (about 20 MB), so that later runs of the app start it in well under a
// second instead of compiling it again. dir must be private to the user,
// such as a folder under os.UserCacheDir: code in it is run. Call it
// before Preparar or the first Render; afterwards it has no effect. If
// dir cannot be used, the engine compiles without a cache.
func UsarCache(dir string) {
	cache.mu.Lock()
	cache.dir = dir
	cache.mu.Unlock()
}

// configuracionRuntime is wazero's configuration: the features PDFium's
// module needs, the memory ceiling, interruption, and the cache if any.
func configuracionRuntime() wazero.RuntimeConfig {
	c := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		// Lets Kill stop a render stuck in a hostile PDF.
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(memoriaMaxima / 65536)
	cache.mu.Lock()
	dir := cache.dir
	cache.mu.Unlock()
	if dir == "" {
		return c
	}
	cc, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return c
	}
	return c.WithCompilationCache(cc)
}

func iniciarMotor() (*motor, error) {
	pool, err := webassembly.Init(webassembly.Config{
		// One instance ready, one at a time: the app shows one letter at
		// a time and a PDFium instance holds tens of MB.
		MinIdle:  1,
		MaxIdle:  1,
		MaxTotal: 1,
		// An empty configuration mounts nothing: PDFium reads the PDF
		// from memory and never sees the user's files (the library's
		// default would mount the whole disk).
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: configuracionRuntime(),
		Stdout:        io.Discard,
		Stderr:        io.Discard,
		// Instances are not reused: every document gets a fresh one, so
		// nothing of one PDF stays in the engine for the next.
		ReuseWorkers: false,
	})
	if err != nil {
		return nil, fmt.Errorf("vistaprevia: iniciar PDFium: %w", err)
	}
	return &motor{pool: pool}, nil
}

// motorListo returns the shared engine, starting it if needed; ctx ending
// stops the wait, not the start, which the next call finds done.
func motorListo(ctx context.Context) (*motor, error) {
	type resultado struct {
		m   *motor
		err error
	}
	c := make(chan resultado, 1)
	go func() {
		m, err := motorCompartido()
		c <- resultado{m, err}
	}()
	select {
	case r := <-c:
		return r.m, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("vistaprevia: esperar a PDFium: %w", ctx.Err())
	}
}

// Preparar starts the engine ahead of the first Render: it compiles
// PDFium's WebAssembly module (about 5.6 MB) to machine code, which is
// most of the first Render's time (4–8 s measured on two amd64 cores) and
// briefly takes about 300 MB of memory; the engine then keeps about 45 MB.
// An app may call it in the background at start.
func Preparar(ctx context.Context) error {
	if _, err := motorListo(ctx); err != nil {
		return msg.Wrap(err, msg.CodeVistaPreviaNoDisponible)
	}
	return nil
}

// conInstancia lends f an instance and returns it. When ctx ends first,
// the instance is killed, which stops f's call into PDFium; the pool then
// makes a new one.
func (m *motor) conInstancia(ctx context.Context, f func(instancia) error) error {
	p, err := m.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return fmt.Errorf("vistaprevia: obtener una instancia de PDFium: %w", err)
	}
	muerta := make(chan struct{})
	detener := context.AfterFunc(ctx, func() {
		p.Kill()
		close(muerta)
	})
	err = f(p)
	if detener() {
		p.Close()
	} else {
		<-muerta
	}
	return err
}
