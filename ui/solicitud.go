package ui

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
)

// Paths of the Captura fields that are not part of patron.Solicitud.
const (
	campoLlave = "llave"
	campoPFX   = "pfx"
)

// solicitud is the Solicitud NPIE wizard (seed 000): Paso 1
// Recomendaciones, 2 Captura de datos, 3 Validación (review, then the
// mouse dialog, the key and the submission), 4 Acuda a la subdelegación
// (the letter, the deadline, and obtaining the certificate afterwards).
type solicitud struct {
	e    *Entorno
	m    *tramite.Solicitud
	t    *progreso.Tramite
	form *formulario
	a    *Asistente
	// password lives only in memory, between Captura and the key.
	password string
}

func vistaSolicitud(e *Entorno) fyne.CanvasObject {
	c, _ := e.Cliente()
	s := nuevaSolicitud(e, tramite.NuevaSolicitud(e.Progreso, c))
	e.estado = s
	return s.a.Objeto()
}

// nuevaSolicitud builds the wizard for m, at the step m has reached.
func nuevaSolicitud(e *Entorno, m *tramite.Solicitud) *solicitud {
	t := m.T
	s := &solicitud{e: e, m: m, t: t}
	s.form = s.captura()
	s.a = NuevoAsistente(
		&Paso{Titulo: lang.L("Recomendaciones"), Vista: s.vistaRecomendaciones, Boton: lang.L("Continuar")},
		&Paso{Titulo: lang.L("Captura de datos"), Vista: s.vistaCaptura, Listo: s.form.listo, Pendiente: s.form.pendiente,
			Boton: lang.L("Siguiente"), Accion: s.guardarCaptura},
		&Paso{Titulo: lang.L("Validación"), Vista: s.vistaValidacion, Boton: lang.L("Aceptar"), Accion: s.aceptar},
		&Paso{Titulo: lang.L("Acuda a la subdelegación"), Vista: s.vistaAcuda, SinAnterior: true},
	)
	// Leaving the Captura with typed data keeps it as a draft (never the
	// password); the draft comes back at the Captura.
	s.a.Borrador = s.guardarBorrador
	switch t.Paso {
	case "":
		if t.Datos != nil {
			s.form.mostrarTodo()
			s.a.Ir(1)
		}
	case progreso.PasoCaptura:
		s.form.mostrarTodo()
		s.a.Ir(2)
	case progreso.PasoLlaveEscrita:
		s.form.mostrarTodo()
		s.a.Ir(2)
	case progreso.PasoEnviada, progreso.PasoTerminado:
		s.a.Ir(3)
	}
	return s
}

func (s *solicitud) vistaRecomendaciones() fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Solicitud de Número Patronal de Identificación Electrónica (NPIE)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		parrafo(lang.L("El proceso de Certificación Digital comienza con la elaboración y envío de una solicitud para obtener el Número Patronal de Identificación Electrónica y archivo de Certificado Digital. Antes de comenzar con la elaboración de la solicitud, lea las siguientes recomendaciones:")),
		viñeta(lang.L("Contar con una dirección de correo electrónico personal y privada en donde recibir la confirmación del proceso y avisos del IMSS, durante el tiempo de vigencia del Certificado Digital.")),
		viñeta(lang.L("Se le solicitará una contraseña, guárdela y no la difunda, esta contraseña sólo usted la conocerá, por lo que el IMSS no tendrá la capacidad de recordársela o recuperarla. Esta contraseña será utilizada para acceder a los sistemas en Internet del IMSS y estará asociada a su Certificado Digital.")),
		viñeta(lang.L("No envíe la contraseña, ni el archivo de su Certificado Digital por ningún medio no seguro.")),
		widget.NewSeparator(),
		parrafo(lang.L("Su llave privada se genera y se guarda en este equipo; ni ella ni su contraseña salen de él. Si cierra la aplicación, podrá continuar después donde se quedó.")),
	)))
}

func viñeta(texto string) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.ConfirmIcon())), nil, parrafo(texto))
}

// captura builds the Captura de datos form: the IMSS fields, then where to
// save the private key and its password, validated together as the user
// types.
func (s *solicitud) captura() *formulario {
	var d patron.Solicitud
	if s.t.Datos != nil {
		d = *s.t.Datos
	}
	f := nuevoFormulario(func(v func(string) string) patron.Problemas {
		sol := leerSolicitud(v)
		ps := sol.Validar()
		if strings.TrimSpace(v("representante.correo_confirmacion")) == "" {
			ps = append(ps, patron.Problema{Campo: "representante.correo_confirmacion", Codigo: msg.CodeDatoRequerido})
		}
		if s.t.Paso == "" || s.t.Paso == progreso.PasoCaptura {
			if p := tramite.ValidarDestino(campoLlave, v(campoLlave), ".key"); p != nil {
				ps = append(ps, *p)
			}
			ps = append(ps, patron.ValidarContrasena(v(patron.CampoContrasena), sol.Representante.Usuario)...)
			if p := patron.ConfirmarContrasena(v(patron.CampoContrasena), v(patron.CampoContrasenaConfirmacion)); p != nil {
				ps = append(ps, *p)
			}
		}
		return ps
	})
	emp, rep, dom := d.Empresa, d.Representante, d.Domicilio
	f.texto("empresa.razon_social", lang.L("Razón Social"), "", emp.RazonSocial)
	f.texto("empresa.registro_patronal", lang.L("Registro Patronal"), "B752158813-9", emp.RegistroPatronal)
	f.texto("empresa.rfc", lang.L("RFC - Homoclave"), "MAB9307148T4", emp.RFC)
	f.opciones("representante.funcion", lang.L("Función en la empresa"),
		[]string{patron.FuncionPatron, patron.FuncionSujetoObligado, patron.FuncionRepresentanteLegal}, rep.Funcion)
	usuario := f.texto("representante.usuario", lang.L("Usuario"), "", rep.Usuario)
	f.texto("representante.nombre", lang.L("Nombre(s)"), "", rep.Nombre)
	f.texto("representante.apellido_paterno", lang.L("Apellido Paterno"), "", rep.ApellidoPaterno)
	f.texto("representante.apellido_materno", lang.L("Apellido Materno"), "", rep.ApellidoMaterno)
	f.texto("representante.curp", lang.L("CURP"), "PEGL890909MJCRMS08", rep.CURP)
	f.texto("representante.rfc", lang.L("RFC"), "GODE561231GR8", rep.RFC)
	f.texto("representante.correo", lang.L("Correo Electrónico"), "nombre@dominio.com.mx", rep.Correo)
	f.texto("representante.correo_confirmacion", lang.L("Confirme Correo Electrónico"), "", rep.CorreoConfirmacion)
	f.texto("representante.telefono", lang.L("Teléfono"), "55 1234 5678", rep.Telefono)
	f.texto("representante.fax", lang.L("Fax"), "", rep.Fax)
	f.texto("domicilio.calle", lang.L("Calle"), "", dom.Calle)
	f.texto("domicilio.numero_exterior", lang.L("Número Ext."), "", dom.NumExterior)
	f.texto("domicilio.numero_interior", lang.L("Número Int."), "", dom.NumInterior)
	f.texto("domicilio.colonia", lang.L("Colonia"), "", dom.Colonia)
	f.texto("domicilio.municipio", lang.L("Municipio o Delegación"), "", dom.Municipio)
	f.opciones("domicilio.entidad", lang.L("Entidad Federativa"), patron.NombresEntidades(), dom.Entidad)
	f.texto("domicilio.ciudad", lang.L("Ciudad"), "", dom.Ciudad)
	f.texto("domicilio.codigo_postal", lang.L("Código Postal"), "06600", dom.CodigoPostal)

	llave := f.archivo(s.e, campoLlave, lang.L("Especifique el nombre y ubicación del archivo que almacenará su llave privada"), s.t.Llave, ".key", true)
	f.secreto(patron.CampoContrasena, lang.L("Digite la contraseña para usar su Certificado Digital"))
	f.secreto(patron.CampoContrasenaConfirmacion, lang.L("Confirmar Contraseña"))
	// The key's name follows the usuario (USUARIO.key, as IMSS names it)
	// until the user types a name of their own.
	sugerida := s.t.Llave
	usuario.valor.AddListener(binding.NewDataListener(func() {
		actual, _ := llave.valor.Get()
		if actual != sugerida {
			return
		}
		u, _ := usuario.valor.Get()
		if u = strings.TrimSpace(u); u == "" {
			return
		}
		sugerida = filepath.Join(carpetaSugerida(), u+".key")
		llave.valor.Set(sugerida)
	}))
	f.revisar()
	return f
}

// leerSolicitud builds the request from the form's values.
func leerSolicitud(v func(string) string) patron.Solicitud {
	return patron.Solicitud{
		Empresa: patron.Empresa{RazonSocial: v("empresa.razon_social"), RegistroPatronal: v("empresa.registro_patronal"), RFC: v("empresa.rfc")},
		Representante: patron.Representante{Funcion: v("representante.funcion"), Usuario: v("representante.usuario"),
			Nombre: v("representante.nombre"), ApellidoPaterno: v("representante.apellido_paterno"), ApellidoMaterno: v("representante.apellido_materno"),
			CURP: v("representante.curp"), RFC: v("representante.rfc"), Correo: v("representante.correo"),
			CorreoConfirmacion: v("representante.correo_confirmacion"), Telefono: v("representante.telefono"), Fax: v("representante.fax")},
		Domicilio: patron.Domicilio{Calle: v("domicilio.calle"), NumExterior: v("domicilio.numero_exterior"), NumInterior: v("domicilio.numero_interior"),
			Colonia: v("domicilio.colonia"), Municipio: v("domicilio.municipio"), Entidad: v("domicilio.entidad"),
			Ciudad: v("domicilio.ciudad"), CodigoPostal: v("domicilio.codigo_postal")},
	}
}

func (s *solicitud) vistaCaptura() fyne.CanvasObject {
	f := s.form
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		seccion(lang.L("Información de la Empresa"), f.filas("empresa.razon_social", "empresa.registro_patronal", "empresa.rfc")),
		seccion(lang.L("Información del Patrón, Sujeto Obligado o Representante legal"), f.filas("representante.funcion", "representante.usuario",
			"representante.nombre", "representante.apellido_paterno", "representante.apellido_materno", "representante.curp", "representante.rfc",
			"representante.correo", "representante.correo_confirmacion", "representante.telefono", "representante.fax")),
		seccion(lang.L("Domicilio Fiscal"), f.filas("domicilio.calle", "domicilio.numero_exterior", "domicilio.numero_interior", "domicilio.colonia",
			"domicilio.municipio", "domicilio.entidad", "domicilio.ciudad", "domicilio.codigo_postal")),
		seccion(lang.L("Certificado Digital"), f.filas(campoLlave, patron.CampoContrasena, patron.CampoContrasenaConfirmacion)),
	)))
}

// guardarBorrador keeps what was typed in the Captura, as it is (not
// validated) and never the password, so the procedure can be continued
// from Home. Once the data were accepted there is no draft to keep.
func (s *solicitud) guardarBorrador() {
	if s.t.Paso != "" {
		return
	}
	d := leerSolicitud(s.form.valor)
	s.t.Datos, s.t.Llave = &d, strings.TrimSpace(s.form.valor(campoLlave))
	if err := s.e.Progreso.Guardar(s.t); err != nil {
		s.e.MostrarError(err)
	}
}

// guardarCaptura keeps the data (never the password) so a closed window
// comes back here.
func (s *solicitud) guardarCaptura(seguir func()) {
	if s.t.Paso == progreso.PasoLlaveEscrita {
		// The key exists: the data it was made with are what is sent.
		seguir()
		return
	}
	if err := s.m.Capturar(leerSolicitud(s.form.valor), s.form.valor(campoLlave)); err != nil {
		s.e.MostrarError(err)
		return
	}
	s.password = s.form.valor(patron.CampoContrasena)
	seguir()
}

// vistaValidacion is "Paso 3: Validación de la Captura de Datos del
// Patrón": every field as it will be sent. After a restart with the key
// already written it asks only for the key's password.
func (s *solicitud) vistaValidacion() fyne.CanvasObject {
	d := s.t.Datos
	if d == nil {
		n := leerSolicitud(s.form.valor).Normalizada()
		d = &n
	}
	partes := []fyne.CanvasObject{
		widget.NewLabelWithStyle(lang.L("Por favor revise los datos capturados:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		revisionSolicitud(*d),
	}
	s.a.Siguiente.SetText(lang.L("Aceptar"))
	switch {
	case s.t.Paso == progreso.PasoLlaveEscrita:
		pw := widget.NewPasswordEntry()
		pw.OnChanged = func(v string) { s.password = v }
		s.password = ""
		s.a.Siguiente.SetText(lang.L("Enviar solicitud"))
		partes = append(partes, seccion(lang.L("Información del Certificado Digital"),
			parrafo(lang.L("Su llave privada ya fue generada y guardada en {{.Ruta}}. Se usará la misma llave: escriba su contraseña para enviar la solicitud.", map[string]any{"Ruta": s.t.Llave})),
			container.New(layoutFormulario(), widget.NewLabel(lang.L("Contraseña")), pw)))
	case s.password == "":
		// Resumed before the key: the password was never saved.
		partes = append(partes, seccion(lang.L("Información del Certificado Digital"),
			parrafo(lang.L("Por seguridad la contraseña no se guarda. Regrese a la Captura de datos (Anterior) y escríbala de nuevo."))))
		s.a.Siguiente.Disable()
	default:
		partes = append(partes, seccion(lang.L("Información del Certificado Digital"),
			filaRevision(lang.L("Llave privada"), s.t.Llave),
			parrafo(lang.L("Si los datos son correctos presione Aceptar: se le pedirá mover el ratón para generar su llave privada. De lo contrario presione Anterior para corregirlos."))))
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(partes...)))
}

func (s *solicitud) aceptar(seguir func()) {
	pw := []byte(s.password)
	if s.t.Paso == progreso.PasoLlaveEscrita {
		enSegundoPlano(func() (struct{}, error) {
			if !s.m.LlaveAbierta() {
				if err := s.m.AbrirLlave(pw); err != nil {
					return struct{}{}, err
				}
			}
			return struct{}{}, s.m.Enviar(context.Background())
		}, func(_ struct{}, err error) { s.enviado(err, seguir) })
		return
	}
	if s.password == "" {
		return
	}
	mostrarDialogoLlave(s.e, func(o credencial.Opciones) error {
		o.Bits, o.Iteraciones = s.e.Opciones.Bits, s.e.Opciones.Iteraciones
		if err := s.m.GenerarLlave(pw, o); err != nil {
			return err
		}
		return s.m.Enviar(context.Background())
	}, func(err error) {
		s.password = ""
		s.enviado(err, seguir)
	})
}

// enviado goes on once the request was sent; on failure the step shows
// the resume form (the key exists: it is never made again).
func (s *solicitud) enviado(err error, seguir func()) {
	if err != nil {
		s.e.MostrarError(err)
		s.a.Ir(2)
		return
	}
	seguir()
}

// vistaAcuda is "Paso 4.- Acuda a la subdelegación correspondiente", and
// afterwards the place to obtain the certificate.
func (s *solicitud) vistaAcuda() fyne.CanvasObject {
	t := s.t
	fin := widget.NewLabelWithStyle(lang.L("Proceso de solicitud finalizado"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	fin.Importance = widget.SuccessImportance
	datos := container.New(layoutFormulario(),
		widget.NewLabel(lang.L("Folio")), negrita(t.Folio),
		widget.NewLabel(lang.L("NPIE")), negrita(t.NPIE),
		widget.NewLabel(lang.L("Llave privada")), negrita(t.Llave))
	plazo := widget.NewLabelWithStyle(lang.L("Acuda a más tardar el {{.Fecha}}", map[string]any{"Fecha": fechaLarga(t.FechaLimite)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	plazo.Importance = widget.WarningImportance
	obtener := container.NewVBox(s.obtener())
	estado := seccion(lang.L("Estado de su solicitud"), s.estado(obtener))
	if tramite.Cerrada(t) {
		// A rejected or cancelled request: what happened and the way on,
		// without the visit instructions that no longer apply.
		return container.NewVScroll(container.NewPadded(container.NewVBox(datos, estado)))
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		fin, datos, estado,
		seccion(lang.L("Carta de Términos y Condiciones"),
			parrafo(lang.L("Imprima la carta y fírmela de manera autógrafa.")),
			botonesCarta(s.e, t.Carta, "CartaTerminosyCondiciones.pdf")),
		seccion(lang.L("Acuda a la subdelegación correspondiente"),
			plazo,
			parrafo(lang.L("Tiene 10 días hábiles; si no acude, la solicitud se cancela y deberá hacerla de nuevo.")),
			parrafo(lang.L("Lleve un dispositivo de almacenamiento (memoria USB) y entregue en la ventanilla o módulo de Afiliación, en original y copia:")),
			viñeta(lang.L("La Carta de Términos y Condiciones, firmada de manera autógrafa.")),
			viñeta(lang.L("Identificación oficial del patrón, sujeto obligado o representante legal.")),
			viñeta(lang.L("Tarjeta de Identificación Patronal."))),
		seccion(lang.L("Obtener su Certificado Digital"), obtener),
	)))
}

// estado shows what the app knows of the request (its last known state,
// or cancelled once the deadline passed) and asks the CA again, proving
// possession of the request's key: pending with its deadline, approved,
// rejected with the clerk's reason, or cancelled. A rejected or cancelled
// request offers a new one with the same data instead of the obtain form.
func (s *solicitud) estado(obtener *fyne.Container) fyne.CanvasObject {
	texto := parrafo("")
	nueva := widget.NewButtonWithIcon(lang.L("Hacer una solicitud nueva con estos datos"), theme.DocumentCreateIcon(), s.solicitudNueva)
	nueva.Importance = widget.HighImportance
	pintar := func() {
		aviso := tramite.AvisoDe(s.t, time.Now())
		if aviso == nil {
			texto.Hide()
		} else {
			texto.SetText(aviso.Mensaje(Idioma()))
			texto.Importance = importanciaEstado(s.t.EstadoSolicitud)
			texto.Show()
			texto.Refresh()
		}
		if tramite.Cerrada(s.t) {
			nueva.Show()
			obtener.Objects = []fyne.CanvasObject{parrafo(lang.L("Esta solicitud ya no puede dar un certificado: haga una solicitud nueva."))}
			obtener.Refresh()
		} else {
			nueva.Hide()
		}
	}
	pw := widget.NewPasswordEntry()
	var consultar *widget.Button
	consultar = widget.NewButtonWithIcon(lang.L("Consultar estado"), theme.ViewRefreshIcon(), func() {
		clave := []byte(pw.Text)
		consultar.Disable()
		enSegundoPlano(func() (struct{}, error) {
			_, err := s.m.Consultar(context.Background(), clave)
			return struct{}{}, err
		}, func(_ struct{}, err error) {
			consultar.Enable()
			if err != nil {
				s.e.MostrarError(err)
				return
			}
			if tramite.Cerrada(s.t) {
				s.a.Ir(3) // the step without what no longer applies
				return
			}
			pintar()
		})
	})
	pintar()
	partes := []fyne.CanvasObject{texto}
	if s.t.Paso != progreso.PasoTerminado {
		if !s.m.LlaveAbierta() {
			partes = append(partes, container.New(layoutFormulario(), widget.NewLabel(lang.L("Contraseña de su llave privada")), pw))
		}
		partes = append(partes, container.NewHBox(consultar, nueva))
	}
	return container.NewVBox(partes...)
}

func importanciaEstado(estado string) widget.Importance {
	switch estado {
	case tramite.SolicitudAprobada:
		return widget.SuccessImportance
	case tramite.SolicitudRechazada, tramite.SolicitudCancelada:
		return widget.DangerImportance
	}
	return widget.WarningImportance
}

// solicitudNueva starts a new Solicitud NPIE with this one's data (never
// its key nor password): what a rejected or cancelled request leads to.
func (s *solicitud) solicitudNueva() {
	c, _ := s.e.Cliente()
	m := tramite.NuevaSolicitud(s.e.Progreso, c)
	if s.t.Datos != nil {
		d := *s.t.Datos
		m.T.Datos = &d
	}
	n := nuevaSolicitud(s.e, m)
	p, _ := pantalla(SolicitudNPIE)
	s.e.Mostrar(SolicitudNPIE, lang.L(p.Titulo), n.a.Objeto())
	s.e.estado = n
}

// obtener is the form used after the clerk accepted the request: the new
// key and its password make the .pfx with the certificate the CA issued.
func (s *solicitud) obtener() fyne.CanvasObject {
	t := s.t
	if t.Paso == progreso.PasoTerminado && t.PFX != "" {
		l := parrafo(lang.L("Se ha generado exitosamente su Certificado Digital: {{.Ruta}}", map[string]any{"Ruta": t.PFX}))
		l.Importance = widget.SuccessImportance
		return l
	}
	sugerido := ""
	if t.Llave != "" {
		sugerido = strings.TrimSuffix(t.Llave, filepath.Ext(t.Llave)) + ".pfx"
	}
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
		}
		return ps
	})
	f.archivo(s.e, campoLlave, lang.L("Llave Privada"), t.Llave, ".key", false)
	f.secreto(patron.CampoContrasena, lang.L("Contraseña"))
	f.archivo(s.e, campoPFX, lang.L("Certificado Digital"), sugerido, ".pfx", true)
	f.revisar()
	resultado := parrafo("")
	resultado.Hide()
	var boton *widget.Button
	boton = widget.NewButtonWithIcon(lang.L("Obtener Certificado Digital"), theme.DownloadIcon(), func() {
		llave, pw, pfx := f.valor(campoLlave), []byte(f.valor(patron.CampoContrasena)), f.valor(campoPFX)
		boton.Disable()
		enSegundoPlano(func() (string, error) {
			return pfx, s.m.Obtener(context.Background(), llave, pw, pfx)
		}, func(ruta string, err error) {
			boton.Enable()
			if err != nil {
				s.e.MostrarError(err)
				return
			}
			resultado.SetText(lang.L("Se ha generado exitosamente su Certificado Digital: {{.Ruta}}", map[string]any{"Ruta": ruta}))
			resultado.Importance = widget.SuccessImportance
			resultado.Show()
			boton.Hide()
		})
	})
	boton.Importance = widget.HighImportance
	f.listo.AddListener(binding.NewDataListener(func() {
		if ok, _ := f.listo.Get(); ok {
			boton.Enable()
		} else {
			boton.Disable()
		}
	}))
	return container.NewVBox(
		parrafo(lang.L("Cuando la subdelegación haya aceptado su solicitud, indique su llave privada, su contraseña y dónde guardar su Certificado Digital (.pfx).")),
		f.filas(campoLlave, patron.CampoContrasena, campoPFX), boton, resultado)
}

// revisionSolicitud shows the request as it will be sent.
func revisionSolicitud(d patron.Solicitud) fyne.CanvasObject {
	r := d.Representante
	return seccionesSolicitud(d, filaRevision(lang.L("Correo Electrónico"), r.Correo),
		filaRevision(lang.L("Teléfono"), r.Telefono), filaRevision(lang.L("Fax"), r.Fax))
}

// seccionesSolicitud shows a request's data read-only as the IMSS review
// page does: the company, the person (followed by extra rows) and the
// fiscal address.
func seccionesSolicitud(d patron.Solicitud, extra ...fyne.CanvasObject) fyne.CanvasObject {
	e, r, m := d.Empresa, d.Representante, d.Domicilio
	num := m.NumExterior
	if m.NumInterior != "" {
		num += " / " + m.NumInterior
	}
	persona := append([]fyne.CanvasObject{
		filaRevision(lang.L("Usuario"), r.Usuario), filaRevision(lang.L("Función en la empresa"), r.Funcion),
		filaRevision(lang.L("Nombre"), r.NombreCompleto()), filaRevision(lang.L("CURP"), r.CURP), filaRevision(lang.L("RFC"), r.RFC)},
		extra...)
	return container.NewVBox(
		seccion(lang.L("Información de la Empresa"),
			filaRevision(lang.L("Razón Social"), e.RazonSocial), filaRevision(lang.L("Registro Patronal"), e.RegistroPatronal),
			filaRevision(lang.L("RFC - Homoclave"), e.RFC)),
		seccion(lang.L("Información del Patrón, Sujeto Obligado o Representante legal"), persona...),
		seccion(lang.L("Domicilio Fiscal"),
			filaRevision(lang.L("Calle"), m.Calle), filaRevision(lang.L("Número Ext/Int"), num), filaRevision(lang.L("Colonia"), m.Colonia),
			filaRevision(lang.L("Municipio o Delegación"), m.Municipio), filaRevision(lang.L("Entidad Federativa"), m.Entidad),
			filaRevision(lang.L("Ciudad"), m.Ciudad), filaRevision(lang.L("Código Postal"), m.CodigoPostal)),
	)
}
