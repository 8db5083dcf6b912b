//go:build windows

package ajustes

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDir_Windows_AppDataConEspaciosYAcentos(t *testing.T) {
	base, err := os.MkdirTemp("", "ajustes-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	appData := filepath.Join(base, `José Pérez\AppData\Roaming`)
	t.Setenv("APPDATA", appData)
	t.Setenv(EnvDir, "")
	d, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(appData, "seguritools"); d != want {
		t.Fatalf("Dir() = %q, quiero %q", d, want)
	}
	if st, err := os.Stat(d); err != nil || !st.IsDir() {
		t.Fatalf("no se creó %s: %v", d, err)
	}
}
