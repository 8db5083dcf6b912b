package ui

import (
	"math/rand"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// The entropy bar does not move without pointer events, and moves (and
// fills) with them.
func TestEntropia_BarraSoloAvanzaConEventosDelRaton(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("e")
	lleno := false
	ent := NuevaEntropia(64, func() { lleno = true })
	w.SetContent(container.NewCenter(ent))
	w.Resize(fyne.NewSize(800, 600))
	avance := func() float64 { v, _ := ent.Avance.Get(); return v }

	time.Sleep(100 * time.Millisecond)
	test.Tap(ent)
	if avance() != 0 {
		t.Fatalf("la barra avanzó sin movimiento: %v", avance())
	}
	// A pointer resting in one place is no movement.
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(ent).Add(fyne.NewPos(100, 100))
	for i := 0; i < 50; i++ {
		test.MoveMouse(w.Canvas(), p)
	}
	if avance() != 0 {
		t.Fatalf("la barra avanzó con el ratón quieto: %v", avance())
	}
	// A scripted straight line is not randomness either.
	for i := 0; i < 100; i++ {
		test.MoveMouse(w.Canvas(), p.Add(fyne.NewPos(float32(i), float32(i)/2)))
	}
	if avance() != 0 {
		t.Fatalf("la barra avanzó con una línea recta: %v", avance())
	}
	r := rand.New(rand.NewSource(1))
	moverRaton(t, w, ent, 20, r)
	if avance() <= 0 {
		t.Fatal("la barra no avanzó con movimiento real")
	}
	if lleno {
		t.Fatal("se llenó demasiado pronto")
	}
	moverRaton(t, w, ent, 2000, r)
	if avance() < 1 || !lleno {
		t.Fatalf("la barra no se llenó: %v", avance())
	}
}

// Typing fills the bar: about 200 varied keys at a hand's pace, each
// counted once (a letter arrives as a key and as its character), while a
// held key fills nothing.
func TestEntropia_TecladoLlenaConUnas200Teclas(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("e")
	ent := NuevaEntropia(0, nil)
	w.SetContent(container.NewCenter(ent))
	w.Resize(fyne.NewSize(800, 600))
	reloj := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewSource(2))
	ent.ahora = func() time.Time { return reloj }
	avance := func() float64 { v, _ := ent.Avance.Get(); return v }
	test.Tap(ent)
	for range 1000 {
		reloj = reloj.Add(33 * time.Millisecond)
		ent.TypedKey(&fyne.KeyEvent{Name: fyne.KeyA})
		ent.TypedRune('a')
	}
	if avance() > 0 {
		t.Fatalf("una tecla sostenida avanzó la barra: %v", avance())
	}
	texto := []rune("Mi registro patronal es B7521588139 y vivo en León, Gto.; el RFC GODE561231GR8.")
	n := 0
	for avance() < 1 && n < 400 {
		reloj = reloj.Add(time.Duration(80+r.Intn(240)) * time.Millisecond)
		c := texto[n%len(texto)]
		// What the driver sends for a letter: the key, then the rune.
		ent.TypedKey(&fyne.KeyEvent{Name: fyne.KeyName(strings.ToUpper(string(c)))})
		ent.TypedRune(c)
		n++
	}
	if n < 150 || n > 260 {
		t.Fatalf("la barra se llenó con %d teclas (avance %v), quiero unas 200", n, avance())
	}
}
