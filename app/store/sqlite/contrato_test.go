package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/store"
	"github.com/seguritools/seguritools/app/store/storetest"
)

// TestContrato runs the store contract suite on a fresh file per test.
func TestContrato(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Abrir {
		path := filepath.Join(t.TempDir(), "refca.db")
		return func() store.Store {
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	})
}
