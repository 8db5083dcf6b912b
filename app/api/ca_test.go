package api_test

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/seguritools/seguritools/app/api"
	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/msg"
)

// TestCA_DevuelveLaCadena: GET /api/v1/ca answers the root, the chain of
// issued certificates (the issuing CA, then the root) and the revocation
// URLs; the root's CRL is at the URL the issuing CA names.
func TestCA_DevuelveLaCadena(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	resp, err := httpCliente(e).Get(e.url + "/api/v1/ca")
	if err != nil {
		t.Fatalf("GET /api/v1/ca: %v", err)
	}
	defer resp.Body.Close()
	var v wire.CA
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/ca: %d %v", resp.StatusCode, err)
	}
	raiz, err := x509.ParseCertificate(v.Raiz)
	if err != nil || len(v.Cadena) != 2 {
		t.Fatalf("raiz %v, cadena %d", err, len(v.Cadena))
	}
	ultimo, err := x509.ParseCertificate(v.Cadena[len(v.Cadena)-1])
	if err != nil || !ultimo.Equal(raiz) {
		t.Errorf("the chain must end in the root: %v", err)
	}
	for i, der := range v.Cadena {
		c, err := x509.ParseCertificate(der)
		if err != nil || !c.IsCA {
			t.Errorf("cadena[%d]: %v", i, err)
		}
	}
	if v.CRL != e.a.URLCRL() || v.OCSP != e.a.URLOCSP() {
		t.Errorf("URLs: %q %q", v.CRL, v.OCSP)
	}
	emisor, _ := x509.ParseCertificate(v.Cadena[0])
	if emisor.Equal(raiz) || emisor.CheckSignatureFrom(raiz) != nil || emisor.MaxPathLen != 0 || !emisor.MaxPathLenZero {
		t.Fatal("cadena[0] must be the issuing CA, under the root, path length 0")
	}
	// The issuing CA was made at init, before the listener's URL was
	// known: its CRL lives at the path it names, on the plain listener.
	u := emisor.CRLDistributionPoints[0]
	resp2, err := http.Get(e.urlHTTP + u[strings.Index(u[len("http://"):], "/")+len("http://"):])
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	crl, err := x509.ParseRevocationList(b)
	if err != nil || crl.CheckSignatureFrom(raiz) != nil {
		t.Errorf("GET %s: %d %v", u, resp2.StatusCode, err)
	}
}

// TestErrorInterno_RegistraLaCausa: an unexpected failure answers the
// generic INTERNO to the client and logs the step that failed with its
// cause, not just the generic text.
func TestErrorInterno_RegistraLaCausa(t *testing.T) {
	var log bytes.Buffer
	var mu sync.Mutex
	e := iniciar(t, opcionesEntorno{api: api.Options{Logger: slog.New(slog.NewTextHandler(&syncWriter{w: &log, mu: &mu}, nil))}})
	e.db.Close()
	resp, err := httpCliente(e).Get(e.url + "/api/v1/npie/A0648787107")
	if err != nil {
		t.Fatal(err)
	}
	var we wire.Error
	json.NewDecoder(resp.Body).Decode(&we)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || we.Code != msg.CodeInterno {
		t.Fatalf("answer %d %+v", resp.StatusCode, we)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(log.String(), "causa=") || !strings.Contains(log.String(), "read request") {
		t.Errorf("log without the cause: %s", log.String())
	}
}

type syncWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
