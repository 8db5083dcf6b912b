// Package store is the persistence boundary of the reference CA (refca):
// the records the authority keeps (requests, certificates, renewals, clerks,
// idempotency keys, the audit trail) and the Store interface that a backend
// implements. app/store/sqlite is the default backend; a PostgreSQL backend
// implements the same interface for multi-instance deployments.
//
// The store knows no procedure: it keeps records and runs each state change
// the authority asks for as one atomic transaction together with its audit
// record. Which changes are allowed is decided in app/ca.
package store

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors a caller branches on.
var (
	// ErrNotFound: no record with that key.
	ErrNotFound = errors.New("store: not found")
	// ErrDuplicate: a uniqueness rule would be broken (an active request for
	// the same registro patronal and usuario, a reused folio/NPIE/serial).
	ErrDuplicate = errors.New("store: duplicate")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store: closed")
)

// Solicitud is a request for an NPIE and its main certificate.
type Solicitud struct {
	Folio            string
	NPIE             string
	Usuario          string
	RegistroPatronal string
	RFC              string // the company's RFC, for the clerk's search
	Estado           string
	// Activa is true while the request blocks another one for the same
	// registro patronal and usuario: pending, or approved and its
	// certificate line not revoked.
	Activa bool
	Datos  []byte // JSON of patron.Solicitud, normalized
	CSR    []byte // DER PKCS#10
	// Carta is the exact Carta de Términos of a request made before
	// schema 4; newer requests keep only HashCarta (SHA-256 of the letter)
	// and LugarCarta (the place printed on it), and the CA renders the
	// letter again, byte for byte, when it is asked for.
	Carta       []byte
	HashCarta   []byte
	LugarCarta  string
	Creada      time.Time
	FechaLimite time.Time // end of the last business day to approve
	Resuelta    time.Time // zero while pending
	Clerk       string
	Motivo      string // rejection reason
	Documentos  []byte // JSON of the clerk's checklist
	Serial      string // main certificate, once approved
}

// Tipos of certificate.
const (
	TipoPrincipal = "principal"
	TipoAdicional = "adicional"
)

// Certificado is an issued certificate.
type Certificado struct {
	Serial    string // lowercase hex
	NPIE      string
	Tipo      string
	Principal string // for an additional: the main certificate's serial
	DER       []byte
	NoAntes   time.Time
	NoDespues time.Time
	// Revocado is zero while not revoked. Motivo is the RFC 5280 CRLReason.
	Revocado         time.Time
	MotivoRevocacion int
	// CartaPendiente marks a renewed certificate whose renewal Carta de
	// Términos has not been signed yet.
	CartaPendiente bool
	Emitido        time.Time
}

// Renovacion is an online renewal of a main certificate.
type Renovacion struct {
	ID                     string
	NPIE                   string
	SerialAnterior         string
	Estado                 string
	CSR                    []byte // DER PKCS#10 of the new key
	Cambios                []byte // JSON of the changed email/phone/fax
	CartaAceptacion        []byte // exact bytes served
	CartaAceptacionFirmada []byte
	HashCarta              []byte // SHA-256 of the signed acceptance letter
	SerialNuevo            string
	CartaTerminos          []byte // exact bytes served
	CartaTerminosFirmada   []byte
	Creada                 time.Time
	Actualizada            time.Time
}

// Clerk is a ventanilla account. Hash is a self-describing password hash.
// Nombre is the clerk's full name, printed on the Constancia de recepción.
// A Deshabilitado account cannot log in and its sessions end.
type Clerk struct {
	Usuario       string
	Nombre        string
	Hash          []byte
	Creado        time.Time
	Deshabilitado bool
}

// Idempotencia remembers what a creating call with a client's
// Idempotency-Key produced, so a retried call returns the same result.
type Idempotencia struct {
	Clave     string
	Operacion string
	Huella    []byte // SHA-256 of the request body
	Ref       string // folio, serial or renewal id
	Creada    time.Time
}

// Evento is one audit record: who did what to which object, from where.
type Evento struct {
	Cuando  time.Time
	Quien   string // "clerk:NAME", "cert:SERIAL", "anon", "sistema"
	Que     string // the procedure step, e.g. "solicitud.aprobar"
	Objeto  string // folio, serial or renewal id
	Desde   string // remote address
	Detalle string
}

// Filtro selects requests for the clerk's search. Empty fields match all.
type Filtro struct {
	Estado           string
	Folio            string
	RegistroPatronal string
	RFC              string
	Limite           int
}

// Reader is what can be read, both outside and inside a transaction.
type Reader interface {
	Solicitud(ctx context.Context, folio string) (*Solicitud, error)
	SolicitudPorNPIE(ctx context.Context, npie string) (*Solicitud, error)
	BuscarSolicitudes(ctx context.Context, f Filtro) ([]Solicitud, error)
	// Pendientes counts the requests in state pendiente.
	Pendientes(ctx context.Context) (int, error)
	Certificado(ctx context.Context, serial string) (*Certificado, error)
	// Adicionales lists the additional certificates of a main one.
	Adicionales(ctx context.Context, serialPrincipal string) ([]Certificado, error)
	// Revocados lists every revoked certificate, for the CRL.
	Revocados(ctx context.Context) ([]Certificado, error)
	// CuantosRevocados counts the revoked certificates. A revocation is
	// never undone, so the count changes exactly when the list does: the
	// CA asks it on every CRL request instead of reading the whole list.
	CuantosRevocados(ctx context.Context) (int, error)
	Renovacion(ctx context.Context, id string) (*Renovacion, error)
	// RenovacionesAbiertas lists unfinished renewals of a certificate.
	RenovacionesAbiertas(ctx context.Context, serialAnterior string) ([]Renovacion, error)
	// Reemplazo returns the serial of the certificate a renewal issued to
	// replace serialAnterior, or ErrNotFound.
	Reemplazo(ctx context.Context, serialAnterior string) (string, error)
	Clerk(ctx context.Context, usuario string) (*Clerk, error)
	// Clerks lists every ventanilla account by usuario.
	Clerks(ctx context.Context) ([]Clerk, error)
	Idempotencia(ctx context.Context, clave string) (*Idempotencia, error)
	// Auditoria returns the audit records about one object, oldest first.
	Auditoria(ctx context.Context, objeto string) ([]Evento, error)
}

// Tx is one state change in progress. Put methods insert or replace a record
// by its key; inserting a record that breaks a uniqueness rule fails with
// ErrDuplicate.
type Tx interface {
	Reader
	PutSolicitud(ctx context.Context, s *Solicitud) error
	PutCertificado(ctx context.Context, c *Certificado) error
	PutRenovacion(ctx context.Context, r *Renovacion) error
	PutClerk(ctx context.Context, c *Clerk) error
	PutIdempotencia(ctx context.Context, i *Idempotencia) error
	// Auditar adds an audit record besides the one Update writes.
	Auditar(ctx context.Context, e Evento) error
}

// Compartido is the short-lived state that every instance of one CA
// shares besides its records: challenges, clerk sessions, login failures,
// rate-limit buckets, refused-letter counts. Each entry is a small value
// under a key, with an expiry. Nothing of it is audited, and a backend may
// lose its last changes in a crash (a lost challenge or session only asks
// the user to try again), so a backend may commit it without waiting for
// the disk.
type Compartido interface {
	// Leer returns the value under clave, or ErrNotFound when there is
	// none or it expired by now.
	Leer(ctx context.Context, clave string, now time.Time) ([]byte, error)
	// Cambiar reads the value under clave (nil when there is none or it
	// expired by now), calls fn with it and keeps what fn returns until
	// expira; a nil value removes the entry. If fn fails nothing changes
	// and Cambiar returns its error. Cambiar calls on the same clave, in
	// this process or any other sharing the database, run one after the
	// other. fn must be quick and must not block.
	Cambiar(ctx context.Context, clave string, now time.Time, fn func(valor []byte) (nuevo []byte, expira time.Time, err error)) error
	// Purgar removes every entry expired by now and returns how many.
	Purgar(ctx context.Context, now time.Time) (int64, error)
}

// Store keeps the CA's records.
type Store interface {
	Reader
	Compartido
	// Update runs fn as one atomic state change and appends ev to the audit
	// trail in the same transaction. If fn returns an error nothing of it
	// is kept and Update returns that error. When Update returns nil the
	// change is durable (it survives a crash of the process or the
	// machine). fn must be quick and must not block: a backend may run it
	// on a single writer together with other changes.
	Update(ctx context.Context, ev Evento, fn func(Tx) error) error
	// NumeroCRL returns the next CRL number: greater than every number it
	// returned before (across restarts and, on a shared database, across
	// instances) and at least minimo. It is durable when returned.
	NumeroCRL(ctx context.Context, minimo int64) (int64, error)
	Close() error
}
