package crypto

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

const testIter = 1000

func TestEncryptKey_RoundTripAndOpenSSL(t *testing.T) {
	key := testKey(t, 0)
	pool := NewEntropyPool(0)
	der, err := EncryptKey(key, []byte("Clave2026abc"), &KeyOptions{Iterations: testIter, Entropy: pool})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseKey(der, []byte("Clave2026abc"))
	if err != nil {
		t.Fatalf("ParseKey: %v", err)
	}
	if !got.Equal(key) {
		t.Fatal("decrypted key differs")
	}
	info, err := DescribeKey(der)
	if err != nil {
		t.Fatal(err)
	}
	if info.Scheme != "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC" || info.Iterations != testIter || !info.Encrypted {
		t.Fatalf("DescribeKey = %+v", info)
	}

	openssl := requireTool(t, "openssl")
	dir := t.TempDir()
	kf, pw := filepath.Join(dir, "k.key"), filepath.Join(dir, "pw")
	os.WriteFile(kf, der, 0o600)
	os.WriteFile(pw, []byte("Clave2026abc\n"), 0o600)
	out, err := exec.Command(openssl, "pkcs8", "-inform", "DER", "-in", kf, "-passin", "file:"+pw, "-outform", "DER").Output()
	if err != nil {
		t.Fatalf("openssl pkcs8 refused our .key: %v", err)
	}
	k2, err := ParseKey(out, nil)
	if err != nil || !key.Equal(k2) {
		t.Fatalf("openssl decrypted a different key: %v", err)
	}
}

func TestEncryptKey_SaltAndIVFresh(t *testing.T) {
	key := testKey(t, 0)
	a, _ := EncryptKey(key, []byte("Clave2026abc"), &KeyOptions{Iterations: testIter})
	b, _ := EncryptKey(key, []byte("Clave2026abc"), &KeyOptions{Iterations: testIter})
	if string(a) == string(b) {
		t.Fatal("two encryptions of the same key are identical: salt/IV not random")
	}
}

func TestParseKey_SAT(t *testing.T) {
	for _, d := range satDirs {
		t.Run(d, func(t *testing.T) {
			f := loadSAT(t, d)
			k, err := ParseKey(f.key, f.password)
			if err != nil {
				t.Fatalf("ParseKey: %v", err)
			}
			cert, err := ParseCertificate(f.cer)
			if err != nil {
				t.Fatal(err)
			}
			if !KeyMatches(k, cert) {
				t.Fatal("SAT key does not match its certificate")
			}
			info, _ := DescribeKey(f.key)
			if info.Scheme != "PBES2 PBKDF2-HMAC-SHA1 DES-EDE3-CBC" {
				t.Fatalf("scheme = %q", info.Scheme)
			}
		})
	}
}

func TestParseKey_Errors(t *testing.T) {
	f := loadSAT(t, satDirs[0])
	key := testKey(t, 1)
	pkcs8DER, _ := x509.MarshalPKCS8PrivateKey(key)
	ours, _ := EncryptKey(key, []byte("Clave2026abc"), &KeyOptions{Iterations: testIter})
	cer := f.cer
	tests := []struct {
		name     string
		data     []byte
		password string
		want     error
	}{
		{"SAT contraseña equivocada", f.key, "otracosa1", ErrWrongPassword},
		{"propia contraseña equivocada", ours, "Clave2026abd", ErrWrongPassword},
		{"sin contraseña", ours, "", ErrWrongPassword},
		{"truncado", f.key[:len(f.key)/2], "12345678a", ErrNotAKey},
		{"truncado propio", ours[:len(ours)-1], "Clave2026abc", ErrNotAKey},
		{"vacío", nil, "x", ErrNotAKey},
		{"certificado en vez de llave", cer, "12345678a", ErrNotAKey},
		{"texto", []byte("hola mundo"), "x", ErrNotAKey},
		{"PEM de otro tipo", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cer}), "x", ErrNotAKey},
		{"PKCS#8 sin cifrar DER", pkcs8DER, "", nil},
		{"PKCS#8 sin cifrar PEM", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8DER}), "", nil},
		{"PKCS#1 PEM", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), "", nil},
		{"PKCS#8 cifrado PEM", pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: ours}), "Clave2026abc", nil},
		{"PEM cifrado legado", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00"}, Bytes: []byte{1}}), "x", ErrNotAKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseKey(tt.data, []byte(tt.password))
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzParseKey(f *testing.F) {
	sat := loadSAT(f, satDirs[0])
	ours, _ := EncryptKey(testKey(f, 0), []byte("Clave2026abc"), &KeyOptions{Iterations: 1})
	f.Add(sat.key, []byte("12345678a"))
	f.Add(ours, []byte("Clave2026abc"))
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"), []byte(""))
	// Derivations up to the real limits take seconds under the fuzzer's
	// instrumentation; low limits keep it on the parsers.
	saved := keyCostLimits
	f.Cleanup(func() { keyCostLimits = saved })
	keyCostLimits.iterations, keyCostLimits.scryptMemory, keyCostLimits.scryptWork = 4096, 1<<20, 1<<12
	// One seed per parse path of the other schemes, with cheap costs.
	for _, seed := range fuzzKeySeeds(f) {
		f.Add(seed, []byte("Clave2026abc"))
	}
	f.Fuzz(func(t *testing.T, data, pw []byte) {
		k, err := ParseKey(data, pw)
		if err == nil && k == nil {
			t.Fatal("nil key without error")
		}
		if err != nil && !errors.Is(err, ErrWrongPassword) && !errors.Is(err, ErrNotAKey) && !errors.Is(err, ErrNotRSA) &&
			!errors.Is(err, ErrUnsupportedScheme) && !errors.Is(err, ErrKeyCostTooHigh) {
			t.Fatalf("unclassified error: %v", err)
		}
		info, derr := DescribeKey(data)
		var se *SchemeError
		if errors.As(err, &se) && (derr != nil || info.Scheme != se.Scheme) {
			t.Fatalf("ParseKey names %q, DescribeKey %q (%v)", se.Scheme, info.Scheme, derr)
		}
	})
}

func BenchmarkEncryptKey(b *testing.B) {
	key := testKey(b, 0)
	for b.Loop() {
		if _, err := EncryptKey(key, []byte("Clave2026abc"), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseKey(b *testing.B) {
	der, _ := EncryptKey(testKey(b, 0), []byte("Clave2026abc"), nil)
	for b.Loop() {
		if _, err := ParseKey(der, []byte("Clave2026abc")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerateKey(b *testing.B) {
	for _, bits := range []int{2048, 3072, 4096} {
		b.Run(strconv.Itoa(bits), func(b *testing.B) {
			for b.Loop() {
				if _, err := GenerateKey(bits, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestKeyEncrypter_UnaSolaLlave(t *testing.T) {
	e, err := NewKeyEncrypter([]byte("Clave2026abc"), &KeyOptions{Iterations: testIter})
	if err != nil {
		t.Fatal(err)
	}
	der, err := e.Encrypt(testKey(t, 0))
	if err != nil {
		t.Fatal(err)
	}
	if k, err := ParseKey(der, []byte("Clave2026abc")); err != nil || !k.Equal(testKey(t, 0)) {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := e.Encrypt(testKey(t, 1)); err == nil {
		t.Fatal("a KeyEncrypter encrypted a second key with the same salt and IV")
	}
	if _, err := NewKeyEncrypter(nil, nil); err == nil {
		t.Fatal("empty password accepted")
	}
}

// keyShape is one way OpenSSL writes an encrypted .key, made at test time
// by the real openssl from args (the input and output files and the
// password are appended).
type keyShape struct {
	name   string
	args   []string
	scheme string
	iter   int
	n      int // scrypt N
	der    bool
}

// openSSLKeyShapes are the shapes third parties write that ParseKey opens.
var openSSLKeyShapes = []keyShape{
	{"OpenSSL 3 por defecto", []string{"pkcs8", "-topk8"}, "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC", 2048, 0, false},
	{"OWASP 600000", []string{"pkcs8", "-topk8", "-iter", "600000", "-outform", "DER"}, "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC", 600000, 0, true},
	{"PBKDF2-SHA512 AES-128", []string{"pkcs8", "-topk8", "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA512"}, "PBES2 PBKDF2-HMAC-SHA512 AES-128-CBC", 2048, 0, false},
	{"SAT-like 3DES PBKDF2-SHA1", []string{"pkcs8", "-topk8", "-v2", "des3", "-v2prf", "hmacWithSHA1", "-outform", "DER"}, "PBES2 PBKDF2-HMAC-SHA1 DES-EDE3-CBC", 2048, 0, true},
	{"PBE-SHA1-3DES DER", []string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-outform", "DER"}, "PKCS#12 PBE-SHA1-3DES", 2048, 0, true},
	{"PBE-SHA1-3DES PEM", []string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES"}, "PKCS#12 PBE-SHA1-3DES", 2048, 0, false},
	{"PBE-SHA1-2DES", []string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-2DES"}, "PKCS#12 PBE-SHA1-2DES", 2048, 0, false},
	{"PBE-MD5-DES (OpenSSL 1.0)", []string{"pkcs8", "-topk8", "-v1", "PBE-MD5-DES", "-provider", "legacy", "-provider", "default"}, "PBES1 PBE-MD5-DES", 2048, 0, false},
	{"PBE-SHA1-DES", []string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-DES", "-provider", "legacy", "-provider", "default", "-outform", "DER"}, "PBES1 PBE-SHA1-DES", 2048, 0, true},
	{"scrypt por defecto", []string{"pkcs8", "-topk8", "-scrypt"}, "PBES2 scrypt AES-256-CBC", 0, 16384, false},
	{"scrypt DER", []string{"pkcs8", "-topk8", "-scrypt", "-scrypt_N", "1024", "-outform", "DER"}, "PBES2 scrypt AES-256-CBC", 0, 1024, true},
	{"Camellia-256", []string{"pkcs8", "-topk8", "-v2", "camellia-256-cbc"}, "PBES2 PBKDF2-HMAC-SHA256 CAMELLIA-256-CBC", 2048, 0, false},
	{"Camellia-128 DER", []string{"pkcs8", "-topk8", "-v2", "camellia-128-cbc", "-outform", "DER"}, "PBES2 PBKDF2-HMAC-SHA256 CAMELLIA-128-CBC", 2048, 0, true},
	{"PEM tradicional AES-256", []string{"rsa", "-aes256", "-traditional"}, "PEM tradicional (MD5) AES-256-CBC", 0, 0, false},
	{"PEM tradicional AES-192", []string{"rsa", "-aes192", "-traditional"}, "PEM tradicional (MD5) AES-192-CBC", 0, 0, false},
	{"PEM tradicional AES-128", []string{"rsa", "-aes128", "-traditional"}, "PEM tradicional (MD5) AES-128-CBC", 0, 0, false},
	{"PEM tradicional 3DES", []string{"rsa", "-des3", "-traditional"}, "PEM tradicional (MD5) DES-EDE3-CBC", 0, 0, false},
	{"PEM tradicional DES", []string{"rsa", "-des", "-traditional", "-provider", "legacy", "-provider", "default"}, "PEM tradicional (MD5) DES-CBC", 0, 0, false},
	{"PEM tradicional Camellia-256", []string{"rsa", "-camellia256", "-traditional"}, "PEM tradicional (MD5) CAMELLIA-256-CBC", 0, 0, false},
	{"PEM tradicional Camellia-128", []string{"rsa", "-camellia128", "-traditional"}, "PEM tradicional (MD5) CAMELLIA-128-CBC", 0, 0, false},
}

// writeOpenSSLKey has openssl write key in shape s, protected by password.
func writeOpenSSLKey(t testing.TB, openssl string, key *rsa.PrivateKey, s keyShape, password string) []byte {
	t.Helper()
	dir := t.TempDir()
	plain, _ := x509.MarshalPKCS8PrivateKey(key)
	in, out, pw := filepath.Join(dir, "in.pem"), filepath.Join(dir, "out.key"), filepath.Join(dir, "pw")
	os.WriteFile(in, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: plain}), 0o600)
	os.WriteFile(pw, []byte(password+"\n"), 0o600)
	args := append(append([]string{}, s.args...), "-in", in, "-out", out, "-passout", "file:"+pw)
	if b, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
		t.Fatalf("openssl %v: %v\n%s", args, err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseKey_FormasDeOpenSSL(t *testing.T) {
	openssl := requireTool(t, "openssl")
	key := testKey(t, 2)
	for _, s := range openSSLKeyShapes {
		t.Run(s.name, func(t *testing.T) {
			data := writeOpenSSLKey(t, openssl, key, s, "Clave2026abc")
			info, err := DescribeKey(data)
			if err != nil {
				t.Fatalf("DescribeKey: %v", err)
			}
			if info.Scheme != s.scheme || info.Iterations != s.iter || info.ScryptN != s.n || !info.Encrypted ||
				(info.Encoding == "DER") != s.der {
				t.Fatalf("DescribeKey = %+v, want scheme %q, %d iterations, N=%d, DER %v", info, s.scheme, s.iter, s.n, s.der)
			}
			k, err := ParseKey(data, []byte("Clave2026abc"))
			if err != nil || !k.Equal(key) {
				t.Fatalf("ParseKey: %v", err)
			}
			for _, bad := range []string{"Clave2026abd", ""} {
				if _, err := ParseKey(data, []byte(bad)); !errors.Is(err, ErrWrongPassword) {
					t.Fatalf("password %q: err = %v, want ErrWrongPassword", bad, err)
				}
			}
		})
	}
}

// Shapes OpenSSL writes that ParseKey does not open are named.
func TestParseKey_FormasNoSoportadasSeNombran(t *testing.T) {
	openssl := requireTool(t, "openssl")
	key := testKey(t, 2)
	tests := []struct {
		shape keyShape
		want  string
	}{
		{keyShape{name: "PBE-SHA1-RC2-40", args: []string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-RC2-40", "-provider", "legacy", "-provider", "default"}}, "PKCS#12 PBE-SHA1-RC2-40"},
		{keyShape{name: "PEM tradicional ARIA", args: []string{"rsa", "-aria256", "-traditional"}}, "PEM tradicional (MD5) ARIA-256-CBC"},
	}
	for _, tt := range tests {
		t.Run(tt.shape.name, func(t *testing.T) {
			data := writeOpenSSLKey(t, openssl, key, tt.shape, "Clave2026abc")
			if info, err := DescribeKey(data); err != nil || info.Scheme != tt.want {
				t.Fatalf("DescribeKey = %+v, %v", info, err)
			}
			_, err := ParseKey(data, []byte("Clave2026abc"))
			var se *SchemeError
			if !errors.Is(err, ErrUnsupportedScheme) || !errors.As(err, &se) || se.Scheme != tt.want {
				t.Fatalf("err = %v, want ErrUnsupportedScheme naming %q", err, tt.want)
			}
		})
	}
}

// fuzzKeySeeds are small files for each way ParseKey reads an encrypted
// key: PBES2 with scrypt and with Camellia, PKCS#12 PBE, PBES1, a
// traditional encrypted PEM and an unsupported cipher.
func fuzzKeySeeds(t testing.TB) [][]byte {
	camellia := asn1.ObjectIdentifier{1, 2, 392, 200011, 61, 1, 1, 1, 4}
	seeds := [][]byte{
		craftPBES2(t, oidScrypt, scryptParams{Salt: []byte{1, 2}, N: 16, R: 1, P: 1}, oidAES256CBC, 16),
		craftPBES2(t, oidPBKDF2, pbkdf2SHA256(1), camellia, 16),
		craftPBES2(t, oidPBKDF2, pbkdf2SHA256(1), asn1.ObjectIdentifier{1, 2, 3, 4}, 16),
		craftEPKI(t, asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3}, mustMarshal(t, pbeParams{Salt: make([]byte, 8), Iterations: 1})),
		craftEPKI(t, asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 3}, mustMarshal(t, pbeParams{Salt: make([]byte, 8), Iterations: 1})),
	}
	// A genuine traditional PEM; EncryptPEMBlock is deprecated, and used
	// here only to make a test file in the legacy format.
	b, err := x509.EncryptPEMBlock(rand.Reader, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(testKey(t, 0)),
		[]byte("Clave2026abc"), x509.PEMCipherAES256)
	if err != nil {
		t.Fatal(err)
	}
	camelliaPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: bytes.Repeat([]byte{7}, 1200),
		Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "CAMELLIA-256-CBC,000102030405060708090A0B0C0D0E0F"}})
	return append(seeds, pem.EncodeToMemory(b), camelliaPEM)
}
