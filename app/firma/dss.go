package firma

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"

	"github.com/seguritools/seguritools/crypto"
)

// maxCRL caps a downloaded CRL.
const maxCRL = 4 << 20

// agregarDSS adds to a freshly signed pdf the validation data of its last
// signature: the certificates it carries, its time stamp's, and the CRL
// of each certificate's first CRL distribution point, fetched with hc
// (nil: a plain client bounded by TiempoTSA). A certificate that names no
// CRL is added alone: refca's TSA certificate names none, and the CRL of
// the CA that issued it, fetched for the signer, covers it.
func agregarDSS(pdf []byte, hc *http.Client) ([]byte, error) {
	if hc == nil {
		hc = &http.Client{Timeout: TiempoTSA}
	}
	rs, err := crypto.VerifyPDF(pdf, nil)
	if err != nil || len(rs) == 0 {
		return nil, fmt.Errorf("firma: DSS: %w", err)
	}
	last := rs[len(rs)-1]
	certs := append([]*x509.Certificate(nil), last.Certificates...)
	if last.Timestamp != nil && last.Timestamp.Authority != nil {
		certs = append(certs, last.Timestamp.Authority)
	}
	var v crypto.ValidationData
	seen := map[string]bool{}
	crls := map[string][]byte{}
	for _, c := range certs {
		if seen[string(c.Raw)] {
			continue
		}
		seen[string(c.Raw)] = true
		v.Certificates = append(v.Certificates, c.Raw)
		if c.CheckSignatureFrom(c) == nil {
			continue // a root: no one revokes it
		}
		if len(c.CRLDistributionPoints) == 0 {
			continue
		}
		url := c.CRLDistributionPoints[0]
		if _, ok := crls[url]; ok {
			continue
		}
		crl, err := descargarCRL(hc, url)
		if err != nil {
			return nil, err
		}
		crls[url] = crl
		v.CRLs = append(v.CRLs, crl)
	}
	return crypto.AddDSS(pdf, v)
}

func descargarCRL(hc *http.Client, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), TiempoTSA)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("firma: CRL %q: %w", url, err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("firma: CRL: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("firma: CRL %q: status %d", url, resp.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxCRL+1))
	if err != nil || len(b) > maxCRL {
		return nil, fmt.Errorf("firma: CRL %q: %v (%d bytes)", url, err, len(b))
	}
	if _, err := x509.ParseRevocationList(b); err != nil {
		return nil, fmt.Errorf("firma: CRL %q: %w", url, err)
	}
	return b, nil
}
