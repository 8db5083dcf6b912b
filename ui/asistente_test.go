package ui

import (
	"github.com/seguritools/seguritools/app/tramite"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// dialogoAbierto reports whether a dialog with a button texto is shown.
func dialogoAbierto(w fyne.Window, texto string) bool {
	for _, o := range w.Canvas().Overlays().List() {
		for _, x := range objetos(o) {
			if b, ok := x.(*widget.Button); ok && b.Visible() && b.Text == texto {
				return true
			}
		}
	}
	return false
}

// Cancelar with typed data asks first; Seguir aquí keeps everything;
// Salir goes to the menu.
func TestAsistente_CancelarConDatosPreguntaYSeguirAquiConservaLosDatos(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	s := capturaSolicitud(t, e)
	escribir(t, s.form, "empresa.razon_social", "Empresa Manual S.A. de C.V.")
	tocar(t, e.Ventana, "Cancelar")
	if !dialogoAbierto(e.Ventana, "Seguir aquí") {
		t.Fatal("Cancelar con datos escritos no preguntó")
	}
	tocar(t, e.Ventana, "Seguir aquí")
	if e.Actual() != SolicitudNPIE || s.a.Actual() != 1 {
		t.Fatalf("Seguir aquí dejó la pantalla %s, paso %d", e.Actual(), s.a.Actual())
	}
	if got := s.form.valor("empresa.razon_social"); got != "Empresa Manual S.A. de C.V." {
		t.Fatalf("Seguir aquí perdió el dato: %q", got)
	}
	tocar(t, e.Ventana, "Cancelar")
	tocar(t, e.Ventana, "Salir")
	if e.Actual() != Inicio {
		t.Fatalf("Salir dejó la pantalla %s", e.Actual())
	}
}

// Menú asks the same question as Cancelar.
func TestAsistente_MenuConDatosPreguntaPrimero(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	s := capturaSolicitud(t, e)
	escribir(t, s.form, "empresa.rfc", "MAB9307148T4")
	tocar(t, e.Ventana, "Menú")
	if e.Actual() != SolicitudNPIE {
		t.Fatal("Menú salió sin preguntar")
	}
	tocar(t, e.Ventana, "Seguir aquí")
	if e.Actual() != SolicitudNPIE || s.form.valor("empresa.rfc") != "MAB9307148T4" {
		t.Fatalf("Seguir aquí no conservó el trámite: %s %q", e.Actual(), s.form.valor("empresa.rfc"))
	}
	tocar(t, e.Ventana, "Menú")
	tocar(t, e.Ventana, "Salir")
	if e.Actual() != Inicio {
		t.Fatalf("Salir dejó la pantalla %s", e.Actual())
	}
}

// With nothing typed, Cancelar and Menú leave at once; a screen's own
// Cancelar and Borrador are used.
func TestAsistente_SinDatosSaleSinPreguntarYUsaBorrador(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	tocarTarjeta(t, e, Renovacion)
	tocar(t, e.Ventana, "Cancelar")
	if e.Actual() != Inicio || dialogoAbierto(e.Ventana, "Seguir aquí") {
		t.Fatalf("Cancelar sin datos: pantalla %s", e.Actual())
	}

	var cancelado, guardado bool
	a := NuevoAsistente(&Paso{Titulo: "Uno", Vista: func() fyne.CanvasObject { return widget.NewLabel("uno") }})
	a.ConDatos = func() bool { return true }
	a.AlCancelar = func() { cancelado = true }
	a.Borrador = func() { guardado = true }
	e.Mostrar(SolicitudNPIE, "Prueba", a.Objeto())
	test.Tap(a.Cancelar)
	if cancelado {
		t.Fatal("canceló sin preguntar")
	}
	tocar(t, e.Ventana, "Salir")
	if !cancelado || !guardado {
		t.Fatalf("cancelado %v, borrador %v", cancelado, guardado)
	}
}

// With six steps in a 1024×600 window the indicator names the current
// one in full, inside the window, and the buttons stay reachable at the
// bottom however tall the step is.
func TestAsistente_IndicadorConSeisPasosA1024(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("SeguriTools")
	titulos := []string{"Certificado actual", "Datos y llave nueva", "Carta de Aceptación", "Certificado nuevo", "Carta de Términos", "Certificado Generado"}
	var pasos []*Paso
	for _, t := range titulos {
		pasos = append(pasos, &Paso{Titulo: t, Boton: "Siguiente", Vista: func() fyne.CanvasObject {
			// A step taller than the window, without its own scroll.
			alto := canvas.NewRectangle(nil)
			alto.SetMinSize(fyne.NewSize(400, 2000))
			return alto
		}})
	}
	as := NuevoAsistente(pasos...)
	w.SetContent(as.Objeto())
	w.Resize(fyne.NewSize(1024, 600))
	for i := range titulos {
		as.Ir(i)
		want := textoPaso(i, len(titulos), titulos[i])
		l, ok := buscar(w, func(l *widget.Label) bool { return l.Text == want })
		if !ok {
			t.Fatalf("paso %d: no se muestra %q", i+1, want)
		}
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
		if p.X+l.MinSize().Width > 1024 || l.Size().Width < l.MinSize().Width {
			t.Fatalf("paso %d: %q cortado (x %v, ancho %v de %v)", i+1, want, p.X, l.Size().Width, l.MinSize().Width)
		}
		for _, b := range []*widget.Button{as.Siguiente, as.Cancelar} {
			q := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
			if q.Y+b.Size().Height > 600 || q.X+b.Size().Width > 1024 || b.Size().Width < b.MinSize().Width {
				t.Fatalf("paso %d: %q fuera de la ventana (%v, %v)", i+1, b.Text, q, b.Size())
			}
		}
	}
	if got := textoPaso(4, 6, "Carta de Términos"); got != "Paso 5 de 6: Carta de Términos" {
		t.Fatalf("textoPaso = %q", got)
	}
	// A real window never gets smaller than its content's minimum.
	if m := as.Objeto().MinSize(); m.Height > 600 || m.Width > 1024 {
		t.Fatalf("el asistente necesita %v: no cabe en 1024×600", m)
	}
}

// An empty search says so over the empty list.
func TestVentanilla_BusquedaVaciaLoDice(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	e.Ventana.Resize(fyne.NewSize(1024, 600))
	vt := &ventanilla{e: e, raiz: container.NewStack()}
	vt.raiz.Objects = []fyne.CanvasObject{vt.principal()}
	e.Mostrar(Ventanilla, "Ventanilla", vt.raiz)
	if m := e.Ventana.Content().MinSize(); m.Width > 1024*0.9 || m.Height > 600*0.9 {
		t.Fatalf("la Ventanilla necesita %v: no cabe en 1024×600", m)
	}
	casos := []struct {
		buscado, pendientes bool
		want                string
	}{
		{true, true, "No se encontraron solicitudes con esa búsqueda."},
		{false, true, "No hay solicitudes pendientes."},
		{false, false, "No hay solicitudes."},
	}
	for _, c := range casos {
		vt.mostrarResultado(nil, c.buscado, c.pendientes)
		if !vt.vacio.Visible() || vt.vacio.Text != c.want {
			t.Fatalf("lista vacía dice %q (visible %v), quiero %q", vt.vacio.Text, vt.vacio.Visible(), c.want)
		}
	}
	// At 1024 wide a row still shows its state, inside the list.
	vt.mostrarResultado([]tramite.Expediente{{RazonSocial: "Comercializadora de Productos del Bajío León S.A. de C.V.",
		RegistroPatronal: "B7521588139", Folio: "SOL-2026-000123", Estado: "pendiente"}}, true, true)
	if vt.vacio.Visible() {
		t.Fatal("el aviso de lista vacía sigue con resultados")
	}
	l, ok := buscar(e.Ventana, func(l *widget.Label) bool { return l.Text == "pendiente" })
	if !ok {
		t.Fatal("la fila no muestra el estado")
	}
	d := fyne.CurrentApp().Driver()
	x, fin := d.AbsolutePositionForObject(l).X, d.AbsolutePositionForObject(vt.lista).X+vt.lista.Size().Width
	if l.Size().Width < l.MinSize().Width || x+l.Size().Width > fin {
		t.Fatalf("el estado queda fuera de la lista: x %v ancho %v, la lista termina en %v", x, l.Size().Width, fin)
	}
}

// pantallaConSalida is a screen state that decides itself about leaving.
type pantallaConSalida struct{ preguntas int }

func (p *pantallaConSalida) AntesDeSalir(seguir func()) { p.preguntas++ }

// Menú asks the screen's state first when it implements salida: here it
// keeps the user on the screen.
func TestEntorno_MenuPreguntaALaPantalla(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	tocarTarjeta(t, e, Verificar)
	p := &pantallaConSalida{}
	e.estado = p
	tocar(t, e.Ventana, "Menú")
	if p.preguntas != 1 || e.Actual() != Verificar {
		t.Fatalf("preguntas %d, pantalla %s", p.preguntas, e.Actual())
	}
	e.estado = nil
	tocar(t, e.Ventana, "Menú")
	if e.Actual() != Inicio {
		t.Fatalf("Menú sin salida no volvió al menú: %s", e.Actual())
	}
}

// Menú with typed data keeps a draft on Salir (never the password):
// Home offers to continue it, and the Captura comes back with the data
// and an empty password.
func TestSolicitud_MenuConDatosGuardaBorradorSinContrasena(t *testing.T) {
	dir := t.TempDir()
	e := nuevoEntorno(t, dir, nil)
	s := capturaSolicitud(t, e)
	escribir(t, s.form, "empresa.razon_social", "Empresa Borrador S.A. de C.V.")
	escribir(t, s.form, "representante.curp", "PEGL890909MJCRMS08")
	escribir(t, s.form, "contrasena", "Secreta2026")
	tocar(t, e.Ventana, "Menú")
	tocar(t, e.Ventana, "Salir")
	if e.Actual() != Inicio {
		t.Fatalf("Salir dejó la pantalla %s", e.Actual())
	}
	noGuardaSecretos(t, dir, nil, "Secreta2026")
	esperarEtiqueta(t, e.Ventana, "Guardó un borrador")
	tocar(t, e.Ventana, "Continuar")
	s2 := e.estado.(*solicitud)
	if s2.a.Actual() != 1 {
		t.Fatalf("el borrador abrió el paso %d, quiero la Captura", s2.a.Actual())
	}
	if got := s2.form.valor("empresa.razon_social"); got != "Empresa Borrador S.A. de C.V." {
		t.Errorf("razón social del borrador = %q", got)
	}
	if got := s2.form.valor("representante.curp"); got != "PEGL890909MJCRMS08" {
		t.Errorf("CURP del borrador = %q", got)
	}
	if got := s2.form.valor("contrasena"); got != "" {
		t.Error("el borrador trajo la contraseña")
	}
}
