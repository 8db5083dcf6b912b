package main

import (
	"bytes"
	"crypto/rsa"
	"os"
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/hsm"
	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// A data directory records where the issuing CA's key is, and serve
// refuses flags that do not match it before touching any token: without
// the token's flags on a directory whose key is in a token (HSM_REQUERIDO,
// naming them), with them on one whose key is a file (HSM_NO_USADO), and
// only half of them (HSM_OPCIONES). CargarConLlave takes only the issuing
// CA's own key. No token is needed: the directory's "token" key here is a
// file key that init was told is in a token.
func TestServe_OpcionesDelToken(t *testing.T) {
	ek, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	rk, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ca")
	lt := &ca.LlaveToken{Token: "refca-emisora", Etiqueta: "refca CA emisora", ID: "00112233445566778899aabbccddeeff"}
	if err := inicializar(dir, "", ca.OpcionesInit{LlaveRaiz: rk, LlaveEmisor: ek, EnToken: lt}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ca.ArchivoLlaveEmisor)); !os.IsNotExist(err) {
		t.Errorf("%s written for a key in a token: %v", ca.ArchivoLlaveEmisor, err)
	}
	if got, err := ca.LlaveEnToken(dir); err != nil || got == nil || *got != *lt {
		t.Fatalf("LlaveEnToken = %+v, %v", got, err)
	}
	if ca.LlaveEmisorCifrada(dir) {
		t.Error("LlaveEmisorCifrada with the key in a token")
	}
	if _, err := ca.Cargar(dir, nil); msg.CodeOf(err) != msg.CodeHSMRequerido {
		t.Errorf("Cargar of a directory with the key in a token: %v", err)
	}
	m, err := ca.CargarConLlave(dir, ek)
	if err != nil {
		t.Fatal(err)
	}
	if !m.LlaveEmisor.Public().(*rsa.PublicKey).Equal(&ek.PublicKey) || m.Ajustes.PKCS11 == nil {
		t.Error("CargarConLlave did not keep the key or the settings")
	}
	if _, err := ca.CargarConLlave(dir, rk); msg.CodeOf(err) != msg.CodeHSMLlaveDistinta {
		t.Errorf("CargarConLlave with the root's key: %v", err)
	}
	archivo := dirInicializado(t)
	if _, err := ca.CargarConLlave(archivo, ek); msg.CodeOf(err) != msg.CodeHSMNoUsado {
		t.Errorf("CargarConLlave of a file key's directory: %v", err)
	}

	var out, errb bytes.Buffer
	serve := func(data string, extra ...string) error {
		return run(append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, extra...), nil, &out, &errb)
	}
	err = serve(dir)
	if msg.CodeOf(err) != msg.CodeHSMRequerido {
		t.Errorf("serve without the token's flags: %v", err)
	}
	for _, f := range []string{"--pkcs11-module", "--pkcs11-token", "--pkcs11-pin-file", "refca-emisora"} {
		if !bytes.Contains([]byte(msg.Text(err, msg.ES)), []byte(f)) || !bytes.Contains([]byte(msg.Text(err, msg.EN)), []byte(f)) {
			t.Errorf("HSM_REQUERIDO does not name %s: %s", f, msg.Text(err, msg.ES))
		}
	}
	if err := serve(archivo, "--pkcs11-module", "/usr/lib/softhsm/libsofthsm2.so", "--pkcs11-token", "t"); msg.CodeOf(err) != msg.CodeHSMNoUsado {
		t.Errorf("serve of a file key with the token's flags: %v", err)
	}
	want := msg.CodeHSMOpciones
	if !hsm.Disponible {
		want = msg.CodeHSMSinSoporte
	}
	if err := serve(dir, "--pkcs11-module", "/usr/lib/softhsm/libsofthsm2.so"); msg.CodeOf(err) != want {
		t.Errorf("serve with --pkcs11-module only: %v, want %s", err, want)
	}
}
