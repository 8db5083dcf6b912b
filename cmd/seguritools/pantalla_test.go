package main

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The first window fits within 90% of the work area, never larger than
// the screens were designed for, and fits a netbook when nothing is known.
func TestTamanoInicial(t *testing.T) {
	casos := []struct {
		nombre string
		w, h   float32
		ok     bool
		want   fyne.Size
	}{
		{"1366×768 con barra de tareas", 1366, 728, true, fyne.NewSize(1180, 655.2)},
		{"1024×600", 1024, 600, true, fyne.NewSize(921.6, 540)},
		{"1920×1080", 1920, 1040, true, tamanoPreferido},
		{"desconocida", 0, 0, false, tamanoSinPantalla},
		{"área vacía", 0, 0, true, tamanoSinPantalla},
	}
	for _, c := range casos {
		t.Run(c.nombre, func(t *testing.T) {
			got := tamanoInicial(c.w, c.h, c.ok)
			if got != c.want {
				t.Fatalf("tamanoInicial = %v, quiero %v", got, c.want)
			}
			if c.ok && c.w > 0 && (got.Width > c.w*fraccionMaxima+0.01 || got.Height > c.h*fraccionMaxima+0.01) {
				t.Fatalf("%v pasa del 90%% de %vx%v", got, c.w, c.h)
			}
		})
	}
	if s := tamanoSinPantalla; s.Width > 1024*fraccionMaxima || s.Height > 600*fraccionMaxima {
		t.Fatalf("sin pantalla %v no cabe en 1024×600", s)
	}
}
