package api

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/seguritools/seguritools/app/ca"
)

// maxConsultaTSA caps a TimeStampReq: a SHA-512 imprint, a nonce and a
// policy fit in well under 1 KiB.
const maxConsultaTSA = 4 << 10

// Content types of RFC 3161 over HTTP (section 3.4).
const (
	tipoConsultaTSA  = "application/timestamp-query"
	tipoRespuestaTSA = "application/timestamp-reply"
)

// manejadorTSA serves POST /tsa: anyone may ask, so each address is
// rate-limited like the other unauthenticated calls; the answer is always
// a TimeStampResp (a rejection for a malformed request), or a plain HTTP
// error when the request is not one at all.
func (s *Server) manejadorTSA(t *ca.TSA, lim *limiter) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != tipoConsultaTSA {
			http.Error(w, "", http.StatusUnsupportedMediaType)
			return
		}
		d, err := lim.espera(r, clientIP(r))
		if err != nil {
			s.log.Error("tsa", "err", err)
			http.Error(w, "", http.StatusInternalServerError)
			return
		}
		if d > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(max(1, d.Round(time.Second)/time.Second))))
			http.Error(w, "", http.StatusTooManyRequests)
			return
		}
		req, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxConsultaTSA))
		if err != nil {
			http.Error(w, "", http.StatusRequestEntityTooLarge)
			return
		}
		resp, err := t.Sellar(req)
		if err != nil {
			s.log.Error("tsa", "err", err)
			http.Error(w, "", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", tipoRespuestaTSA)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(resp)
	}
}
