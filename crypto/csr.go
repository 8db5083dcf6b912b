package crypto

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// Subject attributes SAT and IMSS use beyond the common ones.
var (
	OIDUniqueIdentifier = asn1.ObjectIdentifier{2, 5, 4, 45} // x500UniqueIdentifier: the RFC
	OIDSerialNumber     = asn1.ObjectIdentifier{2, 5, 4, 5}  // serialNumber: the CURP
	OIDName             = asn1.ObjectIdentifier{2, 5, 4, 41}
	OIDEmailAddress     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}
)

// ErrNotARequest is returned for bytes that are not a valid PKCS#10 request.
var ErrNotARequest = errors.New("crypto: not a certificate request or damaged file")

// RequestSubject is who a certificate request is for.
type RequestSubject struct {
	RFC         string // the holder's RFC, x500UniqueIdentifier
	CURP        string // serialNumber
	Nombre      string // the person's full name: CN
	RazonSocial string // the employer: O
	Correo      string // email: subject emailAddress and SAN
}

// IA5 is s as an ASN.1 IA5String, the type RFC 5280 (and SAT's
// certificates) give emailAddress; encoding/asn1 would write a
// UTF8String for a string with "@". Values outside ASCII stay UTF-8 bytes:
// an address the CA accepted is ASCII.
func IA5(s string) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagIA5String, Bytes: []byte(s)}
}

// Name returns the X.509 subject of s in SAT's layout.
func (s RequestSubject) Name() pkix.Name {
	n := pkix.Name{CommonName: s.Nombre, Country: []string{"MX"}, SerialNumber: s.CURP}
	if s.RazonSocial != "" {
		n.Organization = []string{s.RazonSocial}
	}
	n.ExtraNames = append(n.ExtraNames, pkix.AttributeTypeAndValue{Type: OIDUniqueIdentifier, Value: s.RFC})
	if s.Correo != "" {
		n.ExtraNames = append(n.ExtraNames, pkix.AttributeTypeAndValue{Type: OIDEmailAddress, Value: IA5(s.Correo)})
	}
	return n
}

// CreateRequest returns a DER PKCS#10 request for key, signed with
// SHA-256/RSA, carrying s. It refuses a subject without RFC or name.
func CreateRequest(key *rsa.PrivateKey, s RequestSubject) ([]byte, error) {
	if s.RFC == "" || s.Nombre == "" {
		return nil, errors.New("crypto: a request needs the RFC and the name")
	}
	tmpl := &x509.CertificateRequest{
		Subject:            s.Name(),
		SignatureAlgorithm: x509.SHA256WithRSA,
	}
	if s.Correo != "" {
		tmpl.EmailAddresses = []string{s.Correo}
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, tmpl, key)
	if err != nil {
		return nil, fmt.Errorf("crypto: create request: %w", err)
	}
	return der, nil
}

// ParseRequest reads a DER or PEM PKCS#10 request and checks its
// signature. It refuses non-RSA keys and keys under 2048 bits.
func ParseRequest(data []byte) (*x509.CertificateRequest, error) {
	der := data
	if b, _ := pem.Decode(data); b != nil {
		if b.Type != "CERTIFICATE REQUEST" && b.Type != "NEW CERTIFICATE REQUEST" {
			return nil, ErrNotARequest
		}
		der = b.Bytes
	}
	csr, err := x509.ParseCertificateRequest(der)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotARequest, err)
	}
	if err := csr.CheckSignature(); err != nil {
		return nil, fmt.Errorf("%w: bad signature", ErrNotARequest)
	}
	pub, ok := csr.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, ErrNotRSA
	}
	if pub.N.BitLen() < 2048 {
		return nil, fmt.Errorf("%w (%d bits)", ErrKeySize, pub.N.BitLen())
	}
	return csr, nil
}

// SubjectRFC returns the RFC in name's x500UniqueIdentifier. SAT writes
// "EMPLOYER_RFC / HOLDER_RFC" there; the first one is the certificate's.
func SubjectRFC(name pkix.Name) string {
	return firstPart(attr(name, OIDUniqueIdentifier))
}

// SubjectCURP returns the CURP in name's serialNumber, ignoring SAT's
// " / " layout when the employer has none.
func SubjectCURP(name pkix.Name) string {
	s := name.SerialNumber
	if s == "" {
		s = attr(name, OIDSerialNumber)
	}
	if i := strings.LastIndex(s, "/"); i >= 0 {
		return strings.TrimSpace(s[i+1:])
	}
	return strings.TrimSpace(s)
}

// SubjectEmail returns the emailAddress attribute of name.
func SubjectEmail(name pkix.Name) string { return attr(name, OIDEmailAddress) }

func attr(name pkix.Name, oid asn1.ObjectIdentifier) string {
	for _, a := range name.Names {
		if a.Type.Equal(oid) {
			if s, ok := a.Value.(string); ok {
				return s
			}
		}
	}
	for _, a := range name.ExtraNames {
		if a.Type.Equal(oid) {
			if s, ok := a.Value.(string); ok {
				return s
			}
		}
	}
	return ""
}

func firstPart(s string) string {
	if i := strings.Index(s, "/"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
