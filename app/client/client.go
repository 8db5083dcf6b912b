// Package client is the one client of refca for every front end (the
// desktop app and npiectl): typed calls for each API route (this file and
// calls.go) and the procedures built on them (procedimientos.go), which do
// key generation, requests and letter signing locally and send the server
// only public material: PKCS#10 requests, signed letters and proofs of
// possession. Private keys and passwords never leave the caller.
//
// Transport: HTTPS only, trusting exactly the roots given (the refca root
// pinned from a PEM file, not the system's), TLS 1.2 or newer, a timeout
// per call. Retries happen only where they are safe: reads, and creating
// calls that carry an Idempotency-Key (the server returns the first
// result for a repeated key). Calls authenticated by a proof of
// possession are retried by signing a fresh challenge, with the same key.
package client

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
)

// Options tune a Client. Zero values give the defaults.
type Options struct {
	// Timeout of one HTTP call (default 30 s).
	Timeout time.Duration
	// Retries of a safe call after a network error or a 502/503/504
	// (default 3; negative means none).
	Retries int
	// Wrap, if set, wraps the HTTP transport (tests record traffic).
	Wrap func(http.RoundTripper) http.RoundTripper
	// UserAgent sent with every call.
	UserAgent string
}

// Client talks to one refca server.
type Client struct {
	r        *resty.Client
	base     string
	retries  int
	hostname string
}

// New returns a client of the server at base ("https://host:port"),
// trusting only the certificates in rootsPEM.
func New(base string, rootsPEM []byte, o Options) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, msg.New(msg.CodeServidorNoDisponible, base)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(rootsPEM) {
		return nil, msg.New(msg.CodeRaicesInvalidas, "")
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 3
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	tr := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:     &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	var rt http.RoundTripper = tr
	if o.Wrap != nil {
		rt = o.Wrap(rt)
	}
	ua := o.UserAgent
	if ua == "" {
		ua = "seguritools-client/1"
	}
	c := &Client{base: u.String(), retries: o.Retries, hostname: u.Host}
	c.r = resty.New().
		SetTransport(rt).
		SetBaseURL(c.base).
		SetTimeout(o.Timeout).
		SetHeader("User-Agent", ua).
		SetHeader("Accept", "application/json").
		SetRetryCount(o.Retries).
		SetRetryWaitTime(200 * time.Millisecond).
		SetRetryMaxWaitTime(2 * time.Second).
		AddRetryCondition(seguro)
	c.r.SetLogger(silencio{})
	return c, nil
}

// NewFromFile is New with the roots read from a PEM file.
func NewFromFile(base, rootsFile string, o Options) (*Client, error) {
	b, err := os.ReadFile(rootsFile)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeArchivoNoLeido, rootsFile)
	}
	c, err := New(base, b, o)
	if msg.CodeOf(err) == msg.CodeRaicesInvalidas {
		return nil, msg.New(msg.CodeRaicesInvalidas, rootsFile)
	}
	return c, err
}

// seguro decides resty's retries: only idempotent requests (reads, or
// creating calls with an Idempotency-Key, never proofs of possession,
// whose challenge is single-use), only for network errors other than a
// failed certificate check, and for 502/503/504.
func seguro(resp *resty.Response, err error) bool {
	if resp == nil || resp.Request == nil || resp.Request.RawRequest == nil {
		return false
	}
	req := resp.Request
	if strings.HasPrefix(req.Header.Get(wire.HeaderPrueba), wire.EsquemaPrueba) {
		return false
	}
	if req.Method != http.MethodGet && req.Method != http.MethodHead && req.Header.Get(wire.HeaderIdempotencia) == "" {
		return false
	}
	if err != nil {
		return !errTLS(err) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
	}
	switch resp.StatusCode() {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

func errTLS(err error) bool {
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	var rec tls.RecordHeaderError
	var ve *tls.CertificateVerificationError
	return errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &ci) || errors.As(err, &rec) || errors.As(err, &ve)
}

// nuevaClave is a random Idempotency-Key.
func nuevaClave() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// NuevaClave returns a fresh Idempotency-Key for ConClave.
func NuevaClave() string { return nuevaClave() }

// ClaveDeLlave derives an Idempotency-Key for operation op from a public
// key: not secret (the CA sees the public key anyway), and the same for
// every attempt that sends a request for that key.
func ClaveDeLlave(op string, pub *rsa.PublicKey) string {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	h := sha256.Sum256(append([]byte(op+"\x00"), der...))
	return hex.EncodeToString(h[:16])
}

// ConClaveDeLlave gives ctx the key-derived Idempotency-Key of op unless it
// already carries one (a procedure's saved key wins).
func ConClaveDeLlave(ctx context.Context, op string, pub *rsa.PublicKey) context.Context {
	if _, ok := ctx.Value(claveCtx{}).(string); ok {
		return ctx
	}
	return ConClave(ctx, ClaveDeLlave(op, pub))
}

type claveCtx struct{}

// ConClave returns a context under which the creating calls (Solicitar,
// Adicional, IniciarRenovacion, and the clerk's Aprobar, Rechazar and
// Revocar) carry clave as their
// Idempotency-Key. A procedure that saves clave with its progress before
// sending can send again after a crash and get the first answer back
// instead of a duplicate.
func ConClave(ctx context.Context, clave string) context.Context {
	return context.WithValue(ctx, claveCtx{}, clave)
}

// claveDe is the Idempotency-Key for a creating call made with ctx.
func claveDe(ctx context.Context) string {
	if v, ok := ctx.Value(claveCtx{}).(string); ok && v != "" {
		return v
	}
	return nuevaClave()
}

// llamar sends one request and decodes the JSON answer into out (if not
// nil) or the API error into a catalogue error.
func (c *Client) llamar(ctx context.Context, method, path string, body any, out any, hdr map[string]string) (*resty.Response, error) {
	req := c.r.R().SetContext(ctx).SetError(&wire.Error{})
	if body != nil {
		req.SetHeader("Content-Type", "application/json").SetBody(body)
	}
	if out != nil {
		req.SetResult(out)
	}
	for k, v := range hdr {
		req.SetHeader(k, v)
	}
	resp, err := req.Execute(method, path)
	if err != nil {
		return resp, c.errRed(err)
	}
	if resp.IsError() {
		return resp, errAPI(resp)
	}
	return resp, nil
}

func (c *Client) errRed(err error) error {
	if errTLS(err) {
		return msg.Wrap(err, msg.CodeServidorNoConfiable, c.hostname)
	}
	return msg.Wrap(err, msg.CodeServidorNoDisponible, c.hostname)
}

// ErrorAPI is an error answered by the server: its catalogue code and
// values (rendered by the local catalogue, so in the user's language) and,
// for refused data, the problem of each field.
type ErrorAPI struct {
	Err       *msg.Error
	Status    int
	Problemas []patron.Problema
}

func (e *ErrorAPI) Error() string { return e.Err.Error() }
func (e *ErrorAPI) Unwrap() error { return e.Err }

func errAPI(resp *resty.Response) error {
	we, ok := resp.Error().(*wire.Error)
	if !ok || we == nil || we.Code == "" {
		return msg.New(msg.CodeRespuestaInvalida, fmt.Sprintf("HTTP %d", resp.StatusCode()))
	}
	args := make([]any, len(we.Args))
	for i, a := range we.Args {
		args[i] = a
		// A reason travels as its code (see api.writeError).
		if n, ok := msg.NumArgs(a); ok && n == 0 && strings.HasPrefix(a, "MOTIVO_") {
			args[i] = msg.New(a)
		}
	}
	var me *msg.Error
	if _, known := msg.Lookup(we.Code); known {
		me = msg.New(we.Code, args...)
	} else {
		me = msg.New(msg.CodeRespuestaInvalida, we.Code)
	}
	return &ErrorAPI{Err: me, Status: resp.StatusCode(), Problemas: we.Problemas}
}

type silencio struct{}

func (silencio) Errorf(string, ...any) {}
func (silencio) Warnf(string, ...any)  {}
func (silencio) Debugf(string, ...any) {}
