package ui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
)

// Preference keys.
const (
	PrefIdioma   = "idioma"
	PrefServidor = "servidor" // "" means the embedded refca
	PrefRaiz     = "raiz"     // PEM file of the pinned root
)

// vistaConfiguracion sets the server (embedded or remote, with its pinned
// root) and the language.
func vistaConfiguracion(e *Entorno) fyne.CanvasObject {
	p := e.App.Preferences()
	idioma := widget.NewSelect([]string{"Español", "English"}, nil)
	if Idioma() == msg.EN {
		idioma.SetSelectedIndex(1)
	} else {
		idioma.SetSelectedIndex(0)
	}
	embebido := widget.NewCheck(lang.L("Usar el servidor de demostración incluido en la aplicación"), nil)
	url := widget.NewEntry()
	url.SetPlaceHolder("https://refca.ejemplo.mx:8443")
	url.SetText(p.String(PrefServidor))
	raiz := binding.NewString()
	raiz.Set(p.String(PrefRaiz))
	raizE := widget.NewEntryWithData(raiz)
	raizE.SetPlaceHolder(lang.L("Certificado raíz de la autoridad certificadora (.pem)"))
	examinar := widget.NewButton(lang.L("Examinar..."), func() { elegirArchivo(e, raiz, ".pem,.crt,.cer", false) })
	remoto := container.New(layoutFormulario(),
		widget.NewLabel(lang.L("Servidor")), url,
		widget.NewLabel(lang.L("Certificado raíz")), container.NewBorder(nil, nil, nil, examinar, raizE))
	embebido.OnChanged = func(b bool) {
		if b {
			remoto.Hide()
		} else {
			remoto.Show()
		}
	}
	embebido.SetChecked(p.String(PrefServidor) == "")
	estado := parrafo(lang.L("Servidor actual: {{.URL}}", map[string]any{"URL": e.Servidor.URL}))
	estado.Importance = widget.LowImportance
	guardar := widget.NewButtonWithIcon(lang.L("Guardar"), theme.DocumentSaveIcon(), func() {
		l := msg.ES
		if idioma.SelectedIndex() == 1 {
			l = msg.EN
		}
		p.SetString(PrefIdioma, string(l))
		var s Servidor
		if embebido.Checked {
			p.SetString(PrefServidor, "")
			p.SetString(PrefRaiz, "")
			s = Servidor{Embebido: true}
		} else {
			u := strings.TrimSpace(url.Text)
			if !strings.HasPrefix(u, "https://") {
				e.MostrarError(msg.New(msg.CodeUIServidorURL))
				return
			}
			r, _ := raiz.Get()
			pem, err := os.ReadFile(strings.TrimSpace(r))
			if err != nil {
				e.MostrarError(msg.Wrap(err, msg.CodeArchivoNoLeido, r))
				return
			}
			// Refuse a root the client could not pin (a DER .cer, any
			// other file) now, not at the first call after it is saved.
			if _, err := tramite.Conectar(u, pem); err != nil {
				if msg.CodeOf(err) == msg.CodeRaicesInvalidas {
					err = msg.New(msg.CodeRaicesInvalidas, strings.TrimSpace(r))
				}
				e.MostrarError(err)
				return
			}
			p.SetString(PrefServidor, u)
			p.SetString(PrefRaiz, strings.TrimSpace(r))
			s = Servidor{URL: u, RaizPEM: pem}
		}
		if e.Reconfigurar != nil {
			var err error
			if s, err = e.Reconfigurar(s); err != nil {
				e.MostrarError(err)
				return
			}
		}
		e.CambiarServidor(s)
		if err := UsarIdioma(l); err != nil {
			e.MostrarError(err)
		}
		e.Iniciar()
		e.Ir(Configuracion)
	})
	guardar.Importance = widget.HighImportance
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		seccion(lang.L("Idioma"), idioma),
		seccion(lang.L("Autoridad certificadora"),
			parrafo(lang.L("La aplicación confía solo en el certificado raíz que usted indique, no en los del sistema.")),
			embebido, remoto, estado),
		guardar,
	)))
}
