package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/ajustes"
	"github.com/seguritools/seguritools/app/api"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/store/sqlite"
)

// refcaDePrueba starts a refca on 127.0.0.1:0 and returns its URL and the
// path of its root PEM.
func refcaDePrueba(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	// Procedures keep their progress in the configuration directory.
	t.Setenv(ajustes.EnvDir, filepath.Join(dir, "config"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "https://" + ln.Addr().String()
	// The issuing CA names the root's CRL on this server: B-LT fetches it.
	if err := ca.Inicializar(filepath.Join(dir, "ca"), ca.OpcionesInit{URLRevocacion: url}); err != nil {
		t.Fatal(err)
	}
	m, err := ca.Cargar(filepath.Join(dir, "ca"), nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(filepath.Join(dir, "ca", ca.ArchivoBase))
	if err != nil {
		t.Fatal(err)
	}
	a, err := ca.New(db, m, ca.Config{URLBase: url, DirCartas: filepath.Join(dir, "pdfcpu")})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AgregarClerk(context.Background(), "ana", "Ana María López Hernández", []byte("ventanilla-secreta-1"), ca.Origen{Quien: "test"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	tsa, err := ca.CargarTSA(filepath.Join(dir, "ca"), m, nil)
	if err != nil {
		t.Fatal(err)
	}
	go func() { done <- api.New(a, api.Options{TSA: tsa}).Serve(ctx, ln, m.TLS) }()
	t.Cleanup(func() { cancel(); <-done; db.Close() })
	return url, filepath.Join(dir, "ca", ca.ArchivoRaiz)
}

func jsonOK(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, errs := npiectl(t, append(args, "--json")...)
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("npiectl %v: exit %d, not JSON: %s %s", args, code, out, errs)
	}
	if code != 0 || m["ok"] != true {
		t.Fatalf("npiectl %v: exit %d: %s %s", args, code, out, errs)
	}
	return m
}

// TestNpiectl_Procedimientos runs every procedure command against a real
// refca, as an accountant's script would.
func TestNpiectl_Procedimientos(t *testing.T) {
	url, roots := refcaDePrueba(t)
	d := t.TempDir()
	srv := []string{"--server", url, "--roots", roots}
	pw := writeFile(t, filepath.Join(d, "pw"), "PrimeraClave1\n")
	pw2 := writeFile(t, filepath.Join(d, "pw2"), "SegundaClave2\n")
	pw3 := writeFile(t, filepath.Join(d, "pw3"), "ClaveAdicional3\n")
	clerk := writeFile(t, filepath.Join(d, "clerk"), "ventanilla-secreta-1\n")
	fast := "--kdf-iterations=1000"
	with := func(args ...string) []string { return append(append(args, srv...), fast) }

	r := jsonOK(t, with("request", "--data", "../../examples/solicitud.json", "--key-out", filepath.Join(d, "patron.key"), "--password-file", pw)...)
	for _, k := range []string{"folio", "npie", "usuario", "estado", "fecha_limite"} {
		if s, _ := r[k].(string); s == "" {
			t.Errorf("request: no %s in %v", k, r)
		}
	}
	if r["estado"] != "pendiente" {
		t.Errorf("estado %v", r["estado"])
	}
	if _, err := os.Stat(filepath.Join(d, "patron_CartaTerminosyCondiciones.pdf")); err != nil {
		t.Errorf("letter not saved next to the key: %v", err)
	}
	folio, npie := r["folio"].(string), r["npie"].(string)

	p := jsonOK(t, with("clerk", "pending", "--user", "ana", "--password-file", clerk)...)
	if l, _ := p["solicitudes"].([]any); len(l) != 1 {
		t.Fatalf("pending: %v", p)
	}
	a := jsonOK(t, with("clerk", "approve", "--folio", folio, "--user", "ana", "--password-file", clerk)...)
	if a["estado"] != "aprobada" {
		t.Fatalf("approve: %v", a)
	}
	o := jsonOK(t, with("obtain", "--npie", npie, "--key", filepath.Join(d, "patron.key"), "--out", filepath.Join(d, "patron.pfx"), "--password-file", pw)...)
	serial := o["serial"].(string)
	if s := jsonOK(t, with("status", "--serial", serial)...); s["estado"] != "vigente" {
		t.Fatalf("status: %v", s)
	}
	n := jsonOK(t, with("renew", "--pfx", filepath.Join(d, "patron.pfx"), "--password-file", pw, "--key-out", filepath.Join(d, "nueva.key"),
		"--out", filepath.Join(d, "nueva.pfx"), "--new-password-file", pw2, "--data", "../../examples/renovacion.json")...)
	nuevo, _ := n["serial"].(string)
	if nuevo == "" || nuevo == serial || n["estado"] != "completada" {
		t.Fatalf("renew: %v", n)
	}
	if s := jsonOK(t, with("status", "--pfx", filepath.Join(d, "patron.pfx"), "--password-file", pw)...); s["estado"] != "revocado" {
		t.Fatalf("old status: %v", s)
	}
	if s := jsonOK(t, with("status", "--pfx", filepath.Join(d, "nueva.pfx"), "--password-file", pw2)...); s["estado"] != "vigente" {
		t.Fatalf("new status: %v", s)
	}
	ad := jsonOK(t, with("additional", "--pfx", filepath.Join(d, "nueva.pfx"), "--password-file", pw2, "--data", "../../examples/adicional.json",
		"--key-out", filepath.Join(d, "adicional.key"), "--out", filepath.Join(d, "adicional.pfx"), "--new-password-file", pw3)...)
	adSerial, _ := ad["serial"].(string)
	if adSerial == "" {
		t.Fatalf("additional: %v", ad)
	}
	if rv := jsonOK(t, with("revoke", "--pfx", filepath.Join(d, "nueva.pfx"), "--password-file", pw2)...); rv["estado"] != "revocado" {
		t.Fatalf("revoke: %v", rv)
	}
	if s := jsonOK(t, with("status", "--serial", adSerial)...); s["estado"] != "revocado" {
		t.Fatalf("additional after revoking main: %v", s)
	}
	// A refusal keeps its code in the JSON answer.
	code, out, _ := npiectl(t, with("clerk", "approve", "--folio", folio, "--user", "ana", "--password-file", clerk, "--json")...)
	var fail struct {
		OK    bool                  `json:"ok"`
		Error struct{ Code string } `json:"error"`
	}
	json.Unmarshal([]byte(out), &fail)
	if code != 1 || fail.OK || fail.Error.Code != "SOLICITUD_NO_PENDIENTE" {
		t.Fatalf("second approval: exit %d %s", code, out)
	}
}

// A request that fails after its key was written is resumed with that key,
// and resuming twice is the same request to the CA.
func TestRequest_FallaTrasLaLlave_ReanudaConLaMisma(t *testing.T) {
	url, roots := refcaDePrueba(t)
	d := t.TempDir()
	pw := writeFile(t, filepath.Join(d, "pw"), "PrimeraClave1\n")
	key := filepath.Join(d, "patron.key")
	base := []string{"request", "--data", "../../examples/solicitud.json", "--key-out", key, "--password-file", pw,
		"--roots", roots, "--kdf-iterations=1000"}

	// Nothing listens on port 1: the key is written, the request is not sent.
	code, _, errs := npiectl(t, append(base, "--server", "https://127.0.0.1:1")...)
	if code == 0 || !strings.Contains(errs, "--resume") {
		t.Fatalf("unreachable CA: exit %d, %s", code, errs)
	}
	before, err := os.ReadFile(key)
	if err != nil {
		t.Fatalf("the key was not kept: %v", err)
	}
	first := jsonOK(t, append(base, "--server", url, "--resume")...)
	again := jsonOK(t, append(base, "--server", url, "--resume")...)
	if campo(t, first, "folio") != campo(t, again, "folio") || campo(t, first, "npie") != campo(t, again, "npie") {
		t.Fatalf("resuming twice gave two requests: %v / %v", first["folio"], again["folio"])
	}
	after, _ := os.ReadFile(key)
	if !bytes.Equal(before, after) {
		t.Fatal("resuming changed the .key")
	}
	code, _, errs = npiectl(t, append(base, "--server", url)...)
	if code != 1 || !strings.Contains(errs, "ARCHIVO_EXISTE") {
		t.Fatalf("a second request without --resume: exit %d, %s", code, errs)
	}
}

// The same for an additional certificate: resumed with the key already
// written, and resuming twice gives the same certificate.
func TestAdditional_FallaTrasLaLlave_ReanudaConLaMisma(t *testing.T) {
	url, roots := refcaDePrueba(t)
	d := t.TempDir()
	srv := []string{"--server", url, "--roots", roots, "--kdf-iterations=1000"}
	pw := writeFile(t, filepath.Join(d, "pw"), "PrimeraClave1\n")
	pw3 := writeFile(t, filepath.Join(d, "pw3"), "ClaveAdicional3\n")
	clerk := writeFile(t, filepath.Join(d, "clerk"), "ventanilla-secreta-1\n")
	r := jsonOK(t, append([]string{"request", "--data", "../../examples/solicitud.json", "--key-out", filepath.Join(d, "patron.key"), "--password-file", pw}, srv...)...)
	jsonOK(t, append([]string{"clerk", "approve", "--folio", r["folio"].(string), "--user", "ana", "--password-file", clerk}, srv...)...)
	jsonOK(t, append([]string{"obtain", "--npie", r["npie"].(string), "--key", filepath.Join(d, "patron.key"), "--out", filepath.Join(d, "patron.pfx"), "--password-file", pw}, srv...)...)

	key := filepath.Join(d, "adicional.key")
	base := []string{"additional", "--pfx", filepath.Join(d, "patron.pfx"), "--password-file", pw, "--data", "../../examples/adicional.json",
		"--key-out", key, "--new-password-file", pw3, "--roots", roots, "--kdf-iterations=1000"}
	code, _, errs := npiectl(t, append(base, "--out", filepath.Join(d, "a0.pfx"), "--server", "https://127.0.0.1:1")...)
	if code == 0 || !strings.Contains(errs, "--resume") {
		t.Fatalf("unreachable CA: exit %d, %s", code, errs)
	}
	before, err := os.ReadFile(key)
	if err != nil {
		t.Fatalf("the key was not kept: %v", err)
	}
	a := jsonOK(t, append(base, "--out", filepath.Join(d, "a1.pfx"), "--server", url, "--resume")...)
	b := jsonOK(t, append(base, "--out", filepath.Join(d, "a2.pfx"), "--server", url, "--resume")...)
	if campo(t, a, "serial") != campo(t, b, "serial") {
		t.Fatalf("resuming twice issued two certificates: %v / %v", a["serial"], b["serial"])
	}
	if after, _ := os.ReadFile(key); !bytes.Equal(before, after) {
		t.Fatal("resuming changed the .key")
	}
}

// A renewal interrupted after its new key was written continues with
// --resume from where it stopped, with that same key, to a new
// certificate whose public key is the key's.
func TestRenew_InterrumpidaTrasLaLlave_ReanudaConLaMisma(t *testing.T) {
	url, roots := refcaDePrueba(t)
	d := t.TempDir()
	srv := []string{"--roots", roots, "--kdf-iterations=1000"}
	pw := writeFile(t, filepath.Join(d, "pw"), "PrimeraClave1\n")
	pw2 := writeFile(t, filepath.Join(d, "pw2"), "SegundaClave2\n")
	clerk := writeFile(t, filepath.Join(d, "clerk"), "ventanilla-secreta-1\n")
	r := jsonOK(t, append([]string{"request", "--server", url, "--data", "../../examples/solicitud.json", "--key-out", filepath.Join(d, "patron.key"), "--password-file", pw}, srv...)...)
	jsonOK(t, append([]string{"clerk", "approve", "--server", url, "--folio", r["folio"].(string), "--user", "ana", "--password-file", clerk}, srv...)...)
	o := jsonOK(t, append([]string{"obtain", "--server", url, "--npie", r["npie"].(string), "--key", filepath.Join(d, "patron.key"), "--out", filepath.Join(d, "patron.pfx"), "--password-file", pw}, srv...)...)

	key := filepath.Join(d, "nueva.key")
	base := append([]string{"renew", "--pfx", filepath.Join(d, "patron.pfx"), "--password-file", pw, "--key-out", key,
		"--out", filepath.Join(d, "nueva.pfx"), "--new-password-file", pw2}, srv...)
	// Nothing listens on port 1: the key is written, the renewal not started.
	code, _, errs := npiectl(t, append(base, "--server", "https://127.0.0.1:1")...)
	if code == 0 || !strings.Contains(errs, "--resume") {
		t.Fatalf("unreachable CA: exit %d, %s", code, errs)
	}
	before, err := os.ReadFile(key)
	if err != nil {
		t.Fatalf("the key was not kept: %v", err)
	}
	// Without --resume the key's file blocks a second, different key.
	if code, _, errs := npiectl(t, append(base, "--server", url)...); code == 0 || !strings.Contains(errs, "ARCHIVO_EXISTE") {
		t.Fatalf("a second renewal without --resume: exit %d, %s", code, errs)
	}
	n := jsonOK(t, append(base, "--server", url, "--resume")...)
	if n["estado"] != "completada" || n["serial"] == "" || n["serial"] == o["serial"] {
		t.Fatalf("resumed renewal: %v", n)
	}
	after, _ := os.ReadFile(key)
	if !bytes.Equal(before, after) {
		t.Fatal("resuming changed the .key")
	}
	// The new certificate is the resumed key's.
	k, err := credencial.AbrirLlave(key, []byte("SegundaClave2"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := credencial.AbrirPFX(filepath.Join(d, "nueva.pfx"), []byte("SegundaClave2"))
	if err != nil {
		t.Fatal(err)
	}
	if !k.PublicKey.Equal(c.Certificate.PublicKey) {
		t.Fatal("the new certificate is not the resumed key's")
	}
	for _, f := range []string{"nueva_CartadeAceptaciondeRenovacion_firmada.pdf", "nueva_CartaTerminosyCondicionesRenovacion_firmada.pdf"} {
		if _, err := os.Stat(filepath.Join(d, f)); err != nil {
			t.Errorf("signed letter not kept next to the key: %v", err)
		}
	}
	if code, _, errs := npiectl(t, append(base, "--server", url, "--resume")...); code == 0 {
		t.Fatalf("a finished renewal resumed again: exit %d, %s", code, errs)
	}
}
