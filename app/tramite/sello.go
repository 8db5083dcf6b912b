package tramite

import (
	"context"
	"crypto/x509"
	"path/filepath"

	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/firma"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/crypto"
)

// EstadoCA returns the revocation source firma.OpcionesVerificar.Estado
// takes, asking the CA c about each certificate by serial. A certificate
// the CA does not know, or a CA that does not answer, leaves the status
// unknown.
func EstadoCA(ctx context.Context, c *client.Client) func(cert, issuer *x509.Certificate) (*crypto.Revocation, error) {
	return func(cert, _ *x509.Certificate) (*crypto.Revocation, error) {
		st, err := c.Estado(ctx, crypto.SerialHex(cert))
		if err != nil {
			return nil, err
		}
		r := &crypto.Revocation{Reason: st.Motivo}
		if st.Revocado != nil {
			r.Revoked, r.At = true, *st.Revocado
		}
		return r, nil
	}
}

// VerificarCartaCon is VerificarCarta that also asks the CA c (when not
// nil) whether each signer's certificate is revoked: a time-stamped
// signature made before its certificate was revoked stays valid, with a
// note; one without a time stamp is judged by the status now.
func VerificarCartaCon(ctx context.Context, c *client.Client, ruta string, raicesPEM []byte, lang msg.Lang) ([]firma.Resultado, error) {
	pdf, err := credencial.Leer(ruta)
	if err != nil {
		return nil, err
	}
	o := firma.OpcionesVerificar{}
	if len(raicesPEM) > 0 {
		o.Raices = x509.NewCertPool()
		if !o.Raices.AppendCertsFromPEM(raicesPEM) {
			return nil, msg.New(msg.CodeRaicesInvalidas, "")
		}
	}
	if c != nil {
		o.Estado = EstadoCA(ctx, c)
	}
	return firma.VerificarCon(pdf, filepath.Base(ruta), o, lang)
}
