package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/testtool"
)

// After a renewal the old certificate is revoked (superseded), yet the
// Carta de Aceptación it signed stays valid: its time stamp from refca
// proves it was signed before. A letter the revoked certificate signs
// afterwards is not valid.
func TestRenew_CartaAceptacion_ValidaTrasLaRevocacion(t *testing.T) {
	url, roots := refcaDePrueba(t)
	d := t.TempDir()
	srv := []string{"--server", url, "--roots", roots}
	pw := writeFile(t, filepath.Join(d, "pw"), "PrimeraClave1\n")
	pw2 := writeFile(t, filepath.Join(d, "pw2"), "SegundaClave2\n")
	clerk := writeFile(t, filepath.Join(d, "clerk"), "ventanilla-secreta-1\n")
	with := func(args ...string) []string { return append(append(args, srv...), "--kdf-iterations=1000") }

	r := jsonOK(t, with("request", "--data", "../../examples/solicitud.json", "--key-out", filepath.Join(d, "patron.key"), "--password-file", pw)...)
	jsonOK(t, with("clerk", "approve", "--folio", r["folio"].(string), "--user", "ana", "--password-file", clerk)...)
	jsonOK(t, with("obtain", "--npie", r["npie"].(string), "--key", filepath.Join(d, "patron.key"), "--out", filepath.Join(d, "patron.pfx"), "--password-file", pw)...)
	inicio := time.Now()
	n := jsonOKSinAviso(t, with("renew", "--pfx", filepath.Join(d, "patron.pfx"), "--password-file", pw, "--key-out", filepath.Join(d, "nueva.key"),
		"--out", filepath.Join(d, "nueva.pfx"), "--new-password-file", pw2, "--data", "../../examples/renovacion.json")...)
	t.Logf("renovación con dos cartas selladas: %v", time.Since(inicio))

	anterior := n["serial_anterior"].(string)

	aceptacion := filepath.Join(d, "nueva_"+strings.TrimSuffix(carta.TipoRenovacion.NombreArchivo(), ".pdf")+"_firmada.pdf")
	if _, err := os.Stat(aceptacion); err != nil {
		t.Fatal(err)
	}
	// With the CA asked about revocation, and with the roots only.
	for _, args := range [][]string{{"--server", url}, nil} {
		inicio := time.Now()
		v := jsonOK(t, append([]string{"letter", "verify", "--in", aceptacion, "--roots", roots}, args...)...)
		t.Logf("verificación %v: %v", args, time.Since(inicio))
		firmas := v["firmas"].([]any)
		f := firmas[0].(map[string]any)
		if v["valida"] != true || f["nivel"] != crypto.LevelBT || f["serie"] != anterior || f["sello_tiempo"] == nil {
			t.Fatalf("letter verify %v: %v", args, v)
		}
		if args != nil && (f["revocado"] == nil || !strings.Contains(f["nota"].(string), "antes de la revocación")) {
			t.Errorf("no note on the revocation: %v", f)
		}
	}
	code, out, _ := npiectl(t, "letter", "verify", "--in", aceptacion, "--roots", roots, "--server", url)
	if code != 0 || !strings.Contains(out, "Nivel:     B-T") || !strings.Contains(out, "VÁLIDA — firmada antes de la revocación") {
		t.Errorf("human output: exit %d\n%s", code, out)
	}

	// The token inside passes openssl ts -verify against the CA's root.
	pdf, _ := os.ReadFile(aceptacion)
	res, err := crypto.VerifyPDF(pdf, nil)
	if err != nil {
		t.Fatal(err)
	}
	sd, err := crypto.ParseSignedData(res[0].CMS)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := sd.SignatureTimestamp()
	if err != nil || tok == nil || tok.Authority == nil {
		t.Fatalf("no time stamp token with its authority: %v", err)
	}
	openssl := testtool.Require(t, "openssl")
	tokF := filepath.Join(d, "token.der")
	tsaF := filepath.Join(d, "tsa.pem")
	os.WriteFile(tokF, tok.Raw, 0o600)
	os.WriteFile(tsaF, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tok.Authority.Raw}), 0o600)
	sum := sha256.Sum256(sd.SignatureValue())
	o, err := exec.Command(openssl, "ts", "-verify", "-token_in", "-in", tokF, "-digest", hex.EncodeToString(sum[:]),
		"-CAfile", roots, "-untrusted", tsaF).CombinedOutput()
	if err != nil || !strings.Contains(string(o), "Verification: OK") {
		t.Errorf("openssl ts -verify: %v\n%s", err, o)
	}
	// Third-party PDF readers still accept the file.
	qpdf := testtool.Require(t, "qpdf")
	if o, err := exec.Command(qpdf, "--check", aceptacion).CombinedOutput(); err != nil ||
		!strings.Contains(string(o), "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check: %v\n%s", err, o)
	}
	pdfsig := testtool.Require(t, "pdfsig")
	if o, _ := exec.Command(pdfsig, "-nocert", aceptacion).CombinedOutput(); !strings.Contains(string(o), "Signature is Valid") {
		t.Errorf("pdfsig:\n%s", o)
	}

	// The new certificate signs B-LT: a verifier with the roots alone
	// finds the revocation data in the file.
	lt := filepath.Join(d, "lt.pdf")
	s := jsonOK(t, "letter", "sign", "--in", aceptacion, "--pfx", filepath.Join(d, "nueva.pfx"), "--password-file", pw2, "--out", lt,
		"--server", url, "--roots", roots, "--lt")
	if s["nivel"] != crypto.LevelBLT {
		t.Fatalf("letter sign --lt: %v", s)
	}
	v := jsonOK(t, "letter", "verify", "--in", lt, "--roots", roots)
	firmas := v["firmas"].([]any)
	if f := firmas[len(firmas)-1].(map[string]any); v["valida"] != true || f["nivel"] != crypto.LevelBLT {
		t.Fatalf("B-LT letter: %v", v)
	}
	if o, err := exec.Command(qpdf, "--check", lt).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check B-LT: %v\n%s", err, o)
	}
	lta := filepath.Join(d, "lta.pdf")
	if s := jsonOK(t, "letter", "sign", "--in", aceptacion, "--pfx", filepath.Join(d, "nueva.pfx"), "--password-file", pw2, "--out", lta,
		"--server", url, "--roots", roots, "--lta"); s["nivel"] != crypto.LevelBLTA {
		t.Fatalf("letter sign --lta: %v", s)
	}
	if v := jsonOK(t, "letter", "verify", "--in", lta, "--roots", roots); v["valida"] != true {
		t.Fatalf("B-LTA letter: %v", v)
	}
	if o, _ := exec.Command(pdfsig, "-nocert", lt).CombinedOutput(); strings.Count(string(o), "Signature is Valid") != 2 {
		t.Errorf("pdfsig B-LT:\n%s", o)
	}

	// The revoked certificate signs again: its time stamp is after the
	// revocation, and the signature is not valid.
	tarde := filepath.Join(d, "tarde.pdf")
	s = jsonOK(t, "letter", "sign", "--in", aceptacion, "--pfx", filepath.Join(d, "patron.pfx"), "--password-file", pw, "--out", tarde,
		"--server", url, "--roots", roots)
	if s["nivel"] != crypto.LevelBT {
		t.Fatalf("letter sign: %v", s)
	}
	code, out, _ = npiectl(t, "letter", "verify", "--in", tarde, "--roots", roots, "--server", url, "--json")
	if code == 0 || !strings.Contains(out, "MOTIVO_CERTIFICADO_REVOCADO") && !strings.Contains(out, "revocado el") {
		t.Errorf("signed after the revocation: exit %d\n%s", code, out)
	}
}

// Without a reachable time-stamp authority the letter is still signed,
// B-B, and the user is told.
func TestLetterSign_SinTSA_AvisoYNivelBB(t *testing.T) {
	d := t.TempDir()
	url, roots := refcaDePrueba(t)
	pw := writeFile(t, filepath.Join(d, "pw"), "PrimeraClave1\n")
	clerk := writeFile(t, filepath.Join(d, "clerk"), "ventanilla-secreta-1\n")
	srv := []string{"--server", url, "--roots", roots, "--kdf-iterations=1000"}
	r := jsonOK(t, append([]string{"request", "--data", "../../examples/solicitud.json", "--key-out", filepath.Join(d, "p.key"), "--password-file", pw}, srv...)...)
	jsonOK(t, append([]string{"clerk", "approve", "--folio", r["folio"].(string), "--user", "ana", "--password-file", clerk}, srv...)...)
	jsonOK(t, append([]string{"obtain", "--npie", r["npie"].(string), "--key", filepath.Join(d, "p.key"), "--out", filepath.Join(d, "p.pfx"), "--password-file", pw}, srv...)...)
	letter := filepath.Join(d, "p_CartaTerminosyCondiciones.pdf")
	code, out, errs := npiectl(t, "letter", "sign", "--in", letter, "--pfx", filepath.Join(d, "p.pfx"), "--password-file", pw,
		"--out", filepath.Join(d, "f.pdf"), "--tsa", "http://127.0.0.1:1/tsa", "--json")
	if code != 0 || !strings.Contains(out, `"nivel": "B-B"`) || !strings.Contains(errs, "SIN_SELLO_TIEMPO") && !strings.Contains(errs, "sin sello de tiempo") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
}

// jsonOKSinAviso is jsonOK for a command that must not warn (stderr empty).
func jsonOKSinAviso(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, errs := npiectl(t, append(args, "--json")...)
	if code != 0 || strings.TrimSpace(errs) != "" {
		t.Fatalf("npiectl %v: exit %d: %s\n%s", args, code, out, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	return m
}
