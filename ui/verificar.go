package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/firma"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
)

// vistaVerificar checks any letter (each signature's result) or any
// credential file (what it is, whose, valid until when).
func vistaVerificar(e *Entorno) fyne.CanvasObject {
	ruta := binding.NewString()
	entrada := widget.NewEntryWithData(ruta)
	entrada.SetPlaceHolder(lang.L("Carta (.pdf) o certificado (.cer, .pfx)"))
	pw := widget.NewPasswordEntry()
	pw.SetPlaceHolder(lang.L("Solo para archivos .pfx o .key cifrados"))
	resultado := container.NewVBox()
	examinar := widget.NewButton(lang.L("Examinar..."), func() { elegirArchivo(e, ruta, ".pdf,.cer,.crt,.pem,.pfx,.p12,.key", false) })
	verificar := widget.NewButtonWithIcon(lang.L("Verificar"), theme.ConfirmIcon(), nil)
	verificar.Importance = widget.HighImportance
	verificar.OnTapped = func() {
		p, _ := ruta.Get()
		p = strings.TrimSpace(p)
		clave := []byte(pw.Text)
		enSegundoPlano(func() ([]fyne.CanvasObject, error) {
			if strings.EqualFold(filepath.Ext(p), ".pdf") {
				// The CA says whether a signer's certificate was revoked,
				// and when: a letter stamped before that stays valid.
				c, _ := e.Cliente()
				ctx, cancel := context.WithTimeout(context.Background(), tiempoConsulta)
				defer cancel()
				fs, err := tramite.VerificarCartaCon(ctx, c, p, e.Servidor.RaizPEM, Idioma())
				if err != nil {
					return nil, err
				}
				return filasFirmas(fs), nil
			}
			inf, err := credencial.Inspeccionar(p, func() ([]byte, error) {
				if len(clave) == 0 {
					return nil, msg.New(msg.CodeContrasenaVacia)
				}
				return clave, nil
			})
			if err != nil {
				return nil, err
			}
			return filasInforme(inf, estadoEnCA(e, inf)), nil
		}, func(os []fyne.CanvasObject, err error) {
			if err != nil {
				l := parrafo(textoError(err))
				l.Importance = widget.DangerImportance
				os = []fyne.CanvasObject{l}
			}
			resultado.Objects = os
			resultado.Refresh()
		})
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("Elija una carta firmada para revisar cada firma, o un certificado para ver sus datos y su vigencia.")),
		container.NewBorder(nil, nil, nil, examinar, entrada),
		container.New(layoutFormulario(), widget.NewLabel(lang.L("Contraseña")), pw),
		verificar, resultado)))
}

func filasFirmas(fs []firma.Resultado) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for i, f := range fs {
		estado := widget.NewLabelWithStyle(lang.L("Firma válida"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		estado.Importance = widget.SuccessImportance
		icono := theme.ConfirmIcon()
		if !f.Valida {
			estado.SetText(f.Error.Mensaje(Idioma()))
			estado.Importance = widget.DangerImportance
			estado.Wrapping = fyne.TextWrapWord
			icono = theme.ErrorIcon()
		}
		filas := []fyne.CanvasObject{
			container.NewBorder(nil, nil, widget.NewIcon(icono), nil, estado),
			filaRevision(lang.L("Firmante"), f.Firmante), filaRevision(lang.L("RFC"), f.RFC),
			filaRevision(lang.L("Número de serie"), f.Serie), filaRevision(lang.L("Motivo"), f.Motivo),
			filaRevision(lang.L("Fecha"), f.Fecha.Local().Format("2006-01-02 15:04"))}
		if f.Nivel != "" {
			filas = append(filas, filaRevision(lang.L("Nivel"), f.Nivel))
		}
		if f.Nota != "" {
			nota := parrafo(f.Nota)
			nota.Importance = widget.LowImportance
			filas = append(filas, nota)
		}
		out = append(out, seccion(fmt.Sprintf("%s %d", lang.L("Firma"), i+1), filas...))
	}
	return out
}

// estadoEnCA is the configured CA's status of the certificate described
// in inf, "" when it cannot be asked (see tramite.EstadoEnCA).
func estadoEnCA(e *Entorno, inf *credencial.Informe) string {
	if inf.Certificado == nil {
		return ""
	}
	c, err := e.Cliente()
	if err != nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return tramite.EstadoEnCA(ctx, c, *inf.Certificado)
}

// filasInforme describes a credential file; estadoCA, when known,
// replaces the status computed from the dates alone.
func filasInforme(inf *credencial.Informe, estadoCA string) []fyne.CanvasObject {
	out := []fyne.CanvasObject{filaRevision(lang.L("Tipo de archivo"), lang.L(inf.Tipo))}
	if c := inf.Certificado; c != nil {
		estado := c.State
		if estadoCA != "" {
			estado = estadoCA
		}
		out = append(out, filaRevision(lang.L("Titular"), c.Nombre), filaRevision(lang.L("Razón Social"), c.RazonSocial),
			filaRevision(lang.L("RFC"), c.RFC), filaRevision(lang.L("CURP"), c.CURP), filaRevision(lang.L("Correo Electrónico"), c.Correo),
			filaRevision(lang.L("Número de serie"), c.Serial), filaRevision(lang.L("Emisor"), c.Issuer),
			filaRevision(lang.L("Vigente desde"), c.NotBefore.Format("2006-01-02")), filaRevision(lang.L("Vigente hasta"), c.NotAfter.Format("2006-01-02")),
			filaRevision(lang.L("Estado"), lang.L(estado)))
		// Days left mean something only for a certificate that still works.
		if estado == "vigente" || estado == "carta_pendiente" {
			out = append(out, filaRevision(lang.L("Días restantes"), strconv.Itoa(c.DaysLeft)))
		}
	}
	if l := inf.Llave; l != nil {
		out = append(out, filaRevision(lang.L("Llave"), fmt.Sprintf("RSA %d bits", l.Bits)), filaRevision(lang.L("Huella SHA-256"), l.Huella))
	}
	return out
}
