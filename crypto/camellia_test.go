package crypto

import (
	"bytes"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RFC 3713 appendix A.
func TestCamellia_RFC3713(t *testing.T) {
	plain, _ := hex.DecodeString("0123456789abcdeffedcba9876543210")
	tests := []struct{ key, want string }{
		{"0123456789abcdeffedcba9876543210", "67673138549669730857065648eabe43"},
		{"0123456789abcdeffedcba98765432100011223344556677", "b4993401b3e996f84ee5cee7d79b09b9"},
		{"0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff", "9acc237dff16d76c20ef7c919e3a7509"},
	}
	for _, tt := range tests {
		key, _ := hex.DecodeString(tt.key)
		b, err := newCamellia(key)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]byte, 16)
		b.Encrypt(got, plain)
		if hex.EncodeToString(got) != tt.want {
			t.Errorf("key %d bytes: Encrypt = %x, want %s", len(key), got, tt.want)
		}
		b.Decrypt(got, got)
		if !bytes.Equal(got, plain) {
			t.Errorf("key %d bytes: Decrypt = %x", len(key), got)
		}
	}
	if _, err := newCamellia(make([]byte, 20)); err == nil {
		t.Error("a 20-byte key was accepted")
	}
}

// OpenSSL's Camellia agrees with ours on a few blocks for each key size.
func TestCamellia_OpenSSL(t *testing.T) {
	openssl := requireTool(t, "openssl")
	dir := t.TempDir()
	plain := bytes.Repeat([]byte("0123456789abcdef"), 4)
	in := filepath.Join(dir, "in")
	os.WriteFile(in, plain, 0o600)
	for _, n := range []int{16, 24, 32} {
		key := bytes.Repeat([]byte{byte(n)}, n)
		for i := range key {
			key[i] ^= byte(i * 7)
		}
		out, err := exec.Command(openssl, "enc", "-camellia-"+map[int]string{16: "128", 24: "192", 32: "256"}[n]+"-ecb",
			"-nopad", "-K", hex.EncodeToString(key), "-in", in).Output()
		if err != nil {
			t.Fatalf("openssl enc: %v", err)
		}
		b, _ := newCamellia(key)
		got := make([]byte, len(plain))
		for i := 0; i < len(plain); i += 16 {
			b.Encrypt(got[i:], plain[i:])
		}
		if !bytes.Equal(got, out) {
			t.Errorf("%d-byte key: ours %x, openssl %x", n, got, out)
		}
	}
}
