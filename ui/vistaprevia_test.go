//go:build ci

package ui

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/vistaprevia"
)

// cartaEnArchivo writes a Carta de Términos y Condiciones as app/carta
// issues it (two A4 pages) to dir and returns its path.
func cartaEnArchivo(t *testing.T, dir string) string {
	t.Helper()
	g, err := carta.NuevoGenerador(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	spki, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	folio, err := carta.NuevoFolio()
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := g.Terminos(carta.Datos{
		Solicitud: patron.Solicitud{
			Empresa: patron.Empresa{RazonSocial: "Panadería La Güera Peña, S.A. de C.V.",
				RegistroPatronal: "B752158813-9", RFC: "PGP0603153Z1"},
			Representante: patron.Representante{Funcion: patron.FuncionRepresentanteLegal,
				Usuario: "pgpena", Nombre: "José Ángel", ApellidoPaterno: "Muñoz", ApellidoMaterno: "Íñiguez",
				CURP: "MUIA800101HDFXXX09", RFC: "MUIA800101AB1", Correo: "jose.munoz@ejemplo.com.mx",
				Telefono: "5552382700"},
			Domicilio: patron.Domicilio{Calle: "Avenida Paseo de la Reforma", NumExterior: "476",
				Colonia: "Juárez", Municipio: "Cuauhtémoc", Entidad: "Ciudad de México",
				Ciudad: "Ciudad de México", CodigoPostal: "06600"},
		},
		Fecha:        time.Now(),
		Folio:        folio,
		NPIE:         "B7521588139",
		LlavePublica: spki,
	})
	if err != nil {
		t.Fatal(err)
	}
	ruta := filepath.Join(dir, carta.TipoTerminos.NombreArchivo())
	if err := os.WriteFile(ruta, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return ruta
}

// prepararPDFium compiles PDFium before a test waits for a preview: with
// the race detector that alone takes about a minute.
func prepararPDFium(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := vistaprevia.Preparar(ctx); err != nil {
		t.Fatal(err)
	}
}

func etiqueta(e *Entorno, texto string) bool {
	_, ok := buscar(e.Ventana, func(l *widget.Label) bool { return l.Text == texto })
	return ok
}

// Ver carta shows the letter inside the app: a placeholder first, then
// its two pages as images as wide as the dialog, each under its label,
// and Cerrar closes it.
func TestVistaPrevia_CartaReal_DosPaginas(t *testing.T) {
	dir := t.TempDir()
	e := nuevoEntorno(t, dir, nil)
	ruta := cartaEnArchivo(t, dir)
	prepararPDFium(t)

	mostrarCarta(e, ruta, "Carta de Términos y Condiciones")
	if !etiqueta(e, "Preparando la vista previa de la carta…") {
		t.Fatal("no se ve el aviso mientras se prepara la vista previa")
	}
	var h *hojas
	esperar(t, "las páginas de la carta", func() bool {
		var ok bool
		h, ok = buscar(e.Ventana, func(*hojas) bool { return true })
		return ok
	})
	if etiqueta(e, "Preparando la vista previa de la carta…") {
		t.Error("el aviso sigue a la vista junto a las páginas")
	}
	var imagenes []*canvas.Image
	for _, o := range objetos(h) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil {
			imagenes = append(imagenes, img)
		}
	}
	if len(imagenes) != 2 || len(h.imagenes) != 2 {
		t.Fatalf("%d imágenes en la vista (%d creadas); quiero 2", len(imagenes), len(h.imagenes))
	}
	for i, img := range imagenes {
		if img.FillMode != canvas.ImageFillContain {
			t.Errorf("página %d: FillMode %v", i+1, img.FillMode)
		}
		// As wide as the dialog (90% of the 1180-pixel window, less its
		// padding), as tall as an A4 page of that width.
		s := img.MinSize()
		if s.Width < 0.7*1180 || s.Width > 0.9*1180 {
			t.Errorf("página %d de %v de ancho; el diálogo mide %v", i+1, s, h.Size())
		}
		if r := s.Height / s.Width; r < 1.40 || r > 1.43 {
			t.Errorf("página %d de %v: no tiene la proporción de una hoja A4", i+1, s)
		}
		if b := img.Image.Bounds(); b.Dx() < 800 {
			t.Errorf("página %d dibujada a %v píxeles: se vería borrosa", i+1, b.Size())
		}
	}
	for _, l := range []string{"Página 1 de 2", "Página 2 de 2"} {
		if !etiqueta(e, l) {
			t.Errorf("no se ve %q", l)
		}
	}

	tocar(t, e.Ventana, "Cerrar")
	if _, ok := buscar(e.Ventana, func(*hojas) bool { return true }); ok {
		t.Fatal("Cerrar no cerró la carta")
	}
}

// A damaged file shows the catalogue's message in place of the pages, with
// its code, and no page.
func TestVistaPrevia_PDFDanado_MensajeDelCatalogo(t *testing.T) {
	dir := t.TempDir()
	e := nuevoEntorno(t, dir, nil)
	var codigos []string
	e.AlError = func(err error) { codigos = append(codigos, msg.CodeOf(err)) }
	ruta := filepath.Join(dir, "carta.pdf")
	if err := os.WriteFile(ruta, []byte("%PDF-1.7\nesto no es una carta\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	prepararPDFium(t)

	mostrarCarta(e, ruta, "Carta")
	esperar(t, "el mensaje de error", func() bool { return len(codigos) > 0 })
	if strings.Join(codigos, ",") != msg.CodeVistaPreviaPDFDanado {
		t.Fatalf("errores %v; quiero %s", codigos, msg.CodeVistaPreviaPDFDanado)
	}
	if !etiqueta(e, msg.New(msg.CodeVistaPreviaPDFDanado).Mensaje(msg.ES)) ||
		!etiqueta(e, msg.CodigoLinea(msg.CodeVistaPreviaPDFDanado, msg.ES)) {
		t.Error("no se ve el mensaje del catálogo con su código")
	}
	if _, ok := buscar(e.Ventana, func(*hojas) bool { return true }); ok {
		t.Error("se muestran páginas de un PDF dañado")
	}
}

// Closing the letter before its pages are ready stops the rendering and
// reports nothing: nobody is looking any more.
func TestVistaPrevia_CerrarAntes_NoMuestraNada(t *testing.T) {
	dir := t.TempDir()
	e := nuevoEntorno(t, dir, nil)
	var errores []error
	e.AlError = func(err error) { errores = append(errores, err) }
	ruta := cartaEnArchivo(t, dir)
	prepararPDFium(t)

	mostrarCarta(e, ruta, "Carta")
	tocar(t, e.Ventana, "Cerrar")
	// The rendering answers once, cancelled or done: wait for that answer
	// and run it.
	limite := time.Now().Add(time.Minute)
	for {
		colaUI.mu.Lock()
		n := len(colaUI.fs)
		colaUI.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(limite) {
			t.Fatal("la vista previa no respondió")
		}
		time.Sleep(10 * time.Millisecond)
	}
	correrUI()
	if len(errores) > 0 {
		t.Fatalf("errores tras cerrar: %v", errores)
	}
	if _, ok := buscar(e.Ventana, func(*hojas) bool { return true }); ok {
		t.Fatal("las páginas aparecieron después de cerrar")
	}
}
