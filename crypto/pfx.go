package crypto

import (
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// Sentinel errors of the .pfx codec.
var (
	ErrKeyMismatch = errors.New("crypto: the private key does not belong to the certificate")
	ErrNotAPFX     = errors.New("crypto: not a PKCS#12 (.pfx) file or damaged file")
)

// KeyMatches reports whether key is the private half of cert's public key.
func KeyMatches(key *rsa.PrivateKey, cert *x509.Certificate) bool {
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	return ok && key.PublicKey.Equal(pub)
}

// EncodePFX returns a PKCS#12 file with cred's key, certificate and chain,
// protected by password with go-pkcs12's Modern encoder (PBES2 AES-256-CBC,
// SHA-256 MAC), which OpenSSL 3 and Windows open. It refuses a key that
// does not match the certificate (ErrKeyMismatch).
func EncodePFX(cred *Credential, password []byte) ([]byte, error) {
	if cred == nil || cred.Key == nil || cred.Certificate == nil {
		return nil, errors.New("crypto: a .pfx needs a key and a certificate")
	}
	if !KeyMatches(cred.Key, cred.Certificate) {
		return nil, ErrKeyMismatch
	}
	data, err := pkcs12.Modern.Encode(cred.Key, cred.Certificate, cred.Chain, string(password))
	if err != nil {
		return nil, fmt.Errorf("crypto: encode .pfx: %w", err)
	}
	return data, nil
}

// DecodePFX opens a PKCS#12 file with password. It returns
// ErrWrongPassword when the file is sound but the password does not open
// it, ErrNotAPFX for anything else, ErrNotRSA for a non-RSA key and
// ErrKeyMismatch if the key is not the certificate's.
func DecodePFX(data, password []byte) (cred *Credential, err error) {
	defer func() {
		// The library parses hostile ASN.1; never let a malformed file
		// crash the app.
		if r := recover(); r != nil {
			cred, err = nil, fmt.Errorf("%w: malformed", ErrNotAPFX)
		}
	}()
	key, cert, chain, err := pkcs12.DecodeChain(data, string(password))
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, ErrWrongPassword
		}
		return nil, fmt.Errorf("%w: %v", ErrNotAPFX, err)
	}
	k, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, ErrNotRSA
	}
	if !KeyMatches(k, cert) {
		return nil, ErrKeyMismatch
	}
	return &Credential{Key: k, Certificate: cert, Chain: chain}, nil
}

// publicKeyBits returns the size of an RSA public key.
func publicKeyBits(pub any) (int, bool) {
	if k, ok := pub.(*rsa.PublicKey); ok {
		return k.N.BitLen(), true
	}
	return 0, false
}
