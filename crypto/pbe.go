package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"hash"
	"unicode/utf16"

	"golang.org/x/crypto/scrypt"
)

// The password-based encryptions of a PKCS#8 EncryptedPrivateKeyInfo this
// package opens: PBES2 (RFC 8018) with PBKDF2 or scrypt and a CBC cipher,
// PKCS#12's PBE-SHA1-3DES and PBE-SHA1-2DES (RFC 7292 appendix C; what
// "openssl pkcs8 -v1 PBE-SHA1-3DES" and older Java and Windows tools write)
// and PKCS#5 v1.5 PBES1 with DES (older OpenSSL's default for -topk8).
//
// Written here rather than left to github.com/youmark/pkcs8, which reads
// only PBES2 with PBKDF2-HMAC-SHA1/SHA256 or scrypt and AES or 3DES: the
// parameters have to be parsed here anyway, to name the scheme and to
// refuse an absurd cost before deriving anything, and what remains is a
// key derivation from the standard library (or golang.org/x/crypto/scrypt)
// and one CBC decryption.

// Limits on the cost of deriving a key from a password, for files of
// unknown origin: a .key that asks for more is refused with
// ErrKeyCostTooHigh before any work is done. They admit OpenSSL's and
// SAT's defaults (2,048 PBKDF2 iterations; scrypt N=16384, r=8, p=1),
// OWASP's advice (600,000 PBKDF2-HMAC-SHA256 iterations, 1,300,000 with
// SHA-1; scrypt N=2^17, r=8) and our own files, each with room to spare;
// at the limit opening takes a couple of seconds, not hours.
const (
	// MaxKeyIterations bounds PBKDF2, PBKDF1 and PKCS#12 KDF iterations.
	MaxKeyIterations = 10_000_000
	// MaxScryptMemory bounds scrypt's 128·N·r bytes of memory (256 MiB).
	MaxScryptMemory = 256 << 20
	// MaxScryptWork bounds scrypt's N·r·p (4 times OWASP's N=2^17, r=8, p=1).
	MaxScryptWork = 1 << 22
)

// keyCostLimits are the limits check applies: the constants above, lowered
// only by the fuzz test so that it explores parsing rather than waiting on
// legitimately slow derivations.
var keyCostLimits = struct{ iterations, scryptMemory, scryptWork uint64 }{
	MaxKeyIterations, MaxScryptMemory, MaxScryptWork,
}

// More sentinel errors of the .key reader, each carried by a *SchemeError
// that names the scheme.
var (
	// ErrUnsupportedScheme: a sound file encrypted in a way not opened here.
	ErrUnsupportedScheme = errors.New("crypto: unsupported private key encryption")
	// ErrKeyCostTooHigh: the file asks for a key derivation above the limits.
	ErrKeyCostTooHigh = errors.New("crypto: private key derivation cost above the limit")
)

// SchemeError says which encryption of a .key is not supported or costs
// too much. Err is ErrUnsupportedScheme or ErrKeyCostTooHigh.
type SchemeError struct {
	Scheme string // as DescribeKey names it, e.g. "PBES2 PBKDF2-HMAC-SHA256 1.2.3.4"
	Cost   string // for ErrKeyCostTooHigh: "iterations=20000000"
	Limit  string // for ErrKeyCostTooHigh: "iterations<=10000000"
	Err    error
}

func (e *SchemeError) Error() string {
	if e.Cost != "" {
		return fmt.Sprintf("%v: %s (%s; limit %s)", e.Err, e.Scheme, e.Cost, e.Limit)
	}
	return fmt.Sprintf("%v: %s", e.Err, e.Scheme)
}

func (e *SchemeError) Unwrap() error { return e.Err }

var (
	oidScrypt = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11591, 4, 11}
	// PKCS#12 PBE (RFC 7292 appendix C) and PKCS#5 v1.5 PBES1 arcs.
	oidPKCS12PBE = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1}
	oidPBES1     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5}
)

// blockCipher is a CBC cipher PBES2 can name.
type blockCipher struct {
	name     string
	keyLen   int
	newBlock func([]byte) (cipher.Block, error)
}

var pbes2Ciphers = map[string]blockCipher{
	"1.3.14.3.2.7":              {"DES-CBC", 8, des.NewCipher},
	"1.2.840.113549.3.7":        {"DES-EDE3-CBC", 24, des.NewTripleDESCipher},
	"2.16.840.1.101.3.4.1.2":    {"AES-128-CBC", 16, aes.NewCipher},
	"2.16.840.1.101.3.4.1.22":   {"AES-192-CBC", 24, aes.NewCipher},
	"2.16.840.1.101.3.4.1.42":   {"AES-256-CBC", 32, aes.NewCipher},
	"1.2.392.200011.61.1.1.1.2": {"CAMELLIA-128-CBC", 16, newCamellia},
	"1.2.392.200011.61.1.1.1.3": {"CAMELLIA-192-CBC", 24, newCamellia},
	"1.2.392.200011.61.1.1.1.4": {"CAMELLIA-256-CBC", 32, newCamellia},
}

// pbkdf2PRFs are the HMACs PBKDF2 can use, by OID.
var pbkdf2PRFs = map[string]struct {
	name string
	hash func() hash.Hash
}{
	"1.2.840.113549.2.7":  {"HMAC-SHA1", sha1.New},
	"1.2.840.113549.2.8":  {"HMAC-SHA224", sha256.New224},
	"1.2.840.113549.2.9":  {"HMAC-SHA256", sha256.New},
	"1.2.840.113549.2.10": {"HMAC-SHA384", sha512.New384},
	"1.2.840.113549.2.11": {"HMAC-SHA512", sha512.New},
	"1.2.840.113549.2.12": {"HMAC-SHA512-224", sha512.New512_224},
	"1.2.840.113549.2.13": {"HMAC-SHA512-256", sha512.New512_256},
}

// unsupportedNames names algorithms seen in the wild that are not opened
// here, so that the message can say which one a file uses.
var unsupportedNames = map[string]string{
	"1.2.840.113549.3.2":         "RC2-CBC",
	"1.2.840.113549.3.9":         "RC5-CBC",
	"2.16.840.1.101.3.4.1.6":     "AES-128-GCM",
	"2.16.840.1.101.3.4.1.26":    "AES-192-GCM",
	"2.16.840.1.101.3.4.1.46":    "AES-256-GCM",
	"1.2.156.10197.1.104.2":      "SM4-CBC",
	"1.2.410.200004.1.4":         "SEED-CBC",
	"1.2.840.113549.1.12.1.1":    "PBE-SHA1-RC4-128",
	"1.2.840.113549.1.12.1.2":    "PBE-SHA1-RC4-40",
	"1.2.840.113549.1.12.1.5":    "PBE-SHA1-RC2-128",
	"1.2.840.113549.1.12.1.6":    "PBE-SHA1-RC2-40",
	"1.2.840.113549.1.5.1":       "PBE-MD2-DES",
	"1.2.840.113549.1.5.4":       "PBE-MD2-RC2-64",
	"1.2.840.113549.1.5.6":       "PBE-MD5-RC2-64",
	"1.2.840.113549.1.5.11":      "PBE-SHA1-RC2-64",
	"2.16.840.1.101.3.4.2.13":    "HMAC-SHA3-224",
	"2.16.840.1.101.3.4.2.14":    "HMAC-SHA3-256",
	"2.16.840.1.101.3.4.2.15":    "HMAC-SHA3-384",
	"2.16.840.1.101.3.4.2.16":    "HMAC-SHA3-512",
	"1.2.840.113549.1.9.16.3.18": "ChaCha20-Poly1305",
}

func algName(o asn1.ObjectIdentifier) string {
	if c, ok := pbes2Ciphers[o.String()]; ok {
		return c.name
	}
	if n, ok := unsupportedNames[o.String()]; ok {
		return n
	}
	return o.String()
}

// keyScheme is the parsed encryption of an EncryptedPrivateKeyInfo.
type keyScheme struct {
	name        string // for DescribeKey and messages
	iterations  int
	scryptN     int
	scryptR     int
	scryptP     int
	unsupported bool
	cipher      blockCipher
	iv          []byte // nil when derived from the password (PBES1, PKCS#12)
	derive      func(password []byte) (key, iv []byte, err error)
}

// pbkdf2ParamsIn reads PBKDF2-params (RFC 8018 A.2), whose keyLength the
// writer's pbkdf2Params leaves out.
type pbkdf2ParamsIn struct {
	Salt       []byte
	Iterations int
	KeyLength  int                      `asn1:"optional"`
	PRF        pkix.AlgorithmIdentifier `asn1:"optional"`
}

// scryptParams is scrypt-params (RFC 7914 section 7.1).
type scryptParams struct {
	Salt      []byte
	N         int
	R         int
	P         int
	KeyLength int `asn1:"optional"`
}

// pbeParams is PBEParameter (PKCS#5 v1.5) and pkcs-12PbeParams: the same
// shape.
type pbeParams struct {
	Salt       []byte
	Iterations int
}

var errMalformed = fmt.Errorf("%w: malformed encryption parameters", ErrNotAKey)

// parseKeyScheme reads the encryption algorithm of an
// EncryptedPrivateKeyInfo. Malformed parameters are ErrNotAKey; an
// algorithm not opened here comes back with unsupported set and a name.
func parseKeyScheme(alg pkix.AlgorithmIdentifier) (*keyScheme, error) {
	o := alg.Algorithm
	switch {
	case o.Equal(oidPBES2):
		return parsePBES2(alg.Parameters.FullBytes)
	case len(o) == len(oidPKCS12PBE)+1 && o[:len(oidPKCS12PBE)].Equal(oidPKCS12PBE):
		return parsePBE(o, alg.Parameters.FullBytes, true)
	case len(o) == len(oidPBES1)+1 && o[:len(oidPBES1)].Equal(oidPBES1):
		return parsePBE(o, alg.Parameters.FullBytes, false)
	}
	return &keyScheme{name: algName(o), unsupported: true}, nil
}

func parsePBES2(der []byte) (*keyScheme, error) {
	var p pbes2Params
	if rest, err := asn1.Unmarshal(der, &p); err != nil || len(rest) != 0 {
		return nil, errMalformed
	}
	s := &keyScheme{}
	c, cipherOK := pbes2Ciphers[p.Scheme.Algorithm.String()]
	cipherName := algName(p.Scheme.Algorithm)
	if cipherOK {
		if rest, err := asn1.Unmarshal(p.Scheme.Parameters.FullBytes, &s.iv); err != nil || len(rest) != 0 {
			return nil, errMalformed
		}
		b, _ := c.newBlock(make([]byte, c.keyLen))
		if len(s.iv) != b.BlockSize() {
			return nil, errMalformed
		}
		s.cipher = c
	}
	keyLen := func(n int) bool { return n == 0 || !cipherOK || n == c.keyLen }
	switch {
	case p.KDF.Algorithm.Equal(oidPBKDF2):
		var k pbkdf2ParamsIn
		if rest, err := asn1.Unmarshal(p.KDF.Parameters.FullBytes, &k); err != nil || len(rest) != 0 ||
			k.Iterations < 1 || !keyLen(k.KeyLength) {
			return nil, errMalformed
		}
		s.iterations = k.Iterations
		prfOID := k.PRF.Algorithm.String()
		if len(k.PRF.Algorithm) == 0 {
			prfOID = "1.2.840.113549.2.7" // the default, HMAC-SHA1
		}
		prf, ok := pbkdf2PRFs[prfOID]
		if !ok {
			s.unsupported = true
			prf.name = algName(k.PRF.Algorithm)
		}
		s.name = "PBES2 PBKDF2-" + prf.name + " " + cipherName
		s.derive = func(pw []byte) ([]byte, []byte, error) {
			key, err := pbkdf2.Key(prf.hash, string(pw), k.Salt, k.Iterations, c.keyLen)
			return key, nil, err
		}
	case p.KDF.Algorithm.Equal(oidScrypt):
		var k scryptParams
		if rest, err := asn1.Unmarshal(p.KDF.Parameters.FullBytes, &k); err != nil || len(rest) != 0 ||
			k.N < 2 || k.N&(k.N-1) != 0 || k.R < 1 || k.P < 1 || !keyLen(k.KeyLength) {
			return nil, errMalformed
		}
		s.scryptN, s.scryptR, s.scryptP = k.N, k.R, k.P
		s.name = "PBES2 scrypt " + cipherName
		s.derive = func(pw []byte) ([]byte, []byte, error) {
			key, err := scrypt.Key(pw, k.Salt, k.N, k.R, k.P, c.keyLen)
			return key, nil, err
		}
	default:
		s.unsupported = true
		s.name = "PBES2 " + algName(p.KDF.Algorithm) + " " + cipherName
	}
	if !cipherOK {
		s.unsupported = true
	}
	return s, nil
}

// parsePBE reads PKCS#12 PBE (pkcs12 true) and PKCS#5 v1.5 PBES1
// algorithms, which derive both key and IV from the password.
func parsePBE(o asn1.ObjectIdentifier, der []byte, pkcs12 bool) (*keyScheme, error) {
	prefix := "PBES1 "
	if pkcs12 {
		prefix = "PKCS#12 "
	}
	s := &keyScheme{name: prefix + algName(o)}
	var (
		c       blockCipher
		derive  func(pw, salt []byte, iter int) ([]byte, []byte)
		naming  string
		desEDE2 = func(k []byte) (cipher.Block, error) {
			// Two-key 3DES: K1, K2, K1.
			return des.NewTripleDESCipher(append(k[:16:16], k[:8]...))
		}
	)
	switch last := o[len(o)-1]; {
	case pkcs12 && last == 3:
		naming, c = "PBE-SHA1-3DES", blockCipher{"DES-EDE3-CBC", 24, des.NewTripleDESCipher}
	case pkcs12 && last == 4:
		naming, c = "PBE-SHA1-2DES", blockCipher{"DES-EDE-CBC", 16, desEDE2}
	case !pkcs12 && last == 3:
		naming, c = "PBE-MD5-DES", blockCipher{"DES-CBC", 8, des.NewCipher}
	case !pkcs12 && last == 10:
		naming, c = "PBE-SHA1-DES", blockCipher{"DES-CBC", 8, des.NewCipher}
	default:
		s.unsupported = true
		return s, nil
	}
	var p pbeParams
	if rest, err := asn1.Unmarshal(der, &p); err != nil || len(rest) != 0 || p.Iterations < 1 {
		return nil, errMalformed
	}
	s.name = prefix + naming
	if pkcs12 {
		derive = func(pw, salt []byte, iter int) ([]byte, []byte) {
			bmp := bmpPassword(pw)
			return pkcs12KDF(salt, bmp, iter, 1, c.keyLen), pkcs12KDF(salt, bmp, iter, 2, 8)
		}
	} else {
		if len(p.Salt) != 8 {
			return nil, errMalformed
		}
		h := md5.New
		if naming == "PBE-SHA1-DES" {
			h = sha1.New
		}
		derive = func(pw, salt []byte, iter int) ([]byte, []byte) {
			dk := pbkdf1(h, pw, salt, iter)
			return dk[:8], dk[8:16]
		}
	}
	s.cipher, s.iterations = c, p.Iterations
	s.derive = func(pw []byte) ([]byte, []byte, error) {
		key, iv := derive(pw, p.Salt, p.Iterations)
		return key, iv, nil
	}
	return s, nil
}

// check refuses an unsupported scheme or a cost above the limits, before
// any key derivation.
func (s *keyScheme) check() error {
	if s.unsupported {
		return &SchemeError{Scheme: s.name, Err: ErrUnsupportedScheme}
	}
	lim := keyCostLimits
	if uint64(s.iterations) > lim.iterations {
		return &SchemeError{Scheme: s.name, Err: ErrKeyCostTooHigh,
			Cost:  fmt.Sprintf("iterations=%d", s.iterations),
			Limit: fmt.Sprintf("iterations<=%d", lim.iterations)}
	}
	if s.scryptN > 0 {
		// Each factor is bounded first so that the products cannot overflow.
		n, r, p := uint64(s.scryptN), uint64(s.scryptR), uint64(s.scryptP)
		if n > lim.scryptMemory || r > lim.scryptMemory || p > lim.scryptWork ||
			128*n*r > lim.scryptMemory || n*r*p > lim.scryptWork {
			return &SchemeError{Scheme: s.name, Err: ErrKeyCostTooHigh,
				Cost:  fmt.Sprintf("N=%d r=%d p=%d", s.scryptN, s.scryptR, s.scryptP),
				Limit: fmt.Sprintf("128*N*r<=%d N*r*p<=%d", lim.scryptMemory, lim.scryptWork)}
		}
	}
	return nil
}

// errDecrypt means the password did not open the file: the padding or the
// DER inside came out wrong.
var errDecrypt = errors.New("crypto: decryption failed")

// decrypt derives the key (check must have passed) and decrypts ct,
// removing the PKCS#5 padding. A ciphertext that cannot be CBC is
// ErrNotAKey; bad padding is errDecrypt.
func (s *keyScheme) decrypt(password, ct []byte) ([]byte, error) {
	key, iv, err := s.derive(password)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	defer clear(key)
	if s.iv != nil {
		iv = s.iv
	}
	b, err := s.cipher.newBlock(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	bs := b.BlockSize()
	if len(ct) == 0 || len(ct)%bs != 0 || len(iv) != bs {
		return nil, errMalformed
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(b, iv).CryptBlocks(plain, ct)
	pad := int(plain[len(plain)-1])
	if pad == 0 || pad > bs {
		return nil, errDecrypt
	}
	for _, v := range plain[len(plain)-pad:] {
		if int(v) != pad {
			return nil, errDecrypt
		}
	}
	return plain[:len(plain)-pad], nil
}

// pkcs12KDF is the key derivation of RFC 7292 appendix B.2 with SHA-1
// (SHA-1's u=20, v=64): id 1 gives key material, 2 an IV. go-pkcs12, a dependency,
// has the same function but does not export it; this is a short, direct
// reading of the RFC, checked against go-pkcs12's published vector and
// against OpenSSL-written files in the tests.
func pkcs12KDF(salt, password []byte, iterations int, id byte, size int) []byte {
	const v = 64
	fill := func(p []byte) []byte {
		if len(p) == 0 {
			return nil
		}
		out := make([]byte, v*((len(p)+v-1)/v))
		for i := range out {
			out[i] = p[i%len(p)]
		}
		return out
	}
	d := make([]byte, v)
	for i := range d {
		d[i] = id
	}
	I := append(fill(salt), fill(password)...)
	var out []byte
	for len(out) < size {
		h := sha1.New()
		h.Write(d)
		h.Write(I)
		a := h.Sum(nil)
		for r := 1; r < iterations; r++ {
			sum := sha1.Sum(a)
			a = sum[:]
		}
		out = append(out, a...)
		// I_j = (I_j + B + 1) mod 2^(8v), B being A repeated to v bytes.
		b := fill(a)
		for j := 0; j < len(I); j += v {
			carry := 1
			for k := v - 1; k >= 0; k-- {
				x := int(I[j+k]) + int(b[k]) + carry
				I[j+k], carry = byte(x), x>>8
			}
		}
	}
	return out[:size]
}

// bmpPassword is the password as PKCS#12 feeds it to its KDF: UTF-16
// big-endian with a terminating zero character.
func bmpPassword(pw []byte) []byte {
	u := utf16.Encode([]rune(string(pw)))
	out := make([]byte, 0, 2*len(u)+2)
	for _, c := range u {
		out = append(out, byte(c>>8), byte(c))
	}
	return append(out, 0, 0)
}

// pbkdf1 is PBKDF1 (RFC 8018 section 5.1) giving the hash's whole output;
// PBES1 takes the DES key and IV from its first 16 bytes.
func pbkdf1(h func() hash.Hash, password, salt []byte, iterations int) []byte {
	d := h()
	d.Write(password)
	d.Write(salt)
	t := d.Sum(nil)
	for i := 1; i < iterations; i++ {
		d.Reset()
		d.Write(t)
		t = d.Sum(t[:0])
	}
	return t
}
