//go:build ci

package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// elegirEnDialogo picks the file shown as nombre (without its extension,
// as the grid view shows it) in Fyne's open dialog on screen and confirms
// it, as a user clicks an icon and then Abrir.
func elegirEnDialogo(t *testing.T, w fyne.Window, nombre string) {
	t.Helper()
	var item fyne.Tappable
	esperar(t, "el archivo "+nombre+" en el diálogo", func() bool {
		for _, o := range w.Canvas().Overlays().List() {
			for _, x := range objetos(o) {
				tp, ok := x.(fyne.Tappable)
				wd, esWidget := x.(fyne.Widget)
				if !ok || !esWidget || !x.Visible() {
					continue
				}
				for _, y := range test.WidgetRenderer(wd).Objects() {
					if l, ok := y.(*widget.Label); ok && l.Text == nombre {
						item = tp
						return true
					}
				}
			}
		}
		return false
	})
	test.Tap(item)
	abrir, ok := buscar(w, func(b *widget.Button) bool {
		return (b.Text == "Abrir" || b.Text == "Open") && !b.Disabled()
	})
	if !ok {
		t.Fatal("el diálogo no ofrece Abrir tras elegir el archivo")
	}
	test.Tap(abrir)
}

// Mis certificados lists a .cer added through the open dialog with its
// days to expiry; from 30 days before it the entry and Home warn (with a
// way to renew), and once expired both say so.
func TestMisCertificados_AgregarCerYAvisoDesde30Dias(t *testing.T) {
	srv := refca(t)
	archivos := t.TempDir()
	p := emitirPrincipal(t, srv, archivos, "miscert")
	escribirArchivo(t, filepath.Join(archivos, "miscert.cer"), p.Cred.Certificate.Raw)
	vence := p.Cred.Certificate.NotAfter
	fecha := vence.Format("2006-01-02")
	e := nuevoEntorno(t, t.TempDir(), srv)
	w := e.Ventana
	ahora := time.Now()
	e.Ahora = func() time.Time { return ahora }

	tocarTarjeta(t, e, Certificados)
	esperarEtiqueta(t, w, "Aún no hay certificados")
	// The dialog opens where the user last was.
	e.App.Preferences().SetString("fyne:fileDialogLastFolder", storage.NewFileURI(archivos).String())
	tocar(t, w, "Agregar certificado (.cer)...")
	elegirEnDialogo(t, w, "miscert")
	esperarEtiqueta(t, w, p.Serial)
	dias := int(math.Floor(vence.Sub(ahora).Hours() / 24))
	estado := esperarEtiqueta(t, w, fmt.Sprintf("Vence en %d días (%s)", dias, fecha))
	if estado.Importance == widget.WarningImportance || dias <= 30 {
		t.Fatalf("aviso con %d días por delante", dias)
	}
	if _, ok := etiquetaCon(w, p.Cred.Certificate.Subject.CommonName); !ok {
		t.Error("no se muestra el titular")
	}
	tocar(t, w, "Menú")
	if _, ok := etiquetaCon(w, "Renuévelo en línea"); ok {
		t.Fatal("el inicio avisa de un certificado que no está por vencer")
	}

	// Ten days before expiry.
	ahora = vence.Add(-10*24*time.Hour - time.Hour)
	tocarTarjeta(t, e, Certificados)
	if l := esperarEtiqueta(t, w, fmt.Sprintf("Vence en 10 días (%s)", fecha)); l.Importance != widget.WarningImportance {
		t.Error("a 10 días del vencimiento no se muestra como aviso")
	}
	tocar(t, w, "Menú")
	esperarEtiqueta(t, w, "vence en 10 días. Renuévelo en línea antes de que caduque.")
	tocar(t, w, "Renovar")
	if e.Actual() != Renovacion {
		t.Fatalf("Renovar abrió %s", e.Actual())
	}

	// Expired.
	ahora = vence.Add(48 * time.Hour)
	tocarTarjeta(t, e, Certificados)
	if l := esperarEtiqueta(t, w, "Caducó el "+fecha); l.Importance != widget.DangerImportance {
		t.Error("un certificado caducado no se muestra como error")
	}
	tocar(t, w, "Menú")
	esperarEtiqueta(t, w, "ya caducó. Puede renovarlo en línea.")
}
