package crypto

import (
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
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
// its own user. Camellia, which OpenSSL also writes there and the standard
// library does not know, is decrypted here the same way.

// legacyPEMCiphers are the DEK-Info ciphers x509.DecryptPEMBlock handles.
var legacyPEMCiphers = map[string]bool{
	"DES-CBC": true, "DES-EDE3-CBC": true,
	"AES-128-CBC": true, "AES-192-CBC": true, "AES-256-CBC": true,
}

// legacyPEMCamellia are DEK-Info ciphers OpenSSL writes ("openssl rsa
// -camellia256 -traditional") that x509.DecryptPEMBlock does not know;
// decrypted here with the same key derivation.
var legacyPEMCamellia = map[string]blockCipher{
	"CAMELLIA-128-CBC": {"CAMELLIA-128-CBC", 16, newCamellia},
	"CAMELLIA-192-CBC": {"CAMELLIA-192-CBC", 24, newCamellia},
	"CAMELLIA-256-CBC": {"CAMELLIA-256-CBC", 32, newCamellia},
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
	return "PEM tradicional (MD5) " + mode, nil
}

// legacyPEMScheme returns the scheme's name, or a *SchemeError when its
// cipher is neither one x509.DecryptPEMBlock knows nor Camellia.
func legacyPEMScheme(b *pem.Block) (string, error) {
	name, err := legacyPEMName(b)
	if err != nil {
		return "", err
	}
	mode, _, _ := strings.Cut(b.Headers["DEK-Info"], ",")
	if _, ok := legacyPEMCamellia[mode]; !ok && !legacyPEMCiphers[mode] {
		return "", &SchemeError{Scheme: name, Err: ErrUnsupportedScheme}
	}
	return name, nil
}

// decryptLegacyPEM opens a traditional encrypted RSA PRIVATE KEY block.
func decryptLegacyPEM(b *pem.Block, password []byte) (*rsa.PrivateKey, error) {
	var der []byte
	var err error
	mode, ivHex, _ := strings.Cut(b.Headers["DEK-Info"], ",")
	if c, ok := legacyPEMCamellia[mode]; ok {
		der, err = decryptLegacyCamellia(b.Bytes, c, ivHex, password)
	} else {
		// Deprecated, used on purpose: reading the legacy format (file comment).
		der, err = x509.DecryptPEMBlock(b, password)
	}
	if errors.Is(err, x509.IncorrectPasswordError) || errors.Is(err, errDecrypt) {
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

// decryptLegacyCamellia does what x509.DecryptPEMBlock does, for Camellia.
func decryptLegacyCamellia(ct []byte, c blockCipher, ivHex string, password []byte) ([]byte, error) {
	iv, err := hex.DecodeString(ivHex)
	if err != nil || len(iv) != camelliaBlockSize {
		return nil, fmt.Errorf("%w: malformed DEK-Info", ErrNotAKey)
	}
	s := &keyScheme{cipher: c, iv: iv, derive: func(pw []byte) ([]byte, []byte, error) {
		return evpBytesToKey(pw, iv[:8], c.keyLen), nil, nil
	}}
	return s.decrypt(password, ct)
}

// evpBytesToKey is OpenSSL's EVP_BytesToKey with MD5 and one iteration,
// the key derivation of RFC 1423 PEM encryption as OpenSSL does it.
func evpBytesToKey(password, salt []byte, n int) []byte {
	var d, prev []byte
	for len(d) < n {
		h := md5.New()
		h.Write(prev)
		h.Write(password)
		h.Write(salt)
		prev = h.Sum(nil)
		d = append(d, prev...)
	}
	return d[:n]
}
