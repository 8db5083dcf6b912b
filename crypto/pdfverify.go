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
	ErrChainUntrusted   = errors.New("crypto: signer's certificate does not chain to a trusted root at signing time")
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
	ChainValid     bool // the certificate reached the given roots at SigningTime
	// CoversWholeFile says the signed ranges reach the end of the file;
	// otherwise ModifiedAfter: later revisions (perhaps further signatures)
	// were appended, which does not by itself invalidate this one.
	CoversWholeFile bool
	ModifiedAfter   bool

	// Err is nil when digest, signature and chain are all valid, and
	// otherwise says why not, joining sentinel errors such as
	// ErrDigestMismatch, ErrSignatureInvalid, ErrChainUntrusted,
	// ErrChainNotChecked, ErrByteRangeInvalid, ErrNotCMS, ErrCMSUnsupported.
	Err error
}

// Valid reports whether the signature's digest, value and chain are all valid.
func (r SignatureResult) Valid() bool { return r.DigestValid && r.SignatureValid && r.ChainValid }

// VerifyPDF checks every signature field that has a /ByteRange, and returns
// one result per field in the order the signatures were added. The chain is
// checked against roots as of the signing time (/M), since an employer's
// certificate may have expired since; with nil roots it is not checked and
// ChainValid is false (ErrChainNotChecked). Problems with one signature are
// reported in its result, not as an error. VerifyPDF refuses bytes that are
// not a PDF (ErrNotPDF), larger than MaxPDFSize (ErrPDFTooLarge), and a PDF
// without signatures (ErrNoSignatures).
func VerifyPDF(pdf []byte, roots *x509.CertPool) ([]SignatureResult, error) {
	f, err := pdfOpen(pdf)
	if err != nil {
		return nil, err
	}
	fields := f.signatureFields()
	if len(fields) == 0 {
		return nil, ErrNoSignatures
	}
	results := make([]SignatureResult, 0, len(fields))
	for _, fl := range fields {
		results = append(results, f.verifySignature(fl, roots))
	}
	slices.SortStableFunc(results, func(a, b SignatureResult) int {
		return cmp.Compare(a.ByteRange[1], b.ByteRange[1])
	})
	return results, nil
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

func (f *pdfFile) verifySignature(fl pdfSigField, roots *x509.CertPool) SignatureResult {
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
	if sd.Signer != nil {
		if err := pdfCheckChain(sd, r.SigningTime, roots); err != nil {
			errs = append(errs, err)
		} else {
			r.ChainValid = true
		}
	}
	r.Err = errors.Join(errs...)
	return r
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

func pdfCheckChain(sd *SignedData, at time.Time, roots *x509.CertPool) error {
	if roots == nil {
		return ErrChainNotChecked
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
	_, err := sd.Signer.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   at,
		// Employers' certificates carry whatever usages their CA chose.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrChainUntrusted, err)
	}
	return nil
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
