package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/seguritools/seguritools/app/api/wire"
)

// Ventanilla is a clerk's session.
type Ventanilla struct {
	c     *Client
	token string
}

// Ventanilla logs a clerk in.
func (c *Client) Ventanilla(ctx context.Context, usuario string, password []byte) (*Ventanilla, error) {
	var s wire.Sesion
	_, err := c.llamar(ctx, http.MethodPost, p+"/ventanilla/sesion", wire.Login{Usuario: usuario, Contrasena: string(password)}, &s, nil)
	if err != nil {
		return nil, err
	}
	return &Ventanilla{c: c, token: s.Token}, nil
}

func (v *Ventanilla) hdr(ctx context.Context, idem bool) map[string]string {
	h := map[string]string{"Authorization": wire.EsquemaSesion + " " + v.token}
	if idem {
		h[wire.HeaderIdempotencia] = claveDe(ctx)
	}
	return h
}

// Filtro selects requests; empty fields match everything.
type Filtro struct {
	Estado, Folio, RegistroPatronal, RFC string
	Limite                               int
}

// Buscar lists requests (pending ones with Estado "pendiente").
func (v *Ventanilla) Buscar(ctx context.Context, f Filtro) ([]wire.Solicitud, error) {
	q := url.Values{}
	for k, x := range map[string]string{"estado": f.Estado, "folio": f.Folio, "registro_patronal": f.RegistroPatronal, "rfc": f.RFC} {
		if x != "" {
			q.Set(k, x)
		}
	}
	if f.Limite > 0 {
		q.Set("limite", strconv.Itoa(f.Limite))
	}
	path := p + "/ventanilla/solicitudes"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var out wire.Solicitudes
	_, err := v.c.llamar(ctx, http.MethodGet, path, nil, &out, v.hdr(ctx, false))
	return out.Solicitudes, err
}

// Solicitud returns one request with the employer data.
func (v *Ventanilla) Solicitud(ctx context.Context, folio string) (*wire.Solicitud, error) {
	var out wire.Solicitud
	_, err := v.c.llamar(ctx, http.MethodGet, p+"/ventanilla/solicitudes/"+esc(folio), nil, &out, v.hdr(ctx, false))
	return &out, err
}

// Aprobar approves a request with the checklist; the certificate is issued.
func (v *Ventanilla) Aprobar(ctx context.Context, folio string, docs wire.Documentos) (*wire.Solicitud, error) {
	var out wire.Solicitud
	_, err := v.c.llamar(ctx, http.MethodPost, p+"/ventanilla/solicitudes/"+esc(folio)+"/aprobar",
		wire.Aprobacion{Documentos: docs}, &out, v.hdr(ctx, true))
	return &out, err
}

// Rechazar rejects a request with a reason.
func (v *Ventanilla) Rechazar(ctx context.Context, folio, motivo string) (*wire.Solicitud, error) {
	var out wire.Solicitud
	_, err := v.c.llamar(ctx, http.MethodPost, p+"/ventanilla/solicitudes/"+esc(folio)+"/rechazar",
		wire.Rechazo{Motivo: motivo}, &out, v.hdr(ctx, true))
	return &out, err
}

// Constancia downloads the Constancia de recepción (PDF).
func (v *Ventanilla) Constancia(ctx context.Context, folio string) ([]byte, error) {
	resp, err := v.c.llamar(ctx, http.MethodGet, p+"/ventanilla/solicitudes/"+esc(folio)+"/constancia", nil, nil, v.hdr(ctx, false))
	if err != nil {
		return nil, err
	}
	return resp.Body(), nil
}

// Carta downloads a request's Carta de Términos (PDF), for printing.
func (v *Ventanilla) Carta(ctx context.Context, folio string) ([]byte, error) {
	resp, err := v.c.llamar(ctx, http.MethodGet, p+"/ventanilla/solicitudes/"+esc(folio)+"/carta", nil, nil, v.hdr(ctx, false))
	if err != nil {
		return nil, err
	}
	return resp.Body(), nil
}

// Revocar revokes a certificate in person (and its additionals); r must
// carry the ID the holder showed.
func (v *Ventanilla) Revocar(ctx context.Context, serial string, r wire.Revocacion) (*wire.Estado, error) {
	var out wire.Estado
	_, err := v.c.llamar(ctx, http.MethodPost, p+"/ventanilla/certificados/"+esc(serial)+"/revocar",
		r, &out, v.hdr(ctx, true))
	return &out, err
}

// Cerrar ends the session.
func (v *Ventanilla) Cerrar(ctx context.Context) error {
	_, err := v.c.llamar(ctx, http.MethodDelete, p+"/ventanilla/sesion", nil, nil, v.hdr(ctx, false))
	return err
}
