package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/tramite"
)

// vistaRecuperacion is the recovery (seed 004): from the NPIE the CA
// gives the certificate's serial number; the certificate is downloaded
// and joined with the user's own .key into a new .pfx.
func vistaRecuperacion(e *Entorno) fyne.CanvasObject {
	npie := widget.NewEntry()
	npie.SetPlaceHolder(lang.L("Número Patronal de Identificación Electrónica"))
	serial := binding.NewString()
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
		if s, _ := serial.Get(); s == "" {
			ps = append(ps, patron.Problema{Campo: "serial", Codigo: msg.CodeDatoRequerido})
		}
		if p := tramite.ValidarExistente(campoLlave, v(campoLlave)); p != nil {
			ps = append(ps, *p)
		}
		if v(patron.CampoContrasena) == "" {
			ps = append(ps, patron.Problema{Campo: patron.CampoContrasena, Codigo: msg.CodeDatoRequerido})
		}
		if p := tramite.ValidarDestino(campoPFX, v(campoPFX), ".pfx"); p != nil {
			ps = append(ps, *p)
		}
		return ps
	})
	// The serial shown is the one of the NPIE searched: typing another NPIE
	// hides it, so a .pfx is never rebuilt for an NPIE not shown.
	npie.OnChanged = func(string) {
		serial.Set("")
		f.revisar()
	}
	f.archivo(e, campoLlave, lang.L("Llave Privada"), "", ".key", false)
	f.secreto(patron.CampoContrasena, lang.L("Contraseña"))
	f.archivo(e, campoPFX, lang.L("Certificado Digital"), "", ".pfx", true)
	serieL := widget.NewLabelWithData(serial)
	serieL.TextStyle = fyne.TextStyle{Bold: true}
	buscar := widget.NewButtonWithIcon(lang.L("Buscar"), theme.SearchIcon(), func() {
		c, _ := e.Cliente()
		n := strings.TrimSpace(npie.Text)
		enSegundoPlano(func() (string, error) { return tramite.BuscarSerial(context.Background(), c, n) },
			func(s string, err error) {
				if err != nil {
					e.MostrarError(err)
					return
				}
				serial.Set(s)
				f.revisar()
			})
	})
	resultado := parrafo("")
	resultado.Hide()
	obtener := widget.NewButtonWithIcon(lang.L("Obtener Certificado Digital"), theme.DownloadIcon(), nil)
	obtener.Importance = widget.HighImportance
	obtener.OnTapped = func() {
		c, _ := e.Cliente()
		s, _ := serial.Get()
		llave, pw, pfx := f.valor(campoLlave), []byte(f.valor(patron.CampoContrasena)), f.valor(campoPFX)
		enSegundoPlano(func() (string, error) {
			return pfx, tramite.Recuperar(context.Background(), c, e.Progreso, s, llave, pw, pfx)
		}, func(p string, err error) {
			if err != nil {
				e.MostrarError(err)
				return
			}
			resultado.SetText(lang.L("Se ha generado exitosamente su Certificado Digital: {{.Ruta}}", map[string]any{"Ruta": p}))
			resultado.Importance = widget.SuccessImportance
			resultado.Show()
			resultado.Refresh()
		})
	}
	f.listo.AddListener(listenerBoton(f, obtener))
	f.revisar()
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("Proporcione su NPIE y presione Buscar: se mostrará el número de serie de su certificado. Después indique su llave privada y su contraseña para armar de nuevo su archivo .pfx.")),
		container.NewBorder(nil, nil, nil, buscar, npie),
		container.New(layoutFormulario(), widget.NewLabel(lang.L("Número de serie")), serieL),
		f.filas(campoLlave, patron.CampoContrasena, campoPFX),
		obtener, resultado,
	)))
}

// listenerBoton enables b while form f is ready.
func listenerBoton(f *formulario, b *widget.Button) binding.DataListener {
	return binding.NewDataListener(func() {
		if ok, _ := f.listo.Get(); ok {
			b.Enable()
		} else {
			b.Disable()
		}
	})
}
