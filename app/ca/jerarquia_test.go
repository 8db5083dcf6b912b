package ca

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/fsutil"
)

func llave2048(t *testing.T) *secrypto.Credential {
	t.Helper()
	k, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &secrypto.Credential{Key: k}
}

// TestJerarquia_EmisoraFirmaTodo: under the root, the issuing CA signs
// the employer certificates and the TSA's, whose tokens carry the issuing
// CA so that the root alone verifies them; the issuing key opens with its
// password only (CONTRASENA_CA otherwise) and the root's is never read.
func TestJerarquia_EmisoraFirmaTodo(t *testing.T) {
	rk, ek := llave2048(t).Key, llave2048(t).Key
	dir := filepath.Join(t.TempDir(), "ca")
	if err := Inicializar(dir, OpcionesInit{LlaveRaiz: rk, LlaveEmisor: ek,
		ContrasenaRaiz: []byte("raiz-de-prueba-larga"), ContrasenaEmisor: []byte("emisora-de-prueba-larga")}); err != nil {
		t.Fatal(err)
	}
	for _, pw := range [][]byte{nil, []byte("raiz-de-prueba-larga")} {
		if _, err := Cargar(dir, pw); msg.CodeOf(err) != msg.CodeContrasenaCA {
			t.Errorf("Cargar with password %q: %v", pw, err)
		}
	}
	// The root's key is not needed to serve.
	if err := os.Remove(filepath.Join(dir, ArchivoLlaveRaiz)); err != nil {
		t.Fatal(err)
	}
	m, err := Cargar(dir, []byte("emisora-de-prueba-larga"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(nil, m, Config{URLBase: "https://ca.example:8443", Cartas: sinCartas{}})
	if err != nil {
		t.Fatal(err)
	}
	if c := a.Cadena(); len(c) != 2 || !c[0].Equal(m.Emisor) || !c[1].Equal(m.Raiz) {
		t.Fatalf("Cadena: %d certificates", len(c))
	}
	cert, err := a.emitir(sujeto{Nombre: "JOSÉ PEÑA", RFC: "PEJJ750314AB1", CURP: "PENJ750314HDFXXS09", Correo: "j@example.com"},
		otraLlave(t), time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	roots, inter := x509.NewCertPool(), x509.NewCertPool()
	roots.AddCert(m.Raiz)
	if _, err := cert.Verify(x509.VerifyOptions{Roots: roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err == nil {
		t.Error("an employer certificate verifies without the issuing CA: the root signed it")
	}
	inter.AddCert(m.Emisor)
	chains, err := cert.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil || len(chains[0]) != 3 {
		t.Fatalf("root → issuing CA → employer: %v", err)
	}
	tsa, err := CargarTSA(dir, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tsa.Certificado().CheckSignatureFrom(m.Emisor) != nil {
		t.Error("the TSA certificate is not the issuing CA's")
	}
	digest := sha256.Sum256([]byte("carta"))
	req, nonce, err := secrypto.TimestampRequest(digest[:])
	if err != nil {
		t.Fatal(err)
	}
	resp, err := tsa.Sellar(req)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := secrypto.TimestampFromResponse(resp, digest[:], nonce)
	if err != nil {
		t.Fatal(err)
	}
	p, err := secrypto.ParseTimestampToken(tok)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Verify([]byte("carta"), roots); err != nil {
		t.Errorf("a token checked against the root alone: %v", err)
	}
}

// TestCargar_DirectorioAnterior_LaRaizEmite: a data directory made before
// the issuing CA (the root signs everything, its key unencrypted) still
// loads and issues, with the root as its issuing CA and no password.
func TestCargar_DirectorioAnterior_LaRaizEmite(t *testing.T) {
	dir := dirAnterior(t)
	if LlaveEmisorCifrada(dir) {
		t.Fatal("an older directory's key reported encrypted")
	}
	m, err := Cargar(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Emisor.Equal(m.Raiz) || m.CRLRaiz != nil {
		t.Fatal("in an older directory the root is the issuing CA")
	}
	a, err := New(nil, m, Config{URLBase: "https://ca.example:8443", Cartas: sinCartas{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Cadena()) != 1 || a.CRLRaiz() != nil {
		t.Fatalf("Cadena: %d certificates", len(a.Cadena()))
	}
	cert, err := a.emitir(sujeto{Nombre: "JOSÉ PEÑA", RFC: "PEJJ750314AB1", CURP: "PENJ750314HDFXXS09", Correo: "j@example.com"},
		otraLlave(t), time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(m.Raiz)
	if _, err := cert.Verify(x509.VerifyOptions{Roots: roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		t.Fatalf("issued by the root: %v", err)
	}
	if _, err := CargarTSA(dir, m, nil); err != nil {
		t.Fatal(err)
	}
}

// dirAnterior writes a data directory as init made it before the issuing
// CA: an unencrypted root key that signs the TLS certificate.
func dirAnterior(t *testing.T) string {
	t.Helper()
	rk := llave2048(t).Key
	now := time.Now()
	root := &x509.Certificate{
		Subject:   pkix.Name{Country: []string{"MX"}, Organization: []string{"SeguriTools refca"}, CommonName: "refca Raíz"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(20, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true, IsCA: true, MaxPathLenZero: true,
	}
	rootDER, err := firmar(root, root, rk.Public(), rk)
	if err != nil {
		t.Fatal(err)
	}
	rootCert, _ := x509.ParseCertificate(rootDER)
	tk := llave2048(t).Key
	srv := &x509.Certificate{Subject: pkix.Name{CommonName: "refca"}, NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(2, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, DNSNames: []string{"localhost"}}
	tlsDER, err := x509.CreateCertificate(rand.Reader, srv, rootCert, tk.Public(), rk)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ca")
	os.MkdirAll(dir, 0o700)
	for name, data := range map[string][]byte{ArchivoLlaveRaiz: pemKey(rk), ArchivoLlaveTLS: pemKey(tk), ArchivoTLS: pemCert(tlsDER),
		ArchivoAjustes: []byte(`{"validez_dias": 730, "dias_plazo": 10}`), ArchivoRaiz: pemCert(rootDER)} {
		if err := fsutil.WriteFile(filepath.Join(dir, name), data, 0o600, false); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
