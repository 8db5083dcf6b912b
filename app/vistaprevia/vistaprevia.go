// Package vistaprevia renders the pages of a PDF to images, so the app can
// show a letter inside its own window before it is saved or signed, on
// every operating system and without a PDF viewer installed.
//
// It runs PDFium compiled to WebAssembly (go-pdfium's webassembly mode) in
// the wazero runtime: pure Go, no cgo, no system library, and the same
// rendering on Windows, Linux and macOS. The PDF comes from outside the
// process (a file the user picked, a letter from the CA), so it is treated
// as untrusted: the engine runs without access to the file system, in a
// fresh WebAssembly instance per document, with a memory ceiling, and only
// a bounded input size, page count and page size are rendered.
package vistaprevia

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"io"
	"math"
	"os"

	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"

	"github.com/seguritools/seguritools/app/msg"
)

// Limits on what Render accepts and produces.
const (
	// MaxBytes is the largest PDF Render accepts (a letter is ~60 KB).
	MaxBytes = 16 << 20
	// MaxPaginas is how many pages, from the first, Render renders; a
	// letter has one or two.
	MaxPaginas = 10
	// MaxPixelesPagina bounds one page's image (about an A4 page at
	// 250 DPI); a larger page is rendered smaller, keeping its shape.
	MaxPixelesPagina = 6_000_000
	// DPIPredeterminado is the resolution when Opciones asks for none.
	DPIPredeterminado = 96
	// maxDPI keeps a caller's mistake from asking for huge images.
	maxDPI = 600
)

// Opciones choose the images' size. Ancho, when set, wins over DPI.
type Opciones struct {
	// DPI is the resolution in pixels per inch (72 points); 0 means
	// DPIPredeterminado. It is capped at 600.
	DPI int
	// Ancho is every page's width in pixels; the height keeps the page's
	// proportions.
	Ancho int
}

// Documento is a rendered PDF.
type Documento struct {
	// Paginas holds the images of the first pages, at most MaxPaginas,
	// opaque (drawn on white).
	Paginas []*image.RGBA
	// Total is the number of pages of the PDF, which may be more than
	// len(Paginas).
	Total int
}

// RenderArchivo reads the PDF at ruta, refusing files larger than
// MaxBytes before reading them, and renders it as Render does.
func RenderArchivo(ctx context.Context, ruta string, o Opciones) (*Documento, error) {
	f, err := os.Open(ruta)
	if err != nil {
		return nil, msg.Wrap(fmt.Errorf("vistaprevia: %w", err), msg.CodeArchivoNoLeido, ruta)
	}
	defer f.Close()
	pdf, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, msg.Wrap(fmt.Errorf("vistaprevia: %w", err), msg.CodeArchivoNoLeido, ruta)
	}
	return Render(ctx, pdf, o)
}

// Render renders the first MaxPaginas pages of pdf. It refuses a PDF
// larger than MaxBytes, a damaged one, and one that needs a password; when
// the engine cannot start or ctx ends first, it says the preview is not
// available. Every error is a catalogue error (package msg) wrapping its
// cause.
//
// The first call in a process compiles PDFium's WebAssembly module (see
// Preparar): 4–8 s measured on two amd64 cores, 0.7 s with UsarCache's
// cache filled. Later calls take 70–230 ms for a two-page letter at 96 DPI
// and 0.3–0.45 s at 1600 pixels wide. Calls are served one at a time.
func Render(ctx context.Context, pdf []byte, o Opciones) (*Documento, error) {
	if len(pdf) > MaxBytes {
		return nil, msg.Wrap(fmt.Errorf("vistaprevia: el PDF tiene %d bytes", len(pdf)), msg.CodeVistaPreviaPDFGrande, MaxBytes>>20)
	}
	if len(pdf) == 0 {
		return nil, msg.Wrap(errors.New("vistaprevia: el PDF está vacío"), msg.CodeVistaPreviaPDFDanado)
	}
	m, err := motorListo(ctx)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeVistaPreviaNoDisponible)
	}
	var doc *Documento
	err = m.conInstancia(ctx, func(p instancia) error {
		var err error
		doc, err = renderizar(p, pdf, o)
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, msg.Wrap(fmt.Errorf("vistaprevia: %w (%w)", ctx.Err(), err), msg.CodeVistaPreviaNoDisponible)
		}
		var e *msg.Error
		if errors.As(err, &e) {
			return nil, err
		}
		return nil, msg.Wrap(err, msg.CodeVistaPreviaNoDisponible)
	}
	return doc, nil
}

// renderizar opens pdf in p and renders its first pages.
func renderizar(p instancia, pdf []byte, o Opciones) (*Documento, error) {
	abierto, err := p.OpenDocument(&requests.OpenDocument{File: &pdf})
	if err != nil {
		return nil, errorAlAbrir(err)
	}
	defer p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: abierto.Document})
	n, err := p.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: abierto.Document})
	if err != nil {
		return nil, msg.Wrap(fmt.Errorf("vistaprevia: contar las páginas: %w", err), msg.CodeVistaPreviaPDFDanado)
	}
	if n.PageCount <= 0 {
		return nil, msg.Wrap(errors.New("vistaprevia: el PDF no tiene páginas"), msg.CodeVistaPreviaPDFDanado)
	}
	doc := &Documento{Total: n.PageCount}
	for i := range min(n.PageCount, MaxPaginas) {
		img, err := renderPagina(p, abierto.Document, i, o)
		if err != nil {
			return nil, msg.Wrap(fmt.Errorf("vistaprevia: página %d: %w", i+1, err), msg.CodeVistaPreviaPDFDanado)
		}
		doc.Paginas = append(doc.Paginas, img)
	}
	return doc, nil
}

// errorAlAbrir tells a password-protected PDF from a damaged one.
func errorAlAbrir(err error) error {
	err = fmt.Errorf("vistaprevia: abrir el PDF: %w", err)
	if errors.Is(err, pdfiumerrors.ErrPassword) || errors.Is(err, pdfiumerrors.ErrSecurity) {
		return msg.Wrap(err, msg.CodeVistaPreviaPDFProtegido)
	}
	return msg.Wrap(err, msg.CodeVistaPreviaPDFDanado)
}

// renderPagina renders page i at the size o asks for, within
// MaxPixelesPagina, and copies it out of the engine's memory.
func renderPagina(p instancia, d references.FPDF_DOCUMENT, i int, o Opciones) (*image.RGBA, error) {
	pagina := requests.Page{ByIndex: &requests.PageByIndex{Document: d, Index: i}}
	tam, err := p.GetPageSize(&requests.GetPageSize{Page: pagina})
	if err != nil {
		return nil, err
	}
	ancho, ok := anchoPagina(tam.Width, tam.Height, o)
	if !ok {
		return nil, fmt.Errorf("tamaño de página imposible: %g × %g puntos", tam.Width, tam.Height)
	}
	r, err := p.RenderPageInPixels(&requests.RenderPageInPixels{
		Page:        pagina,
		Width:       ancho, // the height follows the page's proportions
		RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT,
	})
	if err != nil {
		return nil, err
	}
	defer r.Cleanup()
	src, ok := r.Result.RenderedImage.(*image.RGBA)
	if !ok || src == nil {
		return nil, fmt.Errorf("imagen de tipo %T", r.Result.RenderedImage)
	}
	// The pixels live in the WebAssembly memory until Cleanup: copy them,
	// on white, since a page with transparency comes back see-through.
	img := image.NewRGBA(image.Rect(0, 0, src.Bounds().Dx(), src.Bounds().Dy()))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Over)
	return img, nil
}

// anchoPagina returns the image width for a page of w × h points: the
// width o asks for, or the DPI's, made smaller when the page's image (its
// height in proportion) would pass MaxPixelesPagina. It refuses degenerate
// pages, and slivers whose image would still be too large.
func anchoPagina(w, h float64, o Opciones) (int, bool) {
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return 0, false
	}
	var escala float64 // pixels per point
	if o.Ancho > 0 {
		escala = float64(o.Ancho) / w
	} else {
		dpi := o.DPI
		if dpi <= 0 {
			dpi = DPIPredeterminado
		}
		escala = float64(min(dpi, maxDPI)) / 72
	}
	if px := w * h * escala * escala; px > MaxPixelesPagina {
		escala *= math.Sqrt(MaxPixelesPagina / px)
	}
	ancho := max(int(math.Round(w*escala)), 1)
	// A sliver of a page rounds up to one pixel wide and may then be too
	// tall.
	if float64(ancho)*math.Ceil(float64(ancho)*h/w) > 2*MaxPixelesPagina {
		return 0, false
	}
	return ancho, true
}
