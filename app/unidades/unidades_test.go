package unidades

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/internal/fsutil"
)

func TestEscribirVerificado_EscribeYCompara(t *testing.T) {
	dir := t.TempDir()
	r, err := EscribirVerificado(dir, "NPIE.cer", []byte("certificado"), false)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("certificado"))
	if r.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("sha = %q", r.SHA256)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "NPIE.cer")); string(b) != "certificado" {
		t.Fatalf("contenido = %q", b)
	}
}

func TestEscribirVerificado_NoSobrescribe(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "NPIE.cer"), []byte("otro"), 0o644)
	if _, err := EscribirVerificado(dir, "NPIE.cer", []byte("nuevo"), false); !errors.Is(err, fsutil.ErrExists) {
		t.Fatalf("err = %v, quiero ErrExists", err)
	}
	if _, err := EscribirVerificado(dir, "NPIE.cer", []byte("nuevo"), true); err != nil {
		t.Fatal(err)
	}
}

func TestNombreUnidad_ComoElExplorador(t *testing.T) {
	if got := nombreUnidad("MEMORIA JOSÉ", "E:"); got != "MEMORIA JOSÉ (E:)" {
		t.Fatalf("got %q", got)
	}
	if got := nombreUnidad("", "F:"); got != "F:" {
		t.Fatalf("got %q", got)
	}
}
