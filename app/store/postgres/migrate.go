package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migraciones holds the schema, one file per version (NNNN_name.sql),
// applied in order and recorded in schema_version, all in one transaction
// under an advisory lock (PostgreSQL's DDL is transactional: a failed run
// leaves the schema as it was). A released file is never edited: a change
// to the schema is a new file.
//
//go:embed migraciones/*.sql
var migraciones embed.FS

// bloqueoMigracion is the advisory lock key that keeps two instances
// starting together from migrating at once.
const bloqueoMigracion = 0x72656663 // "refc"

func archivos() ([]string, error) {
	names, err := fs.Glob(migraciones, "migraciones/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// version is the schema version, 0 for a database without refca's.
func version(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	var existe bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('schema_version') IS NOT NULL`).Scan(&existe); err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	if !existe {
		return 0, nil
	}
	var v int
	if err := pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	return v, nil
}

// migrate brings the schema to the newest version.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	names, err := archivos()
	if err != nil {
		return fmt.Errorf("postgres: migrations: %w", err)
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, bloqueoMigracion); err != nil {
			return fmt.Errorf("postgres: migration lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
			version INTEGER PRIMARY KEY, aplicada TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("postgres: schema_version: %w", err)
		}
		var v int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
			return fmt.Errorf("postgres: schema version: %w", err)
		}
		if v > len(names) {
			return fmt.Errorf("postgres: database schema version %d is newer than this program (%d)", v, len(names))
		}
		for i := v; i < len(names); i++ {
			b, err := migraciones.ReadFile(names[i])
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, string(b)); err != nil {
				return fmt.Errorf("postgres: migration %d: %w", i+1, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, i+1); err != nil {
				return fmt.Errorf("postgres: migration %d: %w", i+1, err)
			}
		}
		return nil
	})
}
