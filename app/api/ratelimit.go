package api

import (
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/seguritools/seguritools/app/msg"
)

// limiter is a token bucket per client address. Authentication attempts
// (clerk logins, challenges, failed proofs) spend tokens; an address out of
// tokens gets DEMASIADOS_INTENTOS until they refill.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	buckets map[string]*bucket
	last    time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow spends one token of key.
func (l *limiter) allow(key string, now time.Time) bool { return l.espera(key, now) == 0 }

// espera spends one token of key and returns 0, or, when none is left,
// how long until one is (what Retry-After says).
func (l *limiter) espera(key string, now time.Time) time.Duration {
	if l == nil || l.rate <= 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.last) > time.Minute {
		// Forget full buckets so the map does not grow without bound.
		for k, b := range l.buckets {
			if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
				delete(l.buckets, k)
			}
		}
		l.last = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	}
	b.tokens--
	return 0
}

// esperaError is a refusal by a limiter: the catalogue's
// DEMASIADOS_INTENTOS wraps it, and writeError turns it into Retry-After.
type esperaError struct{ d time.Duration }

func (e *esperaError) Error() string { return "api: rate limited for " + e.d.String() }

// demasiados is the answer of a limiter that refused for d.
func demasiados(d time.Duration) error {
	return msg.Wrap(&esperaError{d}, msg.CodeDemasiadosIntentos)
}

// direccionLimite is who a per-address limit counts: the client's IPv4
// address, or the /64 of an IPv6 one (one site gets a whole /64).
func direccionLimite(r *http.Request) string {
	ip := net.ParseIP(clientIP(r))
	if ip == nil || ip.To4() != nil {
		return clientIP(r)
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// clientIP is the peer's address without the port. refca is reached
// directly; a deployment behind a proxy would need the proxy's header here.
func clientIP(r *http.Request) string {
	h, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return h
}
