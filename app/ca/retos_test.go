package ca

import (
	"fmt"
	"testing"
	"time"
)

// TestRetos_UnaDireccionNoAgotaLaTabla: one address keeps at most
// retosPorDireccion challenges (its oldest is dropped), and when the
// table is full of challenges from many addresses a fresh address still
// gets one, in place of the oldest of all.
func TestRetos_UnaDireccionNoAgotaLaTabla(t *testing.T) {
	now := time.Now()
	r := newRetos(2 * time.Minute)
	r.max = 10 * retosPorDireccion
	var mios []string
	for i := 0; i < 3*retosPorDireccion; i++ {
		v, _, err := r.nuevo("serial", "10.0.0.1", now)
		if err != nil {
			t.Fatal(err)
		}
		mios = append(mios, v)
	}
	if n := len(r.m); n != retosPorDireccion {
		t.Fatalf("one address holds %d challenges, want %d", n, retosPorDireccion)
	}
	if r.consumir(mios[0], "serial", now) {
		t.Error("the oldest challenge of the address must be gone")
	}
	if !r.consumir(mios[len(mios)-1], "serial", now) {
		t.Error("the newest challenge of the address must work")
	}
	// Many addresses fill the table; a newcomer is never refused.
	for i := 0; i < 20*retosPorDireccion; i++ {
		if _, _, err := r.nuevo("serial", fmt.Sprintf("10.1.%d.%d", i/250, i%250), now); err != nil {
			t.Fatal(err)
		}
	}
	v, _, err := r.nuevo("serial", "192.0.2.7", now)
	if err != nil {
		t.Fatalf("a fresh address was refused: %v", err)
	}
	if len(r.m) > r.max || r.orden.Len() != len(r.m) {
		t.Errorf("table %d (list %d), max %d", len(r.m), r.orden.Len(), r.max)
	}
	if !r.consumir(v, "serial", now) {
		t.Error("the newcomer's challenge must work")
	}
}
