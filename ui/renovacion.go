package ui

import (
	"context"
	"path/filepath"
	"strconv"
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

// Form paths of the renewal.
const (
	campoPFXActual   = "pfx_actual"
	campoContrasenaA = "contrasena_actual"
)

// renovacion shows the online renewal (seeds 001–003) that
// tramite.Renovacion carries out: open the current certificate (checked
// with the CA at once); confirm the data, changing only email, phone and
// fax; a new key with the mouse dialog; the Carta de Aceptación de
// Renovación shown and signed with the old certificate; the new .pfx
// obtained with the new key; the second Carta de Términos signed with the
// new certificate. The screen only collects input and renders the step the
// procedure stands at; the procedure runs off the UI goroutine and its
// state is read only once it has answered.
type renovacion struct {
	e       *Entorno
	m       *tramite.Renovacion
	t       *progreso.Tramite
	a       *Asistente
	abrir   *formulario
	datos   *formulario
	obtener *formulario
	// info describes the certificate being renewed, once opened;
	// anteriores are the data the CA keeps for its NPIE (nil offline).
	info       *tramite.Info
	anteriores *patron.Solicitud
	pwNueva    string
}

func vistaRenovacion(e *Entorno) fyne.CanvasObject {
	c, _ := e.Cliente()
	m := tramite.NuevaRenovacion(e.Progreso, c)
	m.T.Certificado = e.tomarArchivo()
	r := nuevaRenovacion(e, m)
	e.estado = r
	return r.a.Objeto()
}

// pasosRenovacion maps the procedure's step to the wizard's.
var pasosRenovacion = map[string]int{
	progreso.PasoEnviada:          2,
	progreso.PasoCartaFirmada:     3,
	progreso.PasoCertificadoNuevo: 4,
	progreso.PasoTerminado:        5,
}

func nuevaRenovacion(e *Entorno, m *tramite.Renovacion) *renovacion {
	r := &renovacion{e: e, m: m, t: m.T}
	r.abrir = formAbrirPFX(e, lang.L("Certificado Digital (.pfx)"), lang.L("Contraseña"), m.T.Certificado)
	r.a = NuevoAsistente(
		&Paso{Titulo: lang.L("Certificado actual"), Vista: r.vistaAbrir, Listo: r.abrir.listo, Pendiente: r.abrir.pendiente,
			Boton: lang.L("Continuar"), Accion: r.abrirCertificado},
		&Paso{Titulo: lang.L("Datos y llave nueva"), Vista: r.vistaDatos, Boton: lang.L("Aceptar"), Accion: r.generar},
		&Paso{Titulo: lang.L("Carta de Aceptación"), Vista: r.vistaAceptacion, Boton: lang.L("Firmar carta"), Accion: r.firmarAceptacion, SinAnterior: true},
		&Paso{Titulo: lang.L("Certificado nuevo"), Vista: r.vistaObtener, Boton: lang.L("Obtener Certificado Digital"), Accion: r.obtenerNuevo, SinAnterior: true},
		&Paso{Titulo: lang.L("Carta de Términos"), Vista: r.vistaTerminos, Boton: lang.L("Firmar carta"), Accion: r.firmarTerminos, SinAnterior: true},
		&Paso{Titulo: lang.L("Certificado Generado"), Vista: r.vistaFin, SinAnterior: true},
	)
	r.a.Borrador = r.guardarBorrador
	if i, ok := pasosRenovacion[m.Paso()]; ok {
		r.a.Ir(i)
	}
	return r
}

// guardarBorrador keeps, until the new key is made, the certificate's
// file and the email, phone and fax typed (never a password).
func (r *renovacion) guardarBorrador() {
	if r.m.Paso() != "" {
		return
	}
	r.t.Certificado = strings.TrimSpace(r.abrir.valor(campoPFXActual))
	if f := r.datos; f != nil {
		c := patron.Cambios{Correo: f.valor("correo"), CorreoConfirmacion: f.valor("correo_confirmacion"), Telefono: f.valor("telefono"), Fax: f.valor("fax")}
		r.t.Cambios = &c
	}
	if err := r.e.Progreso.Guardar(r.t); err != nil {
		r.e.MostrarError(err)
	}
}

// formAbrirPFX is the form that opens an existing .pfx (inicial
// suggested) with its password.
func formAbrirPFX(e *Entorno, etiqueta, etiquetaContrasena, inicial string) *formulario {
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
		if p := tramite.ValidarExistente(campoPFXActual, v(campoPFXActual)); p != nil {
			ps = append(ps, *p)
		}
		if v(campoContrasenaA) == "" {
			ps = append(ps, patron.Problema{Campo: campoContrasenaA, Codigo: msg.CodeDatoRequerido})
		}
		return ps
	})
	f.archivo(e, campoPFXActual, etiqueta, inicial, ".pfx,.p12", false)
	f.secreto(campoContrasenaA, etiquetaContrasena)
	f.revisar()
	return f
}

// hecho runs f (a step of the procedure) off the UI goroutine, then shows
// its error and stays, or goes on with seguir.
func (r *renovacion) hecho(f func(ctx context.Context) error, seguir func()) {
	enSegundoPlano(func() (struct{}, error) { return struct{}{}, f(context.Background()) },
		func(_ struct{}, err error) {
			if err != nil {
				r.e.MostrarError(err)
				return
			}
			seguir()
		})
}

func (r *renovacion) vistaAbrir() fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Renovación en línea del Certificado Digital"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		parrafo(lang.L("Ingrese su certificado digital (.pfx) y su contraseña. Puede renovarlo aunque ya haya caducado; no necesita acudir a la subdelegación.")),
		r.abrir.filas(campoPFXActual, campoContrasenaA),
	)))
}

// abrirCertificado opens the .pfx and asks the CA about it before the
// user types anything more: a replaced or revoked certificate stops here
// with its advice, and the user can pick another file.
func (r *renovacion) abrirCertificado(seguir func()) {
	ruta, pw := r.abrir.valor(campoPFXActual), []byte(r.abrir.valor(campoContrasenaA))
	var aviso error
	var anteriores *patron.Solicitud
	r.hecho(func(ctx context.Context) (err error) {
		if aviso, err = r.m.Abrir(ctx, ruta, pw); err != nil {
			return err
		}
		// Offline, the certificate's own data are shown instead.
		anteriores, _ = r.m.DatosAnteriores(ctx)
		return nil
	}, func() {
		info := tramite.Describir(r.m.Anterior().Certificate)
		r.info, r.anteriores = &info, anteriores
		r.datos = r.formDatos()
		if aviso != nil {
			r.e.MostrarAvisoError(aviso)
		}
		seguir()
	})
}

// formDatos is the renewal's form: email, phone and fax (the only data a
// renewal may change) and the new key's file and password.
func (r *renovacion) formDatos() *formulario {
	usuario := r.m.Usuario()
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		c := patron.Cambios{Correo: v("correo"), CorreoConfirmacion: v("correo_confirmacion"), Telefono: v("telefono"), Fax: v("fax")}
		ps := c.Validar()
		if p := tramite.ValidarDestino(campoLlave, v(campoLlave), ".key"); p != nil && !r.llaveReusable(v(campoLlave)) {
			ps = append(ps, *p)
		}
		ps = append(ps, patron.ValidarContrasena(v(patron.CampoContrasena), usuario)...)
		if p := patron.ConfirmarContrasena(v(patron.CampoContrasena), v(patron.CampoContrasenaConfirmacion)); p != nil {
			ps = append(ps, *p)
		}
		return ps
	})
	// What the CA has (or a draft) fills the fields; the user changes
	// what is different.
	c := r.cambiosIniciales()
	f.texto("correo", lang.L("Correo Electrónico"), "", c.Correo)
	f.texto("correo_confirmacion", lang.L("Confirmación Correo Electrónico"), "", c.CorreoConfirmacion)
	f.texto("telefono", lang.L("Teléfono"), "55 1234 5678", c.Telefono)
	f.texto("fax", lang.L("Fax"), "", c.Fax)
	f.archivo(r.e, campoLlave, lang.L("Especifique el nombre y ubicación del archivo que almacenará su llave privada"),
		siguienteNombre(r.t.Certificado, ".key"), ".key", true)
	f.secreto(patron.CampoContrasena, lang.L("Digite la contraseña para usar su Certificado Digital"))
	f.secreto(patron.CampoContrasenaConfirmacion, lang.L("Confirmar Contraseña"))
	f.revisar()
	return f
}

// cambiosIniciales is what the renewal's changeable fields start with: a
// draft, else the certificate's email.
func (r *renovacion) cambiosIniciales() patron.Cambios {
	switch {
	case r.t.Cambios != nil:
		return *r.t.Cambios
	case r.anteriores != nil:
		c := r.anteriores.Cambios()
		c.CorreoConfirmacion = ""
		return c
	}
	return patron.Cambios{Correo: r.info.Correo}
}

// llaveReusable reports whether ruta is the key an earlier, failed attempt
// of this renewal wrote: it is offered again, not refused as existing.
func (r *renovacion) llaveReusable(ruta string) bool {
	return r.t.HuellaLlave != "" && filepath.Clean(ruta) == filepath.Clean(r.t.Llave)
}

// siguienteNombre suggests USUARIO_1.key next to the old file (as the
// IMSS manual shows), or _2, _3… if taken: never the old name.
func siguienteNombre(viejo, ext string) string {
	base := strings.TrimSuffix(viejo, filepath.Ext(viejo))
	for i := 1; i < 100; i++ {
		p := base + "_" + strconv.Itoa(i) + ext
		if tramite.ValidarDestino("", p, ext) == nil {
			return p
		}
	}
	return base + "_nuevo" + ext
}

func (r *renovacion) vistaDatos() fyne.CanvasObject {
	if r.info == nil {
		r.a.Siguiente.Disable()
		return parrafo(lang.L("Regrese al paso anterior y abra su certificado."))
	}
	info := r.info
	titular := seccion(lang.L("Información del Patrón, Sujeto Obligado o Representante legal"),
		filaRevision(lang.L("Usuario"), r.m.Usuario()),
		filaRevision(lang.L("Razón Social"), info.RazonSocial), filaRevision(lang.L("Nombre"), info.Nombre),
		filaRevision(lang.L("RFC"), info.RFC), filaRevision(lang.L("CURP"), info.CURP),
		filaRevision(lang.L("Número de serie"), info.Serial), filaRevision(lang.L("Vigente hasta"), info.NotAfter.Format("2006-01-02")))
	if r.anteriores != nil {
		titular = r.registrados()
	}
	if r.t.Paso == progreso.PasoLlaveEscrita {
		return r.vistaLlaveHecha(titular)
	}
	f := r.datos
	r.enlazar(f)
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("Se muestran los datos de su Certificado Digital. Solo puede modificar su correo electrónico, teléfono y fax; el usuario será el mismo para el nuevo certificado.")),
		titular,
		seccion(lang.L("Datos que puede cambiar"), f.filas("correo", "correo_confirmacion", "telefono", "fax")),
		seccion(lang.L("Certificado Digital"), f.filas(campoLlave, patron.CampoContrasena, patron.CampoContrasenaConfirmacion),
			parrafo(lang.L("Es importante recordarle que esta información deberá guardarla, debido a que el Instituto no cuenta con herramientas para poder recordarle su nueva contraseña."))),
	)))
}

// registrados shows, read-only, the data the CA keeps for the NPIE (what
// the Solicitud captured, with earlier renewals' changes).
func (r *renovacion) registrados() fyne.CanvasObject {
	return seccionesSolicitud(*r.anteriores,
		filaRevision(lang.L("Número de serie"), r.info.Serial), filaRevision(lang.L("Vigente hasta"), r.info.NotAfter.Format("2006-01-02")))
}

// vistaLlaveHecha is the data step once the new key exists (the request
// could not be sent, or the window was closed): the request already built
// with that key and the data as they were is sent again; nothing can
// change and no key is made.
func (r *renovacion) vistaLlaveHecha(titular fyne.CanvasObject) fyne.CanvasObject {
	p := r.a.pasos[r.a.actual]
	p.Listo, p.Pendiente = nil, nil
	r.a.Siguiente.SetText(lang.L("Enviar solicitud"))
	var c patron.Cambios
	if r.t.Cambios != nil {
		c = *r.t.Cambios
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		titular,
		seccion(lang.L("Datos que puede cambiar"), filaRevision(lang.L("Correo Electrónico"), c.Correo),
			filaRevision(lang.L("Teléfono"), c.Telefono), filaRevision(lang.L("Fax"), c.Fax)),
		seccion(lang.L("Certificado Digital"),
			parrafo(lang.L("Su llave privada nueva ya fue generada y guardada en {{.Ruta}}. Se usará la misma llave.", map[string]any{"Ruta": r.t.Llave}))),
	)))
}

// enlazar makes Siguiente follow form f on the current step (the form is
// built after the wizard, once the certificate is open).
func (r *renovacion) enlazar(f *formulario) {
	p := r.a.pasos[r.a.actual]
	p.Listo, p.Pendiente = f.listo, f.pendiente
}

func (r *renovacion) generar(seguir func()) {
	if r.t.Paso == progreso.PasoLlaveEscrita {
		r.enviar(seguir)
		return
	}
	f := r.datos
	if ok, _ := f.listo.Get(); !ok {
		return
	}
	cambios := patron.Cambios{Correo: f.valor("correo"), CorreoConfirmacion: f.valor("correo_confirmacion"), Telefono: f.valor("telefono"), Fax: f.valor("fax")}
	ruta, pw := strings.TrimSpace(f.valor(campoLlave)), []byte(f.valor(patron.CampoContrasena))
	r.pwNueva = string(pw)
	if r.llaveReusable(ruta) {
		r.hecho(func(context.Context) error {
			return r.m.GenerarLlave(&cambios, ruta, pw, credencial.Opciones{Bits: r.e.Opciones.Bits, Iteraciones: r.e.Opciones.Iteraciones})
		}, func() { r.enviar(seguir) })
		return
	}
	mostrarDialogoLlave(r.e, func(o credencial.Opciones) error {
		o.Bits, o.Iteraciones = r.e.Opciones.Bits, r.e.Opciones.Iteraciones
		return r.m.GenerarLlave(&cambios, ruta, pw, o)
	}, func(err error) {
		if err != nil {
			r.e.MostrarError(err)
			return
		}
		r.enviar(seguir)
	})
}

// enviar starts the renewal at the CA with the request saved next to the
// progress. On failure the data step is shown again in its "key already
// made" form: trying again never makes another key.
func (r *renovacion) enviar(seguir func()) {
	pw := []byte(r.abrir.valor(campoContrasenaA))
	enSegundoPlano(func() (struct{}, error) { return struct{}{}, r.m.Enviar(context.Background(), pw) },
		func(_ struct{}, err error) {
			if err != nil {
				r.e.MostrarError(err)
				r.a.Ir(1)
				return
			}
			seguir()
		})
}

func (r *renovacion) vistaAceptacion() fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Carta de Aceptación de Renovación de Certificado Digital"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		parrafo(lang.L("Esta carta muestra su llave pública anterior y su llave pública nueva, el folio, su usuario, su NPIE y su correo. Revísela y fírmela con su Certificado Digital actual y su contraseña anterior.")),
		container.New(layoutFormulario(),
			widget.NewLabel(lang.L("NPIE")), negrita(r.t.NPIE),
			widget.NewLabel(lang.L("Llave pública nueva (SHA-256)")), negrita(r.t.HuellaLlave)),
		botonesCarta(r.e, r.t.Carta, "CartadeAceptaciondeRenovacion.pdf"),
		parrafo(lang.L("La aplicación firma exactamente la carta que recibió del IMSS, así que no puede elegir por error un archivo equivocado.")),
		r.pedirAnterior(),
	)))
}

// pedirAnterior asks again for the old certificate's password after a
// restart (it is never saved).
func (r *renovacion) pedirAnterior() fyne.CanvasObject {
	if r.m.Anterior() != nil {
		return container.NewVBox()
	}
	pw := widget.NewPasswordEntry()
	pw.OnChanged = func(s string) { r.abrir.campo(campoContrasenaA).valor.Set(s) }
	return container.New(layoutFormulario(), widget.NewLabel(lang.L("Contraseña de su certificado actual")), pw)
}

func (r *renovacion) firmarAceptacion(seguir func()) {
	pw := []byte(r.abrir.valor(campoContrasenaA))
	r.hecho(func(ctx context.Context) error { return r.m.FirmarAceptacion(ctx, pw) }, r.conAvisoSello(seguir))
}

// conAvisoSello tells, before going on, that a letter had to be signed
// without a time stamp (the TSA did not answer).
func (r *renovacion) conAvisoSello(seguir func()) func() {
	return func() {
		if aviso := r.m.AvisoSello(); aviso != nil {
			r.e.MostrarAvisoError(aviso)
		}
		seguir()
	}
}

func (r *renovacion) vistaObtener() fyne.CanvasObject {
	viejo := r.t.Certificado
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		var ps patron.Problemas
		if p := tramite.ValidarExistente(campoLlave, v(campoLlave)); p != nil {
			ps = append(ps, *p)
		}
		if v(patron.CampoContrasena) == "" {
			ps = append(ps, patron.Problema{Campo: patron.CampoContrasena, Codigo: msg.CodeDatoRequerido})
		}
		if p := tramite.ValidarDestino(campoPFX, v(campoPFX), ".pfx"); p != nil {
			ps = append(ps, *p)
		} else if filepath.Clean(v(campoPFX)) == filepath.Clean(viejo) {
			ps = append(ps, patron.Problema{Campo: campoPFX, Codigo: msg.CodeUIPFXIgualAnterior})
		}
		return ps
	})
	f.archivo(r.e, campoLlave, lang.L("Llave Privada"), r.t.Llave, ".key", false)
	pw := f.secreto(patron.CampoContrasena, lang.L("Contraseña"))
	pw.valor.Set(r.pwNueva)
	f.archivo(r.e, campoPFX, lang.L("Certificado Digital"), siguienteNombre(viejo, ".pfx"), ".pfx", true)
	f.revisar()
	r.obtener = f
	r.enlazar(f)
	nota := parrafo(lang.L("Nota: al concluir la generación del nuevo certificado, se sugiere guardar el anterior aparte para evitar confusiones."))
	nota.Importance = widget.LowImportance
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("Para obtener su Certificado Digital, indique la ruta al archivo de su llave privada NUEVA, su contraseña NUEVA y dónde guardar el nuevo certificado. Se recomienda un nombre distinto al anterior.")),
		f.filas(campoLlave, patron.CampoContrasena, campoPFX), nota,
	)))
}

func (r *renovacion) obtenerNuevo(seguir func()) {
	f := r.obtener
	llave, pw, pfx := f.valor(campoLlave), []byte(f.valor(patron.CampoContrasena)), f.valor(campoPFX)
	r.hecho(func(ctx context.Context) error { return r.m.Obtener(ctx, llave, pw, pfx) }, func() {
		r.pwNueva = string(pw)
		seguir()
	})
}

func (r *renovacion) vistaTerminos() fyne.CanvasObject {
	partes := []fyne.CanvasObject{
		widget.NewLabelWithStyle(lang.L("Certificado Generado"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		parrafo(lang.L("Es necesario que firme electrónicamente la Carta de Términos y Condiciones para la Obtención y Uso del NPIE y Certificado Digital con el Certificado y Contraseña que acaba usted de obtener.")),
		parrafo(lang.L("Al término de la firma de la Carta estará usted en posibilidades de ingresar a la aplicación de IDSE; de no concluir este trámite no tendrá acceso.")),
		botonesCarta(r.e, r.t.Carta, "CartaTerminosyCondicionesRenovacion.pdf"),
	}
	if r.m.Nuevo() == nil {
		pw := widget.NewPasswordEntry()
		pw.OnChanged = func(s string) { r.pwNueva = s }
		partes = append(partes, container.New(layoutFormulario(), widget.NewLabel(lang.L("Contraseña nueva")), pw))
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(partes...)))
}

func (r *renovacion) firmarTerminos(seguir func()) {
	pw := []byte(r.pwNueva)
	r.hecho(func(ctx context.Context) error { return r.m.FirmarTerminos(ctx, pw) }, r.conAvisoSello(seguir))
}

func (r *renovacion) vistaFin() fyne.CanvasObject {
	ok := widget.NewLabelWithStyle(lang.L("Se ha generado exitosamente su Certificado Digital."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ok.Importance = widget.SuccessImportance
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		ok,
		filaRevision(lang.L("Certificado Digital"), r.t.PFX),
		filaRevision(lang.L("Llave privada"), r.t.Llave),
		parrafo(lang.L("A partir de este momento podrá ingresar a IDSE con su nuevo certificado. Gracias.")),
		seccion(lang.L("Carta firmada"), botonesCarta(r.e, r.t.Carta, "CartaTerminosyCondicionesRenovacion-firmada.pdf")),
		seccion(lang.L("Carta de Aceptación firmada"), botonesCarta(r.e, r.m.CartaAceptacionFirmada(), "CartadeAceptaciondeRenovacion-firmada.pdf")),
	)))
}
