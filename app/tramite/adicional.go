package tramite

import (
	"context"
	"crypto/rsa"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/crypto"
)

// EnviarAdicional builds the PKCS#10 of persona with key (made earlier and
// already on disk) under the razón social of the main certificate, and
// asks for the Certificado Digital Adicional, authenticated by main. It
// refuses data that does not validate before anything is sent.
func EnviarAdicional(ctx context.Context, c *client.Client, main *crypto.Credential, persona patron.Adicional, key *rsa.PrivateKey) (*wire.Certificado, error) {
	if ps := persona.Validar(); ps.HayErrores() {
		return nil, ps.Errores()
	}
	return c.EnviarAdicional(ctx, main, persona.Normalizada(), key)
}

// ObtenerAdicional downloads the additional certificate the CA issued for
// procedure t (t.Serial), joins it with key (a key that is not the
// certificate's is refused), writes the .pfx protected by password to
// ruta (never over an existing file) and remembers it in "Mis
// certificados" with its NPIE and main certificate, so that revoking the
// main one forgets it too.
func ObtenerAdicional(ctx context.Context, c *client.Client, a *progreso.Almacen, t *progreso.Tramite, key *rsa.PrivateKey, password []byte, ruta string) error {
	cred, err := c.ObtenerSerial(ctx, t.Serial, key)
	if err != nil {
		return err
	}
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, password, ruta, false); err != nil {
		return err
	}
	if a == nil {
		return nil
	}
	d := crypto.Describe(cred.Certificate, time.Now())
	return a.RecordarCertificado(progreso.Certificado{Archivo: ruta, Serial: d.Serial, NPIE: t.NPIE, Tipo: progreso.TipoAdicional,
		Principal: t.Principal, Titular: d.Nombre, NoDespues: cred.Certificate.NotAfter})
}
