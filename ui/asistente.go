package ui

import (
	"fmt"
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

// Asistente is the wizard every procedure uses: a visible step indicator
// ("Paso 2 de 4: Captura de datos"), the step's content, and Anterior /
// Siguiente buttons. Siguiente is disabled until the step says it is
// ready, so a wizard cannot go on with invalid data.
type Asistente struct {
	pasos     []*Paso
	actual    int
	mostrado  int // the step fully shown (Actual), set last
	indicador *fyne.Container
	cuerpo    *fyne.Container
	pendiente *widget.Label
	Siguiente *widget.Button
	Anterior  *widget.Button
	raiz      fyne.CanvasObject
	quitar    func()
	mu        sync.Mutex
	// AlCambiar is called after each change of step.
	AlCambiar func(int)
}

// NuevoAsistente returns a wizard over pasos, showing the first one.
func NuevoAsistente(pasos ...*Paso) *Asistente {
	a := &Asistente{pasos: pasos, indicador: container.NewHBox(), cuerpo: container.NewStack()}
	a.Siguiente = widget.NewButtonWithIcon(lang.L("Siguiente"), theme.NavigateNextIcon(), a.siguiente)
	a.Siguiente.IconPlacement = widget.ButtonIconTrailingText
	a.Siguiente.Importance = widget.HighImportance
	a.Anterior = widget.NewButtonWithIcon(lang.L("Anterior"), theme.NavigateBackIcon(), func() { a.Ir(a.actual - 1) })
	a.pendiente = widget.NewLabel("")
	a.pendiente.Importance = widget.WarningImportance
	a.pendiente.Wrapping = fyne.TextWrapWord
	botones := container.NewBorder(nil, nil, a.Anterior, a.Siguiente, a.pendiente)
	a.raiz = container.NewBorder(container.NewVBox(container.NewHScroll(a.indicador), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), botones), nil, nil, a.cuerpo)
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
	a.pendiente.SetText("")
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
		a.revisar(p)
	}
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
		a.pendiente.SetText("")
		return
	}
	a.Siguiente.Disable()
	if p.Pendiente != nil {
		s, _ := p.Pendiente.Get()
		a.pendiente.SetText(s)
	}
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

func (a *Asistente) pintarIndicador() {
	a.indicador.Objects = nil
	for i, p := range a.pasos {
		if i > 0 {
			a.indicador.Add(widget.NewIcon(theme.NavigateNextIcon()))
		}
		l := widget.NewLabel(fmt.Sprintf("%s %d %s", lang.L("Paso"), i+1, p.Titulo))
		switch {
		case i == a.actual:
			l.TextStyle = fyne.TextStyle{Bold: true}
			l.Importance = widget.HighImportance
		case i < a.actual:
			l.Importance = widget.SuccessImportance
		default:
			l.Importance = widget.LowImportance
		}
		a.indicador.Add(l)
	}
	a.indicador.Refresh()
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
