package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/tramite"
)

// vistaCertificados is "Mis certificados": the certificates this app made
// or opened, with the days left and a warning from 30 days before expiry.
func vistaCertificados(e *Entorno) fyne.CanvasObject {
	lista := container.NewVBox()
	var pintar func()
	pintar = func() {
		lista.Objects = nil
		cs, err := e.Progreso.Certificados()
		if err != nil {
			lista.Add(parrafo(textoError(err)))
		}
		if len(cs) == 0 {
			lista.Add(parrafo(lang.L("Aún no hay certificados. Los que obtenga, renueve o abra con esta aplicación aparecerán aquí.")))
		}
		for _, c := range cs {
			dias := c.DiasParaVencer(e.Ahora())
			estado := widget.NewLabel(lang.L("Vence en {{.Dias}} días ({{.Fecha}})", map[string]any{"Dias": dias, "Fecha": c.NoDespues.Format("2006-01-02")}))
			icono := theme.ConfirmIcon()
			switch {
			case dias < 0:
				estado.SetText(lang.L("Caducó el {{.Fecha}}", map[string]any{"Fecha": c.NoDespues.Format("2006-01-02")}))
				estado.Importance = widget.DangerImportance
				icono = theme.ErrorIcon()
			case c.PorVencer(e.Ahora()):
				estado.Importance = widget.WarningImportance
				icono = theme.WarningIcon()
			}
			renovar := widget.NewButton(lang.L("Renovar"), func() { e.Ir(Renovacion) })
			info := container.NewVBox(negrita(c.Titular), widget.NewLabel(fmt.Sprintf("%s %s · %s", lang.L("serie"), c.Serial, c.Archivo)), estado)
			lista.Add(widget.NewCard("", "", container.NewBorder(nil, nil, widget.NewIcon(icono), renovar, info)))
		}
		lista.Refresh()
	}
	ruta := binding.NewString()
	ruta.AddListener(listenerFunc(func() {
		p, _ := ruta.Get()
		if p == "" {
			return
		}
		c, err := credencial.AbrirCertificado(p)
		if err == nil {
			err = tramite.Recordar(e.Progreso, c, p)
		}
		if err != nil {
			e.MostrarError(err)
			return
		}
		pintar()
	}))
	agregar := widget.NewButtonWithIcon(lang.L("Agregar certificado (.cer)..."), theme.ContentAddIcon(), func() { elegirArchivo(e, ruta, ".cer,.crt,.pem", false) })
	pintar()
	return container.NewBorder(container.NewPadded(agregar), nil, nil, nil, container.NewVScroll(container.NewPadded(lista)))
}

func listenerFunc(f func()) binding.DataListener { return binding.NewDataListener(f) }
