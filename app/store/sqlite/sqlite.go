// Package sqlite is the default store of the reference CA: one SQLite file
// (modernc.org/sqlite, pure Go) in WAL mode with foreign keys on, a
// versioned schema, and an append-only audit table guarded by triggers.
//
// Durability and throughput: every state change runs on a single writer
// goroutine, which takes all the changes waiting for it, runs each inside
// its own SAVEPOINT (so one refused change does not undo the others) in a
// single transaction, commits with synchronous=FULL, and only then
// acknowledges each change. Under load many changes share one fsync (group
// commit); an acknowledged change is on disk. Reads use a separate pool of
// connections and see committed data only.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/seguritools/seguritools/app/store"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// maxBatch bounds one group commit so that a burst cannot make one
// transaction, and thus the latency of its first change, unbounded.
const maxBatch = 256

// Store is a store.Store on one SQLite file.
type Store struct {
	w, r *sql.DB
	ops  chan *op

	// stmts caches statements prepared on the writer's one connection:
	// parsing SQL for every change would cost more than running it.
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt
	nuevas map[string]bool

	mu     sync.RWMutex
	closed bool
	done   chan struct{}

	stopCkpt, ckptDone chan struct{}
}

var _ store.Store = (*Store)(nil)

type op struct {
	ev   store.Evento
	fn   func(store.Tx) error
	done chan error
	// sinAuditoria: a change of the shared state (Cambiar), which leaves
	// no audit record.
	sinAuditoria bool
}

// ErrSinBase is returned by OpenExisting when the database file is
// missing, empty or holds no refca schema.
var ErrSinBase = errors.New("sqlite: database missing or empty")

// ErrIntegridad is returned when PRAGMA quick_check finds damage.
var ErrIntegridad = errors.New("sqlite: integrity check failed")

// OpenExisting opens the database at path like Open, but refuses
// (ErrSinBase) a file that is missing, empty or without the schema: a CA
// whose records vanished must not start again with a blank history.
func OpenExisting(path string) (*Store, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Size() == 0) {
		return nil, fmt.Errorf("%w: %s", ErrSinBase, path)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	// Read-only: looking must not create anything.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := revisar(context.Background(), db); err != nil {
		db.Close()
		return nil, err
	}
	var v int
	err = db.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	db.Close()
	if err != nil || v == 0 {
		return nil, fmt.Errorf("%w: %s: %v", ErrSinBase, path, err)
	}
	return Open(path)
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date. The database and its -wal and -shm files are made
// readable by the owner only, and PRAGMA quick_check must pass.
func Open(path string) (*Store, error) {
	// SQLite gives the -wal and -shm files the mode of the database file.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	f.Close()
	if err := soloDueno(path); err != nil {
		return nil, err
	}
	dsn := func(extra string) string {
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Add("_pragma", "journal_mode(WAL)")
		// Checkpoints run in the background (checkpointer), not inside a
		// commit, so they never add to a change's latency.
		q.Add("_pragma", "wal_autocheckpoint(0)")
		if extra != "" {
			q.Add("_txlock", extra)
		}
		return "file:" + path + "?" + q.Encode()
	}
	w, err := sql.Open("sqlite", dsn("immediate"))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := revisar(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	if err := soloDueno(path); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(""))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	s := &Store{w: w, r: r, ops: make(chan *op, 4*maxBatch), done: make(chan struct{}),
		stmts: map[string]*sql.Stmt{}, nuevas: map[string]bool{}, stopCkpt: make(chan struct{}), ckptDone: make(chan struct{})}
	go s.writer()
	go s.checkpointer()
	return s, nil
}

// soloDueno makes the database files readable and writable by the owner
// only, whatever mode (or, on Windows, DACL) they were left with.
func soloDueno(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := fsutil.Privatizar(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("sqlite: %w", err)
		}
	}
	return nil
}

// revisar runs PRAGMA quick_check: a damaged file is refused before
// anything is served from it.
func revisar(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrIntegridad, err)
	}
	defer rows.Close()
	var problemas []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return fmt.Errorf("%w: %v", ErrIntegridad, err)
		}
		if r != "ok" {
			problemas = append(problemas, r)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %v", ErrIntegridad, err)
	}
	if len(problemas) > 0 {
		return fmt.Errorf("%w: %s", ErrIntegridad, strings.Join(problemas, "; "))
	}
	return nil
}

// Close stops the writer after the changes already accepted and closes
// the database.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.ops)
	s.mu.Unlock()
	<-s.done
	close(s.stopCkpt)
	<-s.ckptDone
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmtMu.Unlock()
	// A final full checkpoint leaves a compact file; failure loses nothing.
	s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return errors.Join(s.r.Close(), s.w.Close())
}

// Update queues fn for the writer and waits until its batch commits.
func (s *Store) Update(ctx context.Context, ev store.Evento, fn func(store.Tx) error) error {
	return s.encolar(ctx, &op{ev: ev, fn: fn, done: make(chan error, 1)})
}

// encolar hands o to the writer and waits for its outcome.
func (s *Store) encolar(ctx context.Context, o *op) error {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return store.ErrClosed
	}
	select {
	case s.ops <- o:
	case <-ctx.Done():
		s.mu.RUnlock()
		return ctx.Err()
	}
	s.mu.RUnlock()
	// Once queued the change may commit; the caller gets the true outcome
	// rather than a cancellation that would hide a committed change.
	return <-o.done
}

// NumeroCRL raises the stored CRL number to at least minimo and by at
// least one, in one statement on the writer's connection (autocommit with
// synchronous=FULL: durable when it returns).
func (s *Store) NumeroCRL(ctx context.Context, minimo int64) (int64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, store.ErrClosed
	}
	var n int64
	err := s.w.QueryRowContext(ctx, `UPDATE crl_numero SET n = MAX(n + 1, ?) WHERE id = 1 RETURNING n`, minimo).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: CRL number: %w", err)
	}
	return n, nil
}

func (s *Store) writer() {
	defer close(s.done)
	batch := make([]*op, 0, maxBatch)
	for first := range s.ops {
		batch = append(batch[:0], first)
	drain:
		for len(batch) < maxBatch {
			select {
			case o, ok := <-s.ops:
				if !ok {
					break drain
				}
				batch = append(batch, o)
			default:
				break drain
			}
		}
		s.commit(batch)
		if len(s.nuevas) > 0 {
			s.prepararNuevas()
		}
	}
}

// commit runs a batch in one transaction, each change in a savepoint.
func (s *Store) commit(batch []*op) {
	ctx := context.Background()
	errs := make([]error, len(batch))
	fail := func(err error) {
		for _, o := range batch {
			o.done <- err
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		fail(fmt.Errorf("sqlite: begin: %w", err))
		return
	}
	t := &txn{q: &stmtTx{s: s, tx: tx}}
	for i, o := range batch {
		if _, err := t.q.ExecContext(ctx, "SAVEPOINT cambio"); err != nil {
			tx.Rollback()
			fail(fmt.Errorf("sqlite: savepoint: %w", err))
			return
		}
		err := runOp(t, o)
		if err != nil {
			if _, rerr := t.q.ExecContext(ctx, "ROLLBACK TO cambio"); rerr != nil {
				tx.Rollback()
				fail(fmt.Errorf("sqlite: rollback to savepoint: %w", rerr))
				return
			}
		}
		if _, rerr := t.q.ExecContext(ctx, "RELEASE cambio"); rerr != nil {
			tx.Rollback()
			fail(fmt.Errorf("sqlite: release savepoint: %w", rerr))
			return
		}
		errs[i] = err
	}
	if err := tx.Commit(); err != nil {
		fail(fmt.Errorf("sqlite: commit: %w", err))
		return
	}
	for i, o := range batch {
		o.done <- errs[i]
	}
}

// runOp runs one change and its audit record; a panic in fn is the
// change's error, not the writer's death.
func runOp(t *txn, o *op) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("sqlite: change panicked: %v", r)
		}
	}()
	ctx := context.Background()
	if err := o.fn(t); err != nil {
		return err
	}
	if o.sinAuditoria {
		return nil
	}
	ev := o.ev
	if ev.Cuando.IsZero() {
		ev.Cuando = time.Now()
	}
	return t.Auditar(ctx, ev)
}

// stmtTx runs statements in the writer's transaction through the cache
// of prepared statements.
type stmtTx struct {
	s  *Store
	tx *sql.Tx
}

// stmt returns query prepared for the transaction. The writer's only
// connection is busy with the transaction, so a statement seen for the
// first time is prepared for this transaction alone and remembered, and
// the writer prepares it for good between batches (prepararNuevas).
func (q *stmtTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	q.s.stmtMu.Lock()
	st, ok := q.s.stmts[query]
	if !ok {
		q.s.nuevas[query] = true
	}
	q.s.stmtMu.Unlock()
	if ok {
		return q.tx.StmtContext(ctx, st), nil
	}
	return q.tx.PrepareContext(ctx, query)
}

// prepararNuevas prepares on the writer's connection the statements the
// last batch met for the first time; it runs with no transaction open.
func (s *Store) prepararNuevas() {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	for q := range s.nuevas {
		if st, err := s.w.Prepare(q); err == nil {
			s.stmts[q] = st
		}
		delete(s.nuevas, q)
	}
}

func (q *stmtTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := q.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (q *stmtTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := q.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (q *stmtTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := q.stmt(ctx, query)
	if err != nil {
		return q.tx.QueryRowContext(ctx, query, args...) // reports the same error
	}
	return st.QueryRowContext(ctx, args...)
}

// checkpointer copies the WAL into the database file in the background,
// every second and whenever the WAL passes about 4 MiB of frames, with a
// PASSIVE checkpoint that never blocks the writer or readers.
func (s *Store) checkpointer() {
	defer close(s.ckptDone)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-s.stopCkpt:
			return
		case <-t.C:
			s.r.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// mapErr turns constraint violations into store.ErrDuplicate.
func mapErr(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %v", store.ErrDuplicate, err)
		}
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

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// VerificarAuditoria walks the audit chain from the first record and
// returns how many records it holds and the last one's hash, or a
// *store.EslabonRoto naming the first record that breaks it. Records
// removed from the end leave no broken link: compare the count and the
// last hash with a copy kept elsewhere.
func (s *Store) VerificarAuditoria(ctx context.Context) (int64, []byte, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, cuando, quien, que, objeto, desde, detalle, hash_anterior, hash
		FROM auditoria ORDER BY id`)
	if err != nil {
		return 0, nil, fmt.Errorf("sqlite: read audit: %w", err)
	}
	defer rows.Close()
	var cadena store.Cadena
	for rows.Next() {
		var id, c int64
		var e store.Evento
		var ha, h []byte
		if err := rows.Scan(&id, &c, &e.Quien, &e.Que, &e.Objeto, &e.Desde, &e.Detalle, &ha, &h); err != nil {
			n, _ := cadena.Fin()
			return n, nil, fmt.Errorf("sqlite: read audit: %w", err)
		}
		e.Cuando = tm(c)
		if err := cadena.Siguiente(id, e, ha, h); err != nil {
			n, _ := cadena.Fin()
			return n, nil, err
		}
	}
	n, anterior := cadena.Fin()
	if err := rows.Err(); err != nil {
		return n, nil, fmt.Errorf("sqlite: read audit: %w", err)
	}
	return n, anterior, nil
}
