package tramite

import (
	"context"
	"crypto/rsa"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/crypto"
)

// Llave says where and how a procedure makes the new key pair. The .key
// is written (encrypted with Password) before anything is sent, so an
// answer lost in transit never leaves a request without its key.
type Llave struct {
	Ruta     string // where to write the .key
	Password []byte
	// Usuario is checked against the password policy (the password must
	// differ from it); empty when unknown.
	Usuario  string
	Opciones credencial.Opciones
}

// SolicitarNPIE is the Solicitud NPIE in one call: it validates the data,
// makes and saves the key pair, and sends the data with the PKCS#10. The
// answer carries folio, NPIE, deadline and the Carta de Términos to print,
// sign by hand and take to the subdelegación.
func SolicitarNPIE(ctx context.Context, c *client.Client, datos patron.Solicitud, ll Llave) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	datos = datos.Normalizada()
	key, err := credencial.NuevaLlave(ll.Ruta, ll.Password, datos.Representante.Usuario, ll.Opciones)
	if err != nil {
		return nil, err
	}
	return EnviarSolicitud(ctx, c, datos, key)
}

// ReanudarSolicitud sends the Solicitud NPIE again with the key an earlier
// attempt already wrote to ruta (opened with password): after a failure or
// a crash once the key existed, no new key is made. If the CA had received
// the first attempt, it answers with that same request.
func ReanudarSolicitud(ctx context.Context, c *client.Client, datos patron.Solicitud, ruta string, password []byte) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	key, err := credencial.AbrirLlave(ruta, password)
	if err != nil {
		return nil, err
	}
	return EnviarSolicitud(ctx, c, datos.Normalizada(), key)
}

// EnviarSolicitud builds the PKCS#10 of datos with key (made earlier and
// already on disk) and sends the Solicitud NPIE. Unless ctx carries one
// (client.ConClave), the Idempotency-Key derives from the public key, so
// every attempt with the same key is the same request to the CA.
func EnviarSolicitud(ctx context.Context, c *client.Client, datos patron.Solicitud, key *rsa.PrivateKey) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	datos = datos.Normalizada()
	r := datos.Representante
	csr, err := crypto.CreateRequest(key, crypto.RequestSubject{RFC: r.RFC, CURP: r.CURP,
		Nombre: r.NombreCompleto(), RazonSocial: datos.Empresa.RazonSocial, Correo: r.Correo})
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return c.Solicitar(client.ConClaveDeLlave(ctx, "solicitud", &key.PublicKey), datos, csr)
}
