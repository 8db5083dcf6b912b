package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

// TestAbrir_ArchivosEnUso_Windows: a second Open of a database whose -wal
// and -shm are open (the embedded CA and `refca clerk` beside a running
// serve) makes them owner-only without failing. On Windows os.Chmod of a
// file in use fails with a sharing violation; the DACL change does not.
// make test-windows runs it under Wine. It cleans up by itself: t.TempDir
// cannot remove files under Wine.
func TestAbrir_ArchivosEnUso_Windows(t *testing.T) {
	dir, err := os.MkdirTemp("", "refca-en-uso")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "refca.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	if err := a.Update(ctx, store.Evento{Quien: "t", Que: "x", Objeto: "o"}, func(store.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-shm"); err != nil {
		t.Fatalf("the first handle keeps no -shm open: %v", err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatalf("second Open while the files are in use: %v", err)
	}
	defer b.Close()
	now := time.Now()
	if err := b.Cambiar(ctx, "k", now, func([]byte) ([]byte, time.Time, error) { return []byte{1}, now.Add(time.Hour), nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Leer(ctx, "k", now); err != nil {
		t.Fatalf("the first handle does not see the second's change: %v", err)
	}
}
