//go:build cgo

package hsm

import (
	"crypto"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/ThalesGroup/crypto11"
	"github.com/miekg/pkcs11"

	"github.com/seguritools/seguritools/app/msg"
)

// Disponible reports whether this build can use PKCS#11 tokens.
const Disponible = true

// Token is an open, logged-in PKCS#11 token. Its keys sign concurrently
// (crypto11 keeps a pool of sessions). Close it when done.
type Token struct {
	ctx      *crypto11.Context
	etiqueta string
	modulo   string
}

// Abrir loads the PKCS#11 module (a .so path), finds the token by its
// label and logs in as its user with pin. pin is not kept by this package
// (crypto11 holds a copy for as long as the token is open). A refused PIN
// is msg.CodeHSMPIN; any other failure msg.CodeHSMToken.
func Abrir(modulo, token string, pin []byte) (*Token, error) {
	ctx, err := crypto11.Configure(&crypto11.Config{Path: modulo, TokenLabel: token, Pin: string(pin)})
	if err != nil {
		var p11 pkcs11.Error
		if errors.As(err, &p11) {
			switch p11 {
			case pkcs11.CKR_PIN_INCORRECT, pkcs11.CKR_PIN_INVALID, pkcs11.CKR_PIN_LEN_RANGE,
				pkcs11.CKR_PIN_LOCKED, pkcs11.CKR_PIN_EXPIRED, pkcs11.CKR_USER_PIN_NOT_INITIALIZED:
				return nil, msg.Wrap(err, msg.CodeHSMPIN, token, FlagPIN)
			}
		}
		return nil, msg.Wrap(err, msg.CodeHSMToken, token, modulo)
	}
	return &Token{ctx: ctx, etiqueta: token, modulo: modulo}, nil
}

// Cerrar logs out and closes the token; its keys stop working.
func (t *Token) Cerrar() error {
	return t.ctx.Close()
}

// GenerarRSA generates an RSA key pair of bits bits inside the token, as
// token objects labelled etiqueta with a fresh random CKA_ID, which it
// returns. The private key is sensitive, not extractable, private, and
// only signs (no decryption, no unwrapping).
func (t *Token) GenerarRSA(bits int, etiqueta string) (crypto.Signer, []byte, error) {
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return nil, nil, err
	}
	pub, err := crypto11.NewAttributeSetWithIDAndLabel(id, []byte(etiqueta))
	if err != nil {
		return nil, nil, err
	}
	priv := pub.Copy()
	for _, a := range []struct {
		s crypto11.AttributeSet
		t crypto11.AttributeType
		v any
	}{
		{pub, crypto11.CkaToken, true},
		{pub, crypto11.CkaVerify, true},
		{pub, crypto11.CkaEncrypt, false},
		{pub, crypto11.CkaWrap, false},
		{priv, crypto11.CkaToken, true},
		{priv, crypto11.CkaPrivate, true},
		{priv, crypto11.CkaSensitive, true},
		{priv, crypto11.CkaExtractable, false},
		{priv, crypto11.CkaSign, true},
		{priv, crypto11.CkaDecrypt, false},
		{priv, crypto11.CkaUnwrap, false},
	} {
		if err := a.s.Set(a.t, a.v); err != nil {
			return nil, nil, err
		}
	}
	k, err := t.ctx.GenerateRSAKeyPairWithAttributes(pub, priv, bits)
	if err != nil {
		return nil, nil, msg.Wrap(err, msg.CodeHSMGenerar, t.etiqueta)
	}
	return k, id, nil
}

// Buscar returns the key pair with this CKA_ID and CKA_LABEL;
// msg.CodeHSMLlaveNoEncontrada when the token has none.
func (t *Token) Buscar(id []byte, etiqueta string) (crypto.Signer, error) {
	if len(id) == 0 {
		return nil, msg.New(msg.CodeHSMLlaveNoEncontrada, t.etiqueta, etiqueta, "-")
	}
	ks, err := t.ctx.FindKeyPairs(id, []byte(etiqueta))
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeHSMToken, t.etiqueta, t.modulo)
	}
	if len(ks) != 1 {
		// None, or several that refca cannot tell apart.
		return nil, msg.New(msg.CodeHSMLlaveNoEncontrada, t.etiqueta, etiqueta, hex.EncodeToString(id))
	}
	return ks[0], nil
}

// Borrar deletes a key pair made by GenerarRSA or found by Buscar: init
// undoes with it a key whose data directory it could not finish.
func (t *Token) Borrar(k crypto.Signer) error {
	d, ok := k.(crypto11.Signer)
	if !ok {
		return fmt.Errorf("hsm: not a PKCS#11 key")
	}
	return d.Delete()
}

// Proteccion reads the protection attributes of a token private key.
func (t *Token) Proteccion(k crypto.Signer) (Proteccion, error) {
	tipos := []crypto11.AttributeType{crypto11.CkaSensitive, crypto11.CkaExtractable,
		crypto11.CkaAlwaysSensitive, crypto11.CkaNeverExtractable, crypto11.CkaToken}
	as, err := t.ctx.GetAttributes(k, tipos)
	if err != nil {
		return Proteccion{}, fmt.Errorf("hsm: key attributes: %w", err)
	}
	b := func(at crypto11.AttributeType) bool {
		a := as[at]
		return a != nil && len(a.Value) == 1 && a.Value[0] != 0
	}
	return Proteccion{Sensible: b(crypto11.CkaSensitive), Extraible: b(crypto11.CkaExtractable),
		SiempreSensible: b(crypto11.CkaAlwaysSensitive), NuncaExtraible: b(crypto11.CkaNeverExtractable),
		EnToken: b(crypto11.CkaToken)}, nil
}
