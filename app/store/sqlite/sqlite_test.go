package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

func abrir(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "refca.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func solicitud(folio, usuario string) *store.Solicitud {
	return &store.Solicitud{Folio: folio, NPIE: "n" + folio, Usuario: usuario, RegistroPatronal: "B7521588139",
		RFC: "EMA801010AB1", Estado: "pendiente", Activa: true, Datos: []byte("{}"), CSR: []byte{1}, Carta: []byte{2},
		Creada: time.Now(), FechaLimite: time.Now()}
}

// TestGroupCommit_CadaCambioAtomico: concurrent changes share commits, a
// refused change leaves nothing (not even its audit record) and does not
// disturb the others of its batch.
func TestGroupCommit_CadaCambioAtomico(t *testing.T) {
	s, _ := abrir(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 64)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			folio := fmt.Sprintf("f%02d", i)
			errs[i] = s.Update(ctx, store.Evento{Quien: "t", Que: "crear", Objeto: folio}, func(tx store.Tx) error {
				if err := tx.PutSolicitud(ctx, solicitud(folio, folio)); err != nil {
					return err
				}
				if i%4 == 0 {
					return errors.New("refused after writing")
				}
				return nil
			})
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		folio := fmt.Sprintf("f%02d", i)
		_, gerr := s.Solicitud(ctx, folio)
		ev, _ := s.Auditoria(ctx, folio)
		if i%4 == 0 {
			if err == nil || !errors.Is(gerr, store.ErrNotFound) || len(ev) != 0 {
				t.Errorf("%s: refused change left traces: %v %v %d", folio, err, gerr, len(ev))
			}
		} else if err != nil || gerr != nil || len(ev) != 1 {
			t.Errorf("%s: %v %v %d audit records", folio, err, gerr, len(ev))
		}
	}
}

func TestSolicitudActivaDuplicada(t *testing.T) {
	s, _ := abrir(t)
	ctx := context.Background()
	put := func(x *store.Solicitud) error {
		return s.Update(ctx, store.Evento{Objeto: x.Folio}, func(tx store.Tx) error { return tx.PutSolicitud(ctx, x) })
	}
	if err := put(solicitud("a", "u")); err != nil {
		t.Fatal(err)
	}
	if err := put(solicitud("b", "u")); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("second active request: %v", err)
	}
	x := solicitud("a", "u")
	x.Activa, x.Estado = false, "rechazada"
	if err := put(x); err != nil {
		t.Fatal(err)
	}
	if err := put(solicitud("b", "u")); err != nil {
		t.Fatalf("after the first stopped being active: %v", err)
	}
}

func TestAuditoria_SoloAgregar(t *testing.T) {
	s, path := abrir(t)
	ctx := context.Background()
	if err := s.Update(ctx, store.Evento{Quien: "t", Que: "x", Objeto: "o"}, func(store.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE auditoria SET quien = 'otro'", "DELETE FROM auditoria"} {
		if _, err := s.w.Exec(q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
	s.Close()
	// Reopening runs no migration twice and keeps the record.
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if ev, err := s2.Auditoria(ctx, "o"); err != nil || len(ev) != 1 || ev[0].Quien != "t" {
		t.Fatalf("%v %+v", err, ev)
	}
}

// TestMigracion2_NombreDeClerk: a database made before clerks had a full
// name gets one (the user name) and keeps its accounts.
func TestMigracion2_NombreDeClerk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "refca.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, aplicada INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, migrations[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (1, 0); INSERT INTO clerk (usuario, hash, creado) VALUES ('ana', x'01', 1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Clerk(ctx, "ana")
	if err != nil || c.Nombre != "ana" || string(c.Hash) != "\x01" {
		t.Fatalf("clerk tras migrar: %v %+v", err, c)
	}
	err = s.Update(ctx, store.Evento{Quien: "t", Que: "clerk.agregar", Objeto: "clerk:ana"}, func(tx store.Tx) error {
		return tx.PutClerk(ctx, &store.Clerk{Usuario: "ana", Nombre: "Ana María López", Hash: []byte{2}, Creado: time.Now()})
	})
	if c, _ = s.Clerk(ctx, "ana"); err != nil || c.Nombre != "Ana María López" {
		t.Fatalf("nombre nuevo: %v %+v", err, c)
	}
}
