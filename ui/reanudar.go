package ui

import (
	"fyne.io/fyne/v2/lang"

	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
)

// Reanudar shows the wizard of an unfinished procedure at the step it
// had reached.
func (e *Entorno) Reanudar(t *progreso.Tramite) {
	c, _ := e.Cliente()
	switch t.Procedimiento {
	case progreso.Solicitud:
		p, _ := pantalla(SolicitudNPIE)
		s := nuevaSolicitud(e, tramite.ReanudarSolicitudDe(e.Progreso, c, t))
		e.Mostrar(SolicitudNPIE, lang.L(p.Titulo), s.a.Objeto())
		e.estado = s
	case progreso.Renovacion:
		p, _ := pantalla(Renovacion)
		r := nuevaRenovacion(e, tramite.ReanudarRenovacion(e.Progreso, c, t))
		e.Mostrar(Renovacion, lang.L(p.Titulo), r.a.Objeto())
		e.estado = r
	case progreso.Adicional:
		p, _ := pantalla(Adicional)
		d := nuevoAdicional(e, tramite.ReanudarAdicionalDe(e.Progreso, c, t))
		e.Mostrar(Adicional, lang.L(p.Titulo), d.a.Objeto())
		e.estado = d
	default:
		e.Ir(Inicio)
	}
}
