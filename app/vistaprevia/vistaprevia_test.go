package vistaprevia

import (
	"bytes"
	"context"
	"encoding/pem"
	"errors"
	"image"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
)

// cartaReal is a Carta de Términos y Condiciones as app/carta issues it,
// with the keys of app/carta's own tests (two A4 pages), and the same
// letter encrypted with a user password.
var cartaReal = sync.OnceValues(func() ([2][]byte, error) {
	var cartas [2][]byte
	dir, err := os.MkdirTemp("", "vistaprevia-pdfcpu-")
	if err != nil {
		return cartas, err
	}
	defer os.RemoveAll(dir)
	g, err := carta.NuevoGenerador(dir)
	if err != nil {
		return cartas, err
	}
	b, err := os.ReadFile(filepath.Join("..", "carta", "testdata", "llave_nueva.pem"))
	if err != nil {
		return cartas, err
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		return cartas, errors.New("llave_nueva.pem no es PEM")
	}
	cartas[0], err = g.Terminos(carta.Datos{
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
		Fecha:        time.Date(2026, time.November, 23, 10, 15, 0, 0, time.FixedZone("CST", -6*3600)),
		Folio:        carta.Folio{0x88, 0xa5, 0xf3, 0x56, 0x9e, 0x1e, 0xd3, 0x5b, 0x11, 0x81, 0x6c, 0x22, 0xcd, 0x7b, 0x27, 0x4a},
		NPIE:         "B7521588139",
		LlavePublica: blk.Bytes,
	})
	if err != nil {
		return cartas, err
	}
	// pdfcpu still points at dir, which the generator configured.
	var cifrada bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(cartas[0]), &cifrada, model.NewAESConfiguration("usuario", "propietario", 256)); err != nil {
		return cartas, err
	}
	cartas[1] = cifrada.Bytes()
	return cartas, nil
})

func leerCarta(t testing.TB) []byte {
	t.Helper()
	cartas, err := cartaReal()
	if err != nil {
		t.Fatalf("generar la carta: %v", err)
	}
	return cartas[0]
}

func contexto(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// An A4 page is 595.28 × 841.89 points.
const anchoA4, altoA4 = 595.28, 841.89

// oscuros is the fraction of dark pixels inside the page's margins (2 cm
// of the sides, 2.5 cm of the top and bottom), where the letter's text is.
func oscuros(img *image.RGBA) float64 {
	b := img.Bounds()
	mx, my := b.Dx()*57/595, b.Dy()*71/842
	n, total := 0, 0
	for y := b.Min.Y + my; y < b.Max.Y-my; y++ {
		for x := b.Min.X + mx; x < b.Max.X-mx; x++ {
			c := img.RGBAAt(x, y)
			if int(c.R)+int(c.G)+int(c.B) < 3*128 {
				n++
			}
			total++
		}
	}
	return float64(n) / float64(total)
}

func codigo(t *testing.T, err error, want string) {
	t.Helper()
	if got := msg.CodeOf(err); got != want {
		t.Fatalf("error %v con código %q; quiero %q", err, got, want)
	}
}

// The first test pays for compiling PDFium; it says how long that and
// the renders after it take. Measured on two shared amd64 cores (Linux):
// Preparar 4.3–7.8 s (10.6 s with the fuzzer's instrumentation, 30–50 s
// with the race detector; 0.7 s from UsarCache's cache); then the
// two-page letter in 70–230 ms at 96 DPI and 0.3–0.45 s 1600 pixels
// wide, a fresh PDFium instance included.
func TestRender_PrimeraYSiguientes(t *testing.T) {
	pdf := leerCarta(t)
	inicio := time.Now()
	if err := Preparar(contexto(t)); err != nil {
		t.Fatal(err)
	}
	t.Logf("Preparar: %v", time.Since(inicio))
	for _, o := range []Opciones{{DPI: 96}, {Ancho: 1600}} {
		var veces [3]time.Duration
		for i := range veces {
			inicio = time.Now()
			if _, err := Render(contexto(t), pdf, o); err != nil {
				t.Fatal(err)
			}
			veces[i] = time.Since(inicio)
		}
		t.Logf("Render de la carta (2 páginas, %+v): %v", o, veces)
	}
}

func TestRender_CartaReal(t *testing.T) {
	pdf := leerCarta(t)
	for _, dpi := range []int{72, 150} {
		doc, err := Render(contexto(t), pdf, Opciones{DPI: dpi})
		if err != nil {
			t.Fatalf("%d DPI: %v", dpi, err)
		}
		if doc.Total != 2 || len(doc.Paginas) != 2 {
			t.Fatalf("%d DPI: %d páginas de %d; quiero 2 de 2", dpi, len(doc.Paginas), doc.Total)
		}
		ancho := int(math.Round(anchoA4 * float64(dpi) / 72))
		alto := anchoA4 * float64(dpi) / 72 * altoA4 / anchoA4
		for i, p := range doc.Paginas {
			if p.Bounds().Dx() != ancho || math.Abs(float64(p.Bounds().Dy())-alto) > 1.5 {
				t.Errorf("%d DPI, página %d: %v; quiero %d × %.0f", dpi, i+1, p.Bounds().Size(), ancho, alto)
			}
			// A page of text in 10–11 pt type darkens a few percent of
			// its text area; a blank or black page does not.
			if f := oscuros(p); f < 0.01 || f > 0.3 {
				t.Errorf("%d DPI, página %d: %.2f%% de píxeles oscuros", dpi, i+1, 100*f)
			}
		}
	}
}

func TestRender_Ancho(t *testing.T) {
	doc, err := Render(contexto(t), leerCarta(t), Opciones{Ancho: 800, DPI: 300})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range doc.Paginas {
		if got, alto := p.Bounds().Size(), 800*altoA4/anchoA4; got.X != 800 || math.Abs(float64(got.Y)-alto) > 1.5 {
			t.Errorf("página %d: %v; quiero 800 × %.0f", i+1, got, alto)
		}
	}
}

func TestRenderArchivo(t *testing.T) {
	ruta := filepath.Join(t.TempDir(), "carta.pdf")
	if err := os.WriteFile(ruta, leerCarta(t), 0o600); err != nil {
		t.Fatal(err)
	}
	doc, err := RenderArchivo(contexto(t), ruta, Opciones{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paginas) != 2 || doc.Paginas[0].Bounds().Dx() != int(math.Round(anchoA4*DPIPredeterminado/72)) {
		t.Fatalf("%d páginas, la primera de %v", len(doc.Paginas), doc.Paginas[0].Bounds().Size())
	}
	_, err = RenderArchivo(contexto(t), filepath.Join(t.TempDir(), "no-existe.pdf"), Opciones{})
	codigo(t, err, msg.CodeArchivoNoLeido)
}

func TestRender_PDFDanado(t *testing.T) {
	carta := leerCarta(t)
	for nombre, pdf := range map[string][]byte{
		"vacío":            nil,
		"no es PDF":        []byte("Esto no es un PDF, es una carta escrita a mano."),
		"solo la cabecera": []byte("%PDF-1.7\n%âãÏÓ\n"),
		"primeros 200":     carta[:200],
	} {
		_, err := Render(contexto(t), pdf, Opciones{})
		if msg.CodeOf(err) != msg.CodeVistaPreviaPDFDanado {
			t.Errorf("%s: error %v; quiero %s", nombre, err, msg.CodeVistaPreviaPDFDanado)
		}
	}
}

func TestRender_ConContrasena(t *testing.T) {
	leerCarta(t)
	cartas, _ := cartaReal()
	_, err := Render(contexto(t), cartas[1], Opciones{})
	codigo(t, err, msg.CodeVistaPreviaPDFProtegido)
}

func TestRender_Grande(t *testing.T) {
	_, err := Render(contexto(t), make([]byte, MaxBytes+1), Opciones{})
	codigo(t, err, msg.CodeVistaPreviaPDFGrande)
	if n, _ := msg.NumArgs(msg.CodeVistaPreviaPDFGrande); n != 1 {
		t.Fatalf("el texto pide %d valores", n)
	}
}

func TestRender_ContextoTerminado(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Render(ctx, leerCarta(t), Opciones{})
	codigo(t, err, msg.CodeVistaPreviaNoDisponible)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("la causa no es context.Canceled: %v", err)
	}
}

// A render cut short kills its instance; the next one gets a new one.
func TestRender_CanceladoALaMitad(t *testing.T) {
	pdf := leerCarta(t)
	if err := Preparar(contexto(t)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := Render(ctx, pdf, Opciones{DPI: maxDPI})
	if err != nil {
		codigo(t, err, msg.CodeVistaPreviaNoDisponible)
	}
	doc, err := Render(contexto(t), pdf, Opciones{})
	if err != nil || len(doc.Paginas) != 2 {
		t.Fatalf("después de cancelar: %v", err)
	}
}

func TestAnchoPagina(t *testing.T) {
	for _, c := range []struct {
		w, h float64
		o    Opciones
		want int
	}{
		{anchoA4, altoA4, Opciones{}, 794},
		{anchoA4, altoA4, Opciones{DPI: 72}, 595},
		{anchoA4, altoA4, Opciones{DPI: 10000}, 2060}, // 600 DPI is 4961, too many pixels
		{anchoA4, altoA4, Opciones{Ancho: 1000, DPI: 72}, 1000},
		{14400, 14400, Opciones{DPI: 72}, 2449},
		{0, altoA4, Opciones{}, 0},
		{math.NaN(), altoA4, Opciones{}, 0},
		{math.Inf(1), altoA4, Opciones{}, 0},
		{0.001, 14400, Opciones{}, 0},
	} {
		got, ok := anchoPagina(c.w, c.h, c.o)
		if got != c.want || ok != (c.want > 0) {
			t.Errorf("anchoPagina(%g, %g, %+v) = %d, %v; quiero %d", c.w, c.h, c.o, got, ok, c.want)
		}
	}
}

// FuzzRender feeds Render untrusted bytes: it either renders between one
// and MaxPaginas bounded pages or gives one of the preview's catalogue
// errors; it never panics nor hangs past its deadline.
func FuzzRender(f *testing.F) {
	carta := leerCarta(f)
	// Compiling PDFium takes longer than the 10 s the fuzzing engine
	// allows one input: do it before the first.
	if err := Preparar(contexto(f)); err != nil {
		f.Fatal(err)
	}
	f.Add(carta)
	f.Add(carta[:len(carta)/2])
	f.Add([]byte("%PDF-1.7\n%âãÏÓ\n"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 1 100000]>>endobj\ntrailer<</Root 1 0 R>>"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		doc, err := Render(ctx, pdf, Opciones{DPI: 36})
		if err != nil {
			switch msg.CodeOf(err) {
			case msg.CodeVistaPreviaPDFDanado, msg.CodeVistaPreviaPDFProtegido,
				msg.CodeVistaPreviaPDFGrande, msg.CodeVistaPreviaNoDisponible:
				return
			}
			t.Fatalf("error fuera del catálogo de la vista previa: %v", err)
		}
		if doc.Total < 1 || len(doc.Paginas) < 1 || len(doc.Paginas) > min(doc.Total, MaxPaginas) {
			t.Fatalf("%d páginas de %d", len(doc.Paginas), doc.Total)
		}
		for i, p := range doc.Paginas {
			if s := p.Bounds().Size(); s.X < 1 || s.Y < 1 || s.X*s.Y > 2*MaxPixelesPagina {
				t.Fatalf("página %d de %v", i+1, s)
			}
		}
	})
}
