package postgres

import (
	"context"
	"errors"
	"testing"

	"github.com/seguritools/seguritools/app/store"
	"github.com/seguritools/seguritools/app/store/postgres/pgtest"
)

func abrir(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestAuditoria_SoloAgregar: the audit table refuses UPDATE, DELETE and
// TRUNCATE; with the trigger dropped (a superuser), a record cut from the
// end is still noticed by the chain's head.
func TestAuditoria_SoloAgregar(t *testing.T) {
	url := pgtest.URL(t)
	s := abrir(t, url)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := s.Update(ctx, store.Evento{Quien: "t", Que: "x", Objeto: "o"}, func(store.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"UPDATE auditoria SET quien = 'otro'", "DELETE FROM auditoria", "TRUNCATE auditoria"} {
		if _, err := s.pool.Exec(ctx, q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
	if _, err := s.pool.Exec(ctx, "DROP TRIGGER auditoria_sin_cambios ON auditoria; DELETE FROM auditoria WHERE id = 3"); err != nil {
		t.Fatal(err)
	}
	var roto *store.EslabonRoto
	if _, _, err := s.VerificarAuditoria(ctx); !errors.As(err, &roto) || roto.ID != 3 {
		t.Fatalf("last record removed: %v", err)
	}
}

// TestMigracion_UnaVezYVersionNueva: reopening migrates nothing twice; a
// schema newer than the program is refused; OpenExisting refuses an empty
// database and OpenNueva one with records.
func TestMigracion_UnaVezYVersionNueva(t *testing.T) {
	ctx := context.Background()
	vacia := pgtest.URL(t)
	if _, err := OpenExisting(ctx, vacia); !errors.Is(err, ErrSinBase) {
		t.Fatalf("OpenExisting on an empty database: %v", err)
	}
	url := pgtest.URL(t)
	s, err := OpenNueva(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, store.Evento{Quien: "t", Que: "x", Objeto: "o"}, func(store.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := OpenNueva(ctx, url); !errors.Is(err, ErrOcupada) {
		t.Fatalf("OpenNueva on a CA's database: %v", err)
	}
	s = abrir(t, url)
	var n int
	nombres, _ := archivos()
	if err := s.pool.QueryRow(ctx, "SELECT COUNT(*) FROM schema_version").Scan(&n); err != nil || n != len(nombres) || n < 2 {
		t.Fatalf("schema_version rows: %d %v; want one per migration (%d)", n, err, len(nombres))
	}
	if _, err := s.pool.Exec(ctx, "INSERT INTO schema_version (version) VALUES (999)"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, url); err == nil {
		t.Fatal("a newer schema was accepted")
	}
	if _, err := Open(ctx, "postgres://a:secreta@[::1"); !errors.Is(err, ErrURL) {
		t.Fatalf("bad URL: %v", err)
	}
	if n := Nombre("postgres://ana:secreta@db:5433/ca"); n != "postgres://ana@db:5433/ca" {
		t.Fatalf("Nombre: %s", n)
	}
}
