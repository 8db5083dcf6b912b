package main

import (
	"bytes"
	"encoding/asn1"
	"encoding/json"
	"fmt"
	"github.com/seguritools/seguritools/internal/testtool"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// npiectl runs one command line in-process and returns the exit status,
// standard output and standard error.
func npiectl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, lang: "es"}
	code := run(e, args)
	return code, out.String(), errb.String()
}

// requireTool is testtool.Require: the external tool's path, or skip (fail in CI).
func requireTool(t *testing.T, name string) string {
	t.Helper()
	return testtool.Require(t, name)
}

// campo is the non-empty text under key k of a JSON answer; a missing
// key, another type or an empty text fails the test (a missing key reads
// as nil, which would compare equal to another missing one).
func campo(t *testing.T, m map[string]any, k string) string {
	t.Helper()
	v, ok := m[k]
	if !ok {
		t.Fatalf("falta %q en %v", k, m)
	}
	s, ok := v.(string)
	if !ok || s == "" {
		t.Fatalf("%q = %#v, quiero un texto no vacío", k, v)
	}
	return s
}

func writeFile(t *testing.T, path, s string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestKeygen_OpenSSLYNoSobrescribe(t *testing.T) {
	openssl := requireTool(t, "openssl")
	dir := t.TempDir()
	pw := writeFile(t, filepath.Join(dir, "pw"), "Clave2026abc\n")
	key := filepath.Join(dir, "patron.key")

	code, out, errs := npiectl(t, "keygen", "--out", key, "--user", "patron1", "--password-file", pw, "--json")
	if code != 0 {
		t.Fatalf("keygen: %d %s", code, errs)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil || res["ok"] != true {
		t.Fatalf("json: %v %s", err, out)
	}
	if h := campo(t, res, "huella_sha256"); len(h) != 64 {
		t.Fatalf("huella_sha256 %q: quiero 64 dígitos hexadecimales", h)
	}
	fi, err := os.Stat(key)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode: %v %v", fi.Mode(), err)
	}
	if b, err := exec.Command(openssl, "pkcs8", "-inform", "DER", "-in", key, "-passin", "file:"+pw, "-out", os.DevNull).CombinedOutput(); err != nil {
		t.Fatalf("openssl pkcs8: %v %s", err, b)
	}
	before, _ := os.ReadFile(key)
	code, _, errs = npiectl(t, "keygen", "--out", key, "--password-file", pw)
	if code == 0 || !strings.Contains(errs, "ya existe") {
		t.Fatalf("second keygen: %d %q", code, errs)
	}
	after, _ := os.ReadFile(key)
	if !bytes.Equal(before, after) {
		t.Fatal("keygen without --force changed an existing .key")
	}
	code, _, errs = npiectl(t, "keygen", "--out", key, "--password-file", pw, "--force")
	if code != 0 {
		t.Fatalf("keygen --force: %s", errs)
	}
	if now, _ := os.ReadFile(key); bytes.Equal(now, before) {
		t.Fatal("--force did not replace the key")
	}
}

func TestKeygen_PoliticaDeContrasena(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, pw, user, want string
	}{
		{"corta", "abc1234", "", "CONTRASENA_CORTA"},
		{"larga", strings.Repeat("a1", 11), "", "CONTRASENA_LARGA"},
		{"símbolos", "Clave-2026", "", "CONTRASENA_CARACTERES"},
		{"igual al usuario", "Patron2026", "patron2026", "CONTRASENA_IGUAL_USUARIO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pw := writeFile(t, filepath.Join(dir, "pw-"+tt.name), tt.pw)
			key := filepath.Join(dir, tt.name+".key")
			code, _, errs := npiectl(t, "keygen", "--out", key, "--user", tt.user, "--password-file", pw)
			if code != 1 || !strings.Contains(errs, tt.want) {
				t.Fatalf("code %d, stderr %q, want %s", code, errs, tt.want)
			}
			if _, err := os.Stat(key); err == nil {
				t.Fatal("a key was written despite the bad password")
			}
		})
	}
}

func satFixture(t *testing.T, name string) (cer, key, pw string) {
	d := filepath.Join("..", "..", "crypto", "testdata", "sat", name)
	return filepath.Join(d, "certificate.cer"), filepath.Join(d, "private_key.key"), filepath.Join(d, "password.txt")
}

func TestPFX_SAT(t *testing.T) {
	openssl := requireTool(t, "openssl")
	for _, fx := range []string{"CSD01_AAA010101AAA", "FIEL_AAA010101AAA"} {
		t.Run(fx, func(t *testing.T) {
			cer, key, pw := satFixture(t, fx)
			out := filepath.Join(t.TempDir(), "a.pfx")
			code, stdout, errs := npiectl(t, "pfx", "--cer", cer, "--key", key, "--out", out, "--password-file", pw, "--json")
			if code != 0 {
				t.Fatalf("pfx: %s", errs)
			}
			var res map[string]any
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("json: %v %s", err, stdout)
			}
			if campo(t, res, "estado") != "vencido" {
				t.Fatalf("json %v", res)
			}
			campo(t, res, "serie")
			if b, err := exec.Command(openssl, "pkcs12", "-in", out, "-noout", "-passin", "file:"+pw).CombinedOutput(); err != nil {
				t.Fatalf("openssl pkcs12: %v %s", err, b)
			}
			code, stdout, _ = npiectl(t, "inspect", out, "--password-file", pw)
			if code != 0 || !strings.Contains(stdout, "vencido") || !strings.Contains(stdout, "AAA010101AAA") {
				t.Fatalf("inspect pfx: %s", stdout)
			}
		})
	}
	cerA, _, pwA := satFixture(t, "CSD01_AAA010101AAA")
	_, keyB, _ := satFixture(t, "FIEL_AAA010101AAA")
	out := filepath.Join(t.TempDir(), "b.pfx")
	code, _, errs := npiectl(t, "pfx", "--cer", cerA, "--key", keyB, "--out", out, "--password-file", pwA)
	if code != 1 || !strings.Contains(errs, "no pertenece a este certificado") {
		t.Fatalf("foreign key: %d %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a .pfx was written for a foreign key")
	}
}

func TestInspect(t *testing.T) {
	dir := t.TempDir()
	cer, key, pw := satFixture(t, "FIEL_AAA010101AAA")
	bad := writeFile(t, filepath.Join(dir, "bad"), "otraclave9")
	data, _ := os.ReadFile(key)
	trunc := filepath.Join(dir, "trunc.key")
	os.WriteFile(trunc, data[:len(data)/3], 0o600)
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"certificado vencido", []string{"inspect", cer}, 0, "vencido"},
		{"llave SAT", []string{"inspect", key, "--password-file", pw}, 0, "DES-EDE3-CBC"},
		{"contraseña equivocada", []string{"inspect", key, "--password-file", bad}, 1, "La contraseña no es correcta"},
		{"llave truncada", []string{"inspect", trunc, "--password-file", pw}, 1, "no es una llave privada o está dañado"},
		{"sin archivo", []string{"inspect"}, 2, "falta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := npiectl(t, tt.args...)
			if code != tt.code || !strings.Contains(out+errs, tt.contains) {
				t.Fatalf("code %d (want %d)\nout %s\nerr %s", code, tt.code, out, errs)
			}
		})
	}
	// English when asked.
	var o, eb bytes.Buffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &o, stderr: &eb, lang: "en"}, []string{"inspect", key, "--password-file", bad})
	if code != 1 || !strings.Contains(eb.String(), "The password is not correct") {
		t.Fatalf("english: %q", eb.String())
	}
}

// Each common .key shape that OpenSSL writes opens in npiectl inspect,
// with its scheme named; a wrong password says so; a shape not opened
// names its cipher, and an absurd cost is refused with its own message.
func TestInspect_FormasDeLlaveDeOpenSSL(t *testing.T) {
	openssl := requireTool(t, "openssl")
	dir := t.TempDir()
	pw := writeFile(t, filepath.Join(dir, "pw"), "Clave2026abc\n")
	bad := writeFile(t, filepath.Join(dir, "bad"), "otraclave9\n")
	plain := filepath.Join(dir, "plain.pem")
	if b, err := exec.Command(openssl, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", plain).CombinedOutput(); err != nil {
		t.Fatalf("openssl genpkey: %v %s", err, b)
	}
	legacy := []string{"-provider", "legacy", "-provider", "default"}
	tests := []struct {
		name   string
		args   []string
		scheme string
	}{
		{"pkcs8 -v1 PBE-SHA1-3DES DER", []string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-outform", "DER"}, "PKCS#12 PBE-SHA1-3DES"},
		{"pkcs8 -v1 PBE-SHA1-3DES PEM", []string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES"}, "PKCS#12 PBE-SHA1-3DES"},
		{"pkcs8 -v1 PBE-MD5-DES", append([]string{"pkcs8", "-topk8", "-v1", "PBE-MD5-DES"}, legacy...), "PBES1 PBE-MD5-DES"},
		{"rsa -aes256 -traditional", []string{"rsa", "-aes256", "-traditional"}, "PEM tradicional (MD5) AES-256-CBC"},
		{"rsa -aes128 -traditional", []string{"rsa", "-aes128", "-traditional"}, "PEM tradicional (MD5) AES-128-CBC"},
		{"rsa -des3 -traditional", []string{"rsa", "-des3", "-traditional"}, "PEM tradicional (MD5) DES-EDE3-CBC"},
		{"rsa -camellia256 -traditional", []string{"rsa", "-camellia256", "-traditional"}, "PEM tradicional (MD5) CAMELLIA-256-CBC"},
		{"rsa -aes256 (OpenSSL 3: PKCS#8)", []string{"rsa", "-aes256"}, "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC"},
		{"pkcs8 -scrypt", []string{"pkcs8", "-topk8", "-scrypt"}, "PBES2 scrypt AES-256-CBC"},
		{"pkcs8 -v2 camellia-256-cbc", []string{"pkcs8", "-topk8", "-v2", "camellia-256-cbc"}, "PBES2 PBKDF2-HMAC-SHA256 CAMELLIA-256-CBC"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := filepath.Join(dir, fmt.Sprintf("k%d.key", i))
			args := append(append([]string{}, tt.args...), "-in", plain, "-out", key, "-passout", "file:"+pw)
			if b, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
				t.Fatalf("openssl %v: %v %s", args, err, b)
			}
			code, out, errs := npiectl(t, "inspect", key, "--password-file", pw, "--json")
			if code != 0 {
				t.Fatalf("inspect: %d %s %s", code, out, errs)
			}
			var res struct {
				Tipo  string `json:"tipo"`
				Llave struct {
					Esquema string `json:"esquema"`
					Cifrada bool   `json:"cifrada"`
					Bits    int    `json:"bits"`
					Scrypt  string `json:"scrypt"`
				} `json:"llave"`
			}
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("json: %v %s", err, out)
			}
			if res.Tipo != "llave" || res.Llave.Esquema != tt.scheme || !res.Llave.Cifrada || res.Llave.Bits != 2048 {
				t.Fatalf("inspect = %+v, want scheme %q", res, tt.scheme)
			}
			if strings.Contains(tt.scheme, "scrypt") && res.Llave.Scrypt != "N=16384 r=8 p=1" {
				t.Fatalf("scrypt = %q", res.Llave.Scrypt)
			}
			code, out, errs = npiectl(t, "inspect", key, "--password-file", bad, "--json")
			if code != 1 || !strings.Contains(out, `"CONTRASENA_INCORRECTA"`) {
				t.Fatalf("wrong password: %d %s %s", code, out, errs)
			}
		})
	}

	// Not opened: named, never "dañado".
	rc2 := filepath.Join(dir, "rc2.key")
	args := append([]string{"pkcs8", "-topk8", "-v1", "PBE-SHA1-RC2-40", "-in", plain, "-out", rc2, "-passout", "file:" + pw}, legacy...)
	if b, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
		t.Fatalf("openssl %v: %v %s", args, err, b)
	}
	// Told before a password is asked for: no --password-file here.
	code, out, errs := npiectl(t, "inspect", rc2)
	if code != 1 || !strings.Contains(errs, "Cifrado PKCS#12 PBE-SHA1-RC2-40 no soportado") || strings.Contains(errs, "dañad") {
		t.Fatalf("RC2: %d %s %s", code, out, errs)
	}
}

// A .key asking for scrypt with N=2^30 (a terabyte of memory) is refused
// at once with its own message, naming the cost.
func TestInspect_LlaveConCostoAbsurdo(t *testing.T) {
	type alg struct {
		Algorithm asn1.ObjectIdentifier
		Params    asn1.RawValue
	}
	raw := func(v any) asn1.RawValue {
		b, err := asn1.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return asn1.RawValue{FullBytes: b}
	}
	scrypt := struct {
		Salt    []byte
		N, R, P int
	}{make([]byte, 16), 1 << 30, 8, 1}
	pbes2 := struct{ KDF, Cipher alg }{
		alg{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11591, 4, 11}, raw(scrypt)},
		alg{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}, raw(make([]byte, 16))},
	}
	der, err := asn1.Marshal(struct {
		Alg  alg
		Data []byte
	}{alg{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}, raw(pbes2)}, make([]byte, 1232)})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	key := filepath.Join(dir, "caro.key")
	os.WriteFile(key, der, 0o600)
	pw := writeFile(t, filepath.Join(dir, "pw"), "Clave2026abc\n")
	start := time.Now()
	code, out, errs := npiectl(t, "inspect", key, "--password-file", pw, "--json")
	if code != 1 || !strings.Contains(out, `"LLAVE_COSTO_EXCESIVO"`) || !strings.Contains(errs, "N=1073741824") {
		t.Fatalf("%d %s %s", code, out, errs)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("took %v", d)
	}
}
