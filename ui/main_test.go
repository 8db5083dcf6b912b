package ui

import (
	"os"
	"sync"
	"testing"
)

func TestMain(m *testing.M) {
	// A POSIX "C" locale makes Fyne log parse errors; the app's language
	// is chosen by UsarIdioma anyway.
	os.Setenv("LANG", "es_MX.UTF-8")
	enUI = encolarUI
	code := m.Run()
	if servidor != nil {
		servidor.Cerrar()
		os.RemoveAll(servidor.Dir)
	}
	os.Exit(code)
}

// colaUI holds what background work asked to run on the UI goroutine
// (enUI): in the tests that is the test's goroutine, which runs it while
// it waits (esperar), so screens change only between the test's steps.
var colaUI struct {
	mu sync.Mutex
	fs []func()
}

func encolarUI(f func()) {
	colaUI.mu.Lock()
	colaUI.fs = append(colaUI.fs, f)
	colaUI.mu.Unlock()
}

// correrUI runs what is queued, in order, including what those calls
// queue themselves.
func correrUI() {
	for {
		colaUI.mu.Lock()
		fs := colaUI.fs
		colaUI.fs = nil
		colaUI.mu.Unlock()
		if len(fs) == 0 {
			return
		}
		for _, f := range fs {
			f()
		}
	}
}
