// Package ca is the core of refca, the reference certificate authority:
// the Authority owns every procedure of the IMSS "Módulo de Certificación"
// (Solicitud NPIE, Ventanilla, Renovación en línea, Certificado Adicional,
// Revocación, Recuperación and status), the state machine of requests and
// renewals (estados.go), issuance, CRL and OCSP. HTTP is a thin layer on
// top (app/api); records live behind store.Store.
//
// Decisions, in one place:
//   - Every state change is one store.Update: atomic, audited (who, what,
//     object, from where) and durable when acknowledged. Expensive work
//     (RSA signing, letter rendering) happens before the Update; the
//     Update re-checks the state it depends on, so a concurrent change wins
//     cleanly and a certificate signed for a lost race is never published.
//   - Certificate subjects come from the data the CA validated and stored,
//     never from the PKCS#10 subject: the request only contributes the
//     public key (and proves possession of it by its signature).
//   - Employers authenticate with a proof of possession over a single-use
//     server challenge (auth.go); no password or private key of theirs
//     reaches the server. An expired certificate may only start or continue
//     its own renewal; a revoked one may do nothing.
//   - Renewal: the old certificate is revoked (reason superseded) in the
//     same transaction that issues the new one, together with its
//     additionals, which IMSS asks employers to request again. The new one
//     reports carta_pendiente until the renewal's Carta de Términos is
//     signed with it.
//   - Additional certificates never outlive the main one (NotAfter is
//     capped) and are revoked with it.
//   - Letters: the server renders each letter once and stores its exact
//     bytes; a signed letter must be those bytes plus an incremental update
//     whose signature, by the expected certificate, covers the whole file.
//   - Refused input changes nothing (no state change, no audit record):
//     an error 71 tells the user to start again, but the renewal stays
//     where it was. The one exception bounds the work garbage can cause:
//     the 5th refused acceptance letter of a renewal cancels it (whoever
//     sends it must know the renewal's random id).
//   - Idempotency: creating calls may carry a client key; the key, a hash
//     of the request and the created object are stored in the same
//     transaction, and a retry returns the object as it is now.
package ca

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"
	// The zone database travels in every binary with a CA (refca, the
	// desktop app's embedded one): business days and the Constancia's
	// times are Mexico City's even where the system has no zoneinfo
	// (Windows).
	_ "time/tzdata"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/store"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// Config is how an Authority behaves.
type Config struct {
	// URLBase is this server's public https URL ("https://host:port").
	URLBase string
	// URLRevocacion is the plain-HTTP URL ("http://host:port") where the
	// CRL, the OCSP responder and the CA certificates are served: issued
	// certificates point at URLRevocacion+"/crl", "/ocsp" and
	// "/ca/emisor.cer". Relying parties (NSS, so pdfsig) do not fetch
	// revocation data over https. "" means URLBase.
	URLRevocacion string
	// Validez of issued certificates; 0 means two years.
	Validez time.Duration
	// DiasPlazo is the number of business days a request stays pending;
	// 0 means 10.
	DiasPlazo int
	// Zona is where business days are counted and the time zone of the
	// letters' dates; nil means America/Mexico_City.
	Zona *time.Location
	// Subdelegacion is the IMSS office this CA plays: the place on the
	// letters ("León, Gto., a 1 de diciembre de 2026") and the office the
	// Constancia de recepción names. "" means SubdelegacionOmision.
	Subdelegacion string
	// MaxPendientes caps the requests pending at once, whoever made them,
	// so that no flood from many addresses fills the store or buries real
	// requests in the clerk's list; 0 means 5,000.
	MaxPendientes int
	// VidaReto is how long a challenge may be answered; 0 means 2 minutes.
	VidaReto time.Duration
	// VidaSesion is a clerk session's idle lifetime; 0 means 30 minutes.
	VidaSesion time.Duration
	// Cartas renders the letters; nil means the real ones (app/carta)
	// with pdfcpu's configuration under DirCartas.
	Cartas Cartas
	// DirCartas is pdfcpu's configuration directory.
	DirCartas string
	// Ahora is the clock; nil means time.Now. Tests move it.
	Ahora func() time.Time
}

// SubdelegacionOmision is the subdelegación of a CA configured without one.
const SubdelegacionOmision = "Ciudad de México"

// Subdelegacion is the IMSS office this CA plays (Config.Subdelegacion).
func (a *Authority) Subdelegacion() string { return a.cfg.Subdelegacion }

// Origen is who asks for a change and from where, for the audit trail and
// idempotency.
type Origen struct {
	Quien string // "clerk:NAME", "cert:SERIAL", "anon"
	Desde string // remote address
	// Clave is the client's Idempotency-Key (optional) and Huella the
	// SHA-256 of its request body.
	Clave  string
	Huella []byte
}

// Authority is the CA.
type Authority struct {
	cfg    Config
	db     store.Store
	raiz   *x509.Certificate
	emisor *x509.Certificate
	llave  crypto.Signer // the issuing CA's: a file's RSA key or a token's
	cartas Cartas
	// crlRaiz is the root's CRL as init signed it: the root's key is
	// not at hand while serving.
	crlRaiz []byte

	ocsp *cacheOCSP

	// The last CRL signed, how many revoked certificates it lists, and
	// when.
	crlMu        sync.Mutex
	crl          []byte
	crlRevocados int
	crlAt        time.Time
}

// New returns an Authority over db with material m.
func New(db store.Store, m *Material, cfg Config) (*Authority, error) {
	if cfg.Validez <= 0 {
		cfg.Validez = 730 * 24 * time.Hour
	}
	if cfg.DiasPlazo <= 0 {
		cfg.DiasPlazo = 10
	}
	if cfg.Subdelegacion = strings.TrimSpace(cfg.Subdelegacion); cfg.Subdelegacion == "" {
		cfg.Subdelegacion = SubdelegacionOmision
	}
	if cfg.Zona == nil {
		z, err := time.LoadLocation("America/Mexico_City")
		if err != nil {
			z = time.FixedZone("CST", -6*3600)
		}
		cfg.Zona = z
	}
	if cfg.MaxPendientes <= 0 {
		cfg.MaxPendientes = 5000
	}
	if cfg.VidaReto <= 0 {
		cfg.VidaReto = 2 * time.Minute
	}
	if cfg.VidaSesion <= 0 {
		cfg.VidaSesion = 30 * time.Minute
	}
	if cfg.Ahora == nil {
		cfg.Ahora = time.Now
	}
	if cfg.URLBase == "" {
		return nil, errors.New("ca: URLBase is required (CRL and OCSP URLs)")
	}
	cfg.URLBase = strings.TrimRight(cfg.URLBase, "/")
	if cfg.URLRevocacion = strings.TrimRight(cfg.URLRevocacion, "/"); cfg.URLRevocacion == "" {
		cfg.URLRevocacion = cfg.URLBase
	}
	a := &Authority{cfg: cfg, db: db, raiz: m.Raiz, emisor: m.Emisor, llave: m.LlaveEmisor, cartas: cfg.Cartas, crlRaiz: m.CRLRaiz}
	if a.cartas == nil {
		c, err := NuevasCartas(cfg.DirCartas)
		if err != nil {
			return nil, err
		}
		a.cartas = c
	}
	a.ocsp = &cacheOCSP{m: map[string]respuestaOCSP{}}
	return a, nil
}

// Raiz returns the root certificate.
func (a *Authority) Raiz() *x509.Certificate { return a.raiz }

// CRLRaiz returns the root's DER CRL, or nil in a data directory made
// before the issuing CA, where the root issues and /crl is its CRL.
func (a *Authority) CRLRaiz() []byte { return a.crlRaiz }

// Cadena returns the chain of issued certificates: issuer, then root.
func (a *Authority) Cadena() []*x509.Certificate {
	if a.emisor.Equal(a.raiz) {
		return []*x509.Certificate{a.raiz}
	}
	return []*x509.Certificate{a.emisor, a.raiz}
}

// URLCRL, URLOCSP and URLEmisor are what issued certificates point at.
func (a *Authority) URLCRL() string    { return a.cfg.URLRevocacion + "/crl" }
func (a *Authority) URLOCSP() string   { return a.cfg.URLRevocacion + "/ocsp" }
func (a *Authority) URLEmisor() string { return a.cfg.URLRevocacion + "/ca/emisor.cer" }

func (a *Authority) now() time.Time { return a.cfg.Ahora() }

func (a *Authority) evento(o Origen, que, objeto, detalle string) store.Evento {
	return store.Evento{Cuando: a.now(), Quien: o.Quien, Que: que, Objeto: objeto, Desde: o.Desde, Detalle: detalle}
}

// Operations that take idempotency keys.
const (
	opSolicitud  = "solicitud"
	opAprobar    = "aprobar"
	opRechazar   = "rechazar"
	opRenovacion = "renovacion"
	opAdicional  = "adicional"
	opRevocar    = "revocar"
)

// repetidaTras is repetida after this call's change failed: the same
// call (same key and body), retried while this one was in flight — on
// another instance, say — may have committed first, and then its result
// is this call's too. "" when there is none.
func (a *Authority) repetidaTras(ctx context.Context, o Origen, op string) string {
	ref, err := a.repetida(ctx, o, op)
	if err != nil {
		return ""
	}
	return ref
}

// repetida returns the object a previous call with the same idempotency
// key created, or "" when this call is new. The same key with another
// operation or body is refused.
func (a *Authority) repetida(ctx context.Context, o Origen, op string) (string, error) {
	if o.Clave == "" {
		return "", nil
	}
	i, err := a.db.Idempotencia(ctx, o.Clave)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if i.Operacion != op || !bytes.Equal(i.Huella, o.Huella) {
		return "", msg.New(msg.CodeIdempotencia)
	}
	return i.Ref, nil
}

// recordar stores the idempotency key inside the change's transaction.
func (a *Authority) recordar(ctx context.Context, tx store.Tx, o Origen, op, ref string) error {
	if o.Clave == "" {
		return nil
	}
	return tx.PutIdempotencia(ctx, &store.Idempotencia{Clave: o.Clave, Operacion: op, Huella: o.Huella, Ref: ref, Creada: a.now()})
}

// sujeto is who a certificate is issued to.
type sujeto struct {
	Nombre, RazonSocial, RFCEmpresa, RFC, CURP, Correo string
	// Nombres and Apellidos are the person's name in parts: the subject's
	// givenName and surname, the "personal name" an S/MIME certificate
	// identifying a person carries.
	Nombres, Apellidos string
}

// name lays the subject out as SAT does for legal persons: the company's
// and the holder's RFC in x500UniqueIdentifier ("EMPRESA / PERSONA"), the
// CURP in serialNumber, the person in CN and the company in O.
func (s sujeto) name() pkix.Name {
	rfc := s.RFC
	if s.RFCEmpresa != "" && s.RFCEmpresa != s.RFC {
		rfc = s.RFCEmpresa + " / " + s.RFC
	}
	n := pkix.Name{Country: []string{"MX"}, CommonName: s.Nombre, SerialNumber: s.CURP}
	if s.RazonSocial != "" {
		n.Organization = []string{s.RazonSocial}
	}
	n.ExtraNames = []pkix.AttributeTypeAndValue{
		{Type: secrypto.OIDUniqueIdentifier, Value: rfc},
		{Type: secrypto.OIDEmailAddress, Value: secrypto.IA5(s.Correo)},
	}
	if s.Nombres != "" && s.Apellidos != "" {
		n.ExtraNames = append(n.ExtraNames,
			pkix.AttributeTypeAndValue{Type: oidGivenName, Value: s.Nombres},
			pkix.AttributeTypeAndValue{Type: oidSurname, Value: s.Apellidos})
	}
	return n
}

// emitir signs an employer certificate for pub. It takes about one RSA
// private operation and runs outside any transaction.
func (a *Authority) emitir(s sujeto, pub *rsa.PublicKey, noDespues time.Time) (*x509.Certificate, error) {
	now := a.now()
	tmpl := &x509.Certificate{
		Subject:   s.name(),
		NotBefore: now.Add(-time.Minute), // tolerate client clock skew
		NotAfter:  noDespues,
		// No extended key usage: the certificate signs letters (PAdES) and
		// proofs of possession, which relying parties check through the
		// key usage. emailProtection would make it an S/MIME certificate
		// under the CA/B Forum S/MIME rules (zlint e_exactly_one_smime_policy)
		// and a partial list would make NSS (pdfsig) refuse it for document
		// signatures.
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageEmailProtection},
		Policies:              []x509.OID{oidSMIMESponsorMultiproposito},
		BasicConstraintsValid: true,
		EmailAddresses:        []string{s.Correo},
		CRLDistributionPoints: []string{a.URLCRL()},
		OCSPServer:            []string{a.URLOCSP()},
		IssuingCertificateURL: []string{a.URLEmisor()},
		SubjectKeyId:          keyID(pub),
	}
	der, err := firmar(tmpl, a.emisor, pub, a.llave)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

// oidSMIMESponsorMultiproposito is the CA/B Forum S/MIME policy of a
// sponsor-validated multipurpose certificate: a person (CN, givenName,
// surname, CURP) on behalf of an organization (O, the company's RFC).
var oidSMIMESponsorMultiproposito, _ = x509.ParseOID("2.23.140.1.5.3.2")

var (
	oidGivenName = asn1.ObjectIdentifier{2, 5, 4, 42}
	oidSurname   = asn1.ObjectIdentifier{2, 5, 4, 4}
)

// keyID is the RFC 5280 method 1 key identifier (SHA-256, truncated).
func keyID(pub crypto.PublicKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	var spki struct {
		Alg asn1.RawValue
		Key asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &spki); err != nil {
		return nil
	}
	h := sha256.Sum256(spki.Key.Bytes)
	return h[:20]
}

// leerCSR parses and checks a PKCS#10 request: valid signature (the
// requester holds the key) and an RSA key of at least 2048 bits.
func leerCSR(der []byte) (*x509.CertificateRequest, *rsa.PublicKey, error) {
	csr, err := secrypto.ParseRequest(der)
	if err != nil {
		return nil, nil, msg.Wrap(err, msg.CodeRequerimientoInvalido)
	}
	pub, ok := csr.PublicKey.(*rsa.PublicKey)
	if !ok || pub.N.BitLen() < 2048 || pub.N.BitLen() > 8192 {
		return nil, nil, msg.New(msg.CodeLlaveDebil)
	}
	return csr, pub, nil
}

// spki returns the DER SubjectPublicKeyInfo of pub.
func spki(pub *rsa.PublicKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	return der
}

func serialHex(n *big.Int) string { return strings.ToLower(n.Text(16)) }

// nuevoID returns 16 random bytes in lowercase hex: folios and renewal ids.
func nuevoID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// nuevoNPIE returns an NPIE: 11 random digits and a Luhn check digit, so a
// mistyped NPIE is caught before it reaches the store.
func nuevoNPIE() string {
	b := make([]byte, 11)
	rand.Read(b)
	d := make([]byte, 12)
	for i := range b {
		d[i] = '0' + b[i]%10 // the 6/256 bias of %10 is irrelevant for an identifier
	}
	d[11] = '0' + luhn(d[:11])
	return string(d)
}

func luhn(digits []byte) byte {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		v := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return byte((10 - sum%10) % 10)
}

// NPIEValido reports whether s has the NPIE layout and check digit.
func NPIEValido(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < 12; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return luhn([]byte(s[:11]))+'0' == s[11]
}

// interno wraps an unexpected error so users see the generic message.
func interno(err error, ctxt string) error {
	if err == nil {
		return nil
	}
	var me *msg.Error
	if errors.As(err, &me) {
		return err
	}
	return msg.Wrap(fmt.Errorf("ca: %s: %w", ctxt, err), msg.CodeInterno)
}
