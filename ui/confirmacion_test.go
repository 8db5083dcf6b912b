//go:build ci

package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
)

// The typed confirmation is a quiet hint until the user types; a wrong
// word turns it red, keeps Confirmar disabled and the dialog open; the
// exact word confirms.
func TestConfirmacionEscrita_PalabraEquivocadaNoCierra(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	w := e.Ventana
	confirmado := false
	confirmarEscrito(e, "Revocar certificado", "No se puede deshacer.", "REVOCAR", func() { confirmado = true })
	pista, ok := etiquetaCon(w, msg.New(msg.CodeUIConfirmacionTexto, "REVOCAR").Mensaje(msg.ES))
	if !ok {
		t.Fatal("no se muestra qué escribir")
	}
	if pista.Importance == widget.DangerImportance {
		t.Error("la indicación se muestra como error antes de escribir")
	}
	entrada := esperarConfirmacion(t, w)
	confirmar := boton(t, w, "Confirmar")
	test.Type(entrada, "REVOCA")
	if pista.Importance == widget.DangerImportance || !confirmar.Disabled() {
		t.Error("a medio escribir: error mostrado o Confirmar habilitado")
	}
	entrada.SetText("BORRAR")
	if pista.Importance != widget.DangerImportance || !confirmar.Disabled() {
		t.Error("con una palabra equivocada no se avisa o Confirmar sigue habilitado")
	}
	test.Tap(confirmar)
	if confirmado || len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("una palabra equivocada cerró el diálogo o confirmó")
	}
	entrada.SetText("REVOCAR")
	test.Tap(confirmar)
	if !confirmado || len(w.Canvas().Overlays().List()) != 0 {
		t.Fatalf("la palabra exacta no confirmó (confirmado %v)", confirmado)
	}
}
