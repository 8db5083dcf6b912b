package postgres

import (
	"context"
	"testing"

	"github.com/seguritools/seguritools/app/store"
	"github.com/seguritools/seguritools/app/store/postgres/pgtest"
	"github.com/seguritools/seguritools/app/store/storetest"
)

// TestContrato runs the store contract suite on a fresh schema per test
// of the server in REFCA_TEST_POSTGRES.
func TestContrato(t *testing.T) {
	pgtest.Requerir(t)
	storetest.Run(t, func(t *testing.T) storetest.Abrir {
		url := pgtest.URL(t)
		return func() store.Store {
			s, err := Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	})
}
