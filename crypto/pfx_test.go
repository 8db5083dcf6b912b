package crypto

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestEncodePFX_SATConOpenSSL(t *testing.T) {
	openssl := requireTool(t, "openssl")
	for _, d := range satDirs {
		t.Run(d, func(t *testing.T) {
			f := loadSAT(t, d)
			key, err := ParseKey(f.key, f.password)
			if err != nil {
				t.Fatal(err)
			}
			cert, _ := ParseCertificate(f.cer)
			pfx, err := EncodePFX(&Credential{Key: key, Certificate: cert}, f.password)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			p := filepath.Join(dir, "a.pfx")
			os.WriteFile(p, pfx, 0o600)
			out, err := exec.Command(openssl, "pkcs12", "-in", p, "-noout", "-passin", "file:"+filepath.Join(f.dir, "password.txt")).CombinedOutput()
			if err != nil {
				t.Fatalf("openssl pkcs12 refused our .pfx: %v\n%s", err, out)
			}
			back, err := DecodePFX(pfx, f.password)
			if err != nil || !back.Key.Equal(key) || !back.Certificate.Equal(cert) {
				t.Fatalf("DecodePFX round trip: %v", err)
			}
		})
	}
}

func TestEncodePFX_LlaveAjena(t *testing.T) {
	a, b := loadSAT(t, satDirs[0]), loadSAT(t, satDirs[1])
	keyB, err := ParseKey(b.key, b.password)
	if err != nil {
		t.Fatal(err)
	}
	certA, _ := ParseCertificate(a.cer)
	if _, err := EncodePFX(&Credential{Key: keyB, Certificate: certA}, a.password); !errors.Is(err, ErrKeyMismatch) {
		t.Fatalf("err = %v, want ErrKeyMismatch", err)
	}
}

func TestDecodePFX(t *testing.T) {
	f := loadSAT(t, "CSD01_AAA010101AAA")
	openssl, err := os.ReadFile(filepath.Join(f.dir, "credential_protected.pfx"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		pw   string
		want error
	}{
		{"hecho por OpenSSL", openssl, "12345678a", nil},
		{"contraseña equivocada", openssl, "87654321a", ErrWrongPassword},
		{"truncado", openssl[:len(openssl)/2], "12345678a", ErrNotAPFX},
		{"un certificado", f.cer, "12345678a", ErrNotAPFX},
		{"vacío", nil, "12345678a", ErrNotAPFX},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := DecodePFX(tt.data, []byte(tt.pw))
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if Describe(c.Certificate, time.Now()).State != StateExpired {
					t.Fatal("the SAT certificate expired in 2021")
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzDecodePFX(f *testing.F) {
	sat := loadSAT(f, "CSD01_AAA010101AAA")
	b, _ := os.ReadFile(filepath.Join(sat.dir, "credential_protected.pfx"))
	f.Add(b)
	f.Add(b[:100])
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodePFX(data, []byte("12345678a"))
		if err == nil && (c == nil || c.Key == nil || c.Certificate == nil) {
			t.Fatal("incomplete credential without error")
		}
	})
}

func BenchmarkEncodePFX(b *testing.B) {
	key := testKey(b, 0)
	cred := &Credential{Key: key, Certificate: selfSigned(b, key, "bench", time.Now(), time.Hour)}
	for b.Loop() {
		if _, err := EncodePFX(cred, []byte("Clave2026abc")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodePFX(b *testing.B) {
	key := testKey(b, 0)
	cred := &Credential{Key: key, Certificate: selfSigned(b, key, "bench", time.Now(), time.Hour)}
	data, _ := EncodePFX(cred, []byte("Clave2026abc"))
	for b.Loop() {
		if _, err := DecodePFX(data, []byte("Clave2026abc")); err != nil {
			b.Fatal(err)
		}
	}
}
