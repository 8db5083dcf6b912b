package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Every screen fits the first window on a 1024×600 screen (90% of it):
// a window never gets smaller than its content's minimum, so a screen
// that needs more pushes its buttons off a netbook's screen.
func TestPantallas_CabenEn1024x600(t *testing.T) {
	limite := fyne.NewSize(1024*0.9, 600*0.9)
	abrir := map[string]func(*Entorno){
		"captura":  func(e *Entorno) { Demostrar(e, "captura") },
		"entropia": func(e *Entorno) { Demostrar(e, "entropia") },
	}
	for _, p := range Pantallas() {
		id := p.ID
		abrir[id] = func(e *Entorno) { e.Ir(id) }
	}
	for nombre, f := range abrir {
		t.Run(nombre, func(t *testing.T) {
			e := nuevoEntorno(t, t.TempDir(), nil)
			e.Servidor = Servidor{URL: "https://127.0.0.1:18443", Embebido: true, ClerkDemo: "demo / ventanilla-demo"}
			f(e)
			if m := e.Ventana.Content().MinSize(); m.Width > limite.Width || m.Height > limite.Height {
				t.Fatalf("necesita %v, la ventana en 1024×600 es %v", m, limite)
			}
			// A dialog (the mouse area) must fit too, buttons included.
			o := e.Ventana.Canvas().Overlays().Top()
			if nombre == "entropia" && o == nil {
				t.Fatal("no se abrió el diálogo del ratón")
			}
			if o != nil {
				if m := o.MinSize(); m.Width > limite.Width || m.Height > limite.Height {
					t.Fatalf("el diálogo necesita %v, la ventana en 1024×600 es %v", m, limite)
				}
			}
		})
	}
}
