package ui

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/tramite"
)

// Demostrar opens screen id, or one of the demo states the screenshots
// show: "captura" (the Captura de datos with a few mistakes), "entropia"
// (the mouse dialog), "renovacion-carta" (a renewal at its letter step,
// after the mouse dialog, against the embedded CA), "ventanilla" (a
// clerk looking at a pending request), "certificados" (Mis certificados
// after a renewal: the replaced certificate and the new one) and
// "solicitud-rechazada" (Paso 4 of a request the clerk rejected). Other ids are those of Pantallas.
// The demo data go through app/tramite like any request.
func Demostrar(e *Entorno, id string) {
	switch id {
	case "captura", "entropia":
		c, _ := e.Cliente()
		s := nuevaSolicitud(e, tramite.NuevaSolicitud(e.Progreso, c))
		p, _ := pantalla(SolicitudNPIE)
		e.Mostrar(SolicitudNPIE, lang.L(p.Titulo), s.a.Objeto())
		llenarEjemplo(s.form, id == "captura")
		s.a.Ir(1)
		if id == "entropia" {
			s.a.Siguiente.OnTapped()
			s.a.Siguiente.OnTapped()
		}
	case "renovacion-carta":
		go demoRenovacion(e)
	case "ventanilla":
		go demoVentanilla(e)
	case "certificados":
		go demoCertificados(e)
	case "solicitud-rechazada":
		go demoRechazada(e)
	default:
		e.Ir(id)
	}
}

var ejemplo = map[string]string{
	"empresa.razon_social": "Empresa Manual S.A. de C.V.", "empresa.registro_patronal": "B752158813-9", "empresa.rfc": "MAB9307148T4",
	"representante.funcion": "Patrón", "representante.usuario": "manual_generacion", "representante.nombre": "Lucía",
	"representante.apellido_paterno": "Pérez", "representante.apellido_materno": "Gómez", "representante.curp": "PEGL890909MJCRMS08",
	"representante.rfc": "PEGL890909ABA", "representante.correo": "lucia.perez@ejemplo.com.mx", "representante.correo_confirmacion": "lucia.perez@ejemplo.com.mx",
	"representante.telefono": "55 1234 5678", "domicilio.calle": "Av. Paseo de la Reforma", "domicilio.numero_exterior": "476",
	"domicilio.colonia": "Juárez", "domicilio.municipio": "Cuauhtémoc", "domicilio.entidad": "Ciudad de México", "domicilio.ciudad": "Ciudad de México",
	"domicilio.codigo_postal": "06600", "contrasena": "Secreta2026", "contrasena_confirmacion": "Secreta2026",
}

// llenarEjemplo fills the Captura form with example data; conErrores
// leaves a few mistakes for the as-you-type messages to show.
func llenarEjemplo(f *formulario, conErrores bool) {
	v := map[string]string{}
	for k, x := range ejemplo {
		v[k] = x
	}
	if conErrores {
		v["empresa.registro_patronal"] = "B752158813-1"
		v["representante.correo_confirmacion"] = "lucia.perez@ejemplo.com"
		v["contrasena"] = "corta1"
	}
	// The usuario first: the key's suggested name follows it.
	f.campo("representante.usuario").valor.Set(v["representante.usuario"])
	for k, x := range v {
		if c := f.campo(k); c != nil {
			c.valor.Set(x)
		}
	}
}

// demoSolicitud sends the example request of usuario with a new key in
// dir.
func demoSolicitud(e *Entorno, dir, usuario string) (*tramite.Conexion, *tramite.Solicitud, error) {
	c, err := e.Cliente()
	if err != nil {
		return nil, nil, err
	}
	d := leerSolicitud(func(k string) string { return ejemplo[k] })
	d.Representante.Usuario = usuario
	os.MkdirAll(dir, 0o700)
	s := tramite.NuevaSolicitud(e.Progreso, c)
	pw := []byte(ejemplo["contrasena"])
	err = s.Capturar(d, filepath.Join(dir, usuario+".key"))
	if err == nil {
		err = s.GenerarLlave(pw, credencial.Opciones{Bits: e.Opciones.Bits})
	}
	if err == nil {
		err = s.Enviar(context.Background())
	}
	return c, s, err
}

func demoVentanilla(e *Entorno) {
	if _, _, err := demoSolicitud(e, filepath.Join(e.Progreso.Dir(), "demo-ventanilla"), "demo_ventanilla"); err != nil {
		fyne.Do(func() { e.MostrarError(err) })
		return
	}
	fyne.Do(func() {
		e.Ir(Ventanilla)
		vt := e.estado.(*ventanilla)
		c, _ := e.Cliente()
		v, err := tramite.AbrirVentanilla(context.Background(), c, "demo", []byte("ventanilla-demo"))
		if err != nil {
			e.MostrarError(err)
			return
		}
		vt.v = v
		vt.raiz.Objects = []fyne.CanvasObject{vt.principal()}
		vt.raiz.Refresh()
		vt.buscar()
	})
	time.Sleep(2 * time.Second)
	fyne.Do(func() {
		if vt, ok := e.estado.(*ventanilla); ok && len(vt.solicitudes) > 0 {
			vt.lista.Select(0)
		}
	})
}

func demoRenovacion(e *Entorno) {
	dir := filepath.Join(e.Progreso.Dir(), "demo-renovacion")
	c, r, err := demoSolicitud(e, dir, "demo_renovacion")
	var pfx string
	if err == nil {
		pfx, err = demoAprobar(e, c, r, dir)
	}
	if err != nil {
		fyne.Do(func() { e.MostrarError(err) })
		return
	}
	var rn *renovacion
	fyne.DoAndWait(func() {
		e.Ir(Renovacion)
		rn = e.estado.(*renovacion)
		rn.abrir.campo(campoPFXActual).valor.Set(pfx)
		rn.abrir.campo(campoContrasenaA).valor.Set(ejemplo["contrasena"])
	})
	// Bindings notify on the UI goroutine: tap once they have.
	time.Sleep(500 * time.Millisecond)
	fyne.Do(func() { rn.a.Siguiente.OnTapped() })
	for i := 0; i < 300 && rn.a.Actual() != 1; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if rn.a.Actual() != 1 {
		return
	}
	fyne.DoAndWait(func() {
		f := rn.datos
		f.campo("correo_confirmacion").valor.Set(ejemplo["representante.correo"])
		f.campo("telefono").valor.Set("55 8765 4321")
		f.campo(patron.CampoContrasena).valor.Set("Nueva2027x")
		f.campo(patron.CampoContrasenaConfirmacion).valor.Set("Nueva2027x")
	})
	time.Sleep(500 * time.Millisecond)
	fyne.Do(func() { rn.a.Siguiente.OnTapped() })
}

// demoAprobar approves the request as the demo clerk and builds the .pfx.
func demoAprobar(e *Entorno, c *tramite.Conexion, s *tramite.Solicitud, dir string) (string, error) {
	v, err := tramite.AbrirVentanilla(context.Background(), c, "demo", []byte("ventanilla-demo"))
	if err != nil {
		return "", err
	}
	if _, err := v.Aprobar(context.Background(), s.T.Folio, tramite.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}); err != nil {
		return "", err
	}
	pfx := filepath.Join(dir, "demo_renovacion.pfx")
	if err := s.Obtener(context.Background(), s.T.Llave, []byte(ejemplo["contrasena"]), pfx); err != nil {
		return "", err
	}
	// The demo procedure is not one of the user's.
	e.Progreso.Borrar(s.T.ID)
	return pfx, nil
}

// demoCertificados renews a demo certificate and shows Mis certificados.
func demoCertificados(e *Entorno) {
	dir := filepath.Join(e.Progreso.Dir(), "demo-certificados")
	c, s, err := demoSolicitud(e, dir, "demo_certificados")
	var pfx string
	if err == nil {
		pfx, err = demoAprobar(e, c, s, dir)
	}
	if err == nil {
		r := tramite.NuevaRenovacion(e.Progreso, c)
		pw := []byte(ejemplo["contrasena"])
		if _, err = r.Abrir(context.Background(), pfx, pw); err == nil {
			err = r.Completar(context.Background(), tramite.DatosRenovacion{Llave: filepath.Join(dir, "demo_certificados_1.key"),
				Password: []byte("Nueva2027x"), PasswordAnterior: pw, PFX: filepath.Join(dir, "demo_certificados_1.pfx"),
				Opciones: credencial.Opciones{Bits: e.Opciones.Bits}})
		}
	}
	enUI(func() {
		if err != nil {
			e.MostrarError(err)
			return
		}
		e.Ir(Certificados)
	})
}

// demoRechazada sends a demo request, has the demo clerk reject it and
// shows its Paso 4 once the CA was asked.
func demoRechazada(e *Entorno) {
	dir := filepath.Join(e.Progreso.Dir(), "demo-rechazada")
	c, s, err := demoSolicitud(e, dir, "demo_rechazada")
	if err == nil {
		var v *tramite.Entrega
		if v, err = tramite.AbrirVentanilla(context.Background(), c, "demo", []byte("ventanilla-demo")); err == nil {
			_, err = v.Rechazar(context.Background(), s.T.Folio, "La Tarjeta de Identificación Patronal no corresponde al registro patronal")
		}
	}
	if err == nil {
		_, err = s.Consultar(context.Background(), nil)
	}
	enUI(func() {
		if err != nil {
			e.MostrarError(err)
			return
		}
		e.Reanudar(s.T)
	})
}
