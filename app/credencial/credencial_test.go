package credencial

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

// unsupportedKey is a sound PKCS#8 EncryptedPrivateKeyInfo whose PBES2
// cipher (OID 1.2.3.4.5) nobody implements.
func unsupportedKey(t *testing.T) []byte {
	t.Helper()
	m := func(v any) asn1.RawValue {
		b, err := asn1.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return asn1.RawValue{FullBytes: b}
	}
	kdf := struct {
		Salt []byte
		Iter int
	}{make([]byte, 16), 2048}
	pbes2 := struct{ KDF, Cipher pkix.AlgorithmIdentifier }{
		pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}, Parameters: m(kdf)},
		pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 3, 4, 5}, Parameters: m(make([]byte, 16))},
	}
	der, err := asn1.Marshal(struct {
		Alg  pkix.AlgorithmIdentifier
		Data []byte
	}{pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}, Parameters: m(pbes2)}, make([]byte, 1232)})
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestAbrirLlave_CifradoNoSoportadoSeNombra(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ajena.key")
	if err := os.WriteFile(path, unsupportedKey(t), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := AbrirLlave(path, []byte("Clave2026abc"))
	var me *msg.Error
	if !errors.As(err, &me) || me.Code != msg.CodeLlaveCifrado || len(me.Args) != 2 || me.Args[0] != "PBES2 PBKDF2-HMAC-SHA1 1.2.3.4.5" {
		t.Fatalf("AbrirLlave: %#v", err)
	}
	preguntada := false
	_, err = Inspeccionar(path, func() ([]byte, error) { preguntada = true; return []byte("Clave2026abc"), nil })
	if !errors.As(err, &me) || me.Code != msg.CodeLlaveCifrado || preguntada {
		t.Fatalf("Inspeccionar: %v (password asked: %v)", err, preguntada)
	}
}
