package crypto

import (
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCreateRequest(t *testing.T) {
	key := testKey(t, 0)
	s := RequestSubject{RFC: "GODE561231GR8", CURP: "BOXW310820HNERXN09", Nombre: "JOSÉ PEÑA NÚÑEZ",
		RazonSocial: "EMPRESA MANUAL", Correo: "patron@example.com"}
	der, err := CreateRequest(key, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range [][]byte{der, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der})} {
		csr, err := ParseRequest(form)
		if err != nil {
			t.Fatal(err)
		}
		if SubjectRFC(csr.Subject) != s.RFC || SubjectCURP(csr.Subject) != s.CURP ||
			csr.Subject.CommonName != s.Nombre || SubjectEmail(csr.Subject) != s.Correo {
			t.Fatalf("subject = %v", csr.Subject)
		}
		if csr.SignatureAlgorithm.String() != "SHA256-RSA" {
			t.Fatalf("alg = %v", csr.SignatureAlgorithm)
		}
	}
	openssl := requireTool(t, "openssl")
	p := filepath.Join(t.TempDir(), "a.req")
	os.WriteFile(p, der, 0o600)
	out, err := exec.Command(openssl, "req", "-inform", "DER", "-in", p, "-noout", "-verify", "-text").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "x500UniqueIdentifier") || !strings.Contains(string(out), "GODE561231GR8") {
		t.Fatalf("openssl req: %v\n%s", err, out)
	}
	if _, err := CreateRequest(key, RequestSubject{Nombre: "X"}); err == nil {
		t.Fatal("a request without RFC was made")
	}
}

func TestParseRequest_Errores(t *testing.T) {
	der, _ := CreateRequest(testKey(t, 0), RequestSubject{RFC: "GODE561231GR8", Nombre: "A"})
	bad := append([]byte{}, der...)
	bad[len(bad)-5] ^= 0xff
	for name, data := range map[string][]byte{"firma alterada": bad, "truncado": der[:50], "vacío": nil,
		"certificado": loadSAT(t, satDirs[0]).cer} {
		if _, err := ParseRequest(data); !errors.Is(err, ErrNotARequest) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestParseCertificate_SAT(t *testing.T) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for _, d := range satDirs {
		f := loadSAT(t, d)
		for _, form := range [][]byte{f.cer, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.cer})} {
			c, err := ParseCertificate(form)
			if err != nil {
				t.Fatal(err)
			}
			info := Describe(c, now)
			if info.State != StateExpired || info.RFC != "AAA010101AAA" || info.CURP != "HEGT761003MDFRNN09" ||
				info.Serial == "" || info.KeyBits != 2048 || info.DaysLeft >= 0 {
				t.Fatalf("%s: %+v", d, info)
			}
		}
	}
	if _, err := ParseCertificate([]byte("nada")); !errors.Is(err, ErrNotACertificate) {
		t.Fatal(err)
	}
}

func FuzzParseRequest(f *testing.F) {
	der, _ := CreateRequest(testKey(f, 0), RequestSubject{RFC: "GODE561231GR8", Nombre: "A"})
	f.Add(der)
	f.Fuzz(func(t *testing.T, data []byte) {
		if csr, err := ParseRequest(data); err == nil {
			SubjectRFC(csr.Subject)
			SubjectCURP(csr.Subject)
		}
	})
}

func FuzzParseCertificate(f *testing.F) {
	f.Add(loadSAT(f, satDirs[0]).cer)
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nMII=\n-----END CERTIFICATE-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, err := ParseCertificate(data); err == nil {
			Describe(c, time.Now())
		}
		ParseCertificates(data)
	})
}
