package crypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/youmark/pkcs8"
)

// DefaultIterations is the PBKDF2-HMAC-SHA256 iteration count of a new
// .key: OWASP's Password Storage Cheat Sheet advice (600,000 since 2023).
const DefaultIterations = 600_000

// Sentinel errors of the .key reader. A wrong password and a damaged or
// foreign file are different errors, so the user is told the right thing.
var (
	ErrWrongPassword = errors.New("crypto: wrong password for the private key")
	ErrNotAKey       = errors.New("crypto: not a private key or damaged file")
	ErrNotRSA        = errors.New("crypto: the private key is not RSA")
)

var (
	oidPBES2      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidHMACSHA256 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}
	oidAES256CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
)

type encryptedPrivateKeyInfo struct {
	Algorithm     pkix.AlgorithmIdentifier
	EncryptedData []byte
}

type pbes2Params struct {
	KDF    pkix.AlgorithmIdentifier
	Scheme pkix.AlgorithmIdentifier
}

// pbkdf2Params omits the optional keyLength (implied by AES-256), as
// OpenSSL does; some readers, youmark/pkcs8 among them, do not accept it.
type pbkdf2Params struct {
	Salt       []byte
	Iterations int
	PRF        pkix.AlgorithmIdentifier `asn1:"optional"`
}

// KeyOptions tunes EncryptKey. The zero value gives the defaults.
type KeyOptions struct {
	// Iterations of PBKDF2; 0 means DefaultIterations. Tests set it low.
	Iterations int
	// Entropy, if set, is mixed into the salt and IV (see EntropyPool.Mix).
	// It never replaces the operating system's randomness.
	Entropy *EntropyPool
}

// EncryptKey returns key as a DER PKCS#8 EncryptedPrivateKeyInfo protected
// by password with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC, random salt
// and IV. It refuses an empty password.
//
// Written by hand rather than with github.com/youmark/pkcs8 (which reads
// these files here) because that library draws its salt and IV internally
// from crypto/rand, and the user's collected pointer samples are mixed into
// exactly these two values.
func EncryptKey(key *rsa.PrivateKey, password []byte, opts *KeyOptions) ([]byte, error) {
	e, err := NewKeyEncrypter(password, opts)
	if err != nil {
		return nil, err
	}
	return e.Encrypt(key)
}

// KeyEncrypter is a derived key-encryption key with its salt and IV, ready
// to encrypt one private key. Deriving it is the slow part of EncryptKey
// (PBKDF2) and needs no private key, so a caller can run it while the key
// pair is being generated: the two take about as long, on separate cores.
type KeyEncrypter struct {
	salt, iv, dk []byte
	iterations   int
}

// NewKeyEncrypter draws a fresh salt and IV (mixed with opts.Entropy when
// set) and derives the encryption key from password. It refuses an empty
// password.
func NewKeyEncrypter(password []byte, opts *KeyOptions) (*KeyEncrypter, error) {
	if len(password) == 0 {
		return nil, errors.New("crypto: empty password")
	}
	var o KeyOptions
	if opts != nil {
		o = *opts
	}
	if o.Iterations == 0 {
		o.Iterations = DefaultIterations
	}
	rnd := make([]byte, 32)
	if _, err := rand.Read(rnd); err != nil {
		return nil, err
	}
	if o.Entropy != nil {
		rnd = o.Entropy.Mix(rnd)
	}
	dk, err := pbkdf2.Key(sha256.New, string(password), rnd[:16], o.Iterations, 32)
	if err != nil {
		return nil, fmt.Errorf("crypto: derive key: %w", err)
	}
	return &KeyEncrypter{salt: rnd[:16], iv: rnd[16:32], dk: dk, iterations: o.Iterations}, nil
}

// Encrypt returns key as a DER PKCS#8 EncryptedPrivateKeyInfo. A
// KeyEncrypter encrypts one key only (a salt and IV are never reused): a
// second call fails.
func (e *KeyEncrypter) Encrypt(key *rsa.PrivateKey) ([]byte, error) {
	if e.dk == nil {
		return nil, errors.New("crypto: KeyEncrypter already used")
	}
	dk := e.dk
	e.dk = nil
	defer clear(dk)
	plain, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("crypto: encode key: %w", err)
	}
	block, err := aes.NewCipher(dk)
	if err != nil {
		return nil, err
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	padded := append(plain, bytes.Repeat([]byte{byte(pad)}, pad)...)
	defer clear(padded)
	ct := make([]byte, len(padded))
	cipher.NewCBCEncrypter(block, e.iv).CryptBlocks(ct, padded)

	kdf, err := asn1.Marshal(pbkdf2Params{Salt: e.salt, Iterations: e.iterations,
		PRF: pkix.AlgorithmIdentifier{Algorithm: oidHMACSHA256, Parameters: asn1.NullRawValue}})
	if err != nil {
		return nil, err
	}
	ivDER, err := asn1.Marshal(e.iv)
	if err != nil {
		return nil, err
	}
	params, err := asn1.Marshal(pbes2Params{
		KDF:    pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: kdf}},
		Scheme: pkix.AlgorithmIdentifier{Algorithm: oidAES256CBC, Parameters: asn1.RawValue{FullBytes: ivDER}},
	})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(encryptedPrivateKeyInfo{
		Algorithm:     pkix.AlgorithmIdentifier{Algorithm: oidPBES2, Parameters: asn1.RawValue{FullBytes: params}},
		EncryptedData: ct,
	})
}

// KeyInfo describes a .key file without opening it.
type KeyInfo struct {
	Format     string // "PKCS#8 cifrado", "PKCS#8", "PKCS#1"
	Encoding   string // "DER" or "PEM"
	Encrypted  bool
	Scheme     string // e.g. "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC"
	Iterations int
}

// ParseKey opens a private key file: DER or PEM PKCS#8 (encrypted with
// PBES2 — our own files, and SAT's PBKDF2-SHA1/DES-EDE3-CBC — or plain),
// or PEM PKCS#1 (RSA PRIVATE KEY, unencrypted). password is ignored for
// unencrypted keys. It returns ErrWrongPassword when the file is a sound
// encrypted key that password does not open, ErrNotAKey for anything else
// that is not a key, and ErrNotRSA for non-RSA keys.
func ParseKey(data, password []byte) (*rsa.PrivateKey, error) {
	der, kind, err := keyDER(data)
	if err != nil {
		return nil, err
	}
	switch kind {
	case "ENCRYPTED PRIVATE KEY":
		var epki encryptedPrivateKeyInfo
		if rest, err := asn1.Unmarshal(der, &epki); err != nil || len(rest) != 0 || len(epki.EncryptedData) == 0 {
			return nil, ErrNotAKey
		}
		if len(password) == 0 {
			return nil, ErrWrongPassword
		}
		k, err := parseEncrypted(der, password)
		if err != nil {
			// The outer structure is sound, so a failure to decrypt or to
			// parse the decrypted bytes means the password did not open it
			// (CBC padding or the inner DER come out wrong); an unsupported
			// algorithm is reported as a foreign file.
			if errors.Is(err, ErrNotAKey) {
				return nil, err
			}
			if isUnsupported(err) {
				return nil, fmt.Errorf("%w: %v", ErrNotAKey, err)
			}
			return nil, ErrWrongPassword
		}
		return rsaKey(k)
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			return nil, ErrNotAKey
		}
		return rsaKey(k)
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(der)
		if err != nil {
			return nil, ErrNotAKey
		}
		return k, nil
	}
	return nil, ErrNotAKey
}

// DescribeKey tells what kind of key file data is, without a password.
func DescribeKey(data []byte) (KeyInfo, error) {
	der, kind, err := keyDER(data)
	if err != nil {
		return KeyInfo{}, err
	}
	info := KeyInfo{Encoding: "DER"}
	if len(data) > 0 && data[0] != 0x30 {
		info.Encoding = "PEM"
	}
	switch kind {
	case "PRIVATE KEY":
		if _, err := x509.ParsePKCS8PrivateKey(der); err != nil {
			return KeyInfo{}, ErrNotAKey
		}
		info.Format = "PKCS#8"
		return info, nil
	case "RSA PRIVATE KEY":
		if _, err := x509.ParsePKCS1PrivateKey(der); err != nil {
			return KeyInfo{}, ErrNotAKey
		}
		info.Format = "PKCS#1"
		return info, nil
	}
	info.Format, info.Encrypted = "PKCS#8 cifrado", true
	var epki encryptedPrivateKeyInfo
	if rest, err := asn1.Unmarshal(der, &epki); err != nil || len(rest) != 0 {
		return KeyInfo{}, ErrNotAKey
	}
	info.Scheme = epki.Algorithm.Algorithm.String()
	if epki.Algorithm.Algorithm.Equal(oidPBES2) {
		var p pbes2Params
		if _, err := asn1.Unmarshal(epki.Algorithm.Parameters.FullBytes, &p); err == nil {
			var k pbkdf2Params
			prf := "HMAC-SHA1"
			if _, err := asn1.Unmarshal(p.KDF.Parameters.FullBytes, &k); err == nil {
				info.Iterations = k.Iterations
				if n, ok := oidNames[k.PRF.Algorithm.String()]; ok {
					prf = n
				}
			}
			info.Scheme = "PBES2 PBKDF2-" + prf + " " + oidName(p.Scheme.Algorithm)
		}
	}
	return info, nil
}

var oidNames = map[string]string{
	"1.2.840.113549.2.7":      "HMAC-SHA1",
	"1.2.840.113549.2.9":      "HMAC-SHA256",
	"1.2.840.113549.2.10":     "HMAC-SHA384",
	"1.2.840.113549.2.11":     "HMAC-SHA512",
	"1.2.840.113549.3.7":      "DES-EDE3-CBC",
	"2.16.840.1.101.3.4.1.2":  "AES-128-CBC",
	"2.16.840.1.101.3.4.1.22": "AES-192-CBC",
	"2.16.840.1.101.3.4.1.42": "AES-256-CBC",
}

func oidName(o asn1.ObjectIdentifier) string {
	if n, ok := oidNames[o.String()]; ok {
		return n
	}
	return o.String()
}

// keyDER finds the DER bytes and their kind (a PEM type name) in data.
func keyDER(data []byte) ([]byte, string, error) {
	if len(data) == 0 {
		return nil, "", ErrNotAKey
	}
	if data[0] == 0x30 {
		// DER: an EncryptedPrivateKeyInfo starts with a SEQUENCE holding
		// an AlgorithmIdentifier SEQUENCE; a PrivateKeyInfo with an INTEGER.
		var raw asn1.RawValue
		rest, err := asn1.Unmarshal(data, &raw)
		if err != nil || len(rest) != 0 || len(raw.Bytes) == 0 {
			return nil, "", ErrNotAKey
		}
		if raw.Bytes[0] == 0x02 {
			if _, err := x509.ParsePKCS8PrivateKey(data); err == nil {
				return data, "PRIVATE KEY", nil
			}
			return data, "RSA PRIVATE KEY", nil
		}
		return data, "ENCRYPTED PRIVATE KEY", nil
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, "", ErrNotAKey
	}
	switch block.Type {
	case "ENCRYPTED PRIVATE KEY", "PRIVATE KEY":
		return block.Bytes, block.Type, nil
	case "RSA PRIVATE KEY":
		if _, ok := block.Headers["DEK-Info"]; ok {
			// Legacy OpenSSL PEM encryption is insecure (MD5 key
			// derivation) and deprecated in Go: refuse it as foreign.
			return nil, "", fmt.Errorf("%w: legacy PEM encryption", ErrNotAKey)
		}
		return block.Bytes, block.Type, nil
	}
	return nil, "", ErrNotAKey
}

// isUnsupported tells a foreign or malformed encryption scheme from a
// failed decryption; youmark/pkcs8 has no sentinel errors, only texts.
func isUnsupported(err error) bool {
	s := err.Error()
	for _, w := range []string{"unsupported", "only ", "invalid"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// parseEncrypted calls the library, turning a panic on hostile parameters
// (a cipher IV of the wrong length panics in crypto/cipher) into ErrNotAKey.
func parseEncrypted(der, password []byte) (k any, err error) {
	defer func() {
		if r := recover(); r != nil {
			k, err = nil, fmt.Errorf("%w: malformed encryption parameters", ErrNotAKey)
		}
	}()
	return pkcs8.ParsePKCS8PrivateKey(der, password)
}

func rsaKey(k any) (*rsa.PrivateKey, error) {
	r, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, ErrNotRSA
	}
	return r, nil
}
