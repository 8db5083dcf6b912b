package api

import (
	"context"
	"encoding/json"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/store"
)

// The wire forms of the authority's records: what each answer shows.

// vistaSolicitud is a request as the employer or the clerk sees it;
// conDatos adds the employer data (clerk views). A pending request past
// its deadline shows as cancelada.
func (s *Server) vistaSolicitud(sol *store.Solicitud, conDatos bool) wire.Solicitud {
	w := wire.Solicitud{Folio: sol.Folio, NPIE: sol.NPIE, Usuario: sol.Usuario, RegistroPatronal: sol.RegistroPatronal,
		RFC: sol.RFC, Estado: s.a.EstadoDe(sol), Creada: sol.Creada, FechaLimite: s.a.FechaLimite(sol),
		Serial: sol.Serial, Motivo: sol.Motivo, Clerk: sol.Clerk}
	var d patron.Solicitud
	if json.Unmarshal(sol.Datos, &d) == nil {
		w.RazonSocial = d.Empresa.RazonSocial
		if conDatos {
			w.Datos = &d
		}
	}
	return w
}

// vistaCertificado is a certificate with its chain and status; a revoked
// one says when, why and, when a renewal replaced it, by which serial.
func (s *Server) vistaCertificado(ctx context.Context, c *store.Certificado) (wire.Certificado, error) {
	e, err := s.vistaEstado(ctx, c)
	w := wire.Certificado{Serial: c.Serial, NPIE: c.NPIE, Tipo: c.Tipo, Principal: c.Principal,
		Estado: e.Estado, NoAntes: c.NoAntes, NoDespues: c.NoDespues, Revocado: e.Revocado, Causa: e.Causa,
		ReemplazadoPor: e.ReemplazadoPor, Certificado: c.DER}
	for _, x := range s.a.Cadena() {
		w.Cadena = append(w.Cadena, x.Raw)
	}
	return w, err
}

// vistaEstado is a certificate's status.
func (s *Server) vistaEstado(ctx context.Context, c *store.Certificado) (wire.Estado, error) {
	w := wire.Estado{Serial: c.Serial, Estado: s.a.EstadoActual(c), NoDespues: c.NoDespues, Tipo: c.Tipo, NPIE: c.NPIE}
	if c.Revocado.IsZero() {
		return w, nil
	}
	t := c.Revocado
	w.Revocado, w.Motivo, w.Causa = &t, c.MotivoRevocacion, s.a.CausaRevocacion(c)
	var err error
	w.ReemplazadoPor, err = s.a.Reemplazo(ctx, c)
	return w, err
}

// vistaRenovacion is a renewal's progress, with the letter to sign next
// and, once issued, the new certificate.
func (s *Server) vistaRenovacion(ctx context.Context, r *store.Renovacion) (wire.Renovacion, error) {
	w := wire.Renovacion{ID: r.ID, NPIE: r.NPIE, SerialAnterior: r.SerialAnterior, Estado: r.Estado, SerialNuevo: r.SerialNuevo}
	w.Carta = s.a.CartaPorFirmar(r)
	if len(r.CartaAceptacionFirmada) > 0 {
		w.CadenaAnterior = carta.CadenaIdentificacion(r.CartaAceptacionFirmada)
	}
	if r.SerialNuevo != "" {
		c, err := s.a.Certificado(ctx, r.SerialNuevo)
		if err != nil {
			return w, err
		}
		v, err := s.vistaCertificado(ctx, c)
		if err != nil {
			return w, err
		}
		w.Certificado = &v
	}
	return w, nil
}

// vistaEstadoSolicitud is a request's state as its employer sees it.
func vistaEstadoSolicitud(e *ca.EstadoSolicitud) wire.EstadoSolicitud {
	v := wire.EstadoSolicitud{Folio: e.Folio, NPIE: e.NPIE, Estado: e.Estado, FechaLimite: e.FechaLimite,
		Motivo: e.Motivo, Serial: e.Serial}
	if !e.Resuelta.IsZero() {
		t := e.Resuelta
		v.Resuelta = &t
	}
	return v
}
