package ui

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/tramite"
)

const (
	campoCarta   = "carta"
	campoFirmada = "firmada"
)

// vistaFirmar signs any PDF letter with a certificate, as IDSE asks for
// the Carta de Términos after a renewal. The signed copy is a new file.
func vistaFirmar(e *Entorno) fyne.CanvasObject {
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
		if p := tramite.ValidarExistente(campoCarta, v(campoCarta)); p != nil {
			ps = append(ps, *p)
		}
		if p := tramite.ValidarExistente(campoPFXActual, v(campoPFXActual)); p != nil {
			ps = append(ps, *p)
		}
		if v(campoContrasenaA) == "" {
			ps = append(ps, patron.Problema{Campo: campoContrasenaA, Codigo: msg.CodeDatoRequerido})
		}
		if strings.TrimSpace(v(campoFirmada)) == "" {
			ps = append(ps, patron.Problema{Campo: campoFirmada, Codigo: msg.CodeDatoRequerido})
		}
		return ps
	})
	carta := f.archivo(e, campoCarta, lang.L("Carta"), "", ".pdf", false)
	f.archivo(e, campoPFXActual, lang.L("Certificado Digital"), "", ".pfx,.p12", false)
	f.secreto(campoContrasenaA, lang.L("Contraseña"))
	firmada := f.archivo(e, campoFirmada, lang.L("Guardar la carta firmada como"), "", ".pdf", true)
	// The signed copy's name follows the letter chosen (carta-firmada.pdf)
	// until the user types one of their own; otherwise signing the signed
	// copy again would suggest the very file being signed.
	sugerida := ""
	carta.valor.AddListener(listenerFunc(func() {
		c, _ := carta.valor.Get()
		if actual, _ := firmada.valor.Get(); (actual == "" || actual == sugerida) && strings.HasSuffix(strings.ToLower(c), ".pdf") {
			sugerida = strings.TrimSuffix(c, filepath.Ext(c)) + "-firmada.pdf"
			firmada.valor.Set(sugerida)
		}
	}))
	resultado := parrafo("")
	resultado.Hide()
	firmar := widget.NewButtonWithIcon(lang.L("Firmar"), theme.DocumentCreateIcon(), nil)
	firmar.Importance = widget.HighImportance
	firmar.OnTapped = func() {
		origen, pfx, pw, destino := f.valor(campoCarta), f.valor(campoPFXActual), []byte(f.valor(campoContrasenaA)), f.valor(campoFirmada)
		c, _ := e.Cliente()
		var aviso error
		enSegundoPlano(func() (string, error) {
			var err error
			aviso, err = tramite.Firmar(context.Background(), c, e.Progreso, origen, pfx, pw, destino, tramite.MotivoTerminos)
			return destino, err
		}, func(p string, err error) {
			if err != nil {
				e.MostrarError(err)
				return
			}
			if aviso != nil {
				e.MostrarAvisoError(aviso)
			}
			resultado.SetText(lang.L("La carta quedó firmada: {{.Ruta}}", map[string]any{"Ruta": p}))
			resultado.Importance = widget.SuccessImportance
			resultado.Show()
			resultado.Refresh()
		})
	}
	f.listo.AddListener(listenerBoton(f, firmar))
	// The letter can be read inside the app before it is signed.
	ver := widget.NewButtonWithIcon(lang.L("Ver carta"), theme.VisibilityIcon(), func() {
		ruta := strings.TrimSpace(f.valor(campoCarta))
		if p := tramite.ValidarExistente(campoCarta, ruta); p != nil {
			e.MostrarError(msg.New(p.Codigo))
			return
		}
		mostrarCarta(e, ruta, filepath.Base(ruta))
	})
	f.revisar()
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("Elija la carta en PDF, su Certificado Digital y su contraseña. La firma se agrega al final del archivo sin cambiar la carta, así que las firmas anteriores siguen siendo válidas.")),
		f.filas(campoCarta, campoPFXActual, campoContrasenaA, campoFirmada), container.NewBorder(nil, nil, ver, nil, firmar), resultado)))
}
