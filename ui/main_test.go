package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// A POSIX "C" locale makes Fyne log parse errors; the app's language
	// is chosen by UsarIdioma anyway.
	os.Setenv("LANG", "es_MX.UTF-8")
	code := m.Run()
	if servidor != nil {
		servidor.Cerrar()
		os.RemoveAll(servidor.Dir)
	}
	os.Exit(code)
}
