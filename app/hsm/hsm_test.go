//go:build cgo

package hsm_test

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/hsm"
	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/testtool"
)

func abrir(t testing.TB) *hsm.Token {
	t.Helper()
	tp := testtool.SoftHSM(t)
	tok, err := hsm.Abrir(tp.Modulo, tp.Etiqueta, []byte(tp.PIN))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tok.Cerrar() })
	return tok
}

// TestHSM_FirmaConLlaveDelToken: a key generated in a fresh SoftHSM2
// token is sensitive and never extractable as the token reports it, signs
// (PKCS#1 v1.5 and PSS) what its public key verifies, is found again by
// its CKA_ID and label, and is gone once deleted. A wrong PIN and an
// unknown token are catalogue errors that do not name the PIN.
func TestHSM_FirmaConLlaveDelToken(t *testing.T) {
	tp := testtool.SoftHSM(t)
	// Before any good login: the token's login is shared by the whole
	// process, so a second open with a wrong PIN would not be asked for it.
	if _, err := hsm.Abrir(tp.Modulo, tp.Etiqueta, []byte("0000-mal")); msg.CodeOf(err) != msg.CodeHSMPIN {
		t.Errorf("wrong PIN: %v", err)
	} else if strings.Contains(msg.Text(err, msg.ES)+err.Error()+fmt.Sprint(errors.Unwrap(err)), "0000-mal") {
		t.Errorf("the error names the PIN: %v", err)
	}
	if _, err := hsm.Abrir(tp.Modulo, "no-existe", []byte(tp.PIN)); msg.CodeOf(err) != msg.CodeHSMToken {
		t.Errorf("unknown token: %v", err)
	}
	if _, err := hsm.Abrir("/nonexistent/libpkcs11.so", tp.Etiqueta, []byte(tp.PIN)); msg.CodeOf(err) != msg.CodeHSMToken {
		t.Errorf("missing module: %v", err)
	}
	tok, err := hsm.Abrir(tp.Modulo, tp.Etiqueta, []byte(tp.PIN))
	if err != nil {
		t.Fatal(err)
	}
	defer tok.Cerrar()
	k, id, err := tok.GenerarRSA(2048, "refca emisora prueba")
	if err != nil {
		t.Fatal(err)
	}
	p, err := tok.Proteccion(k)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Segura() {
		t.Fatalf("the token reports the key as %+v; want sensitive, never extractable, token object", p)
	}
	pub, ok := k.Public().(*rsa.PublicKey)
	if !ok || pub.N.BitLen() != 2048 {
		t.Fatalf("public key %T", k.Public())
	}
	h := sha256.Sum256([]byte("carta"))
	firma, err := k.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], firma); err != nil {
		t.Errorf("PKCS#1 v1.5: %v", err)
	}
	pss := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
	if firma, err = k.Sign(rand.Reader, h[:], pss); err != nil {
		t.Fatal(err)
	}
	if err := rsa.VerifyPSS(pub, crypto.SHA256, h[:], firma, pss); err != nil {
		t.Errorf("PSS: %v", err)
	}

	otra, err := tok.Buscar(id, "refca emisora prueba")
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(otra.Public()) {
		t.Error("Buscar found another key")
	}
	if _, err := tok.Buscar(bytes.Repeat([]byte{1}, 16), "refca emisora prueba"); msg.CodeOf(err) != msg.CodeHSMLlaveNoEncontrada {
		t.Errorf("unknown CKA_ID: %v", err)
	}

	if err := tok.Borrar(k); err != nil {
		t.Fatal(err)
	}
	if _, err := tok.Buscar(id, "refca emisora prueba"); msg.CodeOf(err) != msg.CodeHSMLlaveNoEncontrada {
		t.Errorf("deleted key: %v", err)
	}
}

// BenchmarkHSM_FirmaRSA2048 is raw RSA-2048 PKCS#1 v1.5 signatures of the
// token's key on every core (b.RunParallel), one crypto11 context shared;
// BenchmarkGo_FirmaRSA2048 is the same with Go's rsa.SignPKCS1v15, for
// comparison.
func BenchmarkHSM_FirmaRSA2048(b *testing.B) {
	tok := abrir(b)
	k, _, err := tok.GenerarRSA(2048, "bench")
	if err != nil {
		b.Fatal(err)
	}
	h := sha256.Sum256([]byte("carta"))
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := k.Sign(rand.Reader, h[:], crypto.SHA256); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "firmas/s")
}

func BenchmarkGo_FirmaRSA2048(b *testing.B) {
	k, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		b.Fatal(err)
	}
	h := sha256.Sum256([]byte("carta"))
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, h[:]); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "firmas/s")
}
