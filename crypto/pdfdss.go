package crypto

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"time"
)

// ValidationData is what a verifier needs to judge signatures later without
// asking anyone (PAdES B-LT): certificates (the signers', their chains',
// the time-stamp authorities'), CRLs and OCSP responses, all DER.
type ValidationData struct {
	Certificates [][]byte
	CRLs         [][]byte
	OCSPs        [][]byte
}

// AddDSS appends to pdf an incremental update with a Document Security
// Store (ETSI EN 319 142-1, PDF 2.0 12.8.4.3): the catalog's /DSS lists
// the certificates, CRLs and OCSP responses of v as streams, after those
// of an existing DSS. The update changes no signed byte: signatures stay
// valid, with later revisions after them. It refuses files SignPDF
// refuses, and empty validation data.
func AddDSS(pdf []byte, v ValidationData) ([]byte, error) {
	if len(v.Certificates)+len(v.CRLs)+len(v.OCSPs) == 0 {
		return nil, fmt.Errorf("crypto: DSS: no validation data")
	}
	f, err := pdfOpenForUpdate(pdf)
	if err != nil {
		return nil, err
	}
	u, err := pdfPlanUpdate(f, pdf)
	if err != nil {
		return nil, err
	}
	u.out = append(make([]byte, 0, len(pdf)+8192), pdf...)
	if n := len(u.out); n > 0 && u.out[n-1] != '\n' && u.out[n-1] != '\r' {
		u.out = append(u.out, '\n')
	}
	dss := &pdfDict{}
	if old := f.dict(u.catalog.get("DSS")); old != nil {
		dss = old.clone()
	}
	dss.set("Type", pdfName("DSS"))
	for _, kind := range []struct {
		key   pdfName
		items [][]byte
	}{{"Certs", v.Certificates}, {"CRLs", v.CRLs}, {"OCSPs", v.OCSPs}} {
		arr := append(pdfArray(nil), f.array(dss.get(kind.key))...)
		for _, item := range kind.items {
			r := u.alloc()
			u.stream(r, &pdfDict{}, item)
			arr = append(arr, r)
		}
		if len(arr) > 0 {
			dss.set(kind.key, arr)
		}
	}
	dssRef := u.alloc()
	u.object(dssRef, dss)
	cat := u.catalog.clone()
	cat.set("DSS", dssRef)
	u.object(u.rootRef, cat)
	if err := u.writeXref(); err != nil {
		return nil, err
	}
	return u.out, nil
}

// pdfDSS is the validation data a document's DSS holds, parsed; nil
// without a DSS.
type pdfDSS struct {
	certs []*x509.Certificate
	crls  []*x509.RevocationList
}

// maxDSSItems bounds what one DSS may make the verifier parse.
const maxDSSItems = 256

func (f *pdfFile) dss() *pdfDSS {
	root := f.dict(f.trailer.get("Root"))
	d := f.dict(root.get("DSS"))
	if d == nil {
		return nil
	}
	out := &pdfDSS{}
	for i, o := range f.array(d.get("Certs")) {
		if i >= maxDSSItems {
			break
		}
		if b, ok := f.dssStream(o); ok {
			if c, err := x509.ParseCertificate(b); err == nil {
				out.certs = append(out.certs, c)
			}
		}
	}
	for i, o := range f.array(d.get("CRLs")) {
		if i >= maxDSSItems {
			break
		}
		if b, ok := f.dssStream(o); ok {
			if c, err := x509.ParseRevocationList(b); err == nil {
				out.crls = append(out.crls, c)
			}
		}
	}
	return out
}

// dssStream is the decoded data of the stream o refers to.
func (f *pdfFile) dssStream(o pdfObject) ([]byte, bool) {
	o, err := f.resolve(o)
	if err != nil {
		return nil, false
	}
	s, ok := o.(*pdfStream)
	if !ok {
		return nil, false
	}
	b, err := f.decodeStream(s)
	return b, err == nil
}

// revocation answers from the DSS's CRLs: the newest CRL of issuer whose
// signature verifies tells cert's status as of its ThisUpdate. It returns
// nil when no CRL of issuer is there.
func (d *pdfDSS) revocation(cert, issuer *x509.Certificate) *Revocation {
	var best *x509.RevocationList
	for _, c := range d.crls {
		if !bytes.Equal(c.RawIssuer, issuer.RawSubject) || c.CheckSignatureFrom(issuer) != nil {
			continue
		}
		if best == nil || c.ThisUpdate.After(best.ThisUpdate) {
			best = c
		}
	}
	if best == nil {
		return nil
	}
	for _, e := range best.RevokedCertificateEntries {
		if e.SerialNumber.Cmp(cert.SerialNumber) == 0 {
			return &Revocation{Revoked: true, At: e.RevocationTime, Reason: e.ReasonCode, Precision: time.Second, Until: best.ThisUpdate}
		}
	}
	return &Revocation{Until: best.ThisUpdate}
}
