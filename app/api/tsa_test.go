package api_test

import (
	"bytes"
	"encoding/asn1"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/ca"
	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/testtool"
)

// postTSA sends a TimeStampReq to the test refca's /tsa.
func postTSA(t *testing.T, e *entorno, req []byte, tipo string) *http.Response {
	t.Helper()
	hc := e.cliente(t, nil).HTTP()
	r, err := hc.Post(e.url+"/tsa", tipo, bytes.NewReader(req))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Body.Close() })
	return r
}

func TestTSA_OpenSSLVerificaElSello(t *testing.T) {
	openssl := testtool.Require(t, "openssl")
	e := iniciar(t, opcionesEntorno{})
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(openssl, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	datos := filepath.Join(dir, "datos.txt")
	os.WriteFile(datos, []byte("Carta de Aceptación\n"), 0o600)
	consulta := filepath.Join(dir, "consulta.tsq")
	run("ts", "-query", "-data", datos, "-sha256", "-cert", "-out", consulta)
	req, _ := os.ReadFile(consulta)

	inicio := time.Now()
	r := postTSA(t, e, req, "application/timestamp-query")
	resp, _ := io.ReadAll(r.Body)
	t.Logf("sello en %v", time.Since(inicio))
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/timestamp-reply" {
		t.Fatalf("status %d, %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	// genTime in milliseconds, read back by our own parser.
	var sr struct {
		Status asn1.RawValue
		Token  asn1.RawValue
	}
	if _, err := asn1.Unmarshal(resp, &sr); err != nil {
		t.Fatal(err)
	}
	p, err := secrypto.ParseTimestampToken(sr.Token.FullBytes)
	if err != nil || !p.Policy.Equal(ca.PoliticaTSA) || p.Accuracy != time.Second {
		t.Fatalf("token: %v %+v", err, p)
	}
	if d := time.Since(p.GenTime); d < 0 || d > 5*time.Second || p.GenTime.Nanosecond()%int(time.Millisecond) != 0 {
		t.Errorf("genTime %v", p.GenTime)
	}
	respuesta := filepath.Join(dir, "respuesta.tsr")
	os.WriteFile(respuesta, resp, 0o600)

	raiz := filepath.Join(dir, "raiz.pem")
	os.WriteFile(raiz, e.raizPEM, 0o600)
	tsaPEM, err := os.ReadFile(filepath.Join(e.dir, "ca", ca.ArchivoTSA))
	if err != nil {
		t.Fatal(err)
	}
	tsa := filepath.Join(dir, "tsa.pem")
	os.WriteFile(tsa, tsaPEM, 0o600)
	out := run("ts", "-verify", "-in", respuesta, "-queryfile", consulta, "-CAfile", raiz, "-untrusted", tsa)
	if !strings.Contains(out, "Verification: OK") {
		t.Fatalf("openssl ts -verify: %s", out)
	}
	run("ts", "-verify", "-in", respuesta, "-data", datos, "-CAfile", raiz, "-untrusted", tsa)

	texto := run("ts", "-reply", "-in", respuesta, "-text")
	for _, want := range []string{"Status: Granted", "Hash Algorithm: sha256", "Policy OID: 2.25.2128183762",
		"Accuracy: 0x01 seconds", "Nonce: 0x", "TSA: DirName:"} {
		if !strings.Contains(texto, want) {
			t.Errorf("reply lacks %q:\n%s", want, texto)
		}
	}
	// The nonce openssl chose comes back.
	q := run("ts", "-query", "-in", consulta, "-text")
	nonce := lineaCon(q, "Nonce:")
	if nonce == "" || lineaCon(texto, "Nonce:") != nonce {
		t.Errorf("nonce not echoed: query %q, reply %q", nonce, lineaCon(texto, "Nonce:"))
	}
	// The TSA certificate is for time-stamping only, and says so critically.
	c := run("x509", "-in", tsa, "-noout", "-ext", "extendedKeyUsage")
	if !strings.Contains(c, "critical") || !strings.Contains(c, "Time Stamping") {
		t.Errorf("TSA certificate EKU: %s", c)
	}
	if fi, err := os.Stat(filepath.Join(e.dir, "ca", ca.ArchivoLlaveTSA)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("TSA key file: %v %v", fi.Mode(), err)
	}
}

func lineaCon(s, prefijo string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, prefijo) {
			return l
		}
	}
	return ""
}

func TestTSA_ConsultaMala_Rechazo(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	// Not a TimeStampReq: still a TimeStampResp, with status rejection (2).
	r := postTSA(t, e, []byte("hola"), "application/timestamp-query")
	b, _ := io.ReadAll(r.Body)
	var resp struct {
		Status struct {
			Status int
			Rest   asn1.RawValue `asn1:"optional"`
		}
	}
	if _, err := asn1.Unmarshal(b, &resp); err != nil || resp.Status.Status != 2 {
		t.Fatalf("status %d, %v (%x)", resp.Status.Status, err, b)
	}
	if r := postTSA(t, e, []byte("x"), "application/json"); r.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("wrong content type: %d", r.StatusCode)
	}
	if r := postTSA(t, e, make([]byte, 64<<10), "application/timestamp-query"); r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: %d", r.StatusCode)
	}
}

// The TSA answers on the plain-HTTP listener too, where relying parties
// fetch signed objects (CRL, OCSP), and nothing else of the API is there.
func TestTSA_TambienPorHTTP(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	r, err := http.Post(e.urlHTTP+"/tsa", "application/timestamp-query", bytes.NewReader([]byte("hola")))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/timestamp-reply" {
		t.Fatalf("POST /tsa por HTTP: %d %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	if r2, err := http.Get(e.urlHTTP + "/api/v1/ca"); err != nil || r2.StatusCode != http.StatusNotFound {
		t.Fatalf("la API por HTTP: %v %v", err, r2)
	} else {
		r2.Body.Close()
	}
}
