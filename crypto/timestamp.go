package crypto

import (
	"bytes"
	stdcrypto "crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// RFC 3161 time stamps for PAdES B-T: the request a signer sends, the
// token it gets back and embeds as the unsigned attribute
// signatureTimeStampToken, and the checks a verifier makes. Transport is
// the caller's (SignOptions.Timestamp): this package makes no network
// calls.

// Sentinel errors of time stamping.
var (
	// ErrTimestamp says the signature could not get its time stamp: the
	// authority did not answer, refused, or answered something else.
	ErrTimestamp = errors.New("crypto: no signature time stamp")
	// ErrTimestampInvalid says an embedded time stamp does not verify.
	ErrTimestampInvalid = errors.New("crypto: signature time stamp does not verify")
	// ErrRevoked says the signer's certificate was revoked before the
	// time the signature is proven (or, without proof, claimed) to exist.
	ErrRevoked = errors.New("crypto: signer's certificate revoked before the signature")
)

var (
	cmsOIDAttrSigTimeStamp = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}
	oidKPTimeStamping      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 8}
	tsMaxToken             = 64 << 10
)

type tsMessageImprint struct {
	HashAlgorithm pkix.AlgorithmIdentifier
	HashedMessage []byte
}

type tsRequestASN1 struct {
	Version        int
	MessageImprint tsMessageImprint
	ReqPolicy      asn1.ObjectIdentifier `asn1:"optional"`
	Nonce          *big.Int              `asn1:"optional"`
	CertReq        bool                  `asn1:"optional,default:false"`
}

type tsAccuracyASN1 struct {
	Seconds int64 `asn1:"optional"`
	Millis  int64 `asn1:"optional,tag:0"`
	Micros  int64 `asn1:"optional,tag:1"`
}

type tsTSTInfoASN1 struct {
	Version        int
	Policy         asn1.RawValue // an OID, kept raw: encoding/asn1 reads no arc above 2^31, which UUID OIDs have
	MessageImprint tsMessageImprint
	SerialNumber   *big.Int
	GenTime        time.Time        `asn1:"generalized"`
	Accuracy       tsAccuracyASN1   `asn1:"optional"`
	Ordering       bool             `asn1:"optional,default:false"`
	Nonce          *big.Int         `asn1:"optional"`
	TSA            asn1.RawValue    `asn1:"optional,explicit,tag:0"`
	Extensions     []pkix.Extension `asn1:"optional,tag:1"`
}

type tsRespASN1 struct {
	Status struct {
		Status int
		Rest   asn1.RawValue `asn1:"optional"`
	}
	Token asn1.RawValue `asn1:"optional"`
}

// TimestampRequest returns a DER TimeStampReq (RFC 3161) for a SHA-256
// digest, asking for the authority's certificate, with a fresh 64-bit
// nonce, which TimestampFromResponse needs to check the answer.
func TimestampRequest(digest []byte) (req []byte, nonce *big.Int, err error) {
	if len(digest) != sha256.Size {
		return nil, nil, fmt.Errorf("crypto: SHA-256 digest must be %d bytes, got %d", sha256.Size, len(digest))
	}
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return nil, nil, fmt.Errorf("crypto: nonce: %w", err)
	}
	nonce = new(big.Int).SetBytes(b)
	req, err = asn1.Marshal(tsRequestASN1{
		Version:        1,
		MessageImprint: tsMessageImprint{HashAlgorithm: pkix.AlgorithmIdentifier{Algorithm: cmsOIDSHA256, Parameters: cmsASN1NullParam}, HashedMessage: digest},
		Nonce:          nonce,
		CertReq:        true,
	})
	return req, nonce, err
}

// TimestampFromResponse returns the token of a DER TimeStampResp that
// answers the request TimestampRequest made for digest with nonce. It
// refuses (ErrTimestamp) a response that is not granted, that stamps
// another digest or echoes another nonce, or whose token does not parse;
// it does not judge the authority (the verifier does, against its roots).
func TimestampFromResponse(resp, digest []byte, nonce *big.Int) ([]byte, error) {
	var r tsRespASN1
	if rest, err := asn1.Unmarshal(resp, &r); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: not a time-stamp response", ErrTimestamp)
	}
	if r.Status.Status != 0 && r.Status.Status != 1 {
		return nil, fmt.Errorf("%w: the authority refused (status %d)", ErrTimestamp, r.Status.Status)
	}
	tok, err := ParseTimestampToken(r.Token.FullBytes)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTimestamp, err)
	}
	if tok.Hash != stdcrypto.SHA256 || !bytes.Equal(tok.HashedMessage, digest) {
		return nil, fmt.Errorf("%w: the token stamps something else", ErrTimestamp)
	}
	if nonce != nil && (tok.Nonce == nil || tok.Nonce.Cmp(nonce) != 0) {
		return nil, fmt.Errorf("%w: the token answers another request (nonce)", ErrTimestamp)
	}
	return r.Token.FullBytes, nil
}

// TimestampToken is a parsed RFC 3161 time-stamp token.
type TimestampToken struct {
	Raw           []byte                // the token (a CMS ContentInfo), DER
	GenTime       time.Time             // the time the authority vouches for
	Accuracy      time.Duration         // zero when the token states none
	Policy        asn1.ObjectIdentifier // nil when an arc is too large for encoding/asn1
	Serial        *big.Int
	Nonce         *big.Int
	Hash          stdcrypto.Hash // of the message imprint
	HashedMessage []byte
	// Authority is the signer of the token when the token carries its
	// certificate, else nil.
	Authority *x509.Certificate
	sd        *SignedData
}

// ParseTimestampToken parses a time-stamp token: a CMS SignedData whose
// content is a TSTInfo. It refuses anything else (ErrNotCMS), tokens larger
// than 64 KiB and imprints with unknown digests (ErrCMSUnsupported). It
// checks no signature: Verify does.
func ParseTimestampToken(der []byte) (*TimestampToken, error) {
	if len(der) > tsMaxToken {
		return nil, fmt.Errorf("%w: time-stamp token too large", ErrNotCMS)
	}
	sd, err := ParseSignedData(der)
	if err != nil {
		return nil, err
	}
	if !sd.contentType.Equal(cmsOIDTSTInfo) || sd.Content == nil {
		return nil, fmt.Errorf("%w: not a time-stamp token", ErrNotCMS)
	}
	var info tsTSTInfoASN1
	if rest, err := asn1.Unmarshal(sd.Content, &info); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: TSTInfo: %v", ErrNotCMS, err)
	}
	h, ok := cmsHashByOID[info.MessageImprint.HashAlgorithm.Algorithm.String()]
	if !ok || !h.Available() || len(info.MessageImprint.HashedMessage) != h.Size() {
		return nil, fmt.Errorf("%w: imprint digest %v", ErrCMSUnsupported, info.MessageImprint.HashAlgorithm.Algorithm)
	}
	if info.Policy.Tag != asn1.TagOID || info.Policy.Class != asn1.ClassUniversal {
		return nil, fmt.Errorf("%w: TSTInfo policy", ErrNotCMS)
	}
	var policy asn1.ObjectIdentifier
	_, _ = asn1.Unmarshal(info.Policy.FullBytes, &policy)
	acc := info.Accuracy
	t := &TimestampToken{
		Raw: cmsTrim(der), GenTime: info.GenTime, Policy: policy, Serial: info.SerialNumber, Nonce: info.Nonce,
		Hash: h, HashedMessage: info.MessageImprint.HashedMessage, Authority: sd.Signer, sd: sd,
	}
	if acc.Seconds >= 0 && acc.Seconds < 1<<20 && acc.Millis >= 0 && acc.Millis < 1000 && acc.Micros >= 0 && acc.Micros < 1000 {
		t.Accuracy = time.Duration(acc.Seconds)*time.Second + time.Duration(acc.Millis)*time.Millisecond +
			time.Duration(acc.Micros)*time.Microsecond
	}
	return t, nil
}

// Verify checks that the token stamps data (its imprint is data's hash),
// that its authority signed it, and, with roots, that the authority's
// certificate is for time-stamping and chains to roots at GenTime. It
// returns nil or an error joining ErrTimestampInvalid with why.
func (t *TimestampToken) Verify(data []byte, roots *x509.CertPool) error {
	h := t.Hash.New()
	h.Write(data)
	if !bytes.Equal(h.Sum(nil), t.HashedMessage) {
		return fmt.Errorf("%w: %w", ErrTimestampInvalid, ErrDigestMismatch)
	}
	digestOK, sigOK, err := t.sd.VerifyDetached(t.sd.Content)
	if !digestOK || !sigOK {
		return fmt.Errorf("%w: %w", ErrTimestampInvalid, err)
	}
	if roots == nil {
		return fmt.Errorf("%w: %w", ErrTimestampInvalid, ErrChainNotChecked)
	}
	if !tsOnlyTimeStamping(t.Authority) {
		return fmt.Errorf("%w: the authority's certificate is not for time-stamping", ErrTimestampInvalid)
	}
	inter := x509.NewCertPool()
	for _, c := range t.sd.Certificates {
		if c != t.Authority {
			inter.AddCert(c)
		}
	}
	if _, err := t.Authority.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: t.GenTime,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}); err != nil {
		return fmt.Errorf("%w: %w: %v", ErrTimestampInvalid, ErrChainUntrusted, err)
	}
	return nil
}

// tsOnlyTimeStamping says c's extended key usage is exactly
// id-kp-timeStamping and critical (RFC 3161 2.3).
func tsOnlyTimeStamping(c *x509.Certificate) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(asn1.ObjectIdentifier{2, 5, 29, 37}) {
			return e.Critical && len(c.ExtKeyUsage) == 1 && c.ExtKeyUsage[0] == x509.ExtKeyUsageTimeStamping &&
				len(c.UnknownExtKeyUsage) == 0
		}
	}
	return false
}

// SignatureTimestamp returns the signature time-stamp token (unsigned
// attribute id-aa-signatureTimeStampToken) of the signer, nil when there is
// none, or an error when there is one that does not parse.
func (sd *SignedData) SignatureTimestamp() (*TimestampToken, error) {
	if sd.sigTimestamp == nil {
		return nil, nil
	}
	return ParseTimestampToken(sd.sigTimestamp)
}

// SignatureValue is the signer's signature value, what a signature time
// stamp stamps.
func (sd *SignedData) SignatureValue() []byte { return sd.signature }

// cmsUnsignedAttributes returns the [1] IMPLICIT SET OF Attribute holding
// one signature time-stamp token.
func cmsUnsignedTimestamp(token []byte) []byte {
	return cmsTLV(0xa1, cmsAttribute(cmsOIDAttrSigTimeStamp, token))
}

// parseUnsignedAttributes keeps the first signature time-stamp token.
func (sd *SignedData) parseUnsignedAttributes(b []byte) {
	for n := 0; len(b) > 0 && n < cmsMaxSignedAttributes; n++ {
		var a cmsAttributeASN1
		rest, err := asn1.Unmarshal(b, &a)
		if err != nil {
			return
		}
		b = rest
		if a.Type.Equal(cmsOIDAttrSigTimeStamp) && sd.sigTimestamp == nil {
			var tok asn1.RawValue
			if _, err := asn1.Unmarshal(a.Values.Bytes, &tok); err == nil {
				sd.sigTimestamp = tok.FullBytes
			}
		}
	}
}
