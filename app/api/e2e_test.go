package api_test

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"github.com/seguritools/seguritools/internal/testtool"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// herramienta is testtool.Require: the external tool's path, or skip (fail in CI).
func herramienta(t *testing.T, name string) string {
	t.Helper()
	return testtool.Require(t, name)
}

func escribirPEM(t *testing.T, path string, certs ...*x509.Certificate) string {
	t.Helper()
	var b bytes.Buffer
	for _, c := range certs {
		pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestE2E_TodosLosProcedimientos is the acceptance run: request → clerk
// approve → obtain .pfx → vigente → renewal with both letters → old and
// new status → additional → revoke main → additional revoked too → CRL
// and OCSP (openssl) say so; openssl verify accepts every certificate;
// no request body carries a private key or a password.
func TestE2E_TodosLosProcedimientos(t *testing.T) {
	openssl := herramienta(t, "openssl")
	e := iniciar(t, opcionesEntorno{})
	rec := &grabadora{}
	c := e.cliente(t, func(rt http.RoundTripper) http.RoundTripper { rec.next = rt; return rec })
	ctx := context.Background()
	dir := t.TempDir()
	const pw1, pw2, pw3 = "PrimeraClave1", "SegundaClave2", "ClaveAdicional3"

	// Solicitud.
	datos := solicitudEjemplo(t, 1)
	sol, err := tramite.SolicitarNPIE(ctx, c, datos, llave(dir, "patron.key", pw1, ""))
	if err != nil {
		t.Fatalf("solicitar: %v", err)
	}
	if sol.Estado != ca.SolicitudPendiente || sol.Folio == "" || !ca.NPIEValido(sol.NPIE) ||
		sol.Usuario != datos.Representante.Usuario || sol.FechaLimite == "" || !bytes.HasPrefix(sol.Carta, []byte("%PDF")) {
		t.Fatalf("solicitud: %+v", sol)
	}

	// Ventanilla.
	v, err := c.Ventanilla(ctx, "ana", clerkPassword)
	if err != nil {
		t.Fatal(err)
	}
	pend, err := v.Buscar(ctx, client.Filtro{Estado: "pendiente", RegistroPatronal: datos.Empresa.RegistroPatronal})
	if err != nil || len(pend) != 1 || pend[0].Folio != sol.Folio {
		t.Fatalf("pendientes: %v %+v", err, pend)
	}
	apr, err := v.Aprobar(ctx, sol.Folio, todosLosDocumentos)
	if err != nil || apr.Estado != ca.SolicitudAprobada || apr.Serial == "" {
		t.Fatalf("aprobar: %v %+v", err, apr)
	}
	constancia, err := v.Constancia(ctx, sol.Folio)
	if err != nil || !bytes.HasPrefix(constancia, []byte("%PDF")) {
		t.Fatalf("constancia: %v", err)
	}

	// Obtener el .pfx con la llave propia.
	key1, err := credencial.AbrirLlave(filepath.Join(dir, "patron.key"), []byte(pw1))
	if err != nil {
		t.Fatal(err)
	}
	cred1, err := c.Obtener(ctx, sol.NPIE, key1)
	if err != nil {
		t.Fatalf("obtener: %v", err)
	}
	if _, err := credencial.ConstruirPFX(cred1.Certificate, key1, cred1.Chain, []byte(pw1), filepath.Join(dir, "patron.pfx"), false); err != nil {
		t.Fatal(err)
	}
	cred1, err = credencial.AbrirPFX(filepath.Join(dir, "patron.pfx"), []byte(pw1))
	if err != nil {
		t.Fatal(err)
	}
	serial1 := secrypto.SerialHex(cred1.Certificate)
	estado(t, c, serial1, ca.CertVigente)

	// Renovación con ambas cartas.
	cambios := leerJSON[patron.Cambios](t, "../../examples/renovacion.json")
	alm, err := progreso.Abrir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := tramite.NuevaRenovacion(alm, c)
	if aviso, err := r.Abrir(ctx, filepath.Join(dir, "patron.pfx"), []byte(pw1)); err != nil || aviso != nil {
		t.Fatalf("abrir para renovar: %v %v", err, aviso)
	}
	if err := r.Completar(ctx, tramite.DatosRenovacion{Cambios: &cambios, Llave: filepath.Join(dir, "nueva.key"), Password: []byte(pw2),
		PasswordAnterior: []byte(pw1), PFX: filepath.Join(dir, "nueva.pfx"), Opciones: credencial.Opciones{Iteraciones: iteracionesTest}}); err != nil {
		t.Fatalf("renovar: %v", err)
	}
	cred2 := r.Nuevo()
	serial2 := secrypto.SerialHex(cred2.Certificate)
	estadoRen, err := c.Renovacion(ctx, r.T.RenovacionID)
	if err != nil || estadoRen.Estado != ca.RenovacionCompletada || estadoRen.SerialAnterior != serial1 || serial2 == serial1 {
		t.Fatalf("renovación: %v %+v", err, estadoRen)
	}
	aceptacion, err := os.ReadFile(r.CartaAceptacionFirmada())
	if err != nil {
		t.Fatal(err)
	}
	if estadoRen.CadenaAnterior != carta.CadenaIdentificacion(aceptacion) {
		t.Errorf("cadena de la carta anterior = %q", estadoRen.CadenaAnterior)
	}
	if secrypto.SubjectEmail(cred2.Certificate.Subject) != cambios.Correo {
		t.Fatalf("correo del certificado nuevo: %q", secrypto.SubjectEmail(cred2.Certificate.Subject))
	}
	estado(t, c, serial1, ca.CertRevocado)
	estado(t, c, serial2, ca.CertVigente)
	if n, err := c.SerialDeNPIE(ctx, sol.NPIE); err != nil || n.Serial != serial2 {
		t.Fatalf("recuperación tras renovar: %v %+v", err, n)
	}

	// Adicional.
	persona := leerJSON[patron.Adicional](t, "../../examples/adicional.json")
	credA, err := tramite.SolicitarAdicional(ctx, c, cred2, persona, llave(dir, "adicional.key", pw3, persona.Usuario))
	if err != nil {
		t.Fatalf("adicional: %v", err)
	}
	serialA := secrypto.SerialHex(credA.Certificate)
	estado(t, c, serialA, ca.CertVigente)
	if credA.Certificate.NotAfter.After(cred2.Certificate.NotAfter) {
		t.Error("el adicional vence después del principal")
	}

	// Revocación en línea del principal: el adicional cae con él.
	if _, err := c.Revocar(ctx, cred2, ""); err != nil {
		t.Fatalf("revocar: %v", err)
	}
	estado(t, c, serial2, ca.CertRevocado)
	estado(t, c, serialA, ca.CertRevocado)

	// CRL.
	der, err := c.CRL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	crl, err := x509.ParseRevocationList(der)
	if err != nil {
		t.Fatal(err)
	}
	if err := crl.CheckSignatureFrom(cred2.Chain[0]); err != nil {
		t.Fatalf("firma de la CRL: %v", err)
	}
	enCRL := map[string]bool{}
	for _, r := range crl.RevokedCertificateEntries {
		enCRL[strings.ToLower(r.SerialNumber.Text(16))] = true
	}
	for _, s := range []string{serial1, serial2, serialA} {
		if !enCRL[s] {
			t.Errorf("la CRL no lista %s", s)
		}
	}

	// openssl: verify every certificate, OCSP for the revoked ones. The
	// .pfx carries the chain, issuing CA then the pinned root, and the
	// certificates verify to the root through the issuing CA.
	if len(cred2.Chain) != 2 || !bytes.Equal(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cred2.Chain[1].Raw}), e.raizPEM) {
		t.Fatalf("the .pfx chain should be the issuing CA and the pinned root, got %d certificates", len(cred2.Chain))
	}
	if err := cred2.Chain[0].CheckSignatureFrom(cred2.Chain[1]); err != nil || !cred2.Chain[0].IsCA || cred2.Chain[0].MaxPathLen != 0 || !cred2.Chain[0].MaxPathLenZero {
		t.Fatalf("the issuing CA: %v, CA %v, path length %d", err, cred2.Chain[0].IsCA, cred2.Chain[0].MaxPathLen)
	}
	raiz := filepath.Join(dir, "root.pem")
	if err := os.WriteFile(raiz, e.raizPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	emisor := escribirPEM(t, filepath.Join(dir, "emisor.pem"), cred2.Chain[0])
	cadena := escribirPEM(t, filepath.Join(dir, "chain.pem"), cred2.Chain...)
	for name, cert := range map[string]*x509.Certificate{"c1": cred1.Certificate, "c2": cred2.Certificate, "ca": credA.Certificate} {
		p := escribirPEM(t, filepath.Join(dir, name+".pem"), cert)
		if out, err := exec.Command(openssl, "verify", "-CAfile", raiz, p).CombinedOutput(); err == nil {
			t.Errorf("openssl verify %s without the issuing CA: accepted\n%s", name, out)
		}
		out, err := exec.Command(openssl, "verify", "-CAfile", raiz, "-untrusted", cadena, "-show_chain", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), ": OK") || !strings.Contains(string(out), "depth=2") {
			t.Errorf("openssl verify %s: %v\n%s", name, err, out)
		}
		t.Logf("openssl verify -CAfile root.pem -untrusted chain.pem %s.pem:\n%s", name, out)
		if name == "c1" {
			continue
		}
		out, err = exec.Command(openssl, "ocsp", "-issuer", emisor, "-cert", p, "-url", e.url+"/ocsp",
			"-CAfile", raiz, "-no_nonce").CombinedOutput()
		if err != nil || !strings.Contains(string(out), ": revoked") || !strings.Contains(string(out), "Response verify OK") {
			t.Errorf("openssl ocsp %s: %v\n%s", name, err, out)
		}
	}

	// Nothing secret ever left the client.
	secretos := map[string][]byte{"pw1": []byte(pw1), "pw2": []byte(pw2), "pw3": []byte(pw3)}
	for name, k := range map[string]*rsa.PrivateKey{"k1": cred1.Key, "k2": cred2.Key, "kA": credA.Key} {
		p8, _ := x509.MarshalPKCS8PrivateKey(k)
		p1 := x509.MarshalPKCS1PrivateKey(k)
		d := k.D.Bytes()
		secretos[name+".pkcs8"] = p8
		secretos[name+".pkcs1"] = p1
		secretos[name+".pem"] = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})
		secretos[name+".pkcs8.b64"] = []byte(base64.StdEncoding.EncodeToString(p8))
		secretos[name+".pkcs1.b64"] = []byte(base64.StdEncoding.EncodeToString(p1))
		secretos[name+".d"] = d
		secretos[name+".d.hex"] = []byte(hex.EncodeToString(d))
		secretos[name+".d.b64"] = []byte(base64.StdEncoding.EncodeToString(d)[:40])
		secretos[name+".p"] = k.Primes[0].Bytes()
	}
	for _, f := range []string{"patron.key", "nueva.key", "adicional.key"} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		secretos[f+".b64"] = []byte(base64.StdEncoding.EncodeToString(b)[:60])
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.cuerpos) < 15 {
		t.Fatalf("only %d requests recorded", len(rec.cuerpos))
	}
	todo := append(bytes.Join(rec.cuerpos, []byte{0}), []byte(strings.Join(rec.headers, "\n"))...)
	for name, s := range secretos {
		if bytes.Contains(todo, s) {
			t.Errorf("a request carried %s", name)
		}
	}
}

func estado(t *testing.T, c *client.Client, serial, want string) {
	t.Helper()
	st, err := c.Estado(context.Background(), serial)
	if err != nil {
		t.Fatalf("estado %s: %v", serial, err)
	}
	if st.Estado != want {
		t.Fatalf("estado %s = %s, want %s", serial, st.Estado, want)
	}
}
