package ca

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/store"
)

// An employer follows a Solicitud NPIE with the key its PKCS#10 carries,
// the only secret the request has: the same proof of possession as
// certificate holders (auth.go), a single-use challenge bound to the
// request and signed with that key together with the call's method, path
// and body. Nobody else learns the state or the clerk's reason.

// EstadoSolicitud is a request's state as its employer sees it.
type EstadoSolicitud struct {
	Folio, NPIE string
	// Estado is SolicitudPendiente, SolicitudAprobada, SolicitudRechazada
	// or SolicitudCancelada; never pendiente past the deadline.
	Estado string
	// FechaLimite is the last business day to present the letter, as a
	// date in the CA's zone ("2006-01-02").
	FechaLimite string
	Motivo      string    // the clerk's reason, when rechazada
	Serial      string    // the NPIE's current main certificate, when aprobada
	Resuelta    time.Time // zero while pendiente
}

// Aviso is the catalogue notice of the state, with what to do next.
func (e *EstadoSolicitud) Aviso() *msg.Error {
	return msg.AvisoSolicitud(e.Estado, e.NPIE, e.FechaLimite, e.Motivo)
}

// sujetoSolicitud is what a request's challenges are bound to; a
// certificate's are bound to its serial, which never looks like this.
func sujetoSolicitud(folio string) string { return "solicitud:" + folio }

// solicitudPorRef finds a request by folio or by NPIE.
func (a *Authority) solicitudPorRef(ctx context.Context, ref string) (*store.Solicitud, error) {
	ref = strings.ToLower(strings.Join(strings.Fields(ref), ""))
	if !NPIEValido(ref) {
		return a.Solicitud(ctx, ref)
	}
	s, err := a.db.SolicitudPorNPIE(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		return nil, msg.New(msg.CodeNPIENoEncontrado, ref)
	}
	return s, interno(err, "read request")
}

// RetoSolicitud issues a challenge for a proof of possession of the key
// of the request ref (its folio or its NPIE) to a client at address desde.
func (a *Authority) RetoSolicitud(ctx context.Context, ref, desde string) (string, time.Time, error) {
	s, err := a.solicitudPorRef(ctx, ref)
	if err != nil {
		return "", time.Time{}, err
	}
	return a.nuevoReto(ctx, sujetoSolicitud(s.Folio), desde, a.now())
}

// AutenticarSolicitud checks a proof of possession of the key of the
// request p.Solicitud: the challenge must be one issued for that request
// (it is consumed, right or wrong) and the signature must verify with the
// public key of the request's PKCS#10. A valid signature by another key
// is LLAVE_NO_ES_DE_LA_SOLICITUD.
func (a *Authority) AutenticarSolicitud(ctx context.Context, p Prueba) (*store.Solicitud, error) {
	s, err := a.solicitudPorRef(ctx, p.Solicitud)
	if err != nil {
		return nil, err
	}
	if ok, err := a.consumirReto(ctx, p.Reto, sujetoSolicitud(s.Folio), a.now()); err != nil {
		return nil, err
	} else if !ok {
		return nil, msg.New(msg.CodeRetoInvalido)
	}
	_, pub, err := leerCSR(s.CSR)
	if err != nil {
		return nil, interno(err, "stored request")
	}
	h := sha256.Sum256(p.Mensaje)
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], p.Firma); err != nil {
		return nil, msg.Wrap(err, msg.CodeLlaveSolicitud, p.Solicitud)
	}
	return s, nil
}

// ConsultarSolicitud returns the state of the request whose key signed
// p. A pending request past its deadline is cancelled now, in one
// transaction with its audit record, whether or not the periodic job got
// to it, and reported cancelada.
func (a *Authority) ConsultarSolicitud(ctx context.Context, p Prueba, o Origen) (*EstadoSolicitud, error) {
	s, err := a.AutenticarSolicitud(ctx, p)
	if err != nil {
		return nil, err
	}
	if s, err = a.alDia(ctx, s, o); err != nil {
		return nil, err
	}
	return &EstadoSolicitud{Folio: s.Folio, NPIE: s.NPIE, Estado: s.Estado,
		FechaLimite: a.fechaLimite(s), Motivo: s.Motivo, Serial: s.Serial, Resuelta: s.Resuelta}, nil
}

// alDia cancels s if it is pending past its deadline and returns the
// request as it is now.
func (a *Authority) alDia(ctx context.Context, s *store.Solicitud, o Origen) (*store.Solicitud, error) {
	if s.Estado != SolicitudPendiente || !a.vencida(s, a.now()) {
		return s, nil
	}
	if err := a.cancelar(ctx, s.Folio, Origen{Quien: "sistema", Desde: o.Desde}); err != nil {
		return nil, err
	}
	return a.Solicitud(ctx, s.Folio)
}

// fechaLimite is s's deadline as a date in the CA's zone.
func (a *Authority) fechaLimite(s *store.Solicitud) string {
	return s.FechaLimite.In(a.cfg.Zona).Format("2006-01-02")
}
