package ui

import (
	"image/color"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
)

// Groups of Home, in the order of the IMSS menu.
var gruposInicio = []struct {
	titulo string
	ids    []string
}{
	{"Trámites del Certificado Digital", []string{SolicitudNPIE, Renovacion, Adicional, Revocacion, Recuperacion}},
	{"Herramientas", []string{FirmarCarta, Verificar, Certificados}},
	{"Subdelegación y ajustes", []string{Ventanilla, Configuracion}},
}

// vistaInicio mirrors the IMSS "Menú Certificado Digital" and, above it,
// offers to continue any unfinished procedure and warns of certificates
// about to expire.
func vistaInicio(e *Entorno) fyne.CanvasObject {
	titulo := widget.NewLabelWithStyle(lang.L("PROCESO DE CERTIFICACIÓN DIGITAL PATRONAL"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(lang.L("Obtenga de forma gratuita, rápida y sencilla su Certificado Digital, con el cual podrá tener acceso a los servicios electrónicos del Instituto, como IDSE."))
	intro.Wrapping = fyne.TextWrapWord
	partes := []fyne.CanvasObject{titulo, intro}
	partes = append(partes, avisosInicio(e)...)
	for _, g := range gruposInicio {
		rejilla := container.NewGridWithColumns(2)
		for _, id := range g.ids {
			p, _ := pantalla(id)
			rejilla.Add(nuevaTarjeta(p, func() { e.Ir(p.ID) }))
		}
		partes = append(partes, widget.NewLabelWithStyle(lang.L(g.titulo), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), rejilla)
	}
	if e.Servidor.Embebido {
		nota := widget.NewLabel(lang.L("Modo de demostración: la autoridad certificadora de referencia corre dentro de esta aplicación. Para usar un servidor real, cambie la Configuración."))
		nota.Wrapping = fyne.TextWrapWord
		nota.Importance = widget.LowImportance
		partes = append(partes, nota)
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(partes...)))
}

// avisosInicio lists unfinished procedures (with Continuar) and the
// certificates that expire within 30 days.
func avisosInicio(e *Entorno) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if e.Progreso == nil {
		return nil
	}
	for _, t := range e.Progreso.Pendientes() {
		t := t
		paso := lang.L(descripcionPaso(t))
		importancia := widget.MediumImportance
		if t.Procedimiento == progreso.Solicitud {
			if aviso := tramite.AvisoDe(t, e.Ahora()); aviso != nil {
				paso, importancia = aviso.Mensaje(Idioma()), importanciaEstado(t.EstadoSolicitud)
			}
		}
		texto := lang.L("Tiene un trámite sin terminar: {{.Tramite}}. {{.Paso}}", map[string]any{
			"Tramite": lang.L(nombreTramite(t.Procedimiento)), "Paso": paso})
		l := widget.NewLabel(texto)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = importancia
		seguir := widget.NewButtonWithIcon(lang.L("Continuar"), theme.NavigateNextIcon(), func() { e.Reanudar(t) })
		seguir.Importance = widget.HighImportance
		olvidar := widget.NewButton(lang.L("Descartar"), func() { confirmarDescartar(e, t) })
		out = append(out, widget.NewCard("", "", container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), container.NewHBox(olvidar, seguir), l)))
	}
	cs, _ := e.Progreso.Certificados()
	for _, c := range cs {
		if !c.PorVencer(e.Ahora()) || !c.Util() {
			continue
		}
		out = append(out, avisoVencimiento(e, c))
	}
	return out
}

func avisoVencimiento(e *Entorno, c progreso.Certificado) fyne.CanvasObject {
	dias := c.DiasParaVencer(e.Ahora())
	texto := lang.L("Su certificado {{.Serial}} ({{.Titular}}) vence en {{.Dias}} días. Renuévelo en línea antes de que caduque.", map[string]any{"Serial": c.Serial, "Titular": c.Titular, "Dias": dias})
	if dias < 0 {
		texto = lang.L("Su certificado {{.Serial}} ({{.Titular}}) ya caducó. Puede renovarlo en línea.", map[string]any{"Serial": c.Serial, "Titular": c.Titular})
	}
	l := widget.NewLabel(texto)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	archivo := c.Archivo
	if ext := strings.ToLower(filepath.Ext(archivo)); ext != ".pfx" && ext != ".p12" {
		archivo = ""
	}
	b := widget.NewButton(lang.L("Renovar"), func() { e.IrConArchivo(Renovacion, archivo) })
	return widget.NewCard("", "", container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), b, l))
}

func nombreTramite(p string) string {
	switch p {
	case progreso.Solicitud:
		return "Solicitud NPIE"
	case progreso.Renovacion:
		return "Renovación"
	case progreso.Adicional:
		return "Certificado Digital Adicional"
	case progreso.Recuperacion:
		return "Recuperación"
	}
	return p
}

func descripcionPaso(t *progreso.Tramite) string {
	switch t.Paso {
	case "":
		return "Guardó un borrador; continúe la captura donde se quedó."
	case progreso.PasoCaptura:
		return "Sus datos están capturados; falta generar la llave privada."
	case progreso.PasoLlaveEscrita:
		return "Su llave privada ya está guardada; falta enviar la solicitud."
	case progreso.PasoEnviada:
		if t.Procedimiento == progreso.Solicitud {
			return "Su solicitud fue enviada; acuda a la subdelegación y después obtenga su certificado."
		}
		return "Su solicitud fue enviada; falta obtener el certificado."
	case progreso.PasoCartaFirmada:
		return "La Carta de Aceptación de Renovación está firmada; falta obtener el certificado nuevo."
	case progreso.PasoCertificadoNuevo:
		return "Ya tiene su certificado nuevo; falta firmar la Carta de Términos y Condiciones."
	}
	return "Continúe donde se quedó."
}

func confirmarDescartar(e *Entorno, t *progreso.Tramite) {
	preguntar(e, lang.L("Descartar trámite"),
		lang.L("¿Descartar este trámite? Sus archivos (.key, cartas) no se borran, pero la aplicación dejará de ofrecer continuarlo."),
		func() {
			e.Progreso.Borrar(t.ID)
			e.Ir(Inicio)
		})
}

// tarjeta is one entry of the menu: icon, title and a line of summary,
// tappable as a whole.
type tarjeta struct {
	widget.BaseWidget
	p     Pantalla
	tocar func()
	fondo *canvas.Rectangle
}

func nuevaTarjeta(p Pantalla, tocar func()) *tarjeta {
	t := &tarjeta{p: p, tocar: tocar}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tarjeta) CreateRenderer() fyne.WidgetRenderer {
	t.fondo = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	t.fondo.CornerRadius = theme.InputRadiusSize()
	titulo := widget.NewLabelWithStyle(lang.L(t.p.Titulo), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	titulo.Importance = widget.HighImportance
	resumen := widget.NewLabel(lang.L(t.p.Resumen))
	resumen.Wrapping = fyne.TextWrapWord
	icono := widget.NewIcon(t.p.Icono)
	return widget.NewSimpleRenderer(container.NewStack(t.fondo,
		container.NewBorder(nil, nil, container.NewPadded(icono), nil, container.NewVBox(titulo, resumen))))
}

func (t *tarjeta) Tapped(*fyne.PointEvent) { t.tocar() }
func (t *tarjeta) Cursor() desktop.Cursor  { return desktop.PointerCursor }
func (t *tarjeta) MouseIn(*desktop.MouseEvent) {
	t.pintar(theme.Color(theme.ColorNameHover))
}
func (t *tarjeta) MouseMoved(*desktop.MouseEvent) {}
func (t *tarjeta) MouseOut()                      { t.pintar(theme.Color(theme.ColorNameInputBackground)) }

func (t *tarjeta) pintar(c color.Color) {
	if t.fondo != nil {
		t.fondo.FillColor = c
		t.fondo.Refresh()
	}
}
