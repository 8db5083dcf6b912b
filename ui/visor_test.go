//go:build ci

package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
)

// Without a PDF viewer, opening a letter that exists says there is no
// viewer (not that the file is missing), and Imprimir does not then claim
// the letter opened.
func TestAbrirCarta_SinVisor_DiceQueNoHayVisor(t *testing.T) {
	dir := t.TempDir()
	e := nuevoEntorno(t, dir, nil)
	var codigos []string
	e.AlError = func(err error) { codigos = append(codigos, msg.CodeOf(err)) }
	e.Abrir = func(string) error { return errors.New("xdg-open: no such file") }
	carta := filepath.Join(dir, "carta.pdf")
	if err := os.WriteFile(carta, []byte("%PDF-1.7\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	if abrirArchivo(e, carta) {
		t.Fatal("abrirArchivo dice que abrió la carta")
	}
	if abrirArchivo(e, filepath.Join(dir, "no-existe.pdf")) {
		t.Fatal("abrirArchivo dice que abrió un archivo que no existe")
	}
	if strings.Join(codigos, ",") != msg.CodeVisorPDFNoDisponible+","+msg.CodeArchivoNoLeido {
		t.Fatalf("errores %v, quiero %s y %s", codigos, msg.CodeVisorPDFNoDisponible, msg.CodeArchivoNoLeido)
	}
	cerrarDialogos(e.Ventana)

	codigos = nil
	botones := botonesCarta(e, carta, "carta.pdf").(*fyne.Container)
	for _, o := range botones.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Imprimir" {
			test.Tap(b)
		}
	}
	if strings.Join(codigos, ",") != msg.CodeVisorPDFNoDisponible {
		t.Fatalf("Imprimir: errores %v, quiero %s", codigos, msg.CodeVisorPDFNoDisponible)
	}
	if _, ok := buscar(e.Ventana, func(l *widget.Label) bool { return strings.Contains(l.Text, "La carta se abrió") }); ok {
		t.Error("Imprimir dice que la carta se abrió")
	}
}
