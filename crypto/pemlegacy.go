package crypto

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// The traditional OpenSSL encryption of a PEM key (RFC 1421/1423 headers
// "Proc-Type: 4,ENCRYPTED" and "DEK-Info: CIPHER,IV"), as "openssl rsa
// -aes256 -traditional", "openssl genrsa -des3" before OpenSSL 3 and many
// tools still write. Opened with the standard library's
// x509.DecryptPEMBlock. It is deprecated because the format is weak (an
// MD5 key derivation with one iteration, unauthenticated CBC): a reason not
// to write it, which this package never does, not to refuse users' existing
// files. No padding oracle is exposed either: it is a local file, opened by
// its own user.

// legacyPEMCiphers are the DEK-Info ciphers x509.DecryptPEMBlock handles.
var legacyPEMCiphers = map[string]bool{
	"DES-CBC": true, "DES-EDE3-CBC": true,
	"AES-128-CBC": true, "AES-192-CBC": true, "AES-256-CBC": true,
}

func isLegacyEncrypted(b *pem.Block) bool {
	_, dek := b.Headers["DEK-Info"]
	return dek || strings.Contains(b.Headers["Proc-Type"], "ENCRYPTED")
}

// legacyPEMName names the scheme of a traditional encrypted PEM block. A
// DEK-Info that is missing or not a cipher name is ErrNotAKey.
func legacyPEMName(b *pem.Block) (string, error) {
	mode, _, ok := strings.Cut(b.Headers["DEK-Info"], ",")
	if !ok || len(mode) == 0 || len(mode) > 32 {
		return "", fmt.Errorf("%w: malformed DEK-Info", ErrNotAKey)
	}
	for _, c := range mode {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return "", fmt.Errorf("%w: malformed DEK-Info", ErrNotAKey)
		}
	}
	return "PEM tradicional (MD5) " + strings.ToUpper(mode), nil
}

// legacyPEMScheme returns the scheme's name, or a *SchemeError when the
// standard library does not decrypt its cipher.
func legacyPEMScheme(b *pem.Block) (string, error) {
	name, err := legacyPEMName(b)
	if err != nil {
		return "", err
	}
	mode, _, _ := strings.Cut(b.Headers["DEK-Info"], ",")
	if !legacyPEMCiphers[mode] {
		return "", &SchemeError{Scheme: name, Err: ErrUnsupportedScheme}
	}
	return name, nil
}

// decryptLegacyPEM opens a traditional encrypted RSA PRIVATE KEY block.
func decryptLegacyPEM(b *pem.Block, password []byte) (*rsa.PrivateKey, error) {
	// Deprecated, used on purpose: reading the legacy format (file comment).
	der, err := x509.DecryptPEMBlock(b, password)
	if errors.Is(err, x509.IncorrectPasswordError) {
		return nil, ErrWrongPassword
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotAKey, err)
	}
	defer clear(der)
	k, err := x509.ParsePKCS1PrivateKey(der)
	if err != nil {
		// The padding came out right by chance (about 1 in 256 for a
		// wrong password); the bytes inside are noise.
		return nil, ErrWrongPassword
	}
	return k, nil
}
