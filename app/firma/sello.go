package firma

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/seguritools/seguritools/crypto"
)

// TiempoTSA bounds one time-stamp request: a signature waits for its
// stamp at most this long before it is made without one.
const TiempoTSA = 20 * time.Second

// maxRespuestaTSA caps a TimeStampResp: a token with a certificate chain
// is a few KiB.
const maxRespuestaTSA = 64 << 10

// Sellador returns a crypto.SignOptions.Timestamp that asks the RFC 3161
// authority at url (POST application/timestamp-query) with hc, or with a
// plain client bounded by TiempoTSA when hc is nil, and checks that the
// answer stamps the digest asked, with the nonce sent.
func Sellador(url string, hc *http.Client) func(digest []byte) ([]byte, error) {
	if hc == nil {
		hc = &http.Client{Timeout: TiempoTSA}
	}
	return func(digest []byte) ([]byte, error) {
		req, nonce, err := crypto.TimestampRequest(digest)
		if err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), TiempoTSA)
		defer cancel()
		hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(req))
		if err != nil {
			return nil, fmt.Errorf("firma: TSA %q: %w", url, err)
		}
		hreq.Header.Set("Content-Type", "application/timestamp-query")
		hreq.Header.Set("Accept", "application/timestamp-reply")
		resp, err := hc.Do(hreq)
		if err != nil {
			return nil, fmt.Errorf("firma: TSA: %w", err)
		}
		defer resp.Body.Close()
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if resp.StatusCode != http.StatusOK || (mt != "application/timestamp-reply" && mt != "application/timestamp-response") {
			return nil, fmt.Errorf("firma: TSA %q answered %d %q", url, resp.StatusCode, mt)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxRespuestaTSA+1))
		if err != nil {
			return nil, fmt.Errorf("firma: TSA: %w", err)
		}
		if len(body) > maxRespuestaTSA {
			return nil, fmt.Errorf("firma: TSA %q: answer too large", url)
		}
		return crypto.TimestampFromResponse(body, digest, nonce)
	}
}
