package ui

import (
	crand "crypto/rand"
	"crypto/rsa"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/embebido"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
)

// Small keys and few PBKDF2 iterations: the tests check the screens, the
// crypto has its own tests.
var opcionesPrueba = Opciones{Bits: 2048, Iteraciones: 1000, Entropia: 64}

var (
	servidorOnce sync.Once
	servidor     *embebido.Servidor
	servidorErr  error
)

// refca starts one embedded refca for the test binary (CA keys of 2048
// bits, to be quick).
func refca(t *testing.T) *embebido.Servidor {
	t.Helper()
	servidorOnce.Do(func() {
		var rk, ek *rsa.PrivateKey
		if rk, servidorErr = rsa.GenerateKey(crand.Reader, 2048); servidorErr != nil {
			return
		}
		if ek, servidorErr = rsa.GenerateKey(crand.Reader, 2048); servidorErr != nil {
			return
		}
		dir, err := os.MkdirTemp("", "ui-refca-")
		if err != nil {
			servidorErr = err
			return
		}
		servidor, servidorErr = embebido.Iniciar(dir, embebido.Opciones{Addr: "127.0.0.1:0",
			Init: ca.OpcionesInit{LlaveRaiz: rk, LlaveEmisor: ek}})
	})
	if servidorErr != nil {
		t.Fatalf("refca: %v", servidorErr)
	}
	return servidor
}

var usuarios atomic.Int64

// usuarioUnico makes the usuario base unique in this test binary: one
// refca serves it whole (-count=N included), and a registro patronal and
// usuario may have one active request.
func usuarioUnico(base string) string { return fmt.Sprintf("%s_%d", base, usuarios.Add(1)) }

// nuevoEntorno is the app in a headless window, with its progress in
// dir, against srv (nil: no server).
func nuevoEntorno(t *testing.T, dir string, srv *embebido.Servidor) *Entorno {
	t.Helper()
	a := test.NewTempApp(t)
	if err := UsarIdioma(msg.ES); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("SeguriTools")
	w.Resize(fyne.NewSize(1180, 780))
	alm, err := progreso.Abrir(dir)
	if err != nil {
		t.Fatal(err)
	}
	e := &Entorno{App: a, Ventana: w, Progreso: alm, Opciones: opcionesPrueba, Abrir: func(string) error { return nil }}
	if srv != nil {
		e.Servidor = Servidor{URL: srv.URL, RaizPEM: srv.RaizPEM, Embebido: true, ClerkDemo: embebido.ClerkDemo + " / " + embebido.ClerkDemoContrasena}
	}
	e.AlError = func(err error) { t.Errorf("error mostrado: %s", msg.Text(err, msg.ES)) }
	e.Iniciar()
	t.Cleanup(func() {
		// A test may have closed it already, as a user closes the app.
		for _, x := range a.Driver().AllWindows() {
			if x == w {
				w.Close()
			}
		}
	})
	return e
}

// esperar polls cond (the UI works in goroutines) until it holds.
func esperar(t *testing.T, que string, cond func() bool) {
	t.Helper()
	limite := time.Now().Add(60 * time.Second)
	for correrUI(); !cond(); correrUI() {
		if time.Now().After(limite) {
			t.Fatalf("no ocurrió: %s", que)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// objetos walks o's tree (containers, widgets' renderers).
func objetos(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, objetos(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, objetos(c)...)
		}
	}
	return out
}

// enVentana is every object of the window, its dialogs included.
func enVentana(w fyne.Window) []fyne.CanvasObject {
	out := objetos(w.Canvas().Content())
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, objetos(o)...)
	}
	return out
}

func buscar[T fyne.CanvasObject](w fyne.Window, ok func(T) bool) (T, bool) {
	for _, o := range enVentana(w) {
		if x, es := o.(T); es && o.Visible() && (ok == nil || ok(x)) {
			return x, true
		}
	}
	var cero T
	return cero, false
}

// boton finds a visible button by its text.
func boton(t *testing.T, w fyne.Window, texto string) *widget.Button {
	t.Helper()
	b, ok := buscar(w, func(b *widget.Button) bool { return b.Text == texto })
	if !ok {
		t.Fatalf("no hay botón %q", texto)
	}
	return b
}

func tocar(t *testing.T, w fyne.Window, texto string) {
	t.Helper()
	b := boton(t, w, texto)
	if b.Disabled() {
		t.Fatalf("el botón %q está deshabilitado", texto)
	}
	test.Tap(b)
}

// tocarTarjeta opens a screen from Home like a user.
func tocarTarjeta(t *testing.T, e *Entorno, id string) {
	t.Helper()
	if e.Actual() != Inicio {
		tocar(t, e.Ventana, "Menú")
	}
	c, ok := buscar(e.Ventana, func(c *tarjeta) bool { return c.p.ID == id })
	if !ok {
		t.Fatalf("no hay tarjeta %s en el menú", id)
	}
	test.Tap(c)
	if e.Actual() != id {
		t.Fatalf("pantalla = %s, quiero %s", e.Actual(), id)
	}
}

// escribir types s into the form's field ruta, replacing what was there.
func escribir(t *testing.T, f *formulario, ruta, s string) {
	t.Helper()
	c := f.campo(ruta)
	if c == nil {
		t.Fatalf("no hay campo %s", ruta)
	}
	switch o := c.objeto.(type) {
	case *widget.Select:
		o.SetSelected(s)
		return
	}
	c.entrada.SetText("")
	test.Type(c.entrada, s)
}

// mensaje is the text shown next to field ruta ("" when hidden).
func mensaje(f *formulario, ruta string) string {
	c := f.campo(ruta)
	if c == nil || !c.mensaje.Visible() {
		return ""
	}
	return c.mensaje.Text
}

// moverRaton moves the pointer over the entropy area like a hand: an
// irregular random walk inside it, through the canvas like real events.
func moverRaton(t *testing.T, w fyne.Window, ent *Entropia, pasos int, r *rand.Rand) {
	t.Helper()
	base := fyne.CurrentApp().Driver().AbsolutePositionForObject(ent)
	tam := ent.Size()
	x, y := tam.Width/2, tam.Height/2
	vx, vy := float32(0), float32(0)
	for i := 0; i < pasos; i++ {
		vx += float32(r.NormFloat64() * 6)
		vy += float32(r.NormFloat64() * 6)
		vx, vy = vx*0.8, vy*0.8
		x = min(max(x+vx, 2), tam.Width-2)
		y = min(max(y+vy, 2), tam.Height-2)
		test.MoveMouse(w.Canvas(), base.Add(fyne.NewPos(x, y)))
	}
}

// datosValidos are the Captura values of a valid request.
func datosValidos(usuario, llave string) map[string]string {
	return map[string]string{
		"empresa.razon_social": "Empresa Manual S.A. de C.V.", "empresa.registro_patronal": "B752158813-9", "empresa.rfc": "MAB9307148T4",
		"representante.funcion": "Patrón", "representante.usuario": usuario, "representante.nombre": "Lucía",
		"representante.apellido_paterno": "Pérez", "representante.apellido_materno": "Gómez", "representante.curp": "PEGL890909MJCRMS08",
		"representante.rfc": "PEGL890909ABA", "representante.correo": "lucia.perez@ejemplo.com.mx",
		"representante.correo_confirmacion": "lucia.perez@ejemplo.com.mx", "representante.telefono": "55 1234 5678",
		"domicilio.calle": "Av. Paseo de la Reforma", "domicilio.numero_exterior": "476", "domicilio.colonia": "Juárez",
		"domicilio.municipio": "Cuauhtémoc", "domicilio.entidad": "Ciudad de México", "domicilio.ciudad": "Ciudad de México",
		"domicilio.codigo_postal": "06600", "llave": llave, "contrasena": "Secreta2026", "contrasena_confirmacion": "Secreta2026",
	}
}

// ordenCaptura types fields in the order of the form (usuario before the
// key, which follows it).
var ordenCaptura = []string{"empresa.razon_social", "empresa.registro_patronal", "empresa.rfc", "representante.funcion",
	"representante.usuario", "representante.nombre", "representante.apellido_paterno", "representante.apellido_materno",
	"representante.curp", "representante.rfc", "representante.correo", "representante.correo_confirmacion",
	"representante.telefono", "domicilio.calle", "domicilio.numero_exterior", "domicilio.colonia", "domicilio.municipio",
	"domicilio.entidad", "domicilio.ciudad", "domicilio.codigo_postal", "llave", "contrasena", "contrasena_confirmacion"}

func llenarCaptura(t *testing.T, f *formulario, v map[string]string) {
	t.Helper()
	for _, k := range ordenCaptura {
		escribir(t, f, k, v[k])
	}
}

// capturaSolicitud opens Solicitud NPIE from Home and goes to Captura.
func capturaSolicitud(t *testing.T, e *Entorno) *solicitud {
	t.Helper()
	tocarTarjeta(t, e, SolicitudNPIE)
	s := e.estado.(*solicitud)
	tocar(t, e.Ventana, "Continuar")
	if s.a.Actual() != 1 {
		t.Fatalf("paso = %d, quiero Captura", s.a.Actual())
	}
	return s
}

func contiene(s, sub string) bool { return strings.Contains(s, sub) }

// conCodigo reports whether a field's message m shows code on a line of
// its own.
func conCodigo(m, code string) bool {
	for _, l := range strings.Split(m, "\n") {
		if l == msg.CodigoLinea(code, msg.ES) {
			return true
		}
	}
	return false
}

func archivoExiste(p string) bool { _, err := os.Stat(p); return err == nil }

func rutaEn(dir, nombre string) string { return filepath.Join(dir, nombre) }
