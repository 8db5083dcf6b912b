//go:build ci

package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
)

// renovarFuera renews p's certificate without the screens (as npiectl or
// another session of the app would) and returns the new .pfx, protected
// by "Nueva2027x". Mis certificados of e learns both files.
func renovarFuera(t *testing.T, e *Entorno, p principal, dir string) string {
	t.Helper()
	r := tramite.NuevaRenovacion(e.Progreso, clienteDe(t, refca(t)))
	if _, err := r.Abrir(context.Background(), p.PFX, []byte(contrasenaPrueba)); err != nil {
		t.Fatal(err)
	}
	nuevo := filepath.Join(dir, "renovado.pfx")
	if err := r.Completar(context.Background(), tramite.DatosRenovacion{Llave: filepath.Join(dir, "renovado.key"), Password: []byte("Nueva2027x"),
		PasswordAnterior: []byte(contrasenaPrueba), PFX: nuevo,
		Opciones: credencial.Opciones{Bits: opcionesPrueba.Bits, Iteraciones: opcionesPrueba.Iteraciones}}); err != nil {
		t.Fatalf("renovar: %v", err)
	}
	return nuevo
}

// A .pfx a renewal replaced is refused where it is opened, before any
// typing or key generation, with the advice to use the new certificate
// (named), and the user picks the new file and goes on: in Adicional and
// in Renovación.
func TestPFXReemplazado_SeDetieneAlAbrirYPermiteOtroArchivo(t *testing.T) {
	srv := refca(t)
	archivos := t.TempDir()
	e := nuevoEntorno(t, t.TempDir(), srv)
	errs := capturarErrores(e)
	w := e.Ventana
	p := emitirPrincipal(t, srv, archivos, "reemplazo")
	nuevo := renovarFuera(t, e, p, archivos)
	consejo := texto(msg.CodeCertReemplazadoPor, nuevo)

	tocarTarjeta(t, e, Adicional)
	d := e.estado.(*adicional)
	llenar(t, w, "Certificado Digital principal (.pfx)", p.PFX, "Contraseña del certificado principal", contrasenaPrueba)
	tocar(t, w, "Continuar")
	esperarError(t, e, errs, msg.CodeCertReemplazadoPor, consejo)
	if d.a.Actual() != 0 {
		t.Fatalf("con el certificado reemplazado el Adicional pasó al paso %d", d.a.Actual())
	}
	if _, ok := buscar(w, func(*Entropia) bool { return true }); ok {
		t.Fatal("se pidió mover el ratón con un certificado reemplazado")
	}
	cerrarDialogos(w)
	llenar(t, w, "Certificado Digital principal (.pfx)", nuevo, "Contraseña del certificado principal", "Nueva2027x")
	tocar(t, w, "Continuar")
	esperar(t, "los datos de la persona", func() bool { return d.a.Actual() == 1 })

	tocarTarjeta(t, e, Renovacion)
	rn := e.estado.(*renovacion)
	escribir(t, rn.abrir, campoPFXActual, p.PFX)
	escribir(t, rn.abrir, campoContrasenaA, contrasenaPrueba)
	tocar(t, w, "Continuar")
	esperarError(t, e, errs, msg.CodeCertReemplazadoPor, consejo)
	if rn.a.Actual() != 0 {
		t.Fatalf("con el certificado reemplazado la Renovación pasó al paso %d", rn.a.Actual())
	}
	cerrarDialogos(w)
	escribir(t, rn.abrir, campoPFXActual, nuevo)
	escribir(t, rn.abrir, campoContrasenaA, "Nueva2027x")
	tocar(t, w, "Continuar")
	esperar(t, "los datos de la renovación", func() bool { return rn.a.Actual() == 1 })
}

// Mis certificados asks the CA: the certificate a renewal replaced is shown
// as replaced, with no Renovar, and the new one as valid with Renovar.
func TestMisCertificados_ReemplazadoSeMuestraComoTal(t *testing.T) {
	srv := refca(t)
	archivos := t.TempDir()
	e := nuevoEntorno(t, t.TempDir(), srv)
	w := e.Ventana
	p := emitirPrincipal(t, srv, archivos, "miscert")
	if err := tramite.Recordar(e.Progreso, p.Cred.Certificate, p.PFX); err != nil {
		t.Fatal(err)
	}
	renovarFuera(t, e, p, archivos)

	tocarTarjeta(t, e, Certificados)
	esperarEtiqueta(t, w, "Reemplazado por una renovación")
	viejo := tarjetaCon(t, w, p.Serial)
	if _, ok := botonEn(viejo, "Renovar"); ok {
		t.Error("el certificado reemplazado ofrece Renovar")
	}
	if _, ok := etiquetaEn(viejo, "Vence en"); ok {
		t.Error("el certificado reemplazado dice cuántos días le quedan")
	}
	cs, _ := e.Progreso.Certificados()
	var nuevo string
	for _, c := range cs {
		if c.Serial != p.Serial {
			nuevo = c.Serial
		}
	}
	if nuevo == "" {
		t.Fatal("Mis certificados no tiene el certificado nuevo")
	}
	if _, ok := botonEn(tarjetaCon(t, w, nuevo), "Renovar"); !ok {
		t.Error("el certificado nuevo no ofrece Renovar")
	}
}

// tarjetaCon is the card of Mis certificados that shows serial.
func tarjetaCon(t *testing.T, w fyne.Window, serial string) *widget.Card {
	t.Helper()
	c, ok := buscar(w, func(c *widget.Card) bool {
		_, ok := etiquetaEn(c, serial)
		return ok
	})
	if !ok {
		t.Fatalf("no hay tarjeta del certificado %s", serial)
	}
	return c
}

func botonEn(o fyne.CanvasObject, texto string) (*widget.Button, bool) {
	for _, x := range objetos(o) {
		if b, ok := x.(*widget.Button); ok && b.Visible() && b.Text == texto {
			return b, true
		}
	}
	return nil, false
}

func etiquetaEn(o fyne.CanvasObject, s string) (*widget.Label, bool) {
	for _, x := range objetos(o) {
		if l, ok := x.(*widget.Label); ok && l.Visible() && contiene(l.Text, s) {
			return l, true
		}
	}
	return nil, false
}
