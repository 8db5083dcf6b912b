// Package wire is the JSON vocabulary of refca's HTTP API (/api/v1), shared
// by the server's handlers (app/api) and the client (app/client) so both
// sides speak exactly the same shapes. docs/api.yaml documents it.
//
// Binary values (DER, PDF) travel as standard base64 strings ([]byte in Go).
// Dates are RFC 3339 timestamps except fecha_limite, a calendar date.
package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/seguritools/seguritools/app/patron"
)

// Prefix is the path prefix of every API route.
const Prefix = "/api/v1"

// Header names.
const (
	// HeaderIdempotencia carries a client-chosen key on creating calls: a
	// retried call with the same key and body returns the first result.
	HeaderIdempotencia = "Idempotency-Key"
	// HeaderPrueba carries the employer's proof of possession.
	HeaderPrueba = "Authorization"
	// EsquemaPrueba is the Authorization scheme of a proof of possession,
	// of a certificate's key or of a request's key (folio or NPIE):
	//   NPIE-PoP serial=HEX, reto=B64URL, firma=B64URL
	//   NPIE-PoP solicitud=FOLIO_O_NPIE, reto=B64URL, firma=B64URL
	EsquemaPrueba = "NPIE-PoP"
	// EsquemaSesion is the Authorization scheme of a clerk session.
	EsquemaSesion = "Bearer"
)

// MensajePrueba is what the employer signs (RSA PKCS#1 v1.5, SHA-256) to
// prove possession of the certificate's key: a fixed label, the HTTP method
// and path of the call, the server's single-use challenge, and the SHA-256
// of the exact body sent. Binding method, path and body means a captured
// proof authorizes nothing else, and the challenge makes it single-use.
func MensajePrueba(metodo, ruta, reto string, cuerpo []byte) []byte {
	h := sha256.Sum256(cuerpo)
	return []byte("refca-pop-v1\n" + metodo + "\n" + ruta + "\n" + reto + "\n" + hex.EncodeToString(h[:]))
}

// Error is every error answer: a stable code and the catalogue's texts.
// Args are the values the texts were filled with, so a client can render
// the same message from its own catalogue in its user's language.
type Error struct {
	Code      string            `json:"code"`
	Mensaje   string            `json:"mensaje"`
	Message   string            `json:"message"`
	Args      []string          `json:"args,omitempty"`
	Problemas []patron.Problema `json:"problemas,omitempty"`
}

// SolicitudNueva is POST /solicitudes.
type SolicitudNueva struct {
	Datos patron.Solicitud `json:"datos"`
	CSR   []byte           `json:"csr"` // DER PKCS#10
}

// Solicitud is a request as the employer or the clerk sees it.
type Solicitud struct {
	Folio            string            `json:"folio"`
	NPIE             string            `json:"npie"`
	Usuario          string            `json:"usuario"`
	RegistroPatronal string            `json:"registro_patronal"`
	RFC              string            `json:"rfc"`
	RazonSocial      string            `json:"razon_social"`
	Estado           string            `json:"estado"`
	Creada           time.Time         `json:"creada"`
	FechaLimite      string            `json:"fecha_limite"` // YYYY-MM-DD, last business day
	Serial           string            `json:"serial,omitempty"`
	Motivo           string            `json:"motivo,omitempty"`
	Clerk            string            `json:"clerk,omitempty"`
	Datos            *patron.Solicitud `json:"datos,omitempty"` // clerk views only
	Carta            []byte            `json:"carta,omitempty"` // Carta de Términos, on creation
}

// Solicitudes is the clerk's search result.
type Solicitudes struct {
	Solicitudes []Solicitud `json:"solicitudes"`
}

// Documentos is the clerk's checklist; all three must be checked.
type Documentos struct {
	CartaFirmadaAutografa         bool `json:"carta_firmada_autografa"`
	IdentificacionOficial         bool `json:"identificacion_oficial"`
	TarjetaIdentificacionPatronal bool `json:"tarjeta_identificacion_patronal"`
}

// Aprobacion is POST /ventanilla/solicitudes/{folio}/aprobar.
type Aprobacion struct {
	Documentos Documentos `json:"documentos"`
}

// Rechazo is POST /ventanilla/solicitudes/{folio}/rechazar.
type Rechazo struct {
	Motivo string `json:"motivo"`
}

// Login is POST /ventanilla/sesion.
type Login struct {
	Usuario    string `json:"usuario"`
	Contrasena string `json:"contrasena"`
}

// Sesion is a clerk session token.
type Sesion struct {
	Token  string    `json:"token"`
	Expira time.Time `json:"expira"`
}

// RetoNuevo is POST /retos: a challenge for a certificate (Serial) or for
// a request (Solicitud, its folio or NPIE); exactly one of them.
type RetoNuevo struct {
	Serial    string `json:"serial,omitempty"`
	Solicitud string `json:"solicitud,omitempty"`
}

// EstadoSolicitud is GET /solicitudes/{folio o NPIE}/estado, answered to
// whoever proves possession of the request's key.
type EstadoSolicitud struct {
	Folio string `json:"folio"`
	NPIE  string `json:"npie"`
	// Estado is pendiente, aprobada (obtain the certificate now), rechazada
	// (Motivo says why) or cancelada (the deadline passed: a new request
	// is needed). A request past its deadline is never pendiente.
	Estado      string     `json:"estado"`
	FechaLimite string     `json:"fecha_limite"` // YYYY-MM-DD, last business day
	Motivo      string     `json:"motivo,omitempty"`
	Serial      string     `json:"serial,omitempty"` // aprobada: the NPIE's current main certificate
	Resuelta    *time.Time `json:"resuelta,omitempty"`
}

// Reto is a single-use challenge for a proof of possession.
type Reto struct {
	Reto   string    `json:"reto"`
	Expira time.Time `json:"expira"`
}

// Certificado is an issued certificate with its chain (issuer first, root
// last) and its status; a revoked one says when and why (see Estado).
type Certificado struct {
	Serial         string     `json:"serial"`
	NPIE           string     `json:"npie"`
	Tipo           string     `json:"tipo"`
	Principal      string     `json:"principal,omitempty"`
	Estado         string     `json:"estado"`
	NoAntes        time.Time  `json:"no_antes"`
	NoDespues      time.Time  `json:"no_despues"`
	Revocado       *time.Time `json:"revocado,omitempty"`
	Causa          string     `json:"causa_revocacion,omitempty"`
	ReemplazadoPor string     `json:"reemplazado_por,omitempty"`
	Certificado    []byte     `json:"certificado"`
	Cadena         [][]byte   `json:"cadena"`
}

// Causas of a revocation (Estado.Causa, Certificado.Causa).
const (
	// CausaReemplazado: a renewal replaced the certificate; ReemplazadoPor
	// is the serial of the new one, which is the one to use.
	CausaReemplazado = "reemplazado"
	// CausaLlaveComprometida: revoked because the key or its password was
	// lost, stolen or exposed; a new Solicitud NPIE is needed.
	CausaLlaveComprometida = "llave_comprometida"
	// CausaCese: an additional revoked with its main certificate (or a
	// holder who ceased); a new certificate must be requested.
	CausaCese = "cese"
	// CausaNoEspecificada: any other reason (a forgotten password, "otro").
	CausaNoEspecificada = "no_especificada"
)

// Estado is a certificate's status. A revoked certificate says when
// (Revocado), why (Motivo, the RFC 5280 reason code, and Causa, its name)
// and, when a renewal replaced it, the serial of its successor.
type Estado struct {
	Serial         string     `json:"serial"`
	Estado         string     `json:"estado"` // vigente, vencido, revocado, carta_pendiente
	NoDespues      time.Time  `json:"no_despues"`
	Revocado       *time.Time `json:"revocado,omitempty"`
	Motivo         int        `json:"motivo_revocacion,omitempty"`
	Causa          string     `json:"causa_revocacion,omitempty"`
	ReemplazadoPor string     `json:"reemplazado_por,omitempty"`
	Tipo           string     `json:"tipo"`
	NPIE           string     `json:"npie"`
}

// NPIE is the recovery lookup: the NPIE's current main certificate.
type NPIE struct {
	NPIE   string `json:"npie"`
	Serial string `json:"serial"`
	Estado string `json:"estado"`
}

// DatosPatron is GET /certificados/{serial}/datos, answered only to the
// holder of that certificate (a proof of possession for that serial): the
// current data of its NPIE as captured in the Solicitud NPIE, with the
// email, phone and fax of the latest renewal. A renewal shows them and
// lets only correo, telefono and fax change. A revoked certificate
// (CERTIFICADO_REVOCADO) and an additional one (CERTIFICADO_NO_PRINCIPAL)
// are refused; an expired one may read them.
type DatosPatron struct {
	NPIE      string           `json:"npie"`
	Usuario   string           `json:"usuario"`
	Serial    string           `json:"serial"`
	Solicitud patron.Solicitud `json:"solicitud"`
}

// RenovacionNueva is POST /renovaciones, authenticated by the certificate
// being renewed (it may have expired). Without cambios the email, phone
// and fax stay as they are.
type RenovacionNueva struct {
	CSR     []byte          `json:"csr"`
	Cambios *patron.Cambios `json:"cambios,omitempty"`
}

// Renovacion is a renewal's progress. Carta is the letter the client must
// sign next: the Carta de Aceptación de Renovación (estado iniciada, to
// sign with the old certificate) or the renewal's Carta de Términos
// (estado certificado_emitido, to sign with the new one).
type Renovacion struct {
	ID             string       `json:"id"`
	NPIE           string       `json:"npie"`
	SerialAnterior string       `json:"serial_anterior"`
	Estado         string       `json:"estado"`
	SerialNuevo    string       `json:"serial_nuevo,omitempty"`
	Carta          []byte       `json:"carta,omitempty"`
	CadenaAnterior string       `json:"cadena_carta_anterior,omitempty"`
	Certificado    *Certificado `json:"certificado,omitempty"`
}

// CartaFirmada is POST /renovaciones/{id}/carta-aceptacion and
// /renovaciones/{id}/carta-terminos.
type CartaFirmada struct {
	Carta []byte `json:"carta"`
}

// CSR is POST /renovaciones/{id}/certificado.
type CSR struct {
	CSR []byte `json:"csr"`
}

// AdicionalNuevo is POST /adicionales, authenticated by the main
// certificate.
type AdicionalNuevo struct {
	Persona patron.Adicional `json:"persona"`
	CSR     []byte           `json:"csr"`
}

// Revocacion is POST /certificados/{serial}/revocar (authenticated by that
// certificate) and POST /ventanilla/certificados/{serial}/revocar.
//
// Motivo is one of llave_comprometida, perdida, contrasena_expuesta (all
// keyCompromise), olvido_contrasena, otro (unspecified), reemplazado
// (superseded) or cese (cessationOfOperation). A clerk must also record
// Identificacion, the official ID the holder showed, and may add a Nota;
// both go into the audit record.
type Revocacion struct {
	Motivo         string `json:"motivo,omitempty"`
	Identificacion string `json:"identificacion,omitempty"`
	Nota           string `json:"nota,omitempty"`
}

// CA is GET /ca: the root clients pin and the issuing chain.
type CA struct {
	Raiz   []byte   `json:"raiz"`
	Cadena [][]byte `json:"cadena"` // issuer first, root last
	CRL    string   `json:"crl"`
	OCSP   string   `json:"ocsp"`
}
