package ca

import (
	"bytes"
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/calendario"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/store"
)

// ErrProblemas carries the field problems of refused employer data; the
// HTTP layer lists them next to the error code.
type ErrProblemas struct {
	Err       *msg.Error
	Problemas patron.Problemas
}

func (e *ErrProblemas) Error() string { return e.Err.Error() }
func (e *ErrProblemas) Unwrap() error { return e.Err }

func problemas(ps patron.Problemas) error {
	var txt []string
	for _, p := range ps {
		if !p.Aviso {
			txt = append(txt, p.Campo+": "+p.Codigo)
		}
	}
	return &ErrProblemas{Err: msg.New(msg.CodeSolicitudInvalida, strings.Join(txt, ", ")), Problemas: ps}
}

// Solicitar records a new request: it validates the employer data as the
// client does, checks the PKCS#10, assigns folio and NPIE, renders the
// Carta de Términos and stores it. A second active request for the same
// registro patronal and usuario is refused.
func (a *Authority) Solicitar(ctx context.Context, datos patron.Solicitud, csr []byte, o Origen) (*store.Solicitud, error) {
	if ref, err := a.repetida(ctx, o, opSolicitud); err != nil || ref != "" {
		if err != nil {
			return nil, err
		}
		return a.conCarta(ctx, ref)
	}
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemas(ps)
	}
	d := datos.Normalizada()
	_, pub, err := leerCSR(csr)
	if err != nil {
		return nil, err
	}
	// Milliseconds, as the store keeps it: the letter is rendered again
	// from the stored time and must come out the same.
	now := time.UnixMilli(a.now().UnixMilli())
	s := &store.Solicitud{
		Folio:            nuevoID(),
		NPIE:             nuevoNPIE(),
		Usuario:          d.Representante.Usuario,
		RegistroPatronal: d.Empresa.RegistroPatronal,
		RFC:              d.Empresa.RFC,
		Estado:           SolicitudPendiente,
		Activa:           true,
		CSR:              csr,
		Creada:           now,
		FechaLimite:      calendario.FechaLimite(now.In(a.cfg.Zona), a.cfg.DiasPlazo),
	}
	if s.Datos, err = json.Marshal(d); err != nil {
		return nil, interno(err, "encode data")
	}
	// The store's unique index on (registro patronal, usuario) of active
	// requests is what refuses a duplicate, atomically.
	s.LugarCarta = a.cfg.Subdelegacion
	carta, err := a.renderTerminos(s, d, pub)
	if err != nil {
		return nil, err
	}
	s.HashCarta = hashCarta(carta)
	err = a.db.Update(ctx, a.evento(o, "solicitud.crear", s.Folio, "npie="+s.NPIE), func(tx store.Tx) error {
		// Counted inside the change: the single writer makes the cap exact.
		n, err := tx.Pendientes(ctx)
		if err != nil {
			return err
		}
		if n >= a.cfg.MaxPendientes {
			return msg.New(msg.CodeVentanillaLlena)
		}
		if err := tx.PutSolicitud(ctx, s); err != nil {
			return err
		}
		return a.recordar(ctx, tx, o, opSolicitud, s.Folio)
	})
	if errors.Is(err, store.ErrDuplicate) {
		if ref, rerr := a.repetida(ctx, o, opSolicitud); rerr == nil && ref != "" {
			return a.conCarta(ctx, ref)
		}
		return nil, msg.Wrap(err, msg.CodeSolicitudDuplicada)
	}
	if err != nil {
		return nil, interno(err, "store request")
	}
	s.Carta = carta
	return s, nil
}

// renderTerminos renders the Carta de Términos of s as it was served when
// s was made (its folio, time, place and key).
func (a *Authority) renderTerminos(s *store.Solicitud, d patron.Solicitud, pub *rsa.PublicKey) ([]byte, error) {
	dc := a.paraCarta(DatosCarta{Folio: s.Folio, NPIE: s.NPIE, Usuario: s.Usuario, Datos: d, Llave: spki(pub), Fecha: s.Creada})
	if s.LugarCarta != "" {
		dc.Subdelegacion = s.LugarCarta
	}
	b, err := a.cartas.Terminos(dc)
	if err != nil {
		return nil, interno(err, "render Carta de Términos")
	}
	return b, nil
}

// CartaSolicitud returns the Carta de Términos of a request, the same
// bytes it was served with: a request keeps the letter's hash, not the
// letter, and the letter is rendered again and checked against it.
func (a *Authority) CartaSolicitud(s *store.Solicitud) ([]byte, error) {
	if len(s.Carta) > 0 {
		return s.Carta, nil
	}
	var d patron.Solicitud
	if err := json.Unmarshal(s.Datos, &d); err != nil {
		return nil, interno(err, "stored data")
	}
	_, pub, err := leerCSR(s.CSR)
	if err != nil {
		return nil, interno(err, "stored request")
	}
	b, err := a.renderTerminos(s, d, pub)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(hashCarta(b), s.HashCarta) {
		return nil, interno(errors.New("the Carta de Términos renders differently from the one served"), "render Carta de Términos")
	}
	return b, nil
}

// conCarta returns the request folio with its letter, for a retried call.
func (a *Authority) conCarta(ctx context.Context, folio string) (*store.Solicitud, error) {
	s, err := a.Solicitud(ctx, folio)
	if err != nil {
		return nil, err
	}
	if s.Carta, err = a.CartaSolicitud(s); err != nil {
		return nil, err
	}
	return s, nil
}

// Solicitud returns a request by folio.
func (a *Authority) Solicitud(ctx context.Context, folio string) (*store.Solicitud, error) {
	s, err := a.db.Solicitud(ctx, strings.ToLower(strings.Join(strings.Fields(folio), "")))
	if errors.Is(err, store.ErrNotFound) {
		return nil, msg.New(msg.CodeSolicitudNoEncontrada, folio)
	}
	return s, interno(err, "read request")
}

// Buscar lists requests for the clerk. Requests past their deadline are
// cancelled first, so a pending list never offers an expired request.
func (a *Authority) Buscar(ctx context.Context, f store.Filtro) ([]store.Solicitud, error) {
	if err := a.CancelarVencidas(ctx); err != nil {
		return nil, err
	}
	if f.Folio != "" {
		f.Folio = strings.ToLower(strings.Join(strings.Fields(f.Folio), ""))
	}
	if f.RegistroPatronal != "" {
		if rp, p := patron.ValidarRegistroPatronal(f.RegistroPatronal); p == nil {
			f.RegistroPatronal = rp
		}
	}
	f.RFC = strings.ToUpper(strings.TrimSpace(f.RFC))
	ss, err := a.db.BuscarSolicitudes(ctx, f)
	return ss, interno(err, "search requests")
}

// vencida reports whether s's deadline has passed at now: the whole
// FechaLimite day counts.
func (a *Authority) vencida(s *store.Solicitud, now time.Time) bool {
	return !now.Before(s.FechaLimite.In(a.cfg.Zona).AddDate(0, 0, 1))
}

// CancelarVencidas moves every pending request past its deadline to
// cancelada. refca serve also runs it periodically.
func (a *Authority) CancelarVencidas(ctx context.Context) error {
	ss, err := a.db.BuscarSolicitudes(ctx, store.Filtro{Estado: SolicitudPendiente})
	if err != nil {
		return interno(err, "search pending")
	}
	now := a.now()
	for i := range ss {
		if a.vencida(&ss[i], now) {
			if err := a.cancelar(ctx, ss[i].Folio, Origen{Quien: "sistema"}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *Authority) cancelar(ctx context.Context, folio string, o Origen) error {
	return interno(a.db.Update(ctx, a.evento(o, "solicitud.cancelar", folio, "plazo vencido"), func(tx store.Tx) error {
		s, err := tx.Solicitud(ctx, folio)
		if err != nil {
			return err
		}
		if !puede("solicitud", s.Estado, SolicitudCancelada) {
			return nil // resolved meanwhile
		}
		s.Estado, s.Activa, s.Resuelta = SolicitudCancelada, false, a.now()
		return tx.PutSolicitud(ctx, s)
	}), "cancel request")
}

// Aprobar is the clerk's approval: with the three documents checked, the
// main certificate is issued and the request becomes aprobada. A request
// past its deadline is cancelled instead and the approval refused.
func (a *Authority) Aprobar(ctx context.Context, folio string, docs Documentos, o Origen) (*store.Solicitud, *store.Certificado, error) {
	if ref, err := a.repetida(ctx, o, opAprobar); err != nil || ref != "" {
		if err != nil {
			return nil, nil, err
		}
		return a.aprobada(ctx, ref)
	}
	s, err := a.Solicitud(ctx, folio)
	if err != nil {
		return nil, nil, err
	}
	if s.Estado != SolicitudPendiente {
		return nil, nil, msg.New(msg.CodeSolicitudNoPendiente, s.Folio, s.Estado)
	}
	if a.vencida(s, a.now()) {
		if err := a.cancelar(ctx, s.Folio, o); err != nil {
			return nil, nil, err
		}
		return nil, nil, msg.New(msg.CodeSolicitudVencida, s.Folio, a.fechaLimite(s))
	}
	if !docs.CartaFirmadaAutografa || !docs.IdentificacionOficial || !docs.TarjetaIdentificacionPatronal {
		return nil, nil, msg.New(msg.CodeDocumentosIncompletos)
	}
	var d patron.Solicitud
	if err := json.Unmarshal(s.Datos, &d); err != nil {
		return nil, nil, interno(err, "stored data")
	}
	_, pub, err := leerCSR(s.CSR)
	if err != nil {
		return nil, nil, err
	}
	now := a.now()
	x, err := a.emitir(sujetoDe(d), pub, now.Add(a.cfg.Validez))
	if err != nil {
		return nil, nil, interno(err, "issue")
	}
	c := &store.Certificado{Serial: serialHex(x.SerialNumber), NPIE: s.NPIE, Tipo: store.TipoPrincipal,
		DER: x.Raw, NoAntes: x.NotBefore, NoDespues: x.NotAfter, Emitido: now}
	docsJSON, _ := json.Marshal(docs)
	err = a.db.Update(ctx, a.evento(o, "solicitud.aprobar", s.Folio, "serial="+c.Serial), func(tx store.Tx) error {
		cur, err := tx.Solicitud(ctx, s.Folio)
		if err != nil {
			return err
		}
		if !puede("solicitud", cur.Estado, SolicitudAprobada) {
			return msg.New(msg.CodeSolicitudNoPendiente, cur.Folio, cur.Estado)
		}
		if err := tx.PutCertificado(ctx, c); err != nil {
			return err
		}
		cur.Estado, cur.Serial, cur.Resuelta, cur.Clerk, cur.Documentos = SolicitudAprobada, c.Serial, now, clerkDe(o), docsJSON
		if err := tx.PutSolicitud(ctx, cur); err != nil {
			return err
		}
		s = cur
		return a.recordar(ctx, tx, o, opAprobar, cur.Folio)
	})
	if err != nil {
		if ref := a.repetidaTras(ctx, o, opAprobar); ref != "" {
			return a.aprobada(ctx, ref)
		}
		return nil, nil, interno(err, "approve")
	}
	return s, c, nil
}

func (a *Authority) aprobada(ctx context.Context, folio string) (*store.Solicitud, *store.Certificado, error) {
	s, err := a.Solicitud(ctx, folio)
	if err != nil {
		return nil, nil, err
	}
	c, err := a.certificado(ctx, s.Serial)
	return s, c, err
}

// Rechazar is the clerk's rejection with a reason.
func (a *Authority) Rechazar(ctx context.Context, folio, motivo string, o Origen) (*store.Solicitud, error) {
	if ref, err := a.repetida(ctx, o, opRechazar); err != nil || ref != "" {
		if err != nil {
			return nil, err
		}
		return a.Solicitud(ctx, ref)
	}
	motivo = strings.TrimSpace(motivo)
	if motivo == "" || len(motivo) > 500 {
		return nil, msg.New(msg.CodeMotivoRequerido)
	}
	s, err := a.Solicitud(ctx, folio)
	if err != nil {
		return nil, err
	}
	if s.Estado == SolicitudPendiente && a.vencida(s, a.now()) {
		if err := a.cancelar(ctx, s.Folio, o); err != nil {
			return nil, err
		}
		return nil, msg.New(msg.CodeSolicitudVencida, s.Folio, a.fechaLimite(s))
	}
	err = a.db.Update(ctx, a.evento(o, "solicitud.rechazar", s.Folio, motivo), func(tx store.Tx) error {
		cur, err := tx.Solicitud(ctx, s.Folio)
		if err != nil {
			return err
		}
		if !puede("solicitud", cur.Estado, SolicitudRechazada) {
			return msg.New(msg.CodeSolicitudNoPendiente, cur.Folio, cur.Estado)
		}
		cur.Estado, cur.Activa, cur.Resuelta, cur.Clerk, cur.Motivo = SolicitudRechazada, false, a.now(), clerkDe(o), motivo
		s = cur
		if err := tx.PutSolicitud(ctx, cur); err != nil {
			return err
		}
		return a.recordar(ctx, tx, o, opRechazar, cur.Folio)
	})
	if err != nil {
		if ref := a.repetidaTras(ctx, o, opRechazar); ref != "" {
			return a.Solicitud(ctx, ref)
		}
		return nil, interno(err, "reject")
	}
	return s, nil
}

// Constancia renders the Constancia de recepción of an approved request.
func (a *Authority) Constancia(ctx context.Context, folio string) ([]byte, error) {
	s, c, err := a.aprobadaOError(ctx, folio)
	if err != nil {
		return nil, err
	}
	var d patron.Solicitud
	if err := json.Unmarshal(s.Datos, &d); err != nil {
		return nil, interno(err, "stored data")
	}
	clerk, err := a.nombreClerk(ctx, s.Clerk)
	if err != nil {
		return nil, err
	}
	// Vigencia desde is the certificate's own notBefore, not the time of
	// the approval: issuing backdates notBefore for clients' clock skew.
	pdf, err := a.cartas.Constancia(a.paraCarta(DatosCarta{Folio: s.Folio, NPIE: s.NPIE, Usuario: s.Usuario, Datos: d,
		Serial: c.Serial, Fecha: s.Resuelta, Clerk: clerk, NoAntes: c.NoAntes, NoDespues: c.NoDespues}))
	return pdf, interno(err, "render Constancia")
}

func (a *Authority) aprobadaOError(ctx context.Context, folio string) (*store.Solicitud, *store.Certificado, error) {
	s, err := a.Solicitud(ctx, folio)
	if err != nil {
		return nil, nil, err
	}
	if s.Estado != SolicitudAprobada {
		return nil, nil, msg.New(msg.CodeSolicitudNoPendiente, s.Folio, s.Estado)
	}
	c, err := a.certificado(ctx, s.Serial)
	return s, c, err
}

func clerkDe(o Origen) string { return strings.TrimPrefix(o.Quien, "clerk:") }

func sujetoDe(d patron.Solicitud) sujeto {
	r := d.Representante
	return sujeto{Nombre: r.NombreCompleto(), RazonSocial: d.Empresa.RazonSocial, RFCEmpresa: d.Empresa.RFC,
		RFC: r.RFC, CURP: r.CURP, Correo: r.Correo, Nombres: r.Nombre, Apellidos: apellidos(r.ApellidoPaterno, r.ApellidoMaterno)}
}

// sujetoAdicional is who an additional certificate of d's employer is
// issued to: the person p.
func sujetoAdicional(d patron.Solicitud, p patron.Adicional) sujeto {
	return sujeto{Nombre: p.NombreCompleto(), RazonSocial: d.Empresa.RazonSocial, RFCEmpresa: d.Empresa.RFC,
		RFC: p.RFC, CURP: p.CURP, Correo: p.Correo, Nombres: p.Nombre, Apellidos: apellidos(p.ApellidoPaterno, p.ApellidoMaterno)}
}

func apellidos(paterno, materno string) string {
	return strings.TrimSpace(paterno + " " + materno)
}

// Documentos is the clerk's checklist; all three must be checked. It is
// stored with the approval, in this JSON form.
type Documentos struct {
	CartaFirmadaAutografa         bool `json:"carta_firmada_autografa"`
	IdentificacionOficial         bool `json:"identificacion_oficial"`
	TarjetaIdentificacionPatronal bool `json:"tarjeta_identificacion_patronal"`
}

// EstadoDe is s's state now: a pending request past its deadline is
// cancelada even before the store says so.
func (a *Authority) EstadoDe(s *store.Solicitud) string {
	if s.Estado == SolicitudPendiente && a.vencida(s, a.now()) {
		return SolicitudCancelada
	}
	return s.Estado
}

// FechaLimite is s's last business day, a date in the CA's zone
// ("2006-01-02").
func (a *Authority) FechaLimite(s *store.Solicitud) string { return a.fechaLimite(s) }
