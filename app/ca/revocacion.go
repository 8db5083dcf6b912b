package ca

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ocsp"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/store"
)

// CRL reasons used here (RFC 5280 §5.3.1).
const (
	MotivoNoEspecificado    = ocsp.Unspecified
	MotivoLlaveComprometida = ocsp.KeyCompromise
	MotivoReemplazado       = ocsp.Superseded
	MotivoCese              = ocsp.CessationOfOperation
)

// Causas of a revocation, as status reports them: what the holder should
// do next depends on them (a superseded certificate has a successor to
// use; a compromised one needs a new request; an additional revoked with
// its main certificate needs a new additional).
const (
	CausaReemplazado       = "reemplazado"        // superseded by a renewal
	CausaLlaveComprometida = "llave_comprometida" // key lost, stolen or exposed
	CausaCese              = "cese"               // revoked with its main certificate, or cessation
	CausaNoEspecificada    = "no_especificada"
)

// CausaRevocacion names why c was revoked ("" while it is not).
func (a *Authority) CausaRevocacion(c *store.Certificado) string {
	if c.Revocado.IsZero() {
		return ""
	}
	switch c.MotivoRevocacion {
	case MotivoReemplazado:
		return CausaReemplazado
	case MotivoLlaveComprometida:
		return CausaLlaveComprometida
	case MotivoCese:
		return CausaCese
	}
	return CausaNoEspecificada
}

// Reemplazo returns the serial of the certificate that replaced c in a
// renewal, or "" when c was not superseded by one.
func (a *Authority) Reemplazo(ctx context.Context, c *store.Certificado) (string, error) {
	if c.Revocado.IsZero() || c.MotivoRevocacion != MotivoReemplazado || c.Tipo != store.TipoPrincipal {
		return "", nil
	}
	s, err := a.db.Reemplazo(ctx, c.Serial)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	return s, interno(err, "read replacement")
}

// Revocar revokes a certificate — online by its holder (authenticated with
// the certificate itself) or by a clerk — together with its additionals
// and any unfinished renewal. Revoking a main certificate frees its
// registro patronal and usuario for a new request (IMSS: a forgotten
// password means revoke and request again). Revoking twice is harmless.
// detalle (for a clerk: the reason and the ID the holder showed) goes into
// the audit record.
func (a *Authority) Revocar(ctx context.Context, serial string, motivo int, detalle string, o Origen) (*store.Certificado, error) {
	c, err := a.certificado(ctx, serial)
	if err != nil {
		return nil, err
	}
	if !c.Revocado.IsZero() {
		return c, nil
	}
	err = a.db.Update(ctx, a.evento(o, "certificado.revocar", c.Serial, detalle), func(tx store.Tx) error {
		cur, err := tx.Certificado(ctx, c.Serial)
		if err != nil {
			return err
		}
		if !cur.Revocado.IsZero() {
			c = cur
			return nil
		}
		if err := a.revocarEnTx(ctx, tx, cur, motivo, o); err != nil {
			return err
		}
		if cur.Tipo == store.TipoPrincipal {
			s, err := tx.SolicitudPorNPIE(ctx, cur.NPIE)
			if err == nil && s.Serial == cur.Serial && s.Activa {
				s.Activa = false
				if err := tx.PutSolicitud(ctx, s); err != nil {
					return err
				}
			} else if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		c = cur
		return nil
	})
	if err != nil {
		return nil, interno(err, "revoke")
	}
	return c, nil
}

// revocarEnTx revokes c, its additionals and its unfinished renewals in
// the transaction tx.
func (a *Authority) revocarEnTx(ctx context.Context, tx store.Tx, c *store.Certificado, motivo int, o Origen) error {
	now := a.now()
	c.Revocado, c.MotivoRevocacion = now, motivo
	if err := tx.PutCertificado(ctx, c); err != nil {
		return err
	}
	if c.Tipo != store.TipoPrincipal {
		return nil
	}
	ads, err := tx.Adicionales(ctx, c.Serial)
	if err != nil {
		return err
	}
	for i := range ads {
		ad := &ads[i]
		if !ad.Revocado.IsZero() {
			continue
		}
		ad.Revocado, ad.MotivoRevocacion = now, MotivoCese
		if err := tx.PutCertificado(ctx, ad); err != nil {
			return err
		}
		if err := tx.Auditar(ctx, a.evento(o, "certificado.revocar", ad.Serial, "con el principal "+c.Serial)); err != nil {
			return err
		}
	}
	abiertas, err := tx.RenovacionesAbiertas(ctx, c.Serial)
	if err != nil {
		return err
	}
	for i := range abiertas {
		r := &abiertas[i]
		r.Estado, r.Actualizada = RenovacionCancelada, now
		if err := tx.PutRenovacion(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// Certificado returns an issued certificate by serial (recovery).
func (a *Authority) Certificado(ctx context.Context, serial string) (*store.Certificado, error) {
	return a.certificado(ctx, serial)
}

// SerialDeNPIE returns the current main certificate of an NPIE: the
// recovery lookup.
func (a *Authority) SerialDeNPIE(ctx context.Context, npie string) (*store.Certificado, error) {
	s, err := a.db.SolicitudPorNPIE(ctx, strings.TrimSpace(npie))
	if errors.Is(err, store.ErrNotFound) || (err == nil && s.Serial == "") {
		return nil, msg.New(msg.CodeNPIENoEncontrado, npie)
	}
	if err != nil {
		return nil, interno(err, "read request")
	}
	return a.certificado(ctx, s.Serial)
}

// EstadoActual is c's status now, by the authority's clock.
func (a *Authority) EstadoActual(c *store.Certificado) string { return EstadoCertificado(c, a.now()) }

// crlVida is how long a CRL is valid; the cached one is rebuilt when the
// number of revoked certificates in the store changes (a revocation by
// any instance: none is ever undone) and at least every hour.
const crlVida = 24 * time.Hour

// CRL returns the current DER CRL of the issuing CA. A request costs a
// count in the store; the list is read only when the CRL is signed.
func (a *Authority) CRL(ctx context.Context) ([]byte, error) {
	n, err := a.db.CuantosRevocados(ctx)
	if err != nil {
		return nil, interno(err, "count revoked")
	}
	a.crlMu.Lock()
	defer a.crlMu.Unlock()
	now := a.now()
	if a.crl != nil && a.crlRevocados == n && now.Sub(a.crlAt) < time.Hour && !now.Before(a.crlAt) {
		return a.crl, nil
	}
	revs, err := a.db.Revocados(ctx)
	if err != nil {
		return nil, interno(err, "list revoked")
	}
	entries := make([]x509.RevocationListEntry, 0, len(revs))
	for _, r := range revs {
		n, ok := new(big.Int).SetString(r.Serial, 16)
		if !ok {
			continue
		}
		entries = append(entries, x509.RevocationListEntry{SerialNumber: n, RevocationTime: r.Revocado, ReasonCode: r.MotivoRevocacion})
	}
	// The CRL number must grow, across restarts and instances: the store
	// hands it out, at least the time in nanoseconds so that it stays
	// above the numbers of CRLs signed before the store kept one.
	num, err := a.db.NumeroCRL(ctx, now.UnixNano())
	if err != nil {
		return nil, interno(err, "CRL number")
	}
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number:                    big.NewInt(num),
		ThisUpdate:                now.Add(-time.Minute),
		NextUpdate:                now.Add(crlVida),
		RevokedCertificateEntries: entries,
	}, a.emisor, a.llave)
	if err != nil {
		return nil, interno(err, "sign CRL")
	}
	// The count of the list signed, not the one asked before: a
	// revocation in between is in this CRL already.
	a.crl, a.crlRevocados, a.crlAt = der, len(revs), now
	return der, nil
}

// OCSP answers a DER OCSP request for certificates of the issuing CA,
// signed by the issuing CA itself (RFC 6960 4.2.2.2: no delegated
// responder, whose key would be one more online key to guard; relying
// parties know the issuer from the chain). Responses are
// made once per certificate and state and served from a cache until half
// their life has passed, so a request costs a store read, not an RSA
// signature. A malformed request gets the unsigned malformedRequest
// answer; a certificate of another issuer or an unknown serial the
// unsigned unauthorized one (RFC 5019), which costs no signature either.
func (a *Authority) OCSP(ctx context.Context, reqDER []byte) ([]byte, error) {
	req, err := ocsp.ParseRequest(reqDER)
	if err != nil {
		return ocsp.MalformedRequestErrorResponse, nil
	}
	if !a.esEmisor(req) {
		return ocsp.UnauthorizedErrorResponse, nil
	}
	serial := serialHex(req.SerialNumber)
	c, err := a.db.Certificado(ctx, serial)
	if errors.Is(err, store.ErrNotFound) {
		return ocsp.UnauthorizedErrorResponse, nil
	}
	if err != nil {
		return nil, interno(err, "read certificate")
	}
	now := a.now()
	if resp, ok := a.ocsp.get(serial, c.Revocado, now); ok {
		return resp, nil
	}
	tmpl := ocsp.Response{SerialNumber: req.SerialNumber, ThisUpdate: now.Add(-time.Minute),
		NextUpdate: now.Add(ocspVida), Status: ocsp.Good}
	if !c.Revocado.IsZero() {
		tmpl.Status, tmpl.RevokedAt, tmpl.RevocationReason = ocsp.Revoked, c.Revocado, c.MotivoRevocacion
	}
	resp, err := ocsp.CreateResponse(a.emisor, a.emisor, tmpl, a.llave)
	if err != nil {
		return nil, interno(err, "sign OCSP")
	}
	a.ocsp.put(serial, respuestaOCSP{der: resp, revocado: c.Revocado, hecha: now})
	return resp, nil
}

// ocspVida is how long an OCSP response is valid; the cached one is
// replaced after half of it, or at once when the certificate's state
// changes.
const ocspVida = time.Hour

// maxCacheOCSP bounds the cached responses (one per certificate asked
// about); past it the cache starts empty again.
const maxCacheOCSP = 100_000

type respuestaOCSP struct {
	der      []byte
	revocado time.Time // the state it answers
	hecha    time.Time
}

type cacheOCSP struct {
	mu sync.Mutex
	m  map[string]respuestaOCSP
}

func (c *cacheOCSP) get(serial string, revocado, now time.Time) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[serial]
	if !ok || !r.revocado.Equal(revocado) || now.Sub(r.hecha) > ocspVida/2 || now.Before(r.hecha) {
		return nil, false
	}
	return r.der, true
}

func (c *cacheOCSP) put(serial string, r respuestaOCSP) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCacheOCSP {
		clear(c.m)
	}
	c.m[serial] = r
}

func (a *Authority) esEmisor(req *ocsp.Request) bool {
	h := req.HashAlgorithm.New()
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	if _, err := asn1.Unmarshal(a.emisor.RawSubjectPublicKeyInfo, &spki); err != nil {
		return false
	}
	h.Write(spki.PublicKey.Bytes)
	keyHash := h.Sum(nil)
	h.Reset()
	h.Write(a.emisor.RawSubject)
	nameHash := h.Sum(nil)
	return string(keyHash) == string(req.IssuerKeyHash) && string(nameHash) == string(req.IssuerNameHash)
}

func parseStored(c *store.Certificado) (*x509.Certificate, error) {
	return x509.ParseCertificate(c.DER)
}
