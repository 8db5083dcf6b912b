package api

import (
	"net"
	"net/http"
	"time"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/msg"
)

// limiter is a token bucket per client address. Authentication attempts
// (clerk logins, challenges, failed proofs) spend tokens; an address out of
// tokens gets DEMASIADOS_INTENTOS until they refill. The buckets live in
// the store's shared state (ca.Limitar), so instances behind one address
// count together.
type limiter struct {
	a      *ca.Authority
	nombre string  // the bucket's kind, part of its key
	rate   float64 // tokens per second
	burst  int
}

func newLimiter(a *ca.Authority, nombre string, rate float64, burst int) *limiter {
	return &limiter{a: a, nombre: nombre, rate: rate, burst: burst}
}

// espera spends one token of key and returns 0, or, when none is left,
// how long until one is (what Retry-After says).
func (l *limiter) espera(r *http.Request, key string) (time.Duration, error) {
	return l.a.Limitar(r.Context(), l.nombre+":"+key, l.rate, l.burst)
}

// permitir spends one token of key; when none is left, or the count
// cannot be kept, it returns the error to answer.
func (l *limiter) permitir(r *http.Request, key string) error {
	d, err := l.espera(r, key)
	if err != nil {
		return err
	}
	if d > 0 {
		return demasiados(d)
	}
	return nil
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
