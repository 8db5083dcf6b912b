// Package api is refca's HTTP layer: it decodes requests strictly,
// authenticates clerks (session tokens) and employers (proof of possession
// over a challenge), calls the ca.Authority and encodes the answer or a
// JSON error {code, mensaje, message}. It holds no procedure logic.
//
// The API speaks HTTPS only (TLS 1.2 or newer). The CRL, the OCSP
// responder and the CA certificates are signed objects that relying
// parties fetch over plain HTTP (NSS never fetches https revocation URLs):
// Revocacion serves them, and nothing else, on a second listener; the
// HTTPS server answers them too.
package api

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/msg"
)

// Options tune the server. Zero values give the defaults.
type Options struct {
	// Login limits clerk logins and failed proofs per client address:
	// LoginRate tokens per second, LoginBurst at once (default 1/6 s, 10).
	LoginRate  float64
	LoginBurst int
	// RetoRate and RetoBurst limit challenges per address (default 20/s, 60).
	RetoRate  float64
	RetoBurst int
	// SolicitudRate and SolicitudBurst limit new requests (Solicitud
	// NPIE, which needs no login) per address: default one a minute, 20
	// at once. A negative rate means no limit.
	SolicitudRate  float64
	SolicitudBurst int
	Logger         *slog.Logger
	// TSA, when set, is served at POST /tsa (RFC 3161), rate-limited per
	// address like challenges.
	TSA *ca.TSA
}

// Server is the HTTP face of an Authority.
type Server struct {
	a     *ca.Authority
	log   *slog.Logger
	login *limiter
	retos *limiter
	sols  *limiter
	mux   *http.ServeMux
	tsa   http.HandlerFunc // nil without a TSA
}

// New returns the server of a.
func New(a *ca.Authority, o Options) *Server {
	if o.LoginRate == 0 {
		o.LoginRate, o.LoginBurst = 1.0/6, 10
	}
	if o.RetoRate == 0 {
		o.RetoRate, o.RetoBurst = 20, 60
	}
	if o.SolicitudRate == 0 {
		o.SolicitudRate, o.SolicitudBurst = 1.0/60, 20
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{a: a, log: o.Logger, login: newLimiter(a, "login", o.LoginRate, o.LoginBurst),
		retos: newLimiter(a, "retos", o.RetoRate, o.RetoBurst), sols: newLimiter(a, "solicitudes", o.SolicitudRate, o.SolicitudBurst),
		mux: http.NewServeMux()}
	s.routes()
	if o.TSA != nil {
		s.tsa = s.manejadorTSA(o.TSA, newLimiter(a, "tsa", o.RetoRate, o.RetoBurst))
		s.mux.HandleFunc("POST /tsa", s.tsa)
	}
	return s
}

// Handler returns the HTTP handler (for tests and embedding).
func (s *Server) Handler() http.Handler { return s }

// ServeHTTP adds the headers every answer carries and logs the call
// (method, path, status, duration: never bodies or credentials).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Strict-Transport-Security", "max-age=31536000")
	sw := &statusWriter{ResponseWriter: w, status: 200}
	s.mux.ServeHTTP(sw, r)
	s.log.Debug("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(c int) { w.status = c; w.ResponseWriter.WriteHeader(c) }

// TLSConfig is the server's TLS configuration: TLS 1.2 or newer, with
// the Go defaults (AEAD cipher suites, X25519/P-256 first).
func TLSConfig(cert tls.Certificate) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
}

// HTTPServer returns an http.Server for the handler with conservative
// timeouts and TLS configured; start it with ServeTLS(ln, "", "").
func (s *Server) HTTPServer(cert tls.Certificate) *http.Server {
	return &http.Server{
		Handler:           s,
		TLSConfig:         TLSConfig(cert),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
}

// Revocacion returns the plain-HTTP handler of the revocation listener:
// GET /crl and /crl/raiz (the root's), GET /salud (the health check),
// POST /ocsp and GET /ocsp/{base64},
// GET /ca/emisor.cer and /ca/raiz.cer. Every other path is 404, so no API call travels in clear.
func (s *Server) Revocacion() http.Handler {
	m := http.NewServeMux()
	m.HandleFunc("GET /crl", s.getCRL)
	m.HandleFunc("GET /crl/raiz", s.getCRLRaiz)
	m.HandleFunc("GET /salud", s.getSalud)
	m.HandleFunc("POST /ocsp", s.postOCSP)
	m.HandleFunc("GET /ocsp/{req...}", s.getOCSP)
	m.HandleFunc("GET /ca/emisor.cer", s.getCert(func() *x509.Certificate { return s.a.Cadena()[0] }))
	m.HandleFunc("GET /ca/raiz.cer", s.getCert(s.a.Raiz))
	if s.tsa != nil {
		// Time stamps are signed objects too: relying parties fetch them
		// over plain HTTP like CRLs and OCSP answers.
		m.HandleFunc("POST /tsa", s.tsa)
	}
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	return m
}

// ServeRevocacion serves Revocacion over plain HTTP on ln until ctx ends.
func (s *Server) ServeRevocacion(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Revocacion(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	return hastaCancelar(ctx, srv, func() error { return srv.Serve(ln) })
}

// Serve serves HTTPS on ln until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener, cert tls.Certificate) error {
	srv := s.HTTPServer(cert)
	return hastaCancelar(ctx, srv, func() error { return srv.ServeTLS(ln, "", "") })
}

// hastaCancelar runs serve (srv's Serve or ServeTLS) until it fails or
// ctx ends; then it shuts srv down, giving calls in flight 10 s.
func hastaCancelar(ctx context.Context, srv *http.Server, serve func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := srv.Shutdown(sctx)
		<-errc
		return err
	}
}

// origen is the audit and idempotency information of a call.
func origen(r *http.Request, quien string, cuerpo []byte) ca.Origen {
	o := ca.Origen{Quien: quien, Desde: clientIP(r)}
	if k := r.Header.Get(wire.HeaderIdempotencia); k != "" && len(k) <= 128 {
		h := sha256.New()
		h.Write([]byte(r.Method + " " + r.URL.Path + "\n"))
		h.Write(cuerpo)
		o.Clave, o.Huella = k, h.Sum(nil)
	}
	return o
}

// clerk returns the session's clerk, or answers 401.
func (s *Server) clerk(w http.ResponseWriter, r *http.Request) (string, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), wire.EsquemaSesion+" ")
	if ok {
		if u, ok := s.a.Sesion(r.Context(), strings.TrimSpace(tok)); ok {
			return u, true
		}
	}
	s.writeError(w, r, msg.New(msg.CodeNoAutorizado))
	return "", false
}

// prueba parses the proof-of-possession header.
func prueba(r *http.Request, cuerpo []byte) (ca.Prueba, error) {
	v, ok := strings.CutPrefix(r.Header.Get(wire.HeaderPrueba), wire.EsquemaPrueba+" ")
	if !ok {
		return ca.Prueba{}, msg.New(msg.CodeFirmaInvalida)
	}
	var p ca.Prueba
	for _, kv := range strings.Split(v, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch k {
		case "serial":
			p.Serial = strings.ToLower(val)
		case "solicitud":
			p.Solicitud = val
		case "reto":
			p.Reto = val
		case "firma":
			b, err := decodeB64URL(val)
			if err != nil {
				return ca.Prueba{}, msg.Wrap(err, msg.CodeFirmaInvalida)
			}
			p.Firma = b
		}
	}
	if (p.Serial == "") == (p.Solicitud == "") || p.Reto == "" || len(p.Firma) == 0 {
		return ca.Prueba{}, msg.New(msg.CodeFirmaInvalida)
	}
	p.Mensaje = wire.MensajePrueba(r.Method, r.URL.Path, p.Reto, cuerpo)
	return p, nil
}

func decodeB64URL(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }
