package client

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	secrypto "github.com/seguritools/seguritools/crypto"
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

func problemasError(ps patron.Problemas) error {
	var l msg.List
	for _, p := range ps {
		if !p.Aviso {
			l = append(l, msg.New(p.Codigo))
		}
	}
	return l
}

// SolicitarNPIE is the client side of the Solicitud NPIE: it validates the
// data, makes and saves the key pair, and sends the data with the
// PKCS#10. The answer carries folio, NPIE, deadline and the Carta de
// Términos to print, sign by hand and take to the subdelegación.
func (c *Client) SolicitarNPIE(ctx context.Context, datos patron.Solicitud, ll Llave) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	datos = datos.Normalizada()
	key, err := credencial.NuevaLlave(ll.Ruta, ll.Password, datos.Representante.Usuario, ll.Opciones)
	if err != nil {
		return nil, err
	}
	return c.EnviarSolicitud(ctx, datos, key)
}

// ReanudarSolicitud sends the Solicitud NPIE again with the key an earlier
// attempt already wrote to ruta (opened with password): after a failure or
// a crash once the key existed, no new key is made. If the CA had received
// the first attempt, it answers with that same request.
func (c *Client) ReanudarSolicitud(ctx context.Context, datos patron.Solicitud, ruta string, password []byte) (*wire.Solicitud, error) {
	if ps := datos.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	key, err := credencial.AbrirLlave(ruta, password)
	if err != nil {
		return nil, err
	}
	return c.EnviarSolicitud(ctx, datos.Normalizada(), key)
}

// EnviarSolicitud sends datos (validated and normalized by the caller)
// with a PKCS#10 for key, made earlier and already on disk. Unless ctx
// carries one (ConClave), the Idempotency-Key derives from the public key,
// so every attempt with the same key is the same request to the CA.
func (c *Client) EnviarSolicitud(ctx context.Context, datos patron.Solicitud, key *rsa.PrivateKey) (*wire.Solicitud, error) {
	r := datos.Representante
	csr, err := secrypto.CreateRequest(key, secrypto.RequestSubject{RFC: r.RFC, CURP: r.CURP,
		Nombre: r.NombreCompleto(), RazonSocial: datos.Empresa.RazonSocial, Correo: r.Correo})
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return c.Solicitar(conClaveDeLlave(ctx, "solicitud", &key.PublicKey), datos, csr)
}

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
	return credencialDe(w, key)
}

// credencialDe parses a downloaded certificate and chain and checks that
// key belongs to it.
func credencialDe(w *wire.Certificado, key *rsa.PrivateKey) (*secrypto.Credential, error) {
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

// FirmarCarta signs a letter as PAdES in an incremental update, keeping
// the served bytes intact (the server checks exactly that).
func FirmarCarta(pdf []byte, cred *secrypto.Credential, motivo string) ([]byte, error) {
	out, err := secrypto.SignPDF(pdf, cred, secrypto.SignOptions{Reason: motivo, Time: time.Now()})
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeCartaSinFirma)
	}
	return out, nil
}

// Renovacion is the outcome of a whole online renewal.
type Renovacion struct {
	Credencial *secrypto.Credential // new key, new certificate, chain
	Estado     *wire.Renovacion
	// The two letters as signed and sent.
	CartaAceptacion, CartaTerminos []byte
}

// Renovar runs the online renewal of old (which may have expired): new
// key pair (saved first), Carta de Aceptación de Renovación signed with
// the old certificate, the new certificate obtained with the new key, and
// the renewal's Carta de Términos signed with the new certificate. A nil
// cambios keeps email, phone and fax.
//
// If a step fails after the certificate was issued, the error is returned
// with the partial result: the new credential exists and the last letter
// can be signed later with FirmarTerminos (status says carta_pendiente).
func (c *Client) Renovar(ctx context.Context, old *secrypto.Credential, cambios *patron.Cambios, ll Llave) (*Renovacion, error) {
	if cambios != nil {
		if ps := cambios.Validar(); ps.HayErrores() {
			return nil, problemasError(ps)
		}
	}
	key, err := credencial.NuevaLlave(ll.Ruta, ll.Password, ll.Usuario, ll.Opciones)
	if err != nil {
		return nil, err
	}
	s := old.Certificate.Subject
	sub := secrypto.RequestSubject{RFC: secrypto.SubjectRFC(s), CURP: secrypto.SubjectCURP(s), Nombre: s.CommonName,
		Correo: secrypto.SubjectEmail(s)}
	if len(s.Organization) > 0 {
		sub.RazonSocial = s.Organization[0]
	}
	if cambios != nil {
		sub.Correo = cambios.Correo
	}
	csr, err := secrypto.CreateRequest(key, sub)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	ren, err := c.IniciarRenovacion(ctx, old, csr, cambios)
	if err != nil {
		return nil, err
	}
	res := &Renovacion{Estado: ren}
	if res.CartaAceptacion, err = FirmarCarta(ren.Carta, old, "Acepto la renovación de mi Certificado Digital"); err != nil {
		return res, err
	}
	if ren, err = c.FirmarAceptacion(ctx, ren.ID, res.CartaAceptacion); err != nil {
		return res, err
	}
	if ren, err = c.EmitirRenovacion(ctx, ren.ID, csr); err != nil {
		return res, err
	}
	res.Estado = ren
	if ren.Certificado == nil {
		return res, msg.New(msg.CodeRespuestaInvalida, "sin certificado")
	}
	if res.Credencial, err = credencialDe(ren.Certificado, key); err != nil {
		return res, err
	}
	if res.CartaTerminos, err = FirmarCarta(ren.Carta, res.Credencial, "Acepto los términos y condiciones"); err != nil {
		return res, err
	}
	if ren, err = c.FirmarTerminos(ctx, ren.ID, res.CartaTerminos); err != nil {
		return res, err
	}
	res.Estado = ren
	return res, nil
}

// SolicitarAdicional makes the designated person's key pair (saved
// first) and asks for the additional certificate, authenticated by the
// main credential. It returns the person's credential.
func (c *Client) SolicitarAdicional(ctx context.Context, main *secrypto.Credential, persona patron.Adicional, ll Llave) (*secrypto.Credential, error) {
	if ps := persona.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	persona = persona.Normalizada()
	key, err := credencial.NuevaLlave(ll.Ruta, ll.Password, persona.Usuario, ll.Opciones)
	if err != nil {
		return nil, err
	}
	w, err := c.EnviarAdicional(ctx, main, persona, key)
	if err != nil {
		return nil, err
	}
	return credencialDe(w, key)
}

// ReanudarAdicional asks again for the additional certificate with the key
// an earlier attempt already wrote to ruta (opened with password): no new
// key is made, and if the CA had issued the certificate it answers with it.
func (c *Client) ReanudarAdicional(ctx context.Context, main *secrypto.Credential, persona patron.Adicional, ruta string, password []byte) (*secrypto.Credential, error) {
	if ps := persona.Validar(); ps.HayErrores() {
		return nil, problemasError(ps)
	}
	key, err := credencial.AbrirLlave(ruta, password)
	if err != nil {
		return nil, err
	}
	w, err := c.EnviarAdicional(ctx, main, persona.Normalizada(), key)
	if err != nil {
		return nil, err
	}
	return credencialDe(w, key)
}

// EnviarAdicional builds the PKCS#10 of persona with key (already on disk)
// under the razón social of the main certificate and asks for the
// Certificado Digital Adicional, authenticated by main. Unless ctx carries
// one (ConClave), the Idempotency-Key derives from key's public key, so
// every attempt with that key is the same request.
func (c *Client) EnviarAdicional(ctx context.Context, main *secrypto.Credential, persona patron.Adicional, key *rsa.PrivateKey) (*wire.Certificado, error) {
	sub := secrypto.RequestSubject{RFC: persona.RFC, CURP: persona.CURP, Nombre: persona.NombreCompleto(), Correo: persona.Correo}
	if o := main.Certificate.Subject.Organization; len(o) > 0 {
		sub.RazonSocial = o[0]
	}
	csr, err := secrypto.CreateRequest(key, sub)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return c.Adicional(conClaveDeLlave(ctx, "adicional", &key.PublicKey), main, persona, csr)
}
