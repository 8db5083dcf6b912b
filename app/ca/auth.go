package ca

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/store"
)

// Employer authentication is a proof of possession: the server hands out a
// random challenge bound to a serial (Reto), and the employer signs a
// message made of the challenge with the method, path and body of the call
// (the HTTP layer builds it: wire.MensajePrueba) with the certificate's
// private key. Challenges live in the store's shared state, so any
// instance can check one another issued; they expire after
// Config.VidaReto and are consumed by the first attempt, right or wrong.

// retosPorDireccion bounds the live challenges of one address (the API
// passes the client's address, an IPv6 /64): past it the oldest is
// dropped instead of refusing the new one, so a party with many
// challenges can make its own expire sooner but cannot lock anybody out.
// The API's per-address rate limit bounds how fast an address gets them.
const retosPorDireccion = 32

// largoReto is the length of a challenge (32 random bytes, base64url).
const largoReto = 43

// reto is a challenge: what it was issued for (a certificate's serial or
// a request, sujetoSolicitud) and until when.
type reto struct {
	Sujeto string    `json:"s"`
	Expira time.Time `json:"e"`
}

// retosDe are the live challenges of one address, oldest first.
type retosDe struct {
	Valores []string    `json:"v"`
	Expiran []time.Time `json:"e"`
}

// nuevoReto issues a challenge for sujeto to a client at desde.
func (a *Authority) nuevoReto(ctx context.Context, sujeto, desde string, now time.Time) (string, time.Time, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, interno(err, "challenge")
	}
	v := base64.RawURLEncoding.EncodeToString(b)
	expira := now.Add(a.cfg.VidaReto)
	var caidos []string
	err := cambiarJSON(ctx, a.db, claveHash("retos-de:", desde), now, func(r *retosDe, _ bool) (bool, time.Time, error) {
		caidos = caidos[:0]
		var vs []string
		var es []time.Time
		for i, x := range r.Valores {
			if i < len(r.Expiran) && r.Expiran[i].After(now) {
				vs, es = append(vs, x), append(es, r.Expiran[i])
			}
		}
		for len(vs) >= retosPorDireccion {
			caidos = append(caidos, vs[0])
			vs, es = vs[1:], es[1:]
		}
		r.Valores, r.Expiran = append(vs, v), append(es, expira)
		return true, expira, nil
	})
	if err != nil {
		return "", time.Time{}, interno(err, "challenge")
	}
	for _, x := range caidos {
		if err := a.borrar(ctx, "reto:"+x); err != nil {
			return "", time.Time{}, interno(err, "challenge")
		}
	}
	err = cambiarJSON(ctx, a.db, "reto:"+v, now, func(r *reto, _ bool) (bool, time.Time, error) {
		r.Sujeto, r.Expira = sujeto, expira
		return true, expira, nil
	})
	if err != nil {
		return "", time.Time{}, interno(err, "challenge")
	}
	return v, expira, nil
}

// consumirReto removes the challenge v and reports whether it was valid
// for sujeto at now.
func (a *Authority) consumirReto(ctx context.Context, v, sujeto string, now time.Time) (bool, error) {
	if len(v) != largoReto {
		return false, nil
	}
	var r reto
	var existe bool
	err := cambiarJSON(ctx, a.db, "reto:"+v, now, func(x *reto, e bool) (bool, time.Time, error) {
		r, existe = *x, e
		return false, time.Time{}, nil
	})
	if err != nil {
		return false, interno(err, "challenge")
	}
	return existe && r.Sujeto == sujeto && now.Before(r.Expira), nil
}

// Reto issues a challenge for the certificate serial to a client at
// address desde (which bounds how many challenges it holds).
func (a *Authority) Reto(ctx context.Context, serial, desde string) (string, time.Time, error) {
	c, err := a.certificado(ctx, serial)
	if err != nil {
		return "", time.Time{}, err
	}
	if !c.Revocado.IsZero() {
		return "", time.Time{}, msg.New(msg.CodeCertRevocado, serial)
	}
	return a.nuevoReto(ctx, serial, desde, a.now())
}

// Uso is what an authenticated call will do; it decides which certificate
// states are acceptable.
type Uso int

const (
	// UsoRenovar starts a renewal: an expired main certificate may.
	UsoRenovar Uso = iota
	// UsoAdicional requests an additional certificate: a vigente main one.
	UsoAdicional
	// UsoRevocar revokes the certificate itself: anything not revoked.
	UsoRevocar
	// UsoConsultarDatos reads the NPIE's current data (DatosDe): a main
	// certificate not revoked, even expired (a renewal starts from them)
	// or awaiting its renewal letter.
	UsoConsultarDatos
)

// Prueba is a proof of possession as the HTTP layer received it: of a
// certificate's key (Serial) or of a request's key (Solicitud, its folio
// or NPIE). Mensaje is what Firma signs, which the HTTP layer builds from
// Reto and the call itself (method, path, body), so a proof authorises
// only that call, once.
type Prueba struct {
	Serial, Solicitud, Reto string
	Firma                   []byte
	Mensaje                 []byte
}

// Autenticar checks a proof of possession and that the certificate may be
// used for uso. It returns the certificate's record and parsed form.
func (a *Authority) Autenticar(ctx context.Context, p Prueba, uso Uso) (*store.Certificado, *x509.Certificate, error) {
	now := a.now()
	if ok, err := a.consumirReto(ctx, p.Reto, p.Serial, now); err != nil {
		return nil, nil, err
	} else if !ok {
		return nil, nil, msg.New(msg.CodeRetoInvalido)
	}
	c, err := a.certificado(ctx, p.Serial)
	if err != nil {
		return nil, nil, err
	}
	x, err := x509.ParseCertificate(c.DER)
	if err != nil {
		return nil, nil, interno(err, "stored certificate")
	}
	pub, ok := x.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, nil, msg.New(msg.CodeFirmaInvalida)
	}
	h := sha256.Sum256(p.Mensaje)
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], p.Firma); err != nil {
		return nil, nil, msg.Wrap(err, msg.CodeFirmaInvalida)
	}
	switch EstadoCertificado(c, now) {
	case CertRevocado:
		return nil, nil, msg.New(msg.CodeCertRevocado, c.Serial)
	case CertVencido:
		if uso != UsoRenovar && uso != UsoRevocar && uso != UsoConsultarDatos {
			return nil, nil, msg.New(msg.CodeCertVencido, c.Serial)
		}
	case CertCartaPendiente:
		if uso == UsoAdicional || uso == UsoRenovar {
			return nil, nil, msg.New(msg.CodeCartaPendiente, c.Serial)
		}
	}
	if (uso == UsoRenovar || uso == UsoAdicional || uso == UsoConsultarDatos) && c.Tipo != store.TipoPrincipal {
		return nil, nil, msg.New(msg.CodeCertNoPrincipal)
	}
	return c, x, nil
}

func (a *Authority) certificado(ctx context.Context, serial string) (*store.Certificado, error) {
	c, err := a.db.Certificado(ctx, strings.ToLower(serial))
	if errors.Is(err, store.ErrNotFound) {
		return nil, msg.New(msg.CodeCertNoEncontrado, serial)
	}
	return c, interno(err, "read certificate")
}

// Clerk sessions are random bearer tokens kept in the store's shared
// state by their SHA-256 (a copy of the database shows no usable token),
// so a clerk logged in on one instance is logged in on all, and a restart
// logs nobody out. They expire after VidaSesion without use and after 12
// hours in any case. Each use reads the account again: a session ends as
// soon as its clerk is disabled or the password changes (even by `refca
// clerk passwd` in another process), because it is bound to the password
// hash it was opened with.

const sesionMaxima = 12 * time.Hour

// tocarSesion: a session's last use is written at most this often, so a
// busy clerk does not cost a write per call; the idle limit is thus kept
// to within this.
const tocarSesion = time.Minute

type sesion struct {
	Usuario string    `json:"u"`
	Huella  []byte    `json:"h"` // SHA-256 of the clerk's password hash at login
	Ultima  time.Time `json:"l"`
	Desde   time.Time `json:"d"`
}

func (s *sesion) expira(vida time.Duration) time.Time {
	return minTime(s.Ultima.Add(vida), s.Desde.Add(sesionMaxima))
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// mismaHuella reports whether huella is the SHA-256 of hash.
func mismaHuella(hash, huella []byte) bool {
	h := sha256.Sum256(hash)
	return bytes.Equal(h[:], huella)
}

func claveSesion(token string) string { return claveHash("sesion:", token) }

// Espera is a refusal for a while (DEMASIADOS_INTENTOS wraps it): the
// HTTP layer says D in Retry-After.
type Espera struct{ D time.Duration }

func (e *Espera) Error() string { return "ca: refused for " + e.D.String() }

// Clerk logins are limited per account, whatever the address and the
// instance: from the third failure in a row the account waits 1 s, then
// 2, 4… up to esperaMaxima before a password is checked again; a success
// resets it. Unknown accounts are counted alike, so the answer tells
// nothing. The count is forgotten esperaMaxima after the last wait ends.
const (
	fallosLibres = 3
	esperaMaxima = 15 * time.Minute
)

type fallos struct {
	N     int       `json:"n"`
	Hasta time.Time `json:"h"`
}

func claveFallos(cuenta string) string { return claveHash("fallos:", cuenta) }

// esperaLogin returns how long the account must still wait.
func (a *Authority) esperaLogin(ctx context.Context, cuenta string, now time.Time) (time.Duration, error) {
	var f fallos
	ok, err := leerJSON(ctx, a.db, claveFallos(cuenta), now, &f)
	if err != nil || !ok || !now.Before(f.Hasta) {
		return 0, err
	}
	return f.Hasta.Sub(now), nil
}

func (a *Authority) falloLogin(ctx context.Context, cuenta string, now time.Time) error {
	return cambiarJSON(ctx, a.db, claveFallos(cuenta), now, func(f *fallos, _ bool) (bool, time.Time, error) {
		f.N++
		if f.N >= fallosLibres {
			d := esperaMaxima
			if k := f.N - fallosLibres; k < 10 {
				d = min(time.Second<<k, esperaMaxima)
			}
			f.Hasta = now.Add(d)
		}
		return true, maxTime(now, f.Hasta).Add(esperaMaxima), nil
	})
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// borrar removes the shared entry clave.
func (a *Authority) borrar(ctx context.Context, clave string) error {
	return a.db.Cambiar(ctx, clave, a.now(), func([]byte) ([]byte, time.Time, error) { return nil, time.Time{}, nil })
}

// IniciarSesion checks a clerk's password and opens a session. Every
// attempt, right, wrong or refused for waiting, leaves an audit record
// (clerk.sesion) with the address in o.
func (a *Authority) IniciarSesion(ctx context.Context, usuario, password string, o Origen) (token string, expira time.Time, err error) {
	now := a.now()
	cuenta := strings.ToLower(usuario)
	objeto := "clerk:?"
	if usuarioClerk.MatchString(usuario) {
		objeto = "clerk:" + usuario
	}
	auditar := func(quien, resultado string) error {
		return a.db.Update(ctx, store.Evento{Cuando: now, Quien: quien, Que: "clerk.sesion", Objeto: objeto, Desde: o.Desde,
			Detalle: "resultado=" + resultado}, func(store.Tx) error { return nil })
	}
	d, err := a.esperaLogin(ctx, cuenta, now)
	if err != nil {
		return "", time.Time{}, interno(err, "login failures")
	}
	if d > 0 {
		auditar("anon", "en_espera")
		return "", time.Time{}, msg.Wrap(&Espera{d}, msg.CodeDemasiadosIntentos)
	}
	c, err := a.db.Clerk(ctx, usuario)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", time.Time{}, interno(err, "read clerk")
	}
	// An unknown user costs the same hashing as a known one, so timing
	// does not tell which users exist.
	hash := dummyHash
	if c != nil {
		hash = c.Hash
	}
	if !verificarHash(hash, []byte(password)) || c == nil || c.Deshabilitado {
		if err := a.falloLogin(ctx, cuenta, now); err != nil {
			return "", time.Time{}, interno(err, "login failures")
		}
		auditar("anon", "fallo")
		return "", time.Time{}, msg.New(msg.CodeCredencialesInvalidas)
	}
	if err := a.borrar(ctx, claveFallos(cuenta)); err != nil {
		return "", time.Time{}, interno(err, "login failures")
	}
	if err := auditar("clerk:"+c.Usuario, "exito"); err != nil {
		return "", time.Time{}, interno(err, "audit login")
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, interno(err, "session token")
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	h := sha256.Sum256(c.Hash)
	s := sesion{Usuario: c.Usuario, Huella: h[:], Ultima: now, Desde: now}
	err = cambiarJSON(ctx, a.db, claveSesion(token), now, func(x *sesion, _ bool) (bool, time.Time, error) {
		*x = s
		return true, s.expira(a.cfg.VidaSesion), nil
	})
	if err != nil {
		return "", time.Time{}, interno(err, "open session")
	}
	return token, s.expira(a.cfg.VidaSesion), nil
}

// Sesion returns the clerk of a live session token and extends it. A
// session whose clerk was disabled, removed or given another password
// ends here.
func (a *Authority) Sesion(ctx context.Context, token string) (string, bool) {
	now := a.now()
	k := claveSesion(token)
	var s sesion
	ok, err := leerJSON(ctx, a.db, k, now, &s)
	if err != nil || !ok || !now.Before(s.expira(a.cfg.VidaSesion)) {
		return "", false
	}
	c, err := a.db.Clerk(ctx, s.Usuario)
	if err != nil || c.Deshabilitado || !mismaHuella(c.Hash, s.Huella) {
		if err == nil || errors.Is(err, store.ErrNotFound) {
			a.CerrarSesion(ctx, token)
		}
		return "", false
	}
	if now.Sub(s.Ultima) >= tocarSesion {
		err := cambiarJSON(ctx, a.db, k, now, func(x *sesion, existe bool) (bool, time.Time, error) {
			if !existe {
				return false, time.Time{}, nil
			}
			x.Ultima = maxTime(x.Ultima, now)
			return true, x.expira(a.cfg.VidaSesion), nil
		})
		if err != nil {
			return "", false
		}
	}
	return s.Usuario, true
}

// CerrarSesion ends a session.
func (a *Authority) CerrarSesion(ctx context.Context, token string) error {
	return interno(a.borrar(ctx, claveSesion(token)), "close session")
}

var usuarioClerk = regexp.MustCompile(`^[A-Za-z0-9._-]{3,32}$`)

// AgregarClerk creates or replaces a ventanilla account.
func (a *Authority) AgregarClerk(ctx context.Context, usuario, nombre string, password []byte, o Origen) error {
	return AgregarClerk(ctx, a.db, usuario, nombre, password, o)
}

// AgregarClerk creates or replaces a ventanilla account directly in db (for
// `refca clerk add`, which runs without a server). nombre is the clerk's
// full name, printed on the Constancia de recepción (3 to 120 characters,
// no control characters). Passwords need at least 12 characters.
func AgregarClerk(ctx context.Context, db store.Store, usuario, nombre string, password []byte, o Origen) error {
	if !usuarioClerk.MatchString(usuario) || len(password) < 12 {
		return msg.New(msg.CodeUsuarioInvalido)
	}
	nombre = strings.Join(strings.Fields(nombre), " ")
	if n := utf8.RuneCountInString(nombre); n < 3 || n > 120 || strings.ContainsFunc(nombre, unicode.IsControl) {
		return msg.New(msg.CodeNombreClerk)
	}
	h, err := hashContrasena(password)
	if err != nil {
		return interno(err, "hash password")
	}
	ev := store.Evento{Cuando: time.Now(), Quien: o.Quien, Que: "clerk.agregar", Objeto: "clerk:" + usuario, Desde: o.Desde,
		Detalle: "nombre=" + nombre}
	return interno(db.Update(ctx, ev, func(tx store.Tx) error {
		return tx.PutClerk(ctx, &store.Clerk{Usuario: usuario, Nombre: nombre, Hash: h, Creado: time.Now()})
	}), "store clerk")
}

// Clerks lists the ventanilla accounts in db (for `refca clerk list`).
func Clerks(ctx context.Context, db store.Store) ([]store.Clerk, error) {
	cs, err := db.Clerks(ctx)
	return cs, interno(err, "list clerks")
}

// DeshabilitarClerk disables the account usuario in db: it cannot log in
// and its open sessions end at their next call.
func DeshabilitarClerk(ctx context.Context, db store.Store, usuario string, o Origen) error {
	return cambiarClerk(ctx, db, usuario, o, "clerk.deshabilitar", func(c *store.Clerk) error {
		c.Deshabilitado = true
		return nil
	})
}

// CambiarContrasenaClerk sets a new password for usuario in db (at least
// 12 characters); the account's open sessions end at their next call.
func CambiarContrasenaClerk(ctx context.Context, db store.Store, usuario string, password []byte, o Origen) error {
	if len(password) < 12 {
		return msg.New(msg.CodeUsuarioInvalido)
	}
	h, err := hashContrasena(password)
	if err != nil {
		return interno(err, "hash password")
	}
	return cambiarClerk(ctx, db, usuario, o, "clerk.contrasena", func(c *store.Clerk) error {
		c.Hash = h
		return nil
	})
}

func cambiarClerk(ctx context.Context, db store.Store, usuario string, o Origen, que string, fn func(*store.Clerk) error) error {
	ev := store.Evento{Cuando: time.Now(), Quien: o.Quien, Que: que, Objeto: "clerk:" + usuario, Desde: o.Desde}
	err := db.Update(ctx, ev, func(tx store.Tx) error {
		c, err := tx.Clerk(ctx, usuario)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
		return tx.PutClerk(ctx, c)
	})
	if errors.Is(err, store.ErrNotFound) {
		return msg.New(msg.CodeClerkNoEncontrado, usuario)
	}
	return interno(err, "change clerk")
}

// nombreClerk is the full name of the clerk usuario, for the Constancia;
// an account that no longer exists shows its user name.
func (a *Authority) nombreClerk(ctx context.Context, usuario string) (string, error) {
	c, err := a.db.Clerk(ctx, usuario)
	if errors.Is(err, store.ErrNotFound) {
		return usuario, nil
	}
	if err != nil {
		return "", interno(err, "read clerk")
	}
	if c.Nombre == "" {
		return usuario, nil
	}
	return c.Nombre, nil
}

// Argon2id parameters: OWASP's minimum recommendation (19 MiB, 2 passes).
const (
	argonTiempo   = 2
	argonMemoria  = 19 * 1024
	argonHilos    = 1
	argonLongitud = 32
)

func hashContrasena(pw []byte) ([]byte, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	k := argon2.IDKey(pw, salt, argonTiempo, argonMemoria, argonHilos, argonLongitud)
	return []byte(fmt.Sprintf("argon2id$%d$%d$%d$%s$%s", argonTiempo, argonMemoria, argonHilos,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(k))), nil
}

var dummyHash, _ = hashContrasena([]byte("refca-usuario-inexistente"))

func verificarHash(h, pw []byte) bool {
	parts := bytes.Split(h, []byte("$"))
	if len(parts) != 6 || string(parts[0]) != "argon2id" {
		return false
	}
	t, e1 := strconv.ParseUint(string(parts[1]), 10, 32)
	m, e2 := strconv.ParseUint(string(parts[2]), 10, 32)
	p, e3 := strconv.ParseUint(string(parts[3]), 10, 8)
	salt, e4 := base64.RawStdEncoding.DecodeString(string(parts[4]))
	want, e5 := base64.RawStdEncoding.DecodeString(string(parts[5]))
	if errors.Join(e1, e2, e3, e4, e5) != nil || m > 1<<20 || t > 16 {
		return false
	}
	got := argon2.IDKey(pw, salt, uint32(t), uint32(m), uint8(p), uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
