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
	Format     string // "PKCS#8 cifrado", "PKCS#8", "PKCS#1 cifrado", "PKCS#1"
	Encoding   string // "DER" or "PEM"
	Encrypted  bool
	Scheme     string // e.g. "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC"
	Iterations int    // of PBKDF2, PBKDF1 or the PKCS#12 KDF
	// ScryptN, ScryptR and ScryptP are scrypt's parameters, when it is the
	// key derivation.
	ScryptN, ScryptR, ScryptP int
}

// ParseKey opens a private key file: DER or PEM PKCS#8, encrypted or
// plain, or PEM PKCS#1 (RSA PRIVATE KEY), plain or with the traditional
// OpenSSL encryption (Proc-Type: 4,ENCRYPTED; AES-128/192/256-CBC,
// DES-EDE3-CBC, DES-CBC or CAMELLIA-128/192/256-CBC). Encrypted PKCS#8
// opens with PBES2 (PBKDF2 with HMAC-SHA1/224/256/384/512 or scrypt; AES,
// 3DES, DES or Camellia in CBC mode: our own files, SAT's
// PBKDF2-SHA1/DES-EDE3-CBC, OpenSSL's), PKCS#12 PBE-SHA1-3DES/2DES and
// PKCS#5 v1.5 PBE-MD5-DES/PBE-SHA1-DES. password is ignored for
// unencrypted keys.
//
// It returns ErrWrongPassword when the file is a sound encrypted key that
// password does not open, a *SchemeError with ErrUnsupportedScheme for one
// encrypted in another way and with ErrKeyCostTooHigh when its key
// derivation asks for more than MaxKeyIterations or the scrypt limits
// (refused before any derivation), ErrNotRSA for non-RSA keys and
// ErrNotAKey for anything else that is not a key.
func ParseKey(data, password []byte) (*rsa.PrivateKey, error) {
	f, err := keyDER(data)
	if err != nil {
		return nil, err
	}
	switch f.kind {
	case kindEncrypted:
		var epki encryptedPrivateKeyInfo
		if rest, err := asn1.Unmarshal(f.der, &epki); err != nil || len(rest) != 0 || len(epki.EncryptedData) == 0 {
			return nil, ErrNotAKey
		}
		s, err := parseKeyScheme(epki.Algorithm)
		if err != nil {
			return nil, err
		}
		if err := s.check(); err != nil {
			return nil, err
		}
		if len(password) == 0 {
			return nil, ErrWrongPassword
		}
		plain, err := s.decrypt(password, epki.EncryptedData)
		if errors.Is(err, ErrNotAKey) {
			return nil, err
		}
		if err != nil {
			return nil, ErrWrongPassword
		}
		defer clear(plain)
		return decryptedPKCS8(plain)
	case kindLegacyPEM:
		if _, err := legacyPEMScheme(f.block); err != nil {
			return nil, err
		}
		if len(password) == 0 {
			return nil, ErrWrongPassword
		}
		return decryptLegacyPEM(f.block, password)
	case kindPKCS8:
		k, err := x509.ParsePKCS8PrivateKey(f.der)
		if err != nil {
			return nil, ErrNotAKey
		}
		return rsaKey(k)
	case kindPKCS1:
		k, err := x509.ParsePKCS1PrivateKey(f.der)
		if err != nil {
			return nil, ErrNotAKey
		}
		return k, nil
	}
	return nil, ErrNotAKey
}

// decryptedPKCS8 parses the bytes a password decrypted. Bytes that are no
// PrivateKeyInfo mean the password was wrong (the padding came out right
// by chance); a sound PrivateKeyInfo of another algorithm is ErrNotRSA.
func decryptedPKCS8(plain []byte) (*rsa.PrivateKey, error) {
	k, err := x509.ParsePKCS8PrivateKey(plain)
	if err == nil {
		return rsaKey(k)
	}
	var pki struct {
		Version   int
		Algorithm pkix.AlgorithmIdentifier
		Key       []byte
	}
	if _, err := asn1.Unmarshal(plain, &pki); err == nil && len(pki.Key) > 0 && !pki.Algorithm.Algorithm.Equal(oidRSA) {
		return nil, ErrNotRSA
	}
	return nil, ErrWrongPassword
}

var oidRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}

// DescribeKey tells what kind of key file data is, without a password and
// without deriving any key. A file encrypted in a way ParseKey does not
// open is still described, its scheme named.
func DescribeKey(data []byte) (KeyInfo, error) {
	f, err := keyDER(data)
	if err != nil {
		return KeyInfo{}, err
	}
	info := KeyInfo{Encoding: "DER"}
	if f.pem {
		info.Encoding = "PEM"
	}
	switch f.kind {
	case kindPKCS8:
		if _, err := x509.ParsePKCS8PrivateKey(f.der); err != nil {
			return KeyInfo{}, ErrNotAKey
		}
		info.Format = "PKCS#8"
		return info, nil
	case kindPKCS1:
		if _, err := x509.ParsePKCS1PrivateKey(f.der); err != nil {
			return KeyInfo{}, ErrNotAKey
		}
		info.Format = "PKCS#1"
		return info, nil
	case kindLegacyPEM:
		info.Format, info.Encrypted = "PKCS#1 cifrado", true
		info.Scheme, err = legacyPEMName(f.block)
		if err != nil {
			return KeyInfo{}, err
		}
		return info, nil
	}
	info.Format, info.Encrypted = "PKCS#8 cifrado", true
	var epki encryptedPrivateKeyInfo
	if rest, err := asn1.Unmarshal(f.der, &epki); err != nil || len(rest) != 0 || len(epki.EncryptedData) == 0 {
		return KeyInfo{}, ErrNotAKey
	}
	s, err := parseKeyScheme(epki.Algorithm)
	if err != nil {
		return KeyInfo{}, err
	}
	info.Scheme, info.Iterations = s.name, s.iterations
	info.ScryptN, info.ScryptR, info.ScryptP = s.scryptN, s.scryptR, s.scryptP
	return info, nil
}

// Kinds of key file keyDER finds.
const (
	kindEncrypted = "ENCRYPTED PRIVATE KEY" // PKCS#8 EncryptedPrivateKeyInfo
	kindPKCS8     = "PRIVATE KEY"
	kindPKCS1     = "RSA PRIVATE KEY"
	kindLegacyPEM = "RSA PRIVATE KEY, Proc-Type 4,ENCRYPTED"
)

// keyFile is what keyDER found in a key file.
type keyFile struct {
	der   []byte
	kind  string
	pem   bool
	block *pem.Block // the PEM block, for kindLegacyPEM
}

// keyDER finds the DER bytes and their kind in data.
func keyDER(data []byte) (keyFile, error) {
	if len(data) == 0 {
		return keyFile{}, ErrNotAKey
	}
	if data[0] == 0x30 {
		// DER: an EncryptedPrivateKeyInfo starts with a SEQUENCE holding
		// an AlgorithmIdentifier SEQUENCE; a PrivateKeyInfo with an INTEGER.
		var raw asn1.RawValue
		rest, err := asn1.Unmarshal(data, &raw)
		if err != nil || len(rest) != 0 || len(raw.Bytes) == 0 {
			return keyFile{}, ErrNotAKey
		}
		if raw.Bytes[0] == 0x02 {
			if _, err := x509.ParsePKCS8PrivateKey(data); err == nil {
				return keyFile{der: data, kind: kindPKCS8}, nil
			}
			return keyFile{der: data, kind: kindPKCS1}, nil
		}
		return keyFile{der: data, kind: kindEncrypted}, nil
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return keyFile{}, ErrNotAKey
	}
	switch block.Type {
	case kindEncrypted, kindPKCS8:
		return keyFile{der: block.Bytes, kind: block.Type, pem: true}, nil
	case kindPKCS1:
		if isLegacyEncrypted(block) {
			return keyFile{der: block.Bytes, kind: kindLegacyPEM, pem: true, block: block}, nil
		}
		return keyFile{der: block.Bytes, kind: kindPKCS1, pem: true}, nil
	}
	return keyFile{}, ErrNotAKey
}

func rsaKey(k any) (*rsa.PrivateKey, error) {
	r, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, ErrNotRSA
	}
	return r, nil
}
