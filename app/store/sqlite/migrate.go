package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

// migrations are applied in order, each in its own transaction, and
// recorded in schema_migrations. A released migration is never edited: a
// change to the schema is a new entry at the end.
var migrations = []string{
	// 1: the initial schema.
	`
CREATE TABLE certificado (
	serial            TEXT PRIMARY KEY,
	npie              TEXT NOT NULL,
	tipo              TEXT NOT NULL CHECK (tipo IN ('principal', 'adicional')),
	principal         TEXT REFERENCES certificado(serial),
	der               BLOB NOT NULL,
	no_antes          INTEGER NOT NULL,
	no_despues        INTEGER NOT NULL,
	revocado          INTEGER NOT NULL DEFAULT 0,
	motivo_revocacion INTEGER NOT NULL DEFAULT 0,
	carta_pendiente   INTEGER NOT NULL DEFAULT 0,
	emitido           INTEGER NOT NULL,
	CHECK ((tipo = 'principal') = (principal IS NULL))
);
CREATE INDEX certificado_principal ON certificado(principal) WHERE principal IS NOT NULL;
CREATE INDEX certificado_revocado ON certificado(revocado) WHERE revocado <> 0;

CREATE TABLE solicitud (
	folio             TEXT PRIMARY KEY,
	npie              TEXT NOT NULL UNIQUE,
	usuario           TEXT NOT NULL,
	registro_patronal TEXT NOT NULL,
	rfc               TEXT NOT NULL,
	estado            TEXT NOT NULL CHECK (estado IN ('pendiente', 'aprobada', 'rechazada', 'cancelada')),
	activa            INTEGER NOT NULL,
	datos             BLOB NOT NULL,
	csr               BLOB NOT NULL,
	carta             BLOB NOT NULL,
	creada            INTEGER NOT NULL,
	fecha_limite      INTEGER NOT NULL,
	resuelta          INTEGER NOT NULL DEFAULT 0,
	clerk             TEXT NOT NULL DEFAULT '',
	motivo            TEXT NOT NULL DEFAULT '',
	documentos        BLOB,
	serial            TEXT REFERENCES certificado(serial)
);
CREATE UNIQUE INDEX solicitud_activa ON solicitud(registro_patronal, usuario) WHERE activa = 1;
CREATE INDEX solicitud_estado ON solicitud(estado, creada);
CREATE INDEX solicitud_rp ON solicitud(registro_patronal);
CREATE INDEX solicitud_rfc ON solicitud(rfc);

CREATE TABLE renovacion (
	id                       TEXT PRIMARY KEY,
	npie                     TEXT NOT NULL,
	serial_anterior          TEXT NOT NULL REFERENCES certificado(serial),
	estado                   TEXT NOT NULL CHECK (estado IN ('iniciada', 'carta_firmada', 'certificado_emitido', 'completada', 'cancelada')),
	csr                      BLOB NOT NULL,
	cambios                  BLOB NOT NULL,
	carta_aceptacion         BLOB NOT NULL,
	carta_aceptacion_firmada BLOB,
	hash_carta               BLOB,
	serial_nuevo             TEXT REFERENCES certificado(serial),
	carta_terminos           BLOB,
	carta_terminos_firmada   BLOB,
	creada                   INTEGER NOT NULL,
	actualizada              INTEGER NOT NULL
);
CREATE INDEX renovacion_anterior ON renovacion(serial_anterior, estado);

CREATE TABLE clerk (
	usuario TEXT PRIMARY KEY,
	hash    BLOB NOT NULL,
	creado  INTEGER NOT NULL
);

CREATE TABLE idempotencia (
	clave     TEXT PRIMARY KEY,
	operacion TEXT NOT NULL,
	huella    BLOB NOT NULL,
	ref       TEXT NOT NULL,
	creada    INTEGER NOT NULL
);

CREATE TABLE auditoria (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	cuando  INTEGER NOT NULL,
	quien   TEXT NOT NULL,
	que     TEXT NOT NULL,
	objeto  TEXT NOT NULL,
	desde   TEXT NOT NULL,
	detalle TEXT NOT NULL
);
CREATE INDEX auditoria_objeto ON auditoria(objeto, id);
CREATE TRIGGER auditoria_sin_cambios BEFORE UPDATE ON auditoria
BEGIN SELECT RAISE(ABORT, 'auditoria: append-only'); END;
CREATE TRIGGER auditoria_sin_borrar BEFORE DELETE ON auditoria
BEGIN SELECT RAISE(ABORT, 'auditoria: append-only'); END;
`,
	// 2: a clerk's full name for the Constancia de recepción. Accounts made
	// before it show their user name until `refca clerk add` sets the name.
	`
ALTER TABLE clerk ADD COLUMN nombre TEXT NOT NULL DEFAULT '';
UPDATE clerk SET nombre = usuario WHERE nombre = '';
`,
	// 3: the audit log becomes a hash chain (store.HashEvento); the
	// records already there are chained by encadenarAuditoria, with the
	// update trigger lifted for that alone.
	`
ALTER TABLE auditoria ADD COLUMN hash_anterior BLOB;
ALTER TABLE auditoria ADD COLUMN hash BLOB;
DROP TRIGGER auditoria_sin_cambios;
`,
	// 4: a request keeps the hash of its Carta de Términos and the place
	// printed on it instead of the letter (about 100 KB): the letter is
	// rendered again when asked for. Requests made before keep their bytes.
	`
ALTER TABLE solicitud ADD COLUMN hash_carta BLOB;
ALTER TABLE solicitud ADD COLUMN lugar_carta TEXT NOT NULL DEFAULT '';
`,
	// 5: a clerk account can be disabled (`refca clerk disable`).
	`
ALTER TABLE clerk ADD COLUMN deshabilitado INTEGER NOT NULL DEFAULT 0;
`,
	// 6: the last CRL number handed out (Store.NumeroCRL), one row.
	`
CREATE TABLE crl_numero (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO crl_numero (id, n) VALUES (1, 0);
`,
	// 7: the state instances share (store.Compartido): challenges, clerk
	// sessions, counters; expira in Unix milliseconds.
	`
CREATE TABLE compartido (clave TEXT PRIMARY KEY, valor BLOB NOT NULL, expira INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX compartido_expira ON compartido(expira);
`,
}

// despues holds the Go steps of a migration, run in its transaction
// after its SQL.
var despues = map[int]func(context.Context, *sql.Tx) error{
	3: encadenarAuditoria,
}

// encadenarAuditoria computes the hash chain over the records written
// before migration 3 and puts the update trigger back.
func encadenarAuditoria(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, cuando, quien, que, objeto, desde, detalle FROM auditoria ORDER BY id`)
	if err != nil {
		return err
	}
	type fila struct {
		id int64
		e  store.Evento
	}
	var filas []fila
	for rows.Next() {
		var f fila
		var c int64
		if err := rows.Scan(&f.id, &c, &f.e.Quien, &f.e.Que, &f.e.Objeto, &f.e.Desde, &f.e.Detalle); err != nil {
			rows.Close()
			return err
		}
		f.e.Cuando = tm(c)
		filas = append(filas, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var anterior []byte
	for i, f := range filas {
		// Ids are renumbered 1, 2, 3… so that a gap always means a
		// deleted record.
		id := int64(i + 1)
		h := store.HashEvento(anterior, id, f.e)
		if _, err := tx.ExecContext(ctx, `UPDATE auditoria SET id = ?, hash_anterior = ?, hash = ? WHERE id = ?`,
			id, store.HashAnterior(anterior), h, f.id); err != nil {
			return err
		}
		anterior = h
	}
	_, err = tx.ExecContext(ctx, `CREATE TRIGGER auditoria_sin_cambios BEFORE UPDATE ON auditoria
BEGIN SELECT RAISE(ABORT, 'auditoria: append-only'); END;`)
	return err
}

// migrate brings the schema to the newest version.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, aplicada INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrations table: %w", err)
	}
	var v int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return fmt.Errorf("sqlite: schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("sqlite: database schema version %d is newer than this program (%d)", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migration %d: %w", i+1, err)
		}
		if f := despues[i+1]; f != nil {
			if err := f(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("sqlite: migration %d: %w", i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, aplicada) VALUES (?, ?)`,
			i+1, time.Now().UnixMilli()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlite: migration %d: %w", i+1, err)
		}
	}
	return nil
}
