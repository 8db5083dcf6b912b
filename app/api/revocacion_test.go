package api_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"

	"github.com/seguritools/seguritools/internal/testtool"
)

// TestRevocacion_HTTPPlano_OpenSSLGoodLuegoRevoked: issued certificates
// point at http:// CRL, OCSP and caIssuers URLs on the second listener;
// `openssl ocsp` over that URL reports the certificate good, then revoked.
// The plain listener serves nothing of the API.
func TestRevocacion_HTTPPlano_OpenSSLGoodLuegoRevoked(t *testing.T) {
	openssl := testtool.Require(t, "openssl")
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	cert := cred.Certificate
	for _, u := range append(append(cert.OCSPServer, cert.CRLDistributionPoints...), cert.IssuingCertificateURL...) {
		if !strings.HasPrefix(u, m.e.urlHTTP+"/") {
			t.Errorf("URL %q is not on the plain-HTTP listener %s", u, m.e.urlHTTP)
		}
	}
	for _, c := range []struct {
		path   string
		status int
	}{{"/crl", 200}, {"/ca/emisor.cer", 200}, {"/ca/raiz.cer", 200}, {"/api/v1/ca", 404}, {"/api/v1/ventanilla/solicitudes", 404}} {
		resp, err := http.Get(m.e.urlHTTP + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("http GET %s: %d", c.path, resp.StatusCode)
		}
		if c.path == "/crl" {
			if _, err := x509.ParseRevocationList(b); err != nil {
				t.Errorf("CRL over http: %v", err)
			}
		}
	}
	dir := t.TempDir()
	raiz := filepath.Join(dir, "raiz.pem")
	os.WriteFile(raiz, m.e.raizPEM, 0o600)
	p := escribirPEM(t, filepath.Join(dir, "cert.pem"), cert)
	emisor := escribirPEM(t, filepath.Join(dir, "emisor.pem"), cred.Chain[0])
	consultar := func() string {
		out, err := exec.Command(openssl, "ocsp", "-issuer", emisor, "-cert", p, "-url", cert.OCSPServer[0],
			"-CAfile", raiz, "-no_nonce").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Response verify OK") {
			t.Fatalf("openssl ocsp: %v\n%s", err, out)
		}
		return string(out)
	}
	if out := consultar(); !strings.Contains(out, ": good") {
		t.Fatalf("before revoking: %s", out)
	}
	if _, err := m.c.Revocar(ctx, cred, "cese"); err != nil {
		t.Fatal(err)
	}
	if out := consultar(); !strings.Contains(out, ": revoked") {
		t.Fatalf("after revoking: %s", out)
	}
}

// TestOCSP_UnaFirmaPorCambioDeEstado: the same question gets the very
// same signed bytes (made once, not signed per request) until the
// certificate's state changes; an unknown serial costs no signature.
func TestOCSP_UnaFirmaPorCambioDeEstado(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	emisor := cred.Chain[0]
	req, err := ocsp.CreateRequest(cred.Certificate, emisor, nil)
	if err != nil {
		t.Fatal(err)
	}
	preguntar := func() []byte {
		resp, err := http.Post(m.e.urlHTTP+"/ocsp", "application/ocsp-request", bytes.NewReader(req))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return b
	}
	primera := preguntar()
	r, err := ocsp.ParseResponse(primera, emisor)
	if err != nil || r.Status != ocsp.Good {
		t.Fatalf("first answer: %v %+v", err, r)
	}
	// A minute between questions: a response made anew would carry
	// another thisUpdate.
	for i := 0; i < 20; i++ {
		m.e.reloj.avanzar(time.Minute)
		if !bytes.Equal(preguntar(), primera) {
			t.Fatal("the same question got a newly signed answer")
		}
	}
	if _, err := m.c.Revocar(ctx, cred, "cese"); err != nil {
		t.Fatal(err)
	}
	r, err = ocsp.ParseResponse(preguntar(), emisor)
	if err != nil || r.Status != ocsp.Revoked {
		t.Fatalf("after revoking: %v %+v", err, r)
	}
	otro := *cred.Certificate
	otro.SerialNumber = otro.SerialNumber.Add(otro.SerialNumber, otro.SerialNumber)
	req2, _ := ocsp.CreateRequest(&otro, emisor, nil)
	resp, err := http.Post(m.e.urlHTTP+"/ocsp", "application/ocsp-request", bytes.NewReader(req2))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(b, ocsp.UnauthorizedErrorResponse) {
		t.Errorf("unknown serial: %x", b)
	}
}

func pemBloque(t *testing.T, b []byte) []byte {
	t.Helper()
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatal("no PEM block")
	}
	return blk.Bytes
}
