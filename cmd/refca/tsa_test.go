package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// A data directory from before refca stamped time gets its TSA
// certificate at the first serve; --tsa=false serves no /tsa.
func TestServe_TSA_DirectorioAnterior(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the refca binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "refca")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "ca")
	iniciarCA(t, bin, data)
	for _, f := range []string{ca.ArchivoTSA, ca.ArchivoLlaveTSA} {
		if _, err := os.Stat(filepath.Join(data, f)); err != nil {
			t.Fatalf("init made no %s: %v", f, err)
		}
		os.Remove(filepath.Join(data, f))
	}
	rootPEM, _ := os.ReadFile(filepath.Join(data, ca.ArchivoRaiz))
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(rootPEM)
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	digest := sha256.Sum256([]byte("carta"))
	req, nonce, err := secrypto.TimestampRequest(digest[:])
	if err != nil {
		t.Fatal(err)
	}
	post := func(url string) *http.Response {
		t.Helper()
		r, err := hc.Post(url+"/tsa", "application/timestamp-query", bytes.NewReader(req))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Body.Close() })
		return r
	}

	cmd, url := serve(t, bin, data)
	r := post(url)
	resp, _ := io.ReadAll(r.Body)
	tok, err := secrypto.TimestampFromResponse(resp, digest[:], nonce)
	if r.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("POST /tsa: %d %v", r.StatusCode, err)
	}
	p, err := secrypto.ParseTimestampToken(tok)
	if err != nil || p.Authority == nil {
		t.Fatalf("token: %v", err)
	}
	if err := p.Verify([]byte("carta"), pool); err != nil {
		t.Errorf("token: %v", err)
	}
	fi, err := os.Stat(filepath.Join(data, ca.ArchivoLlaveTSA))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("TSA key issued at serve: %v %v", fi, err)
	}
	cmd.Process.Kill()
	cmd.Wait()

	_, url = serveCon(t, bin, data, "--tsa=false")
	if r := post(url); r.StatusCode != http.StatusNotFound {
		t.Errorf("--tsa=false: POST /tsa answered %d", r.StatusCode)
	}
}

// serveCon is serve (kill_test.go) with extra flags.
func serveCon(t *testing.T, bin, data string, flags ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--data", data, "--password-file", archivoContrasenaEmisor(data), "--addr", "127.0.0.1:0"}, flags...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("refca serve: %v", err)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "refca: ")
	if !ok {
		t.Fatalf("unexpected first line %q", line)
	}
	return cmd, url
}
