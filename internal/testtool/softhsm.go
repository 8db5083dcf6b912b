package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// EnvPKCS11 names the PKCS#11 module of the token tests: SoftHSM2's
// (/usr/lib/softhsm/libsofthsm2.so), which scripts/softhsm-test.sh sets.
const EnvPKCS11 = "REFCA_TEST_PKCS11_MODULE"

// TokenPrueba is a fresh SoftHSM2 token that one test owns.
type TokenPrueba struct {
	Modulo   string // the PKCS#11 module
	Etiqueta string // the token's label
	PIN      string // its user PIN
	Conf     string // its softhsm2.conf, exported as SOFTHSM2_CONF
}

// SoftHSM makes a token of its own for the test: a softhsm2.conf whose
// token directory is in the test's temporary directory, exported as
// SOFTHSM2_CONF for the test and the processes it starts (so it must not
// run in parallel), and a token initialised there with softhsm2-util
// --init-token --free. Without EnvPKCS11, or without softhsm2-util, the
// test is skipped, or fails when EnvRequire is "1".
func SoftHSM(t testing.TB) TokenPrueba {
	t.Helper()
	mod := Env(t, EnvPKCS11, "scripts/softhsm-test.sh sets it; apt-get install softhsm2 and export "+EnvPKCS11+"=/usr/lib/softhsm/libsofthsm2.so")
	if _, err := os.Stat(mod); err != nil {
		Unavailable(t, "%s=%s: %v", EnvPKCS11, mod, err)
	}
	util := Require(t, "softhsm2-util")
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens")
	if err := os.Mkdir(tokens, 0o700); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "softhsm2.conf")
	cfg := fmt.Sprintf("directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n", tokens)
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOFTHSM2_CONF", conf)
	tp := TokenPrueba{Modulo: mod, Etiqueta: "refca-prueba", PIN: "1234-prueba", Conf: conf}
	out, err := exec.Command(util, "--init-token", "--free", "--label", tp.Etiqueta, "--so-pin", "so-1234-prueba", "--pin", tp.PIN).CombinedOutput()
	if err != nil {
		t.Fatalf("softhsm2-util --init-token: %v\n%s", err, out)
	}
	return tp
}
