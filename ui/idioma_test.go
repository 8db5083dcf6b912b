package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/seguritools/seguritools/app/msg"
)

// Every text the screens show has its Spanish and its English entry.
func TestIdioma_TodosLosTextosTraducidos(t *testing.T) {
	es, err := traducciones(msg.ES)
	if err != nil {
		t.Fatal(err)
	}
	en, err := traducciones(msg.EN)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`lang\.L\("((?:[^"\\]|\\.)*)"`)
	fs, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var claves []string
	distintas := map[string]bool{}
	archivos := 0
	for _, f := range fs {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		archivos++
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			k := strings.ReplaceAll(m[1], `\"`, `"`)
			claves = append(claves, k)
			distintas[k] = true
		}
	}
	// A glob or a pattern that finds nothing would check nothing: the
	// screens have well over 200 texts in more than 15 files.
	if archivos < 15 || len(distintas) < 200 {
		t.Fatalf("se revisaron %d textos distintos en %d archivos; se esperaban al menos 200 en 15", len(distintas), archivos)
	}
	for _, p := range Pantallas() {
		claves = append(claves, p.Titulo, p.Resumen)
	}
	for _, g := range gruposInicio {
		claves = append(claves, g.titulo)
	}
	for _, k := range claves {
		if k == "" {
			continue
		}
		if _, ok := es[k]; !ok {
			t.Errorf("falta en es.json: %q", k)
		}
		if _, ok := en[k]; !ok {
			t.Errorf("falta en en.json: %q", k)
		}
	}
}

// English is selectable and Spanish is the default.
func TestIdioma_CambiarAIngles(t *testing.T) {
	nuevoEntorno(t, t.TempDir(), nil)
	if got := lang.L("Siguiente"); got != "Siguiente" {
		t.Fatalf("español: %q", got)
	}
	if err := UsarIdioma(msg.EN); err != nil {
		t.Fatal(err)
	}
	defer UsarIdioma(msg.ES)
	if got := lang.L("Siguiente"); got != "Next" {
		t.Fatalf("inglés: %q", got)
	}
	if Idioma() != msg.EN {
		t.Fatal("Idioma() no cambió")
	}
}
