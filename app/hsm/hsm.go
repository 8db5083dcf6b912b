// Package hsm keeps the issuing CA's key of refca in a PKCS#11 token (an
// HSM, a smart card, SoftHSM) instead of a file: the key is generated
// inside the token, sensitive and not extractable, and every signature is
// the token's. refca finds it again by the CKA_ID and CKA_LABEL that init
// records in the data directory's settings.
//
// It needs cgo (github.com/ThalesGroup/crypto11 loads the module with
// dlopen through miekg/pkcs11): a refca built with CGO_ENABLED=0 (the
// Windows and macOS ones) has the same functions, which all fail with
// msg.CodeHSMSinSoporte.
package hsm

// FlagPIN is the command-line flag that reads the token's PIN from a
// file; the messages about a refused PIN name it.
const FlagPIN = "--pkcs11-pin-file"

// Proteccion is what the token reports of a private key: a key that can
// never leave the token is Sensible and not Extraible, and was so since it
// was made (SiempreSensible, NuncaExtraible); EnToken says that it is a
// token object (it outlives the session).
type Proteccion struct {
	Sensible, Extraible, SiempreSensible, NuncaExtraible, EnToken bool
}

// Segura reports whether the key cannot leave the token and never could.
func (p Proteccion) Segura() bool {
	return p.Sensible && !p.Extraible && p.SiempreSensible && p.NuncaExtraible && p.EnToken
}
