package crypto

import (
	"bytes"
	"cmp"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors of a signature's verification, found in
// SignatureResult.Err (several may be joined: test with errors.Is).
var (
	ErrByteRangeInvalid = errors.New("crypto: signature's /ByteRange is invalid or does not frame its /Contents")
	ErrChainUntrusted   = errors.New("crypto: signer's certificate does not chain to a trusted root at the time judged")
	ErrChainNotChecked  = errors.New("crypto: no trusted roots given: certificate chain not checked")
)

const (
	pdfMaxContents   = 1 << 20 // hex digits of one /Contents
	pdfMaxFields     = 10000
	pdfMaxSignatures = 1000
)

// SignatureResult is what VerifyPDF found out about one signature.
type SignatureResult struct {
	Field       string    // the signature field's full name, e.g. "Firma1"
	Name        string    // signer's common name (or the dictionary's /Name without a certificate)
	RFC         string    // signer's RFC (x500UniqueIdentifier, else the subject's serialNumber)
	Serial      string    // signer's certificate serial number, lowercase hex
	SigningTime time.Time // the dictionary's /M, as the signer claimed it; a document timestamp's authority time
	Reason      string
	Location    string
	SubFilter   string   // ETSI.CAdES.detached, adbe.pkcs7.detached, adbe.pkcs7.sha1, or ETSI.RFC3161 (a document timestamp)
	ByteRange   [4]int64 // the signed byte ranges: offset, length, offset, length

	Certificate  *x509.Certificate   // the signer's, nil when missing
	Certificates []*x509.Certificate // all the signature carries
	CMS          []byte              // the signature value (DER), without padding

	DigestValid    bool // the signed ranges are unchanged
	SignatureValid bool // the signer's key made the signature
	// ChainValid says the certificate reached the given roots at
	// CheckedAt: the signature time stamp's time when the signature has a
	// valid one (B-T and up), else the time of verification. The claimed
	// /M is never trusted for it.
	ChainValid bool
	CheckedAt  time.Time

	// Level is the PAdES baseline level the signature reaches: LevelBB,
	// LevelBT (a signature time stamp), LevelBLT (and the document's DSS
	// with validation data), LevelBLTA (and a later document time stamp);
	// "" for a document time stamp itself or a signature that is no PAdES.
	Level string
	// Timestamp is the signature time stamp, nil when there is none; its
	// GenTime is the proven time of the signature when TimestampValid.
	Timestamp      *TimestampToken
	TimestampValid bool

	// Revocation is the signer's certificate status as the caller's
	// VerifyOptions.Revocation told it, or else as the document's DSS
	// holds it (a CRL of the issuer); nil when unknown.
	// SignedBeforeRevocation says the certificate is revoked, but the
	// signature's time stamp proves it was made before that.
	Revocation             *Revocation
	SignedBeforeRevocation bool
	// CoversWholeFile says the signed ranges reach the end of the file;
	// otherwise ModifiedAfter: later revisions (perhaps further signatures)
	// were appended, which does not by itself invalidate this one.
	CoversWholeFile bool
	ModifiedAfter   bool

	// Err is nil when digest, signature and chain are all valid, and
	// otherwise says why not, joining sentinel errors such as
	// ErrDigestMismatch, ErrSignatureInvalid, ErrChainUntrusted,
	// ErrChainNotChecked, ErrByteRangeInvalid, ErrNotCMS, ErrCMSUnsupported,
	// ErrTimestampInvalid, ErrRevoked.
	Err error
}

// Valid reports whether the signature's digest, value and chain are all
// valid and nothing else is wrong (Err is nil: no revocation before the
// proven time, no bad time stamp).
func (r SignatureResult) Valid() bool {
	return r.DigestValid && r.SignatureValid && r.ChainValid && r.Err == nil
}

// PAdES baseline levels (ETSI EN 319 142-1).
const (
	LevelBB   = "B-B"
	LevelBT   = "B-T"
	LevelBLT  = "B-LT"
	LevelBLTA = "B-LTA"
)

// Revocation is a certificate's revocation status.
type Revocation struct {
	Revoked bool
	At      time.Time // when it was revoked
	Reason  int       // RFC 5280 CRLReason
	// Precision is how coarse At is: a CRL's time is whole seconds
	// (time.Second), refca's status endpoint milliseconds (0).
	// A time stamp within that much after At is still taken as before
	// the revocation: the source cannot tell them apart, and a renewal
	// revokes the old certificate within a second of its last letter.
	Precision time.Duration
	// Until, for a status read from a CRL, is the CRL's thisUpdate: a
	// "not revoked" holds up to then only. Since an unknown status does
	// not invalidate a signature either, a stale CRL can only add a
	// revocation, never hide one that a fresher source would show.
	Until time.Time
}

// VerifyOptions tune VerifyPDFWith.
type VerifyOptions struct {
	// Roots are the trusted roots, for signers and time-stamp
	// authorities; nil: chains are not checked (ErrChainNotChecked).
	Roots *x509.CertPool
	// Revocation, when set, is asked for the status of each signer's
	// certificate (with its issuer) whose chain is valid; an error leaves
	// the status unknown, which alone does not invalidate a signature.
	Revocation func(cert, issuer *x509.Certificate) (*Revocation, error)
	// Now is the time of verification; zero means time.Now.
	Now time.Time
}

// VerifyPDF is VerifyPDFWith with roots only: revocation comes from the
// document's DSS, if it has one.
func VerifyPDF(pdf []byte, roots *x509.CertPool) ([]SignatureResult, error) {
	return VerifyPDFWith(pdf, VerifyOptions{Roots: roots})
}

// VerifyPDFWith checks every signature field that has a /ByteRange, and
// returns one result per field in the order the signatures were added.
//
// A signature with a signature time stamp (PAdES B-T) is judged at the
// time the stamp proves, once the stamp verifies (its authority chains to
// o.Roots with EKU time-stamping): the signer's chain is checked at that
// time, so a certificate that has expired or been revoked since still
// counts, and a revocation (o.Revocation) only invalidates the signature
// when it happened before. Without a time stamp, the chain and the
// revocation status are judged now: the signer-claimed /M proves nothing.
// With nil roots chains are not checked and ChainValid is false
// (ErrChainNotChecked). Problems with one signature are reported in its
// result, not as an error. VerifyPDFWith refuses bytes that are not a PDF
// (ErrNotPDF), larger than MaxPDFSize (ErrPDFTooLarge), and a PDF without
// signatures (ErrNoSignatures).
func VerifyPDFWith(pdf []byte, o VerifyOptions) ([]SignatureResult, error) {
	f, err := pdfOpen(pdf)
	if err != nil {
		return nil, err
	}
	fields := f.signatureFields()
	if len(fields) == 0 {
		return nil, ErrNoSignatures
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	dss := f.dss()
	results := make([]SignatureResult, 0, len(fields))
	for _, fl := range fields {
		results = append(results, f.verifySignature(fl, o, dss))
	}
	slices.SortStableFunc(results, func(a, b SignatureResult) int {
		return cmp.Compare(a.ByteRange[1], b.ByteRange[1])
	})
	f.assignLevels(results)
	return results, nil
}

// assignLevels raises B-T signatures to B-LT when the document has a DSS,
// and to B-LTA when a document time stamp follows them.
func (f *pdfFile) assignLevels(results []SignatureResult) {
	root := f.dict(f.trailer.get("Root"))
	hasDSS := root != nil && f.dict(root.get("DSS")) != nil
	for i := range results {
		if results[i].Level != LevelBT || !hasDSS {
			continue
		}
		results[i].Level = LevelBLT
		for _, later := range results[i+1:] {
			if later.SubFilter == "ETSI.RFC3161" && later.DigestValid {
				results[i].Level = LevelBLTA
				break
			}
		}
	}
}

// ByteRangeContent returns the bytes a signature with byteRange covers, as
// one slice. It refuses ranges outside pdf or out of order
// (ErrByteRangeInvalid).
func ByteRangeContent(pdf []byte, byteRange [4]int64) ([]byte, error) {
	a, b, err := pdfRanges(pdf, byteRange)
	if err != nil {
		return nil, err
	}
	return append(append(make([]byte, 0, len(a)+len(b)), a...), b...), nil
}

func pdfRanges(pdf []byte, br [4]int64) ([]byte, []byte, error) {
	n := int64(len(pdf))
	for _, v := range br {
		if v < 0 || v > n {
			return nil, nil, ErrByteRangeInvalid
		}
	}
	if br[0]+br[1] > br[2] || br[2]+br[3] > n {
		return nil, nil, ErrByteRangeInvalid
	}
	return pdf[br[0] : br[0]+br[1]], pdf[br[2] : br[2]+br[3]], nil
}

type pdfSigField struct {
	name string
	sig  *pdfDict
}

// signatureFields walks the form's field tree for signature fields whose
// value has a /ByteRange.
func (f *pdfFile) signatureFields() []pdfSigField {
	root := f.dict(f.trailer.get("Root"))
	acro := f.dict(root.get("AcroForm"))
	var out []pdfSigField
	seenObj := map[int]bool{}
	seenSig := map[*pdfDict]bool{}
	visits := 0
	var walk func(o pdfObject, parent string, ft pdfName, depth int)
	walk = func(o pdfObject, parent string, ft pdfName, depth int) {
		if depth > pdfMaxDepth || visits >= pdfMaxFields || len(out) >= pdfMaxSignatures {
			return
		}
		visits++
		if r, ok := o.(pdfRef); ok {
			if seenObj[r.num] {
				return
			}
			seenObj[r.num] = true
		}
		d := f.dict(o)
		if d == nil {
			return
		}
		name := parent
		if t := f.str(d.get("T")); t != nil {
			if name != "" {
				name += "."
			}
			name += pdfText(t)
		}
		if v := f.name(d.get("FT")); v != "" {
			ft = v
		}
		if ft == "Sig" {
			if sig := f.dict(d.get("V")); sig != nil && sig.get("ByteRange") != nil && !seenSig[sig] {
				seenSig[sig] = true
				out = append(out, pdfSigField{name, sig})
			}
		}
		for _, k := range f.array(d.get("Kids")) {
			walk(k, name, ft, depth+1)
		}
	}
	for _, fo := range f.array(acro.get("Fields")) {
		walk(fo, "", "", 0)
	}
	return out
}

func (f *pdfFile) verifySignature(fl pdfSigField, o VerifyOptions, dss *pdfDSS) SignatureResult {
	sig := fl.sig
	r := SignatureResult{
		Field:     fl.name,
		Name:      pdfText(f.str(sig.get("Name"))),
		Reason:    pdfText(f.str(sig.get("Reason"))),
		Location:  pdfText(f.str(sig.get("Location"))),
		SubFilter: string(f.name(sig.get("SubFilter"))),
	}
	r.SigningTime, _ = pdfParseDate(string(f.str(sig.get("M"))))

	cms, err := f.signatureBytes(sig, &r)
	if err != nil {
		r.Err = err
		return r
	}
	r.CMS = cmsTrim(cms)
	switch r.SubFilter {
	case "ETSI.CAdES.detached", "adbe.pkcs7.detached", "adbe.pkcs7.sha1", "ETSI.RFC3161":
	default:
		r.Err = fmt.Errorf("%w: /SubFilter /%s", ErrCMSUnsupported, r.SubFilter)
		return r
	}
	sd, err := ParseSignedData(cms)
	if err != nil {
		r.Err = err
		return r
	}
	r.Certificates = sd.Certificates
	if c := sd.Signer; c != nil {
		r.Certificate = c
		r.Name = c.Subject.CommonName
		r.RFC = SubjectRFC(c.Subject)
		if r.RFC == "" {
			r.RFC = strings.TrimSpace(c.Subject.SerialNumber)
		}
		r.Serial = SerialHex(c)
	}
	if r.SigningTime.IsZero() {
		r.SigningTime = sd.SigningTime
	}
	a, b, _ := pdfRanges(f.data, r.ByteRange)
	var errs []error
	if r.SubFilter == "ETSI.RFC3161" {
		// A document timestamp: the authority's time replaces the claimed one.
		var at time.Time
		at, r.DigestValid, r.SignatureValid, err = sd.VerifyTimestamp(a, b)
		if !at.IsZero() {
			r.SigningTime = at
		}
	} else {
		r.DigestValid, r.SignatureValid, err = sd.VerifyDetached(a, b)
	}
	if err != nil {
		errs = append(errs, err)
	}
	// The time the chain is judged at: a document timestamp's own time
	// (its authority vouches for it), a signature time stamp's once it
	// verifies, else now.
	r.CheckedAt = o.Now
	if r.SubFilter == "ETSI.RFC3161" {
		r.CheckedAt = r.SigningTime
	} else {
		r.Level = LevelBB
		if err := r.checkTimestamp(sd, o.Roots); err != nil {
			errs = append(errs, err)
		}
		if r.TimestampValid {
			r.CheckedAt = r.Timestamp.GenTime
		}
	}
	if sd.Signer != nil {
		chains, err := pdfCheckChain(sd, r.CheckedAt, o.Roots)
		if err != nil {
			errs = append(errs, err)
		} else {
			r.ChainValid = true
			if err := r.checkRevocation(chains, o, dss); err != nil {
				errs = append(errs, err)
			}
		}
	}
	r.Err = errors.Join(errs...)
	return r
}

// checkTimestamp reads the signature time stamp, if any, sets r.Level and
// r.Timestamp, and r.TimestampValid when it stamps this signature and its
// authority is trusted. A stamp that is there but does not verify is an
// error: the signature is then not trusted at any time.
func (r *SignatureResult) checkTimestamp(sd *SignedData, roots *x509.CertPool) error {
	tok, err := sd.SignatureTimestamp()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrTimestampInvalid, err)
	}
	if tok == nil {
		return nil
	}
	r.Timestamp = tok
	h := tok.Hash.New()
	h.Write(sd.SignatureValue())
	if bytes.Equal(h.Sum(nil), tok.HashedMessage) {
		r.Level = LevelBT
	}
	err = tok.Verify(sd.SignatureValue(), roots)
	switch {
	case err == nil:
		r.TimestampValid = true
	case errors.Is(err, ErrChainNotChecked):
		// Reported once, by the signer's chain.
		return nil
	}
	return err
}

// checkRevocation asks the caller about the signer's certificate, issued
// by the next certificate of the first verified chain, or else reads the
// document's DSS (B-LT).
func (r *SignatureResult) checkRevocation(chains [][]*x509.Certificate, o VerifyOptions, dss *pdfDSS) error {
	if len(chains) == 0 || len(chains[0]) < 2 {
		return nil
	}
	var rev *Revocation
	if o.Revocation != nil {
		rev, _ = o.Revocation(chains[0][0], chains[0][1])
	}
	if rev == nil && dss != nil {
		rev = dss.revocation(chains[0][0], chains[0][1])
	}
	if rev == nil {
		return nil
	}
	r.Revocation = rev
	if !rev.Revoked {
		return nil
	}
	if r.TimestampValid && r.Timestamp.GenTime.Before(rev.At.Add(rev.Precision)) {
		r.SignedBeforeRevocation = true
		return nil
	}
	return fmt.Errorf("%w (%s)", ErrRevoked, rev.At.UTC().Format(time.RFC3339))
}

// signatureBytes checks the /ByteRange, fills r.ByteRange, coverage and
// r.ModifiedAfter, and returns the signature from the hole the ranges leave,
// which must be exactly the dictionary's /Contents: otherwise the signed
// bytes could be shifted around a signature of something else.
func (f *pdfFile) signatureBytes(sig *pdfDict, r *SignatureResult) ([]byte, error) {
	arr := f.array(sig.get("ByteRange"))
	if len(arr) != 4 {
		return nil, ErrByteRangeInvalid
	}
	for i, o := range arr {
		v, ok := f.int(o)
		if !ok {
			return nil, ErrByteRangeInvalid
		}
		r.ByteRange[i] = v
	}
	br := r.ByteRange
	if _, _, err := pdfRanges(f.data, br); err != nil {
		return nil, err
	}
	end := br[2] + br[3]
	r.CoversWholeFile = len(bytes.TrimRight(f.data[end:], "\x00\t\n\f\r ")) == 0
	r.ModifiedAfter = !r.CoversWholeFile
	if br[0] != 0 {
		return nil, fmt.Errorf("%w: the first range does not start the file", ErrByteRangeInvalid)
	}
	hole := f.data[br[1]:br[2]]
	if len(hole) < 2 || hole[0] != '<' || hole[len(hole)-1] != '>' || len(hole) > pdfMaxContents {
		return nil, fmt.Errorf("%w: the hole is not a hex string", ErrByteRangeInvalid)
	}
	cms, ok := pdfDecodeHex(hole[1 : len(hole)-1])
	if !ok {
		return nil, fmt.Errorf("%w: the hole is not a hex string", ErrByteRangeInvalid)
	}
	if !bytes.Equal(cms, f.str(sig.get("Contents"))) {
		return nil, fmt.Errorf("%w: /Contents lies elsewhere", ErrByteRangeInvalid)
	}
	return cms, nil
}

func pdfCheckChain(sd *SignedData, at time.Time, roots *x509.CertPool) ([][]*x509.Certificate, error) {
	if roots == nil {
		return nil, ErrChainNotChecked
	}
	if at.IsZero() {
		at = time.Now()
	}
	inter := x509.NewCertPool()
	for _, c := range sd.Certificates {
		if c != sd.Signer {
			inter.AddCert(c)
		}
	}
	chains, err := sd.Signer.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   at,
		// Employers' certificates carry whatever usages their CA chose.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrChainUntrusted, err)
	}
	return chains, nil
}

// cmsTrim drops the zero padding after a DER signature.
func cmsTrim(b []byte) []byte {
	var rv asn1.RawValue
	if _, err := asn1.Unmarshal(b, &rv); err == nil {
		return b[:len(rv.FullBytes)]
	}
	return bytes.TrimRight(b, "\x00")
}

// pdfParseDate reads D:YYYYMMDDHHmmSSOHH'mm', where everything after the
// year is optional.
func pdfParseDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	num := func(i, n, def int) int {
		if len(s) < i+n {
			return def
		}
		v, err := strconv.Atoi(s[i : i+n])
		if err != nil {
			return def
		}
		return v
	}
	if len(s) < 4 {
		return time.Time{}, false
	}
	year := num(0, 4, -1)
	if year < 0 {
		return time.Time{}, false
	}
	loc := time.UTC
	if len(s) > 14 {
		switch tz := s[14:]; tz[0] {
		case '+', '-':
			h, m := 0, 0
			rest := strings.NewReplacer("'", "", ":", "").Replace(tz[1:])
			if len(rest) >= 2 {
				h, _ = strconv.Atoi(rest[:2])
			}
			if len(rest) >= 4 {
				m, _ = strconv.Atoi(rest[2:4])
			}
			off := h*3600 + m*60
			if tz[0] == '-' {
				off = -off
			}
			loc = time.FixedZone("", off)
		}
	}
	t := time.Date(year, time.Month(num(4, 2, 1)), num(6, 2, 1), num(8, 2, 0), num(10, 2, 0), num(12, 2, 0), 0, loc)
	return t, true
}
