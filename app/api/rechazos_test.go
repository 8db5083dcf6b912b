package api_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/api"
	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
	secrypto "github.com/seguritools/seguritools/crypto"
)

func quiereCodigo(t *testing.T, err error, code string) {
	t.Helper()
	if got := msg.CodeOf(err); got != code {
		t.Fatalf("code = %q (%v), want %q", got, err, code)
	}
}

func nuevoCSR(t *testing.T, sub secrypto.RequestSubject) ([]byte, *secrypto.Credential) {
	t.Helper()
	k, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := secrypto.CreateRequest(k, sub)
	if err != nil {
		t.Fatal(err)
	}
	return csr, &secrypto.Credential{Key: k}
}

var sujetoPrueba = secrypto.RequestSubject{RFC: "GODE561231GR8", CURP: "BOXW310820HNERXN09", Nombre: "JOSÉ PEÑA"}

type mundo struct {
	e *entorno
	c *client.Client
	v *client.Ventanilla
}

func nuevoMundo(t *testing.T, o opcionesEntorno) mundo {
	e := iniciar(t, o)
	c := e.cliente(t, nil)
	v, err := c.Ventanilla(context.Background(), "ana", clerkPassword)
	if err != nil {
		t.Fatal(err)
	}
	return mundo{e, c, v}
}

func TestVentanilla_AprobarVencida_SeCancela(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	sol, err := tramite.SolicitarNPIE(ctx, m.c, solicitudEjemplo(t, 1), llave(t.TempDir(), "p.key", "Clave12345", ""))
	if err != nil {
		t.Fatal(err)
	}
	m.e.reloj.avanzar(20 * 24 * time.Hour) // more than 10 business days
	// The clerk's session expired meanwhile too.
	_, err = m.v.Aprobar(ctx, sol.Folio, todosLosDocumentos)
	quiereCodigo(t, err, msg.CodeNoAutorizado)
	if m.v, err = m.c.Ventanilla(ctx, "ana", clerkPassword); err != nil {
		t.Fatal(err)
	}
	_, err = m.v.Aprobar(ctx, sol.Folio, todosLosDocumentos)
	quiereCodigo(t, err, msg.CodeSolicitudVencida)
	got, err := m.v.Solicitud(ctx, sol.Folio)
	if err != nil || got.Estado != ca.SolicitudCancelada {
		t.Fatalf("after refused approval: %v %+v", err, got)
	}
	_, err = m.v.Aprobar(ctx, sol.Folio, todosLosDocumentos)
	quiereCodigo(t, err, msg.CodeSolicitudNoPendiente)
	// The cancelled request no longer blocks a new one.
	if _, err := tramite.SolicitarNPIE(ctx, m.c, solicitudEjemplo(t, 1), llave(t.TempDir(), "p.key", "Clave12345", "")); err != nil {
		t.Fatalf("new request after cancellation: %v", err)
	}
}

func TestVentanilla_Rechazos(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	sol, err := tramite.SolicitarNPIE(ctx, m.c, solicitudEjemplo(t, 1), llave(t.TempDir(), "p.key", "Clave12345", ""))
	if err != nil {
		t.Fatal(err)
	}
	_, err = tramite.SolicitarNPIE(ctx, m.c, solicitudEjemplo(t, 1), llave(t.TempDir(), "p.key", "Clave12345", ""))
	quiereCodigo(t, err, msg.CodeSolicitudDuplicada)
	_, err = m.v.Aprobar(ctx, sol.Folio, wire.Documentos{CartaFirmadaAutografa: true})
	quiereCodigo(t, err, msg.CodeDocumentosIncompletos)
	_, err = m.v.Rechazar(ctx, sol.Folio, " ")
	quiereCodigo(t, err, msg.CodeMotivoRequerido)
	r, err := m.v.Rechazar(ctx, sol.Folio, "Identificación ilegible")
	if err != nil || r.Estado != ca.SolicitudRechazada {
		t.Fatalf("rechazar: %v %+v", err, r)
	}
	_, err = m.v.Aprobar(ctx, sol.Folio, todosLosDocumentos)
	quiereCodigo(t, err, msg.CodeSolicitudNoPendiente)
	_, err = m.v.Aprobar(ctx, "00000000000000000000000000000000", todosLosDocumentos)
	quiereCodigo(t, err, msg.CodeSolicitudNoEncontrada)
}

// TestRenovacion_Rechazos: a wrong file is error 71, a letter signed by
// another certificate and a new certificate asked with another key are
// refused with their own codes, and until the last letter is signed the
// new certificate reports carta_pendiente.
func TestRenovacion_Rechazos(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	otro := patronConCertificado(t, m.e, m.c, m.v, 2)
	csr, nueva := nuevoCSR(t, sujetoPrueba)

	ren, err := m.c.IniciarRenovacion(ctx, cred, csr, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Error 71: another letter (a previous renewal's) signed correctly.
	viejo, err := m.c.IniciarRenovacion(ctx, otro, mustCSR(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	equivocada, err := firmarCarta(viejo.Carta, cred, "x")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.c.FirmarAceptacion(ctx, ren.ID, equivocada)
	quiereCodigo(t, err, msg.CodeCartaEquivocada)
	if msg.Text(err, msg.ES) != "El archivo no corresponde a la carta a firmar, deberá reiniciar el proceso.\nCódigo 71" {
		t.Errorf("texto 71: %q", msg.Text(err, msg.ES))
	}
	// The letter unsigned.
	_, err = m.c.FirmarAceptacion(ctx, ren.ID, ren.Carta)
	quiereCodigo(t, err, msg.CodeCartaSinFirma)
	// Right letter, wrong signer.
	ajena, err := firmarCarta(ren.Carta, otro, "x")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.c.FirmarAceptacion(ctx, ren.ID, ajena)
	quiereCodigo(t, err, msg.CodeCartaFirmante)
	// Obtaining before the letter is signed.
	_, err = m.c.EmitirRenovacion(ctx, ren.ID, csr)
	quiereCodigo(t, err, msg.CodeRenovacionPaso)

	buena, err := firmarCarta(ren.Carta, cred, "Acepto")
	if err != nil {
		t.Fatal(err)
	}
	if ren, err = m.c.FirmarAceptacion(ctx, ren.ID, buena); err != nil || ren.Estado != ca.RenovacionCartaFirmada {
		t.Fatalf("firmar aceptación: %v %+v", err, ren)
	}
	// Obtaining with a key that is not the letter's.
	_, err = m.c.EmitirRenovacion(ctx, ren.ID, mustCSR(t))
	quiereCodigo(t, err, msg.CodeLlaveNoCorresponde)

	ren, err = m.c.EmitirRenovacion(ctx, ren.ID, csr)
	if err != nil || ren.Estado != ca.RenovacionCertificadoEmitido || ren.Certificado == nil {
		t.Fatalf("emitir: %v %+v", err, ren)
	}
	nueva.Certificate, _ = x509.ParseCertificate(ren.Certificado.Certificado)
	estado(t, m.c, ren.SerialNuevo, ca.CertCartaPendiente)
	estado(t, m.c, ren.SerialAnterior, ca.CertRevocado)
	// A pending letter blocks additionals.
	_, err = m.c.Adicional(ctx, nueva, leerJSON[patronAdicional](t, "../../examples/adicional.json"), mustCSR(t))
	quiereCodigo(t, err, msg.CodeCartaPendiente)
	// The last letter signed with the old certificate is refused.
	conVieja, err := firmarCarta(ren.Carta, cred, "x")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.c.FirmarTerminos(ctx, ren.ID, conVieja)
	quiereCodigo(t, err, msg.CodeCartaFirmante)
	final, err := firmarCarta(ren.Carta, nueva, "Acepto")
	if err != nil {
		t.Fatal(err)
	}
	if ren, err = m.c.FirmarTerminos(ctx, ren.ID, final); err != nil || ren.Estado != ca.RenovacionCompletada {
		t.Fatalf("firmar términos: %v %+v", err, ren)
	}
	estado(t, m.c, ren.SerialNuevo, ca.CertVigente)
	// The revoked old certificate can do nothing any more.
	_, err = m.c.IniciarRenovacion(ctx, cred, mustCSR(t), nil)
	quiereCodigo(t, err, msg.CodeCertRevocado)
}

func mustCSR(t *testing.T) []byte {
	csr, _ := nuevoCSR(t, sujetoPrueba)
	return csr
}

// TestCertificadoVencido_SoloRenueva: an expired certificate may start its
// renewal but not ask for an additional.
func TestCertificadoVencido_SoloRenueva(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	m.e.reloj.avanzar(800 * 24 * time.Hour)
	estado(t, m.c, secrypto.SerialHex(cred.Certificate), ca.CertVencido)
	_, err := m.c.Adicional(ctx, cred, leerJSON[patronAdicional](t, "../../examples/adicional.json"), mustCSR(t))
	quiereCodigo(t, err, msg.CodeCertVencido)
	if _, err := m.c.IniciarRenovacion(ctx, cred, mustCSR(t), nil); err != nil {
		t.Fatalf("an expired certificate must be able to start its renewal: %v", err)
	}
}

// TestHTTPPlano_SinRespuestaAPI: the port speaks TLS only.
func TestHTTPPlano_SinRespuestaAPI(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(e.url, "https://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET /api/v1/ca HTTP/1.1\r\nHost: localhost\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return // the connection was dropped: no answer at all
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK || bytes.Contains(b, []byte(`"raiz"`)) || strings.Contains(resp.Header.Get("Content-Type"), "json") {
		t.Fatalf("plain HTTP got an API answer: %d %s", resp.StatusCode, b)
	}
}

// TestVentanilla_SinSesion_401: every clerk route needs a session.
func TestVentanilla_SinSesion_401(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	hc := httpCliente(e)
	for _, r := range []struct{ method, path, token string }{
		{"GET", "/api/v1/ventanilla/solicitudes", ""},
		{"GET", "/api/v1/ventanilla/solicitudes", "inventado"},
		{"POST", "/api/v1/ventanilla/solicitudes/abc/aprobar", ""},
		{"POST", "/api/v1/ventanilla/solicitudes/abc/rechazar", ""},
		{"GET", "/api/v1/ventanilla/solicitudes/abc/constancia", ""},
		{"POST", "/api/v1/ventanilla/certificados/abc/revocar", ""},
		{"DELETE", "/api/v1/ventanilla/sesion", ""},
	} {
		req, _ := http.NewRequest(r.method, e.url+r.path, strings.NewReader(`{}`))
		if r.token != "" {
			req.Header.Set("Authorization", "Bearer "+r.token)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var we wire.Error
		json.NewDecoder(resp.Body).Decode(&we)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || we.Code != msg.CodeNoAutorizado || we.Mensaje == "" || we.Message == "" {
			t.Errorf("%s %s: %d %+v", r.method, r.path, resp.StatusCode, we)
		}
	}
}

func httpCliente(e *entorno) *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(e.raizPEM)
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

func post(t *testing.T, hc *http.Client, url string, body []byte, hdr map[string]string) (int, wire.Error, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var we wire.Error
	json.Unmarshal(b, &we)
	return resp.StatusCode, we, b
}

// TestPeticiones_Estrictas: unknown fields, trailing data, non-objects and
// oversized bodies are refused before any procedure runs.
func TestPeticiones_Estrictas(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	hc := httpCliente(e)
	big := `{"datos":{},"csr":"` + strings.Repeat("A", 100<<10) + `"}`
	for _, c := range []struct {
		name, body string
		status     int
		code       string
		motivo     string // the reason, which travels as its code
	}{
		{"campo desconocido", `{"datos":{},"csr":"","extra":1}`, 400, msg.CodePeticionInvalida, msg.CodeMotivoJSONInvalido},
		{"datos al final", `{"datos":{},"csr":""} {}`, 400, msg.CodePeticionInvalida, msg.CodeMotivoJSONSobrante},
		{"no es objeto", `[1,2]`, 400, msg.CodePeticionInvalida, msg.CodeMotivoNoEsObjeto},
		{"null", `null`, 400, msg.CodePeticionInvalida, msg.CodeMotivoNoEsObjeto},
		{"vacío", ``, 400, msg.CodePeticionInvalida, msg.CodeMotivoNoEsObjeto},
		{"demasiado grande", big, 413, msg.CodePeticionGrande, ""},
		{"datos inválidos", `{"datos":{},"csr":""}`, 422, msg.CodeSolicitudInvalida, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, we, raw := post(t, hc, e.url+"/api/v1/solicitudes", []byte(c.body), nil)
			if st != c.status || we.Code != c.code {
				t.Fatalf("%d %s", st, raw)
			}
			if c.motivo == "" {
				return
			}
			if len(we.Args) != 1 || we.Args[0] != c.motivo {
				t.Errorf("motivo %q, quiero [%s]", we.Args, c.motivo)
			}
			if want := msg.New(c.motivo).Mensaje(msg.EN); !strings.Contains(we.Message, want) {
				t.Errorf("message %q no dice %q", we.Message, want)
			}
			if strings.Contains(we.Mensaje, "Código") || strings.Contains(we.Message, "Code ") {
				t.Errorf("the texts carry the code line, which has its own field: %q / %q", we.Mensaje, we.Message)
			}
		})
	}
}

// TestLogin_LimiteDeIntentos: failed clerk logins are rate-limited per
// address.
func TestLogin_LimiteDeIntentos(t *testing.T) {
	e := iniciar(t, opcionesEntorno{api: api.Options{LoginRate: 0.001, LoginBurst: 3}})
	hc := httpCliente(e)
	var codes []string
	for i := 0; i < 5; i++ {
		_, we, _ := post(t, hc, e.url+"/api/v1/ventanilla/sesion", []byte(`{"usuario":"ana","contrasena":"mala-contrasena"}`), nil)
		codes = append(codes, we.Code)
	}
	want := []string{msg.CodeCredencialesInvalidas, msg.CodeCredencialesInvalidas, msg.CodeCredencialesInvalidas,
		msg.CodeDemasiadosIntentos, msg.CodeDemasiadosIntentos}
	if strings.Join(codes, ",") != strings.Join(want, ",") {
		t.Fatalf("codes %v, want %v", codes, want)
	}
}

// TestPrueba_RetoDeUnSoloUso: a proof of possession cannot be replayed,
// and a proof by another key is refused.
func TestPrueba_RetoDeUnSoloUso(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	hc := httpCliente(m.e)
	serial := secrypto.SerialHex(cred.Certificate)
	path := "/api/v1/certificados/" + serial + "/revocar"
	body := []byte(`{}`)
	_, _, raw := post(t, hc, m.e.url+"/api/v1/retos", []byte(`{"serial":"`+serial+`"}`), nil)
	var reto wire.Reto
	json.Unmarshal(raw, &reto)
	_, otro := nuevoCSR(t, sujetoPrueba)
	hdr := map[string]string{"Authorization": pruebaHeader(t, otro, serial, "POST", path, reto.Reto, body)}
	st, we, _ := post(t, hc, m.e.url+path, body, hdr)
	if st != 401 || we.Code != msg.CodeFirmaInvalida {
		t.Fatalf("foreign key: %d %+v", st, we)
	}
	// The challenge was consumed by the failed attempt.
	hdr["Authorization"] = pruebaHeader(t, cred, serial, "POST", path, reto.Reto, body)
	st, we, _ = post(t, hc, m.e.url+path, body, hdr)
	if st != 401 || we.Code != msg.CodeRetoInvalido {
		t.Fatalf("replay: %d %+v", st, we)
	}
	estado(t, m.c, serial, ca.CertVigente)
}

// TestIdempotencia: a creating call retried with its key returns the first
// result; the key with another body is refused.
func TestIdempotencia(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	hc := httpCliente(m.e)
	csr := mustCSR(t)
	body, _ := json.Marshal(wire.SolicitudNueva{Datos: solicitudEjemplo(t, 7), CSR: csr})
	h := map[string]string{wire.HeaderIdempotencia: "clave-1"}
	st1, _, r1 := post(t, hc, m.e.url+"/api/v1/solicitudes", body, h)
	st2, _, r2 := post(t, hc, m.e.url+"/api/v1/solicitudes", body, h)
	var a, b wire.Solicitud
	json.Unmarshal(r1, &a)
	json.Unmarshal(r2, &b)
	if st1 != 201 || st2 != 201 || a.Folio == "" || a.Folio != b.Folio {
		t.Fatalf("retry: %d %d %q %q", st1, st2, a.Folio, b.Folio)
	}
	body2, _ := json.Marshal(wire.SolicitudNueva{Datos: solicitudEjemplo(t, 8), CSR: csr})
	st, we, _ := post(t, hc, m.e.url+"/api/v1/solicitudes", body2, h)
	if st != 409 || we.Code != msg.CodeIdempotencia {
		t.Fatalf("reused key: %d %+v", st, we)
	}
}

func TestVentanilla_RevocarEnPersona_RegistraMotivoEIdentificacion(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 71)
	serial := secrypto.SerialHex(cred.Certificate)

	_, err := m.v.Revocar(ctx, serial, wire.Revocacion{Motivo: "perdida"})
	quiereCodigo(t, err, msg.CodeIdentificacionRequerida)
	estado(t, m.c, serial, "vigente")

	st, err := m.v.Revocar(ctx, serial, wire.Revocacion{Motivo: "perdida", Identificacion: "INE 1234567890", Nota: "extravió la USB"})
	if err != nil || st.Estado != "revocado" {
		t.Fatalf("revocar: %v %+v", err, st)
	}
	evs, err := m.e.db.Auditoria(ctx, serial)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, ev := range evs {
		if ev.Que == "certificado.revocar" && strings.HasPrefix(ev.Quien, "clerk:ana") &&
			strings.Contains(ev.Detalle, "motivo=perdida") && strings.Contains(ev.Detalle, "identificacion=INE 1234567890") &&
			strings.Contains(ev.Detalle, "nota=extravió la USB") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the audit does not record the clerk, reason and ID: %+v", evs)
	}
}

// A request sent again with the same Idempotency-Key (a client that saved
// the key before a crash) gets the first answer, not a duplicate.
func TestSolicitud_MismaClaveTrasCaida_MismoFolio(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	datos := solicitudEjemplo(t, 72)
	csr, _ := nuevoCSR(t, sujetoPrueba)
	ctx := client.ConClave(context.Background(), client.NuevaClave())
	a, err := m.c.Solicitar(ctx, datos, csr)
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.c.Solicitar(ctx, datos, csr)
	if err != nil || b.Folio != a.Folio || b.NPIE != a.NPIE {
		t.Fatalf("second send: %v, folio %s vs %s", err, b.Folio, a.Folio)
	}
	_, err = m.c.Solicitar(client.ConClave(context.Background(), client.NuevaClave()), datos, csr)
	quiereCodigo(t, err, msg.CodeSolicitudDuplicada)
}
