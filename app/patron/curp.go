package patron

import (
	"regexp"
	"unicode/utf8"

	"github.com/seguritools/seguritools/app/msg"
)

// The CURP is checked piece by piece so that the user is told which part is
// wrong: name letters, date, sex, state, consonants, check digit.
var (
	curpNombre      = regexp.MustCompile(`^[A-Z][AEIOUX][A-Z]{2}$`)
	curpFecha       = regexp.MustCompile(`^\d{6}$`)
	curpConsonantes = regexp.MustCompile(`^[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$`)
)

const curpAlfabeto = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"

// ValidarCURP normalizes a CURP (upper case, without spaces or dashes) and
// refuses it when it is not 18 characters, its letters or consonants are
// out of place, its date of birth does not exist, its sex is not H, M or X,
// its state is not one of the 32 codes or NE (born abroad), or its check
// digit does not match. The 17th character says the century: a digit for
// births up to 1999, a letter from 2000, which makes 29 Feb exact.
func ValidarCURP(s string) (string, *Problema) {
	s = sinSeparadores(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return s, problema(msg.CodeDatoRequerido)
	case n != 18:
		return s, problema(msg.CodeCURPLongitud)
	case len(s) != 18:
		// 18 characters but not 18 bytes: something outside A–Z and 0–9.
		return s, problema(msg.CodeCURPFormato)
	case !curpNombre.MatchString(s[0:4]) || !curpFecha.MatchString(s[4:10]) ||
		!curpConsonantes.MatchString(s[13:18]):
		return s, problema(msg.CodeCURPFormato)
	}
	anio := 1900 + atoi(s[4:6])
	if s[16] >= 'A' {
		anio += 100
	}
	if !fechaExiste(atoi(s[6:8]), atoi(s[8:10]), bisiesto(anio)) {
		return s, problema(msg.CodeCURPFecha)
	}
	if c := s[10]; c != 'H' && c != 'M' && c != 'X' {
		return s, problema(msg.CodeCURPSexo)
	}
	if !claveCURP(s[11:13]) {
		return s, problema(msg.CodeCURPEntidad)
	}
	if digitoCURP(s) != s[17] {
		return s, problema(msg.CodeCURPVerificador)
	}
	return s, nil
}

// digitoCURP computes the check digit of an 18-character ASCII CURP from
// its first 17: weights 18 down to 2, then (10 − sum mod 10) mod 10.
func digitoCURP(s string) byte {
	suma := 0
	for i := range 17 {
		suma += valor(curpAlfabeto, rune(s[i])) * (18 - i)
	}
	return byte('0' + (10-suma%10)%10)
}

// atoi reads a run of ASCII digits already checked by a regular expression.
func atoi(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func bisiesto(anio int) bool { return anio%4 == 0 && (anio%100 != 0 || anio%400 == 0) }
