package main

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/testtool"
)

// Passwords of the CA keys in the tests that run `refca init`.
const (
	contrasenaRaizPrueba   = "raiz-de-prueba-larga"
	contrasenaEmisorPrueba = "emisora-de-prueba-larga"
)

// archivoContrasenaEmisor is the password file of the issuing CA's key
// that iniciarCA writes beside the data directory data.
func archivoContrasenaEmisor(data string) string {
	return filepath.Join(filepath.Dir(data), "pw-emisor")
}

// iniciarCA runs `refca init` (the binary bin) on data with both
// passwords from files, as an operator without a terminal would.
func iniciarCA(t *testing.T, bin, data string) {
	t.Helper()
	pwRaiz := filepath.Join(filepath.Dir(data), "pw-raiz")
	os.WriteFile(pwRaiz, []byte(contrasenaRaizPrueba+"\n"), 0o600)
	os.WriteFile(archivoContrasenaEmisor(data), []byte(contrasenaEmisorPrueba+"\n"), 0o600)
	out, err := exec.Command(bin, "init", "--data", data, "--root-password-file", pwRaiz,
		"--password-file", archivoContrasenaEmisor(data)).CombinedOutput()
	if err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
}

// TestInit_RaizYEmisora_LlavesCifradas: init makes a root and an issuing
// CA (path length 0) under it, both keys PKCS#8 PBES2-encrypted with
// their own password and owner-only; the TLS certificate comes from the
// issuing CA with the chain beside it and openssl verifies it against the
// root; serve refuses a wrong password with CONTRASENA_CA and init a short
// one with CONTRASENA_CA_CORTA. No password reaches the output.
func TestInit_RaizYEmisora_LlavesCifradas(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "ca")
	pwRaiz := filepath.Join(dir, "pw-raiz")
	os.WriteFile(pwRaiz, []byte(contrasenaRaizPrueba+"\n"), 0o600)
	os.WriteFile(archivoContrasenaEmisor(data), []byte(contrasenaEmisorPrueba+"\n"), 0o600)
	corta := filepath.Join(dir, "pw-corta")
	os.WriteFile(corta, []byte("corta\n"), 0o600)

	var out, errb bytes.Buffer
	err := run([]string{"init", "--data", data, "--root-password-file", corta, "--password-file", archivoContrasenaEmisor(data)}, nil, &out, &errb)
	if msg.CodeOf(err) != msg.CodeContrasenaCACorta {
		t.Fatalf("short root password: %v", err)
	}
	if err := run([]string{"init", "--data", data, "--root-password-file", pwRaiz, "--password-file", archivoContrasenaEmisor(data)}, nil, &out, &errb); err != nil {
		t.Fatalf("init: %v\n%s", err, errb.String())
	}
	for archivo, pw := range map[string]string{ca.ArchivoLlaveRaiz: contrasenaRaizPrueba, ca.ArchivoLlaveEmisor: contrasenaEmisorPrueba} {
		b, err := os.ReadFile(filepath.Join(data, archivo))
		if err != nil {
			t.Fatal(err)
		}
		if blk, _ := pem.Decode(b); blk == nil || blk.Type != "ENCRYPTED PRIVATE KEY" {
			t.Errorf("%s is not an encrypted PKCS#8 PEM key", archivo)
		}
		if info, err := secrypto.DescribeKey(b); err != nil || !strings.Contains(info.Scheme, "PBES2") {
			t.Errorf("%s: %+v %v", archivo, info, err)
		}
		if _, err := secrypto.ParseKey(b, nil); !errors.Is(err, secrypto.ErrWrongPassword) {
			t.Errorf("%s opens without its password: %v", archivo, err)
		}
		if _, err := secrypto.ParseKey(b, []byte(pw)); err != nil {
			t.Errorf("%s does not open with its password: %v", archivo, err)
		}
		if fi, _ := os.Stat(filepath.Join(data, archivo)); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", archivo, fi.Mode().Perm())
		}
	}
	if !ca.LlaveEmisorCifrada(data) {
		t.Error("LlaveEmisorCifrada = false")
	}
	m, err := ca.Cargar(data, []byte(contrasenaEmisorPrueba))
	if err != nil {
		t.Fatal(err)
	}
	if m.Emisor.Equal(m.Raiz) || m.Emisor.CheckSignatureFrom(m.Raiz) != nil || !m.Emisor.IsCA || m.Emisor.MaxPathLen != 0 || !m.Emisor.MaxPathLenZero {
		t.Fatalf("issuing CA: %v", m.Emisor.Subject)
	}
	if m.Raiz.PublicKey.(*rsa.PublicKey).Equal(m.LlaveEmisor.Public()) {
		t.Fatal("the issuing CA uses the root's key")
	}
	if len(m.TLS.Certificate) != 2 || !bytes.Equal(m.TLS.Certificate[1], m.Emisor.Raw) {
		t.Fatalf("tls.pem must hold the server certificate and the issuing CA's, got %d", len(m.TLS.Certificate))
	}
	crl, err := x509.ParseRevocationList(m.CRLRaiz)
	if err != nil || crl.CheckSignatureFrom(m.Raiz) != nil {
		t.Fatalf("root CRL: %v", err)
	}
	if len(m.Emisor.CRLDistributionPoints) != 1 || !strings.HasPrefix(m.Emisor.CRLDistributionPoints[0], "http://") {
		t.Errorf("issuing CA CRL distribution points: %v", m.Emisor.CRLDistributionPoints)
	}

	openssl := testtool.Require(t, "openssl")
	leaf, _ := x509.ParseCertificate(m.TLS.Certificate[0])
	hoja := filepath.Join(dir, "tls-leaf.pem")
	cadena := filepath.Join(dir, "chain.pem")
	os.WriteFile(hoja, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Raw}), 0o600)
	os.WriteFile(cadena, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: m.Emisor.Raw}), 0o600)
	o, err := exec.Command(openssl, "verify", "-CAfile", filepath.Join(data, ca.ArchivoRaiz), "-untrusted", cadena, hoja).CombinedOutput()
	if err != nil || !strings.Contains(string(o), ": OK") {
		t.Errorf("openssl verify of the TLS certificate: %v\n%s", err, o)
	}

	// The root's key signs its CRL again, with the root's password only.
	if err := run([]string{"root-crl", "--data", data, "--root-password-file", archivoContrasenaEmisor(data)}, nil, &out, &errb); msg.CodeOf(err) != msg.CodeContrasenaCA {
		t.Errorf("root-crl with the issuing CA's password: %v", err)
	}
	if err := run([]string{"root-crl", "--data", data, "--root-password-file", pwRaiz}, nil, &out, &errb); err != nil {
		t.Fatalf("root-crl: %v", err)
	}
	b, _ := os.ReadFile(filepath.Join(data, ca.ArchivoCRLRaiz))
	nueva, err := x509.ParseRevocationList(b)
	if err != nil || nueva.CheckSignatureFrom(m.Raiz) != nil || nueva.Number.Cmp(crl.Number) <= 0 {
		t.Errorf("root CRL signed again: %v", err)
	}

	mala := filepath.Join(dir, "pw-mala")
	os.WriteFile(mala, []byte(contrasenaRaizPrueba+"\n"), 0o600)
	err = run([]string{"serve", "--data", data, "--password-file", mala, "--addr", "127.0.0.1:0"}, nil, &out, &errb)
	if msg.CodeOf(err) != msg.CodeContrasenaCA {
		t.Errorf("serve with the wrong password: %v", err)
	}
	for _, pw := range []string{contrasenaRaizPrueba, contrasenaEmisorPrueba} {
		if strings.Contains(out.String()+errb.String(), pw) {
			t.Errorf("a password was printed:\n%s%s", out.String(), errb.String())
		}
	}
}
