package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
)

// adicional shows the Certificado Digital Adicional (seed 004) that
// tramite.Adicional carries out. Step 1 opens the main certificate, which
// the CA is asked about at once (a replaced or revoked certificate stops
// there, and another file can be chosen); step 2 takes the designated
// person's data, makes the key with the mouse dialog and asks for the
// certificate; once the key exists, step 2 asks only for what is not in
// memory (passwords are never saved) and reuses that key.
type adicional struct {
	e *Entorno
	m *tramite.Adicional
	t *progreso.Tramite
	a *Asistente
	// principal is the form of step 1; datos the person's form of a new
	// procedure; reanudar, once the key exists, what is missing.
	principal, datos, reanudar *formulario
}

func vistaAdicional(e *Entorno) fyne.CanvasObject {
	c, _ := e.Cliente()
	d := nuevoAdicional(e, tramite.NuevoAdicional(e.Progreso, c))
	e.estado = d
	return d.a.Objeto()
}

// nuevoAdicional builds the wizard for m, at the step m has reached.
func nuevoAdicional(e *Entorno, m *tramite.Adicional) *adicional {
	d := &adicional{e: e, m: m, t: m.T}
	d.principal = formAbrirPFX(e, lang.L("Certificado Digital principal (.pfx)"), lang.L("Contraseña del certificado principal"), m.T.Certificado)
	d.datos = d.formDatos()
	datos := &Paso{Titulo: lang.L("Persona designada"), Vista: d.vistaDatos, Boton: lang.L("Aceptar"), Accion: d.aceptar}
	d.a = NuevoAsistente(
		&Paso{Titulo: lang.L("Certificado principal"), Vista: d.vistaPrincipal, Listo: d.principal.listo, Pendiente: d.principal.pendiente,
			Boton: lang.L("Continuar"), Accion: d.abrirPrincipal},
		datos,
		&Paso{Titulo: lang.L("Certificado Generado"), SinAnterior: true, Vista: d.vistaFin})
	d.a.Borrador = d.guardarBorrador
	switch {
	case m.T.Terminado():
		d.a.Ir(2)
	case m.Paso() == progreso.PasoEnviada:
		// The certificate exists: the main one is no longer needed.
		d.a.Ir(1)
	}
	return d
}

func (d *adicional) vistaPrincipal() fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("El titular del certificado principal solicita un certificado adicional para el personal que designe, ligado al mismo NPIE. Vence y se revoca junto con el principal.")),
		seccion(lang.L("Certificado Digital principal"), d.principal.filas(campoPFXActual, campoContrasenaA)),
	)))
}

// abrirPrincipal opens the main certificate and asks the CA about it
// before anything is typed: a dead certificate stops here with its advice.
func (d *adicional) abrirPrincipal(seguir func()) {
	ruta, pw := strings.TrimSpace(d.principal.valor(campoPFXActual)), []byte(d.principal.valor(campoContrasenaA))
	var aviso error
	enSegundoPlano(func() (struct{}, error) {
		var err error
		aviso, err = d.m.Abrir(context.Background(), ruta, pw)
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		if err != nil {
			d.e.MostrarError(err)
			return
		}
		if aviso != nil {
			d.e.MostrarAvisoError(aviso)
		}
		seguir()
	})
}

// formDatos is the person's form: data, the new key's file and password,
// and where to save the .pfx.
func (d *adicional) formDatos() *formulario {
	e := d.e
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
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
	// A draft kept earlier fills the form again.
	var p patron.Adicional
	if d.t.Persona != nil {
		p = *d.t.Persona
	}
	f.texto("persona.nombre", lang.L("Nombre(s)"), "", p.Nombre)
	f.texto("persona.apellido_paterno", lang.L("Apellido Paterno"), "", p.ApellidoPaterno)
	f.texto("persona.apellido_materno", lang.L("Apellido Materno"), "", p.ApellidoMaterno)
	f.texto("persona.curp", lang.L("CURP"), "", p.CURP)
	f.texto("persona.rfc", lang.L("RFC"), "", p.RFC)
	f.texto("persona.correo", lang.L("Correo Electrónico"), "", p.Correo)
	f.texto("persona.correo_confirmacion", lang.L("Confirme Correo Electrónico"), "", p.CorreoConfirmacion)
	f.texto("persona.telefono", lang.L("Teléfono"), "", p.Telefono)
	f.texto("persona.usuario", lang.L("Usuario"), "", p.Usuario)
	f.archivo(e, campoLlave, lang.L("Llave privada de la persona designada"), d.t.Llave, ".key", true)
	f.secreto(patron.CampoContrasena, lang.L("Contraseña nueva"))
	f.secreto(patron.CampoContrasenaConfirmacion, lang.L("Confirmar Contraseña"))
	f.archivo(e, campoPFX, lang.L("Certificado Digital Adicional (.pfx)"), d.t.PFX, ".pfx", true)
	f.revisar()
	return f
}

// guardarBorrador keeps the main certificate's file and the person's data
// as typed (never a password) until the key is made; the procedure is then
// offered in Home.
func (d *adicional) guardarBorrador() {
	if d.m.Paso() != "" {
		return
	}
	f := d.datos
	persona := leerAdicional(f.valor)
	t := d.t
	t.Certificado = strings.TrimSpace(d.principal.valor(campoPFXActual))
	t.Persona, t.Llave, t.PFX = &persona, strings.TrimSpace(f.valor(campoLlave)), strings.TrimSpace(f.valor(campoPFX))
	if err := d.e.Progreso.Guardar(t); err != nil {
		d.e.MostrarError(err)
	}
}

func leerAdicional(v func(string) string) patron.Adicional {
	return patron.Adicional{Nombre: v("persona.nombre"), ApellidoPaterno: v("persona.apellido_paterno"), ApellidoMaterno: v("persona.apellido_materno"),
		CURP: v("persona.curp"), RFC: v("persona.rfc"), Correo: v("persona.correo"), CorreoConfirmacion: v("persona.correo_confirmacion"),
		Usuario: v("persona.usuario"), Telefono: v("persona.telefono")}
}

// vistaDatos is step 2: the person's form, or once the key exists what is
// missing to go on with it.
func (d *adicional) vistaDatos() fyne.CanvasObject {
	p := d.a.pasos[1]
	if d.m.Paso() != "" {
		d.prepararReanudar(p)
		return d.vistaReanudar()
	}
	f := d.datos
	p.Listo, p.Pendiente, p.Boton = f.listo, f.pendiente, lang.L("Aceptar")
	d.a.Siguiente.SetText(p.Boton)
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		seccion(lang.L("Certificado Digital principal"), filaRevision(lang.L("Certificado Digital principal (.pfx)"), d.t.Certificado)),
		seccion(lang.L("Persona designada"), f.filas("persona.nombre", "persona.apellido_paterno", "persona.apellido_materno",
			"persona.curp", "persona.rfc", "persona.correo", "persona.correo_confirmacion", "persona.telefono", "persona.usuario")),
		seccion(lang.L("Certificado Digital"), f.filas(campoLlave, patron.CampoContrasena, patron.CampoContrasenaConfirmacion, campoPFX)),
	)))
}

func (d *adicional) aceptar(seguir func()) {
	if d.m.Paso() == "" {
		d.generar(seguir)
		return
	}
	d.continuar(seguir)
}

// generar makes the person's key with the mouse dialog and saves the
// progress before anything is sent, then asks for the certificate.
func (d *adicional) generar(seguir func()) {
	f := d.datos
	persona := leerAdicional(f.valor)
	llave, pfx := strings.TrimSpace(f.valor(campoLlave)), strings.TrimSpace(f.valor(campoPFX))
	nueva := []byte(f.valor(patron.CampoContrasena))
	mostrarDialogoLlave(d.e, func(o credencial.Opciones) error {
		o.Bits, o.Iteraciones = d.e.Opciones.Bits, d.e.Opciones.Iteraciones
		return d.m.GenerarLlave(persona, llave, nueva, pfx, o)
	}, func(err error) {
		if err != nil {
			d.fallo(err)
			return
		}
		d.enviar(seguir)
	})
}

// continuar opens the key already made when it is not in memory (checked
// to be that same key), takes the .pfx's destination, and goes on.
func (d *adicional) continuar(seguir func()) {
	f := d.reanudar
	pfx, pw := strings.TrimSpace(f.valor(campoPFX)), []byte(f.valor(patron.CampoContrasena))
	abrir := !d.m.LlaveAbierta()
	enSegundoPlano(func() (struct{}, error) {
		if err := d.m.CambiarDestino(pfx); err != nil {
			return struct{}{}, err
		}
		if abrir {
			return struct{}{}, d.m.AbrirLlave(pw)
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			d.e.MostrarError(err)
			return
		}
		d.enviar(seguir)
	})
}

// enviar asks the CA for the certificate (unless it was issued already)
// and saves the .pfx. Each step is saved once done: trying again never
// makes another key, and once the request is sent it is not sent again.
func (d *adicional) enviar(seguir func()) {
	enSegundoPlano(func() (struct{}, error) {
		if d.m.Paso() == progreso.PasoLlaveEscrita {
			if err := d.m.Enviar(context.Background()); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, d.m.Obtener(context.Background())
	}, func(_ struct{}, err error) {
		if err != nil {
			d.fallo(err)
			return
		}
		seguir()
	})
}

// fallo shows err and, once the key exists, step 2 in its resume form:
// what is left is done with that key.
func (d *adicional) fallo(err error) {
	d.e.MostrarError(err)
	if d.m.Paso() == "" {
		return
	}
	d.a.Ir(1)
}

// prepararReanudar makes p the resume step: the key's password when it is
// not in memory, and the .pfx's destination.
func (d *adicional) prepararReanudar(p *Paso) {
	pedirLlave := !d.m.LlaveAbierta()
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
		if pedirLlave && v(patron.CampoContrasena) == "" {
			ps = append(ps, patron.Problema{Campo: patron.CampoContrasena, Codigo: msg.CodeDatoRequerido})
		}
		if p := tramite.ValidarDestino(campoPFX, v(campoPFX), ".pfx"); p != nil {
			ps = append(ps, *p)
		}
		return ps
	})
	f.secreto(patron.CampoContrasena, lang.L("Contraseña de la llave privada de la persona designada"))
	// The destination chosen before may be taken by now: say so at once.
	f.archivo(d.e, campoPFX, lang.L("Certificado Digital Adicional (.pfx)"), d.t.PFX, ".pfx", true).tocado = true
	f.revisar()
	d.reanudar = f
	p.Listo, p.Pendiente, p.Boton = f.listo, f.pendiente, lang.L("Enviar solicitud")
	if d.m.Paso() == progreso.PasoEnviada {
		p.Boton = lang.L("Obtener Certificado Digital")
	}
	d.a.Siguiente.SetText(p.Boton)
	// Until the request is sent, the main certificate can be changed.
	if d.m.Paso() == progreso.PasoEnviada {
		d.a.Anterior.Hide()
	}
}

// vistaReanudar is step 2 once the key exists: the data as they were sent
// or will be, and only what is missing.
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
	certificado := []fyne.CanvasObject{parrafo(estado)}
	if !d.m.LlaveAbierta() {
		rutas = append(rutas, patron.CampoContrasena)
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
