package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// TestSalud: GET /salud on the plain-HTTP listener answers 200 while the
// store and the key work, and INTERNO (500) once the store is gone, so a
// load balancer stops sending calls to that instance.
func TestSalud(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	obtener := func() (int, map[string]any) {
		t.Helper()
		resp, err := http.Get(e.urlHTTP + "/salud")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var v map[string]any
		json.Unmarshal(b, &v)
		return resp.StatusCode, v
	}
	if st, v := obtener(); st != http.StatusOK || v["estado"] != "ok" {
		t.Fatalf("healthy instance: %d %v", st, v)
	}
	e.db.Close()
	if st, v := obtener(); st != http.StatusInternalServerError || v["code"] != "INTERNO" {
		t.Fatalf("instance without its store: %d %v; want 500 INTERNO", st, v)
	}
}
