package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seguritools/seguritools/app/store"
)

// querier is what both the pool and a transaction offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// reader implements store.Reader over a querier.
type reader struct{ q querier }

// txn implements store.Tx inside one change's transaction. ultimo and
// hash are the audit chain's head, locked by Update.
type txn struct {
	reader
	tx     pgx.Tx
	ultimo int64
	hash   []byte
}

func (s *Store) rd() (reader, func(), error) {
	if err := s.abierto(); err != nil {
		return reader{}, nil, err
	}
	return reader{s.pool}, s.mu.RUnlock, nil
}

// leer runs f on the pool while the store is open.
func leer[T any](s *Store, f func(reader) (T, error)) (T, error) {
	r, fin, err := s.rd()
	if err != nil {
		var cero T
		return cero, err
	}
	defer fin()
	return f(r)
}

func (s *Store) Solicitud(ctx context.Context, folio string) (*store.Solicitud, error) {
	return leer(s, func(r reader) (*store.Solicitud, error) { return r.Solicitud(ctx, folio) })
}
func (s *Store) SolicitudPorNPIE(ctx context.Context, npie string) (*store.Solicitud, error) {
	return leer(s, func(r reader) (*store.Solicitud, error) { return r.SolicitudPorNPIE(ctx, npie) })
}
func (s *Store) BuscarSolicitudes(ctx context.Context, f store.Filtro) ([]store.Solicitud, error) {
	return leer(s, func(r reader) ([]store.Solicitud, error) { return r.BuscarSolicitudes(ctx, f) })
}
func (s *Store) Pendientes(ctx context.Context) (int, error) {
	return leer(s, func(r reader) (int, error) { return r.Pendientes(ctx) })
}
func (s *Store) Certificado(ctx context.Context, serial string) (*store.Certificado, error) {
	return leer(s, func(r reader) (*store.Certificado, error) { return r.Certificado(ctx, serial) })
}
func (s *Store) Adicionales(ctx context.Context, serial string) ([]store.Certificado, error) {
	return leer(s, func(r reader) ([]store.Certificado, error) { return r.Adicionales(ctx, serial) })
}
func (s *Store) Revocados(ctx context.Context) ([]store.Certificado, error) {
	return leer(s, func(r reader) ([]store.Certificado, error) { return r.Revocados(ctx) })
}
func (s *Store) CuantosRevocados(ctx context.Context) (int, error) {
	return leer(s, func(r reader) (int, error) { return r.CuantosRevocados(ctx) })
}
func (s *Store) Renovacion(ctx context.Context, id string) (*store.Renovacion, error) {
	return leer(s, func(r reader) (*store.Renovacion, error) { return r.Renovacion(ctx, id) })
}
func (s *Store) RenovacionesAbiertas(ctx context.Context, serial string) ([]store.Renovacion, error) {
	return leer(s, func(r reader) ([]store.Renovacion, error) { return r.RenovacionesAbiertas(ctx, serial) })
}
func (s *Store) Reemplazo(ctx context.Context, serial string) (string, error) {
	return leer(s, func(r reader) (string, error) { return r.Reemplazo(ctx, serial) })
}
func (s *Store) Clerk(ctx context.Context, usuario string) (*store.Clerk, error) {
	return leer(s, func(r reader) (*store.Clerk, error) { return r.Clerk(ctx, usuario) })
}
func (s *Store) Clerks(ctx context.Context) ([]store.Clerk, error) {
	return leer(s, func(r reader) ([]store.Clerk, error) { return r.Clerks(ctx) })
}
func (s *Store) Idempotencia(ctx context.Context, clave string) (*store.Idempotencia, error) {
	return leer(s, func(r reader) (*store.Idempotencia, error) { return r.Idempotencia(ctx, clave) })
}
func (s *Store) Auditoria(ctx context.Context, objeto string) ([]store.Evento, error) {
	return leer(s, func(r reader) ([]store.Evento, error) { return r.Auditoria(ctx, objeto) })
}

func (r reader) Pendientes(ctx context.Context) (int, error) {
	var n int
	err := r.q.QueryRow(ctx, `SELECT COUNT(*) FROM solicitud WHERE estado = 'pendiente'`).Scan(&n)
	return n, err
}

// lista scans every row of a query with scan.
func lista[T any](r reader, ctx context.Context, scan func(pgx.Row) (*T, error), q string, args ...any) ([]T, error) {
	rows, err := r.q.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}

func uno[T any](v *T, err error) (*T, error) {
	if err != nil {
		return nil, errNoRows(err)
	}
	return v, nil
}

const solicitudCols = `folio, npie, usuario, registro_patronal, rfc, estado, activa, datos, csr, carta,
	creada, fecha_limite, resuelta, clerk, motivo, documentos, hash_carta, lugar_carta, COALESCE(serial, '')`

func scanSolicitud(r pgx.Row) (*store.Solicitud, error) {
	var s store.Solicitud
	var creada, limite, resuelta int64
	if err := r.Scan(&s.Folio, &s.NPIE, &s.Usuario, &s.RegistroPatronal, &s.RFC, &s.Estado, &s.Activa,
		&s.Datos, &s.CSR, &s.Carta, &creada, &limite, &resuelta, &s.Clerk, &s.Motivo, &s.Documentos, &s.HashCarta, &s.LugarCarta, &s.Serial); err != nil {
		return nil, err
	}
	if len(s.Carta) == 0 {
		s.Carta = nil
	}
	s.Creada, s.FechaLimite, s.Resuelta = tm(creada), tm(limite), tm(resuelta)
	return &s, nil
}

func (r reader) Solicitud(ctx context.Context, folio string) (*store.Solicitud, error) {
	return uno(scanSolicitud(r.q.QueryRow(ctx, `SELECT `+solicitudCols+` FROM solicitud WHERE folio = $1`, folio)))
}

func (r reader) SolicitudPorNPIE(ctx context.Context, npie string) (*store.Solicitud, error) {
	return uno(scanSolicitud(r.q.QueryRow(ctx, `SELECT `+solicitudCols+` FROM solicitud WHERE npie = $1`, npie)))
}

func (r reader) BuscarSolicitudes(ctx context.Context, f store.Filtro) ([]store.Solicitud, error) {
	var where []string
	var args []any
	for _, c := range []struct{ col, v string }{
		{"estado", f.Estado}, {"folio", f.Folio}, {"registro_patronal", f.RegistroPatronal}, {"rfc", f.RFC},
	} {
		if c.v != "" {
			args = append(args, c.v)
			where = append(where, fmt.Sprintf("%s = $%d", c.col, len(args)))
		}
	}
	q := `SELECT ` + solicitudCols + ` FROM solicitud`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	lim := f.Limite
	if lim <= 0 || lim > 1000 {
		lim = 1000
	}
	q += fmt.Sprintf(" ORDER BY creada, folio LIMIT %d", lim)
	return lista(r, ctx, scanSolicitud, q, args...)
}

const certCols = `serial, npie, tipo, COALESCE(principal, ''), der, no_antes, no_despues, revocado,
	motivo_revocacion, carta_pendiente, emitido`

func scanCert(r pgx.Row) (*store.Certificado, error) {
	var c store.Certificado
	var na, nd, rev, em int64
	if err := r.Scan(&c.Serial, &c.NPIE, &c.Tipo, &c.Principal, &c.DER, &na, &nd, &rev,
		&c.MotivoRevocacion, &c.CartaPendiente, &em); err != nil {
		return nil, err
	}
	c.NoAntes, c.NoDespues, c.Revocado, c.Emitido = tm(na), tm(nd), tm(rev), tm(em)
	return &c, nil
}

func (r reader) Certificado(ctx context.Context, serial string) (*store.Certificado, error) {
	return uno(scanCert(r.q.QueryRow(ctx, `SELECT `+certCols+` FROM certificado WHERE serial = $1`, serial)))
}

func (r reader) Adicionales(ctx context.Context, serial string) ([]store.Certificado, error) {
	return lista(r, ctx, scanCert, `SELECT `+certCols+` FROM certificado WHERE principal = $1 ORDER BY emitido, serial`, serial)
}

func (r reader) Revocados(ctx context.Context) ([]store.Certificado, error) {
	return lista(r, ctx, scanCert, `SELECT `+certCols+` FROM certificado WHERE revocado <> 0 ORDER BY revocado, serial`)
}

func (r reader) CuantosRevocados(ctx context.Context) (int, error) {
	var n int
	err := r.q.QueryRow(ctx, `SELECT COUNT(*) FROM certificado WHERE revocado <> 0`).Scan(&n)
	return n, err
}

const renCols = `id, npie, serial_anterior, estado, csr, cambios, carta_aceptacion,
	carta_aceptacion_firmada, hash_carta, COALESCE(serial_nuevo, ''), carta_terminos,
	carta_terminos_firmada, creada, actualizada`

func scanRen(r pgx.Row) (*store.Renovacion, error) {
	var x store.Renovacion
	var cr, ac int64
	if err := r.Scan(&x.ID, &x.NPIE, &x.SerialAnterior, &x.Estado, &x.CSR, &x.Cambios, &x.CartaAceptacion,
		&x.CartaAceptacionFirmada, &x.HashCarta, &x.SerialNuevo, &x.CartaTerminos,
		&x.CartaTerminosFirmada, &cr, &ac); err != nil {
		return nil, err
	}
	x.Creada, x.Actualizada = tm(cr), tm(ac)
	return &x, nil
}

func (r reader) Renovacion(ctx context.Context, id string) (*store.Renovacion, error) {
	return uno(scanRen(r.q.QueryRow(ctx, `SELECT `+renCols+` FROM renovacion WHERE id = $1`, id)))
}

func (r reader) RenovacionesAbiertas(ctx context.Context, serial string) ([]store.Renovacion, error) {
	return lista(r, ctx, scanRen, `SELECT `+renCols+` FROM renovacion
		WHERE serial_anterior = $1 AND estado IN ('iniciada', 'carta_firmada') ORDER BY creada`, serial)
}

// Reemplazo: a renewal records its new serial only when it issues it, in
// the same transaction that revokes the old certificate as superseded.
func (r reader) Reemplazo(ctx context.Context, serial string) (string, error) {
	var nuevo string
	err := r.q.QueryRow(ctx, `SELECT serial_nuevo FROM renovacion
		WHERE serial_anterior = $1 AND serial_nuevo IS NOT NULL ORDER BY actualizada DESC LIMIT 1`, serial).Scan(&nuevo)
	if err != nil {
		return "", errNoRows(err)
	}
	return nuevo, nil
}

func scanClerk(r pgx.Row) (*store.Clerk, error) {
	var c store.Clerk
	var cr int64
	if err := r.Scan(&c.Usuario, &c.Nombre, &c.Hash, &cr, &c.Deshabilitado); err != nil {
		return nil, err
	}
	c.Creado = tm(cr)
	return &c, nil
}

func (r reader) Clerk(ctx context.Context, usuario string) (*store.Clerk, error) {
	return uno(scanClerk(r.q.QueryRow(ctx, `SELECT usuario, nombre, hash, creado, deshabilitado FROM clerk WHERE usuario = $1`, usuario)))
}

func (r reader) Clerks(ctx context.Context) ([]store.Clerk, error) {
	return lista(r, ctx, scanClerk, `SELECT usuario, nombre, hash, creado, deshabilitado FROM clerk ORDER BY usuario`)
}

func scanIdem(r pgx.Row) (*store.Idempotencia, error) {
	var i store.Idempotencia
	var cr int64
	if err := r.Scan(&i.Clave, &i.Operacion, &i.Huella, &i.Ref, &cr); err != nil {
		return nil, err
	}
	i.Creada = tm(cr)
	return &i, nil
}

func (r reader) Idempotencia(ctx context.Context, clave string) (*store.Idempotencia, error) {
	return uno(scanIdem(r.q.QueryRow(ctx, `SELECT clave, operacion, huella, ref, creada FROM idempotencia WHERE clave = $1`, clave)))
}

func scanEvento(r pgx.Row) (*store.Evento, error) {
	var e store.Evento
	var c int64
	if err := r.Scan(&c, &e.Quien, &e.Que, &e.Objeto, &e.Desde, &e.Detalle); err != nil {
		return nil, err
	}
	e.Cuando = tm(c)
	return &e, nil
}

func (r reader) Auditoria(ctx context.Context, objeto string) ([]store.Evento, error) {
	return lista(r, ctx, scanEvento, `SELECT cuando, quien, que, objeto, desde, detalle FROM auditoria
		WHERE objeto = $1 ORDER BY id`, objeto)
}

// exec runs one write in a savepoint, so that a refused write (a
// duplicate) leaves the transaction usable, as it does on SQLite, for a
// caller that goes on after ErrDuplicate.
//
// The savepoint, the write and its release travel as one pipelined batch:
// one round trip to the server instead of three, while the change holds
// the lock every change waits for. Only a refused write costs one more
// (ROLLBACK TO).
func (t *txn) exec(ctx context.Context, q string, args ...any) error {
	b := &pgx.Batch{}
	b.Queue(`SAVEPOINT escritura`)
	b.Queue(q, args...)
	b.Queue(`RELEASE SAVEPOINT escritura`)
	br := t.tx.SendBatch(ctx, b)
	_, errSP := br.Exec()
	_, errQ := br.Exec()
	_, errRel := br.Exec()
	errCierre := br.Close()
	switch {
	case errSP != nil:
		return errSP
	case errQ != nil:
		// The write failed and the transaction is aborted up to the
		// savepoint: undo to it and drop it, and the rest of the change
		// goes on.
		if _, err := t.tx.Exec(ctx, `ROLLBACK TO SAVEPOINT escritura`); err != nil {
			return errors.Join(mapErr(errQ), err)
		}
		if _, err := t.tx.Exec(ctx, `RELEASE SAVEPOINT escritura`); err != nil {
			return errors.Join(mapErr(errQ), err)
		}
		return mapErr(errQ)
	}
	return errors.Join(errRel, errCierre)
}

func (t *txn) PutSolicitud(ctx context.Context, s *store.Solicitud) error {
	return t.exec(ctx, `INSERT INTO solicitud (`+strings.ReplaceAll(solicitudCols, "COALESCE(serial, '')", "serial")+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
		ON CONFLICT (folio) DO UPDATE SET npie = excluded.npie, usuario = excluded.usuario,
			registro_patronal = excluded.registro_patronal, rfc = excluded.rfc, estado = excluded.estado,
			activa = excluded.activa, datos = excluded.datos, csr = excluded.csr, carta = excluded.carta,
			creada = excluded.creada, fecha_limite = excluded.fecha_limite, resuelta = excluded.resuelta,
			clerk = excluded.clerk, motivo = excluded.motivo, documentos = excluded.documentos,
			hash_carta = excluded.hash_carta, lugar_carta = excluded.lugar_carta, serial = excluded.serial`,
		s.Folio, s.NPIE, s.Usuario, s.RegistroPatronal, s.RFC, s.Estado, s.Activa, noNulo(s.Datos), noNulo(s.CSR), noNulo(s.Carta),
		ms(s.Creada), ms(s.FechaLimite), ms(s.Resuelta), s.Clerk, s.Motivo, s.Documentos, s.HashCarta, s.LugarCarta, nullStr(s.Serial))
}

func (t *txn) PutCertificado(ctx context.Context, c *store.Certificado) error {
	return t.exec(ctx, `INSERT INTO certificado (serial, npie, tipo, principal, der, no_antes, no_despues,
			revocado, motivo_revocacion, carta_pendiente, emitido)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (serial) DO UPDATE SET revocado = excluded.revocado,
			motivo_revocacion = excluded.motivo_revocacion, carta_pendiente = excluded.carta_pendiente`,
		c.Serial, c.NPIE, c.Tipo, nullStr(c.Principal), noNulo(c.DER), ms(c.NoAntes), ms(c.NoDespues),
		ms(c.Revocado), c.MotivoRevocacion, c.CartaPendiente, ms(c.Emitido))
}

func (t *txn) PutRenovacion(ctx context.Context, r *store.Renovacion) error {
	return t.exec(ctx, `INSERT INTO renovacion (id, npie, serial_anterior, estado, csr, cambios,
			carta_aceptacion, carta_aceptacion_firmada, hash_carta, serial_nuevo, carta_terminos,
			carta_terminos_firmada, creada, actualizada)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (id) DO UPDATE SET estado = excluded.estado,
			carta_aceptacion_firmada = excluded.carta_aceptacion_firmada, hash_carta = excluded.hash_carta,
			serial_nuevo = excluded.serial_nuevo, carta_terminos = excluded.carta_terminos,
			carta_terminos_firmada = excluded.carta_terminos_firmada, actualizada = excluded.actualizada`,
		r.ID, r.NPIE, r.SerialAnterior, r.Estado, noNulo(r.CSR), noNulo(r.Cambios), noNulo(r.CartaAceptacion),
		r.CartaAceptacionFirmada, r.HashCarta, nullStr(r.SerialNuevo), r.CartaTerminos,
		r.CartaTerminosFirmada, ms(r.Creada), ms(r.Actualizada))
}

func (t *txn) PutClerk(ctx context.Context, c *store.Clerk) error {
	return t.exec(ctx, `INSERT INTO clerk (usuario, nombre, hash, creado, deshabilitado) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (usuario) DO UPDATE SET nombre = excluded.nombre, hash = excluded.hash,
			deshabilitado = excluded.deshabilitado`,
		c.Usuario, c.Nombre, noNulo(c.Hash), ms(c.Creado), c.Deshabilitado)
}

// PutIdempotencia only inserts: a key is bound to its first result forever.
func (t *txn) PutIdempotencia(ctx context.Context, i *store.Idempotencia) error {
	return t.exec(ctx, `INSERT INTO idempotencia (clave, operacion, huella, ref, creada) VALUES ($1, $2, $3, $4, $5)`,
		i.Clave, i.Operacion, noNulo(i.Huella), i.Ref, ms(i.Creada))
}

// Auditar appends e to the hash chain after the head Update locked; the
// head row itself is written once, before COMMIT.
func (t *txn) Auditar(ctx context.Context, e store.Evento) error {
	id := t.ultimo + 1
	e.Cuando = tm(ms(e.Cuando)) // hashed as stored: milliseconds
	h := store.HashEvento(t.hash, id, e)
	if err := t.exec(ctx, `INSERT INTO auditoria (id, cuando, quien, que, objeto, desde, detalle, hash_anterior, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		id, ms(e.Cuando), e.Quien, e.Que, e.Objeto, e.Desde, e.Detalle, store.HashAnterior(t.hash), h); err != nil {
		return fmt.Errorf("postgres: audit: %w", err)
	}
	t.ultimo, t.hash = id, h
	return nil
}
