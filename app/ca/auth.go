package ca

import (
	"bytes"
	"container/list"
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
	"sync"
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
// private key. Challenges live in memory,
// expire after Config.VidaReto and are consumed by the first attempt,
// right or wrong. A multi-instance deployment shares them through the
// store instead; one refca process needs no more.

// maxRetos bounds the challenges kept at once, so a flood of challenge
// requests cannot exhaust memory; retosPorDireccion bounds those of one
// address (the API passes the client's address, an IPv6 /64). Past either
// bound the oldest challenge (of that address, or of all) is dropped
// instead of refusing the new one, so a party with many addresses can
// make challenges expire sooner but cannot lock anybody out.
const (
	maxRetos          = 100_000
	retosPorDireccion = 32
)

// reto is a challenge and what it was issued for: a certificate's serial
// or a request (sujetoSolicitud).
type reto struct {
	valor, sujeto, desde string
	expira               time.Time
	todos, suyos         *list.Element // in retos.orden and retos.porDir[desde]
}

type retos struct {
	mu     sync.Mutex
	vida   time.Duration
	max    int
	m      map[string]*reto
	orden  *list.List            // every challenge, oldest first
	porDir map[string]*list.List // each address's challenges, oldest first
}

func newRetos(vida time.Duration) *retos {
	return &retos{vida: vida, max: maxRetos, m: map[string]*reto{}, orden: list.New(), porDir: map[string]*list.List{}}
}

func (r *retos) nuevo(sujeto, desde string, now time.Time) (string, time.Time, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, err
	}
	v := base64.RawURLEncoding.EncodeToString(b)
	r.mu.Lock()
	defer r.mu.Unlock()
	suyos := r.porDir[desde]
	if suyos == nil {
		suyos = list.New()
		r.porDir[desde] = suyos
	}
	for suyos.Len() >= retosPorDireccion {
		r.quitar(suyos.Front().Value.(*reto))
	}
	for len(r.m) >= r.max {
		r.quitar(r.orden.Front().Value.(*reto))
	}
	x := &reto{valor: v, sujeto: sujeto, desde: desde, expira: now.Add(r.vida)}
	x.todos = r.orden.PushBack(x)
	x.suyos = r.porDir[desde].PushBack(x)
	r.m[v] = x
	return v, x.expira, nil
}

// quitar forgets x; r.mu is held.
func (r *retos) quitar(x *reto) {
	delete(r.m, x.valor)
	r.orden.Remove(x.todos)
	if l := r.porDir[x.desde]; l != nil {
		l.Remove(x.suyos)
		if l.Len() == 0 {
			delete(r.porDir, x.desde)
		}
	}
}

// consumir removes the challenge and reports whether it was valid for
// sujeto at now.
func (r *retos) consumir(v, sujeto string, now time.Time) bool {
	r.mu.Lock()
	x, ok := r.m[v]
	if ok {
		r.quitar(x)
	}
	r.mu.Unlock()
	return ok && x.sujeto == sujeto && !now.After(x.expira)
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
	return a.retos.nuevo(serial, desde, a.now())
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
	if !a.retos.consumir(p.Reto, p.Serial, now) {
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

// Clerk sessions are random bearer tokens kept in memory by their SHA-256
// (a memory dump shows no usable token). They expire after VidaSesion
// without use and after 12 hours in any case; a restart logs clerks out.
// Each use reads the account again: a session ends as soon as its clerk is
// disabled or the password changes (even by `refca clerk passwd` in
// another process), because it is bound to the password hash it was
// opened with.

const sesionMaxima = 12 * time.Hour

type sesion struct {
	usuario       string
	huella        [32]byte // SHA-256 of the clerk's password hash at login
	ultima, desde time.Time
}

type sesiones struct {
	mu   sync.Mutex
	vida time.Duration
	m    map[[32]byte]*sesion
}

func newSesiones(vida time.Duration) *sesiones {
	return &sesiones{vida: vida, m: map[[32]byte]*sesion{}}
}

// Espera is a refusal for a while (DEMASIADOS_INTENTOS wraps it): the
// HTTP layer says D in Retry-After.
type Espera struct{ D time.Duration }

func (e *Espera) Error() string { return "ca: refused for " + e.D.String() }

// Clerk logins are limited per account, whatever the address: from the
// third failure in a row the account waits 1 s, then 2, 4… up to
// esperaMaxima before a password is checked again; a success resets it.
// Unknown accounts are counted alike, so the answer tells nothing.
const (
	fallosLibres = 3
	esperaMaxima = 15 * time.Minute
	maxCuentas   = 10_000
)

type fallos struct {
	n     int
	hasta time.Time
}

type bloqueos struct {
	mu sync.Mutex
	m  map[string]*fallos
}

// espera returns how long the account must still wait.
func (b *bloqueos) espera(cuenta string, now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if f := b.m[cuenta]; f != nil && now.Before(f.hasta) {
		return f.hasta.Sub(now)
	}
	return 0
}

func (b *bloqueos) fallo(cuenta string, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f := b.m[cuenta]
	if f == nil {
		if len(b.m) >= maxCuentas {
			for k, x := range b.m {
				if now.Sub(x.hasta) > esperaMaxima {
					delete(b.m, k)
				}
			}
		}
		f = &fallos{}
		b.m[cuenta] = f
	}
	f.n++
	if f.n >= fallosLibres {
		d := esperaMaxima
		if k := f.n - fallosLibres; k < 10 {
			d = min(time.Second<<k, esperaMaxima)
		}
		f.hasta = now.Add(d)
	}
}

func (b *bloqueos) exito(cuenta string) {
	b.mu.Lock()
	delete(b.m, cuenta)
	b.mu.Unlock()
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
	if d := a.bloqueos.espera(cuenta, now); d > 0 {
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
		a.bloqueos.fallo(cuenta, now)
		auditar("anon", "fallo")
		return "", time.Time{}, msg.New(msg.CodeCredencialesInvalidas)
	}
	a.bloqueos.exito(cuenta)
	if err := auditar("clerk:"+c.Usuario, "exito"); err != nil {
		return "", time.Time{}, interno(err, "audit login")
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, interno(err, "session token")
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	s := a.sesiones
	s.mu.Lock()
	for k, x := range s.m {
		if now.Sub(x.ultima) > s.vida || now.Sub(x.desde) > sesionMaxima {
			delete(s.m, k)
		}
	}
	s.m[sha256.Sum256([]byte(token))] = &sesion{usuario: c.Usuario, huella: sha256.Sum256(c.Hash), ultima: now, desde: now}
	s.mu.Unlock()
	return token, now.Add(s.vida), nil
}

// Sesion returns the clerk of a live session token and extends it. A
// session whose clerk was disabled, removed or given another password
// ends here.
func (a *Authority) Sesion(ctx context.Context, token string) (string, bool) {
	now := a.now()
	s := a.sesiones
	k := sha256.Sum256([]byte(token))
	s.mu.Lock()
	x, ok := s.m[k]
	if ok && (now.Sub(x.ultima) > s.vida || now.Sub(x.desde) > sesionMaxima) {
		delete(s.m, k)
		ok = false
	}
	var usuario string
	var huella [32]byte
	if ok {
		usuario, huella = x.usuario, x.huella
	}
	s.mu.Unlock()
	if !ok {
		return "", false
	}
	c, err := a.db.Clerk(ctx, usuario)
	if err != nil || c.Deshabilitado || sha256.Sum256(c.Hash) != huella {
		if err == nil || errors.Is(err, store.ErrNotFound) {
			a.CerrarSesion(token)
		}
		return "", false
	}
	s.mu.Lock()
	if x, ok := s.m[k]; ok {
		x.ultima = now
	}
	s.mu.Unlock()
	return usuario, true
}

// CerrarSesion ends a session.
func (a *Authority) CerrarSesion(token string) {
	s := a.sesiones
	s.mu.Lock()
	delete(s.m, sha256.Sum256([]byte(token)))
	s.mu.Unlock()
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
