package ca

import (
	"context"
	"strings"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
)

// The data an employer captured in the Solicitud NPIE are personal: only
// the holder of the NPIE's main certificate reads them, with the same
// proof of possession as the other certificate calls (auth.go). A renewal
// shows them and lets only the correo, teléfono and fax change; the
// changes a previous renewal made are already in them (EmitirRenovacion
// stores the data with its changes).

// DatosPatron is the current data of an NPIE, as the holder of its main
// certificate reads them.
type DatosPatron struct {
	NPIE, Usuario string
	// Serial is the certificate that proved possession.
	Serial string
	// Solicitud is the employer data as captured, with the email, phone
	// and fax of the latest renewal; CorreoConfirmacion is empty.
	Solicitud patron.Solicitud
}

// DatosDe returns the current data of the NPIE of certificate serial to
// whoever proves possession of that certificate's key with p (the proof
// must be for serial itself). A revoked certificate is refused with
// CERTIFICADO_REVOCADO and an additional one with
// CERTIFICADO_NO_PRINCIPAL; an expired one may read them, since the
// renewal of an expired certificate starts from them. Reading changes
// nothing and is not audited, like the other reads.
func (a *Authority) DatosDe(ctx context.Context, serial string, p Prueba) (*DatosPatron, error) {
	c, _, err := a.Autenticar(ctx, p, UsoConsultarDatos)
	if err != nil {
		return nil, err
	}
	if c.Serial != strings.ToLower(serial) {
		return nil, msg.New(msg.CodeFirmaInvalida)
	}
	s, d, err := a.datosNPIE(ctx, c.NPIE)
	if err != nil {
		return nil, err
	}
	d.Representante.CorreoConfirmacion = ""
	return &DatosPatron{NPIE: s.NPIE, Usuario: s.Usuario, Serial: c.Serial, Solicitud: d}, nil
}
