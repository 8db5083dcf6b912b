package crypto

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"
)

// DefaultBits is the RSA size of a new key: what SAT issues today.
const DefaultBits = 2048

// ErrKeySize is returned for an RSA size other than 2048, 3072 or 4096.
var ErrKeySize = errors.New("crypto: RSA key size must be 2048, 3072 or 4096 bits")

// typicalKeygen is how long generation usually takes on a 2-core machine
// (median of BenchmarkGenerateKey). Only progress estimates use it.
var typicalKeygen = map[int]time.Duration{
	2048: 250 * time.Millisecond,
	3072: 1200 * time.Millisecond,
	4096: 3500 * time.Millisecond,
}

// GenerateKey makes a new RSA key of the given size (0 means DefaultBits)
// from the operating system's CSPRNG.
//
// The standard library's generator has no progress hook and, since Go 1.24,
// ignores any caller-supplied randomness, so progress is an estimate from
// the typical duration of the size: progress receives values that rise
// towards 0.95 while the key is being made and exactly 1 when it is done.
// progress may be nil; it is called from another goroutine.
func GenerateKey(bits int, progress func(float64)) (*rsa.PrivateKey, error) {
	if bits == 0 {
		bits = DefaultBits
	}
	typical, ok := typicalKeygen[bits]
	if !ok {
		return nil, fmt.Errorf("%w (got %d)", ErrKeySize, bits)
	}
	if progress == nil {
		return rsa.GenerateKey(rand.Reader, bits)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				// Rises quickly at first and never reaches the end, since
				// the real duration varies a lot with the prime search.
				x := float64(now.Sub(start)) / float64(typical)
				progress(0.95 * (1 - math.Exp(-x)))
			}
		}
	}()
	k, err := rsa.GenerateKey(rand.Reader, bits)
	close(done)
	wg.Wait()
	if err == nil {
		progress(1)
	}
	return k, err
}
