package patron

import (
	"strings"
	"unicode/utf8"

	"github.com/seguritools/seguritools/app/msg"
)

const (
	minUsuario = 4
	maxUsuario = 30
)

// ValidarUsuario trims a user name and refuses it when it is not 4 to 30
// characters of ASCII letters, digits, underscore and period. IMSS does not
// publish its rule; the seeds show "manual_generacion" and "A064878710".
// The set is ASCII because the usuario is typed at every IDSE login, on
// any keyboard, and printed on the letters; case is kept as typed.
func ValidarUsuario(s string) (string, *Problema) {
	s = strings.TrimSpace(s)
	if s == "" {
		return s, problema(msg.CodeDatoRequerido)
	}
	for i := range len(s) {
		if c := s[i]; !(alfanumerico(c) || c == '_' || c == '.') {
			return s, problema(msg.CodeUsuarioCaracteres)
		}
	}
	if n := utf8.RuneCountInString(s); n < minUsuario || n > maxUsuario {
		return s, problema(msg.CodeUsuarioLongitud)
	}
	return s, nil
}

func alfanumerico(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ValidarFuncion normalizes a función en la empresa to one of FuncionPatron,
// FuncionSujetoObligado or FuncionRepresentanteLegal, whatever the case or
// accents typed ("PATRON" is the Patrón of the seeds), and refuses anything
// else.
func ValidarFuncion(s string) (string, *Problema) {
	for _, f := range Funciones() {
		if plegar(s) == plegar(f) {
			return f, nil
		}
	}
	s = mayusculas(s)
	if s == "" {
		return s, problema(msg.CodeDatoRequerido)
	}
	return s, problema(msg.CodeFuncionInvalida)
}

// Funciones returns the three funciones en la empresa in the order of the
// IMSS form, for a drop-down.
func Funciones() []string {
	return []string{FuncionPatron, FuncionSujetoObligado, FuncionRepresentanteLegal}
}
