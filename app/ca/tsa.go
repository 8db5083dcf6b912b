package ca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"

	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// Files of the time-stamp authority in a data directory, next to the CA's.
const (
	ArchivoTSA      = "tsa.pem"
	ArchivoLlaveTSA = "tsa.key"
)

// PoliticaTSA is the policy refca's time-stamp tokens name: refca's own
// identifier under 2.25, the arc of OIDs made from random bits that need
// no registration. The arc is 31 random bits, not a whole UUID, because
// Go's encoding/asn1 (so pdfcpu and other Go verifiers) refuses arcs of
// 2^31 and above. A production TSA names its organisation's registered
// policy instead.
var PoliticaTSA = asn1.ObjectIdentifier{2, 25, 2128183762}

// PrecisionTSA is the accuracy every token states: the clock is the
// server's, and GeneralizedTime is written in whole seconds.
const PrecisionTSA = time.Second

// vigenciaTSA is how long a TSA certificate lasts; CargarTSA issues a new
// one when less than margenTSA is left, so tokens never come from a
// certificate about to expire.
const (
	vigenciaTSA = 5 * 365 * 24 * time.Hour
	margenTSA   = 30 * 24 * time.Hour
)

var (
	oidEKU           = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidTimeStamping  = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 8}
	oidTSTInfo       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
	oidSigningCertV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
)

// TSA is refca's RFC 3161 time-stamp authority: a key of its own (ECDSA
// P-256) with a certificate the CA issues, whose only usage is
// time-stamping (EKU id-kp-timeStamping, critical, as RFC 3161 2.3 asks).
type TSA struct {
	cert *x509.Certificate
	key  crypto.Signer
	// padres are the issuing CA's certificate, which tokens carry with
	// the TSA's so that a relying party pinning the root can build the
	// chain; empty where the root itself issued the TSA's certificate.
	padres []*x509.Certificate
	ahora  func() time.Time
}

// CargarTSA returns the time-stamp authority of the data directory dir,
// first issuing its certificate with m's issuing key when the directory
// has none (a data directory made before refca stamped time) or when the
// one it has is about to expire. The key is stored like the CA's, readable
// by the owner only. ahora may be nil (time.Now).
func CargarTSA(dir string, m *Material, ahora func() time.Time) (*TSA, error) {
	if ahora == nil {
		ahora = time.Now
	}
	t := &TSA{ahora: ahora}
	if !m.Emisor.Equal(m.Raiz) {
		t.padres = []*x509.Certificate{m.Emisor}
	}
	certPEM, errC := os.ReadFile(filepath.Join(dir, ArchivoTSA))
	keyPEM, errK := os.ReadFile(filepath.Join(dir, ArchivoLlaveTSA))
	if errC == nil && errK == nil {
		if err := t.cargar(certPEM, keyPEM, m); err != nil {
			return nil, err
		}
		if ahora().Add(margenTSA).Before(t.cert.NotAfter) {
			return t, nil
		}
	} else if !errors.Is(errC, os.ErrNotExist) && errC != nil {
		return nil, fmt.Errorf("ca: %w", errC)
	} else if !errors.Is(errK, os.ErrNotExist) && errK != nil {
		return nil, fmt.Errorf("ca: %w", errK)
	}
	if err := t.emitir(dir, m); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *TSA) cargar(certPEM, keyPEM []byte, m *Material) error {
	c, err := secrypto.ParseCertificate(certPEM)
	if err != nil {
		return fmt.Errorf("ca: %s: %w", ArchivoTSA, err)
	}
	if err := c.CheckSignatureFrom(m.Emisor); err != nil {
		return fmt.Errorf("ca: %s was not issued by this CA: %w", ArchivoTSA, err)
	}
	k, err := parsePEMKey(keyPEM)
	if err != nil {
		return fmt.Errorf("ca: %s: %w", ArchivoLlaveTSA, err)
	}
	s, ok := k.(crypto.Signer)
	pub, _ := c.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || pub == nil || !pub.Equal(s.Public()) {
		return fmt.Errorf("ca: %s is not the key of %s", ArchivoLlaveTSA, ArchivoTSA)
	}
	t.cert, t.key = c, s
	return nil
}

func (t *TSA) emitir(dir string, m *Material) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return fmt.Errorf("ca: TSA key: %w", err)
	}
	eku, _ := asn1.Marshal([]asn1.ObjectIdentifier{oidTimeStamping})
	now := t.ahora()
	notAfter := now.Add(vigenciaTSA)
	if notAfter.After(m.Emisor.NotAfter) {
		notAfter = m.Emisor.NotAfter
	}
	tmpl := &x509.Certificate{
		Subject:      pkix.Name{Country: []string{"MX"}, Organization: []string{"SeguriTools refca"}, CommonName: "refca Sellos de Tiempo"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		SubjectKeyId: keyID(key.Public()),
		// Go writes ExtKeyUsage non-critical; RFC 3161 wants it critical.
		ExtraExtensions: []pkix.Extension{{Id: oidEKU, Critical: true, Value: eku}},
	}
	der, err := firmar(tmpl, m.Emisor, key.Public(), m.LlaveEmisor)
	if err != nil {
		return err
	}
	if t.cert, err = x509.ParseCertificate(der); err != nil {
		return fmt.Errorf("ca: TSA certificate: %w", err)
	}
	t.key = key
	// The key first: a certificate without its key would stop serve.
	if err := fsutil.WriteFile(filepath.Join(dir, ArchivoLlaveTSA), pemKey(key), 0o600, true); err != nil {
		return fmt.Errorf("ca: write %s: %w", ArchivoLlaveTSA, err)
	}
	if err := fsutil.WriteFile(filepath.Join(dir, ArchivoTSA), pemCert(der), 0o644, true); err != nil {
		return fmt.Errorf("ca: write %s: %w", ArchivoTSA, err)
	}
	return nil
}

// Certificado returns the TSA's certificate.
func (t *TSA) Certificado() *x509.Certificate { return t.cert }

// Sellar answers a DER TimeStampReq with a DER TimeStampResp (RFC 3161):
// a token over the request's message imprint, with refca's policy, the
// request's nonce, an accuracy of PrecisionTSA and the TSA's certificate
// when the request asks for it. It grants only SHA-256, SHA-384 and
// SHA-512 imprints of the right length, no policy or PoliticaTSA, and no
// extensions; anything else gets a rejection response (still a valid
// TimeStampResp, as RFC 3161 wants), never an error. An error means the
// TSA could not sign.
//
// genTime carries milliseconds: the CA revokes a renewed certificate
// within a second of the Carta de Aceptación's stamp, and the verifier
// must tell which came first. So the TSTInfo is built here (the
// library's CreateResponse writes whole seconds only, as encoding/asn1
// does) and signed with the library's CMS (digitorus/pkcs7).
func (t *TSA) Sellar(reqDER []byte) ([]byte, error) {
	req, err := timestamp.ParseRequest(reqDER)
	if err != nil {
		return timestamp.CreateErrorResponse(timestamp.Rejection, timestamp.BadDataFormat)
	}
	var hashOID asn1.ObjectIdentifier
	switch req.HashAlgorithm {
	case crypto.SHA256:
		hashOID = pkcs7.OIDDigestAlgorithmSHA256
	case crypto.SHA384:
		hashOID = pkcs7.OIDDigestAlgorithmSHA384
	case crypto.SHA512:
		hashOID = pkcs7.OIDDigestAlgorithmSHA512
	default:
		return timestamp.CreateErrorResponse(timestamp.Rejection, timestamp.BadAlgorithm)
	}
	if len(req.HashedMessage) != req.HashAlgorithm.Size() {
		return timestamp.CreateErrorResponse(timestamp.Rejection, timestamp.BadDataFormat)
	}
	if len(req.TSAPolicyOID) > 0 && !req.TSAPolicyOID.Equal(PoliticaTSA) {
		return timestamp.CreateErrorResponse(timestamp.Rejection, timestamp.UnacceptedPolicy)
	}
	if len(req.Extensions) > 0 {
		return timestamp.CreateErrorResponse(timestamp.Rejection, timestamp.UnacceptedExtension)
	}
	info, err := t.tstInfo(hashOID, req.HashedMessage, req.Nonce)
	if err != nil {
		return nil, err
	}
	token, err := t.firmarToken(info, req.Certificates)
	if err != nil {
		return nil, err
	}
	resp, err := asn1.Marshal(respuestaTSA{Status: estadoTSA{Status: 0}, Token: asn1.RawValue{FullBytes: token}})
	if err != nil {
		return nil, fmt.Errorf("ca: time-stamp: %w", err)
	}
	return resp, nil
}

type imprintTSA struct {
	HashAlgorithm pkix.AlgorithmIdentifier
	HashedMessage []byte
}

type precisionTSA struct {
	Seconds int `asn1:"optional"`
	Millis  int `asn1:"optional,tag:0"`
}

type tstInfoTSA struct {
	Version        int
	Policy         asn1.ObjectIdentifier
	MessageImprint imprintTSA
	SerialNumber   *big.Int
	GenTime        asn1.RawValue
	Accuracy       precisionTSA
	Nonce          *big.Int      `asn1:"optional"`
	TSA            asn1.RawValue `asn1:"optional,explicit,tag:0"`
}

type estadoTSA struct {
	Status int
}

type respuestaTSA struct {
	Status estadoTSA
	Token  asn1.RawValue
}

func (t *TSA) tstInfo(hashOID asn1.ObjectIdentifier, hashed []byte, nonce *big.Int) ([]byte, error) {
	serial, err := nuevoSerial()
	if err != nil {
		return nil, err
	}
	// DER GeneralizedTime: UTC, fraction without trailing zeros, "Z".
	gen := t.ahora().UTC().Truncate(time.Millisecond).Format("20060102150405.999Z")
	name, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 4, IsCompound: true, Bytes: t.cert.RawSubject})
	if err != nil {
		return nil, fmt.Errorf("ca: time-stamp: %w", err)
	}
	info := tstInfoTSA{
		Version:        1,
		Policy:         PoliticaTSA,
		MessageImprint: imprintTSA{HashAlgorithm: pkix.AlgorithmIdentifier{Algorithm: hashOID, Parameters: asn1.NullRawValue}, HashedMessage: hashed},
		SerialNumber:   serial,
		GenTime:        asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagGeneralizedTime, Bytes: []byte(gen)},
		Accuracy:       precisionTSA{Seconds: int(PrecisionTSA / time.Second), Millis: int(PrecisionTSA % time.Second / time.Millisecond)},
		Nonce:          nonce,
		TSA:            asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: name},
	}
	b, err := asn1.Marshal(info)
	if err != nil {
		return nil, fmt.Errorf("ca: time-stamp: %w", err)
	}
	return b, nil
}

// firmarToken signs a TSTInfo as RFC 3161 and RFC 5816 want: CMS
// SignedData version 3, content type id-ct-TSTInfo, SHA-256, and the ESS
// signing-certificate-v2 attribute naming the TSA's certificate.
func (t *TSA) firmarToken(info []byte, conCertificado bool) ([]byte, error) {
	sd, err := pkcs7.NewSignedData(info)
	if err != nil {
		return nil, fmt.Errorf("ca: time-stamp: %w", err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	sd.SetContentType(oidTSTInfo)
	sd.GetSignedData().Version = 3
	h := sha256.Sum256(t.cert.Raw)
	// ESSCertIDv2 with SHA-256, the default, so without hashAlgorithm.
	essCert, err := asn1.Marshal(certificadoFirmanteV2{Certs: []idCertificadoV2{{CertHash: h[:],
		IssuerSerial: emisorSerie{Issuer: asn1.RawValue{FullBytes: nombresGenerales(t.cert.RawIssuer)}, Serial: t.cert.SerialNumber}}}})
	if err != nil {
		return nil, fmt.Errorf("ca: time-stamp: %w", err)
	}
	cfg := pkcs7.SignerInfoConfig{
		ExtraSignedAttributes: []pkcs7.Attribute{{Type: oidSigningCertV2, Value: asn1.RawValue{FullBytes: essCert}}},
		SkipCertificates:      !conCertificado,
	}
	if err := sd.AddSignerChain(t.cert, t.key, t.padres, cfg); err != nil {
		return nil, fmt.Errorf("ca: time-stamp: %w", err)
	}
	token, err := sd.Finish()
	if err != nil {
		return nil, fmt.Errorf("ca: time-stamp: %w", err)
	}
	return token, nil
}

// SigningCertificateV2 (RFC 5035) with one ESSCertIDv2.
type certificadoFirmanteV2 struct{ Certs []idCertificadoV2 }

type idCertificadoV2 struct {
	CertHash     []byte
	IssuerSerial emisorSerie
}

type emisorSerie struct {
	Issuer asn1.RawValue // GeneralNames
	Serial *big.Int
}

// nombresGenerales is GeneralNames holding one directoryName: SEQUENCE {
// [4] Name }.
func nombresGenerales(rawName []byte) []byte {
	dn, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 4, IsCompound: true, Bytes: rawName})
	seq, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: dn})
	return seq
}
