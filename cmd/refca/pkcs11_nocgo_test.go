//go:build !cgo

package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

// A refca built without cgo has no PKCS#11: init with the token's flags
// says so before asking for any password.
func TestInit_SinCgo_SinPKCS11(t *testing.T) {
	data := filepath.Join(t.TempDir(), "ca")
	var out, errb bytes.Buffer
	err := run([]string{"init", "--data", data, "--pkcs11-module", "/usr/lib/softhsm/libsofthsm2.so", "--pkcs11-token", "t", "--pkcs11-pin-file", "-"}, nil, &out, &errb)
	if msg.CodeOf(err) != msg.CodeHSMSinSoporte {
		t.Fatalf("init --pkcs11-module without cgo: %v", err)
	}
}
