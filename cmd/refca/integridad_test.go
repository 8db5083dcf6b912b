package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// dirInicializado is a data directory as `refca init` leaves it, with a
// 2048-bit root to keep the test fast.
func dirInicializado(t *testing.T) string {
	t.Helper()
	k, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	ek, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ca")
	if err := inicializar(dir, "", ca.OpcionesInit{LlaveRaiz: k, LlaveEmisor: ek}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestServe_SinBase_Rechaza: after init, a missing, empty or blank
// database makes serve refuse with BASE_FALTANTE, and a file that is not
// a database with BASE_DANADA, before anything listens.
func TestServe_SinBase_Rechaza(t *testing.T) {
	dir := dirInicializado(t)
	base := filepath.Join(dir, ca.ArchivoBase)
	db, err := abrirBase(dir, "")
	if err != nil {
		t.Fatalf("the database made by init must open: %v", err)
	}
	db.Close()
	for _, c := range []struct {
		name   string
		romper func()
		code   string
	}{
		{"borrada", func() { os.Remove(base); os.Remove(base + "-wal"); os.Remove(base + "-shm") }, msg.CodeBaseFaltante},
		{"vacia", func() { os.WriteFile(base, nil, 0o600) }, msg.CodeBaseFaltante},
		{"sin esquema", func() {
			os.Remove(base)
			d, _ := sql.Open("sqlite", base)
			d.Exec("CREATE TABLE otra (x)")
			d.Close()
		}, msg.CodeBaseFaltante},
		{"basura", func() { os.WriteFile(base, bytes.Repeat([]byte("basura "), 1000), 0o600) }, msg.CodeBaseDanada},
	} {
		c.romper()
		var out, errb bytes.Buffer
		err := run([]string{"serve", "--data", dir, "--addr", "127.0.0.1:0"}, nil, &out, &errb)
		if msg.CodeOf(err) != c.code {
			t.Errorf("%s: serve = %v, want %s", c.name, err, c.code)
		}
		if out.Len() != 0 {
			t.Errorf("%s: serve announced itself: %q", c.name, out.String())
		}
	}
}

// TestServe_Permisos: every start makes the data directory 0700 and the
// database files 0600, whatever they were left with.
func TestServe_Permisos(t *testing.T) {
	dir := dirInicializado(t)
	base := filepath.Join(dir, ca.ArchivoBase)
	os.Chmod(dir, 0o755)
	os.Chmod(base, 0o644)
	db, err := abrirBase(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("data dir %v", fi.Mode().Perm())
	}
	for _, p := range []string{base, base + "-wal", base + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

// TestAuditVerify_FilaEditadaSinTriggers: `refca audit verify` accepts
// the log as init and the clerk commands leave it, and after the triggers
// are dropped, one record rewritten and another deleted, it fails naming
// the first broken record.
func TestAuditVerify_FilaEditadaSinTriggers(t *testing.T) {
	dir := dirInicializado(t)
	for _, u := range []string{"ana", "beto", "carla", "dario"} {
		var out, errb bytes.Buffer
		if err := run([]string{"clerk", "add", "--data", dir, "--user", u, "--nombre", "Nombre " + u, "--password-file", "-"},
			strings.NewReader("ventanilla-secreta-1\n"), &out, &errb); err != nil {
			t.Fatalf("clerk add: %v", err)
		}
	}
	var out, errb bytes.Buffer
	if err := run([]string{"audit", "verify", "--data", dir}, nil, &out, &errb); err != nil || !strings.Contains(out.String(), "4 registros") {
		t.Fatalf("verify intact: %v %q", err, out.String())
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, ca.ArchivoBase))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER auditoria_sin_cambios", "DROP TRIGGER auditoria_sin_borrar",
		"UPDATE auditoria SET quien = 'admin:otro' WHERE id = 2", "DELETE FROM auditoria WHERE id = 3"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	err = run([]string{"audit", "verify", "--data", dir}, nil, &out, &errb)
	if msg.CodeOf(err) != msg.CodeAuditoriaAlterada || !strings.Contains(err.Error(), "registro 2") {
		t.Fatalf("verify tampered: %v", err)
	}
}
