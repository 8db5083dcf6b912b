package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
)

// vistaCertificados is "Mis certificados": the certificates this app made
// or opened, each main certificate followed by its additionals, with the
// state the CA last reported (asked again each time the screen opens), the
// days left and a warning from 30 days before expiry. A replaced or
// revoked certificate says so and offers nothing; a usable one offers
// Renovar and Revocar with its file already chosen.
func vistaCertificados(e *Entorno) fyne.CanvasObject {
	lista := container.NewVBox()
	nota := parrafo("")
	nota.Importance = widget.LowImportance
	nota.Hide()
	pintar := func(cs []progreso.Certificado, err error) {
		lista.Objects = nil
		if err != nil {
			lista.Add(parrafo(textoError(err)))
		}
		if len(cs) == 0 {
			lista.Add(parrafo(lang.L("Aún no hay certificados. Los que obtenga, renueve o abra con esta aplicación aparecerán aquí.")))
		}
		for _, c := range ordenarCertificados(cs) {
			lista.Add(tarjetaCertificado(e, c))
		}
		lista.Refresh()
	}
	actualizar := func() {
		cs, err := e.Progreso.Certificados()
		pintar(cs, err)
		c, _ := e.Cliente()
		enSegundoPlano(func() ([]progreso.Certificado, error) {
			ctx, cancel := context.WithTimeout(context.Background(), tiempoConsulta)
			defer cancel()
			cs, aviso, err := tramite.ActualizarCertificados(ctx, c, e.Progreso)
			if err == nil && aviso != nil {
				err = aviso
			}
			return cs, err
		}, func(cs []progreso.Certificado, err error) {
			if cs != nil {
				pintar(cs, nil)
			}
			if err != nil {
				nota.SetText(lang.L("No se pudo consultar al IMSS: se muestra el último estado conocido."))
				nota.Show()
			}
		})
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
		actualizar()
	}))
	agregar := widget.NewButtonWithIcon(lang.L("Agregar certificado (.cer)..."), theme.ContentAddIcon(), func() { elegirArchivo(e, ruta, ".cer,.crt,.pem", false) })
	actualizar()
	return container.NewBorder(container.NewPadded(container.NewVBox(agregar, nota)), nil, nil, nil, container.NewVScroll(container.NewPadded(lista)))
}

// ordenarCertificados puts each main certificate (soonest to expire first)
// followed by its additionals; additionals whose main one is not listed
// go last.
func ordenarCertificados(cs []progreso.Certificado) []progreso.Certificado {
	var out []progreso.Certificado
	usados := map[string]bool{}
	for _, c := range cs {
		if c.Tipo == progreso.TipoAdicional {
			continue
		}
		out = append(out, c)
		usados[c.Serial] = true
		for _, a := range cs {
			if a.Tipo == progreso.TipoAdicional && a.Principal == c.Serial {
				out = append(out, a)
				usados[a.Serial] = true
			}
		}
	}
	for _, c := range cs {
		if !usados[c.Serial] {
			out = append(out, c)
		}
	}
	return out
}

func tarjetaCertificado(e *Entorno, c progreso.Certificado) fyne.CanvasObject {
	dias := c.DiasParaVencer(e.Ahora())
	estado := widget.NewLabel(lang.L("Vence en {{.Dias}} días ({{.Fecha}})", map[string]any{"Dias": dias, "Fecha": c.NoDespues.Format("2006-01-02")}))
	estado.Wrapping = fyne.TextWrapWord
	icono := theme.ConfirmIcon()
	switch {
	case c.Estado == progreso.EstadoReemplazado:
		estado.SetText(lang.L("Reemplazado por una renovación: ya no sirve. Use su certificado nuevo."))
		estado.Importance = widget.DangerImportance
		icono = theme.CancelIcon()
	case c.Estado == progreso.EstadoRevocado:
		estado.SetText(lang.L("Revocado: ya no sirve."))
		estado.Importance = widget.DangerImportance
		icono = theme.CancelIcon()
	case dias < 0:
		estado.SetText(lang.L("Caducó el {{.Fecha}}", map[string]any{"Fecha": c.NoDespues.Format("2006-01-02")}))
		estado.Importance = widget.DangerImportance
		icono = theme.ErrorIcon()
	case c.Estado == progreso.EstadoCartaPendiente:
		estado.SetText(lang.L("Falta firmar la Carta de Términos y Condiciones de su renovación."))
		estado.Importance = widget.WarningImportance
		icono = theme.WarningIcon()
	case c.PorVencer(e.Ahora()):
		estado.Importance = widget.WarningImportance
		icono = theme.WarningIcon()
	}
	titular := c.Titular
	if c.Tipo == progreso.TipoAdicional {
		titular = lang.L("Adicional: {{.Titular}}", map[string]any{"Titular": c.Titular})
	}
	info := container.NewVBox(negrita(titular), widget.NewLabel(fmt.Sprintf("%s %s · %s", lang.L("serie"), c.Serial, c.Archivo)), estado)
	var botones []fyne.CanvasObject
	esPFX := strings.EqualFold(filepath.Ext(c.Archivo), ".pfx") || strings.EqualFold(filepath.Ext(c.Archivo), ".p12")
	if c.Util() {
		if c.Tipo != progreso.TipoAdicional {
			botones = append(botones, widget.NewButton(lang.L("Renovar"), func() { e.IrConArchivo(Renovacion, siPFX(c.Archivo, esPFX)) }))
		}
		botones = append(botones, widget.NewButton(lang.L("Revocar"), func() { e.IrConArchivo(Revocacion, siPFX(c.Archivo, esPFX)) }))
	}
	var tarjeta fyne.CanvasObject = widget.NewCard("", "", container.NewBorder(nil, nil, widget.NewIcon(icono), container.NewHBox(botones...), info))
	if c.Tipo == progreso.TipoAdicional && c.Principal != "" {
		// Under its main certificate.
		tarjeta = container.NewBorder(nil, nil, widget.NewIcon(theme.NavigateNextIcon()), nil, tarjeta)
	}
	return tarjeta
}

func siPFX(ruta string, es bool) string {
	if es {
		return ruta
	}
	return ""
}

func listenerFunc(f func()) binding.DataListener { return binding.NewDataListener(f) }
