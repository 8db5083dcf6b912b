// Package ui is the desktop app's screens (Fyne). Each screen is a
// function that receives the Entorno and returns a fyne.CanvasObject; the
// screens are listed in one table (pantallas.go) and every procedure is a
// wizard (asistente.go). Screens only show state and collect input: what
// happens to keys, letters and requests is done by packages under app/.
package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
)

// Opciones tune what the screens ask app/ to do; tests make keys cheap.
type Opciones struct {
	Bits        int // RSA key size; 0: the library's default (2048)
	Iteraciones int // PBKDF2 iterations of new .key files; 0: default
	// Entropia is the bits of pointer movement that fill the bar; 0:
	// the library's default.
	Entropia int
}

// Servidor is the refca the app talks to.
type Servidor struct {
	URL     string
	RaizPEM []byte // the pinned root
	// Embebido is true when the app started refca in-process; ClerkDemo
	// is then the demo clerk's "usuario / contraseña", shown on the
	// Ventanilla login.
	Embebido  bool
	ClerkDemo string
}

// Entorno is what every screen receives: the window (for dialogs), where
// progress is kept, the server and the options.
type Entorno struct {
	App      fyne.App
	Ventana  fyne.Window
	Progreso *progreso.Almacen
	Servidor Servidor
	Opciones Opciones
	// Ahora is the clock of the screens (deadlines, expiry warnings).
	Ahora func() time.Time
	// Abrir opens a file with the system's viewer (letters); nil uses the
	// app's OpenURL.
	Abrir func(path string) error
	// Reconfigurar is called when Configuración changes the server, so the
	// caller can stop or start the embedded one; it returns the new one.
	Reconfigurar func(Servidor) (Servidor, error)

	// AlError, when set, is told of every error shown (tests fail on it).
	AlError func(error)

	// estado is the state of the screen shown (the wizard), for tests.
	estado any

	// archivo is the file the next screen starts with (IrConArchivo).
	archivo string

	mu        sync.Mutex
	cliente   *tramite.Conexion
	contenido *fyne.Container
	titulo    *widget.Label
	volver    *widget.Button
	actual    string
}

// Iniciar puts the app's frame in the window and shows Home.
func (e *Entorno) Iniciar() {
	if e.Ahora == nil {
		e.Ahora = time.Now
	}
	e.titulo = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.volver = widget.NewButtonWithIcon(lang.L("Menú"), theme.HomeIcon(), e.alMenu)
	e.contenido = container.NewStack()
	barra := container.NewBorder(nil, nil, e.volver, nil, e.titulo)
	e.Ventana.SetContent(container.NewBorder(container.NewVBox(barra, widget.NewSeparator()), nil, nil, nil, e.contenido))
	e.Ir(Inicio)
}

// Ir shows the screen with id (see Pantallas).
func (e *Entorno) Ir(id string) {
	p, ok := pantalla(id)
	if !ok {
		p, _ = pantalla(Inicio)
	}
	e.estado = nil
	obj := p.Vista(e)
	e.Mostrar(p.ID, lang.L(p.Titulo), obj)
}

// IrConArchivo shows screen id with archivo (a .pfx) already chosen, as
// Mis certificados opens Renovación and Revocación.
func (e *Entorno) IrConArchivo(id, archivo string) {
	e.archivo = archivo
	e.Ir(id)
	e.archivo = ""
}

// tomarArchivo is the file the screen being built starts with.
func (e *Entorno) tomarArchivo() string { return e.archivo }

// Mostrar puts obj in the window as screen id with title.
func (e *Entorno) Mostrar(id, titulo string, obj fyne.CanvasObject) {
	e.actual = id
	e.titulo.SetText(titulo)
	if id == Inicio {
		e.volver.Hide()
	} else {
		e.volver.Show()
	}
	e.prepararSalida(obj)
	e.contenido.Objects = []fyne.CanvasObject{obj}
	e.contenido.Refresh()
}

// Actual is the id of the screen shown.
func (e *Entorno) Actual() string { return e.actual }

// Cliente returns the client of the configured server.
func (e *Entorno) Cliente() (*tramite.Conexion, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cliente != nil {
		return e.cliente, nil
	}
	if e.Servidor.URL == "" {
		return nil, msg.New(msg.CodeServidorNoDisponible, lang.L("(sin configurar)"))
	}
	c, err := tramite.Conectar(e.Servidor.URL, e.Servidor.RaizPEM)
	if err != nil {
		return nil, err
	}
	e.cliente = c
	return c, nil
}

// CambiarServidor replaces the server (Configuración).
func (e *Entorno) CambiarServidor(s Servidor) {
	e.mu.Lock()
	e.Servidor, e.cliente = s, nil
	e.mu.Unlock()
}

// MostrarError shows err's catalogue message in a dialog titled in the
// user's language, its code on a smaller, quieter line underneath, and an
// Aceptar button; raw error strings are never shown.
func (e *Entorno) MostrarError(err error) {
	if err == nil {
		return
	}
	if e.AlError != nil {
		e.AlError(err)
	}
	texto := widget.NewLabel(msg.MensajeDe(err, Idioma()))
	texto.Wrapping = fyne.TextWrapWord
	codigo := widget.NewLabel(msg.CodigoLineaDe(err, Idioma()))
	codigo.Importance = widget.LowImportance
	codigo.SizeName = theme.SizeNameCaptionText
	icono := container.NewVBox(widget.NewIcon(theme.ErrorIcon()))
	d := dialog.NewCustom(lang.L("No se pudo continuar"), lang.L("Aceptar"),
		container.NewBorder(nil, nil, icono, nil, container.NewVBox(texto, codigo)), e.Ventana)
	d.Resize(fyne.NewSize(520, 240))
	d.Show()
}

// MostrarAvisoError shows a catalogue message that warns without
// stopping the procedure (the CA could not be asked, say).
func (e *Entorno) MostrarAvisoError(err error) {
	e.MostrarAviso(lang.L("Aviso"), textoError(err))
}

// MostrarAviso shows an informative dialog.
func (e *Entorno) MostrarAviso(titulo, texto string) {
	l := widget.NewLabel(texto)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(titulo, lang.L("Aceptar"), l, e.Ventana)
	d.Resize(fyne.NewSize(520, 240))
	d.Show()
}

// tiempoConsulta bounds a question to the CA the user did not ask for (a
// screen refreshing what it shows).
const tiempoConsulta = 10 * time.Second

// enUI runs f on the UI goroutine. The tests replace it with a queue that
// the test's own goroutine runs: Fyne's test driver runs fyne.Do at once
// on the caller's goroutine, which would let a background answer change
// the screens while the test reads them.
var enUI = fyne.Do

// enSegundoPlano runs f off the UI goroutine and then listo on it, so a
// slow call (key generation, the network) never freezes the window.
// Whatever f reads or changes must not be touched by the screens until
// listo runs.
func enSegundoPlano[T any](f func() (T, error), listo func(T, error)) {
	go func() {
		v, err := f()
		enUI(func() { listo(v, err) })
	}()
}
