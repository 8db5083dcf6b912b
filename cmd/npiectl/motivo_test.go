package main

import (
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
)

// A data file that is not valid says why in catalogue terms, in the
// user's language, and never with encoding/json's own words.
func TestDatos_MotivoDelCatalogo(t *testing.T) {
	for _, c := range []struct {
		nombre, json, code, dice string
	}{
		{"sintaxis", `{"empresa": }`, msg.CodeMotivoJSONSintaxis, "no es JSON válido (revise cerca del carácter 13)"},
		{"campo desconocido", `{"empresa":{"razon":"X"}}`, msg.CodeMotivoCampoExtra, `el campo "razon" no se reconoce`},
		{"tipo", `{"empresa":{"rfc":5}}`, msg.CodeMotivoCampoTipo, `el campo "empresa.rfc" no tiene el tipo de valor esperado`},
	} {
		t.Run(c.nombre, func(t *testing.T) {
			var s patron.Solicitud
			err := decodeStrict("datos.json", []byte(c.json), &s)
			if msg.CodeOf(err) != msg.CodeDatosInvalidos {
				t.Fatalf("código %q, quiero %s", msg.CodeOf(err), msg.CodeDatosInvalidos)
			}
			txt := msg.Text(err, msg.ES)
			if !strings.Contains(txt, c.dice) || strings.Contains(txt, "json:") {
				t.Errorf("%q no dice %q", txt, c.dice)
			}
		})
	}
	err := motivoCarta(&carta.ErrFaltan{Campos: []string{"NPIE", "folio"}})
	if got := err.Mensaje(msg.EN); got != "the letter is missing data (NPIE, folio)" {
		t.Errorf("carta: %q", got)
	}
}
