package ui

import (
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Paso is one step of a wizard.
type Paso struct {
	// Titulo is shown in the step indicator ("Captura de datos").
	Titulo string
	// Vista builds the step's content each time the step is entered.
	Vista func() fyne.CanvasObject
	// Listo enables Siguiente while true; nil means always enabled.
	Listo binding.Bool
	// Pendiente, when set, says what is missing while Listo is false.
	Pendiente binding.String
	// Boton is Siguiente's text ("Continuar", "Aceptar"); "" hides it.
	Boton string
	// Accion runs when Siguiente is tapped; it calls seguir to go to the
	// next step (maybe later, after a dialog or a slow call). Nil goes on
	// at once.
	Accion func(seguir func())
	// SinAnterior hides Anterior: the steps before this one cannot be
	// undone (the key was made, the request was sent).
	SinAnterior bool
}

// Asistente is the wizard every procedure uses: a step indicator that
// always names the current step ("Paso 5 de 6: Carta de Términos"), the
// step's content (scrolled when it does not fit, so the buttons stay at
// the bottom of a small window), and Cancelar, Anterior and Siguiente.
// Siguiente is disabled until the step says it is ready, and then the
// wizard says what is missing and offers to go to it.
type Asistente struct {
	pasos     []*Paso
	actual    int
	mostrado  int // the step fully shown (Actual), set last
	indicador *fyne.Container
	cuerpo    *fyne.Container
	pendiente *widget.Label
	irFalta   *widget.Button
	Siguiente *widget.Button
	Anterior  *widget.Button
	Cancelar  *widget.Button
	botones   *fyne.Container
	falta     *fyne.Container
	raiz      *marcoAsistente
	quitar    func()
	mu        sync.Mutex
	// AlCambiar is called after each change of step.
	AlCambiar func(int)
	// AlCancelar leaves the procedure (after asking, see ConDatos); nil
	// goes back to the menu.
	AlCancelar func()
	// ConDatos reports whether leaving now would lose what the user typed.
	// Nil: whether the current step's form (its Pendiente) was changed.
	ConDatos func() bool
	// Borrador keeps what was typed (never passwords) when the user
	// leaves; nil means nothing is kept, and the question says so.
	Borrador func()
	// Ventana is where the question is asked; nil: the wizard's own.
	Ventana fyne.Window
	// alMenu goes back to the menu (set by Entorno.Mostrar).
	alMenu func()
}

// marcoAsistente is the wizard's canvas object; the Entorno finds the
// wizard of a screen through it (Menú asks it before leaving).
type marcoAsistente struct {
	widget.BaseWidget
	a         *Asistente
	contenido *fyne.Container
}

func (m *marcoAsistente) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(m.contenido)
}

// NuevoAsistente returns a wizard over pasos, showing the first one.
func NuevoAsistente(pasos ...*Paso) *Asistente {
	a := &Asistente{pasos: pasos, indicador: container.NewHBox(), cuerpo: container.NewStack()}
	a.Siguiente = widget.NewButtonWithIcon(lang.L("Siguiente"), theme.NavigateNextIcon(), a.siguiente)
	a.Siguiente.IconPlacement = widget.ButtonIconTrailingText
	a.Siguiente.Importance = widget.HighImportance
	a.Anterior = widget.NewButtonWithIcon(lang.L("Anterior"), theme.NavigateBackIcon(), func() { a.Ir(a.actual - 1) })
	a.Cancelar = widget.NewButtonWithIcon(lang.L("Cancelar"), theme.CancelIcon(), a.cancelar)
	a.pendiente = widget.NewLabel("")
	a.pendiente.Importance = widget.WarningImportance
	a.pendiente.Truncation = fyne.TextTruncateEllipsis
	a.irFalta = widget.NewButtonWithIcon(lang.L("Ir al primero"), theme.SearchIcon(), a.irAlPendiente)
	a.irFalta.Importance = widget.LowImportance
	a.irFalta.Hide()
	a.falta = container.NewBorder(nil, nil, nil, a.irFalta, a.pendiente)
	a.botones = container.NewBorder(nil, nil, container.NewHBox(a.Cancelar, a.Anterior), a.Siguiente, a.falta)
	a.raiz = &marcoAsistente{a: a, contenido: container.NewBorder(
		container.NewVBox(a.indicador, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), a.botones), nil, nil,
		container.NewVScroll(a.cuerpo))}
	a.raiz.ExtendBaseWidget(a.raiz)
	a.Ir(0)
	return a
}

// Objeto is the wizard's canvas object.
func (a *Asistente) Objeto() fyne.CanvasObject { return a.raiz }

// Actual is the index of the step shown, once it is completely built.
func (a *Asistente) Actual() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.mostrado
}

// Ir shows step i.
func (a *Asistente) Ir(i int) {
	if i < 0 || i >= len(a.pasos) {
		return
	}
	if a.quitar != nil {
		a.quitar()
		a.quitar = nil
	}
	a.actual = i
	p := a.pasos[i]
	a.pintarIndicador()
	if p.SinAnterior || i == 0 {
		a.Anterior.Hide()
	} else {
		a.Anterior.Show()
	}
	if p.Boton == "" {
		a.Siguiente.Hide()
	} else {
		a.Siguiente.SetText(p.Boton)
		a.Siguiente.Show()
	}
	// The last step has nothing left to cancel: its way out is the menu.
	if i == len(a.pasos)-1 {
		a.Cancelar.SetText(lang.L("Ir al menú"))
		a.Cancelar.SetIcon(theme.HomeIcon())
	} else {
		a.Cancelar.SetText(lang.L("Cancelar"))
		a.Cancelar.SetIcon(theme.CancelIcon())
	}
	a.mostrarPendiente("")
	a.Siguiente.Enable()
	// The view may change the buttons (and set Listo) for its state.
	a.cuerpo.Objects = []fyne.CanvasObject{p.Vista()}
	a.cuerpo.Refresh()
	if p.Listo != nil {
		l := binding.NewDataListener(func() { a.revisar(p) })
		p.Listo.AddListener(l)
		if p.Pendiente != nil {
			p.Pendiente.AddListener(l)
		}
		a.quitar = func() {
			p.Listo.RemoveListener(l)
			if p.Pendiente != nil {
				p.Pendiente.RemoveListener(l)
			}
		}
		if pf, ok := p.Pendiente.(pendienteFormulario); ok {
			pf.f.vigilar(a, func() { a.revisar(p) })
		}
		a.revisar(p)
	}
	// Buttons shown or hidden need their row laid out again.
	a.botones.Refresh()
	a.mu.Lock()
	a.mostrado = i
	a.mu.Unlock()
	if a.AlCambiar != nil {
		a.AlCambiar(i)
	}
}

func (a *Asistente) revisar(p *Paso) {
	if a.pasos[a.actual] != p {
		return
	}
	ok, _ := p.Listo.Get()
	if ok {
		a.Siguiente.Enable()
		a.mostrarPendiente("")
		return
	}
	a.Siguiente.Disable()
	if p.Pendiente != nil {
		s, _ := p.Pendiente.Get()
		a.mostrarPendiente(s)
	}
}

// mostrarPendiente shows what is missing on one line (the buttons' row
// keeps its height) and Ir al primero when the step's form can go there.
func (a *Asistente) mostrarPendiente(s string) {
	a.pendiente.SetText(s)
	_, puede := a.pasos[a.actual].Pendiente.(interface{ irAlPrimero() bool })
	switch mostrar := s != "" && puede; {
	case mostrar && !a.irFalta.Visible():
		a.irFalta.Show()
		a.falta.Refresh()
	case !mostrar && a.irFalta.Visible():
		a.irFalta.Hide()
		a.falta.Refresh()
	}
}

// irAlPendiente takes the user to the first field still missing.
func (a *Asistente) irAlPendiente() {
	if ir, ok := a.pasos[a.actual].Pendiente.(interface{ irAlPrimero() bool }); ok {
		ir.irAlPrimero()
	}
}

// conDatos is ConDatos, or whether the current step's form was changed.
func (a *Asistente) conDatos() bool {
	if a.ConDatos != nil {
		return a.ConDatos()
	}
	f, ok := a.pasos[a.actual].Pendiente.(interface{ conDatos() bool })
	return ok && f.conDatos()
}

// AntesDeSalir runs seguir at once when nothing typed would be lost;
// otherwise it asks first, and on Salir keeps the draft (Borrador) and
// runs seguir. Seguir aquí leaves everything as it was.
func (a *Asistente) AntesDeSalir(seguir func()) {
	if !a.conDatos() {
		seguir()
		return
	}
	texto := lang.L("¿Salir del trámite? Los datos escritos se perderán.")
	if a.Borrador != nil {
		texto = lang.L("¿Salir del trámite? Los datos escritos se guardarán como borrador; las contraseñas no se guardan.")
	}
	w := a.ventana()
	if w == nil {
		seguir()
		return
	}
	d := dialog.NewCustomConfirm(lang.L("Salir del trámite"), lang.L("Salir"), lang.L("Seguir aquí"), parrafo(texto), func(salir bool) {
		if !salir {
			return
		}
		if a.Borrador != nil {
			a.Borrador()
		}
		seguir()
	}, w)
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
}

func (a *Asistente) ventana() fyne.Window {
	if a.Ventana != nil {
		return a.Ventana
	}
	cv := fyne.CurrentApp().Driver().CanvasForObject(a.raiz)
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w.Canvas() == cv {
			return w
		}
	}
	return nil
}

// cancelar leaves the procedure, asking first when data would be lost.
func (a *Asistente) cancelar() {
	a.AntesDeSalir(func() {
		switch {
		case a.AlCancelar != nil:
			a.AlCancelar()
		case a.alMenu != nil:
			a.alMenu()
		}
	})
}

func (a *Asistente) siguiente() {
	p := a.pasos[a.actual]
	if p.Listo != nil {
		if ok, _ := p.Listo.Get(); !ok {
			return
		}
	}
	desde := a.actual
	seguir := func() {
		if a.actual == desde {
			a.Ir(desde + 1)
		}
	}
	if p.Accion == nil {
		seguir()
		return
	}
	p.Accion(seguir)
}

// pintarIndicador shows the current step in full ("Paso 5 de 6: Carta de
// Términos") and the others by their number, done ones ticked: it fits
// a narrow window whatever the number of steps.
func (a *Asistente) pintarIndicador() {
	a.indicador.Objects = nil
	for i, p := range a.pasos {
		if i > 0 {
			a.indicador.Add(widget.NewIcon(theme.NavigateNextIcon()))
		}
		if i == a.actual {
			l := widget.NewLabelWithStyle(textoPaso(i, len(a.pasos), p.Titulo), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			l.Importance = widget.HighImportance
			a.indicador.Add(l)
			continue
		}
		n := widget.NewLabel(strconv.Itoa(i + 1))
		if i < a.actual {
			n.Importance = widget.SuccessImportance
			a.indicador.Add(container.NewHBox(widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), n))
			continue
		}
		n.Importance = widget.LowImportance
		a.indicador.Add(n)
	}
	a.indicador.Refresh()
}

// textoPaso is "Paso 5 de 6: Carta de Términos".
func textoPaso(i, total int, titulo string) string {
	return lang.L("Paso {{.N}} de {{.Total}}: {{.Titulo}}", map[string]any{"N": i + 1, "Total": total, "Titulo": titulo})
}

// preguntar asks a yes/no question and runs si on yes.
func preguntar(e *Entorno, titulo, texto string, si func()) {
	l := widget.NewLabel(texto)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(titulo, lang.L("Sí"), lang.L("No"), l, func(ok bool) {
		if ok {
			si()
		}
	}, e.Ventana)
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
}
