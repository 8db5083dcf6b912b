package ui

import "fyne.io/fyne/v2"

// salida is a screen that may have something to say before the user
// leaves it through Menú (a procedure with typed data asks first and
// keeps a draft). A screen's state (Entorno.estado) implements it; a
// screen without it that shows a wizard is asked through the wizard
// (Asistente.AntesDeSalir).
type salida interface {
	// AntesDeSalir runs seguir when the user may leave now, maybe after
	// a question; not running it keeps the user on the screen.
	AntesDeSalir(seguir func())
}

// alMenu is Menú: it asks the screen shown before going to the menu.
func (e *Entorno) alMenu() {
	ir := func() { e.Ir(Inicio) }
	if s, ok := e.estado.(salida); ok {
		s.AntesDeSalir(ir)
		return
	}
	if len(e.contenido.Objects) > 0 {
		if a := asistenteEn(e.contenido.Objects[0]); a != nil {
			a.AntesDeSalir(ir)
			return
		}
	}
	ir()
}

// prepararSalida gives the wizard of a screen about to be shown its way
// back to the menu (Cancelar) and the window for its questions.
func (e *Entorno) prepararSalida(obj fyne.CanvasObject) {
	a := asistenteEn(obj)
	if a == nil {
		return
	}
	if a.alMenu == nil {
		a.alMenu = func() { e.Ir(Inicio) }
	}
	if a.Ventana == nil {
		a.Ventana = e.Ventana
	}
}

// asistenteEn finds the wizard shown in o, if any.
func asistenteEn(o fyne.CanvasObject) *Asistente {
	switch x := o.(type) {
	case *marcoAsistente:
		return x.a
	case *fyne.Container:
		for _, h := range x.Objects {
			if a := asistenteEn(h); a != nil {
				return a
			}
		}
	}
	return nil
}
