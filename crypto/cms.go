package crypto

import (
	"bytes"
	stdcrypto "crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	_ "crypto/sha1" // SHA-1 signatures from older signers are still read
	_ "crypto/sha512"
)

// CMS SignedData (RFC 5652) for PAdES signatures, built by hand with
// encoding/asn1. No Go library builds what PAdES baseline needs:
// smallstep/pkcs7 (and its forks) always add the signingTime attribute,
// which PAdES baseline forbids (the time belongs in the signature
// dictionary's /M), and none adds ESS signing-certificate-v2.

// Sentinel errors of the CMS codec.
var (
	ErrNotCMS            = errors.New("crypto: not a CMS SignedData or damaged signature")
	ErrCMSUnsupported    = errors.New("crypto: unsupported signature algorithm")
	ErrDigestMismatch    = errors.New("crypto: signed content was modified (digest mismatch)")
	ErrSignatureInvalid  = errors.New("crypto: signature value does not verify")
	ErrSignerNotIncluded = errors.New("crypto: signer's certificate not in the signature")
)

var (
	cmsOIDData               = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	cmsOIDSignedData         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	cmsOIDAttrContentType    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	cmsOIDAttrMessageDigest  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	cmsOIDAttrSigningTime    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	cmsOIDAttrSigningCert    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 12}
	cmsOIDAttrSigningCertV2  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	cmsOIDRSAEncryption      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	cmsOIDRSAPSS             = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	cmsOIDMGF1               = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 8}
	cmsOIDECPublicKey        = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	cmsOIDSHA256             = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	cmsHashByOID             = map[string]stdcrypto.Hash{}
	cmsRSAPKCS1HashByOID     = map[string]stdcrypto.Hash{}
	cmsECDSAHashByOID        = map[string]stdcrypto.Hash{}
	cmsMaxCertificates       = 64
	cmsMaxSignedAttributes   = 64
	cmsMaxBERDepth           = 32
	cmsASN1NullParam         = asn1.RawValue{Tag: asn1.TagNull}
	cmsSHA256AlgorithmNoParm = pkix.AlgorithmIdentifier{Algorithm: cmsOIDSHA256}
)

func init() {
	for oid, h := range map[string]stdcrypto.Hash{
		"1.3.14.3.2.26":          stdcrypto.SHA1,
		"2.16.840.1.101.3.4.2.4": stdcrypto.SHA224,
		"2.16.840.1.101.3.4.2.1": stdcrypto.SHA256,
		"2.16.840.1.101.3.4.2.2": stdcrypto.SHA384,
		"2.16.840.1.101.3.4.2.3": stdcrypto.SHA512,
	} {
		cmsHashByOID[oid] = h
	}
	for oid, h := range map[string]stdcrypto.Hash{
		"1.2.840.113549.1.1.5":  stdcrypto.SHA1,
		"1.2.840.113549.1.1.14": stdcrypto.SHA224,
		"1.2.840.113549.1.1.11": stdcrypto.SHA256,
		"1.2.840.113549.1.1.12": stdcrypto.SHA384,
		"1.2.840.113549.1.1.13": stdcrypto.SHA512,
	} {
		cmsRSAPKCS1HashByOID[oid] = h
		// Some signers put the signature OID where the digest OID belongs.
		cmsHashByOID[oid] = h
	}
	for oid, h := range map[string]stdcrypto.Hash{
		"1.2.840.10045.4.1":   stdcrypto.SHA1,
		"1.2.840.10045.4.3.1": stdcrypto.SHA224,
		"1.2.840.10045.4.3.2": stdcrypto.SHA256,
		"1.2.840.10045.4.3.3": stdcrypto.SHA384,
		"1.2.840.10045.4.3.4": stdcrypto.SHA512,
	} {
		cmsECDSAHashByOID[oid] = h
	}
}

// ---- DER building ----

// cmsTLV encodes one DER element; tag is the whole identifier octet.
func cmsTLV(tag byte, content ...[]byte) []byte {
	n := 0
	for _, c := range content {
		n += len(c)
	}
	out := make([]byte, 0, n+6)
	out = append(out, tag)
	switch {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	case n < 0x10000:
		out = append(out, 0x82, byte(n>>8), byte(n))
	case n < 0x1000000:
		out = append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	default:
		out = append(out, 0x84, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	for _, c := range content {
		out = append(out, c...)
	}
	return out
}

func cmsMustMarshal(v any) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic("crypto: cms: " + err.Error()) // only fixed, valid values are marshalled here
	}
	return b
}

func cmsAttribute(oid asn1.ObjectIdentifier, value []byte) []byte {
	return cmsTLV(0x30, cmsMustMarshal(oid), cmsTLV(0x31, value))
}

// cmsSignedAttributes returns the DER SET OF the attributes PAdES baseline
// B-B wants, sorted as DER requires. The signature covers exactly these
// bytes (tag 0x31); in the SignerInfo they appear retagged as [0].
func cmsSignedAttributes(digest []byte, cert *x509.Certificate) []byte {
	certHash := sha256.Sum256(cert.Raw)
	// IssuerSerial names the issuer as a GeneralName directoryName [4].
	issuerSerial := cmsTLV(0x30,
		cmsTLV(0x30, cmsTLV(0xa4, cert.RawIssuer)),
		cmsMustMarshal(cert.SerialNumber))
	// hashAlgorithm is left out: its DEFAULT is SHA-256, and DER omits defaults.
	essCertID := cmsTLV(0x30, cmsTLV(0x04, certHash[:]), issuerSerial)
	signingCertV2 := cmsTLV(0x30, cmsTLV(0x30, essCertID))

	attrs := [][]byte{
		cmsAttribute(cmsOIDAttrContentType, cmsMustMarshal(cmsOIDData)),
		cmsAttribute(cmsOIDAttrMessageDigest, cmsTLV(0x04, digest)),
		cmsAttribute(cmsOIDAttrSigningCertV2, signingCertV2),
	}
	slices.SortFunc(attrs, bytes.Compare)
	return cmsTLV(0x31, attrs...)
}

// cmsAssemble wraps signed attributes and a signature into a ContentInfo.
// unsigned, when not nil, is the signer's [1] unsigned attributes.
func cmsAssemble(cred *Credential, signedAttrs, signature, unsigned []byte) []byte {
	cert := cred.Certificate
	sha256Alg := cmsMustMarshal(cmsSHA256AlgorithmNoParm)
	rsaAlg := cmsMustMarshal(pkix.AlgorithmIdentifier{Algorithm: cmsOIDRSAEncryption, Parameters: cmsASN1NullParam})

	certs := [][]byte{cert.Raw}
	for _, c := range cred.Chain {
		if c != nil && !bytes.Equal(c.Raw, cert.Raw) {
			certs = append(certs, c.Raw)
		}
	}
	// Certificates are a SET OF: DER wants them sorted too.
	slices.SortFunc(certs, bytes.Compare)

	implicitAttrs := append([]byte{0xa0}, signedAttrs[1:]...)
	signerInfo := cmsTLV(0x30,
		cmsMustMarshal(1),
		cmsTLV(0x30, cert.RawIssuer, cmsMustMarshal(cert.SerialNumber)),
		sha256Alg,
		implicitAttrs,
		rsaAlg,
		cmsTLV(0x04, signature),
		unsigned,
	)
	signedData := cmsTLV(0x30,
		cmsMustMarshal(1),
		cmsTLV(0x31, sha256Alg),
		cmsTLV(0x30, cmsMustMarshal(cmsOIDData)), // detached: no eContent
		cmsTLV(0xa0, certs...),
		cmsTLV(0x31, signerInfo),
	)
	return cmsTLV(0x30, cmsMustMarshal(cmsOIDSignedData), cmsTLV(0xa0, signedData))
}

// cmsSize is the exact length of the CMS SignDetachedSHA256 makes for cred:
// the attributes have a fixed length and an RSA signature is always as long
// as the modulus.
func cmsSize(cred *Credential) int {
	attrs := cmsSignedAttributes(make([]byte, sha256.Size), cred.Certificate)
	return len(cmsAssemble(cred, attrs, make([]byte, cred.Key.Size()), nil))
}

func cmsCheckCredential(cred *Credential) error {
	if cred == nil || cred.Key == nil || cred.Certificate == nil {
		return errors.New("crypto: signing needs a private key and its certificate")
	}
	if len(cred.Certificate.Raw) == 0 || cred.Certificate.SerialNumber == nil {
		return errors.New("crypto: signing needs a parsed certificate (x509.ParseCertificate)")
	}
	if !KeyMatches(cred.Key, cred.Certificate) {
		return ErrKeyMismatch
	}
	return nil
}

// SignDetachedSHA256 returns a DER CMS SignedData (detached, RSA PKCS#1
// v1.5 with SHA-256) over content whose SHA-256 is digest. It carries the
// signer's certificate and chain and the signed attributes contentType,
// messageDigest and ESS signing-certificate-v2, and deliberately no
// signingTime (PAdES baseline B-B). It refuses a digest of the wrong length
// and a key that does not match the certificate (ErrKeyMismatch). It does
// not check the certificate's validity period: a renewal is signed with a
// certificate that may already have expired.
func SignDetachedSHA256(digest []byte, cred *Credential) ([]byte, error) {
	return cmsSignDetached(digest, cred, nil)
}

// cmsSignDetached is SignDetachedSHA256, with a signature time stamp
// (PAdES B-T) when stamp is not nil: stamp gets the SHA-256 of the
// signature value and returns a time-stamp token over it, which is checked
// to stamp that digest and added as the unsigned attribute
// signatureTimeStampToken. Any failure of stamp is returned wrapped in
// ErrTimestamp.
func cmsSignDetached(digest []byte, cred *Credential, stamp func([]byte) ([]byte, error)) ([]byte, error) {
	if len(digest) != sha256.Size {
		return nil, fmt.Errorf("crypto: SHA-256 digest must be %d bytes, got %d", sha256.Size, len(digest))
	}
	if err := cmsCheckCredential(cred); err != nil {
		return nil, err
	}
	attrs := cmsSignedAttributes(digest, cred.Certificate)
	h := sha256.Sum256(attrs)
	sig, err := rsa.SignPKCS1v15(rand.Reader, cred.Key, stdcrypto.SHA256, h[:])
	if err != nil {
		return nil, fmt.Errorf("crypto: CMS signature: %w", err)
	}
	var unsigned []byte
	if stamp != nil {
		sigDigest := sha256.Sum256(sig)
		token, err := stamp(sigDigest[:])
		if err != nil {
			if errors.Is(err, ErrTimestamp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %w", ErrTimestamp, err)
		}
		tok, err := ParseTimestampToken(token)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrTimestamp, err)
		}
		if tok.Hash != stdcrypto.SHA256 || !bytes.Equal(tok.HashedMessage, sigDigest[:]) {
			return nil, fmt.Errorf("%w: the token stamps something else", ErrTimestamp)
		}
		unsigned = cmsUnsignedTimestamp(tok.Raw)
	}
	return cmsAssemble(cred, attrs, sig, unsigned), nil
}

// ---- parsing ----

type cmsContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,optional,tag:0"`
}

type cmsSignedDataASN1 struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	EncapContentInfo cmsEncapContentInfo
	Certificates     asn1.RawValue `asn1:"optional,tag:0"`
	CRLs             asn1.RawValue `asn1:"optional,tag:1"`
	SignerInfos      asn1.RawValue
}

type cmsEncapContentInfo struct {
	EContentType asn1.ObjectIdentifier
	EContent     asn1.RawValue `asn1:"explicit,optional,tag:0"`
}

type cmsSignerInfoASN1 struct {
	Version            int
	SID                asn1.RawValue
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional,tag:1"`
}

type cmsIssuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type cmsAttributeASN1 struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue
}

// SignedData is a parsed CMS SignedData with its first signer, the only
// one a PDF signature has.
type SignedData struct {
	Certificates []*x509.Certificate // as carried in the signature
	Signer       *x509.Certificate   // the signer's among Certificates; nil if absent
	Digest       stdcrypto.Hash      // the signer's digest algorithm
	// SignedAttributes says whether the signature covers signed attributes
	// (contentType, messageDigest, ...) rather than the content itself.
	SignedAttributes bool
	// SigningTime is the signingTime attribute when a signer added one
	// (PAdES baseline forbids it; older PDF signers use it).
	SigningTime time.Time
	// Content is the encapsulated content, nil when detached.
	Content []byte

	contentType   asn1.ObjectIdentifier
	messageDigest []byte
	signedAttrs   []byte // DER SET OF, what the signature covers
	sigAlg        pkix.AlgorithmIdentifier
	signature     []byte
	essCertHash   []byte
	essHash       stdcrypto.Hash
	sigTimestamp  []byte // the signatureTimeStampToken attribute's token, DER
}

// ParseSignedData parses a CMS ContentInfo holding SignedData, in DER or in
// BER (indefinite lengths, as some older signers write). Trailing bytes,
// such as the zero padding of a PDF /Contents, are ignored. It refuses
// anything else with ErrNotCMS, and digest algorithms it does not know with
// ErrCMSUnsupported; signers' certificates that do not parse are skipped.
func ParseSignedData(der []byte) (sd *SignedData, err error) {
	var ci cmsContentInfo
	if _, err := asn1.Unmarshal(der, &ci); err != nil {
		norm, nerr := cmsBERToDER(der)
		if nerr != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotCMS, err)
		}
		if _, err := asn1.Unmarshal(norm, &ci); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotCMS, err)
		}
	}
	if !ci.ContentType.Equal(cmsOIDSignedData) {
		return nil, fmt.Errorf("%w: content type %v", ErrNotCMS, ci.ContentType)
	}
	var raw cmsSignedDataASN1
	// With explicit tagging, a RawValue holds the [0] wrapper: Bytes is the
	// SignedData itself.
	if rest, err := asn1.Unmarshal(ci.Content.Bytes, &raw); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: SignedData: %v", ErrNotCMS, err)
	}
	sd = &SignedData{contentType: raw.EncapContentInfo.EContentType}
	if ec := raw.EncapContentInfo.EContent.Bytes; len(ec) > 0 {
		var octets []byte
		if _, err := asn1.Unmarshal(ec, &octets); err != nil {
			// A chunked (constructed) OCTET STRING inside definite lengths.
			norm, nerr := cmsBERToDER(ec)
			if nerr != nil {
				return nil, fmt.Errorf("%w: encapsulated content: %v", ErrNotCMS, err)
			}
			if _, err := asn1.Unmarshal(norm, &octets); err != nil {
				return nil, fmt.Errorf("%w: encapsulated content: %v", ErrNotCMS, err)
			}
		}
		sd.Content = octets
	}
	if err := sd.parseCertificates(raw.Certificates.Bytes); err != nil {
		return nil, err
	}
	var si cmsSignerInfoASN1
	if _, err := asn1.Unmarshal(raw.SignerInfos.Bytes, &si); err != nil {
		return nil, fmt.Errorf("%w: no SignerInfo: %v", ErrNotCMS, err)
	}
	h, ok := cmsHashByOID[si.DigestAlgorithm.Algorithm.String()]
	if !ok || !h.Available() {
		return nil, fmt.Errorf("%w: digest %v", ErrCMSUnsupported, si.DigestAlgorithm.Algorithm)
	}
	sd.Digest = h
	sd.sigAlg = si.SignatureAlgorithm
	sd.signature = si.Signature
	sd.Signer = sd.findSigner(si.SID)
	if len(si.SignedAttrs.FullBytes) > 0 {
		sd.SignedAttributes = true
		// The signature covers the attributes as a universal SET, not as
		// the [0] they are tagged with here.
		sd.signedAttrs = append([]byte{0x31}, si.SignedAttrs.FullBytes[1:]...)
		if err := sd.parseSignedAttributes(si.SignedAttrs.Bytes); err != nil {
			return nil, err
		}
	}
	sd.parseUnsignedAttributes(si.UnsignedAttrs.Bytes)
	return sd, nil
}

func (sd *SignedData) parseCertificates(b []byte) error {
	for len(b) > 0 {
		var rv asn1.RawValue
		rest, err := asn1.Unmarshal(b, &rv)
		if err != nil {
			return fmt.Errorf("%w: certificates: %v", ErrNotCMS, err)
		}
		b = rest
		if rv.Class != asn1.ClassUniversal || rv.Tag != asn1.TagSequence {
			continue // attribute certificates and others: not ours to check
		}
		if len(sd.Certificates) >= cmsMaxCertificates {
			return fmt.Errorf("%w: too many certificates", ErrNotCMS)
		}
		if c, err := x509.ParseCertificate(rv.FullBytes); err == nil {
			sd.Certificates = append(sd.Certificates, c)
		}
	}
	return nil
}

func (sd *SignedData) findSigner(sid asn1.RawValue) *x509.Certificate {
	if sid.Class == asn1.ClassContextSpecific && sid.Tag == 0 {
		for _, c := range sd.Certificates {
			if len(c.SubjectKeyId) > 0 && bytes.Equal(c.SubjectKeyId, sid.Bytes) {
				return c
			}
		}
		return nil
	}
	var ias cmsIssuerAndSerial
	if _, err := asn1.Unmarshal(sid.FullBytes, &ias); err != nil || ias.Serial == nil {
		return nil
	}
	for _, c := range sd.Certificates {
		if c.SerialNumber.Cmp(ias.Serial) == 0 && bytes.Equal(c.RawIssuer, ias.Issuer.FullBytes) {
			return c
		}
	}
	return nil
}

func (sd *SignedData) parseSignedAttributes(b []byte) error {
	for n := 0; len(b) > 0; n++ {
		if n >= cmsMaxSignedAttributes {
			return fmt.Errorf("%w: too many signed attributes", ErrNotCMS)
		}
		var a cmsAttributeASN1
		rest, err := asn1.Unmarshal(b, &a)
		if err != nil {
			return fmt.Errorf("%w: signed attribute: %v", ErrNotCMS, err)
		}
		b = rest
		val := a.Values.Bytes // the first (and only allowed) value of the SET
		switch {
		case a.Type.Equal(cmsOIDAttrContentType):
			var oid asn1.ObjectIdentifier
			if _, err := asn1.Unmarshal(val, &oid); err == nil {
				sd.contentType = oid
			}
		case a.Type.Equal(cmsOIDAttrMessageDigest):
			if _, err := asn1.Unmarshal(val, &sd.messageDigest); err != nil {
				return fmt.Errorf("%w: messageDigest: %v", ErrNotCMS, err)
			}
		case a.Type.Equal(cmsOIDAttrSigningTime):
			var t time.Time
			if _, err := asn1.Unmarshal(val, &t); err == nil {
				sd.SigningTime = t
			}
		case a.Type.Equal(cmsOIDAttrSigningCertV2):
			sd.essCertHash, sd.essHash = cmsParseESSCertID(val, true)
		case a.Type.Equal(cmsOIDAttrSigningCert):
			if sd.essCertHash == nil {
				sd.essCertHash, sd.essHash = cmsParseESSCertID(val, false)
			}
		}
	}
	return nil
}

// cmsParseESSCertID returns the hash of the first certificate named in a
// SigningCertificate (v1: SHA-1) or SigningCertificateV2 (default SHA-256).
func cmsParseESSCertID(val []byte, v2 bool) ([]byte, stdcrypto.Hash) {
	var sc, certs, id asn1.RawValue
	if _, err := asn1.Unmarshal(val, &sc); err != nil {
		return nil, 0
	}
	if _, err := asn1.Unmarshal(sc.Bytes, &certs); err != nil {
		return nil, 0
	}
	if _, err := asn1.Unmarshal(certs.Bytes, &id); err != nil {
		return nil, 0
	}
	h := stdcrypto.SHA1
	rest := id.Bytes
	if v2 {
		h = stdcrypto.SHA256
		var first asn1.RawValue
		if r, err := asn1.Unmarshal(rest, &first); err == nil && first.Tag == asn1.TagSequence {
			var alg pkix.AlgorithmIdentifier
			if _, err := asn1.Unmarshal(first.FullBytes, &alg); err != nil {
				return nil, 0
			}
			if h = cmsHashByOID[alg.Algorithm.String()]; h == 0 {
				return nil, 0
			}
			rest = r
		}
	}
	var hash []byte
	if _, err := asn1.Unmarshal(rest, &hash); err != nil {
		return nil, 0
	}
	return hash, h
}

// VerifyDetached checks the signature against content, given as the pieces
// it is made of (a PDF's two signed byte ranges). digestValid says the
// content is the one signed; signatureValid says the signer's key made the
// signature (over the signed attributes, or over the content when there are
// none, in which case the two cannot be told apart and are both true or
// both false). err says why either is false: ErrDigestMismatch,
// ErrSignatureInvalid, ErrSignerNotIncluded or ErrCMSUnsupported. An
// encapsulated content, when present, is compared with content too.
func (sd *SignedData) VerifyDetached(content ...[]byte) (digestValid, signatureValid bool, err error) {
	h := sd.Digest.New()
	for _, c := range content {
		h.Write(c)
	}
	digest := h.Sum(nil)
	if sd.Content != nil && !cmsContentMatches(sd.Content, content, digest) {
		return false, false, ErrDigestMismatch
	}
	if sd.Signer == nil {
		// The digest can still be judged: a time-stamp token often leaves
		// its authority's certificate out.
		digestValid = sd.SignedAttributes && bytes.Equal(sd.messageDigest, digest)
		if sd.SignedAttributes && !digestValid {
			return false, false, errors.Join(ErrDigestMismatch, ErrSignerNotIncluded)
		}
		return digestValid, false, ErrSignerNotIncluded
	}
	if !sd.SignedAttributes {
		sh, err := cmsSignatureHash(sd.sigAlg, sd.Digest)
		if err != nil {
			return false, false, err
		}
		if sh != sd.Digest && sh.Available() {
			h := sh.New()
			for _, c := range content {
				h.Write(c)
			}
			digest = h.Sum(nil)
		}
		// Without signed attributes, a changed content and a bad signature
		// look the same: report both.
		if err := sd.checkSignature(sh, digest); err != nil {
			if errors.Is(err, ErrSignatureInvalid) {
				err = errors.Join(ErrDigestMismatch, err)
			}
			return false, false, err
		}
		return true, true, nil
	}
	var errs []error
	digestValid = bytes.Equal(sd.messageDigest, digest)
	if !digestValid {
		errs = append(errs, ErrDigestMismatch)
	}
	if err := sd.checkSignedAttributes(); err != nil {
		errs = append(errs, err)
	} else {
		signatureValid = true
	}
	return digestValid, signatureValid, errors.Join(errs...)
}

// cmsContentMatches accepts an encapsulated content equal to the detached
// one, or equal to its digest (adbe.pkcs7.sha1 signs the SHA-1 of the
// byte ranges as encapsulated data).
func cmsContentMatches(enc []byte, content [][]byte, digest []byte) bool {
	if len(enc) == stdcrypto.SHA1.Size() {
		h := stdcrypto.SHA1.New()
		for _, c := range content {
			h.Write(c)
		}
		if bytes.Equal(h.Sum(nil), enc) {
			return true
		}
	}
	return bytes.Equal(enc, digest) || bytes.Equal(enc, bytes.Join(content, nil))
}

func (sd *SignedData) checkSignedAttributes() error {
	if sd.messageDigest == nil {
		return fmt.Errorf("%w: no messageDigest attribute", ErrSignatureInvalid)
	}
	if sd.essCertHash != nil && sd.essHash.Available() {
		h := sd.essHash.New()
		h.Write(sd.Signer.Raw)
		if !bytes.Equal(h.Sum(nil), sd.essCertHash) {
			return fmt.Errorf("%w: signing-certificate attribute names another certificate", ErrSignatureInvalid)
		}
	}
	h, err := cmsSignatureHash(sd.sigAlg, sd.Digest)
	if err != nil {
		return err
	}
	hh := h.New()
	hh.Write(sd.signedAttrs)
	return sd.checkSignature(h, hh.Sum(nil))
}

// cmsSignatureHash is the hash the signature algorithm applies, which the
// digest algorithm names unless the signature OID names its own.
func cmsSignatureHash(alg pkix.AlgorithmIdentifier, digest stdcrypto.Hash) (stdcrypto.Hash, error) {
	oid := alg.Algorithm.String()
	if h, ok := cmsRSAPKCS1HashByOID[oid]; ok {
		return h, nil
	}
	if h, ok := cmsECDSAHashByOID[oid]; ok {
		return h, nil
	}
	if alg.Algorithm.Equal(cmsOIDRSAPSS) {
		h, _, err := cmsPSSParams(alg)
		return h, err
	}
	return digest, nil
}

type cmsPSSParamsASN1 struct {
	Hash       pkix.AlgorithmIdentifier `asn1:"explicit,optional,tag:0"`
	MGF        pkix.AlgorithmIdentifier `asn1:"explicit,optional,tag:1"`
	SaltLength int                      `asn1:"explicit,optional,default:20,tag:2"`
	Trailer    int                      `asn1:"explicit,optional,default:1,tag:3"`
}

func cmsPSSParams(alg pkix.AlgorithmIdentifier) (stdcrypto.Hash, int, error) {
	var p cmsPSSParamsASN1
	if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
		return 0, 0, fmt.Errorf("%w: RSASSA-PSS parameters", ErrCMSUnsupported)
	}
	h := stdcrypto.SHA1
	if len(p.Hash.Algorithm) > 0 {
		h = cmsHashByOID[p.Hash.Algorithm.String()]
	}
	mgfHash := stdcrypto.SHA1
	if len(p.MGF.Algorithm) > 0 {
		var inner pkix.AlgorithmIdentifier
		if !p.MGF.Algorithm.Equal(cmsOIDMGF1) {
			return 0, 0, fmt.Errorf("%w: PSS mask generation %v", ErrCMSUnsupported, p.MGF.Algorithm)
		}
		if _, err := asn1.Unmarshal(p.MGF.Parameters.FullBytes, &inner); err != nil {
			return 0, 0, fmt.Errorf("%w: PSS MGF1 parameters", ErrCMSUnsupported)
		}
		mgfHash = cmsHashByOID[inner.Algorithm.String()]
	}
	// Go's PSS uses the message hash for MGF1 too.
	if h == 0 || !h.Available() || mgfHash != h || p.Trailer != 1 || p.SaltLength < 0 {
		return 0, 0, fmt.Errorf("%w: RSASSA-PSS parameters", ErrCMSUnsupported)
	}
	return h, p.SaltLength, nil
}

func (sd *SignedData) checkSignature(h stdcrypto.Hash, hashed []byte) error {
	alg := sd.sigAlg.Algorithm
	oid := alg.String()
	switch pub := sd.Signer.PublicKey.(type) {
	case *rsa.PublicKey:
		switch {
		case alg.Equal(cmsOIDRSAPSS):
			_, salt, err := cmsPSSParams(sd.sigAlg)
			if err != nil {
				return err
			}
			if err := rsa.VerifyPSS(pub, h, hashed, sd.signature, &rsa.PSSOptions{SaltLength: salt, Hash: h}); err != nil {
				return ErrSignatureInvalid
			}
			return nil
		case alg.Equal(cmsOIDRSAEncryption) || cmsRSAPKCS1HashByOID[oid] != 0:
			if err := rsa.VerifyPKCS1v15(pub, h, hashed, sd.signature); err != nil {
				return ErrSignatureInvalid
			}
			return nil
		}
	case *ecdsa.PublicKey:
		if alg.Equal(cmsOIDECPublicKey) || cmsECDSAHashByOID[oid] != 0 {
			if !ecdsa.VerifyASN1(pub, hashed, sd.signature) {
				return ErrSignatureInvalid
			}
			return nil
		}
	}
	return fmt.Errorf("%w: %v with a %T key", ErrCMSUnsupported, alg, sd.Signer.PublicKey)
}

// cmsBERToDER rewrites indefinite lengths as definite ones, which is all
// encoding/asn1 needs to read the BER some signers write.
func cmsBERToDER(b []byte) ([]byte, error) {
	out, _, err := cmsBERElement(b, 0)
	return out, err
}

func cmsBERElement(b []byte, depth int) (der []byte, n int, err error) {
	if depth > cmsMaxBERDepth {
		return nil, 0, errors.New("BER nesting too deep")
	}
	if len(b) < 2 {
		return nil, 0, errors.New("BER truncated")
	}
	hdr := 1
	if b[0]&0x1f == 0x1f { // high tag number form
		for hdr < len(b) && b[hdr]&0x80 != 0 {
			hdr++
		}
		hdr++
		if hdr >= len(b) || hdr > 6 {
			return nil, 0, errors.New("BER tag too long")
		}
	}
	tag := b[:hdr]
	constructed := b[0]&0x20 != 0
	l := int(b[hdr])
	hdr++
	if l == 0x80 {
		if !constructed {
			return nil, 0, errors.New("BER indefinite primitive")
		}
		var content []byte
		pos := hdr
		for {
			if pos+2 > len(b) {
				return nil, 0, errors.New("BER truncated")
			}
			if b[pos] == 0 && b[pos+1] == 0 {
				pos += 2
				break
			}
			child, cn, err := cmsBERElement(b[pos:], depth+1)
			if err != nil {
				return nil, 0, err
			}
			content = append(content, child...)
			pos += cn
		}
		if len(tag) == 1 && tag[0] == 0x24 {
			joined, err := cmsJoinOctets(content)
			return joined, pos, err
		}
		return cmsTLVTag(tag, content), pos, nil
	}
	if l&0x80 != 0 {
		k := l & 0x7f
		if k > 4 || hdr+k > len(b) {
			return nil, 0, errors.New("BER length too long")
		}
		l = 0
		for _, c := range b[hdr : hdr+k] {
			l = l<<8 | int(c)
		}
		hdr += k
	}
	if l < 0 || l > len(b)-hdr {
		return nil, 0, errors.New("BER truncated")
	}
	content := b[hdr : hdr+l]
	if !constructed {
		return cmsTLVTag(tag, content), hdr + l, nil
	}
	var out []byte
	for pos := 0; pos < len(content); {
		child, cn, err := cmsBERElement(content[pos:], depth+1)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, child...)
		pos += cn
	}
	if len(tag) == 1 && tag[0] == 0x24 {
		joined, err := cmsJoinOctets(out)
		return joined, hdr + l, err
	}
	return cmsTLVTag(tag, out), hdr + l, nil
}

// cmsJoinOctets makes a constructed OCTET STRING (BER's chunked form, of
// already normalized chunks) into the one primitive string DER wants.
func cmsJoinOctets(chunks []byte) ([]byte, error) {
	var out []byte
	for len(chunks) > 0 {
		var rv asn1.RawValue
		rest, err := asn1.Unmarshal(chunks, &rv)
		if err != nil || rv.Class != asn1.ClassUniversal || rv.Tag != asn1.TagOctetString || rv.IsCompound {
			return nil, errors.New("BER octet string chunk expected")
		}
		out = append(out, rv.Bytes...)
		chunks = rest
	}
	return cmsTLV(0x04, out), nil
}

func cmsTLVTag(tag, content []byte) []byte {
	t := cmsTLV(0, content)
	return append(append([]byte{}, tag...), t[1:]...)
}

var cmsOIDTSTInfo = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}

type cmsTSTInfoASN1 struct {
	Version        int
	Policy         asn1.ObjectIdentifier
	MessageImprint struct {
		HashAlgorithm pkix.AlgorithmIdentifier
		HashedMessage []byte
	}
	SerialNumber *big.Int
	GenTime      time.Time     `asn1:"generalized"`
	Rest         asn1.RawValue `asn1:"optional"` // accuracy, ordering, nonce, tsa, extensions
}

// VerifyTimestamp checks an RFC 3161 time-stamp token (a PDF document
// timestamp, /SubFilter /ETSI.RFC3161) against the content it stamps:
// digestValid says the token's message imprint is the content's hash and the
// token's own content is intact; signatureValid that the authority's key
// signed it. It returns the time the authority vouches for. It refuses
// tokens whose content is not a TSTInfo (ErrNotCMS).
func (sd *SignedData) VerifyTimestamp(content ...[]byte) (genTime time.Time, digestValid, signatureValid bool, err error) {
	if !sd.contentType.Equal(cmsOIDTSTInfo) || sd.Content == nil {
		return time.Time{}, false, false, fmt.Errorf("%w: not a time-stamp token", ErrNotCMS)
	}
	var tst cmsTSTInfoASN1
	if _, err := asn1.Unmarshal(sd.Content, &tst); err != nil {
		return time.Time{}, false, false, fmt.Errorf("%w: TSTInfo: %v", ErrNotCMS, err)
	}
	h, ok := cmsHashByOID[tst.MessageImprint.HashAlgorithm.Algorithm.String()]
	if !ok || !h.Available() {
		return tst.GenTime, false, false, fmt.Errorf("%w: imprint digest %v", ErrCMSUnsupported, tst.MessageImprint.HashAlgorithm.Algorithm)
	}
	hh := h.New()
	for _, c := range content {
		hh.Write(c)
	}
	tokenDigest, tokenSig, err := sd.VerifyDetached(sd.Content)
	imprintOK := bytes.Equal(hh.Sum(nil), tst.MessageImprint.HashedMessage)
	if !imprintOK {
		err = errors.Join(ErrDigestMismatch, err)
	}
	return tst.GenTime, imprintOK && tokenDigest, tokenSig, err
}
