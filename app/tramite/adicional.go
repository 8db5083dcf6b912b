package tramite

import (
	"context"
	"crypto/rsa"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/crypto"
)

// SolicitarAdicional makes the designated person's key pair (saved
// first) and asks for the additional certificate, authenticated by the
// main credential. It returns the person's credential.
func SolicitarAdicional(ctx context.Context, c *client.Client, main *crypto.Credential, persona patron.Adicional, ll Llave) (*crypto.Credential, error) {
	if ps := persona.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	persona = persona.Normalizada()
	key, err := credencial.NuevaLlave(ll.Ruta, ll.Password, persona.Usuario, ll.Opciones)
	if err != nil {
		return nil, err
	}
	w, err := EnviarAdicional(ctx, c, main, persona, key)
	if err != nil {
		return nil, err
	}
	return client.CredencialDe(w, key)
}

// ReanudarAdicional asks again for the additional certificate with the key
// an earlier attempt already wrote to ruta (opened with password): no new
// key is made, and if the CA had issued the certificate it answers with it.
func ReanudarAdicional(ctx context.Context, c *client.Client, main *crypto.Credential, persona patron.Adicional, ruta string, password []byte) (*crypto.Credential, error) {
	key, err := credencial.AbrirLlave(ruta, password)
	if err != nil {
		return nil, err
	}
	w, err := EnviarAdicional(ctx, c, main, persona, key)
	if err != nil {
		return nil, err
	}
	return client.CredencialDe(w, key)
}

// EnviarAdicional builds the PKCS#10 of persona with key (made earlier and
// already on disk) under the razón social of the main certificate, and
// asks for the Certificado Digital Adicional, authenticated by main. It
// refuses data that does not validate before anything is sent. Unless ctx
// carries one, the Idempotency-Key derives from key's public key, so every
// attempt with that key is the same request.
func EnviarAdicional(ctx context.Context, c *client.Client, main *crypto.Credential, persona patron.Adicional, key *rsa.PrivateKey) (*wire.Certificado, error) {
	if ps := persona.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	persona = persona.Normalizada()
	sub := crypto.RequestSubject{RFC: persona.RFC, CURP: persona.CURP, Nombre: persona.NombreCompleto(), Correo: persona.Correo}
	if o := main.Certificate.Subject.Organization; len(o) > 0 {
		sub.RazonSocial = o[0]
	}
	csr, err := crypto.CreateRequest(key, sub)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return c.Adicional(client.ConClaveDeLlave(ctx, "adicional", &key.PublicKey), main, persona, csr)
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
