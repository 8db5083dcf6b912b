package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
	"github.com/seguritools/seguritools/crypto"
)

// vistaAdicional is the Certificado Digital Adicional (seed 004): the
// holder opens the main certificate and designates a person of the
// staff, whose key pair is made here (with the mouse dialog) and whose
// .pfx is saved. It expires and is revoked with the main one.
func vistaAdicional(e *Entorno) fyne.CanvasObject {
	t := e.Progreso.Nuevo(progreso.Adicional)
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
		if p := tramite.ValidarExistente(campoPFXActual, v(campoPFXActual)); p != nil {
			ps = append(ps, *p)
		}
		if v(campoContrasenaA) == "" {
			ps = append(ps, patron.Problema{Campo: campoContrasenaA, Codigo: msg.CodeDatoRequerido})
		}
		a := leerAdicional(v)
		for _, p := range a.Validar() {
			p.Campo = "persona." + p.Campo
			ps = append(ps, p)
		}
		if p := tramite.ValidarDestino(campoLlave, v(campoLlave), ".key"); p != nil {
			ps = append(ps, *p)
		}
		if p := tramite.ValidarDestino(campoPFX, v(campoPFX), ".pfx"); p != nil {
			ps = append(ps, *p)
		}
		ps = append(ps, patron.ValidarContrasena(v(patron.CampoContrasena), a.Usuario)...)
		if p := patron.ConfirmarContrasena(v(patron.CampoContrasena), v(patron.CampoContrasenaConfirmacion)); p != nil {
			ps = append(ps, *p)
		}
		return ps
	})
	f.archivo(e, campoPFXActual, lang.L("Certificado Digital principal (.pfx)"), "", ".pfx,.p12", false)
	f.secreto(campoContrasenaA, lang.L("Contraseña del certificado principal"))
	f.texto("persona.nombre", lang.L("Nombre(s)"), "", "")
	f.texto("persona.apellido_paterno", lang.L("Apellido Paterno"), "", "")
	f.texto("persona.apellido_materno", lang.L("Apellido Materno"), "", "")
	f.texto("persona.curp", lang.L("CURP"), "", "")
	f.texto("persona.rfc", lang.L("RFC"), "", "")
	f.texto("persona.correo", lang.L("Correo Electrónico"), "", "")
	f.texto("persona.correo_confirmacion", lang.L("Confirme Correo Electrónico"), "", "")
	f.texto("persona.telefono", lang.L("Teléfono"), "", "")
	f.texto("persona.usuario", lang.L("Usuario"), "", "")
	f.archivo(e, campoLlave, lang.L("Llave privada de la persona designada"), "", ".key", true)
	f.secreto(patron.CampoContrasena, lang.L("Contraseña nueva"))
	f.secreto(patron.CampoContrasenaConfirmacion, lang.L("Confirmar Contraseña"))
	f.archivo(e, campoPFX, lang.L("Certificado Digital Adicional (.pfx)"), "", ".pfx", true)
	f.revisar()
	var resultado *widget.Label
	a := NuevoAsistente(
		&Paso{Titulo: lang.L("Datos"), Listo: f.listo, Pendiente: f.pendiente, Boton: lang.L("Aceptar"),
			Vista: func() fyne.CanvasObject {
				return container.NewVScroll(container.NewPadded(container.NewVBox(
					parrafo(lang.L("El titular del certificado principal solicita un certificado adicional para el personal que designe, ligado al mismo NPIE. Vence y se revoca junto con el principal.")),
					seccion(lang.L("Certificado Digital principal"), f.filas(campoPFXActual, campoContrasenaA)),
					seccion(lang.L("Persona designada"), f.filas("persona.nombre", "persona.apellido_paterno", "persona.apellido_materno",
						"persona.curp", "persona.rfc", "persona.correo", "persona.correo_confirmacion", "persona.telefono", "persona.usuario")),
					seccion(lang.L("Certificado Digital"), f.filas(campoLlave, patron.CampoContrasena, patron.CampoContrasenaConfirmacion, campoPFX)),
				)))
			},
			Accion: func(seguir func()) {
				c, err := e.Cliente()
				if err != nil {
					e.MostrarError(err)
					return
				}
				principal, err := credencial.AbrirPFX(f.valor(campoPFXActual), []byte(f.valor(campoContrasenaA)))
				if err != nil {
					e.MostrarError(err)
					return
				}
				persona := leerAdicional(f.valor)
				pw := []byte(f.valor(patron.CampoContrasena))
				llave, pfx := strings.TrimSpace(f.valor(campoLlave)), strings.TrimSpace(f.valor(campoPFX))
				mostrarDialogoLlave(e, func(pool *crypto.EntropyPool, avance func(float64)) error {
					cred, err := c.SolicitarAdicional(context.Background(), principal, persona, client.Llave{Ruta: llave, Password: pw, Usuario: persona.Usuario,
						Opciones: credencial.Opciones{Bits: e.Opciones.Bits, Iteraciones: e.Opciones.Iteraciones, Entropia: pool, Progreso: avance}})
					if err != nil {
						return err
					}
					t.Llave, t.PFX, t.Paso = llave, pfx, progreso.PasoTerminado
					return tramite.GuardarPFX(e.Progreso, cred, pw, pfx)
				}, func(err error) {
					if err != nil {
						e.MostrarError(err)
						return
					}
					resultado = parrafo(lang.L("Se ha generado exitosamente el Certificado Digital Adicional: {{.Ruta}}", map[string]any{"Ruta": pfx}))
					seguir()
				})
			}},
		&Paso{Titulo: lang.L("Certificado Generado"), SinAnterior: true, Vista: func() fyne.CanvasObject {
			if resultado == nil {
				return widget.NewLabel("")
			}
			resultado.Importance = widget.SuccessImportance
			return container.NewPadded(resultado)
		}},
	)
	return a.Objeto()
}

func leerAdicional(v func(string) string) patron.Adicional {
	return patron.Adicional{Nombre: v("persona.nombre"), ApellidoPaterno: v("persona.apellido_paterno"), ApellidoMaterno: v("persona.apellido_materno"),
		CURP: v("persona.curp"), RFC: v("persona.rfc"), Correo: v("persona.correo"), CorreoConfirmacion: v("persona.correo_confirmacion"),
		Usuario: v("persona.usuario"), Telefono: v("persona.telefono")}
}
