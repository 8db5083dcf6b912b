package patron

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// leerEjemplo decodes one of the repository's example files strictly: a
// field renamed in the types must be renamed in the examples too.
func leerEjemplo(t *testing.T, nombre string, v any) {
	t.Helper()
	b, err := os.ReadFile("../../examples/" + nombre)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", nombre, err)
	}
}

func TestEjemplos_SonValidos(t *testing.T) {
	var s Solicitud
	leerEjemplo(t, "solicitud.json", &s)
	if ps := s.Validar(); ps != nil {
		t.Errorf("solicitud.json: %+v", ps)
	}
	if n := s.Normalizada(); n.Empresa.RegistroPatronal != "B7521588139" || n.Normalizada() != n {
		t.Errorf("solicitud.json normalizada: %+v", n)
	}
	if s.Empresa.RazonSocial != "EMPRESA MANUAL" {
		t.Errorf("solicitud.json: la razón social del manual es EMPRESA MANUAL, no %q", s.Empresa.RazonSocial)
	}

	var c Cambios
	leerEjemplo(t, "renovacion.json", &c)
	if ps := c.Validar(); ps != nil {
		t.Errorf("renovacion.json: %+v", ps)
	}
	if c.Normalizada() != c {
		t.Errorf("renovacion.json no está normalizado: %+v", c.Normalizada())
	}

	var a Adicional
	leerEjemplo(t, "adicional.json", &a)
	if ps := a.Validar(); ps != nil {
		t.Errorf("adicional.json: %+v", ps)
	}
	if a.Normalizada() != a {
		t.Errorf("adicional.json no está normalizado: %+v", a.Normalizada())
	}
}
