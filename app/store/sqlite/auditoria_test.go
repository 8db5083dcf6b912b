package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

func auditar(t *testing.T, s *Store, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 1; i <= n; i++ {
		ev := store.Evento{Cuando: time.Now(), Quien: "clerk:ana", Que: "solicitud.aprobar", Objeto: fmt.Sprintf("f%d", i),
			Desde: "127.0.0.1", Detalle: "motivo=cese"}
		if err := s.Update(ctx, ev, func(store.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
}

// manipular runs SQL on the file with the audit triggers dropped, as an
// attacker with the file would.
func manipular(t *testing.T, path string, sqls ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range append([]string{"DROP TRIGGER IF EXISTS auditoria_sin_cambios", "DROP TRIGGER IF EXISTS auditoria_sin_borrar"}, sqls...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestAuditoria_ManipuladaSinTriggers_VerificarNombraElRegistro: with the
// triggers dropped, rewriting one record and deleting another is caught,
// and the first broken link is named.
func TestAuditoria_ManipuladaSinTriggers_VerificarNombraElRegistro(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		sqls []string
		roto int64
	}{
		{"reescrito y borrado", []string{`UPDATE auditoria SET detalle = 'motivo=otro' WHERE id = 3`, `DELETE FROM auditoria WHERE id = 6`}, 3},
		{"borrado", []string{`DELETE FROM auditoria WHERE id = 6`}, 6},
		{"hash cambiado", []string{`UPDATE auditoria SET quien = 'clerk:otro', hash = randomblob(32) WHERE id = 4`}, 4},
		{"primero borrado", []string{`DELETE FROM auditoria WHERE id = 1`}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, path := abrir(t)
			auditar(t, s, 10)
			n, ultimo, err := s.VerificarAuditoria(ctx)
			if err != nil || n != 10 || len(ultimo) != store.TamHash {
				t.Fatalf("intact log: %d %x %v", n, ultimo, err)
			}
			s.Close()
			manipular(t, path, c.sqls...)
			s2, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s2.Close()
			_, _, err = s2.VerificarAuditoria(ctx)
			var er *store.EslabonRoto
			if !errors.As(err, &er) || er.ID != c.roto {
				t.Fatalf("verify = %v, want record %d broken", err, c.roto)
			}
		})
	}
}

// TestAuditoria_MigracionEncadenaLoAnterior: records written before the
// chain existed (schema 2) are chained by the migration, and new ones
// follow them.
func TestAuditoria_MigracionEncadenaLoAnterior(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/refca.db"
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, aplicada INTEGER NOT NULL)`)
	for i, m := range migrations[:2] {
		if _, err := db.Exec(m); err != nil {
			t.Fatal(err)
		}
		db.Exec(`INSERT INTO schema_migrations VALUES (?, 0)`, i+1)
	}
	for i := 0; i < 5; i++ {
		// AUTOINCREMENT ids with a gap from a rolled-back insert.
		db.Exec(`INSERT INTO auditoria (id, cuando, quien, que, objeto, desde, detalle) VALUES (?, ?, 'anon', 'solicitud.crear', ?, '', '')`,
			2*i+1, time.Now().UnixMilli(), fmt.Sprint(i))
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	auditar(t, s, 2)
	if n, _, err := s.VerificarAuditoria(ctx); err != nil || n != 7 {
		t.Fatalf("after migration: %d %v", n, err)
	}
	err = s.Update(ctx, store.Evento{}, func(tx store.Tx) error {
		_, err := tx.(*txn).q.ExecContext(ctx, `UPDATE auditoria SET detalle = 'x' WHERE id = 1`)
		return err
	})
	if err == nil {
		t.Error("the update trigger must be back after the migration")
	}
}
