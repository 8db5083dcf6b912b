package api

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/api/wire"
)

// FuzzDecodificar: the strict decoder never panics and accepts only one
// JSON object with known fields.
func FuzzDecodificar(f *testing.F) {
	f.Add([]byte(`{"datos":{},"csr":""}`))
	f.Add([]byte(`{"csr":"AAAA"} {}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"datos":{"empresa":{"rfc":1}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s wire.SolicitudNueva
		if err := decodificar(b, &s); err == nil && !strings.HasPrefix(strings.TrimSpace(string(b)), "{") {
			t.Fatalf("accepted a non-object: %q", b)
		}
		var r wire.RenovacionNueva
		decodificar(b, &r)
		var a wire.AdicionalNuevo
		decodificar(b, &a)
		var c wire.CartaFirmada
		decodificar(b, &c)
	})
}

// FuzzPrueba: the proof-of-possession header parser never panics and
// never returns a proof with an empty part, or naming both a certificate
// and a request, or without the message to verify.
func FuzzPrueba(f *testing.F) {
	f.Add("NPIE-PoP serial=ab, reto=cd, firma=AAAA")
	f.Add("NPIE-PoP solicitud=123456789012, reto=cd, firma=AAAA")
	f.Add("NPIE-PoP serial=ab, solicitud=cd, reto=cd, firma=AAAA")
	f.Add("NPIE-PoP serial=, reto=, firma=")
	f.Add("Bearer x")
	f.Fuzz(func(t *testing.T, h string) {
		r := httptest.NewRequest("POST", "/api/v1/adicionales", nil)
		r.Header.Set("Authorization", h)
		p, err := prueba(r, nil)
		if err == nil && ((p.Serial == "") == (p.Solicitud == "") || p.Reto == "" || len(p.Firma) == 0 ||
			!strings.Contains(string(p.Mensaje), "\n"+p.Reto+"\n")) {
			t.Fatalf("accepted incomplete proof %q", h)
		}
	})
}
