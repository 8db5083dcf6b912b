package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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

// Fyne's own dialogs speak Spanish too: Aceptar instead of OK, the file
// dialog's parent folder and titles ("Abrir carpeta", "Guardar archivo").
func TestIdioma_DialogosDeFyneEnEspanol(t *testing.T) {
	nuevoEntorno(t, t.TempDir(), nil)
	for _, c := range [][2]string{
		{lang.L("OK"), "Aceptar"},
		{lang.L("Cancel"), "Cancelar"},
		{lang.L("Yes"), "Sí"},
		{lang.X("file.parent", "Parent"), "Carpeta superior"},
		{lang.L("Open") + " " + lang.L("Folder"), "Abrir carpeta"},
		{lang.L("Save") + " " + lang.L("File"), "Guardar archivo"},
	} {
		if c[0] != c[1] {
			t.Errorf("%q, quiero %q", c[0], c[1])
		}
	}
}

// An error dialog is titled in Spanish, shows the message, then the code
// on a quieter line of its own, and closes with Aceptar.
func TestMostrarError_CodigoAparteYAceptar(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	e.AlError = nil
	e.MostrarError(fmt.Errorf("firmar carta: %w", msg.New(msg.CodeCartaEquivocada)))
	w := e.Ventana
	for _, s := range []string{"No se pudo continuar", msg.New(msg.CodeCartaEquivocada).Mensaje(msg.ES)} {
		if _, ok := buscar(w, func(l *widget.Label) bool { return l.Text == s }); !ok {
			t.Errorf("el diálogo no muestra %q", s)
		}
	}
	l, ok := buscar(w, func(l *widget.Label) bool { return l.Text == "Código 71" })
	if !ok || l.Importance != widget.LowImportance || l.SizeName != theme.SizeNameCaptionText {
		t.Errorf("línea del código: %v %+v", ok, l)
	}
	if _, ok := buscar(w, func(b *widget.Button) bool { return b.Text == "OK" }); ok {
		t.Error("el diálogo tiene un botón OK")
	}
	tocar(t, w, "Aceptar")
	if n := len(w.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d diálogos abiertos después de Aceptar", n)
	}
}
