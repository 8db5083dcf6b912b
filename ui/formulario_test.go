package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/patron"
)

// palomita reports whether the entry shows its ✓ (Fyne's confirm icon).
func palomita(e *widget.Entry) bool {
	for _, o := range objetos(e) {
		if img, ok := o.(*canvas.Image); ok && img.Visible() && img.Resource != nil &&
			img.Resource.Name() == theme.ConfirmIcon().Name() {
			return true
		}
	}
	return false
}

// A field with an error shows its message and no ✓; a valid one its ✓.
func TestFormulario_CampoConErrorSinPalomita(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	s := capturaSolicitud(t, e)
	f := s.form
	llenarCaptura(t, f, datosValidos("lperez", rutaEn(t.TempDir(), "lperez.key")))
	for _, ruta := range []string{"empresa.registro_patronal", "representante.curp", patron.CampoContrasena} {
		if !palomita(f.campo(ruta).entrada) {
			t.Errorf("%s válido no muestra ✓", ruta)
		}
	}
	casos := []struct{ ruta, valor string }{
		{"empresa.registro_patronal", "B752158813-1"},
		{"representante.curp", "PEGL890909MJCRMS07"},
		{patron.CampoContrasena, "corta"},
	}
	for _, c := range casos {
		escribir(t, f, c.ruta, c.valor)
		if mensaje(f, c.ruta) == "" {
			t.Errorf("%s = %q no muestra su error", c.ruta, c.valor)
		}
		if palomita(f.campo(c.ruta).entrada) {
			t.Errorf("%s muestra ✓ junto a su error %q", c.ruta, mensaje(f, c.ruta))
		}
	}
	// The confirmation's verdict changes with the password: its mark too.
	if palomita(f.campo(patron.CampoContrasenaConfirmacion).entrada) {
		t.Error("la confirmación muestra ✓ aunque ya no coincide")
	}
}

// "Faltan" names the fields by their labels, follows every key at once,
// and Ir al primero focuses the first one and scrolls the form to it.
func TestFormulario_FaltanNombraLosCamposYLlevaAlPrimero(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	e.Ventana.Resize(fyne.NewSize(1024, 600))
	s := capturaSolicitud(t, e)
	f := s.form
	llenarCaptura(t, f, datosValidos("lperez", rutaEn(t.TempDir(), "lperez.key")))
	if s.a.pendiente.Text != "" || s.a.irFalta.Visible() {
		t.Fatalf("con datos válidos dice %q", s.a.pendiente.Text)
	}
	escribir(t, f, "representante.curp", "PEGL890909MJCRMS07")
	if got, want := s.a.pendiente.Text, "Falta 1 dato: CURP"; got != want {
		t.Fatalf("pendiente = %q, quiero %q", got, want)
	}
	escribir(t, f, "empresa.rfc", "")
	want := "Faltan 2 datos: RFC - Homoclave, CURP"
	if got := s.a.pendiente.Text; got != want {
		t.Fatalf("pendiente = %q, quiero %q", got, want)
	}
	// Every key: the summary never lags behind the field.
	c := f.campo("representante.curp").entrada
	c.SetText("")
	for _, r := range "PEGL890909MJCRMS08" {
		test.Type(c, string(r))
		hay := strings.Contains(s.a.pendiente.Text, "CURP")
		if valida := c.Text == "PEGL890909MJCRMS08"; hay == valida {
			t.Fatalf("con CURP %q el resumen dice %q", c.Text, s.a.pendiente.Text)
		}
	}
	escribir(t, f, "representante.telefono", "12")
	escribir(t, f, "domicilio.codigo_postal", "1")
	if got := s.a.pendiente.Text; got != "Faltan 3 datos: RFC - Homoclave, Teléfono, Código Postal" {
		t.Fatalf("pendiente = %q", got)
	}
	escribir(t, f, "domicilio.calle", "")
	if got := s.a.pendiente.Text; got != "Faltan 4 datos: RFC - Homoclave, Teléfono, Calle y 1 más" {
		t.Fatalf("pendiente = %q", got)
	}

	// Go to the first: the RFC, near the top, after scrolling down.
	scroll, _ := scrollDe(f.campo("empresa.rfc").objeto)
	if scroll == nil {
		t.Fatal("el formulario no está en un scroll")
	}
	scroll.ScrollToBottom()
	e.Ventana.Canvas().Unfocus()
	if !s.a.irFalta.Visible() {
		t.Fatal("no se ofrece ir al primero")
	}
	test.Tap(s.a.irFalta)
	if e.Ventana.Canvas().Focused() != f.campo("empresa.rfc").entrada {
		t.Fatalf("el foco está en %v, no en el RFC", e.Ventana.Canvas().Focused())
	}
	_, y := scrollDe(f.campo("empresa.rfc").objeto)
	if y < scroll.Offset.Y || y > scroll.Offset.Y+scroll.Size().Height {
		t.Fatalf("el RFC (y=%v) no está a la vista (%v a %v)", y, scroll.Offset.Y, scroll.Offset.Y+scroll.Size().Height)
	}
}

// The mouse wheel scrolls the form with the pointer over a field.
func TestFormulario_RuedaSobreUnCampoDesplazaElFormulario(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	e.Ventana.Resize(fyne.NewSize(1024, 600))
	s := capturaSolicitud(t, e)
	c := s.form.campo("empresa.razon_social")
	scroll, _ := scrollDe(c.objeto)
	if scroll == nil {
		t.Fatal("el formulario no está en un scroll")
	}
	antes := scroll.Offset.Y
	d := fyne.CurrentApp().Driver()
	sobre := d.AbsolutePositionForObject(c.entrada).Add(fyne.NewPos(20, 10))
	test.Scroll(e.Ventana.Canvas(), sobre, 0, -120)
	if scroll.Offset.Y <= antes {
		t.Fatalf("la rueda sobre un campo no movió el formulario (desplazamiento %v)", scroll.Offset.Y)
	}
}

// reglas is the password rules' widget of the form shown.
func reglas(t *testing.T, w fyne.Window) *reglasClave {
	t.Helper()
	r, ok := buscar(w, func(*reglasClave) bool { return true })
	if !ok {
		t.Fatal("no se muestran las reglas de la contraseña")
	}
	return r
}

// The password rules under a password being set tick as they are met.
func TestFormulario_ReglasDeContrasenaSeMarcan(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	s := capturaSolicitud(t, e)
	f := s.form
	escribir(t, f, "representante.usuario", "lperez2026")
	r := reglas(t, e.Ventana)
	casos := []struct {
		pw, conf string
		want     []bool // 8–20, letters and digits, not the usuario, confirmed
	}{
		{"", "", []bool{false, false, false, false}},
		{"abc", "", []bool{false, true, true, false}},
		{"contraseña1", "", []bool{true, false, true, false}},
		{"LPEREZ2026", "", []bool{true, true, false, false}},
		{"Secreta2026", "Secreta", []bool{true, true, true, false}},
		{"Secreta2026", "Secreta2026", []bool{true, true, true, true}},
		{"Secreta2026Secreta2026", "Secreta2026Secreta2026", []bool{false, true, true, true}},
	}
	for _, c := range casos {
		escribir(t, f, patron.CampoContrasena, c.pw)
		escribir(t, f, patron.CampoContrasenaConfirmacion, c.conf)
		for i := range c.want {
			if r.cumple[i] != c.want[i] {
				t.Errorf("%q/%q: regla %q = %v, quiero %v", c.pw, c.conf, r.textos[i].Text, r.cumple[i], c.want[i])
			}
		}
	}
}

// A password that opens a file gets no rules; one being set does, even
// in a form without confirmation when marked so.
func TestFormulario_ReglasSoloDondeSeFijaUnaContrasena(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("f")
	abrir := nuevoFormulario(func(func(string) string) patron.Problemas { return nil })
	abrir.secreto(patron.CampoContrasena, "Contraseña")
	w.SetContent(abrir.filas(patron.CampoContrasena))
	if _, ok := buscar(w, func(*reglasClave) bool { return true }); ok {
		t.Error("reglas bajo la contraseña que abre un archivo")
	}
	nueva := nuevoFormulario(func(v func(string) string) patron.Problemas {
		return patron.ValidarContrasena(v("pw"), "")
	})
	nueva.contrasenaNueva("pw", "Contraseña nueva")
	w.SetContent(container.NewVBox(nueva.filas("pw")))
	r := reglas(t, w)
	test.Type(nueva.campo("pw").entrada, "Secreta2026")
	if !r.cumple[0] || !r.cumple[1] || !r.cumple[2] || len(r.cumple) != 3 {
		t.Fatalf("reglas = %v", r.cumple)
	}
}
