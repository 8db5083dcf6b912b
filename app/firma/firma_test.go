package firma

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/crypto"
)

func credencialDePrueba(t *testing.T, cn string) (*crypto.Credential, *x509.Certificate) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return &crypto.Credential{Key: key, Certificate: c}, c
}

func TestFirmarYVerificar(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join("..", "..", "crypto", "testdata", "pdf", "minimal.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	cred, cert := credencialDePrueba(t, "JOSÉ PEÑA")
	_, otraCert := credencialDePrueba(t, "OTRA")
	signed, _, err := Firmar(pdf, "carta.pdf", cred, Opciones{})
	if err != nil {
		t.Fatal(err)
	}
	altered := append([]byte{}, signed...)
	altered[20] ^= 1
	own, foreign := x509.NewCertPool(), x509.NewCertPool()
	own.AddCert(cert)
	foreign.AddCert(otraCert)
	tests := []struct {
		name      string
		pdf       []byte
		roots     *x509.CertPool
		valida    bool
		code      string
		errorCode string
	}{
		{"válida sin raíces", signed, nil, true, "", ""},
		{"válida con su raíz", signed, own, true, "", ""},
		{"raíz ajena", signed, foreign, false, msg.CodeCadenaNoConfiable, ""},
		{"alterada", altered, nil, false, msg.CodeFirmaNoValida, ""},
		{"sin firmas", pdf, nil, false, "", msg.CodePDFSinFirmas},
		{"no es PDF", []byte("hola"), nil, false, "", msg.CodePDFInvalido},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := Verificar(tt.pdf, "carta.pdf", tt.roots, msg.ES)
			if tt.errorCode != "" {
				if msg.CodeOf(err) != tt.errorCode {
					t.Fatalf("err = %v, want %s", err, tt.errorCode)
				}
				return
			}
			if err != nil || len(rs) != 1 {
				t.Fatalf("%v %v", rs, err)
			}
			r := rs[0]
			if r.Valida != tt.valida || r.Codigo != tt.code {
				t.Fatalf("valida %v codigo %q, want %v %q (%s)", r.Valida, r.Codigo, tt.valida, tt.code, r.Problema)
			}
			if tt.code == msg.CodeFirmaNoValida && !strings.Contains(r.Problema, "modificado") {
				t.Fatalf("problem does not say the document changed: %s", r.Problema)
			}
			if r.Firmante != "JOSÉ PEÑA" {
				t.Fatalf("signer %q", r.Firmante)
			}
		})
	}
}
