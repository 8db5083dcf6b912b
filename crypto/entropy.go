package crypto

import (
	"crypto/sha512"
	"encoding/binary"
	"hash"
	"math"
	"sync"
	"time"
)

// DefaultEntropyTarget is the number of estimated bits that fills the bar.
const DefaultEntropyTarget = 256

// maxBitsPerSample caps what one pointer event can be credited with: screen
// coordinates are coarse and a human hand is smooth over a few milliseconds.
const maxBitsPerSample = 2.0

// recentShapes is how many recent movement shapes are remembered to refuse
// credit for a repeated pattern (a scripted zigzag or circle).
const recentShapes = 64

// Keyboard credit. A key press carries the timing of a human hand (how
// much its interval differs from the previous one) and which key it was.
// Timing is credited up to maxKeyTimingBits, reached at about 15 ms of
// jitter, and the key keyChoiceBits when it is none of the last
// recentKeys keys (a key among them earns only recentKeyFactor of its
// timing): about 1.3 bits for a varied keystroke, so some 200 of
// them fill the default target. Nothing is credited for the key pressed
// just before, for a rhythm a machine keeps (jitter within
// keyJitterFloorMs) or for a timing pattern among the last
// recentKeyTimings, so a held key, a metronome or a replayed macro fill
// nothing however varied its keys.
const (
	maxKeyTimingBits = 1.0
	keyChoiceBits    = 0.5
	keyJitterFloorMs = 2
	recentKeys       = 3
	recentKeyFactor  = 0.25
	recentKeyTimings = 16
)

// EntropyPool collects pointer (or key) events while the user waits for a
// new key, estimates conservatively how much unpredictability they carry,
// and reports progress towards a target.
//
// What it is for, honestly: the private key itself always comes from the
// operating system's CSPRNG (Go's RSA generator ignores any other source).
// The samples are only mixed, through SHA-512, into values we choose
// ourselves — the salt and IV of the .key file — on top of full OS
// randomness, so they can add unpredictability but never take it away.
// The bar is the ritual employers know from SeguriTools, made honest: it
// fills only from real, irregular movement.
//
// An EntropyPool is safe for concurrent use.
type EntropyPool struct {
	mu     sync.Mutex
	h      hash.Hash
	target float64
	bits   float64
	n      int

	have       int // samples seen since the last reset of the path
	x, y       float64
	dx, dy     float64
	ddx, ddy   float64
	shapes     [recentShapes]uint64
	shapeNext  int
	lastKeyMs  float64
	lastKeyGap float64
	keys       [recentKeys]string
	keyNext    int
	timings    [recentKeyTimings]uint64
	timingNext int
}

// NewEntropyPool returns an empty pool that is full at target bits (0
// means DefaultEntropyTarget).
func NewEntropyPool(target int) *EntropyPool {
	if target <= 0 {
		target = DefaultEntropyTarget
	}
	p := &EntropyPool{h: sha512.New(), target: float64(target)}
	p.h.Write([]byte("seguritools entropy pool v1"))
	return p
}

// AddPointer records a pointer position (in any unit, e.g. Fyne's
// device-independent pixels) at time t and returns the progress.
//
// Credit is the base-2 logarithm of the smallest of the movement's first,
// second and third differences (a sample is only as surprising as its
// most predictable part), capped at maxBitsPerSample. It is zero when the
// pointer did not move, moved along the same straight line as before
// (whatever the speed), or repeated a recent movement shape.
func (p *EntropyPool) AddPointer(x, y float64, t time.Time) float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.absorb(0x01, x, y, t)
	if p.have == 0 {
		p.x, p.y, p.have = x, y, 1
		return p.progress()
	}
	dx, dy := x-p.x, y-p.y
	if dx == 0 && dy == 0 {
		return p.progress()
	}
	ddx, ddy := dx-p.dx, dy-p.dy
	dddx, dddy := ddx-p.ddx, ddy-p.ddy
	collinear := math.Abs(dx*p.dy-dy*p.dx) < 1e-9
	credit := 0.0
	if p.have >= 3 && !collinear {
		m := math.Min(math.Min(norm(dx, dy), norm(ddx, ddy)), norm(dddx, dddy))
		credit = math.Min(math.Log2(1+m), maxBitsPerSample)
		if p.seenShape(ddx, ddy, dddx, dddy) {
			credit = 0
		}
	}
	p.bits += credit
	p.x, p.y, p.dx, p.dy, p.ddx, p.ddy = x, y, dx, dy, ddx, ddy
	p.have++
	return p.progress()
}

// AddKey records a key press at time t, the equivalent for keyboard users,
// and returns the progress. Every press is mixed in; credit is given only
// to a press that differs from the previous key and whose interval since
// the previous press varies the way a hand does (see maxKeyTimingBits).
func (p *EntropyPool) AddKey(key string, t time.Time) float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.absorb(0x02, float64(len(key)), 0, t)
	p.h.Write([]byte(key))
	ms := float64(t.UnixNano()) / 1e6
	previous := p.keys[(p.keyNext+recentKeys-1)%recentKeys]
	if p.lastKeyMs != 0 && key != previous {
		interval := ms - p.lastKeyMs
		jitter := math.Abs(interval - p.lastKeyGap)
		if interval > 5 && jitter > keyJitterFloorMs && !p.seenTiming(interval, p.lastKeyGap) {
			timing := math.Min(maxKeyTimingBits, math.Log2(1+jitter)/4)
			if p.recentKey(key) {
				// Drumming on two or three keys is half a repeat.
				p.bits += timing * recentKeyFactor
			} else {
				p.bits += timing + keyChoiceBits
			}
		}
	}
	if p.lastKeyMs != 0 {
		p.lastKeyGap = ms - p.lastKeyMs
	}
	p.lastKeyMs = ms
	p.keys[p.keyNext] = key
	p.keyNext = (p.keyNext + 1) % recentKeys
	return p.progress()
}

// recentKey reports whether key is among the last recentKeys pressed.
func (p *EntropyPool) recentKey(key string) bool {
	for _, k := range p.keys {
		if k == key {
			return true
		}
	}
	return false
}

// seenTiming remembers an interval and the one before it, in 4 ms steps,
// and reports whether that pair was among the recent ones: a replayed
// sequence of intervals repeats its pairs.
func (p *EntropyPool) seenTiming(interval, previous float64) bool {
	k := uint64(uint32(math.Round(interval/4)))<<32 | uint64(uint32(math.Round(previous/4)))
	for _, s := range p.timings {
		if s == k {
			return true
		}
	}
	p.timings[p.timingNext] = k
	p.timingNext = (p.timingNext + 1) % recentKeyTimings
	return false
}

// Bits returns the estimated bits collected so far.
func (p *EntropyPool) Bits() float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bits
}

// Progress returns how full the pool is, from 0 to 1.
func (p *EntropyPool) Progress() float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.progress()
}

// Full reports whether the target has been reached.
func (p *EntropyPool) Full() bool { return p.Progress() >= 1 }

// Samples returns how many events the pool has absorbed.
func (p *EntropyPool) Samples() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

// Mix returns len(b) bytes derived with SHA-512 from b (which must be
// fresh operating-system randomness) and everything absorbed so far. The
// result is as unpredictable as b alone at least, plus whatever the
// samples added.
func (p *EntropyPool) Mix(b []byte) []byte {
	p.mu.Lock()
	state := p.h.Sum(nil)
	p.mu.Unlock()
	out := make([]byte, 0, len(b)+sha512.Size)
	for ctr := uint32(0); len(out) < len(b); ctr++ {
		h := sha512.New()
		h.Write([]byte("seguritools mix v1"))
		binary.Write(h, binary.BigEndian, ctr)
		h.Write(b)
		h.Write(state)
		out = h.Sum(out)
	}
	return out[:len(b)]
}

func (p *EntropyPool) progress() float64 { return math.Min(1, p.bits/p.target) }

func (p *EntropyPool) absorb(kind byte, x, y float64, t time.Time) {
	var buf [25]byte
	buf[0] = kind
	binary.BigEndian.PutUint64(buf[1:], math.Float64bits(x))
	binary.BigEndian.PutUint64(buf[9:], math.Float64bits(y))
	binary.BigEndian.PutUint64(buf[17:], uint64(t.UnixNano()))
	p.h.Write(buf[:])
	p.n++
}

// seenShape remembers a movement shape and reports whether it was among
// the recent ones.
func (p *EntropyPool) seenShape(a, b, c, d float64) bool {
	k := uint64(int32(a))<<48 ^ uint64(int32(b))<<32 ^ uint64(int32(c))<<16 ^ uint64(int32(d))
	for _, s := range p.shapes {
		if s == k && k != 0 {
			return true
		}
	}
	p.shapes[p.shapeNext] = k
	p.shapeNext = (p.shapeNext + 1) % recentShapes
	return false
}

func norm(x, y float64) float64 { return math.Max(math.Abs(x), math.Abs(y)) }
