package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// rueda lies over a one-line entry and passes the mouse wheel to the
// scroll that holds the form. Fyne gives the wheel to the innermost
// Scrollable under the pointer, and every Entry holds one (the scroller
// that moves its text sideways, see widget.Entry's renderer): without
// this the form stops scrolling whenever the pointer is over a field. It
// is only Scrollable, so taps, drags, hover and the cursor still reach
// the entry under it.
type rueda struct {
	widget.BaseWidget
}

// conRueda stacks a rueda over o.
func conRueda(o fyne.CanvasObject) fyne.CanvasObject {
	r := &rueda{}
	r.ExtendBaseWidget(r)
	return container.NewStack(o, r)
}

func (r *rueda) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MinSize is nothing: the entry under it decides.
func (r *rueda) MinSize() fyne.Size { return fyne.Size{} }

// Scrolled moves the scroll that contains the field.
func (r *rueda) Scrolled(ev *fyne.ScrollEvent) {
	if s, _ := scrollDe(r); s != nil {
		s.Scrolled(ev)
	}
}

// mostrarEnScroll scrolls the innermost scroll that holds o so that o is
// in view, a little below the scroll's top edge.
func mostrarEnScroll(o fyne.CanvasObject) {
	s, y := scrollDe(o)
	if s == nil {
		return
	}
	top, bottom := s.Offset.Y, s.Offset.Y+s.Size().Height
	if y >= top && y+o.Size().Height <= bottom {
		return
	}
	margen := float32(40)
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(0, y-margen)))
}

// scrollDe finds the innermost container.Scroll that holds o in its
// window, and o's vertical position inside the scroll's content.
func scrollDe(o fyne.CanvasObject) (*container.Scroll, float32) {
	cv := fyne.CurrentApp().Driver().CanvasForObject(o)
	if cv == nil {
		return nil, 0
	}
	raices := append([]fyne.CanvasObject{cv.Content()}, cv.Overlays().List()...)
	for _, raiz := range raices {
		if camino := caminoA(raiz, o); camino != nil {
			var y float32
			for i := len(camino) - 1; i > 0; i-- {
				if s, ok := camino[i-1].(*container.Scroll); ok {
					return s, y + camino[i].Position().Y
				}
				y += camino[i].Position().Y
			}
			return nil, 0
		}
	}
	return nil, 0
}

// caminoA is the chain of objects from raiz down to o (both included),
// or nil. It goes through containers and the widgets that show other
// objects (scrolls, splits, tabs, cards), the ones a form is put in.
func caminoA(raiz, o fyne.CanvasObject) []fyne.CanvasObject {
	if raiz == nil {
		return nil
	}
	if raiz == o {
		return []fyne.CanvasObject{o}
	}
	var hijos []fyne.CanvasObject
	switch x := raiz.(type) {
	case *fyne.Container:
		hijos = x.Objects
	case *container.Scroll:
		hijos = []fyne.CanvasObject{x.Content}
	case *container.Split:
		hijos = []fyne.CanvasObject{x.Leading, x.Trailing}
	case *container.AppTabs:
		if it := x.Selected(); it != nil {
			hijos = []fyne.CanvasObject{it.Content}
		}
	case *widget.Card:
		hijos = []fyne.CanvasObject{x.Content}
	case *marcoAsistente:
		hijos = []fyne.CanvasObject{x.contenido}
	}
	for _, h := range hijos {
		if c := caminoA(h, o); c != nil {
			return append([]fyne.CanvasObject{raiz}, c...)
		}
	}
	return nil
}
