package crypto

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// feed moves the pointer along pts, one event every 8 ms.
func feed(p *EntropyPool, pts [][2]float64) {
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for i, q := range pts {
		p.AddPointer(q[0], q[1], t0.Add(time.Duration(i)*8*time.Millisecond))
	}
}

func TestEntropyPool_Movimientos(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 5000
	path := func(f func(i int) (float64, float64)) [][2]float64 {
		out := make([][2]float64, n)
		for i := range out {
			out[i][0], out[i][1] = f(i)
		}
		return out
	}
	tests := []struct {
		name     string
		pts      [][2]float64
		wantFull bool
		maxBits  float64
	}{
		{"quieto", path(func(int) (float64, float64) { return 400, 300 }), false, 0},
		{"línea recta uniforme", path(func(i int) (float64, float64) { return float64(i), float64(2 * i) }), false, 0},
		{"línea recta con velocidad variable", path(func(i int) (float64, float64) {
			d := float64(i*i%97) + float64(i)*3
			return 10 + d, 20 + d/2
		}), false, 0},
		{"zigzag repetido", path(func(i int) (float64, float64) {
			return float64(i % 2 * 40), float64(i % 3 * 30)
		}), false, 20},
		{"círculo perfecto repetido", path(func(i int) (float64, float64) {
			a := float64(i%60) * 2 * math.Pi / 60
			return math.Round(400 + 200*math.Cos(a)), math.Round(300 + 200*math.Sin(a))
		}), false, 120},
		{"mano humana (caminata aleatoria)", func() [][2]float64 {
			var x, y, vx, vy float64 = 400, 300, 0, 0
			return path(func(int) (float64, float64) {
				vx += rng.NormFloat64() * 3
				vy += rng.NormFloat64() * 3
				vx, vy = vx*0.9, vy*0.9
				x, y = math.Round(x+vx), math.Round(y+vy)
				return x, y
			})
		}(), true, math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewEntropyPool(0)
			feed(p, tt.pts)
			if p.Full() != tt.wantFull {
				t.Fatalf("Full = %v (bits %.1f), want %v", p.Full(), p.Bits(), tt.wantFull)
			}
			if p.Bits() > tt.maxBits {
				t.Fatalf("bits = %.1f, want at most %.1f", p.Bits(), tt.maxBits)
			}
			if p.Samples() != n {
				t.Fatalf("samples = %d", p.Samples())
			}
		})
	}
}

func TestEntropyPool_ProgresoMonotono(t *testing.T) {
	p := NewEntropyPool(64)
	rng := rand.New(rand.NewPCG(3, 4))
	t0 := time.Now()
	last := 0.0
	for i := 0; i < 2000 && !p.Full(); i++ {
		got := p.AddPointer(float64(rng.IntN(800)), float64(rng.IntN(600)), t0.Add(time.Duration(i)*time.Millisecond))
		if got < last || got > 1 {
			t.Fatalf("progress went %v -> %v", last, got)
		}
		last = got
	}
	if !p.Full() || p.Progress() != 1 {
		t.Fatalf("random jumps did not fill a 64-bit pool: %.1f bits", p.Bits())
	}
}

func TestEntropyPool_Teclado(t *testing.T) {
	p := NewEntropyPool(16)
	t0 := time.Now()
	// A machine typing at a fixed rate earns nothing.
	for i := range 200 {
		p.AddKey("a", t0.Add(time.Duration(i)*50*time.Millisecond))
	}
	if p.Bits() > 0.5 {
		t.Fatalf("regular typing credited %.1f bits", p.Bits())
	}
	rng := rand.New(rand.NewPCG(5, 6))
	at := t0.Add(time.Hour)
	for range 200 {
		at = at.Add(time.Duration(60+rng.IntN(250)) * time.Millisecond)
		p.AddKey("k", at)
	}
	if !p.Full() {
		t.Fatalf("irregular typing did not fill a 16-bit pool: %.1f", p.Bits())
	}
}

func TestEntropyPool_MixNuncaDebilita(t *testing.T) {
	p := NewEntropyPool(0)
	a := bytes.Repeat([]byte{1}, 32)
	b := bytes.Repeat([]byte{2}, 32)
	ma, mb := p.Mix(a), p.Mix(b)
	if len(ma) != 32 || bytes.Equal(ma, mb) {
		t.Fatal("Mix must depend on its OS-random input")
	}
	p.AddPointer(1, 2, time.Now())
	if bytes.Equal(p.Mix(a), ma) {
		t.Fatal("Mix must depend on the samples")
	}
	if got := p.Mix(make([]byte, 100)); len(got) != 100 {
		t.Fatalf("len = %d", len(got))
	}
}
