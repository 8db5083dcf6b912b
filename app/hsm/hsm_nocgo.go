//go:build !cgo

package hsm

import (
	"crypto"

	"github.com/seguritools/seguritools/app/msg"
)

// Disponible reports whether this build can use PKCS#11 tokens: not
// without cgo.
const Disponible = false

// Token is a PKCS#11 token; without cgo none can be opened.
type Token struct{}

func sinSoporte() error { return msg.New(msg.CodeHSMSinSoporte) }

// Abrir fails with msg.CodeHSMSinSoporte: this build has no PKCS#11.
func Abrir(modulo, token string, pin []byte) (*Token, error) { return nil, sinSoporte() }

// Cerrar does nothing.
func (t *Token) Cerrar() error { return nil }

// GenerarRSA fails with msg.CodeHSMSinSoporte.
func (t *Token) GenerarRSA(bits int, etiqueta string) (crypto.Signer, []byte, error) {
	return nil, nil, sinSoporte()
}

// Buscar fails with msg.CodeHSMSinSoporte.
func (t *Token) Buscar(id []byte, etiqueta string) (crypto.Signer, error) { return nil, sinSoporte() }

// Borrar fails with msg.CodeHSMSinSoporte.
func (t *Token) Borrar(k crypto.Signer) error { return sinSoporte() }

// Proteccion fails with msg.CodeHSMSinSoporte.
func (t *Token) Proteccion(k crypto.Signer) (Proteccion, error) { return Proteccion{}, sinSoporte() }
