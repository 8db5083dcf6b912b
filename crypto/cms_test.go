package crypto

import (
	"bytes"
	stdcrypto "crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func testCMS(t testing.TB, content []byte, cred *Credential) []byte {
	t.Helper()
	d := sha256.Sum256(content)
	der, err := SignDetachedSHA256(d[:], cred)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestSignDetachedSHA256_AtributosPAdES(t *testing.T) {
	_, leaves := testCA(t)
	content := []byte("Carta de Aceptación de Renovación")
	der := testCMS(t, content, leaves[0])

	sd, err := ParseSignedData(der)
	if err != nil {
		t.Fatal(err)
	}
	if sd.Signer == nil || !bytes.Equal(sd.Signer.Raw, leaves[0].Certificate.Raw) || len(sd.Certificates) != 2 {
		t.Fatalf("signer %v, %d certificates", sd.Signer != nil, len(sd.Certificates))
	}
	if sd.Digest != stdcrypto.SHA256 || !sd.SignedAttributes || sd.Content != nil {
		t.Errorf("digest %v, signed attributes %v, content %v", sd.Digest, sd.SignedAttributes, sd.Content)
	}
	if d, s, err := sd.VerifyDetached(content[:10], content[10:]); !d || !s || err != nil {
		t.Errorf("VerifyDetached: %v %v %v", d, s, err)
	}

	// The attributes PAdES B-B wants, DER-sorted, and never signingTime.
	var oids []string
	rest := sd.signedAttrs[2:] // SET header: 0x31 and a one-byte length
	if sd.signedAttrs[1]&0x80 != 0 {
		rest = sd.signedAttrs[2+int(sd.signedAttrs[1]&0x7f):]
	}
	var prev []byte
	for len(rest) > 0 {
		var a cmsAttributeASN1
		next, err := asn1.Unmarshal(rest, &a)
		if err != nil {
			t.Fatal(err)
		}
		cur := rest[:len(rest)-len(next)]
		if prev != nil && bytes.Compare(prev, cur) > 0 {
			t.Error("signed attributes are not DER-sorted")
		}
		prev, rest = cur, next
		oids = append(oids, a.Type.String())
	}
	want := map[string]bool{"1.2.840.113549.1.9.3": true, "1.2.840.113549.1.9.4": true, "1.2.840.113549.1.9.16.2.47": true}
	if len(oids) != 3 {
		t.Errorf("attributes %v", oids)
	}
	for _, o := range oids {
		if !want[o] {
			t.Errorf("unexpected attribute %s (signingTime is 1.2.840.113549.1.9.5)", o)
		}
	}
	if !bytes.Equal(sd.essCertHash, func() []byte { h := sha256.Sum256(leaves[0].Certificate.Raw); return h[:] }()) || sd.essHash != stdcrypto.SHA256 {
		t.Error("ESS signing-certificate-v2 does not hold the signer's SHA-256")
	}
	if len(der) != cmsSize(leaves[0]) {
		t.Errorf("cmsSize %d, real %d", cmsSize(leaves[0]), len(der))
	}
}

func TestSignDetachedSHA256_ContenidoAlterado(t *testing.T) {
	_, leaves := testCA(t)
	der := testCMS(t, []byte("original"), leaves[0])
	sd, err := ParseSignedData(der)
	if err != nil {
		t.Fatal(err)
	}
	if d, s, err := sd.VerifyDetached([]byte("alterado")); d || !s || !errors.Is(err, ErrDigestMismatch) {
		t.Errorf("altered content: digest %v signature %v err %v", d, s, err)
	}
	bad := bytes.Clone(der)
	bad[len(bad)-5] ^= 0xff // inside the signature value, the last element
	sd, err = ParseSignedData(bad)
	if err != nil {
		t.Fatal(err)
	}
	if d, s, err := sd.VerifyDetached([]byte("original")); !d || s || !errors.Is(err, ErrSignatureInvalid) {
		t.Errorf("altered signature: digest %v signature %v err %v", d, s, err)
	}
}

func TestSignDetachedSHA256_Rechaza(t *testing.T) {
	_, leaves := testCA(t)
	d := sha256.Sum256(nil)
	if _, err := SignDetachedSHA256(d[:20], leaves[0]); err == nil {
		t.Error("short digest accepted")
	}
	if _, err := SignDetachedSHA256(d[:], &Credential{Key: leaves[0].Key, Certificate: leaves[1].Certificate}); !errors.Is(err, ErrKeyMismatch) {
		t.Errorf("mismatched key: %v", err)
	}
	if _, err := SignDetachedSHA256(d[:], &Credential{}); err == nil {
		t.Error("empty credential accepted")
	}
}

// OpenSSL checks what we write: signature, digest, ESS signing certificate
// and the chain to our CA.
func TestSignDetachedSHA256_OpenSSL(t *testing.T) {
	requireTool(t, "openssl")
	ca, leaves := testCA(t)
	for _, cred := range append(leaves[:], testSATCredential(t, satDirs[0])) {
		content := []byte("contenido firmado\n")
		der := testCMS(t, content, cred)
		dir := t.TempDir()
		write := func(name string, b []byte) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		args := []string{"cms", "-verify", "-binary", "-inform", "DER", "-in", write("sig.der", der),
			"-content", write("data", content), "-out", os.DevNull}
		if cred.Chain != nil {
			args = append(args, "-CAfile", write("ca.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Raw})), "-purpose", "any")
		} else {
			args = append(args, "-noverify")
		}
		if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil || !bytes.Contains(out, []byte("Verification successful")) {
			t.Errorf("%s: openssl: %v\n%s", cred.Certificate.Subject.CommonName, err, out)
		}
	}
}

// What other signers write: OpenSSL with other digests, PSS, no signed
// attributes, BER (streaming), encapsulated content, and ECDSA keys.
func TestParseSignedData_OtrosFirmantes(t *testing.T) {
	requireTool(t, "openssl")
	_, leaves := testCA(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rsaKey, _ := x509.MarshalPKCS8PrivateKey(leaves[0].Key)
	rsaKeyFile := write("rsa.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: rsaKey}))
	rsaCertFile := write("rsa.crt", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaves[0].Certificate.Raw}))

	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "EC"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	ecDER, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ecKey.PublicKey, ecKey)
	ecPKCS8, _ := x509.MarshalPKCS8PrivateKey(ecKey)
	ecKeyFile := write("ec.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecPKCS8}))
	ecCertFile := write("ec.crt", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ecDER}))

	content := []byte("%PDF-1.7 rangos firmados")
	dataFile := write("data", content)
	for _, tc := range []struct {
		name      string
		args      []string
		ec        bool
		digest    stdcrypto.Hash
		attrs     bool
		encapsulf bool
	}{
		{"sha256", nil, false, stdcrypto.SHA256, true, false},
		{"sha384", []string{"-md", "sha384"}, false, stdcrypto.SHA384, true, false},
		{"sha512", []string{"-md", "sha512"}, false, stdcrypto.SHA512, true, false},
		{"sha1", []string{"-md", "sha1"}, false, stdcrypto.SHA1, true, false},
		{"pss", []string{"-keyopt", "rsa_padding_mode:pss", "-md", "sha256"}, false, stdcrypto.SHA256, true, false},
		{"sin atributos", []string{"-noattr"}, false, stdcrypto.SHA256, false, false},
		{"sin atributos sha512", []string{"-noattr", "-md", "sha512"}, false, stdcrypto.SHA512, false, false},
		{"BER streaming", []string{"-stream"}, false, stdcrypto.SHA256, true, true}, // -stream also encapsulates
		{"contenido encapsulado", []string{"-nodetach"}, false, stdcrypto.SHA256, true, true},
		{"ecdsa", nil, true, stdcrypto.SHA256, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key, cert := rsaKeyFile, rsaCertFile
			if tc.ec {
				key, cert = ecKeyFile, ecCertFile
			}
			out := filepath.Join(dir, "out.der")
			args := append([]string{"cms", "-sign", "-binary", "-in", dataFile, "-signer", cert, "-inkey", key,
				"-outform", "DER", "-out", out}, tc.args...)
			if b, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
				t.Fatalf("openssl: %v\n%s", err, b)
			}
			der, _ := os.ReadFile(out)
			sd, err := ParseSignedData(append(der, make([]byte, 100)...)) // as padded in /Contents
			if err != nil {
				t.Fatal(err)
			}
			if sd.Digest != tc.digest || sd.SignedAttributes != tc.attrs || (sd.Content != nil) != tc.encapsulf || sd.Signer == nil {
				t.Fatalf("digest %v attrs %v content %q signer %v", sd.Digest, sd.SignedAttributes, sd.Content, sd.Signer != nil)
			}
			if d, s, err := sd.VerifyDetached(content); !d || !s || err != nil {
				t.Errorf("VerifyDetached: digest %v signature %v: %v", d, s, err)
			}
			if d, _, err := sd.VerifyDetached(append(bytes.Clone(content), '!')); d || !errors.Is(err, ErrDigestMismatch) {
				t.Errorf("altered: digest %v: %v", d, err)
			}
		})
	}
}

func TestParseSignedData_Rechaza(t *testing.T) {
	_, leaves := testCA(t)
	der := testCMS(t, []byte("x"), leaves[0])
	data, _ := asn1.Marshal(struct {
		OID asn1.ObjectIdentifier
		V   asn1.RawValue `asn1:"explicit,tag:0"`
	}{cmsOIDData, asn1.RawValue{Tag: asn1.TagOctetString, Bytes: []byte("hola")}})
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"vacío", nil},
		{"basura", []byte("no soy CMS")},
		{"truncado", der[:len(der)/2]},
		{"id-data", data},
		{"ceros", make([]byte, 64)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseSignedData(tc.b); !errors.Is(err, ErrNotCMS) {
				t.Errorf("err %v, want ErrNotCMS", err)
			}
		})
	}
}
