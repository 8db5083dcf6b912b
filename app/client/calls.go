package client

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	secrypto "github.com/seguritools/seguritools/crypto"
)

const p = wire.Prefix

func esc(s string) string { return url.PathEscape(s) }

// CA returns the server's root and issuing chain and its CRL/OCSP URLs.
func (c *Client) CA(ctx context.Context) (*wire.CA, error) {
	var out wire.CA
	_, err := c.llamar(ctx, http.MethodGet, p+"/ca", nil, &out, nil)
	return &out, err
}

// Solicitar sends a new request: the employer data and the PKCS#10 of the
// key made locally. It answers folio, NPIE, deadline and the Carta de
// Términos.
func (c *Client) Solicitar(ctx context.Context, datos patron.Solicitud, csr []byte) (*wire.Solicitud, error) {
	var out wire.Solicitud
	_, err := c.llamar(ctx, http.MethodPost, p+"/solicitudes", wire.SolicitudNueva{Datos: datos, CSR: csr}, &out,
		map[string]string{wire.HeaderIdempotencia: claveDe(ctx)})
	return &out, err
}

// SerialDeNPIE is the recovery lookup: the NPIE's current main certificate.
func (c *Client) SerialDeNPIE(ctx context.Context, npie string) (*wire.NPIE, error) {
	var out wire.NPIE
	_, err := c.llamar(ctx, http.MethodGet, p+"/npie/"+esc(npie), nil, &out, nil)
	return &out, err
}

// Certificado downloads a certificate and its chain by serial.
func (c *Client) Certificado(ctx context.Context, serial string) (*wire.Certificado, error) {
	var out wire.Certificado
	_, err := c.llamar(ctx, http.MethodGet, p+"/certificados/"+esc(serial), nil, &out, nil)
	return &out, err
}

// Estado returns a certificate's status.
func (c *Client) Estado(ctx context.Context, serial string) (*wire.Estado, error) {
	var out wire.Estado
	_, err := c.llamar(ctx, http.MethodGet, p+"/certificados/"+esc(serial)+"/estado", nil, &out, nil)
	return &out, err
}

// CRL downloads the DER CRL.
func (c *Client) CRL(ctx context.Context) ([]byte, error) {
	resp, err := c.llamar(ctx, http.MethodGet, "/crl", nil, nil, nil)
	if err != nil {
		return nil, err
	}
	return resp.Body(), nil
}

// IniciarRenovacion starts the renewal of cred's certificate (which may
// have expired) with the new key's PKCS#10 and the changed contact data.
// The answer carries the Carta de Aceptación de Renovación to sign with
// cred.
// A nil cambios keeps the data as they are.
func (c *Client) IniciarRenovacion(ctx context.Context, cred *secrypto.Credential, csr []byte, cambios *patron.Cambios) (*wire.Renovacion, error) {
	var out wire.Renovacion
	err := c.firmado(ctx, cred, http.MethodPost, p+"/renovaciones", wire.RenovacionNueva{CSR: csr, Cambios: cambios}, &out, true)
	return &out, err
}

// Renovacion returns a renewal's progress.
func (c *Client) Renovacion(ctx context.Context, id string) (*wire.Renovacion, error) {
	var out wire.Renovacion
	_, err := c.llamar(ctx, http.MethodGet, p+"/renovaciones/"+esc(id), nil, &out, nil)
	return &out, err
}

// FirmarAceptacion sends the acceptance letter signed with the old
// certificate. Sending the same signed file again is harmless.
func (c *Client) FirmarAceptacion(ctx context.Context, id string, firmada []byte) (*wire.Renovacion, error) {
	return c.pasoRenovacion(ctx, id, "/carta-aceptacion", wire.CartaFirmada{Carta: firmada})
}

// EmitirRenovacion asks for the new certificate with a PKCS#10 of the new
// key (the key of the acceptance letter).
func (c *Client) EmitirRenovacion(ctx context.Context, id string, csr []byte) (*wire.Renovacion, error) {
	return c.pasoRenovacion(ctx, id, "/certificado", wire.CSR{CSR: csr})
}

// FirmarTerminos sends the renewal's Carta de Términos signed with the new
// certificate, which completes the renewal.
func (c *Client) FirmarTerminos(ctx context.Context, id string, firmada []byte) (*wire.Renovacion, error) {
	return c.pasoRenovacion(ctx, id, "/carta-terminos", wire.CartaFirmada{Carta: firmada})
}

// pasoRenovacion posts one renewal step. The steps are idempotent on the
// server (the same letter or key again answers the same state), so they
// carry an Idempotency-Key and may be retried.
func (c *Client) pasoRenovacion(ctx context.Context, id, paso string, body any) (*wire.Renovacion, error) {
	var out wire.Renovacion
	_, err := c.llamar(ctx, http.MethodPost, p+"/renovaciones/"+esc(id)+paso, body, &out,
		map[string]string{wire.HeaderIdempotencia: nuevaClave()})
	return &out, err
}

// Adicional asks for an additional certificate for persona, authenticated
// by the main certificate cred, with the PKCS#10 of the person's new key.
func (c *Client) Adicional(ctx context.Context, cred *secrypto.Credential, persona patron.Adicional, csr []byte) (*wire.Certificado, error) {
	var out wire.Certificado
	err := c.firmado(ctx, cred, http.MethodPost, p+"/adicionales", wire.AdicionalNuevo{Persona: persona, CSR: csr}, &out, true)
	return &out, err
}

// Revocar revokes cred's own certificate (and its additionals). motivo is
// "", "llave_comprometida", "reemplazado" or "cese".
func (c *Client) Revocar(ctx context.Context, cred *secrypto.Credential, motivo string) (*wire.Estado, error) {
	var out wire.Estado
	serial := secrypto.SerialHex(cred.Certificate)
	err := c.firmado(ctx, cred, http.MethodPost, p+"/certificados/"+esc(serial)+"/revocar", wire.Revocacion{Motivo: motivo}, &out, false)
	return &out, err
}

// DatosDe returns the current data of the NPIE of cred's certificate (as
// captured in the Solicitud NPIE, with the email, phone and fax of the
// latest renewal), proving possession of cred's key: what a renewal shows
// before it lets only correo, teléfono and fax change. An expired
// certificate may read them; a revoked one is refused with
// CERTIFICADO_REVOCADO and an additional one with CERTIFICADO_NO_PRINCIPAL.
func (c *Client) DatosDe(ctx context.Context, cred *secrypto.Credential) (*wire.DatosPatron, error) {
	var out wire.DatosPatron
	serial := secrypto.SerialHex(cred.Certificate)
	err := c.probado(ctx, wire.RetoNuevo{Serial: serial}, "serial="+serial, cred.Key, http.MethodGet,
		p+"/certificados/"+esc(serial)+"/datos", nil, &out, false)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// firmado sends a call authenticated by a proof of possession of cred's
// key over a fresh challenge. On a network failure it signs a new
// challenge and sends again, with the same Idempotency-Key when the call
// creates something, so a lost answer never creates twice.
func (c *Client) firmado(ctx context.Context, cred *secrypto.Credential, method, path string, body, out any, crea bool) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return msg.Wrap(err, msg.CodeInterno)
	}
	serial := secrypto.SerialHex(cred.Certificate)
	return c.probado(ctx, wire.RetoNuevo{Serial: serial}, "serial="+serial, cred.Key, method, path, raw, out, crea)
}

// probado sends a call with a proof of possession of key over a fresh
// challenge for sujeto; quien is how the proof names it ("serial=…" or
// "solicitud=…"). raw is the exact body (nil for none).
func (c *Client) probado(ctx context.Context, sujeto wire.RetoNuevo, quien string, key *rsa.PrivateKey, method, path string, raw []byte, out any, crea bool) error {
	hdr := map[string]string{}
	if crea {
		hdr[wire.HeaderIdempotencia] = claveDe(ctx)
	}
	var body any
	if raw != nil {
		body = raw
	}
	for intento := 0; ; intento++ {
		var reto wire.Reto
		if _, err := c.llamar(ctx, http.MethodPost, p+"/retos", sujeto, &reto, nil); err != nil {
			return err
		}
		h := sha256.Sum256(wire.MensajePrueba(method, c.ruta(path), reto.Reto, raw))
		firma, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, h[:])
		if err != nil {
			return msg.Wrap(err, msg.CodeInterno)
		}
		hdr[wire.HeaderPrueba] = wire.EsquemaPrueba + " " + quien + ", reto=" + reto.Reto +
			", firma=" + base64.RawURLEncoding.EncodeToString(firma)
		_, err = c.llamar(ctx, method, path, body, out, hdr)
		if err == nil || intento >= c.retries {
			return err
		}
		if msg.CodeOf(err) != msg.CodeServidorNoDisponible {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(intento+1) * 200 * time.Millisecond):
		}
	}
}

// ruta is the path the server sees: the base URL's path plus the route.
func (c *Client) ruta(path string) string {
	u, _ := url.Parse(c.base)
	return u.Path + path
}
