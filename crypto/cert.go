package crypto

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNotACertificate is returned for bytes that are not an X.509 certificate.
var ErrNotACertificate = errors.New("crypto: not a certificate or damaged file")

// ParseCertificate reads one DER or PEM X.509 certificate. An expired
// certificate is returned like any other: callers report its state.
func ParseCertificate(data []byte) (*x509.Certificate, error) {
	der := data
	if b, _ := pem.Decode(data); b != nil {
		if b.Type != "CERTIFICATE" {
			return nil, ErrNotACertificate
		}
		der = b.Bytes
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotACertificate, err)
	}
	return c, nil
}

// ParseCertificates reads every certificate in PEM data (a roots or chain
// file) or a single DER certificate.
func ParseCertificates(data []byte) ([]*x509.Certificate, error) {
	if !bytes.Contains(data, []byte("-----BEGIN")) {
		c, err := ParseCertificate(data)
		if err != nil {
			return nil, err
		}
		return []*x509.Certificate{c}, nil
	}
	var out []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotACertificate, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, ErrNotACertificate
	}
	return out, nil
}

// Certificate states as shown to users.
const (
	StateValid       = "vigente"
	StateExpired     = "vencido"
	StateNotYetValid = "aun_no_vigente"
)

// CertInfo is what a user is shown about a certificate.
type CertInfo struct {
	Subject     string    `json:"sujeto"`
	Nombre      string    `json:"nombre"`
	RazonSocial string    `json:"razon_social,omitempty"`
	RFC         string    `json:"rfc,omitempty"`
	CURP        string    `json:"curp,omitempty"`
	Correo      string    `json:"correo,omitempty"`
	Issuer      string    `json:"emisor"`
	Serial      string    `json:"serie"`
	NotBefore   time.Time `json:"valido_desde"`
	NotAfter    time.Time `json:"valido_hasta"`
	State       string    `json:"estado"`
	DaysLeft    int       `json:"dias_restantes"`
	SHA256      string    `json:"sha256"`
	KeyBits     int       `json:"bits_llave,omitempty"`
	SelfIssued  bool      `json:"autoemitido"`
	IsCA        bool      `json:"es_ca"`
}

// Describe returns c's details and its state at now (vigente, vencido,
// aun_no_vigente); revocation is the CA's to tell.
func Describe(c *x509.Certificate, now time.Time) CertInfo {
	sum := sha256.Sum256(c.Raw)
	info := CertInfo{
		Subject:    c.Subject.String(),
		Nombre:     c.Subject.CommonName,
		RFC:        SubjectRFC(c.Subject),
		CURP:       SubjectCURP(c.Subject),
		Correo:     SubjectEmail(c.Subject),
		Issuer:     c.Issuer.String(),
		Serial:     SerialHex(c),
		NotBefore:  c.NotBefore.UTC(),
		NotAfter:   c.NotAfter.UTC(),
		SHA256:     hex.EncodeToString(sum[:]),
		SelfIssued: bytes.Equal(c.RawIssuer, c.RawSubject),
		IsCA:       c.IsCA,
	}
	if len(c.Subject.Organization) > 0 {
		info.RazonSocial = c.Subject.Organization[0]
	}
	if info.Correo == "" && len(c.EmailAddresses) > 0 {
		info.Correo = c.EmailAddresses[0]
	}
	if k, ok := publicKeyBits(c.PublicKey); ok {
		info.KeyBits = k
	}
	switch {
	case now.Before(c.NotBefore):
		info.State = StateNotYetValid
	case now.After(c.NotAfter):
		info.State = StateExpired
	default:
		info.State = StateValid
	}
	info.DaysLeft = int(c.NotAfter.Sub(now).Hours() / 24)
	return info
}

// SerialHex returns c's serial number as lowercase hex, the form the CA
// and the letters use.
func SerialHex(c *x509.Certificate) string {
	return strings.ToLower(c.SerialNumber.Text(16))
}
