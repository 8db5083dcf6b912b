package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/crypto"
)

// letterEnv isolates the app's config directory (pdfcpu's files) per test.
func letterEnv(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("SEGURITOOLS_CONFIG_DIR", filepath.Join(dir, "config"))
	return dir
}

func mustRun(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, errs := npiectl(t, append(args, "--json")...)
	if code != 0 {
		t.Fatalf("npiectl %v: exit %d\n%s", args, code, errs)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	return res
}

func TestLetterMake_TextoConPdftotext(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext")
	dir := letterEnv(t)
	cer, _, _ := satFixture(t, "FIEL_AAA010101AAA")
	der, _ := os.ReadFile(cer)
	c, _ := crypto.ParseCertificate(der)
	hexKey, err := carta.LlaveHex(c.RawSubjectPublicKeyInfo)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tipo  string
		extra []string
		title string
	}{
		{"terminos", nil, "NPIE"},
		{"renovacion", []string{"--old-pub", cer, "--changes", "../../examples/renovacion.json"}, "Renovación"},
		{"terminos-renovacion", []string{"--signed-letter", cer}, "Cadena de Identificación"},
		{"constancia", []string{"--cer", cer, "--clerk", "LIC. ANA PÉREZ", "--office", "Centro"}, "Constancia"},
	}
	for _, tt := range tests {
		t.Run(tt.tipo, func(t *testing.T) {
			out := filepath.Join(dir, tt.tipo+".pdf")
			args := append([]string{"letter", "make", "--type", tt.tipo, "--data", "../../examples/solicitud.json",
				"--out", out, "--npie", "12345678901", "--pub", cer, "--date", "2026-11-23"}, tt.extra...)
			mustRun(t, args...)
			txt, err := exec.Command(pdftotext, "-layout", out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			s := string(txt)
			want := []string{tt.title, "Términos", "Número", "Subdelegación", "EMPRESA MANUAL"}
			if tt.tipo != "constancia" {
				want = append(want, "23 de noviembre de 2026", strings.Fields(hexKey)[0]+" "+strings.Fields(hexKey)[1])
			}
			for _, w := range want {
				if !strings.Contains(s, w) {
					t.Errorf("pdftotext output lacks %q", w)
				}
			}
			if tt.tipo != "constancia" {
				// The whole key, row by row, as hex bytes.
				flat := strings.Join(strings.Fields(s), " ")
				if !strings.Contains(flat, hexKey) {
					t.Errorf("pdftotext output lacks the public key in hex")
				}
			}
		})
	}
	code, _, errs := npiectl(t, "letter", "make", "--type", "otra", "--data", "../../examples/solicitud.json", "--out", filepath.Join(dir, "x.pdf"))
	if code != 1 || !strings.Contains(errs, "TIPO_CARTA") {
		t.Fatalf("unknown type: %d %s", code, errs)
	}
}

// byteRanges returns every /ByteRange of a signed PDF, in file order.
func byteRanges(t *testing.T, pdf []byte) [][4]int {
	re := regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	var out [][4]int
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		var br [4]int
		for i := range 4 {
			br[i], _ = strconv.Atoi(string(m[i+1]))
		}
		out = append(out, br)
	}
	return out
}

func TestLetterSign_SATConVerificadoresExternos(t *testing.T) {
	pdfsig := requireTool(t, "pdfsig")
	qpdf := requireTool(t, "qpdf")
	openssl := requireTool(t, "openssl")
	dir := letterEnv(t)

	letter := filepath.Join(dir, "carta.pdf")
	mustRun(t, "letter", "make", "--type", "terminos", "--data", "../../examples/solicitud.json", "--out", letter)
	var pfxs []string
	for _, fx := range []string{"CSD01_AAA010101AAA", "FIEL_AAA010101AAA"} {
		cer, key, pw := satFixture(t, fx)
		p := filepath.Join(dir, fx+".pfx")
		mustRun(t, "pfx", "--cer", cer, "--key", key, "--out", p, "--password-file", pw)
		pfxs = append(pfxs, p)
	}
	_, _, pw := satFixture(t, "CSD01_AAA010101AAA")
	once := filepath.Join(dir, "firmada1.pdf")
	twice := filepath.Join(dir, "firmada2.pdf")
	mustRun(t, "letter", "sign", "--in", letter, "--pfx", pfxs[0], "--out", once, "--password-file", pw)
	mustRun(t, "letter", "sign", "--in", once, "--pfx", pfxs[1], "--out", twice, "--password-file", pw, "--visible")

	check := func(file string, nsig int) {
		out, _ := exec.Command(pdfsig, file).CombinedOutput()
		if n := strings.Count(string(out), "Signature is Valid."); n != nsig {
			t.Fatalf("pdfsig %s: %d valid signatures, want %d\n%s", filepath.Base(file), n, nsig, out)
		}
		if out, err := exec.Command(qpdf, "--check", file).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check %s: %v\n%s", file, err, out)
		}
		res := mustRun(t, "letter", "verify", "--in", file)
		if res["valida"] != true || len(res["firmas"].([]any)) != nsig {
			t.Fatalf("letter verify: %v", res)
		}
	}
	check(once, 1)
	check(twice, 2)

	// openssl cms over each signature's ByteRange bytes.
	signed, _ := os.ReadFile(twice)
	for i, br := range byteRanges(t, signed) {
		content := append(append([]byte{}, signed[br[0]:br[0]+br[1]]...), signed[br[2]:br[2]+br[3]]...)
		hexSig := strings.TrimRight(string(signed[br[0]+br[1]+1:br[2]-1]), "0")
		if len(hexSig)%2 == 1 {
			hexSig += "0"
		}
		cmsDER := make([]byte, len(hexSig)/2)
		for j := range cmsDER {
			v, _ := strconv.ParseUint(hexSig[2*j:2*j+2], 16, 8)
			cmsDER[j] = byte(v)
		}
		cf, sf := filepath.Join(dir, "content"), filepath.Join(dir, "sig.der")
		os.WriteFile(cf, content, 0o600)
		os.WriteFile(sf, cmsDER, 0o600)
		out, err := exec.Command(openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", sf, "-content", cf,
			"-noverify", "-out", os.DevNull).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Verification successful") {
			t.Fatalf("openssl cms, signature %d: %v\n%s", i+1, err, out)
		}
	}

	// One byte changed inside the first signed range.
	br := byteRanges(t, signed)[0]
	bad := append([]byte{}, signed...)
	pos := br[1] / 2
	for bad[pos] == '\n' || bad[pos] == '\r' {
		pos++
	}
	bad[pos] ^= 0x01
	badF := filepath.Join(dir, "alterada.pdf")
	os.WriteFile(badF, bad, 0o600)
	out, _ := exec.Command(pdfsig, badF).CombinedOutput()
	if !strings.Contains(string(out), "Digest Mismatch") {
		t.Fatalf("pdfsig on an altered file:\n%s", out)
	}
	code, stdout, errs := npiectl(t, "letter", "verify", "--in", badF)
	if code == 0 || !strings.Contains(errs, "no es válida") || !strings.Contains(stdout, "NO VÁLIDA") {
		t.Fatalf("letter verify on an altered file: exit %d\n%s\n%s", code, stdout, errs)
	}
	if !strings.Contains(errs, `"Firma1"`) || !strings.Contains(stdout, "Firma 1: Firma1") {
		t.Fatalf("the broken signature is not named: %s", errs)
	}

	// A wrong .pfx password gets IMSS's message.
	wrong := writeFile(t, filepath.Join(dir, "wrong"), "otraclave1")
	code, _, errs = npiectl(t, "letter", "sign", "--in", letter, "--pfx", pfxs[0], "--out", filepath.Join(dir, "x.pdf"), "--password-file", wrong)
	if code != 1 || !strings.Contains(errs, "La contraseña no es correcta, por favor intente de nuevo.") {
		t.Fatalf("wrong password: %d %s", code, errs)
	}
}
