package tramite

import (
	"context"
	"crypto/rsa"
	"path/filepath"
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

// Adicional is the Certificado Digital Adicional (seed 004) as a state
// machine: open the main certificate (checked with the CA at once), make
// the designated person's key (step progreso.PasoLlaveEscrita, saved
// before anything is sent), ask the CA (PasoEnviada), save the .pfx
// (PasoTerminado). The main certificate can be changed until the request
// is sent; a key a failed attempt wrote is reused, never a blocker.
// Passwords and opened keys live only in memory.
//
// An Adicional is used by one goroutine at a time.
type Adicional struct {
	T         *progreso.Tramite
	a         *progreso.Almacen
	c         *client.Client
	principal *crypto.Credential
	llave     *rsa.PrivateKey
	password  []byte
}

// NuevoAdicional starts an additional certificate's procedure.
func NuevoAdicional(a *progreso.Almacen, c *client.Client) *Adicional {
	return &Adicional{T: a.Nuevo(progreso.Adicional), a: a, c: c}
}

// ReanudarAdicionalDe continues the saved procedure t.
func ReanudarAdicionalDe(a *progreso.Almacen, c *client.Client, t *progreso.Tramite) *Adicional {
	return &Adicional{T: t, a: a, c: c}
}

// Paso is the step the procedure stands at.
func (d *Adicional) Paso() string { return d.T.Paso }

// PrincipalAbierto reports whether the main certificate is open in memory.
func (d *Adicional) PrincipalAbierto() bool { return d.principal != nil }

// LlaveAbierta reports whether the person's key is open in memory.
func (d *Adicional) LlaveAbierta() bool { return d.llave != nil }

// Abrir opens the main certificate and asks the CA about it before the
// person's data are typed. Until the request is sent another file can be
// opened instead.
func (d *Adicional) Abrir(ctx context.Context, ruta string, password []byte) (aviso, err error) {
	if d.T.Paso != "" && d.T.Paso != progreso.PasoLlaveEscrita {
		return nil, msg.New(msg.CodeTramitePaso)
	}
	p, err := credencial.AbrirPFX(ruta, password)
	if err != nil {
		return nil, err
	}
	if aviso, err = Revisar(ctx, d.c, d.a, p.Certificate, ParaAdicional, time.Now()); err != nil {
		return nil, err
	}
	d.principal, d.T.Certificado, d.T.Principal = p, ruta, crypto.SerialHex(p.Certificate)
	Recordar(d.a, p.Certificate, ruta)
	if d.T.Paso != "" {
		return aviso, d.guardar()
	}
	return aviso, nil
}

// GenerarLlave makes the person's key pair at llave (protected by
// password) and saves the progress with the person's data and the .pfx's
// destination. When this procedure's earlier attempt already wrote its key
// at llave, that key is opened and kept instead.
func (d *Adicional) GenerarLlave(persona patron.Adicional, llave string, password []byte, pfx string, o credencial.Opciones) error {
	if d.principal == nil || d.T.Paso != "" {
		return msg.New(msg.CodeTramitePaso)
	}
	if ps := persona.Validar(); ps.HayErrores() {
		return problemasError(ps)
	}
	persona = persona.Normalizada()
	var key *rsa.PrivateKey
	var err error
	if d.T.HuellaLlave != "" && filepath.Clean(d.T.Llave) == filepath.Clean(llave) {
		key, err = AbrirLlaveDe(d.T, password)
	} else {
		key, err = credencial.NuevaLlave(llave, password, persona.Usuario, o)
	}
	if err != nil {
		return err
	}
	d.llave, d.password = key, password
	d.T.Persona, d.T.Llave, d.T.HuellaLlave, d.T.PFX = &persona, llave, credencial.HuellaLlave(&key.PublicKey), pfx
	d.T.Paso = progreso.PasoLlaveEscrita
	return d.guardar()
}

// AbrirLlave opens again, after a restart, the key this procedure made
// (checked to be that same key).
func (d *Adicional) AbrirLlave(password []byte) error {
	k, err := AbrirLlaveDe(d.T, password)
	if err != nil {
		return err
	}
	d.llave, d.password = k, password
	return nil
}

// CambiarDestino sets where the .pfx is saved (an existing file is
// refused when it is written).
func (d *Adicional) CambiarDestino(pfx string) error {
	d.T.PFX = pfx
	if d.T.Paso == "" {
		return nil
	}
	return d.guardar()
}

// Enviar asks the CA for the certificate with the key on disk,
// authenticated by the main certificate. Sending again after a lost
// answer gets the certificate the CA issued the first time.
func (d *Adicional) Enviar(ctx context.Context) error {
	if err := conectado(d.c); err != nil {
		return err
	}
	if d.T.Paso != progreso.PasoLlaveEscrita || d.principal == nil || d.llave == nil {
		return msg.New(msg.CodeTramitePaso)
	}
	ctx, err := Enviando(ctx, d.a, d.T)
	if err != nil {
		return err
	}
	w, err := EnviarAdicional(ctx, d.c, d.principal, *d.T.Persona, d.llave)
	if err != nil {
		return err
	}
	d.T.Serial, d.T.NPIE, d.T.Paso = w.Serial, w.NPIE, progreso.PasoEnviada
	return d.guardar()
}

// Obtener downloads the issued certificate and writes the .pfx: the
// procedure is complete.
func (d *Adicional) Obtener(ctx context.Context) error {
	if err := conectado(d.c); err != nil {
		return err
	}
	if d.T.Paso != progreso.PasoEnviada || d.llave == nil {
		return msg.New(msg.CodeTramitePaso)
	}
	if p := ValidarDestino("pfx", d.T.PFX, ".pfx"); p != nil {
		return msg.New(p.Codigo)
	}
	if err := ObtenerAdicional(ctx, d.c, d.a, d.T, d.llave, d.password, d.T.PFX); err != nil {
		return err
	}
	d.T.Paso = progreso.PasoTerminado
	d.llave, d.password, d.principal = nil, nil, nil
	return d.guardar()
}

func (d *Adicional) guardar() error {
	if err := d.a.Guardar(d.T); err != nil {
		return msg.Wrap(err, msg.CodeInterno)
	}
	return nil
}
