package patron

import (
	"slices"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

func codigos(ps Problemas) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Codigo)
	}
	return out
}

func TestValidarContrasena(t *testing.T) {
	casos := []struct {
		pw, usuario string
		quiero      []string
	}{
		{"Abc12345", "manual_generacion", nil},
		{"abcdefgh", "manual_generacion", nil},
		{"12345678", "manual_generacion", nil},
		{"A1b2C3d4E5f6G7h8I9j0", "manual_generacion", nil},
		// Exactly the usuario's length and letters, but not the same.
		{"A064878711", "A064878710", nil},

		{"", "manual_generacion", []string{msg.CodeContrasenaCorta}},
		{"Abc1234", "manual_generacion", []string{msg.CodeContrasenaCorta}},
		{"A1b2C3d4E5f6G7h8I9j0K", "manual_generacion", []string{msg.CodeContrasenaLarga}},
		{"Abc 12345", "manual_generacion", []string{msg.CodeContrasenaCaracteres}},
		{"Abc_12345", "manual_generacion", []string{msg.CodeContrasenaCaracteres}},
		// Ñ and accents are refused and count as one character each.
		{"Peña1234", "manual_generacion", []string{msg.CodeContrasenaCaracteres}},
		{"José123", "manual_generacion", []string{msg.CodeContrasenaCorta, msg.CodeContrasenaCaracteres}},
		{"A064878710", "A064878710", []string{msg.CodeContrasenaIgualUsuario}},
		{"a064878710", " A064878710 ", []string{msg.CodeContrasenaIgualUsuario}},
		// Every rule broken at once is reported at once.
		{"manual_generacion_usuario", "manual_generacion_usuario",
			[]string{msg.CodeContrasenaLarga, msg.CodeContrasenaCaracteres, msg.CodeContrasenaIgualUsuario}},
		{"a.b", "A.B", []string{msg.CodeContrasenaCorta, msg.CodeContrasenaCaracteres, msg.CodeContrasenaIgualUsuario}},
	}
	for _, c := range casos {
		ps := ValidarContrasena(c.pw, c.usuario)
		if got := codigos(ps); !slices.Equal(got, c.quiero) {
			t.Errorf("ValidarContrasena(%q, %q) = %v, quiero %v", c.pw, c.usuario, got, c.quiero)
		}
		for _, p := range ps {
			if p.Campo != CampoContrasena || p.Aviso {
				t.Errorf("ValidarContrasena(%q): %+v, quiero error en %q", c.pw, p, CampoContrasena)
			}
			if _, ok := msg.Lookup(p.Codigo); !ok {
				t.Errorf("código %s no registrado", p.Codigo)
			}
		}
	}
}

func TestConfirmarContrasena(t *testing.T) {
	if p := ConfirmarContrasena("Abc12345", "Abc12345"); p != nil {
		t.Errorf("iguales: %+v", *p)
	}
	p := ConfirmarContrasena("Abc12345", "abc12345")
	if p == nil || p.Codigo != msg.CodeContrasenasDistintas || p.Campo != CampoContrasenaConfirmacion {
		t.Errorf("distintas en mayúsculas: %+v, quiero %s", p, msg.CodeContrasenasDistintas)
	}
}
