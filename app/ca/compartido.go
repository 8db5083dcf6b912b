package ca

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

// What one refca process would keep in memory — challenges, clerk
// sessions, login failures, refused letters, rate-limit buckets — lives
// in the store's shared state (store.Compartido), so that every instance
// on one database answers alike and a restart logs nobody out. Each kind
// has its key prefix; keys made from what a client sends are hashed, so
// their length does not depend on the client.

// claveHash is prefix followed by the hex SHA-256 of s.
func claveHash(prefix, s string) string {
	h := sha256.Sum256([]byte(s))
	return prefix + hex.EncodeToString(h[:])
}

// leerJSON reads clave into v; false when there is no live entry.
func leerJSON(ctx context.Context, db store.Compartido, clave string, now time.Time, v any) (bool, error) {
	b, err := db.Leer(ctx, clave, now)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(b, v); err != nil {
		// A value this version cannot read counts as none.
		return false, nil
	}
	return true, nil
}

// cambiarJSON changes the entry clave as a T: fn gets the current value
// (its zero value and false when there is none) and returns whether to
// keep it and until when.
func cambiarJSON[T any](ctx context.Context, db store.Compartido, clave string, now time.Time,
	fn func(x *T, existe bool) (guardar bool, expira time.Time, err error)) error {
	return db.Cambiar(ctx, clave, now, func(b []byte) ([]byte, time.Time, error) {
		var x T
		existe := b != nil && json.Unmarshal(b, &x) == nil
		if !existe {
			x = *new(T)
		}
		guardar, expira, err := fn(&x, existe)
		if err != nil || !guardar {
			return nil, time.Time{}, err
		}
		nb, err := json.Marshal(&x)
		return nb, expira, err
	})
}

// Limitar spends one token of the bucket clave (rate tokens per second,
// at most burst) by the authority's clock and returns 0, or, when none is
// left, how long until one is. The bucket is shared by every instance.
func (a *Authority) Limitar(ctx context.Context, clave string, rate float64, burst int) (time.Duration, error) {
	if rate <= 0 {
		return 0, nil
	}
	type cubeta struct {
		Fichas float64   `json:"f"`
		En     time.Time `json:"t"`
	}
	now := a.now()
	lleno := float64(burst)
	var espera time.Duration
	err := cambiarJSON(ctx, a.db, claveHash("limite:", clave), now, func(c *cubeta, existe bool) (bool, time.Time, error) {
		espera = 0
		if !existe {
			c.Fichas, c.En = lleno, now
		}
		c.Fichas = min(lleno, c.Fichas+max(0, now.Sub(c.En).Seconds())*rate)
		c.En = now
		if c.Fichas < 1 {
			espera = time.Duration((1 - c.Fichas) / rate * float64(time.Second))
		} else {
			c.Fichas--
		}
		// A bucket that would be full again is the same as none.
		return true, now.Add(time.Duration((lleno - c.Fichas) / rate * float64(time.Second))), nil
	})
	return espera, interno(err, "rate limit")
}

// Salud checks what serving needs besides the process itself: the store
// answers a read and the issuing key (a file or a token) signs. A load
// balancer asks it (GET /salud) to stop sending calls to an instance
// that cannot serve them.
func (a *Authority) Salud(ctx context.Context) error {
	if _, err := a.db.Pendientes(ctx); err != nil {
		return interno(err, "health: store")
	}
	h := sha256.Sum256([]byte("refca salud"))
	if _, err := a.llave.Sign(rand.Reader, h[:], crypto.SHA256); err != nil {
		return interno(err, "health: issuing key")
	}
	return nil
}

// Purgar removes the expired shared state; serve runs it periodically.
func (a *Authority) Purgar(ctx context.Context) (int64, error) {
	n, err := a.db.Purgar(ctx, a.now())
	return n, interno(err, "purge shared state")
}
