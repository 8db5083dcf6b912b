package crypto

import (
	"bytes"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"testing"
	"time"
)

// craftPBES2 builds an EncryptedPrivateKeyInfo with PBES2 and the given
// key derivation and cipher, around a dummy ciphertext.
func craftPBES2(t testing.TB, kdfOID asn1.ObjectIdentifier, kdfParams any, cipherOID asn1.ObjectIdentifier, ivLen int) []byte {
	t.Helper()
	kdf, err := asn1.Marshal(kdfParams)
	if err != nil {
		t.Fatal(err)
	}
	iv, _ := asn1.Marshal(make([]byte, ivLen))
	params, err := asn1.Marshal(pbes2Params{
		KDF:    pkix.AlgorithmIdentifier{Algorithm: kdfOID, Parameters: asn1.RawValue{FullBytes: kdf}},
		Scheme: pkix.AlgorithmIdentifier{Algorithm: cipherOID, Parameters: asn1.RawValue{FullBytes: iv}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return craftEPKI(t, oidPBES2, params)
}

func craftEPKI(t testing.TB, alg asn1.ObjectIdentifier, params []byte) []byte {
	t.Helper()
	der, err := asn1.Marshal(encryptedPrivateKeyInfo{
		Algorithm:     pkix.AlgorithmIdentifier{Algorithm: alg, Parameters: asn1.RawValue{FullBytes: params}},
		EncryptedData: bytes.Repeat([]byte{0x5a}, 1232),
	})
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func pbkdf2SHA256(iter int) pbkdf2Params {
	return pbkdf2Params{Salt: make([]byte, 16), Iterations: iter,
		PRF: pkix.AlgorithmIdentifier{Algorithm: oidHMACSHA256, Parameters: asn1.NullRawValue}}
}

func TestParseKey_CifradoNoSoportadoSeNombra(t *testing.T) {
	null, _ := asn1.Marshal(asn1.NullRawValue)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"cifrado desconocido", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(2048), asn1.ObjectIdentifier{1, 2, 3, 4, 5}, 16),
			"PBES2 PBKDF2-HMAC-SHA256 1.2.3.4.5"},
		{"AES-GCM", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(2048), asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 46}, 12),
			"PBES2 PBKDF2-HMAC-SHA256 AES-256-GCM"},
		{"PRF desconocida", craftPBES2(t, oidPBKDF2, pbkdf2Params{Salt: []byte{1}, Iterations: 2048,
			PRF: pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 14}}}, oidAES256CBC, 16),
			"PBES2 PBKDF2-HMAC-SHA3-256 AES-256-CBC"},
		{"KDF desconocida", craftPBES2(t, asn1.ObjectIdentifier{1, 2, 3}, pbkdf2SHA256(1), oidAES256CBC, 16),
			"PBES2 1.2.3 AES-256-CBC"},
		{"esquema desconocido", craftEPKI(t, asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, null), "1.3.6.1.4.1.99999.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := DescribeKey(tt.data)
			if err != nil || info.Scheme != tt.want {
				t.Fatalf("DescribeKey = %+v, %v; want scheme %q", info, err, tt.want)
			}
			for _, pw := range []string{"Clave2026abc", ""} {
				_, err = ParseKey(tt.data, []byte(pw))
				var se *SchemeError
				if !errors.Is(err, ErrUnsupportedScheme) || !errors.As(err, &se) || se.Scheme != tt.want || errors.Is(err, ErrNotAKey) {
					t.Fatalf("password %q: err = %v, want ErrUnsupportedScheme naming %q", pw, err, tt.want)
				}
			}
		})
	}
}

// A file asking for an absurd key derivation is refused at once, before
// the work: each of these would take minutes to hours or gigabytes.
func TestParseKey_CostoExcesivoRechazadoAlInstante(t *testing.T) {
	scryptOf := func(n, r, p int) scryptParams { return scryptParams{Salt: make([]byte, 16), N: n, R: r, P: p} }
	tests := []struct {
		name string
		data []byte
	}{
		{"PBKDF2 2^31-1 iteraciones", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(1<<31-1), oidAES256CBC, 16)},
		{"PBKDF2 una iteración de más", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(MaxKeyIterations+1), oidAES256CBC, 16)},
		{"scrypt N=2^30", craftPBES2(t, oidScrypt, scryptOf(1<<30, 8, 1), oidAES256CBC, 16)},
		{"scrypt r enorme", craftPBES2(t, oidScrypt, scryptOf(1<<14, 1<<20, 1), oidAES256CBC, 16)},
		{"scrypt p enorme", craftPBES2(t, oidScrypt, scryptOf(1<<14, 8, 1<<20), oidAES256CBC, 16)},
		{"scrypt memoria 512 MiB", craftPBES2(t, oidScrypt, scryptOf(1<<19, 8, 1), oidAES256CBC, 16)},
		{"PKCS#12 2^31-1 iteraciones", craftEPKI(t, asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3},
			mustMarshal(t, pbeParams{Salt: make([]byte, 8), Iterations: 1<<31 - 1}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				_, err := ParseKey(tt.data, []byte("Clave2026abc"))
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("still deriving after 5 s: the cost was not refused")
			}
			var se *SchemeError
			if !errors.Is(err, ErrKeyCostTooHigh) || !errors.As(err, &se) || se.Cost == "" || se.Limit == "" {
				t.Fatalf("err = %v, want ErrKeyCostTooHigh with cost and limit", err)
			}
			if d := time.Since(start); d > 500*time.Millisecond {
				t.Fatalf("refused after %v: the work was done first", d)
			}
		})
	}
}

// The limits admit what OpenSSL, SAT and OWASP use, and their own edge.
func TestKeyScheme_LimitesAdmitenLoHabitual(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"PBKDF2 en el límite", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(MaxKeyIterations), oidAES256CBC, 16)},
		{"OWASP SHA-1 1.3M", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(1_300_000), oidAES256CBC, 16)},
		{"scrypt OpenSSL", craftPBES2(t, oidScrypt, scryptParams{Salt: []byte{1}, N: 1 << 14, R: 8, P: 1}, oidAES256CBC, 16)},
		{"scrypt OWASP", craftPBES2(t, oidScrypt, scryptParams{Salt: []byte{1}, N: 1 << 17, R: 8, P: 1}, oidAES256CBC, 16)},
		{"scrypt en el límite", craftPBES2(t, oidScrypt, scryptParams{Salt: []byte{1}, N: 1 << 18, R: 8, P: 2}, oidAES256CBC, 16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var epki encryptedPrivateKeyInfo
			if _, err := asn1.Unmarshal(tt.data, &epki); err != nil {
				t.Fatal(err)
			}
			s, err := parseKeyScheme(epki.Algorithm)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.check(); err != nil {
				t.Fatalf("check: %v", err)
			}
		})
	}
}

func TestParseKey_ParametrosMalformados(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"IV corto", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(2048), oidAES256CBC, 8)},
		{"cero iteraciones", craftPBES2(t, oidPBKDF2, pbkdf2SHA256(0), oidAES256CBC, 16)},
		{"scrypt N no potencia de 2", craftPBES2(t, oidScrypt, scryptParams{Salt: []byte{1}, N: 1000, R: 8, P: 1}, oidAES256CBC, 16)},
		{"PBES1 sal de 4 bytes", craftEPKI(t, asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 3},
			mustMarshal(t, pbeParams{Salt: make([]byte, 4), Iterations: 2048}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseKey(tt.data, []byte("Clave2026abc")); !errors.Is(err, ErrNotAKey) {
				t.Fatalf("err = %v, want ErrNotAKey", err)
			}
		})
	}
}

// go-pkcs12's published vector for its (unexported) PKCS#12 KDF.
func TestPKCS12KDF_Vector(t *testing.T) {
	got := pkcs12KDF(bytes.Repeat([]byte{0xff}, 8), bmpPassword([]byte("sesame")), 2048, 1, 24)
	want := []byte("\x7c\xd9\xfd\x3e\x2b\x3b\xe7\x69\x1a\x44\xe3\xbe\xf0\xf9\xea\x0f\xb9\xb8\x97\xd4\xe3\x25\xd9\xd1")
	if !bytes.Equal(got, want) {
		t.Fatalf("key %x, want %x", got, want)
	}
	// A salt that makes I_j start with zero bytes (go-pkcs12's regression).
	got = pkcs12KDF([]byte("\xf3\x7e\x05\xb5\x18\x32\x4b\x4b"), []byte{0, 0}, 2048, 1, 24)
	want = []byte("\x00\xf7\x59\xff\x47\xd1\x4d\xd0\x36\x65\xd5\x94\x3c\xb3\xc4\xa3\x9a\x25\x55\xc0\x2a\xed\x66\xe1")
	if !bytes.Equal(got, want) {
		t.Fatalf("leading zeros: key %x, want %x", got, want)
	}
}

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := asn1.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// PBKDF2's optional keyLength, which Java and BouncyCastle write, is read;
// one that contradicts the cipher is a damaged file.
func TestParseKey_PBKDF2ConLongitudDeClave(t *testing.T) {
	key := testKey(t, 0)
	ours, err := EncryptKey(key, []byte("Clave2026abc"), &KeyOptions{Iterations: testIter})
	if err != nil {
		t.Fatal(err)
	}
	withKeyLength := func(n int) []byte {
		var epki encryptedPrivateKeyInfo
		var p pbes2Params
		var k pbkdf2ParamsIn
		asn1.Unmarshal(ours, &epki)
		asn1.Unmarshal(epki.Algorithm.Parameters.FullBytes, &p)
		asn1.Unmarshal(p.KDF.Parameters.FullBytes, &k)
		k.KeyLength = n
		p.KDF.Parameters = asn1.RawValue{FullBytes: mustMarshal(t, k)}
		epki.Algorithm.Parameters = asn1.RawValue{FullBytes: mustMarshal(t, p)}
		return mustMarshal(t, epki)
	}
	if k, err := ParseKey(withKeyLength(32), []byte("Clave2026abc")); err != nil || !k.Equal(key) {
		t.Fatalf("keyLength 32: %v", err)
	}
	if _, err := ParseKey(withKeyLength(16), []byte("Clave2026abc")); !errors.Is(err, ErrNotAKey) {
		t.Fatalf("keyLength 16 with AES-256: err = %v, want ErrNotAKey", err)
	}
}
