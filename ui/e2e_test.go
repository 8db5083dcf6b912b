//go:build ci

package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
	"github.com/seguritools/seguritools/internal/testtool"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/progreso"
)

// herramienta is testtool.Require: the external tool's path, or skip (fail in CI).
func herramienta(t *testing.T, nombre string) string {
	t.Helper()
	return testtool.Require(t, nombre)
}

// generarConRaton waits for the mouse dialog and fills its bar by moving
// the pointer over it.
func generarConRaton(t *testing.T, e *Entorno, r *rand.Rand) {
	t.Helper()
	var ent *Entropia
	esperar(t, "el diálogo del ratón", func() bool {
		var ok bool
		ent, ok = buscar(e.Ventana, func(*Entropia) bool { return true })
		return ok
	})
	for i := 0; i < 200; i++ {
		if v, _ := ent.Avance.Get(); v >= 1 {
			return
		}
		moverRaton(t, e.Ventana, ent, 20, r)
	}
	t.Fatal("la barra no se llenó")
}

// Solicitud → the clerk approves in the Ventanilla → the employer obtains
// the .pfx → Renovación with both letters → Revocación, all through the
// screens; the files pass the same external checks as npiectl's.
func TestFlujoCompleto_SolicitudVentanillaRenovacionRevocacion(t *testing.T) {
	srv := refca(t)
	openssl := herramienta(t, "openssl")
	pdfsig := herramienta(t, "pdfsig")
	r := rand.New(rand.NewSource(7))
	archivos := t.TempDir()
	e := nuevoEntorno(t, t.TempDir(), srv)
	w := e.Ventana
	errs := capturarErrores(e)

	// Solicitud NPIE.
	s := capturaSolicitud(t, e)
	usuario := usuarioUnico("lperez")
	llave := filepath.Join(archivos, usuario+".key")
	llenarCaptura(t, s.form, datosValidos(usuario, llave))
	tocar(t, w, "Siguiente")
	if s.a.Actual() != 2 {
		t.Fatalf("paso = %d, quiero Validación", s.a.Actual())
	}
	tocar(t, w, "Aceptar")
	generarConRaton(t, e, r)
	esperar(t, "Paso 4 Acuda a la subdelegación", func() bool { return s.a.Actual() == 3 })
	if !archivoExiste(llave) || s.t.Folio == "" || s.t.NPIE == "" || s.t.FechaLimite == "" || !archivoExiste(s.t.Carta) {
		t.Fatalf("solicitud incompleta: %+v", s.t)
	}
	if _, ok := buscar(w, func(l *widget.Label) bool { return strings.Contains(l.Text, "Acuda a más tardar el") }); !ok {
		t.Error("no se muestra la fecha límite")
	}
	folio, npie := s.t.Folio, s.t.NPIE

	// Ventanilla: the clerk logs in, finds the request, checks the
	// documents, approves and writes NPIE.cer to the "USB drive".
	tocarTarjeta(t, e, Ventanilla)
	vt := e.estado.(*ventanilla)
	if _, ok := buscar(w, func(l *widget.Label) bool { return strings.Contains(l.Text, "Modo de demostración") }); !ok {
		t.Error("el login no dice que la cuenta de prueba es del modo embebido")
	}
	entradas := func() []*widget.Entry {
		var out []*widget.Entry
		for _, o := range enVentana(w) {
			if x, ok := o.(*widget.Entry); ok && x.Visible() {
				out = append(out, x)
			}
		}
		return out
	}
	es := entradas()
	test.Type(es[0], "demo")
	test.Type(es[1], "ventanilla-demo")
	tocar(t, w, "Entrar")
	esperar(t, "la lista de pendientes", func() bool {
		for _, x := range vt.solicitudes {
			if x.Folio == folio {
				return true
			}
		}
		return false
	})
	vt.busqueda.SetText(folio)
	tocar(t, w, "Buscar")
	esperar(t, "la búsqueda", func() bool { return len(vt.solicitudes) == 1 && vt.solicitudes[0].Folio == folio })
	vt.lista.Select(0)
	esperar(t, "el detalle", func() bool {
		_, ok := buscar(w, func(c *widget.Check) bool { return c.Text == "Tarjeta de Identificación Patronal" })
		return ok
	})
	aprobar := boton(t, w, "Aceptar solicitud y emitir certificado")
	for _, o := range enVentana(w) {
		if c, ok := o.(*widget.Check); ok && c.Visible() {
			if !aprobar.Disabled() {
				t.Fatal("Aceptar habilitado sin toda la documentación")
			}
			test.Tap(c)
		}
	}
	tocar(t, w, "Aceptar solicitud y emitir certificado")
	esperar(t, "la entrega del certificado", func() bool {
		_, ok := buscar(w, func(b *widget.Button) bool { return b.Text == "Escribir el certificado y verificar" })
		return ok
	})
	usb := t.TempDir()
	carpeta, _ := buscar(w, func(x *widget.Entry) bool { return x.PlaceHolder == "Carpeta de destino" })
	test.Type(carpeta, usb)
	tocar(t, w, "Escribir el certificado y verificar")
	esperar(t, "NPIE.cer escrito y verificado", func() bool {
		_, ok := buscar(w, func(l *widget.Label) bool { return strings.Contains(l.Text, "coincide (SHA-256") })
		return ok
	})
	cer, _ := os.ReadFile(filepath.Join(usb, "NPIE.cer"))
	suma := sha256.Sum256(cer)
	if _, ok := buscar(w, func(l *widget.Label) bool { return strings.Contains(l.Text, hexa(suma[:])) }); !ok {
		t.Error("no se muestra el SHA-256 del archivo leído")
	}
	if out, err := exec.Command(openssl, "x509", "-inform", "DER", "-in", filepath.Join(usb, "NPIE.cer"), "-noout", "-subject").CombinedOutput(); err != nil {
		t.Fatalf("openssl no abre NPIE.cer: %v\n%s", err, out)
	}
	// The drive already has NPIE.cer: a free name is offered, not a dead
	// end, and the clerk writes the second copy under it.
	tocar(t, w, "Escribir el certificado y verificar")
	esperarError(t, e, errs, msg.CodeArchivoExisteSugerido, texto(msg.CodeArchivoExisteSugerido, "NPIE (2).cer"))
	cerrarDialogos(w)
	if n := entradaConTexto(t, w, "NPIE (2).cer"); n == nil {
		t.Fatal("no se ofreció el nombre libre")
	}
	tocar(t, w, "Escribir el certificado y verificar")
	esperar(t, "NPIE (2).cer", func() bool { return archivoExiste(filepath.Join(usb, "NPIE (2).cer")) })

	// The Constancia is saved where the clerk chooses, and the full path
	// is shown.
	tocar(t, w, "Constancia de recepción")
	nombre := "ConstanciadeRecepcion-" + folio + ".pdf"
	constancias := t.TempDir()
	guardarEn(t, w, nombre, constancias)
	esperarEtiqueta(t, w, "Se guardó "+filepath.Join(constancias, nombre))
	if b, err := os.ReadFile(filepath.Join(constancias, nombre)); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("la constancia no se guardó: %v", err)
	}
	cerrarDialogos(w)

	// The employer comes back: Home offers to continue the request, and
	// the .pfx is obtained with the key and its password.
	tocar(t, w, "Menú")
	tocar(t, w, "Continuar")
	s = e.estado.(*solicitud)
	if s.a.Actual() != 3 || s.t.NPIE != npie {
		t.Fatalf("se reanudó en el paso %d con NPIE %s", s.a.Actual(), s.t.NPIE)
	}
	test.Type(entradaDe(t, w, "Contraseña"), "Secreta2026")
	pfx := filepath.Join(archivos, usuario+".pfx")
	if v := s.t.Llave; v != llave {
		t.Fatalf("llave = %s", v)
	}
	tocar(t, w, "Obtener Certificado Digital")
	esperarEtiqueta(t, w, "Se ha generado exitosamente su Certificado Digital: "+pfx)
	if !archivoExiste(pfx) || s.t.Paso != progreso.PasoTerminado {
		t.Fatalf("el .pfx: paso %s", s.t.Paso)
	}
	if out, err := exec.Command(openssl, "pkcs12", "-in", pfx, "-passin", "pass:Secreta2026", "-noout").CombinedOutput(); err != nil {
		t.Fatalf("openssl no abre el .pfx: %v\n%s", err, out)
	}

	// Renovación with both letters.
	tocarTarjeta(t, e, Renovacion)
	rn := e.estado.(*renovacion)
	escribir(t, rn.abrir, campoPFXActual, pfx)
	escribir(t, rn.abrir, campoContrasenaA, "Secreta2026")
	tocar(t, w, "Continuar")
	esperar(t, "los datos de la renovación", func() bool { return rn.a.Actual() == 1 })
	// The data the request captured are shown, the phone prefilled.
	v := datosValidos(usuario, llave)
	registrado := leerSolicitud(func(k string) string { return v[k] }).Normalizada()
	for _, x := range []string{registrado.Empresa.RegistroPatronal, registrado.Domicilio.Calle, registrado.Domicilio.Colonia} {
		if _, ok := etiquetaCon(w, x); !ok {
			t.Errorf("la renovación no muestra %q", x)
		}
	}
	if got := rn.datos.valor("telefono"); got == "" {
		t.Error("la renovación no trae el teléfono registrado")
	}
	escribir(t, rn.datos, "correo_confirmacion", "lucia.perez@ejemplo.com.mx")
	escribir(t, rn.datos, "telefono", "55 8765 4321")
	escribir(t, rn.datos, "contrasena", "Nueva2027x")
	escribir(t, rn.datos, "contrasena_confirmacion", "Nueva2027x")
	nuevaLlave := rn.datos.valor(campoLlave)
	if nuevaLlave != filepath.Join(archivos, usuario+"_1.key") {
		t.Errorf("llave nueva sugerida = %s", nuevaLlave)
	}
	tocar(t, w, "Aceptar")
	generarConRaton(t, e, r)
	esperar(t, "la Carta de Aceptación", func() bool { return rn.a.Actual() == 2 })
	tocar(t, w, "Firmar carta")
	esperar(t, "la aceptación firmada", func() bool { return rn.a.Actual() == 3 })
	nuevoPFX := rn.obtener.valor(campoPFX)
	if nuevoPFX == pfx || nuevoPFX != filepath.Join(archivos, usuario+"_1.pfx") {
		t.Errorf(".pfx nuevo sugerido = %s", nuevoPFX)
	}
	tocar(t, w, "Obtener Certificado Digital")
	esperar(t, "el certificado nuevo", func() bool { return rn.a.Actual() == 4 })
	tocar(t, w, "Firmar carta")
	esperar(t, "Certificado Generado", func() bool { return rn.a.Actual() == 5 })
	if out, err := exec.Command(openssl, "pkcs12", "-in", nuevoPFX, "-passin", "pass:Nueva2027x", "-noout").CombinedOutput(); err != nil {
		t.Fatalf("openssl no abre el .pfx nuevo: %v\n%s", err, out)
	}
	for _, nombre := range []string{"CartadeAceptaciondeRenovacion-firmada.pdf", "CartaTerminosyCondicionesRenovacion-firmada.pdf"} {
		p := filepath.Join(e.Progreso.Dir(), rn.t.ID+"-"+nombre)
		out, _ := exec.Command(pdfsig, p).CombinedOutput()
		if !bytes.Contains(out, []byte("Signature is Valid")) || bytes.Contains(out, []byte("Digest Mismatch")) {
			t.Errorf("pdfsig no acepta %s:\n%s", nombre, out)
		}
	}

	// Revocación of the new certificate, with the typed confirmation.
	tocarTarjeta(t, e, Revocacion)
	f, _ := buscar(w, func(x *widget.Entry) bool { return x.Visible() && !x.Password })
	test.Type(f, nuevoPFX)
	pw2, _ := buscar(w, func(x *widget.Entry) bool { return x.Password && x.Visible() })
	test.Type(pw2, "Nueva2027x")
	tocar(t, w, "Revocar certificado")
	confirmacion := esperarConfirmacion(t, w)
	test.Type(confirmacion, "REVOCAR")
	tocar(t, w, "Confirmar")
	esperar(t, "la revocación", func() bool {
		_, ok := buscar(w, func(l *widget.Label) bool { return strings.Contains(l.Text, "quedó revocado") })
		return ok
	})
	cred, err := credencial.AbrirPFX(nuevoPFX, []byte("Nueva2027x"))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := tramite.Conectar(srv.URL, srv.RaizPEM)
	st, err := c.Estado(context.Background(), strings.ToLower(cred.Certificate.SerialNumber.Text(16)))
	if err != nil {
		t.Fatal(err)
	}
	if st.Estado != "revocado" {
		t.Fatalf("estado = %s, quiero revocado", st.Estado)
	}
}

func hexa(b []byte) string {
	const d = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, x := range b {
		out[2*i], out[2*i+1] = d[x>>4], d[x&15]
	}
	return string(out)
}

// cerrarDialogos dismisses the dialogs left open.
func cerrarDialogos(w fyne.Window) {
	for _, o := range w.Canvas().Overlays().List() {
		w.Canvas().Overlays().Remove(o)
	}
}
