package ui

import (
	"context"
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/vistaprevia"
)

// tiempoVistaPrevia bounds one preview. The first of a run compiles
// PDFium (seconds on a recent machine; an old one may take much longer),
// the next ones take a fraction of a second.
const tiempoVistaPrevia = 2 * time.Minute

// Pages are rendered as wide as the window is in pixels, within these
// bounds: sharp on a high-density screen, cheap on a small one.
const (
	anchoVistaMinimo = 800
	anchoVistaMaximo = 2000
)

// mostrarCarta shows the letter at ruta in a dialog of most of the window,
// with a Cerrar button: the user reads it in the app, without a PDF viewer.
// Closing it stops a rendering still under way.
func mostrarCarta(e *Entorno, ruta, titulo string) {
	ctx, cancel := context.WithCancel(context.Background())
	d := dialog.NewCustom(titulo, lang.L("Cerrar"), vistaPreviaHasta(ctx, e, ruta), e.Ventana)
	d.SetOnClosed(cancel)
	s := e.Ventana.Canvas().Size()
	d.Resize(fyne.NewSize(s.Width*0.9, s.Height*0.9))
	d.Show()
}

// vistaPrevia shows the PDF at ruta as images of its pages, one under the
// other in a scroll, each under its "Página 1 de 2" label and as wide as
// the space given. Until PDFium has rendered them (off the UI goroutine) a
// placeholder says so; if it cannot, the catalogue message says why and
// how else to see the letter.
func vistaPrevia(e *Entorno, ruta string) fyne.CanvasObject {
	return vistaPreviaHasta(context.Background(), e, ruta)
}

// vistaPreviaHasta is vistaPrevia for as long as ctx lasts: when it ends,
// the rendering stops and nothing more is shown or reported.
func vistaPreviaHasta(ctx context.Context, e *Entorno, ruta string) fyne.CanvasObject {
	espera := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Preparando la vista previa de la carta…"), fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewProgressBarInfinite())
	vista := container.NewStack(container.NewCenter(espera))
	c := e.Ventana.Canvas()
	ancho := min(max(int(c.Size().Width*c.Scale()), anchoVistaMinimo), anchoVistaMaximo)
	enSegundoPlano(func() (*vistaprevia.Documento, error) {
		ctx, cancel := context.WithTimeout(ctx, tiempoVistaPrevia)
		defer cancel()
		return vistaprevia.RenderArchivo(ctx, ruta, vistaprevia.Opciones{Ancho: ancho})
	}, func(doc *vistaprevia.Documento, err error) {
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			if e.AlError != nil {
				e.AlError(err)
			}
			vista.Objects = []fyne.CanvasObject{errorEnLinea(err)}
		} else {
			vista.Objects = []fyne.CanvasObject{nuevasHojas(doc)}
		}
		vista.Refresh()
	})
	return vista
}

// errorEnLinea is err's catalogue message with its code line underneath,
// shown in place of the pages (the preview is often a dialog already).
func errorEnLinea(err error) fyne.CanvasObject {
	codigo := widget.NewLabel(msg.CodigoLineaDe(err, Idioma()))
	codigo.Importance = widget.LowImportance
	codigo.SizeName = theme.SizeNameCaptionText
	icono := container.NewVBox(widget.NewIcon(theme.ErrorIcon()))
	return container.NewBorder(nil, nil, icono, nil,
		container.NewVBox(parrafo(msg.MensajeDe(err, Idioma())), codigo))
}

// hojas is the column of page images. Its images take the width it is
// given and the height their proportions ask, so it sets their minimum
// size whenever it is resized; its own minimum stays small so that it
// never keeps a dialog or window from shrinking.
type hojas struct {
	widget.BaseWidget
	imagenes     []*canvas.Image
	proporciones []float32 // height / width of each page
	scroll       *container.Scroll
}

func nuevasHojas(doc *vistaprevia.Documento) *hojas {
	h := &hojas{}
	columna := container.NewVBox()
	for i, p := range doc.Paginas {
		img := canvas.NewImageFromImage(p)
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleSmooth
		h.imagenes = append(h.imagenes, img)
		h.proporciones = append(h.proporciones, proporcion(p))
		etiqueta := widget.NewLabelWithStyle(
			lang.L("Página {{.N}} de {{.Total}}", map[string]any{"N": i + 1, "Total": doc.Total}),
			fyne.TextAlignCenter, fyne.TextStyle{})
		columna.Add(etiqueta)
		columna.Add(img)
	}
	if len(doc.Paginas) < doc.Total {
		columna.Add(parrafo(lang.L("Se muestran las primeras {{.N}} páginas de {{.Total}}.",
			map[string]any{"N": len(doc.Paginas), "Total": doc.Total})))
	}
	h.scroll = container.NewVScroll(columna)
	h.ExtendBaseWidget(h)
	return h
}

func proporcion(img image.Image) float32 {
	b := img.Bounds()
	return float32(b.Dy()) / float32(b.Dx())
}

// Resize fits the pages to the new width, inside the scroll's bar.
func (h *hojas) Resize(s fyne.Size) {
	ancho := max(s.Width-theme.ScrollBarSize()-2*theme.Padding(), 1)
	for i, img := range h.imagenes {
		img.SetMinSize(fyne.NewSize(ancho, ancho*h.proporciones[i]))
	}
	h.BaseWidget.Resize(s)
	h.scroll.Refresh()
}

// MinSize is small: the pages scroll and shrink with the space given.
func (h *hojas) MinSize() fyne.Size { return fyne.NewSize(200, 200) }

func (h *hojas) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.scroll) }
