//go:build cgo

package main

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/hsm"
	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/testtool"
)

// TestPKCS11_LlaveEmisoraEnToken: `refca init` with a fresh SoftHSM2
// token generates the issuing CA's key inside it (no emisor.key; the
// token reports the key sensitive and never extractable, through PKCS#11
// and through pkcs11-tool), and `refca serve` (the binary, built with
// cgo) signs with it a certificate issued by the normal procedure, the
// CRL and an OCSP answer, all three verified by openssl against the root.
// serve without the token's flags, or with them on a directory whose key
// is a file, or with a wrong PIN, says what is wrong.
func TestPKCS11_LlaveEmisoraEnToken(t *testing.T) {
	tp := testtool.SoftHSM(t)
	openssl := testtool.Require(t, "openssl")
	p11tool := testtool.Require(t, "pkcs11-tool")
	dir := t.TempDir()
	bin := filepath.Join(dir, "refca")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "ca")
	pwRaiz := filepath.Join(dir, "pw-raiz")
	os.WriteFile(pwRaiz, []byte(contrasenaRaizPrueba+"\n"), 0o600)
	pin := filepath.Join(dir, "pin")
	os.WriteFile(pin, []byte(tp.PIN+"\n"), 0o600)
	flagsToken := []string{"--pkcs11-module", tp.Modulo, "--pkcs11-token", tp.Etiqueta, "--pkcs11-pin-file", pin}

	out, err := exec.Command(bin, append([]string{"init", "--data", data, "--root-password-file", pwRaiz}, flagsToken...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	if strings.Contains(string(out), tp.PIN) {
		t.Errorf("init printed the PIN:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(data, ca.ArchivoLlaveEmisor)); !os.IsNotExist(err) {
		t.Errorf("%s exists with the key in the token: %v", ca.ArchivoLlaveEmisor, err)
	}
	lt, err := ca.LlaveEnToken(data)
	if err != nil || lt == nil || lt.Token != tp.Etiqueta || lt.Etiqueta == "" || len(lt.ID) != 32 {
		t.Fatalf("settings: %+v %v", lt, err)
	}

	// The token itself says the key can never leave it.
	tok, err := hsm.Abrir(tp.Modulo, tp.Etiqueta, []byte(tp.PIN))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := hex.DecodeString(lt.ID)
	k, err := tok.Buscar(id, lt.Etiqueta)
	if err != nil {
		t.Fatal(err)
	}
	p, err := tok.Proteccion(k)
	if err != nil || !p.Segura() {
		t.Errorf("the token reports the issuing key as %+v (%v); want sensitive, never extractable, token object", p, err)
	}
	emisorPEM, _ := os.ReadFile(filepath.Join(data, ca.ArchivoEmisor))
	emisor, err := secrypto.ParseCertificate(emisorPEM)
	if err != nil || !emisor.PublicKey.(*rsa.PublicKey).Equal(k.Public()) {
		t.Fatalf("the issuing CA's certificate is not for the token's key: %v", err)
	}
	tok.Cerrar()
	o, err := exec.Command(p11tool, "--module", tp.Modulo, "--token-label", tp.Etiqueta, "--login", "--pin-source", "file:"+pin,
		"--list-objects", "--type", "privkey", "--id", lt.ID).CombinedOutput()
	if err != nil {
		// Older pkcs11-tool has no --pin-source: the PIN on the command line
		// is fine for a throw-away test token.
		o, err = exec.Command(p11tool, "--module", tp.Modulo, "--token-label", tp.Etiqueta, "--login", "--pin", tp.PIN,
			"--list-objects", "--type", "privkey", "--id", lt.ID).CombinedOutput()
	}
	if err != nil {
		t.Fatalf("pkcs11-tool --list-objects: %v\n%s", err, o)
	}
	acceso := map[string]bool{}
	for _, l := range strings.Split(string(o), "\n") {
		if a, ok := strings.CutPrefix(strings.TrimSpace(l), "Access:"); ok {
			for _, x := range strings.Split(a, ",") {
				acceso[strings.TrimSpace(x)] = true
			}
		}
	}
	if !acceso["sensitive"] || !acceso["always sensitive"] || !acceso["never extractable"] || acceso["extractable"] {
		t.Errorf("pkcs11-tool reports the private key's access as %v; want sensitive, always sensitive, never extractable:\n%s", acceso, o)
	}

	// serve without the token's flags, a file key with them, a wrong PIN.
	var so, se bytes.Buffer
	err = run([]string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, nil, &so, &se)
	if msg.CodeOf(err) != msg.CodeHSMRequerido || !strings.Contains(msg.Text(err, msg.ES), "--pkcs11-module") {
		t.Errorf("serve without the token's flags: %v", err)
	}
	err = run(append([]string{"serve", "--data", dirInicializado(t), "--addr", "127.0.0.1:0"}, flagsToken...), nil, &so, &se)
	if msg.CodeOf(err) != msg.CodeHSMNoUsado {
		t.Errorf("serve of a file key with the token's flags: %v", err)
	}
	mal := filepath.Join(dir, "pin-mal")
	os.WriteFile(mal, []byte("9999-mal\n"), 0o600)
	o, err = exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0", "--pkcs11-module", tp.Modulo, "--pkcs11-token", tp.Etiqueta, "--pkcs11-pin-file", mal).CombinedOutput()
	if err == nil || !strings.Contains(string(o), msg.CodeHSMPIN) || strings.Contains(string(o), "9999-mal") {
		t.Errorf("serve with a wrong PIN: %v\n%s", err, o)
	}

	// The normal procedure: a request, approved by a clerk, its certificate.
	clerkPw := filepath.Join(dir, "pw-clerk")
	os.WriteFile(clerkPw, []byte("ventanilla-secreta-1\n"), 0o600)
	if o, err := exec.Command(bin, "clerk", "add", "--data", data, "--user", "ana", "--nombre", "Ana María López Hernández", "--password-file", clerkPw).CombinedOutput(); err != nil {
		t.Fatalf("clerk add: %v\n%s", err, o)
	}
	url, urlRev := servirConToken(t, bin, data, flagsToken)
	roots, _ := os.ReadFile(filepath.Join(data, ca.ArchivoRaiz))
	ctx := context.Background()
	c, err := client.New(url, roots, client.Options{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	key, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Solicitar(ctx, datosN(t, 1), csrDe(t, key))
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := v.Aprobar(ctx, s.Folio, wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true})
	if err != nil || a.Serial == "" {
		t.Fatalf("approve: %+v %v", a, err)
	}
	cert, err := c.Certificado(ctx, a.Serial)
	if err != nil {
		t.Fatal(err)
	}

	escribir := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	pemDe := func(der ...[]byte) []byte {
		var b []byte
		for _, d := range der {
			b = append(b, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: d})...)
		}
		return b
	}
	hoja := escribir("hoja.pem", pemDe(cert.Certificado))
	raizEmisor := escribir("raiz-emisor.pem", append(append([]byte{}, roots...), emisorPEM...))
	archivoEmisor := escribir("emisor.pem", emisorPEM)
	openSSL := func(want string, args ...string) {
		t.Helper()
		o, err := exec.Command(openssl, args...).CombinedOutput()
		if err != nil || !strings.Contains(string(o), want) {
			t.Errorf("openssl %s: %v\n%s", strings.Join(args, " "), err, o)
		}
	}
	openSSL(": OK", "verify", "-CAfile", raizEmisor, hoja)
	// What init signed with the token's key: the TLS and TSA certificates.
	tlsPEM, _ := os.ReadFile(filepath.Join(data, ca.ArchivoTLS))
	blk, _ := pem.Decode(tlsPEM)
	openSSL(": OK", "verify", "-CAfile", raizEmisor, escribir("tls-hoja.pem", pem.EncodeToMemory(blk)))
	openSSL(": OK", "verify", "-CAfile", raizEmisor, "-purpose", "timestampsign", filepath.Join(data, ca.ArchivoTSA))

	crl := obtener(t, urlRev+"/crl")
	if _, err := x509.ParseRevocationList(crl); err != nil {
		t.Fatalf("CRL: %v", err)
	}
	openSSL("verify OK", "crl", "-inform", "DER", "-in", escribir("emisor.crl", crl), "-CAfile", raizEmisor, "-noout")

	openSSL("Response verify OK", "ocsp", "-issuer", archivoEmisor, "-cert", hoja, "-url", urlRev+"/ocsp",
		"-CAfile", raizEmisor, "-respout", filepath.Join(dir, "ocsp.der"))
	openSSL(hoja+": good", "ocsp", "-issuer", archivoEmisor, "-cert", hoja, "-respin", filepath.Join(dir, "ocsp.der"),
		"-CAfile", raizEmisor)
}

// servirConToken starts `refca serve` with the token's flags and returns
// its https URL and its plain-HTTP one (CRL, OCSP).
func servirConToken(t *testing.T, bin, data string, flags []string) (string, string) {
	t.Helper()
	x := arrancar(t, bin, append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--solicitudes-por-hora", "0"}, flags...)...)
	return x.url, x.http
}

func obtener(t *testing.T, url string) []byte {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil || r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, r.StatusCode, err)
	}
	return b
}
