// Package pgtest gives tests a fresh, empty PostgreSQL schema of the
// server named by REFCA_TEST_POSTGRES, dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/seguritools/seguritools/internal/testtool"
)

// EnvURL names the variable that holds the test server's connection URL.
const EnvURL = "REFCA_TEST_POSTGRES"

const pista = "a postgres:// URL; scripts/postgres-test.sh starts a throw-away server and sets it"

// Requerir skips t, with a message naming EnvURL, when no server is given
// (or fails it under NPIE_REQUIRE_TOOLS=1): call it before subtests so
// the message is shown once.
func Requerir(t testing.TB) {
	t.Helper()
	testtool.Env(t, EnvURL, pista)
}

// URL creates a schema of its own for t on the server of EnvURL and
// returns a connection URL whose search_path is that schema alone. Without
// EnvURL the test is skipped (failed under NPIE_REQUIRE_TOOLS=1).
func URL(t testing.TB) string {
	t.Helper()
	base := testtool.Env(t, EnvURL, pista)
	var b [6]byte
	rand.Read(b[:])
	schema := "prueba_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v", EnvURL, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("pgtest: create schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
	})
	return conSchema(t, base, schema)
}

// conSchema adds search_path=schema to a URL or a key=value string.
func conSchema(t testing.TB, base, schema string) string {
	if !strings.Contains(base, "://") {
		return base + " search_path=" + schema
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("pgtest: %s: invalid URL", EnvURL)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
