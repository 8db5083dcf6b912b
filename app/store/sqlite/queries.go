package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/seguritools/seguritools/app/store"
)

// querier is what both the read pool and a write transaction offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader implements store.Reader over a querier.
type reader struct{ q querier }

// txn implements store.Tx inside the writer's transaction.
type txn struct{ q querier }

func (s *Store) rd() reader { return reader{s.r} }

func (s *Store) Solicitud(ctx context.Context, folio string) (*store.Solicitud, error) {
	return s.rd().Solicitud(ctx, folio)
}
func (s *Store) SolicitudPorNPIE(ctx context.Context, npie string) (*store.Solicitud, error) {
	return s.rd().SolicitudPorNPIE(ctx, npie)
}
func (s *Store) BuscarSolicitudes(ctx context.Context, f store.Filtro) ([]store.Solicitud, error) {
	return s.rd().BuscarSolicitudes(ctx, f)
}
func (s *Store) Pendientes(ctx context.Context) (int, error) { return s.rd().Pendientes(ctx) }
func (t *txn) Pendientes(ctx context.Context) (int, error)   { return t.rd().Pendientes(ctx) }

func (r reader) Pendientes(ctx context.Context) (int, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM solicitud WHERE estado = 'pendiente'`).Scan(&n)
	return n, err
}

func (s *Store) Certificado(ctx context.Context, serial string) (*store.Certificado, error) {
	return s.rd().Certificado(ctx, serial)
}
func (s *Store) Adicionales(ctx context.Context, serial string) ([]store.Certificado, error) {
	return s.rd().Adicionales(ctx, serial)
}
func (s *Store) Revocados(ctx context.Context) ([]store.Certificado, error) {
	return s.rd().Revocados(ctx)
}
func (s *Store) CuantosRevocados(ctx context.Context) (int, error) {
	return s.rd().CuantosRevocados(ctx)
}
func (s *Store) Renovacion(ctx context.Context, id string) (*store.Renovacion, error) {
	return s.rd().Renovacion(ctx, id)
}
func (s *Store) RenovacionesAbiertas(ctx context.Context, serial string) ([]store.Renovacion, error) {
	return s.rd().RenovacionesAbiertas(ctx, serial)
}
func (s *Store) Reemplazo(ctx context.Context, serial string) (string, error) {
	return s.rd().Reemplazo(ctx, serial)
}
func (s *Store) Clerk(ctx context.Context, usuario string) (*store.Clerk, error) {
	return s.rd().Clerk(ctx, usuario)
}
func (s *Store) Idempotencia(ctx context.Context, clave string) (*store.Idempotencia, error) {
	return s.rd().Idempotencia(ctx, clave)
}
func (s *Store) Auditoria(ctx context.Context, objeto string) ([]store.Evento, error) {
	return s.rd().Auditoria(ctx, objeto)
}

func (t *txn) rd() reader { return reader{t.q} }

func (t *txn) Solicitud(ctx context.Context, folio string) (*store.Solicitud, error) {
	return t.rd().Solicitud(ctx, folio)
}
func (t *txn) SolicitudPorNPIE(ctx context.Context, npie string) (*store.Solicitud, error) {
	return t.rd().SolicitudPorNPIE(ctx, npie)
}
func (t *txn) BuscarSolicitudes(ctx context.Context, f store.Filtro) ([]store.Solicitud, error) {
	return t.rd().BuscarSolicitudes(ctx, f)
}
func (t *txn) Certificado(ctx context.Context, serial string) (*store.Certificado, error) {
	return t.rd().Certificado(ctx, serial)
}
func (t *txn) Adicionales(ctx context.Context, serial string) ([]store.Certificado, error) {
	return t.rd().Adicionales(ctx, serial)
}
func (t *txn) Revocados(ctx context.Context) ([]store.Certificado, error) {
	return t.rd().Revocados(ctx)
}
func (t *txn) CuantosRevocados(ctx context.Context) (int, error) {
	return t.rd().CuantosRevocados(ctx)
}
func (t *txn) Renovacion(ctx context.Context, id string) (*store.Renovacion, error) {
	return t.rd().Renovacion(ctx, id)
}
func (t *txn) RenovacionesAbiertas(ctx context.Context, serial string) ([]store.Renovacion, error) {
	return t.rd().RenovacionesAbiertas(ctx, serial)
}
func (t *txn) Reemplazo(ctx context.Context, serial string) (string, error) {
	return t.rd().Reemplazo(ctx, serial)
}
func (t *txn) Clerk(ctx context.Context, usuario string) (*store.Clerk, error) {
	return t.rd().Clerk(ctx, usuario)
}
func (t *txn) Idempotencia(ctx context.Context, clave string) (*store.Idempotencia, error) {
	return t.rd().Idempotencia(ctx, clave)
}
func (t *txn) Auditoria(ctx context.Context, objeto string) ([]store.Evento, error) {
	return t.rd().Auditoria(ctx, objeto)
}

func one[T any](row *sql.Row, scan func(*sql.Row) (*T, error)) (*T, error) {
	v, err := scan(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	return v, err
}

const solicitudCols = `folio, npie, usuario, registro_patronal, rfc, estado, activa, datos, csr, carta,
	creada, fecha_limite, resuelta, clerk, motivo, documentos, hash_carta, lugar_carta, COALESCE(serial, '')`

type scanner interface{ Scan(dest ...any) error }

func scanSolicitud(r scanner) (*store.Solicitud, error) {
	var s store.Solicitud
	var activa int
	var creada, limite, resuelta int64
	if err := r.Scan(&s.Folio, &s.NPIE, &s.Usuario, &s.RegistroPatronal, &s.RFC, &s.Estado, &activa,
		&s.Datos, &s.CSR, &s.Carta, &creada, &limite, &resuelta, &s.Clerk, &s.Motivo, &s.Documentos, &s.HashCarta, &s.LugarCarta, &s.Serial); err != nil {
		return nil, err
	}
	s.Activa = activa != 0
	if len(s.Carta) == 0 {
		s.Carta = nil
	}
	s.Creada, s.FechaLimite, s.Resuelta = tm(creada), tm(limite), tm(resuelta)
	return &s, nil
}

func (r reader) Solicitud(ctx context.Context, folio string) (*store.Solicitud, error) {
	return one(r.q.QueryRowContext(ctx, `SELECT `+solicitudCols+` FROM solicitud WHERE folio = ?`, folio),
		func(row *sql.Row) (*store.Solicitud, error) { return scanSolicitud(row) })
}

func (r reader) SolicitudPorNPIE(ctx context.Context, npie string) (*store.Solicitud, error) {
	return one(r.q.QueryRowContext(ctx, `SELECT `+solicitudCols+` FROM solicitud WHERE npie = ?`, npie),
		func(row *sql.Row) (*store.Solicitud, error) { return scanSolicitud(row) })
}

func (r reader) BuscarSolicitudes(ctx context.Context, f store.Filtro) ([]store.Solicitud, error) {
	var where []string
	var args []any
	for _, c := range []struct{ col, v string }{
		{"estado", f.Estado}, {"folio", f.Folio}, {"registro_patronal", f.RegistroPatronal}, {"rfc", f.RFC},
	} {
		if c.v != "" {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
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
	rows, err := r.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Solicitud
	for rows.Next() {
		s, err := scanSolicitud(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

const certCols = `serial, npie, tipo, COALESCE(principal, ''), der, no_antes, no_despues, revocado,
	motivo_revocacion, carta_pendiente, emitido`

func scanCert(r scanner) (*store.Certificado, error) {
	var c store.Certificado
	var na, nd, rev, em int64
	var pend int
	if err := r.Scan(&c.Serial, &c.NPIE, &c.Tipo, &c.Principal, &c.DER, &na, &nd, &rev,
		&c.MotivoRevocacion, &pend, &em); err != nil {
		return nil, err
	}
	c.NoAntes, c.NoDespues, c.Revocado, c.Emitido = tm(na), tm(nd), tm(rev), tm(em)
	c.CartaPendiente = pend != 0
	return &c, nil
}

func (r reader) certs(ctx context.Context, q string, args ...any) ([]store.Certificado, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+certCols+` FROM certificado `+q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Certificado
	for rows.Next() {
		c, err := scanCert(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (r reader) Certificado(ctx context.Context, serial string) (*store.Certificado, error) {
	return one(r.q.QueryRowContext(ctx, `SELECT `+certCols+` FROM certificado WHERE serial = ?`, serial),
		func(row *sql.Row) (*store.Certificado, error) { return scanCert(row) })
}

func (r reader) Adicionales(ctx context.Context, serial string) ([]store.Certificado, error) {
	return r.certs(ctx, `WHERE principal = ? ORDER BY emitido, serial`, serial)
}

func (r reader) Revocados(ctx context.Context) ([]store.Certificado, error) {
	return r.certs(ctx, `WHERE revocado <> 0 ORDER BY revocado, serial`)
}

func (r reader) CuantosRevocados(ctx context.Context) (int, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM certificado WHERE revocado <> 0`).Scan(&n)
	return n, err
}

const renCols = `id, npie, serial_anterior, estado, csr, cambios, carta_aceptacion,
	carta_aceptacion_firmada, hash_carta, COALESCE(serial_nuevo, ''), carta_terminos,
	carta_terminos_firmada, creada, actualizada`

func scanRen(r scanner) (*store.Renovacion, error) {
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
	return one(r.q.QueryRowContext(ctx, `SELECT `+renCols+` FROM renovacion WHERE id = ?`, id),
		func(row *sql.Row) (*store.Renovacion, error) { return scanRen(row) })
}

func (r reader) RenovacionesAbiertas(ctx context.Context, serial string) ([]store.Renovacion, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+renCols+` FROM renovacion
		WHERE serial_anterior = ? AND estado IN ('iniciada', 'carta_firmada') ORDER BY creada`, serial)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Renovacion
	for rows.Next() {
		x, err := scanRen(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *x)
	}
	return out, rows.Err()
}

// Reemplazo: a renewal records its new serial only when it issues it, in
// the same transaction that revokes the old certificate as superseded.
func (r reader) Reemplazo(ctx context.Context, serial string) (string, error) {
	var nuevo string
	err := r.q.QueryRowContext(ctx, `SELECT serial_nuevo FROM renovacion
		WHERE serial_anterior = ? AND serial_nuevo IS NOT NULL ORDER BY actualizada DESC LIMIT 1`, serial).Scan(&nuevo)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.ErrNotFound
	}
	return nuevo, err
}

func scanClerk(r scanner) (*store.Clerk, error) {
	var c store.Clerk
	var cr int64
	var des int
	if err := r.Scan(&c.Usuario, &c.Nombre, &c.Hash, &cr, &des); err != nil {
		return nil, err
	}
	c.Creado, c.Deshabilitado = tm(cr), des != 0
	return &c, nil
}

func (r reader) Clerk(ctx context.Context, usuario string) (*store.Clerk, error) {
	return one(r.q.QueryRowContext(ctx, `SELECT usuario, nombre, hash, creado, deshabilitado FROM clerk WHERE usuario = ?`, usuario),
		func(row *sql.Row) (*store.Clerk, error) { return scanClerk(row) })
}

func (s *Store) Clerks(ctx context.Context) ([]store.Clerk, error) { return s.rd().Clerks(ctx) }
func (t *txn) Clerks(ctx context.Context) ([]store.Clerk, error)   { return t.rd().Clerks(ctx) }

func (r reader) Clerks(ctx context.Context) ([]store.Clerk, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT usuario, nombre, hash, creado, deshabilitado FROM clerk ORDER BY usuario`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Clerk
	for rows.Next() {
		c, err := scanClerk(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (r reader) Idempotencia(ctx context.Context, clave string) (*store.Idempotencia, error) {
	return one(r.q.QueryRowContext(ctx, `SELECT clave, operacion, huella, ref, creada FROM idempotencia WHERE clave = ?`, clave),
		func(row *sql.Row) (*store.Idempotencia, error) {
			var i store.Idempotencia
			var cr int64
			if err := row.Scan(&i.Clave, &i.Operacion, &i.Huella, &i.Ref, &cr); err != nil {
				return nil, err
			}
			i.Creada = tm(cr)
			return &i, nil
		})
}

func (r reader) Auditoria(ctx context.Context, objeto string) ([]store.Evento, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT cuando, quien, que, objeto, desde, detalle FROM auditoria
		WHERE objeto = ? ORDER BY id`, objeto)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Evento
	for rows.Next() {
		var e store.Evento
		var c int64
		if err := rows.Scan(&c, &e.Quien, &e.Que, &e.Objeto, &e.Desde, &e.Detalle); err != nil {
			return nil, err
		}
		e.Cuando = tm(c)
		out = append(out, e)
	}
	return out, rows.Err()
}

func (t *txn) exec(ctx context.Context, q string, args ...any) error {
	_, err := t.q.ExecContext(ctx, q, args...)
	return mapErr(err)
}

func (t *txn) PutSolicitud(ctx context.Context, s *store.Solicitud) error {
	return t.exec(ctx, `INSERT INTO solicitud (`+strings.ReplaceAll(solicitudCols, "COALESCE(serial, '')", "serial")+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(folio) DO UPDATE SET npie = excluded.npie, usuario = excluded.usuario,
			registro_patronal = excluded.registro_patronal, rfc = excluded.rfc, estado = excluded.estado,
			activa = excluded.activa, datos = excluded.datos, csr = excluded.csr, carta = excluded.carta,
			creada = excluded.creada, fecha_limite = excluded.fecha_limite, resuelta = excluded.resuelta,
			clerk = excluded.clerk, motivo = excluded.motivo, documentos = excluded.documentos,
			hash_carta = excluded.hash_carta, lugar_carta = excluded.lugar_carta, serial = excluded.serial`,
		s.Folio, s.NPIE, s.Usuario, s.RegistroPatronal, s.RFC, s.Estado, b2i(s.Activa), s.Datos, s.CSR, append([]byte{}, s.Carta...),
		ms(s.Creada), ms(s.FechaLimite), ms(s.Resuelta), s.Clerk, s.Motivo, s.Documentos, s.HashCarta, s.LugarCarta, nullStr(s.Serial))
}

func (t *txn) PutCertificado(ctx context.Context, c *store.Certificado) error {
	return t.exec(ctx, `INSERT INTO certificado (serial, npie, tipo, principal, der, no_antes, no_despues,
			revocado, motivo_revocacion, carta_pendiente, emitido)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(serial) DO UPDATE SET revocado = excluded.revocado,
			motivo_revocacion = excluded.motivo_revocacion, carta_pendiente = excluded.carta_pendiente`,
		c.Serial, c.NPIE, c.Tipo, nullStr(c.Principal), c.DER, ms(c.NoAntes), ms(c.NoDespues),
		ms(c.Revocado), c.MotivoRevocacion, b2i(c.CartaPendiente), ms(c.Emitido))
}

func (t *txn) PutRenovacion(ctx context.Context, r *store.Renovacion) error {
	return t.exec(ctx, `INSERT INTO renovacion (id, npie, serial_anterior, estado, csr, cambios,
			carta_aceptacion, carta_aceptacion_firmada, hash_carta, serial_nuevo, carta_terminos,
			carta_terminos_firmada, creada, actualizada)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET estado = excluded.estado,
			carta_aceptacion_firmada = excluded.carta_aceptacion_firmada, hash_carta = excluded.hash_carta,
			serial_nuevo = excluded.serial_nuevo, carta_terminos = excluded.carta_terminos,
			carta_terminos_firmada = excluded.carta_terminos_firmada, actualizada = excluded.actualizada`,
		r.ID, r.NPIE, r.SerialAnterior, r.Estado, r.CSR, r.Cambios, r.CartaAceptacion,
		r.CartaAceptacionFirmada, r.HashCarta, nullStr(r.SerialNuevo), r.CartaTerminos,
		r.CartaTerminosFirmada, ms(r.Creada), ms(r.Actualizada))
}

func (t *txn) PutClerk(ctx context.Context, c *store.Clerk) error {
	return t.exec(ctx, `INSERT INTO clerk (usuario, nombre, hash, creado, deshabilitado) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(usuario) DO UPDATE SET nombre = excluded.nombre, hash = excluded.hash,
			deshabilitado = excluded.deshabilitado`,
		c.Usuario, c.Nombre, c.Hash, ms(c.Creado), b2i(c.Deshabilitado))
}

// PutIdempotencia only inserts: a key is bound to its first result forever.
func (t *txn) PutIdempotencia(ctx context.Context, i *store.Idempotencia) error {
	return t.exec(ctx, `INSERT INTO idempotencia (clave, operacion, huella, ref, creada) VALUES (?, ?, ?, ?, ?)`,
		i.Clave, i.Operacion, i.Huella, i.Ref, ms(i.Creada))
}

// Auditar appends e to the hash chain: it takes the id and hash of the
// last record inside the change's transaction (the single writer makes
// that race-free) and stores its own hash next to the previous one.
func (t *txn) Auditar(ctx context.Context, e store.Evento) error {
	var id int64
	var anterior []byte
	err := t.q.QueryRowContext(ctx, `SELECT id, hash FROM auditoria ORDER BY id DESC LIMIT 1`).Scan(&id, &anterior)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: last audit record: %w", err)
	}
	id++
	e.Cuando = tm(ms(e.Cuando)) // hashed as stored: milliseconds
	h := store.HashEvento(anterior, id, e)
	return t.exec(ctx, `INSERT INTO auditoria (id, cuando, quien, que, objeto, desde, detalle, hash_anterior, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, ms(e.Cuando), e.Quien, e.Que, e.Objeto, e.Desde, e.Detalle, store.HashAnterior(anterior), h)
}
