package crypto

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"github.com/seguritools/seguritools/internal/testtool"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// satDirs are the SAT test credentials copied into testdata/sat.
var satDirs = []string{"CSD01_AAA010101AAA", "FIEL_AAA010101AAA"}

type satFixture struct {
	dir      string
	cer, key []byte
	password []byte
}

func loadSAT(t testing.TB, name string) satFixture {
	t.Helper()
	dir := filepath.Join("testdata", "sat", name)
	read := func(f string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return satFixture{dir: dir, cer: read("certificate.cer"), key: read("private_key.key"),
		password: []byte(strings.TrimSpace(string(read("password.txt"))))}
}

var (
	testKeysOnce sync.Once
	testKeys     [3]*rsa.PrivateKey
)

// testKey returns one of three RSA-2048 keys made once per test binary.
func testKey(t testing.TB, i int) *rsa.PrivateKey {
	t.Helper()
	testKeysOnce.Do(func() {
		for j := range testKeys {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			testKeys[j] = k
		}
	})
	return testKeys[i]
}

// selfSigned makes a certificate for key, valid from notBefore for d.
func selfSigned(t testing.TB, key *rsa.PrivateKey, cn string, notBefore time.Time, d time.Duration) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    notBefore,
		NotAfter:     notBefore.Add(d),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// requireTool is testtool.Require: the external tool's path, or skip (fail in CI).
func requireTool(t testing.TB, name string) string {
	t.Helper()
	return testtool.Require(t, name)
}
