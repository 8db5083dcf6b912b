package patron

import (
	"regexp"
	"unicode/utf8"

	"github.com/seguritools/seguritools/app/msg"
)

// A registro patronal is a letter and two digits (municipio), five digits
// (the employer's number), two digits (modalidad) and a check digit.
var registroForma = regexp.MustCompile(`^[A-Z]\d{10}$`)

// ValidarRegistroPatronal normalizes a registro patronal to its 11
// characters (upper case, without the dashes and spaces of "B752158813-9")
// and refuses it when it is not 11 characters, not a letter followed by 10
// digits, or its check digit does not match.
func ValidarRegistroPatronal(s string) (string, *Problema) {
	s = sinSeparadores(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return s, problema(msg.CodeDatoRequerido)
	case n != 11:
		return s, problema(msg.CodeRPLongitud)
	case !registroForma.MatchString(s):
		return s, problema(msg.CodeRPFormato)
	}
	if digitoRegistro(s) != s[10] {
		return s, problema(msg.CodeRPVerificador)
	}
	return s, nil
}

// digitoRegistro computes the check digit the way IMSS's own software does:
// the letter becomes two digits (A=10 … Z=35), then Luhn over the resulting
// 11 digits.
func digitoRegistro(s string) byte {
	d := []byte{'0' + (s[0]-'A'+10)/10, '0' + (s[0]-'A'+10)%10}
	d = append(d, s[1:10]...)
	return digitoLuhn(d)
}

// digitoLuhn is the Luhn check digit for a run of ASCII digits: doubling
// starts at the rightmost one because the check digit will follow it.
func digitoLuhn(d []byte) byte {
	suma := 0
	for i := range d {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 0 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		suma += v
	}
	return byte('0' + (10-suma%10)%10)
}

var nssForma = regexp.MustCompile(`^\d{11}$`)

// ValidarNSS normalizes a Número de Seguridad Social (without spaces or
// dashes) and refuses it when it is not 11 digits or its last digit is not
// the Luhn check digit of the first 10.
func ValidarNSS(s string) (string, *Problema) {
	s = sinSeparadores(s)
	switch {
	case s == "":
		return s, problema(msg.CodeDatoRequerido)
	case !nssForma.MatchString(s):
		return s, problema(msg.CodeNSSFormato)
	case digitoLuhn([]byte(s[:10])) != s[10]:
		return s, problema(msg.CodeNSSVerificador)
	}
	return s, nil
}
