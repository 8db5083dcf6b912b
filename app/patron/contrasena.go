package patron

import (
	"strings"
	"unicode/utf8"

	"github.com/seguritools/seguritools/app/msg"
)

// The password policy IMSS states: 8 to 20 characters, letters and digits,
// not the same as the usuario.
const (
	MinContrasena = 8
	MaxContrasena = 20
)

// Fields of Problema for the password, which is not part of a Solicitud:
// it never leaves the user's machine.
const (
	CampoContrasena             = "contrasena"
	CampoContrasenaConfirmacion = "contrasena_confirmacion"
)

// ValidarContrasena checks a new password against the IMSS policy and
// returns every rule it breaks, each with its own code: shorter than 8
// characters, longer than 20, anything but the ASCII letters and digits, or
// equal to usuario ignoring case. The password is not trimmed: a space is
// a character the user typed and the policy refuses.
//
// Ñ and accented letters are refused although Spanish keyboards have them:
// the password encrypts the .key and .pfx, which other programs (IDSE in a
// browser, OpenSSL, Windows) must open on machines with other keyboards and
// other text encodings (UTF-8 or Latin-1, composed or decomposed accents),
// and IMSS's "alfanumérico" has always meant A–Z, a–z and 0–9.
func ValidarContrasena(pw, usuario string) Problemas {
	var out Problemas
	add := func(codigo string) {
		out = append(out, Problema{Campo: CampoContrasena, Codigo: codigo})
	}
	switch n := utf8.RuneCountInString(pw); {
	case n < MinContrasena:
		add(msg.CodeContrasenaCorta)
	case n > MaxContrasena:
		add(msg.CodeContrasenaLarga)
	}
	for i := range len(pw) {
		if !alfanumerico(pw[i]) {
			add(msg.CodeContrasenaCaracteres)
			break
		}
	}
	if u := strings.TrimSpace(usuario); u != "" && strings.EqualFold(pw, u) {
		add(msg.CodeContrasenaIgualUsuario)
	}
	return out
}

// ConfirmarContrasena refuses a confirmation that differs from the password
// in any way, case included.
func ConfirmarContrasena(pw, confirmacion string) *Problema {
	if pw != confirmacion {
		return &Problema{Campo: CampoContrasenaConfirmacion, Codigo: msg.CodeContrasenasDistintas}
	}
	return nil
}
