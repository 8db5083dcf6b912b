package client

import (
	"context"
	"crypto/rsa"
	"net/http"
	"strings"

	"github.com/seguritools/seguritools/app/api/wire"
)

// EstadoSolicitud returns the state of the Solicitud NPIE ref (its folio
// or its NPIE), proving possession of the request's key (the .key saved
// when the request was made): pendiente with its deadline, aprobada with
// the certificate's serial, rechazada with the clerk's reason, or
// cancelada. Another key is refused with LLAVE_NO_ES_DE_LA_SOLICITUD.
// msg.AvisoSolicitud turns the answer into the notice to show.
func (c *Client) EstadoSolicitud(ctx context.Context, ref string, key *rsa.PrivateKey) (*wire.EstadoSolicitud, error) {
	ref = strings.ToLower(strings.Join(strings.Fields(ref), ""))
	var out wire.EstadoSolicitud
	err := c.probado(ctx, wire.RetoNuevo{Solicitud: ref}, "solicitud="+ref, key, http.MethodGet,
		p+"/solicitudes/"+esc(ref)+"/estado", nil, &out, false)
	return &out, err
}
