package carta

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// BytesPorFila is how many bytes of a public key the letters print per row.
const BytesPorFila = 24

// ErrLlave reports a public key that is not a DER SubjectPublicKeyInfo.
var ErrLlave = errors.New("carta: la llave pública no es un SubjectPublicKeyInfo DER")

// ErrFolio reports a folio that is not 16 bytes of hexadecimal.
var ErrFolio = errors.New("carta: el folio debe ser de 16 bytes en hexadecimal")

// HexEspaciado formats b as lowercase hexadecimal bytes separated by single
// spaces ("03 82 01 0f"), the way the IMSS letters print keys and folios.
func HexEspaciado(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	const digitos = "0123456789abcdef"
	s := make([]byte, 0, len(b)*3-1)
	for i, c := range b {
		if i > 0 {
			s = append(s, ' ')
		}
		s = append(s, digitos[c>>4], digitos[c&0x0f])
	}
	return string(s)
}

// LlaveBitString returns the complete DER encoding (tag, length and
// contents) of the subjectPublicKey BIT STRING inside spkiDER, a DER
// SubjectPublicKeyInfo. For RSA-2048 it starts 03 82 01 0f 00 30 82 01 0a.
// It refuses anything that is not exactly one SubjectPublicKeyInfo.
func LlaveBitString(spkiDER []byte) ([]byte, error) {
	var spki struct {
		Algoritmo asn1.RawValue
		Llave     asn1.RawValue
	}
	rest, err := asn1.Unmarshal(spkiDER, &spki)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrLlave, err)
	}
	if len(rest) > 0 {
		return nil, fmt.Errorf("%w: %d bytes sobrantes", ErrLlave, len(rest))
	}
	if spki.Algoritmo.Class != asn1.ClassUniversal || spki.Algoritmo.Tag != asn1.TagSequence ||
		spki.Llave.Class != asn1.ClassUniversal || spki.Llave.Tag != asn1.TagBitString ||
		len(spki.Llave.Bytes) < 2 || spki.Llave.Bytes[0] != 0 {
		return nil, ErrLlave
	}
	return spki.Llave.FullBytes, nil
}

// LlaveHex formats the public key in spkiDER as the letters print it: the
// subjectPublicKey BIT STRING (see LlaveBitString) as spaced lowercase hex
// bytes on one line. FilasHex splits it into the rows of a letter.
func LlaveHex(spkiDER []byte) (string, error) {
	b, err := LlaveBitString(spkiDER)
	if err != nil {
		return "", err
	}
	return HexEspaciado(b), nil
}

// FilasHex splits spaced hex (as HexEspaciado and LlaveHex return it) into
// rows of porFila bytes.
func FilasHex(espaciado string, porFila int) []string {
	bytes := strings.Fields(espaciado)
	if porFila <= 0 {
		porFila = BytesPorFila
	}
	var filas []string
	for len(bytes) > 0 {
		n := min(porFila, len(bytes))
		filas = append(filas, strings.Join(bytes[:n], " "))
		bytes = bytes[n:]
	}
	return filas
}

// Folio is the 128-bit random number that identifies one issued letter.
// Its text form is spaced lowercase hex ("88 a5 f3 …"), in JSON too.
type Folio [16]byte

// NuevoFolio draws a new folio from the operating system's CSPRNG.
func NuevoFolio() (Folio, error) {
	var f Folio
	if _, err := rand.Read(f[:]); err != nil {
		return Folio{}, fmt.Errorf("carta: generar folio: %w", err)
	}
	return f, nil
}

// FolioHex formats a folio as the letters print it: 16 spaced lowercase hex
// bytes.
func FolioHex(f [16]byte) string { return HexEspaciado(f[:]) }

// ParseFolio reads a folio written as 32 hexadecimal digits, in either case,
// with or without spaces between the bytes. It refuses any other length or
// character.
func ParseFolio(s string) (Folio, error) {
	compacto := strings.Join(strings.Fields(s), "")
	var f Folio
	if len(compacto) != 2*len(f) {
		return Folio{}, ErrFolio
	}
	if _, err := hex.Decode(f[:], []byte(compacto)); err != nil {
		return Folio{}, ErrFolio
	}
	return f, nil
}

// String returns FolioHex(f).
func (f Folio) String() string { return FolioHex(f) }

// IsZero reports whether f is all zeros, that is, was never assigned.
func (f Folio) IsZero() bool { return f == Folio{} }

// MarshalText encodes f as FolioHex does.
func (f Folio) MarshalText() ([]byte, error) { return []byte(FolioHex(f)), nil }

// UnmarshalText decodes f as ParseFolio does.
func (f *Folio) UnmarshalText(b []byte) error {
	v, err := ParseFolio(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// CadenaIdentificacion returns the "Cadena de Identificación" of a letter:
// the SHA-256 of its exact bytes (signatures included) in uppercase hex, as
// the renewal's second Carta de Términos y Condiciones prints it for the
// signed Carta de Aceptación de Renovación.
func CadenaIdentificacion(carta []byte) string {
	h := sha256.Sum256(carta)
	return strings.ToUpper(hex.EncodeToString(h[:]))
}

// normalizarCadena checks that s is a hex SHA-256 and returns it uppercase.
func normalizarCadena(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 2*sha256.Size {
		return "", fmt.Errorf("carta: la cadena de identificación debe tener %d dígitos hexadecimales, tiene %d", 2*sha256.Size, len(s))
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", errors.New("carta: la cadena de identificación no es hexadecimal")
	}
	return s, nil
}
