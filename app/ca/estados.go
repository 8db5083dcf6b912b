package ca

import (
	"time"

	"github.com/seguritools/seguritools/app/store"
)

// Estados of a Solicitud NPIE. A request is born pendiente and ends in
// exactly one of the other three; nothing leaves an end state.
const (
	SolicitudPendiente = "pendiente"
	SolicitudAprobada  = "aprobada"  // the main certificate was issued
	SolicitudRechazada = "rechazada" // by a clerk, with a reason
	SolicitudCancelada = "cancelada" // the 10 business days passed
)

// Estados of an online renewal. The acceptance letter signed with the old
// certificate authorises it; the new certificate is issued against the
// letter's new public key; the renewal's Carta de Términos signed with the
// new certificate completes it. Starting a new renewal of the same
// certificate, or revoking it, cancels an unfinished one.
const (
	RenovacionIniciada           = "iniciada"
	RenovacionCartaFirmada       = "carta_firmada"
	RenovacionCertificadoEmitido = "certificado_emitido"
	RenovacionCompletada         = "completada"
	RenovacionCancelada          = "cancelada"
)

// Estados of a certificate, as status and recovery report them.
const (
	CertVigente        = "vigente"
	CertVencido        = "vencido"
	CertRevocado       = "revocado"
	CertCartaPendiente = "carta_pendiente" // renewed; last letter unsigned
)

// transiciones is the whole state machine of requests and renewals: the
// only changes of Estado the authority makes are listed here.
var transiciones = map[string][]string{
	"solicitud:" + SolicitudPendiente:            {SolicitudAprobada, SolicitudRechazada, SolicitudCancelada},
	"renovacion:" + RenovacionIniciada:           {RenovacionCartaFirmada, RenovacionCancelada},
	"renovacion:" + RenovacionCartaFirmada:       {RenovacionCertificadoEmitido, RenovacionCancelada},
	"renovacion:" + RenovacionCertificadoEmitido: {RenovacionCompletada},
}

// puede reports whether a record of kind ("solicitud", "renovacion") may
// go from state de to state a.
func puede(kind, de, a string) bool {
	for _, x := range transiciones[kind+":"+de] {
		if x == a {
			return true
		}
	}
	return false
}

// EstadoCertificado is c's status at now. Revocation wins over expiry,
// and expiry over a pending renewal letter.
func EstadoCertificado(c *store.Certificado, now time.Time) string {
	switch {
	case !c.Revocado.IsZero():
		return CertRevocado
	case !now.Before(c.NoDespues):
		return CertVencido
	case c.CartaPendiente:
		return CertCartaPendiente
	default:
		return CertVigente
	}
}
