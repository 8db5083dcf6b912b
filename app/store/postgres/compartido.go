package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seguritools/seguritools/app/store"
)

// The shared state lives in the unlogged table compartido. A change locks
// its row (creating it first when missing, so that two instances creating
// the same key also wait for each other) and commits without waiting for
// the disk: it is not one of the CA's records.

func (s *Store) Leer(ctx context.Context, clave string, now time.Time) ([]byte, error) {
	if err := s.abierto(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	var v []byte
	err := s.pool.QueryRow(ctx, `SELECT valor FROM compartido WHERE clave = $1 AND expira > $2`, clave, now.UnixMilli()).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: read shared %q: %w", clave, err)
	}
	return v, nil
}

func (s *Store) Cambiar(ctx context.Context, clave string, now time.Time, fn func([]byte) ([]byte, time.Time, error)) error {
	if err := s.abierto(); err != nil {
		return err
	}
	defer s.mu.RUnlock()
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return fmt.Errorf("postgres: shared: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO compartido (clave, valor, expira) VALUES ($1, '', 0) ON CONFLICT (clave) DO NOTHING`, clave); err != nil {
			return fmt.Errorf("postgres: shared %q: %w", clave, err)
		}
		var v []byte
		var expira int64
		if err := tx.QueryRow(ctx, `SELECT valor, expira FROM compartido WHERE clave = $1 FOR UPDATE`, clave).Scan(&v, &expira); err != nil {
			return fmt.Errorf("postgres: read shared %q: %w", clave, err)
		}
		if expira <= now.UnixMilli() {
			v = nil
		}
		nuevo, hasta, err := fn(v)
		if err != nil {
			return err
		}
		if nuevo == nil {
			_, err = tx.Exec(ctx, `DELETE FROM compartido WHERE clave = $1`, clave)
		} else {
			_, err = tx.Exec(ctx, `UPDATE compartido SET valor = $2, expira = $3 WHERE clave = $1`, clave, nuevo, hasta.UnixMilli())
		}
		if err != nil {
			return fmt.Errorf("postgres: write shared %q: %w", clave, err)
		}
		return nil
	})
}

func (s *Store) Purgar(ctx context.Context, now time.Time) (int64, error) {
	if err := s.abierto(); err != nil {
		return 0, err
	}
	defer s.mu.RUnlock()
	t, err := s.pool.Exec(ctx, `DELETE FROM compartido WHERE expira <= $1`, now.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("postgres: purge shared: %w", err)
	}
	return t.RowsAffected(), nil
}
