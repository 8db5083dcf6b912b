package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

// The shared state lives in the table compartido of the same file. A
// change of it goes through the writer like any other, so it joins the
// next group commit instead of paying a commit of its own.

func (s *Store) Leer(ctx context.Context, clave string, now time.Time) ([]byte, error) {
	var v []byte
	err := s.r.QueryRowContext(ctx, `SELECT valor FROM compartido WHERE clave = ? AND expira > ?`, clave, now.UnixMilli()).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: read shared %q: %w", clave, err)
	}
	return v, nil
}

func (s *Store) Cambiar(ctx context.Context, clave string, now time.Time, fn func([]byte) ([]byte, time.Time, error)) error {
	cambio := func(tx store.Tx) error {
		q := tx.(*txn).q
		var v []byte
		err := q.QueryRowContext(ctx, `SELECT valor FROM compartido WHERE clave = ? AND expira > ?`, clave, now.UnixMilli()).Scan(&v)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sqlite: read shared %q: %w", clave, err)
		}
		nuevo, expira, err := fn(v)
		if err != nil {
			return err
		}
		if nuevo == nil {
			_, err = q.ExecContext(ctx, `DELETE FROM compartido WHERE clave = ?`, clave)
		} else {
			_, err = q.ExecContext(ctx, `INSERT INTO compartido (clave, valor, expira) VALUES (?, ?, ?)
				ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor, expira = excluded.expira`, clave, nuevo, expira.UnixMilli())
		}
		if err != nil {
			return fmt.Errorf("sqlite: write shared %q: %w", clave, err)
		}
		return nil
	}
	return s.encolar(ctx, &op{fn: cambio, done: make(chan error, 1), sinAuditoria: true})
}

func (s *Store) Purgar(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := s.encolar(ctx, &op{done: make(chan error, 1), sinAuditoria: true, fn: func(tx store.Tx) error {
		r, err := tx.(*txn).q.ExecContext(ctx, `DELETE FROM compartido WHERE expira <= ?`, now.UnixMilli())
		if err != nil {
			return fmt.Errorf("sqlite: purge shared: %w", err)
		}
		n, err = r.RowsAffected()
		return err
	}})
	return n, err
}
