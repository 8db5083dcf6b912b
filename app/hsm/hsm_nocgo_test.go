//go:build !cgo

package hsm_test

import (
	"testing"

	"github.com/seguritools/seguritools/app/hsm"
	"github.com/seguritools/seguritools/app/msg"
)

// Without cgo there is no PKCS#11: opening a token says how to get a
// refca that has it.
func TestHSM_SinCgo(t *testing.T) {
	if hsm.Disponible {
		t.Fatal("Disponible without cgo")
	}
	if _, err := hsm.Abrir("/usr/lib/softhsm/libsofthsm2.so", "t", []byte("1234")); msg.CodeOf(err) != msg.CodeHSMSinSoporte {
		t.Fatalf("Abrir: %v", err)
	}
}
