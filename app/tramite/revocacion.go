package tramite

import (
	"context"
	"time"

	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/crypto"
)

// Revocacion is the online revocation (seed 004) of the certificate the
// user opened, checked with the CA as soon as it is open.
type Revocacion struct {
	// Info describes the certificate; Adicional is true for a
	// Certificado Digital Adicional (revoking it leaves the main one and
	// the NPIE untouched).
	Info      Info
	Adicional bool
	a         *progreso.Almacen
	c         *client.Client
	cred      *crypto.Credential
}

// AbrirParaRevocar opens the certificate to revoke and asks the CA about
// it: one already revoked or replaced stops here with its advice. aviso is
// set when the CA could not be asked.
func AbrirParaRevocar(ctx context.Context, c *client.Client, a *progreso.Almacen, pfx string, password []byte) (r *Revocacion, aviso, err error) {
	cred, err := credencial.AbrirPFX(pfx, password)
	if err != nil {
		return nil, nil, err
	}
	if aviso, err = Revisar(ctx, c, a, cred.Certificate, ParaRevocar, time.Now()); err != nil {
		return nil, nil, err
	}
	r = &Revocacion{Info: Describir(cred.Certificate), a: a, c: c, cred: cred}
	if c != nil {
		if w, err := c.Certificado(ctx, r.Info.Serial); err == nil {
			r.Adicional = w.Tipo == progreso.TipoAdicional
		}
	}
	return r, aviso, nil
}

// Revocar revokes the certificate with motivo (the API's word: "",
// llave_comprometida, cese) and forgets it, and for a main certificate
// its additionals, in Mis certificados.
func (r *Revocacion) Revocar(ctx context.Context, motivo string) (*EstadoCertificado, error) {
	if err := conectado(r.c); err != nil {
		return nil, err
	}
	st, err := r.c.Revocar(ctx, r.cred, motivo)
	if err != nil {
		return nil, err
	}
	// The certificate is revoked whatever happens to the list: a failure
	// to tidy "Mis certificados" must not read as a failed revocation.
	_ = OlvidarRevocado(ctx, r.c, r.a, st)
	return st, nil
}

// BuscarSerial is the Recuperación's first step (seed 004): the serial
// number of the NPIE's current certificate.
func BuscarSerial(ctx context.Context, c *client.Client, npie string) (string, error) {
	if err := conectado(c); err != nil {
		return "", err
	}
	w, err := c.SerialDeNPIE(ctx, npie)
	if err != nil {
		return "", err
	}
	return w.Serial, nil
}

// Recuperar downloads the certificate of serial again and rebuilds the
// .pfx at pfx with the user's own key (llave, opened with password; a key
// that is not the certificate's is refused), never over an existing file.
func Recuperar(ctx context.Context, c *client.Client, a *progreso.Almacen, serial, llave string, password []byte, pfx string) error {
	if err := conectado(c); err != nil {
		return err
	}
	k, err := credencial.AbrirLlave(llave, password)
	if err != nil {
		return err
	}
	cred, err := c.ObtenerSerial(ctx, serial, k)
	if err != nil {
		return err
	}
	return GuardarPFX(a, cred, password, pfx)
}

// Conexion is the configured CA, as the screens hold it.
type Conexion = client.Client

// Conectar checks a CA's address and pinned root (PEM) and returns the
// connection to it; nothing is sent yet.
func Conectar(url string, raizPEM []byte) (*Conexion, error) {
	return client.New(url, raizPEM, client.Options{})
}
