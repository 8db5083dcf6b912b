package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/tramite"
)

// Palabra is what the user types to confirm a revocation.
const palabraRevocar = "REVOCAR"

// vistaRevocacion is the online revocation (seed 004): the certificate
// and its password, a reason, and a typed confirmation, because it cannot
// be undone. A forgotten password means revoking at the subdelegación.
func vistaRevocacion(e *Entorno) fyne.CanvasObject {
	f := formAbrirPFX(e, lang.L("Certificado Digital (.pfx)"), lang.L("Contraseña"), e.tomarArchivo())
	// Each reason offered and the API's word for it (its RFC 5280 code):
	// the text shown is not what the CA records.
	motivos := []struct{ texto, api string }{
		{lang.L("La contraseña dejó de ser secreta"), "llave_comprometida"},
		{lang.L("Pérdida del certificado o de la llave privada"), "llave_comprometida"},
		{lang.L("Ya no lo necesito"), "cese"},
		{lang.L("Otro"), ""},
	}
	textos := make([]string, len(motivos))
	for i, m := range motivos {
		textos[i] = m.texto
	}
	motivo := widget.NewSelect(textos, nil)
	motivo.SetSelectedIndex(0)
	resultado := container.NewVBox()
	revocar := widget.NewButtonWithIcon(lang.L("Revocar certificado"), theme.CancelIcon(), nil)
	revocar.Importance = widget.DangerImportance
	revocar.OnTapped = func() {
		c, _ := e.Cliente()
		pfx, pw := f.valor(campoPFXActual), []byte(f.valor(campoContrasenaA))
		var aviso error
		enSegundoPlano(func() (r *tramite.Revocacion, err error) {
			r, aviso, err = tramite.AbrirParaRevocar(context.Background(), c, e.Progreso, pfx, pw)
			return r, err
		}, func(r *tramite.Revocacion, err error) {
			if err != nil {
				e.MostrarError(err)
				return
			}
			if aviso != nil {
				e.MostrarAvisoError(aviso)
			}
			confirmarRevocacion(e, r, func() {
				m := ""
				if i := motivo.SelectedIndex(); i >= 0 {
					m = motivos[i].api
				}
				enSegundoPlano(func() (*tramite.EstadoCertificado, error) {
					return r.Revocar(context.Background(), m)
				}, func(st *tramite.EstadoCertificado, err error) {
					if err != nil {
						e.MostrarError(err)
						return
					}
					l := parrafo(lang.L("El certificado {{.Serial}} quedó revocado.", map[string]any{"Serial": st.Serial}))
					l.Importance = widget.SuccessImportance
					resultado.Objects = []fyne.CanvasObject{l}
					resultado.Refresh()
				})
			})
		})
	}
	f.listo.AddListener(listenerBoton(f, revocar))
	f.revisar()
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("Revoque su Certificado Digital si lo perdió o si alguien más conoce su contraseña. Si olvidó su contraseña, acuda a la subdelegación para revocarlo en persona.")),
		f.filas(campoPFXActual, campoContrasenaA),
		container.New(layoutFormulario(), widget.NewLabel(lang.L("Motivo")), motivo),
		revocar, resultado,
	)))
}

// confirmarRevocacion asks for the typed confirmation with the words that
// fit the certificate: an additional one ends alone; a main one takes its
// additionals with it and needs a new Solicitud NPIE afterwards.
func confirmarRevocacion(e *Entorno, r *tramite.Revocacion, si func()) {
	datos := map[string]any{"Serial": r.Info.Serial, "Nombre": r.Info.Nombre}
	texto := lang.L("Su certificado {{.Serial}} ({{.Nombre}}) y sus certificados adicionales dejarán de servir de inmediato, también para IDSE. Esto no se puede deshacer: para volver a tener certificado deberá hacer una Solicitud NPIE nueva.", datos)
	if r.Adicional {
		texto = lang.L("El certificado adicional {{.Serial}} ({{.Nombre}}) dejará de servir de inmediato. Su certificado principal y su NPIE no cambian; si la persona lo necesita de nuevo, solicite otro Certificado Digital Adicional.", datos)
	}
	confirmarEscrito(e, lang.L("Revocar certificado"), texto, palabraRevocar, si)
}
