package ca

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/store"
	"github.com/seguritools/seguritools/app/store/sqlite"
)

// conEstado returns an Authority with only its shared state, on a real
// SQLite file, for the tests of challenges and sessions.
func conEstado(t *testing.T) (*Authority, store.Store) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "refca.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Authority{cfg: Config{VidaReto: 2 * time.Minute, VidaSesion: 30 * time.Minute, Ahora: time.Now}, db: db}, db
}

// TestRetos_UnaDireccionNoAgotaNiEstorba: one address keeps at most
// retosPorDireccion challenges (its oldest is dropped and no longer
// works), and challenges of many addresses never stop a fresh one.
func TestRetos_UnaDireccionNoAgotaNiEstorba(t *testing.T) {
	ctx := context.Background()
	a, _ := conEstado(t)
	now := time.Now()
	var mios []string
	for i := 0; i < 2*retosPorDireccion; i++ {
		v, _, err := a.nuevoReto(ctx, "serial", "10.0.0.1", now)
		if err != nil {
			t.Fatal(err)
		}
		mios = append(mios, v)
	}
	var r retosDe
	if ok, err := leerJSON(ctx, a.db, claveHash("retos-de:", "10.0.0.1"), now, &r); err != nil || !ok || len(r.Valores) != retosPorDireccion {
		t.Fatalf("one address holds %d challenges (%v), want %d", len(r.Valores), err, retosPorDireccion)
	}
	if ok, err := a.consumirReto(ctx, mios[0], "serial", now); err != nil || ok {
		t.Errorf("the oldest challenge of the address must be gone (%v)", err)
	}
	for i := 0; i < 5*retosPorDireccion; i++ {
		if _, _, err := a.nuevoReto(ctx, "serial", fmt.Sprintf("10.1.%d.%d", i/250, i%250), now); err != nil {
			t.Fatal(err)
		}
	}
	v, _, err := a.nuevoReto(ctx, "serial", "192.0.2.7", now)
	if err != nil {
		t.Fatalf("a fresh address was refused: %v", err)
	}
	for _, c := range []struct {
		nombre, v, sujeto string
		cuando            time.Time
		want              bool
	}{
		{"newest of the busy address", mios[len(mios)-1], "serial", now, true},
		{"fresh address", v, "serial", now, true},
		{"used twice", v, "serial", now, false},
		{"another subject", mios[len(mios)-2], "otro", now, false},
		{"consumed by the wrong subject", mios[len(mios)-2], "serial", now, false},
		{"expired", mios[len(mios)-3], "serial", now.Add(2 * time.Minute), false},
		{"not a challenge", "x", "serial", now, false},
	} {
		if ok, err := a.consumirReto(ctx, c.v, c.sujeto, c.cuando); err != nil || ok != c.want {
			t.Errorf("%s: valid=%v (%v), want %v", c.nombre, ok, err, c.want)
		}
	}
}
