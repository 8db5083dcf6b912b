package client

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"strings"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// Obtener downloads the current main certificate of an NPIE and joins it
// with key (the user's own .key) into a credential ready for a .pfx. It is
// also the recovery path. A key that is not the certificate's is refused.
// When the NPIE has no certificate, the request's state, asked with key,
// says why: SOLICITUD_PENDIENTE (with the deadline), SOLICITUD_RECHAZADA
// (with the clerk's reason) or SOLICITUD_CANCELADA.
func (c *Client) Obtener(ctx context.Context, npie string, key *rsa.PrivateKey) (*secrypto.Credential, error) {
	npie = strings.TrimSpace(npie)
	n, err := c.SerialDeNPIE(ctx, npie)
	if msg.CodeOf(err) == msg.CodeNPIENoEncontrado {
		st, serr := c.EstadoSolicitud(ctx, npie, key)
		if serr != nil {
			switch msg.CodeOf(serr) {
			case msg.CodeLlaveSolicitud, msg.CodeServidorNoDisponible, msg.CodeDemasiadosIntentos:
				return nil, serr
			}
			return nil, err // no request either: the NPIE is unknown
		}
		if st.Estado != "aprobada" || st.Serial == "" {
			if aviso := msg.AvisoSolicitud(st.Estado, st.NPIE, st.FechaLimite, st.Motivo); aviso != nil {
				return nil, aviso
			}
			return nil, msg.New(msg.CodeRespuestaInvalida, "estado "+st.Estado)
		}
		return c.ObtenerSerial(ctx, st.Serial, key)
	}
	if err != nil {
		return nil, err
	}
	return c.ObtenerSerial(ctx, n.Serial, key)
}

// ObtenerSerial is Obtener by serial number.
func (c *Client) ObtenerSerial(ctx context.Context, serial string, key *rsa.PrivateKey) (*secrypto.Credential, error) {
	w, err := c.Certificado(ctx, serial)
	if err != nil {
		return nil, err
	}
	return CredencialDe(w, key)
}

// CredencialDe parses a downloaded certificate and chain and checks that
// key belongs to it.
func CredencialDe(w *wire.Certificado, key *rsa.PrivateKey) (*secrypto.Credential, error) {
	cert, err := x509.ParseCertificate(w.Certificado)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeRespuestaInvalida, "certificado")
	}
	if !secrypto.KeyMatches(key, cert) {
		return nil, msg.New(msg.CodeLlaveAjena)
	}
	cred := &secrypto.Credential{Key: key, Certificate: cert}
	for _, der := range w.Cadena {
		x, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeRespuestaInvalida, "cadena")
		}
		cred.Chain = append(cred.Chain, x)
	}
	return cred, nil
}
