package patron

import (
	"net/mail"
	"strings"

	"github.com/seguritools/seguritools/app/msg"
)

const (
	maxCorreo      = 254 // RFC 5321's limit on a forward path
	maxCorreoLocal = 64
	maxEtiqueta    = 63
)

// ValidarCorreo normalizes an email address (trimmed, domain in lower case;
// the part before @ is kept as typed because it may be case-sensitive) and
// refuses it when it is longer than 254 characters, is not a bare address
// that net/mail accepts (no display name, no angle brackets, no quoted or
// commented parts), is not ASCII, or its domain is not a dotted host name
// with a top-level domain of letters. IMSS sends the link to the new
// certificate there, so an address that cannot receive mail is worse than
// a refusal.
func ValidarCorreo(s string) (string, *Problema) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[:i+1] + strings.ToLower(s[i+1:])
	}
	switch {
	case s == "":
		return s, problema(msg.CodeDatoRequerido)
	case len(s) > maxCorreo:
		return s, problema(msg.CodeCorreoLargo)
	case !correoBien(s):
		return s, problema(msg.CodeCorreoFormato)
	}
	return s, nil
}

func correoBien(s string) bool {
	for i := range len(s) {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	local, dominio, ok := strings.Cut(s, "@")
	if !ok || local == "" || len(local) > maxCorreoLocal || strings.ContainsAny(local, `"()<>[]\`) {
		return false
	}
	return dominioBien(dominio)
}

// dominioBien accepts host names of at least two labels of letters, digits
// and inner hyphens, the last one letters only (or an IDN "xn--" label):
// what a mail server can be found at on the Internet.
func dominioBien(d string) bool {
	etiquetas := strings.Split(d, ".")
	if len(etiquetas) < 2 {
		return false
	}
	for _, e := range etiquetas {
		if e == "" || len(e) > maxEtiqueta || e[0] == '-' || e[len(e)-1] == '-' {
			return false
		}
		for i := range len(e) {
			c := e[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := etiquetas[len(etiquetas)-1]
	if strings.HasPrefix(tld, "xn--") {
		return true
	}
	if len(tld) < 2 {
		return false
	}
	for i := range len(tld) {
		if tld[i] < 'a' || tld[i] > 'z' {
			return false
		}
	}
	return true
}

// confirmarCorreo reports whether the confirmation matches the address.
// Case is ignored: the confirmation is there to catch typing mistakes, and
// no mail provider tells addresses apart by case.
func confirmarCorreo(correo, confirmacion string) *Problema {
	c, _ := ValidarCorreo(correo)
	k, _ := ValidarCorreo(confirmacion)
	if !strings.EqualFold(c, k) {
		return problema(msg.CodeCorreoConfirmacion)
	}
	return nil
}

// ValidarTelefono normalizes a Mexican phone or fax number to its 10 digits
// (without spaces, dashes, dots, parentheses or a leading +52) and refuses
// it when it is not 10 digits or starts with 0 or 1: since 2019 every
// Mexican number is 10 digits dialled without the old 01, 044 and 045
// prefixes, and no area code starts with 0 or 1.
func ValidarTelefono(s string) (string, *Problema) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '.', '(', ')', '\t':
			return -1
		}
		return r
	}, s)
	if d, ok := strings.CutPrefix(s, "+52"); ok && len(d) == 10 {
		s = d
	}
	switch {
	case s == "":
		return s, problema(msg.CodeDatoRequerido)
	case len(s) != 10 || !soloDigitos(s):
		return s, problema(msg.CodeTelefonoDigitos)
	case s[0] == '0' || s[0] == '1':
		return s, problema(msg.CodeTelefonoLada)
	}
	return s, nil
}

func soloDigitos(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidarCodigoPostal normalizes a código postal (without spaces) and
// refuses it when it is not 5 digits or starts with 00, 17, 18 or 19,
// prefixes that SEPOMEX has never assigned.
func ValidarCodigoPostal(s string) (string, *Problema) {
	s = sinSeparadores(s)
	switch {
	case s == "":
		return s, problema(msg.CodeDatoRequerido)
	case len(s) != 5 || !soloDigitos(s):
		return s, problema(msg.CodeCPFormato)
	}
	switch s[:2] {
	case "00", "17", "18", "19":
		return s, problema(msg.CodeCPInexistente)
	}
	return s, nil
}
