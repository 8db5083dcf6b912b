package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
)

// TestConfig_Subdelegacion: `refca config --subdelegacion` changes the
// office in the settings and keeps the rest of them.
func TestConfig_Subdelegacion(t *testing.T) {
	dir := t.TempDir()
	aj := filepath.Join(dir, ca.ArchivoAjustes)
	if err := os.WriteFile(aj, []byte(`{"validez_dias": 365, "dias_plazo": 10, "nombres": ["ca.example"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run([]string{"config", "--data", dir, "--subdelegacion", "  León,   Gto. "}, nil, &out, &errb); err != nil {
		t.Fatalf("config: %v %s", err, errb.String())
	}
	var got ca.Ajustes
	b, _ := os.ReadFile(aj)
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Subdelegacion != "León, Gto." || got.ValidezDias != 365 || got.DiasPlazo != 10 || len(got.Nombres) != 1 {
		t.Fatalf("ajustes: %+v", got)
	}
	if !strings.Contains(out.String(), "León, Gto.") {
		t.Errorf("salida: %q", out.String())
	}
	var ue usageError
	if err := run([]string{"config", "--data", dir}, nil, &out, &errb); !errors.As(err, &ue) {
		t.Errorf("config sin --subdelegacion: %v", err)
	}
}

// TestClerkAdd_PideNombre: a clerk account needs the full name the
// Constancia prints.
func TestClerkAdd_PideNombre(t *testing.T) {
	var out, errb bytes.Buffer
	var ue usageError
	err := run([]string{"clerk", "add", "--data", t.TempDir(), "--user", "ana", "--password-file", "-"},
		strings.NewReader("ventanilla-secreta-1\n"), &out, &errb)
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--nombre") {
		t.Fatalf("clerk add sin --nombre: %v", err)
	}
}
