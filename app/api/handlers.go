package api

import (
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/store"
)

func (s *Server) routes() {
	p := wire.Prefix
	m := s.mux
	m.HandleFunc("GET "+p+"/ca", s.getCA)
	m.HandleFunc("POST "+p+"/solicitudes", s.postSolicitud)
	m.HandleFunc("POST "+p+"/retos", s.postReto)
	m.HandleFunc("GET "+p+"/solicitudes/{ref}/estado", s.getEstadoSolicitud)
	m.HandleFunc("POST "+p+"/ventanilla/sesion", s.postSesion)
	m.HandleFunc("DELETE "+p+"/ventanilla/sesion", s.deleteSesion)
	m.HandleFunc("GET "+p+"/ventanilla/solicitudes", s.getSolicitudes)
	m.HandleFunc("GET "+p+"/ventanilla/solicitudes/{folio}", s.getSolicitud)
	m.HandleFunc("GET "+p+"/ventanilla/solicitudes/{folio}/carta", s.getCarta)
	m.HandleFunc("GET "+p+"/ventanilla/solicitudes/{folio}/constancia", s.getConstancia)
	m.HandleFunc("POST "+p+"/ventanilla/solicitudes/{folio}/aprobar", s.postAprobar)
	m.HandleFunc("POST "+p+"/ventanilla/solicitudes/{folio}/rechazar", s.postRechazar)
	m.HandleFunc("POST "+p+"/ventanilla/certificados/{serial}/revocar", s.postRevocarClerk)
	m.HandleFunc("POST "+p+"/renovaciones", s.postRenovacion)
	m.HandleFunc("GET "+p+"/renovaciones/{id}", s.getRenovacion)
	m.HandleFunc("POST "+p+"/renovaciones/{id}/carta-aceptacion", s.postCartaAceptacion)
	m.HandleFunc("POST "+p+"/renovaciones/{id}/certificado", s.postCertificadoRenovado)
	m.HandleFunc("POST "+p+"/renovaciones/{id}/carta-terminos", s.postCartaTerminos)
	m.HandleFunc("POST "+p+"/adicionales", s.postAdicional)
	m.HandleFunc("POST "+p+"/certificados/{serial}/revocar", s.postRevocar)
	m.HandleFunc("GET "+p+"/certificados/{serial}", s.getCertificado)
	m.HandleFunc("GET "+p+"/certificados/{serial}/estado", s.getEstado)
	m.HandleFunc("GET "+p+"/certificados/{serial}/datos", s.getDatos)
	m.HandleFunc("GET "+p+"/npie/{npie}", s.getNPIE)
	m.HandleFunc("GET /crl", s.getCRL)
	m.HandleFunc("GET /crl/raiz", s.getCRLRaiz)
	m.HandleFunc("GET /salud", s.getSalud)
	m.HandleFunc("POST /ocsp", s.postOCSP)
	m.HandleFunc("GET /ocsp/{req...}", s.getOCSP)
	m.HandleFunc("GET /ca/emisor.cer", s.getCert(func() *x509.Certificate { return s.a.Cadena()[0] }))
	m.HandleFunc("GET /ca/raiz.cer", s.getCert(s.a.Raiz))
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, msg.New(msg.CodeNoEncontrado))
	})
}

// cuerpoJSON reads and strictly decodes the body into v.
func (s *Server) cuerpoJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) ([]byte, bool) {
	b, err := leerCuerpo(w, r, limit)
	if err == nil {
		err = decodificar(b, v)
	}
	if err != nil {
		s.writeError(w, r, err)
		return nil, false
	}
	return b, true
}

// autenticar checks the employer's proof of possession for uso; failed
// proofs spend the address's login tokens.
func (s *Server) autenticar(w http.ResponseWriter, r *http.Request, cuerpo []byte, uso ca.Uso) (*store.Certificado, bool) {
	p, err := prueba(r, cuerpo)
	if err == nil {
		var c *store.Certificado
		c, _, err = s.a.Autenticar(r.Context(), p, uso)
		if err == nil {
			return c, true
		}
	}
	s.writeError(w, r, s.pruebaFallida(r, err))
	return nil, false
}

// pruebaFallida spends a login token of the caller's address when err is
// a failed proof of possession, and says so when none is left.
func (s *Server) pruebaFallida(r *http.Request, err error) error {
	if code := msg.CodeOf(err); code == msg.CodeFirmaInvalida || code == msg.CodeRetoInvalido {
		if err := s.login.permitir(r, clientIP(r)); err != nil {
			return err
		}
	}
	return err
}

func (s *Server) getCA(w http.ResponseWriter, r *http.Request) {
	var cadena [][]byte
	for _, c := range s.a.Cadena() {
		cadena = append(cadena, c.Raw)
	}
	writeJSON(w, http.StatusOK, wire.CA{Raiz: s.a.Raiz().Raw, Cadena: cadena, CRL: s.a.URLCRL(), OCSP: s.a.URLOCSP()})
}

func (s *Server) postSolicitud(w http.ResponseWriter, r *http.Request) {
	if err := s.sols.permitir(r, clientIP(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in wire.SolicitudNueva
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	sol, err := s.a.Solicitar(r.Context(), in.Datos, in.CSR, origen(r, "anon", b))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.vistaSolicitud(sol, false)
	v.Carta = sol.Carta
	writeJSON(w, http.StatusCreated, v)
}

func (s *Server) postReto(w http.ResponseWriter, r *http.Request) {
	desde := direccionLimite(r)
	if err := s.retos.permitir(r, desde); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in wire.RetoNuevo
	if _, ok := s.cuerpoJSON(w, r, maxCuerpo, &in); !ok {
		return
	}
	var v string
	var exp time.Time
	var err error
	switch {
	case in.Serial != "" && in.Solicitud == "":
		v, exp, err = s.a.Reto(r.Context(), in.Serial, desde)
	case in.Solicitud != "" && in.Serial == "":
		v, exp, err = s.a.RetoSolicitud(r.Context(), in.Solicitud, desde)
	default:
		err = msg.New(msg.CodePeticionInvalida, "serial o solicitud")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, wire.Reto{Reto: v, Expira: exp})
}

// getEstadoSolicitud answers a request's state to whoever proves
// possession of the request's key; failed proofs spend the address's
// login tokens, as for certificates.
func (s *Server) getEstadoSolicitud(w http.ResponseWriter, r *http.Request) {
	p, err := prueba(r, nil)
	if err == nil && p.Solicitud != r.PathValue("ref") {
		err = msg.New(msg.CodeFirmaInvalida)
	}
	var e *ca.EstadoSolicitud
	if err == nil {
		e, err = s.a.ConsultarSolicitud(r.Context(), p, origen(r, "solicitud:"+p.Solicitud, nil))
	}
	if err != nil {
		switch msg.CodeOf(err) {
		case msg.CodeFirmaInvalida, msg.CodeRetoInvalido, msg.CodeLlaveSolicitud:
			if lerr := s.login.permitir(r, clientIP(r)); lerr != nil {
				err = lerr
			}
		}
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, vistaEstadoSolicitud(e))
}

func (s *Server) postSesion(w http.ResponseWriter, r *http.Request) {
	if err := s.login.permitir(r, clientIP(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in wire.Login
	if _, ok := s.cuerpoJSON(w, r, maxCuerpo, &in); !ok {
		return
	}
	tok, exp, err := s.a.IniciarSesion(r.Context(), in.Usuario, in.Contrasena, ca.Origen{Desde: clientIP(r)})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, wire.Sesion{Token: tok, Expira: exp})
}

func (s *Server) deleteSesion(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.clerk(w, r); !ok {
		return
	}
	tok := r.Header.Get("Authorization")[len(wire.EsquemaSesion)+1:]
	if err := s.a.CerrarSesion(r.Context(), tok); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) getSolicitudes(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.clerk(w, r); !ok {
		return
	}
	q := r.URL.Query()
	lim, _ := strconv.Atoi(q.Get("limite"))
	ss, err := s.a.Buscar(r.Context(), store.Filtro{Estado: q.Get("estado"), Folio: q.Get("folio"),
		RegistroPatronal: q.Get("registro_patronal"), RFC: q.Get("rfc"), Limite: lim})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := wire.Solicitudes{Solicitudes: make([]wire.Solicitud, 0, len(ss))}
	for i := range ss {
		out.Solicitudes = append(out.Solicitudes, s.vistaSolicitud(&ss[i], false))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getSolicitud(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.clerk(w, r); !ok {
		return
	}
	sol, err := s.a.Solicitud(r.Context(), r.PathValue("folio"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.vistaSolicitud(sol, true))
}

func (s *Server) getCarta(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.clerk(w, r); !ok {
		return
	}
	sol, err := s.a.Solicitud(r.Context(), r.PathValue("folio"))
	var pdf []byte
	if err == nil {
		pdf, err = s.a.CartaSolicitud(sol)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writePDF(w, pdf)
}

func (s *Server) getConstancia(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.clerk(w, r); !ok {
		return
	}
	pdf, err := s.a.Constancia(r.Context(), r.PathValue("folio"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writePDF(w, pdf)
}

func writePDF(w http.ResponseWriter, pdf []byte) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(pdf)
}

func (s *Server) postAprobar(w http.ResponseWriter, r *http.Request) {
	u, ok := s.clerk(w, r)
	if !ok {
		return
	}
	var in wire.Aprobacion
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	sol, _, err := s.a.Aprobar(r.Context(), r.PathValue("folio"), ca.Documentos(in.Documentos), origen(r, "clerk:"+u, b))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.vistaSolicitud(sol, false))
}

func (s *Server) postRechazar(w http.ResponseWriter, r *http.Request) {
	u, ok := s.clerk(w, r)
	if !ok {
		return
	}
	var in wire.Rechazo
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	sol, err := s.a.Rechazar(r.Context(), r.PathValue("folio"), in.Motivo, origen(r, "clerk:"+u, b))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.vistaSolicitud(sol, false))
}

func (s *Server) postRevocarClerk(w http.ResponseWriter, r *http.Request) {
	u, ok := s.clerk(w, r)
	if !ok {
		return
	}
	var in wire.Revocacion
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	id, nota := strings.TrimSpace(in.Identificacion), strings.TrimSpace(in.Nota)
	if id == "" {
		s.writeError(w, r, msg.New(msg.CodeIdentificacionRequerida))
		return
	}
	if len(id) > 200 || len(nota) > 500 {
		s.writeError(w, r, msg.New(msg.CodePeticionInvalida, msg.New(msg.CodeMotivoTextoLargo)))
		return
	}
	o := origen(r, "clerk:"+u, b)
	o.Clave = "" // revoking is idempotent by itself
	detalle := fmt.Sprintf("motivo=%s; identificacion=%s", palabraMotivo(in.Motivo), id)
	if nota != "" {
		detalle += "; nota=" + nota
	}
	c, err := s.a.Revocar(r.Context(), r.PathValue("serial"), motivoDe(in.Motivo), detalle, o)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.estado(w, r, c)
}

func (s *Server) postRenovacion(w http.ResponseWriter, r *http.Request) {
	var in wire.RenovacionNueva
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	c, ok := s.autenticar(w, r, b, ca.UsoRenovar)
	if !ok {
		return
	}
	ren, err := s.a.IniciarRenovacion(r.Context(), c, in.CSR, in.Cambios, origen(r, "cert:"+c.Serial, b))
	s.renovacion(w, r, ren, err, http.StatusCreated)
}

func (s *Server) renovacion(w http.ResponseWriter, r *http.Request, ren *store.Renovacion, err error, status int) {
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.vistaRenovacion(r.Context(), ren)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, status, v)
}

func (s *Server) getRenovacion(w http.ResponseWriter, r *http.Request) {
	ren, err := s.a.Renovacion(r.Context(), r.PathValue("id"))
	s.renovacion(w, r, ren, err, http.StatusOK)
}

func (s *Server) postCartaAceptacion(w http.ResponseWriter, r *http.Request) {
	var in wire.CartaFirmada
	b, ok := s.cuerpoJSON(w, r, maxCuerpoCarta, &in)
	if !ok {
		return
	}
	ren, err := s.a.FirmarAceptacion(r.Context(), r.PathValue("id"), in.Carta, origen(r, "renovacion", b))
	s.renovacion(w, r, ren, err, http.StatusOK)
}

func (s *Server) postCertificadoRenovado(w http.ResponseWriter, r *http.Request) {
	var in wire.CSR
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	ren, _, err := s.a.EmitirRenovacion(r.Context(), r.PathValue("id"), in.CSR, origen(r, "renovacion", b))
	s.renovacion(w, r, ren, err, http.StatusOK)
}

func (s *Server) postCartaTerminos(w http.ResponseWriter, r *http.Request) {
	var in wire.CartaFirmada
	b, ok := s.cuerpoJSON(w, r, maxCuerpoCarta, &in)
	if !ok {
		return
	}
	ren, err := s.a.FirmarTerminos(r.Context(), r.PathValue("id"), in.Carta, origen(r, "renovacion", b))
	s.renovacion(w, r, ren, err, http.StatusOK)
}

func (s *Server) postAdicional(w http.ResponseWriter, r *http.Request) {
	var in wire.AdicionalNuevo
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	main, ok := s.autenticar(w, r, b, ca.UsoAdicional)
	if !ok {
		return
	}
	c, err := s.a.Adicional(r.Context(), main, in.Persona, in.CSR, origen(r, "cert:"+main.Serial, b))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.certificado(w, r, http.StatusCreated, c)
}

func (s *Server) postRevocar(w http.ResponseWriter, r *http.Request) {
	var in wire.Revocacion
	b, ok := s.cuerpoJSON(w, r, maxCuerpo, &in)
	if !ok {
		return
	}
	c, ok := s.autenticar(w, r, b, ca.UsoRevocar)
	if !ok {
		return
	}
	if c.Serial != r.PathValue("serial") {
		s.writeError(w, r, msg.New(msg.CodeFirmaInvalida))
		return
	}
	c, err := s.a.Revocar(r.Context(), c.Serial, motivoDe(in.Motivo), "motivo="+palabraMotivo(in.Motivo), origen(r, "cert:"+c.Serial, nil))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.estado(w, r, c)
}

// motivoDe maps the API's reason words to RFC 5280 reason codes.
func motivoDe(s string) int {
	switch s {
	case "llave_comprometida", "perdida", "contrasena_expuesta":
		return ca.MotivoLlaveComprometida
	case "reemplazado":
		return ca.MotivoReemplazado
	case "cese":
		return ca.MotivoCese
	}
	return ca.MotivoNoEspecificado
}

// palabraMotivo is the reason as recorded in the audit: a known word or
// "no_especificado", never arbitrary client text.
func palabraMotivo(s string) string {
	switch s {
	case "llave_comprometida", "perdida", "contrasena_expuesta", "olvido_contrasena", "otro", "reemplazado", "cese":
		return s
	}
	return "no_especificado"
}

func (s *Server) getCertificado(w http.ResponseWriter, r *http.Request) {
	c, err := s.a.Certificado(r.Context(), r.PathValue("serial"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.certificado(w, r, http.StatusOK, c)
}

func (s *Server) getEstado(w http.ResponseWriter, r *http.Request) {
	c, err := s.a.Certificado(r.Context(), r.PathValue("serial"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.estado(w, r, c)
}

// getDatos answers the current data of the certificate's NPIE to the
// holder of that certificate.
func (s *Server) getDatos(w http.ResponseWriter, r *http.Request) {
	p, err := prueba(r, nil)
	var d *ca.DatosPatron
	if err == nil {
		d, err = s.a.DatosDe(r.Context(), r.PathValue("serial"), p)
	}
	if err != nil {
		s.writeError(w, r, s.pruebaFallida(r, err))
		return
	}
	writeJSON(w, http.StatusOK, wire.DatosPatron{NPIE: d.NPIE, Usuario: d.Usuario, Serial: d.Serial, Solicitud: d.Solicitud})
}

func (s *Server) getNPIE(w http.ResponseWriter, r *http.Request) {
	c, err := s.a.SerialDeNPIE(r.Context(), r.PathValue("npie"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.NPIE{NPIE: c.NPIE, Serial: c.Serial, Estado: s.a.EstadoActual(c)})
}

// estado answers a certificate's status.
func (s *Server) estado(w http.ResponseWriter, r *http.Request, c *store.Certificado) {
	v, err := s.vistaEstado(r.Context(), c)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// certificado answers a certificate with its chain and status.
func (s *Server) certificado(w http.ResponseWriter, r *http.Request, status int, c *store.Certificado) {
	v, err := s.vistaCertificado(r.Context(), c)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, status, v)
}

// getSalud answers a load balancer's health check: 200 when the store
// and the issuing key work, the catalogue's INTERNO (500) otherwise.
func (s *Server) getSalud(w http.ResponseWriter, r *http.Request) {
	if err := s.a.Salud(r.Context()); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"estado": "ok"})
}

func (s *Server) getCRL(w http.ResponseWriter, r *http.Request) {
	der, err := s.a.CRL(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pkix-crl")
	w.Header().Set("Cache-Control", "max-age=60")
	w.Write(der)
}

// getCRLRaiz serves the root's CRL, the one the issuing CA's certificate
// points at; a data directory without an issuing CA has none.
func (s *Server) getCRLRaiz(w http.ResponseWriter, r *http.Request) {
	der := s.a.CRLRaiz()
	if der == nil {
		s.writeError(w, r, msg.New(msg.CodeNoEncontrado))
		return
	}
	w.Header().Set("Content-Type", "application/pkix-crl")
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Write(der)
}

func (s *Server) postOCSP(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 16<<10))
	if err != nil {
		http.Error(w, "", http.StatusRequestEntityTooLarge)
		return
	}
	s.ocsp(w, r, b)
}

func (s *Server) getOCSP(w http.ResponseWriter, r *http.Request) {
	b, err := base64.StdEncoding.DecodeString(r.PathValue("req"))
	if err != nil {
		b = nil
	}
	s.ocsp(w, r, b)
}

func (s *Server) ocsp(w http.ResponseWriter, r *http.Request, req []byte) {
	resp, err := s.a.OCSP(r.Context(), req)
	if err != nil {
		s.log.Error("ocsp", "err", err)
		http.Error(w, "", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/ocsp-response")
	w.Write(resp)
}

func (s *Server) getCert(c func() *x509.Certificate) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pkix-cert")
		w.Write(c().Raw)
	}
}
