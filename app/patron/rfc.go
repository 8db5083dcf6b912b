package patron

import (
	"regexp"
	"unicode/utf8"

	"github.com/seguritools/seguritools/app/msg"
)

var rfcForma = regexp.MustCompile(`^[A-ZÑ&]{3,4}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[A-Z0-9]{2}[0-9A]$`)

// RFCs SAT assigns to whoever has none: the general public and foreigners.
// Their last character does not follow the check-character rule.
const (
	RFCGenerico           = "XAXX010101000"
	RFCGenericoExtranjero = "XEXX010101000"
)

// rfcAlfabeto gives each character its value for the check character; the
// space pads a company's 12-character RFC to 13.
const rfcAlfabeto = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"

// ValidarRFC normalizes an RFC with homoclave (upper case, without spaces
// or dashes) and refuses it when it is not 12 (persona moral) or 13 (persona
// física) characters, does not have the SAT form, or carries a date that
// does not exist. A check character that does not match is only a warning:
// SAT has issued RFCs that fail it. The generic RFCs are accepted.
func ValidarRFC(s string) (string, *Problema) {
	s = sinSeparadores(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return s, problema(msg.CodeDatoRequerido)
	case n != 12 && n != 13:
		return s, problema(msg.CodeRFCLongitud)
	case !rfcForma.MatchString(s):
		return s, problema(msg.CodeRFCFormato)
	}
	r := []rune(s)
	f := r[len(r)-9 : len(r)-3]
	if !fechaExiste(dig2(f[2:4]), dig2(f[4:6]), dig2(f[0:2])%4 == 0) {
		return s, problema(msg.CodeRFCFecha)
	}
	if s == RFCGenerico || s == RFCGenericoExtranjero {
		return s, nil
	}
	if digitoRFC(r) != r[len(r)-1] {
		return s, aviso(msg.CodeRFCVerificador)
	}
	return s, nil
}

// ValidarRFCPersona is ValidarRFC for a person (the patrón or representante
// himself): it also refuses a company's 12-character RFC.
func ValidarRFCPersona(s string) (string, *Problema) {
	s, p := ValidarRFC(s)
	if (p == nil || p.Aviso) && utf8.RuneCountInString(s) == 12 {
		return s, problema(msg.CodeRFCPersonaMoral)
	}
	return s, p
}

// digitoRFC computes the check character of a well-formed RFC: mod 11 over
// the first 12 characters (a company's padded with a leading space),
// weights 13 down to 2.
func digitoRFC(r []rune) rune {
	if len(r) == 12 {
		r = append([]rune{' '}, r...)
	}
	suma := 0
	for i, c := range r[:12] {
		suma += valor(rfcAlfabeto, c) * (13 - i)
	}
	switch d := 11 - suma%11; d {
	case 11:
		return '0'
	case 10:
		return 'A'
	default:
		return rune('0' + d)
	}
}

// dig2 reads two ASCII digits already checked by a regular expression.
func dig2(r []rune) int { return int(r[0]-'0')*10 + int(r[1]-'0') }

// valor is the place of c in a check-character alphabet (counted in
// characters, not bytes, because of Ñ), or -1.
func valor(alfabeto string, c rune) int {
	i := 0
	for _, a := range alfabeto {
		if a == c {
			return i
		}
		i++
	}
	return -1
}

// fechaExiste reports whether month mm has a day dd in a year that is or
// is not a leap year. An RFC's year has no century: 1900 is the only
// multiple of 4 in 1900–2099 that is not a leap year, so its callers pass
// aa%4 == 0, which is right for 2000 and harmless for 1900.
func fechaExiste(mm, dd int, bisiesto bool) bool {
	dias := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if mm < 1 || mm > 12 || dd < 1 {
		return false
	}
	max := dias[mm-1]
	if mm == 2 && bisiesto {
		max = 29
	}
	return dd <= max
}
