package ui

import (
	"context"
	"crypto/rsa"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
	"github.com/seguritools/seguritools/crypto"
)

// adicional is the Certificado Digital Adicional (seed 004): the holder
// opens the main certificate and designates a person of the staff, whose
// key pair is made here (with the mouse dialog) and whose .pfx is saved.
// It expires and is revoked with the main one. The progress is saved as
// soon as the key is on disk, so a request that fails or a window closed
// afterwards continues with that same key and asks only for the passwords.
type adicional struct {
	e *Entorno
	t *progreso.Tramite
	a *Asistente
	// datos is the form of a new procedure; reanudar, once the key
	// exists, asks for what is not in memory and where to save the .pfx.
	datos, reanudar *formulario
	// What the user opened in this window, so that trying again here
	// asks for no password; never saved.
	principal *crypto.Credential
	llave     *rsa.PrivateKey
	password  []byte // the new key's, which also protects the .pfx
}

func vistaAdicional(e *Entorno) fyne.CanvasObject {
	d := nuevoAdicional(e, e.Progreso.Nuevo(progreso.Adicional))
	e.estado = d
	return d.a.Objeto()
}

// nuevoAdicional builds the wizard for t, at the step t has reached.
func nuevoAdicional(e *Entorno, t *progreso.Tramite) *adicional {
	d := &adicional{e: e, t: t}
	datos := &Paso{Titulo: lang.L("Datos"), Vista: d.vistaDatos, Accion: d.aceptar}
	switch t.Paso {
	case "":
		d.datos = d.formDatos()
		datos.Listo, datos.Pendiente, datos.Boton = d.datos.listo, d.datos.pendiente, lang.L("Aceptar")
	case progreso.PasoLlaveEscrita, progreso.PasoEnviada:
		d.prepararReanudar(datos)
	}
	d.a = NuevoAsistente(datos, &Paso{Titulo: lang.L("Certificado Generado"), SinAnterior: true, Vista: d.vistaFin})
	if t.Terminado() {
		d.a.Ir(1)
	}
	return d
}

// formDatos is the form of a new procedure: the main certificate, the
// person's data, and the new key's file and password.
func (d *adicional) formDatos() *formulario {
	e := d.e
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
	return f
}

func leerAdicional(v func(string) string) patron.Adicional {
	return patron.Adicional{Nombre: v("persona.nombre"), ApellidoPaterno: v("persona.apellido_paterno"), ApellidoMaterno: v("persona.apellido_materno"),
		CURP: v("persona.curp"), RFC: v("persona.rfc"), Correo: v("persona.correo"), CorreoConfirmacion: v("persona.correo_confirmacion"),
		Usuario: v("persona.usuario"), Telefono: v("persona.telefono")}
}

func (d *adicional) vistaDatos() fyne.CanvasObject {
	switch {
	case d.t.Terminado():
		return widget.NewLabel("")
	case d.t.Paso != "":
		return d.vistaReanudar()
	}
	f := d.datos
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("El titular del certificado principal solicita un certificado adicional para el personal que designe, ligado al mismo NPIE. Vence y se revoca junto con el principal.")),
		seccion(lang.L("Certificado Digital principal"), f.filas(campoPFXActual, campoContrasenaA)),
		seccion(lang.L("Persona designada"), f.filas("persona.nombre", "persona.apellido_paterno", "persona.apellido_materno",
			"persona.curp", "persona.rfc", "persona.correo", "persona.correo_confirmacion", "persona.telefono", "persona.usuario")),
		seccion(lang.L("Certificado Digital"), f.filas(campoLlave, patron.CampoContrasena, patron.CampoContrasenaConfirmacion, campoPFX)),
	)))
}

func (d *adicional) aceptar(seguir func()) {
	if d.t.Paso == "" {
		d.generar(seguir)
		return
	}
	d.continuar(seguir)
}

// generar opens the main certificate, makes the person's key with the
// mouse dialog and saves the progress before anything is sent.
func (d *adicional) generar(seguir func()) {
	f := d.datos
	ruta, pw := strings.TrimSpace(f.valor(campoPFXActual)), []byte(f.valor(campoContrasenaA))
	enSegundoPlano(func() (*crypto.Credential, error) { return credencial.AbrirPFX(ruta, pw) },
		func(principal *crypto.Credential, err error) {
			if err != nil {
				d.e.MostrarError(err)
				return
			}
			d.principal = principal
			tramite.Recordar(d.e.Progreso, principal.Certificate, ruta)
			persona := leerAdicional(f.valor).Normalizada()
			llave, pfx := strings.TrimSpace(f.valor(campoLlave)), strings.TrimSpace(f.valor(campoPFX))
			nueva := []byte(f.valor(patron.CampoContrasena))
			var key *rsa.PrivateKey
			mostrarDialogoLlave(d.e, func(pool *crypto.EntropyPool, avance func(float64)) error {
				k, err := credencial.NuevaLlave(llave, nueva, persona.Usuario, credencial.Opciones{
					Bits: d.e.Opciones.Bits, Iteraciones: d.e.Opciones.Iteraciones, Entropia: pool, Progreso: avance})
				if err != nil {
					return err
				}
				key = k
				t := d.t
				t.Persona, t.Certificado, t.Principal = &persona, ruta, tramite.Describir(principal.Certificate).Serial
				t.Llave, t.HuellaLlave, t.PFX, t.Paso = llave, credencial.HuellaLlave(&k.PublicKey), pfx, progreso.PasoLlaveEscrita
				return d.e.Progreso.Guardar(t)
			}, func(err error) {
				if key != nil {
					d.llave, d.password = key, nueva
				}
				if err != nil {
					d.fallo(err)
					return
				}
				d.enviar(seguir)
			})
		})
}

// continuar opens what a resumed procedure needs and was not in memory:
// the main certificate (only until the request is sent) and the key
// already made, checked to be that same key.
func (d *adicional) continuar(seguir func()) {
	f, t := d.reanudar, d.t
	t.PFX = strings.TrimSpace(f.valor(campoPFX))
	pwPrincipal, pwLlave := []byte(f.valor(campoContrasenaA)), []byte(f.valor(patron.CampoContrasena))
	pedirPrincipal, pedirLlave := d.faltaPrincipal(), d.llave == nil
	type abiertos struct {
		principal *crypto.Credential
		llave     *rsa.PrivateKey
	}
	enSegundoPlano(func() (abiertos, error) {
		var ab abiertos
		var err error
		if pedirPrincipal {
			if ab.principal, err = credencial.AbrirPFX(t.Certificado, pwPrincipal); err != nil {
				return ab, err
			}
		}
		if pedirLlave {
			ab.llave, err = tramite.AbrirLlaveDe(t, pwLlave)
		}
		return ab, err
	}, func(ab abiertos, err error) {
		if err != nil {
			d.e.MostrarError(err)
			return
		}
		if ab.principal != nil {
			// The additional hangs from the certificate in that file now.
			d.principal, t.Principal = ab.principal, tramite.Describir(ab.principal.Certificate).Serial
		}
		if ab.llave != nil {
			d.llave, d.password = ab.llave, pwLlave
		}
		d.enviar(seguir)
	})
}

// enviar asks the CA for the certificate with the key on disk, then
// builds the .pfx. Each step is saved once the CA answered: trying again
// never makes another key, and once the request is sent it is not sent
// again.
func (d *adicional) enviar(seguir func()) {
	c, err := d.e.Cliente()
	if err != nil {
		d.fallo(err)
		return
	}
	if d.t.Paso != progreso.PasoLlaveEscrita {
		d.obtener(c, seguir)
		return
	}
	principal, persona, key := d.principal, *d.t.Persona, d.llave
	ctx, err := tramite.Enviando(context.Background(), d.e.Progreso, d.t)
	if err != nil {
		d.fallo(err)
		return
	}
	enSegundoPlano(func() (*wire.Certificado, error) {
		return tramite.EnviarAdicional(ctx, c, principal, persona, key)
	}, func(w *wire.Certificado, err error) {
		if err != nil {
			d.fallo(err)
			return
		}
		d.t.Serial, d.t.NPIE, d.t.Paso = w.Serial, w.NPIE, progreso.PasoEnviada
		if err := d.e.Progreso.Guardar(d.t); err != nil {
			d.e.MostrarError(err)
		}
		d.obtener(c, seguir)
	})
}

// obtener downloads the issued certificate and saves the .pfx.
func (d *adicional) obtener(c *client.Client, seguir func()) {
	t, key, pw := d.t, d.llave, d.password
	enSegundoPlano(func() (struct{}, error) {
		return struct{}{}, tramite.ObtenerAdicional(context.Background(), c, d.e.Progreso, t, key, pw, t.PFX)
	}, func(_ struct{}, err error) {
		if err != nil {
			d.fallo(err)
			return
		}
		t.Paso = progreso.PasoTerminado
		if err := d.e.Progreso.Guardar(t); err != nil {
			d.e.MostrarError(err)
		}
		d.llave, d.password, d.principal = nil, nil, nil
		seguir()
	})
}

// fallo shows err and, once the key exists, the step in its resume form:
// what is left is done with that key.
func (d *adicional) fallo(err error) {
	d.e.MostrarError(err)
	if d.t.Paso == "" {
		return
	}
	d.prepararReanudar(d.a.pasos[0])
	d.a.Ir(0)
}

// faltaPrincipal reports whether the main certificate must be opened
// again: only to send the request, which it authenticates.
func (d *adicional) faltaPrincipal() bool {
	return d.t.Paso == progreso.PasoLlaveEscrita && d.principal == nil
}

// prepararReanudar makes p the resume step: the passwords not in memory
// and the .pfx's destination.
func (d *adicional) prepararReanudar(p *Paso) {
	pedirPrincipal, pedirLlave := d.faltaPrincipal(), d.llave == nil
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
		if pedirPrincipal && v(campoContrasenaA) == "" {
			ps = append(ps, patron.Problema{Campo: campoContrasenaA, Codigo: msg.CodeDatoRequerido})
		}
		if pedirLlave && v(patron.CampoContrasena) == "" {
			ps = append(ps, patron.Problema{Campo: patron.CampoContrasena, Codigo: msg.CodeDatoRequerido})
		}
		if p := tramite.ValidarDestino(campoPFX, v(campoPFX), ".pfx"); p != nil {
			ps = append(ps, *p)
		}
		return ps
	})
	f.secreto(campoContrasenaA, lang.L("Contraseña del certificado principal"))
	f.secreto(patron.CampoContrasena, lang.L("Contraseña de la llave privada de la persona designada"))
	// The destination chosen before may be taken by now: say so at once.
	f.archivo(d.e, campoPFX, lang.L("Certificado Digital Adicional (.pfx)"), d.t.PFX, ".pfx", true).tocado = true
	f.revisar()
	d.reanudar = f
	p.Listo, p.Pendiente, p.Boton = f.listo, f.pendiente, lang.L("Enviar solicitud")
	if d.t.Paso == progreso.PasoEnviada {
		p.Boton = lang.L("Obtener Certificado Digital")
	}
}

// vistaReanudar is the data step once the key exists: the data as they
// were sent or will be, nothing to change, and only what is missing.
func (d *adicional) vistaReanudar() fyne.CanvasObject {
	t := d.t
	var persona patron.Adicional
	if t.Persona != nil {
		persona = *t.Persona
	}
	estado := lang.L("La llave privada de la persona designada ya fue generada y guardada en {{.Ruta}}. Se usará la misma llave.", map[string]any{"Ruta": t.Llave})
	if t.Paso == progreso.PasoEnviada {
		estado = lang.L("El Certificado Digital Adicional ya fue emitido para la llave guardada en {{.Ruta}}; falta guardarlo en su archivo .pfx.", map[string]any{"Ruta": t.Llave})
	}
	var rutas []string
	if d.faltaPrincipal() {
		rutas = append(rutas, campoContrasenaA)
	}
	if d.llave == nil {
		rutas = append(rutas, patron.CampoContrasena)
	}
	certificado := []fyne.CanvasObject{parrafo(estado)}
	if len(rutas) > 0 {
		certificado = append(certificado, parrafo(lang.L("Por seguridad las contraseñas no se guardan: escríbalas de nuevo para continuar.")))
	}
	certificado = append(certificado, d.reanudar.filas(append(rutas, campoPFX)...))
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		seccion(lang.L("Certificado Digital principal"), filaRevision(lang.L("Certificado Digital principal (.pfx)"), t.Certificado)),
		seccion(lang.L("Persona designada"), filaRevision(lang.L("Nombre"), persona.NombreCompleto()),
			filaRevision(lang.L("CURP"), persona.CURP), filaRevision(lang.L("RFC"), persona.RFC),
			filaRevision(lang.L("Correo Electrónico"), persona.Correo), filaRevision(lang.L("Usuario"), persona.Usuario)),
		seccion(lang.L("Certificado Digital"), certificado...),
	)))
}

func (d *adicional) vistaFin() fyne.CanvasObject {
	l := parrafo(lang.L("Se ha generado exitosamente el Certificado Digital Adicional: {{.Ruta}}", map[string]any{"Ruta": d.t.PFX}))
	l.Importance = widget.SuccessImportance
	return container.NewPadded(l)
}
