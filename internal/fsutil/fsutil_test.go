package fsutil

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.key")
	tests := []struct {
		name      string
		data      string
		overwrite bool
		wantErr   error
		want      string
	}{
		{"nuevo", "uno", false, nil, "uno"},
		{"existe sin forzar", "dos", false, ErrExists, "uno"},
		{"existe forzando", "tres", true, nil, "tres"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteFile(p, []byte(tt.data), 0o600, tt.overwrite)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got, _ := os.ReadFile(p)
			if !bytes.Equal(got, []byte(tt.want)) {
				t.Fatalf("content = %q, want %q", got, tt.want)
			}
			// Windows has no modes; fsutil_windows_test.go checks the DACL.
			if fi, _ := os.Stat(p); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
				t.Fatalf("mode = %v", fi.Mode().Perm())
			}
		})
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("temporary files left behind: %v", ents)
	}
}

func TestMkdirPrivado_CarpetaExistenteQuedaPrivada(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "datos refca", "ñandú")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := MkdirPrivado(dir); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Fatalf("mode = %v", fi.Mode().Perm())
	}
}
