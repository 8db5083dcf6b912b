// Package testtool is shared by the tests that run external verifiers
// (openssl, pdfsig, pdftotext, qpdf).
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// EnvRequire set to "1" (make test sets it) turns a missing external tool
// into a failure instead of a skipped test, so CI cannot pass by skipping.
const EnvRequire = "NPIE_REQUIRE_TOOLS"

// Require returns the path of the external tool name. When it is not
// installed the test is skipped, or fails if EnvRequire is "1".
func Require(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Unavailable(t, "%s is not installed (apt-get install -y openssl poppler-utils qpdf libnss3-tools)", name)
	}
	return p
}

// Unavailable ends a test that cannot run because something it needs
// (a tool, a sample file) is missing: skipped, or failed if EnvRequire is
// "1", so that CI cannot pass by skipping.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv(EnvRequire) == "1" {
		t.Fatalf("required (%s=1) but unavailable: "+format, append([]any{EnvRequire}, args...)...)
	}
	t.Skipf(format, args...)
}

// Env returns the value of the environment variable name, which points a
// test at a service it needs (a database URL, a module path). When it is
// empty the test is skipped with a visible message naming the variable
// and how to set it (hint), or fails if EnvRequire is "1".
func Env(t testing.TB, name, hint string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		Unavailable(t, "%s is not set (%s)", name, hint)
	}
	return v
}
