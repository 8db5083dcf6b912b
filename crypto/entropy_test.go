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

// teclear presses keys[i%len(keys)] n times, each after gap(i).
func teclear(p *EntropyPool, n int, keys string, gap func(i int) time.Duration) int {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	k := []rune(keys)
	for i := range n {
		at = at.Add(gap(i))
		p.AddKey(string(k[i%len(k)]), at)
		if p.Full() {
			return i + 1
		}
	}
	return 0
}

func TestEntropyPool_Teclado(t *testing.T) {
	texto := "Mi registro patronal es B7521588139 y vivo en León, Gto.; el RFC GODE561231GR8, la CURP PEGL890909MJCRMS08."
	humano := func(seed uint64) func(int) time.Duration {
		rng := rand.New(rand.NewPCG(seed, 7))
		return func(int) time.Duration { return time.Duration(80+rng.IntN(240)) * time.Millisecond }
	}
	// A hand whose events reach the app once per frame (GLFW polls at
	// 60 Hz): the intervals are multiples of 16.7 ms.
	porCuadro := func(seed uint64) func(int) time.Duration {
		h := humano(seed)
		return func(i int) time.Duration { return h(i).Round(16700 * time.Microsecond) }
	}
	fijo := func(d time.Duration) func(int) time.Duration { return func(int) time.Duration { return d } }
	tests := []struct {
		name     string
		n        int
		keys     string
		gap      func(int) time.Duration
		min, max int     // keystrokes that fill the bar; 0: it must not fill
		maxBits  float64 // when it must not fill: the most it may credit
	}{
		{"texto variado a mano", 400, texto, humano(1), 171, 220, 0},
		{"texto variado a mano, otra persona", 400, texto, humano(2), 171, 220, 0},
		{"texto variado, eventos por cuadro", 400, texto, porCuadro(3), 171, 260, 0},
		{"la misma tecla 1000 veces, a mano", 1000, "a", humano(4), 0, 0, 0},
		{"la misma tecla sostenida", 1000, "a", fijo(33 * time.Millisecond), 0, 0, 0},
		{"texto variado a ritmo fijo", 1000, texto, fijo(120 * time.Millisecond), 0, 0, 2},
		{"texto variado a ritmo casi fijo", 1000, texto, func(i int) time.Duration {
			return 120*time.Millisecond + time.Duration(i%3)*time.Millisecond
		}, 0, 0, 3},
		{"macro que repite sus intervalos", 1000, texto, func(i int) time.Duration {
			return []time.Duration{90, 210, 140, 300, 110}[i%5] * time.Millisecond
		}, 0, 0, 20},
		{"dos teclas alternadas a mano", 1000, "ab", humano(5), 0, 0, 255},
		{"tres teclas en ciclo a mano", 1000, "abc", humano(6), 0, 0, 255},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewEntropyPool(0)
			got := teclear(p, tt.n, tt.keys, tt.gap)
			if tt.max == 0 {
				if got != 0 || p.Bits() > tt.maxBits {
					t.Fatalf("acreditó %.1f bits (se llenó con %d teclas), se esperaba a lo más %.1f", p.Bits(), got, tt.maxBits)
				}
				return
			}
			if got < tt.min || got > tt.max {
				t.Fatalf("se llenó con %d teclas (%.1f bits), se esperaban %d a %d", got, p.Bits(), tt.min, tt.max)
			}
			t.Logf("se llenó con %d teclas", got)
		})
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
