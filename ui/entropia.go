package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
)

// Entropia is the area where the user moves the mouse (or types) while
// the bar fills, the ritual SeguriTools users know. Every pointer event
// over it goes to the pool, which credits only real, irregular movement:
// the bar never moves by itself, and a scripted straight line or a
// repeated pattern does not fill it. The samples are mixed into the salt
// and IV of the .key; the key itself comes from the operating system's
// generator (see credencial.Entropia).
type Entropia struct {
	widget.BaseWidget
	Pool     *credencial.Entropia
	Avance   binding.Float
	AlLlenar func()
	lleno    bool
	foco     bool
	ahora    func() time.Time
	borde    *canvas.Rectangle
}

// NuevaEntropia returns an empty area whose bar fills at objetivo bits
// (0: the library's default).
func NuevaEntropia(objetivo int, alLlenar func()) *Entropia {
	e := &Entropia{Pool: credencial.NuevaEntropia(objetivo), Avance: binding.NewFloat(), AlLlenar: alLlenar, ahora: time.Now}
	e.ExtendBaseWidget(e)
	return e
}

func (e *Entropia) CreateRenderer() fyne.WidgetRenderer {
	e.borde = canvas.NewRectangle(color.Transparent)
	e.borde.StrokeColor = theme.Color(theme.ColorNamePrimary)
	e.borde.StrokeWidth = 2
	e.borde.CornerRadius = theme.InputRadiusSize()
	icono := widget.NewIcon(theme.Icon(theme.IconNameDragCornerIndicator))
	texto := parrafo(lang.L("Mueva el ratón dentro de este recuadro, en forma aleatoria y continua, hasta que la barra se llene."))
	texto.Alignment = fyne.TextAlignCenter
	teclado := parrafo(lang.L("Si no usa ratón: haga clic aquí (o llegue con Tab) y escriba cualquier texto, a su ritmo, hasta llenar la barra."))
	teclado.Alignment = fyne.TextAlignCenter
	teclado.Importance = widget.LowImportance
	barra := widget.NewProgressBarWithData(e.Avance)
	// Wrapping labels need the full width: the texts go on top, the bar at
	// the bottom, and the empty middle is where the hand moves.
	contenido := container.NewBorder(container.NewVBox(container.NewCenter(icono), texto, teclado), barra, nil, nil)
	return widget.NewSimpleRenderer(container.NewStack(e.borde, container.NewPadded(contenido)))
}

// MinSize leaves room for real movement.
func (e *Entropia) MinSize() fyne.Size {
	m := e.BaseWidget.MinSize()
	return fyne.NewSize(max(m.Width, 520), max(m.Height, 280))
}

func (e *Entropia) agregar(p float64) {
	e.Avance.Set(p)
	if p >= 1 && !e.lleno {
		e.lleno = true
		if e.AlLlenar != nil {
			e.AlLlenar()
		}
	}
}

// MouseIn is a pointer event like any other.
func (e *Entropia) MouseIn(ev *desktop.MouseEvent) { e.MouseMoved(ev) }

// MouseMoved feeds the pointer position to the pool.
func (e *Entropia) MouseMoved(ev *desktop.MouseEvent) {
	e.agregar(e.Pool.AddPointer(float64(ev.AbsolutePosition.X), float64(ev.AbsolutePosition.Y), e.ahora()))
}

// MouseOut does nothing: leaving the area adds no randomness.
func (e *Entropia) MouseOut() {}

// MouseDown and MouseUp are events too (their timing varies); they are
// two different keys, so a click is not a repeat of itself.
func (e *Entropia) MouseDown(ev *desktop.MouseEvent) {
	e.agregar(e.Pool.AddKey("boton-abajo", e.ahora()))
}

func (e *Entropia) MouseUp(ev *desktop.MouseEvent) {
	e.agregar(e.Pool.AddKey("boton-arriba", e.ahora()))
}

// Tapped gives the area the keyboard focus, for typing instead.
func (e *Entropia) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// FocusGained and FocusLost show that typing goes here.
func (e *Entropia) FocusGained() { e.foco = true; e.pintarBorde() }
func (e *Entropia) FocusLost()   { e.foco = false; e.pintarBorde() }

// TypedRune is the keyboard equivalent: which key and its timing.
func (e *Entropia) TypedRune(r rune) { e.agregar(e.Pool.AddKey(string(r), e.ahora())) }

// TypedKey counts the keys that type no character (arrows, Enter). A
// letter, digit, sign or space arrives twice, as a key and then as its
// character: only the character is counted, or the second event, a few
// microseconds after the first, would look like a machine's rhythm.
func (e *Entropia) TypedKey(k *fyne.KeyEvent) {
	if len(k.Name) == 1 || k.Name == fyne.KeySpace {
		return
	}
	e.agregar(e.Pool.AddKey(string(k.Name), e.ahora()))
}

func (e *Entropia) pintarBorde() {
	if e.borde == nil {
		return
	}
	if e.foco {
		e.borde.StrokeColor = theme.Color(theme.ColorNameFocus)
		e.borde.StrokeWidth = 4
	} else {
		e.borde.StrokeColor = theme.Color(theme.ColorNamePrimary)
		e.borde.StrokeWidth = 2
	}
	e.borde.Refresh()
}

// dialogoLlave is the "SeguriTools" dialog of the seeds: first the
// mouse-movement area, then, once the bar is full, the key generation
// with its own progress. generar runs off the UI goroutine with the pool
// and a progress callback; listo gets its result on the UI goroutine.
type dialogoLlave struct {
	d        *dialog.CustomDialog
	entropia *Entropia
	avance   binding.Float
	estado   *widget.Label
	caja     *fyne.Container
}

// mostrarDialogoLlave collects movement until the bar fills, then runs
// generar off the UI goroutine with the samples and a progress callback
// in its options, and calls listo with its result.
func mostrarDialogoLlave(e *Entorno, generar func(o credencial.Opciones) error, listo func(error)) *dialogoLlave {
	dl := &dialogoLlave{avance: binding.NewFloat(), estado: parrafo("")}
	intro := parrafo(lang.L("A continuación se generará una semilla aleatoria. Para poder completar el proceso se le pide realizar movimientos con el ratón en forma aleatoria y continua. El avance lo visualizará en una barra que indica el progreso de sus movimientos."))
	dl.entropia = NuevaEntropia(e.Opciones.Entropia, nil)
	dl.caja = container.NewVBox(intro, dl.entropia)
	cancelar := widget.NewButton(lang.L("Cancelar"), func() { dl.d.Hide() })
	dl.d = dialog.NewCustomWithoutButtons("SeguriTools", dl.caja, e.Ventana)
	dl.d.SetButtons([]fyne.CanvasObject{cancelar})
	dl.entropia.AlLlenar = func() {
		dl.d.SetButtons(nil)
		dl.estado.SetText(lang.L("Generando su llave privada y guardándola cifrada con su contraseña. Esto puede tardar unos segundos; no cierre la aplicación."))
		dl.caja.Objects = []fyne.CanvasObject{dl.estado, widget.NewProgressBarWithData(dl.avance)}
		dl.caja.Refresh()
		enSegundoPlano(func() (struct{}, error) {
			return struct{}{}, generar(credencial.Opciones{Entropia: dl.entropia.Pool,
				Progreso: func(p float64) { enUI(func() { dl.avance.Set(p) }) }})
		}, func(_ struct{}, err error) {
			dl.d.Hide()
			listo(err)
		})
	}
	dl.d.Show()
	return dl
}
