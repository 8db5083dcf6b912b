package patron

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seguritools/seguritools/app/msg"
)

// Longest accepted free texts. IMSS does not publish its column widths;
// these are generous enough for real data and short enough for one line of
// a letter.
const (
	maxRazonSocial = 254
	maxNombre      = 50
	maxDomicilio   = 100
	maxNumero      = 20
)

// combinados turns the decomposed accents some keyboards and pasted text
// produce (a letter followed by a combining mark) into the single letters
// Spanish uses, so "JOSE" + U+0301 is the same name as "JOSÉ".
// It runs after upper-casing, so that it sees every base letter in one case.
var combinados = strings.NewReplacer(
	"A\u0301", "Á", "E\u0301", "É", "I\u0301", "Í", "O\u0301", "Ó", "U\u0301", "Ú",
	"N\u0303", "Ñ", "U\u0308", "Ü",
)

// mayusculas is how IMSS stores names and addresses: one space between
// words, upper case, accents kept.
func mayusculas(s string) string {
	return combinados.Replace(strings.ToUpper(strings.Join(strings.Fields(s), " ")))
}

// sinSeparadores drops the spaces and dashes people type inside identifiers
// ("B752158813-9", "XXXX801010 - 000") and upper-cases the rest.
func sinSeparadores(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// plegar makes a key for matching a choice typed or pasted by a person
// against a list: case, accents and spacing do not matter.
func plegar(s string) string {
	return sinAcentos.Replace(mayusculas(s))
}

var sinAcentos = strings.NewReplacer("Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ü", "U")

// imprimible refuses control and format characters and U+FFFD, which is
// what invalid UTF-8 becomes: none of them can be printed on a letter.
func imprimible(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// texto returns the rule for a free-text field: required, printable, at most
// max characters (codigoLargo otherwise).
func texto(max int, codigoLargo string) func(string) (string, *Problema) {
	return func(s string) (string, *Problema) {
		s = mayusculas(s)
		switch {
		case s == "":
			return s, problema(msg.CodeDatoRequerido)
		case !imprimible(s):
			return s, problema(msg.CodeDatoCaracteres)
		case utf8.RuneCountInString(s) > max:
			return s, problema(codigoLargo)
		}
		return s, nil
	}
}

// ValidarRazonSocial normalizes a company name (upper case, single spaces)
// and refuses it when empty, unprintable or longer than 254 characters.
func ValidarRazonSocial(s string) (string, *Problema) {
	return texto(maxRazonSocial, msg.CodeRazonSocialLarga)(s)
}

// ValidarLineaDomicilio normalizes one address field (calle, colonia,
// municipio, ciudad) and refuses it when empty, unprintable or longer than
// 100 characters.
func ValidarLineaDomicilio(s string) (string, *Problema) {
	return texto(maxDomicilio, msg.CodeDomicilioLargo)(s)
}

// ValidarNumeroDomicilio normalizes a street or unit number ("476", "S/N",
// "B-2") and refuses it when empty, unprintable or longer than 20
// characters. Numbers are free text because Mexican addresses mix letters
// and digits.
func ValidarNumeroDomicilio(s string) (string, *Problema) {
	return texto(maxNumero, msg.CodeNumeroLargo)(s)
}

// ValidarNombre normalizes a given name or surname (upper case, single
// spaces, composed accents) and refuses it when empty, longer than 50
// characters, without any letter, or with anything other than Latin
// letters, spaces, period, hyphen and apostrophe ("MA. DE LOURDES",
// "O'HIGGINS", "PÉREZ-GIL"). Names must match the official ID, which only
// uses the Latin script; digits and symbols in a name are typing mistakes.
func ValidarNombre(s string) (string, *Problema) {
	s = mayusculas(s)
	if s == "" {
		return s, problema(msg.CodeDatoRequerido)
	}
	letras := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) && unicode.Is(unicode.Latin, r):
			letras++
		case r == ' ' || r == '.' || r == '-' || r == '\'':
		default:
			return s, problema(msg.CodeNombreCaracteres)
		}
	}
	if letras == 0 {
		return s, problema(msg.CodeNombreCaracteres)
	}
	if utf8.RuneCountInString(s) > maxNombre {
		return s, problema(msg.CodeNombreLargo)
	}
	return s, nil
}
