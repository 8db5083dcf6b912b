package tramite

import (
	"context"
	"crypto/rsa"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/crypto"
)

// Llave says where and how a procedure makes the new key pair. The .key
// is written (encrypted with Password) before anything is sent, so an
// answer lost in transit never leaves a request without its key.
type Llave struct {
	Ruta     string // where to write the .key
	Password []byte
	// Usuario is checked against the password policy (the password must
	// differ from it); empty when unknown.
	Usuario  string
	Opciones credencial.Opciones
}

// SolicitarNPIE is the Solicitud NPIE in one call: it validates the data,
// makes and saves the key pair, and sends the data with the PKCS#10. The
// answer carries folio, NPIE, deadline and the Carta de Términos to print,
// sign by hand and take to the subdelegación.
func SolicitarNPIE(ctx context.Context, c *client.Client, datos patron.Solicitud, ll Llave) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	datos = datos.Normalizada()
	key, err := credencial.NuevaLlave(ll.Ruta, ll.Password, datos.Representante.Usuario, ll.Opciones)
	if err != nil {
		return nil, err
	}
	return EnviarSolicitud(ctx, c, datos, key)
}

// ReanudarSolicitud sends the Solicitud NPIE again with the key an earlier
// attempt already wrote to ruta (opened with password): after a failure or
// a crash once the key existed, no new key is made. If the CA had received
// the first attempt, it answers with that same request.
func ReanudarSolicitud(ctx context.Context, c *client.Client, datos patron.Solicitud, ruta string, password []byte) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	key, err := credencial.AbrirLlave(ruta, password)
	if err != nil {
		return nil, err
	}
	return EnviarSolicitud(ctx, c, datos.Normalizada(), key)
}

// EnviarSolicitud builds the PKCS#10 of datos with key (made earlier and
// already on disk) and sends the Solicitud NPIE. Unless ctx carries one
// (client.ConClave), the Idempotency-Key derives from the public key, so
// every attempt with the same key is the same request to the CA.
func EnviarSolicitud(ctx context.Context, c *client.Client, datos patron.Solicitud, key *rsa.PrivateKey) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	datos = datos.Normalizada()
	r := datos.Representante
	csr, err := crypto.CreateRequest(key, crypto.RequestSubject{RFC: r.RFC, CURP: r.CURP,
		Nombre: r.NombreCompleto(), RazonSocial: datos.Empresa.RazonSocial, Correo: r.Correo})
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return c.Solicitar(client.ConClaveDeLlave(ctx, "solicitud", &key.PublicKey), datos, csr)
}

// Solicitud is the Solicitud NPIE (seed 000) as a state machine: the data
// captured and validated (progreso.PasoCaptura, saved without password),
// the key written (PasoLlaveEscrita, before anything is sent), the request
// recorded by the CA with its letter (PasoEnviada), and the certificate
// obtained once a clerk approved it (PasoTerminado). A key a failed
// attempt wrote is reused, never made again.
//
// A Solicitud is used by one goroutine at a time.
type Solicitud struct {
	T     *progreso.Tramite
	a     *progreso.Almacen
	c     *client.Client
	llave *rsa.PrivateKey
}

// NuevaSolicitud starts a Solicitud NPIE.
func NuevaSolicitud(a *progreso.Almacen, c *client.Client) *Solicitud {
	return &Solicitud{T: a.Nuevo(progreso.Solicitud), a: a, c: c}
}

// ReanudarSolicitudDe continues the saved procedure t.
func ReanudarSolicitudDe(a *progreso.Almacen, c *client.Client, t *progreso.Tramite) *Solicitud {
	return &Solicitud{T: t, a: a, c: c}
}

// Paso is the step the procedure stands at.
func (s *Solicitud) Paso() string { return s.T.Paso }

// LlaveAbierta reports whether the key is open in memory.
func (s *Solicitud) LlaveAbierta() bool { return s.llave != nil }

// Capturar keeps the validated data and where the key will be written
// (never the password), so a closed window comes back to the review.
func (s *Solicitud) Capturar(datos patron.Solicitud, llave string) error {
	if s.T.Paso != "" && s.T.Paso != progreso.PasoCaptura {
		return msg.New(msg.CodeTramitePaso)
	}
	if ps := datos.Validar(); ps.HayErrores() {
		return problemasError(ps)
	}
	d := datos.Normalizada()
	s.T.Datos, s.T.Llave, s.T.Paso = &d, strings.TrimSpace(llave), progreso.PasoCaptura
	return guardarEn(s.a, s.T)
}

// GenerarLlave makes the key pair and writes it where Capturar said,
// protected by password, and records the step before anything is sent.
func (s *Solicitud) GenerarLlave(password []byte, o credencial.Opciones) error {
	if s.T.Paso != progreso.PasoCaptura {
		return msg.New(msg.CodeTramitePaso)
	}
	k, err := credencial.NuevaLlave(s.T.Llave, password, s.T.Datos.Representante.Usuario, o)
	if err != nil {
		return err
	}
	s.llave = k
	s.T.HuellaLlave, s.T.Paso = credencial.HuellaLlave(&k.PublicKey), progreso.PasoLlaveEscrita
	return guardarEn(s.a, s.T)
}

// AbrirLlave opens again, after a restart, the key this procedure made.
func (s *Solicitud) AbrirLlave(password []byte) error {
	k, err := AbrirLlaveDe(s.T, password)
	if err != nil {
		return err
	}
	s.llave = k
	return nil
}

// Enviar sends the request with the key on disk and keeps the Carta de
// Términos the CA served. Sending again after a lost answer gets the CA's
// first answer.
func (s *Solicitud) Enviar(ctx context.Context) error {
	if err := conectado(s.c); err != nil {
		return err
	}
	if s.T.Paso != progreso.PasoLlaveEscrita || s.llave == nil {
		return msg.New(msg.CodeTramitePaso)
	}
	ctx, err := Enviando(ctx, s.a, s.T)
	if err != nil {
		return err
	}
	r, err := EnviarSolicitud(ctx, s.c, *s.T.Datos, s.llave)
	if err != nil {
		return err
	}
	s.T.Folio, s.T.NPIE, s.T.FechaLimite = r.Folio, r.NPIE, r.FechaLimite
	if len(r.Carta) > 0 {
		p, err := s.a.GuardarArchivo(s.T, "CartaTerminosyCondiciones.pdf", r.Carta)
		if err != nil {
			return msg.Wrap(err, msg.CodeInterno)
		}
		s.T.Carta = p
	}
	s.T.Paso = progreso.PasoEnviada
	return guardarEn(s.a, s.T)
}

// Obtener downloads the certificate a clerk approved, joins it with the
// key at llave (opened with password; it must be this procedure's key)
// and writes the .pfx to pfx, never over an existing file.
func (s *Solicitud) Obtener(ctx context.Context, llave string, password []byte, pfx string) error {
	if err := conectado(s.c); err != nil {
		return err
	}
	if s.T.Paso != progreso.PasoEnviada {
		return msg.New(msg.CodeTramitePaso)
	}
	if p := ValidarDestino("pfx", pfx, ".pfx"); p != nil {
		return msg.New(p.Codigo)
	}
	s.T.Llave = llave
	k, err := AbrirLlaveDe(s.T, password)
	if err != nil {
		return err
	}
	s.llave = k
	cred, err := s.c.Obtener(ctx, s.T.NPIE, k)
	switch msg.CodeOf(err) {
	case "":
	case msg.CodeSolicitudPendiente, msg.CodeSolicitudRechazada, msg.CodeSolicitudCancelada:
		// Keep what the CA said, so the screens and Home show it.
		s.Consultar(ctx, nil)
		return err
	default:
		return err
	}
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, password, pfx, false); err != nil {
		return err
	}
	if s.a != nil {
		d := crypto.Describe(cred.Certificate, time.Now())
		s.a.RecordarCertificado(progreso.Certificado{Archivo: pfx, Serial: d.Serial, NPIE: s.T.NPIE, Tipo: progreso.TipoPrincipal,
			Titular: d.Nombre, NoDespues: cred.Certificate.NotAfter})
	}
	s.T.PFX, s.T.Serial, s.T.Paso = pfx, crypto.SerialHex(cred.Certificate), progreso.PasoTerminado
	return guardarEn(s.a, s.T)
}

func guardarEn(a *progreso.Almacen, t *progreso.Tramite) error {
	if err := a.Guardar(t); err != nil {
		return msg.Wrap(err, msg.CodeInterno)
	}
	return nil
}

// Estados of a request at the CA (wire.EstadoSolicitud.Estado).
const (
	SolicitudPendiente = "pendiente"
	SolicitudAprobada  = "aprobada"
	SolicitudRechazada = "rechazada"
	SolicitudCancelada = "cancelada"
)

// Consultar asks the CA for the request's state, proving possession of
// its key (opened with password when not in memory), and keeps what it
// said in the progress. The answer is the catalogue message that tells
// the employer what it means and what to do (pending with its deadline,
// approved, rejected with the clerk's reason, cancelled).
func (s *Solicitud) Consultar(ctx context.Context, password []byte) (*msg.Error, error) {
	if err := conectado(s.c); err != nil {
		return nil, err
	}
	if s.T.Paso != progreso.PasoEnviada && s.T.Paso != progreso.PasoTerminado {
		return nil, msg.New(msg.CodeTramitePaso)
	}
	if s.llave == nil {
		if err := s.AbrirLlave(password); err != nil {
			return nil, err
		}
	}
	ref := s.T.Folio
	if ref == "" {
		ref = s.T.NPIE
	}
	st, err := s.c.EstadoSolicitud(ctx, ref, s.llave)
	if err != nil {
		return nil, err
	}
	s.T.EstadoSolicitud, s.T.Motivo = st.Estado, st.Motivo
	if st.FechaLimite != "" {
		s.T.FechaLimite = st.FechaLimite
	}
	if err := guardarEn(s.a, s.T); err != nil {
		return nil, err
	}
	return AvisoDe(s.T, time.Now()), nil
}

// AvisoDe is what the app can say of request t without asking the CA:
// its last known state, or cancelled once the deadline passed while
// pending. nil when nothing is known.
func AvisoDe(t *progreso.Tramite, now time.Time) *msg.Error {
	estado := t.EstadoSolicitud
	if estado == "" && t.Paso == progreso.PasoEnviada {
		estado = SolicitudPendiente
	}
	if estado == SolicitudPendiente && t.FechaLimite != "" {
		if limite, err := time.ParseInLocation("2006-01-02", t.FechaLimite, time.Local); err == nil && now.After(limite.AddDate(0, 0, 1)) {
			estado = SolicitudCancelada
		}
	}
	if estado == "" {
		return nil
	}
	return msg.AvisoSolicitud(estado, t.NPIE, t.FechaLimite, t.Motivo)
}

// Cerrada reports whether the request can no longer give a certificate
// (rejected, or cancelled by the CA or by its deadline passing): a new
// request is the way on.
func Cerrada(t *progreso.Tramite) bool {
	if t.EstadoSolicitud == SolicitudRechazada || t.EstadoSolicitud == SolicitudCancelada {
		return true
	}
	a := AvisoDe(t, time.Now())
	return a != nil && a.Code == msg.CodeSolicitudCancelada
}
