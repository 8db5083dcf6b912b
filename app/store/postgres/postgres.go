// Package postgres is the store of the reference CA on PostgreSQL
// (github.com/jackc/pgx/v5, pure Go), for a CA whose records must live
// in an existing, replicated database. It keeps the semantics of the
// SQLite store: every state change is one transaction together with its
// audit record (the same hash chain, store.HashEvento), acknowledged only
// after COMMIT; serials and folios are unique by constraint; CRL numbers
// grow by a row updated in the database, not by process memory.
//
// Every change first locks the one row of auditoria_cabeza, so changes
// run one after another across every process that shares the database,
// as they do on SQLite's single writer: a change that reads a state and
// then writes it cannot interleave with another one. Reads outside a
// change see committed data only.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seguritools/seguritools/app/store"
)

// Store is a store.Store on a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool

	// escritor lets one change of this process at a time take a
	// connection: changes run one after another anyway (the lock on
	// auditoria_cabeza), and changes waiting for that lock must not hold
	// every connection of the pool while the one holding it reads.
	escritor chan struct{}

	// mu guards closed; Update and NumeroCRL hold it for reading, so
	// Close waits for the changes in flight before it closes the pool.
	mu     sync.RWMutex
	closed bool
}

var _ store.Store = (*Store)(nil)

// ErrSinBase is returned by OpenExisting when the database holds no refca
// schema.
var ErrSinBase = errors.New("postgres: database holds no refca schema")

// ErrOcupada is returned by OpenNueva when the database already holds a
// CA's records: two CAs must not share them.
var ErrOcupada = errors.New("postgres: database already holds a refca schema")

// ErrURL is returned when the connection URL cannot be parsed. Its text
// never repeats the URL, which may hold a password.
var ErrURL = errors.New("postgres: invalid connection URL")

// Open connects to the database at url (a postgres:// URL or a libpq
// key=value string) and brings its schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	s, err := conectar(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, s.pool); err != nil {
		s.pool.Close()
		return nil, err
	}
	return s, nil
}

// OpenExisting is Open for a database that `refca init` prepared: one
// without the schema is refused (ErrSinBase) instead of starting the CA
// again with no records.
func OpenExisting(ctx context.Context, url string) (*Store, error) {
	s, err := conectar(ctx, url)
	if err != nil {
		return nil, err
	}
	v, err := version(ctx, s.pool)
	if err == nil && v == 0 {
		err = ErrSinBase
	}
	if err == nil {
		err = migrate(ctx, s.pool)
	}
	if err != nil {
		s.pool.Close()
		return nil, err
	}
	return s, nil
}

// OpenNueva is Open for `refca init`: a database that already holds
// records (an audit trail: another CA's) is refused with ErrOcupada. One
// with the schema and no record yet, left by an init that failed after
// it, is accepted.
func OpenNueva(ctx context.Context, url string) (*Store, error) {
	s, err := Open(ctx, url)
	if err != nil {
		return nil, err
	}
	var ocupada bool
	err = s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM auditoria)`).Scan(&ocupada)
	if err == nil && ocupada {
		err = ErrOcupada
	}
	if err != nil {
		s.pool.Close()
		return nil, err
	}
	return s, nil
}

// Nombre is the database's URL without its password, to name it in
// messages and logs.
func Nombre(url string) string {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return "postgres"
	}
	c := cfg.ConnConfig
	return fmt.Sprintf("postgres://%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

func conectar(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL and its password.
		return nil, ErrURL
	}
	// The pool outlives ctx, which bounds only the first connection.
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	return &Store{pool: pool, escritor: make(chan struct{}, 1)}, nil
}

// Close waits for the changes in flight and closes the connections.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		s.pool.Close()
	}
	return nil
}

// abierto holds the read lock while the store is open; the caller
// releases it.
func (s *Store) abierto() error {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return store.ErrClosed
	}
	return nil
}

// Update runs fn and the audit record ev in one transaction, serialized
// with every other change by the lock on auditoria_cabeza, and returns
// only after COMMIT.
func (s *Store) Update(ctx context.Context, ev store.Evento, fn func(store.Tx) error) error {
	if err := s.abierto(); err != nil {
		return err
	}
	defer s.mu.RUnlock()
	select {
	case s.escritor <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.escritor }()
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	// Rollback after Commit does nothing; on every other path it ends the
	// transaction and gives the connection back to the pool.
	defer tx.Rollback(context.Background())
	t := &txn{reader: reader{q: tx}, tx: tx}
	if err := tx.QueryRow(ctx, `SELECT id, hash FROM auditoria_cabeza WHERE k = 1 FOR UPDATE`).Scan(&t.ultimo, &t.hash); err != nil {
		return fmt.Errorf("postgres: audit head: %w", err)
	}
	if err := runOp(t, ev, fn); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE auditoria_cabeza SET id = $1, hash = $2 WHERE k = 1`, t.ultimo, t.hash); err != nil {
		return fmt.Errorf("postgres: audit head: %w", err)
	}
	// Once COMMIT is sent the caller gets its true outcome, not a
	// cancellation that would hide a committed change.
	if err := tx.Commit(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}

// runOp runs one change and its audit record; a panic in fn is the
// change's error.
func runOp(t *txn, ev store.Evento, fn func(store.Tx) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("postgres: change panicked: %v", r)
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	if ev.Cuando.IsZero() {
		ev.Cuando = time.Now()
	}
	return t.Auditar(context.Background(), ev)
}

// NumeroCRL raises the stored CRL number to at least minimo and by at
// least one in one autocommitted statement; the row lock orders
// concurrent callers on every instance.
func (s *Store) NumeroCRL(ctx context.Context, minimo int64) (int64, error) {
	if err := s.abierto(); err != nil {
		return 0, err
	}
	defer s.mu.RUnlock()
	var n int64
	err := s.pool.QueryRow(ctx, `UPDATE crl_numero SET n = GREATEST(n + 1, $1) WHERE k = 1 RETURNING n`, minimo).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("postgres: CRL number: %w", err)
	}
	return n, nil
}

// mapErr turns unique violations into store.ErrDuplicate.
func mapErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return fmt.Errorf("%w: %v", store.ErrDuplicate, err)
	}
	return err
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func tm(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// noNulo makes a nil slice an empty one, for NOT NULL columns.
func noNulo(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// VerificarAuditoria walks the audit chain from the first record and
// returns how many records it holds and the last one's hash, or a
// *store.EslabonRoto naming the first record that breaks it, like the
// SQLite store's; records removed from the end are noticed as well, while
// the chain's head row (auditoria_cabeza) still counts them.
func (s *Store) VerificarAuditoria(ctx context.Context) (int64, []byte, error) {
	if err := s.abierto(); err != nil {
		return 0, nil, err
	}
	defer s.mu.RUnlock()
	rows, err := s.pool.Query(ctx, `SELECT id, cuando, quien, que, objeto, desde, detalle, hash_anterior, hash
		FROM auditoria ORDER BY id`)
	if err != nil {
		return 0, nil, fmt.Errorf("postgres: read audit: %w", err)
	}
	defer rows.Close()
	var cadena store.Cadena
	for rows.Next() {
		var id, c int64
		var e store.Evento
		var ha, h []byte
		if err := rows.Scan(&id, &c, &e.Quien, &e.Que, &e.Objeto, &e.Desde, &e.Detalle, &ha, &h); err != nil {
			n, _ := cadena.Fin()
			return n, nil, fmt.Errorf("postgres: read audit: %w", err)
		}
		e.Cuando = tm(c)
		if err := cadena.Siguiente(id, e, ha, h); err != nil {
			n, _ := cadena.Fin()
			return n, nil, err
		}
	}
	n, anterior := cadena.Fin()
	if err := rows.Err(); err != nil {
		return n, nil, fmt.Errorf("postgres: read audit: %w", err)
	}
	rows.Close()
	// The head remembers the last record written: records cut from the
	// end show here too.
	var cabeza int64
	if err := s.pool.QueryRow(ctx, `SELECT id FROM auditoria_cabeza WHERE k = 1`).Scan(&cabeza); err != nil {
		return n, nil, fmt.Errorf("postgres: read audit head: %w", err)
	}
	if cabeza != n {
		return n, nil, &store.EslabonRoto{ID: n + 1, Motivo: "falta"}
	}
	return n, anterior, nil
}

// errNoRows maps pgx's no-rows error to store.ErrNotFound.
func errNoRows(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}
