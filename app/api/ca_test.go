package api_test

import (
	"crypto/x509"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/seguritools/seguritools/app/api/wire"
)

// TestCA_DevuelveLaCadena: GET /api/v1/ca answers the root, the chain of
// issued certificates (issuer first, root last) and the revocation URLs.
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
	if err != nil || len(v.Cadena) == 0 {
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
}
