package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/tramite"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// mismosDatosFijos fails unless got carries the data a renewal may not
// change exactly as want has them: company, representative (but the
// correo, teléfono and fax) and domicilio fiscal.
func mismosDatosFijos(t *testing.T, got, want patron.Solicitud) {
	t.Helper()
	want = want.Normalizada()
	if got.Empresa != want.Empresa {
		t.Errorf("empresa = %+v, want %+v", got.Empresa, want.Empresa)
	}
	if got.Domicilio != want.Domicilio {
		t.Errorf("domicilio = %+v, want %+v", got.Domicilio, want.Domicilio)
	}
	g, w := got.Representante, want.Representante
	g.Correo, g.CorreoConfirmacion, g.Telefono, g.Fax = "", "", "", ""
	w.Correo, w.CorreoConfirmacion, w.Telefono, w.Fax = "", "", "", ""
	if g != w {
		t.Errorf("representante = %+v, want %+v", g, w)
	}
}

// abrirRenovacion opens a renewal of the .pfx at ruta as the app does.
func abrirRenovacion(t *testing.T, c *client.Client, ruta, pw string) *tramite.Renovacion {
	t.Helper()
	alm, err := progreso.Abrir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := tramite.NuevaRenovacion(alm, c)
	if _, err := r.Abrir(context.Background(), ruta, []byte(pw)); err != nil {
		t.Fatalf("abrir para renovar: %v", err)
	}
	return r
}

// TestDatos_RenovacionMuestraLoCapturadoYLosCambios: the holder of the
// main certificate reads the data captured in its Solicitud NPIE; the
// renewal shows them, and after a renewal that changed correo and
// teléfono the new certificate's holder reads the changed values and
// everything else as it was. The replaced certificate reads nothing.
func TestDatos_RenovacionMuestraLoCapturadoYLosCambios(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	capturados := solicitudEjemplo(t, 1)
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)

	d, err := m.c.DatosDe(ctx, cred)
	if err != nil {
		t.Fatalf("datos del titular: %v", err)
	}
	if d.Serial != secrypto.SerialHex(cred.Certificate) || d.Usuario != capturados.Representante.Usuario || d.NPIE == "" {
		t.Fatalf("datos: serial %s usuario %s npie %s", d.Serial, d.Usuario, d.NPIE)
	}
	if d.Solicitud.Empresa.RegistroPatronal == "" || d.Solicitud.Domicilio.CodigoPostal != capturados.Domicilio.CodigoPostal {
		t.Fatalf("datos: %+v", d.Solicitud)
	}
	mismosDatosFijos(t, d.Solicitud, capturados)
	if r := d.Solicitud.Representante; r.Correo != capturados.Representante.Correo || r.Telefono != capturados.Representante.Telefono {
		t.Fatalf("contacto: %+v", r)
	}

	// The renewal as the app runs it: open, show the data, change the
	// contact data starting from them.
	dir := t.TempDir()
	const pw, pwNueva = "Clave1001", "SegundaClave2"
	viejo := filepath.Join(dir, "anterior.pfx")
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, []byte(pw), viejo, false); err != nil {
		t.Fatal(err)
	}
	r := abrirRenovacion(t, m.c, viejo, pw)
	anteriores, err := r.DatosAnteriores(ctx)
	if err != nil {
		t.Fatalf("datos anteriores: %v", err)
	}
	if *anteriores != d.Solicitud {
		t.Fatalf("la renovación muestra %+v, la CA tiene %+v", *anteriores, d.Solicitud)
	}
	cambios := anteriores.Cambios()
	cambios.Correo, cambios.CorreoConfirmacion, cambios.Telefono = "nuevo_correo@example.com", "nuevo_correo@example.com", "5544332211"
	if err := r.Completar(ctx, tramite.DatosRenovacion{Cambios: &cambios, Llave: filepath.Join(dir, "nueva.key"),
		Password: []byte(pwNueva), PasswordAnterior: []byte(pw), PFX: filepath.Join(dir, "nueva.pfx"),
		Opciones: credencial.Opciones{Iteraciones: iteracionesTest}}); err != nil {
		t.Fatalf("renovar: %v", err)
	}

	d2, err := m.c.DatosDe(ctx, r.Nuevo())
	if err != nil {
		t.Fatalf("datos del certificado renovado: %v", err)
	}
	if rep := d2.Solicitud.Representante; rep.Correo != "nuevo_correo@example.com" || rep.Telefono != "5544332211" || rep.Fax != "" {
		t.Fatalf("contacto tras la renovación: %+v", rep)
	}
	mismosDatosFijos(t, d2.Solicitud, capturados)
	if d2.NPIE != d.NPIE || d2.Usuario != d.Usuario {
		t.Fatalf("npie %s usuario %s, want %s %s", d2.NPIE, d2.Usuario, d.NPIE, d.Usuario)
	}
	// The next renewal starts from the changed values.
	r2 := abrirRenovacion(t, m.c, filepath.Join(dir, "nueva.pfx"), pwNueva)
	siguientes, err := r2.DatosAnteriores(ctx)
	if err != nil || siguientes.Cambios().Correo != "nuevo_correo@example.com" {
		t.Fatalf("datos de la siguiente renovación: %v %+v", err, siguientes)
	}

	// The replaced certificate is revoked: it reads nothing.
	_, err = m.c.DatosDe(ctx, cred)
	quiereCodigo(t, err, msg.CodeCertRevocado)
}

// getDatos asks GET /certificados/{serial}/datos with a proof naming
// serialPrueba, over a fresh challenge for it, signed with cred's key.
func getDatos(t *testing.T, m mundo, serialRuta, serialPrueba string, cred *secrypto.Credential) (int, wire.Error, []byte) {
	t.Helper()
	hc := httpCliente(m.e)
	_, _, raw := post(t, hc, m.e.url+"/api/v1/retos", []byte(`{"serial":"`+serialPrueba+`"}`), nil)
	var reto wire.Reto
	json.Unmarshal(raw, &reto)
	if reto.Reto == "" {
		t.Fatalf("sin reto: %s", raw)
	}
	path := "/api/v1/certificados/" + serialRuta + "/datos"
	req, _ := http.NewRequest("GET", m.e.url+path, nil)
	req.Header.Set("Authorization", pruebaHeader(t, cred, serialPrueba, "GET", path, reto.Reto, nil))
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

// TestDatos_SoloElTitular: the data of an NPIE are read only with a proof
// by its main certificate for that same serial: another employer's key,
// a proof for another serial, no proof at all, an additional certificate
// and a revoked one are refused; an expired one may read them.
func TestDatos_SoloElTitular(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	a := patronConCertificado(t, m.e, m.c, m.v, 1)
	b := patronConCertificado(t, m.e, m.c, m.v, 2)
	serialA, serialB := secrypto.SerialHex(a.Certificate), secrypto.SerialHex(b.Certificate)

	st, we, raw := getDatos(t, m, serialA, serialA, a)
	if st != http.StatusOK {
		t.Fatalf("titular: %d %+v", st, we)
	}
	var d wire.DatosPatron
	if err := json.Unmarshal(raw, &d); err != nil || d.Serial != serialA || d.Usuario != "usuario_1" {
		t.Fatalf("titular: %v %s", err, raw)
	}
	// B's key signing a proof that names A.
	if st, we, _ := getDatos(t, m, serialA, serialA, b); st != http.StatusUnauthorized || we.Code != msg.CodeFirmaInvalida {
		t.Fatalf("llave ajena: %d %+v", st, we)
	}
	// B's valid proof for B, used on A's route (and the other way round).
	if st, we, _ := getDatos(t, m, serialA, serialB, b); st != http.StatusUnauthorized || we.Code != msg.CodeFirmaInvalida {
		t.Fatalf("prueba de B en la ruta de A: %d %+v", st, we)
	}
	if st, we, _ := getDatos(t, m, serialB, serialA, a); st != http.StatusUnauthorized || we.Code != msg.CodeFirmaInvalida {
		t.Fatalf("prueba de A en la ruta de B: %d %+v", st, we)
	}
	// No proof at all.
	resp, err := httpCliente(m.e).Get(m.e.url + "/api/v1/certificados/" + serialA + "/datos")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("sin prueba: %d", resp.StatusCode)
	}

	// An additional certificate of A's NPIE.
	persona := leerJSON[patron.Adicional](t, "../../examples/adicional.json")
	ad, err := tramite.SolicitarAdicional(ctx, m.c, a, persona, llave(t.TempDir(), "adicional.key", "ClaveAdicional3", persona.Usuario))
	if err != nil {
		t.Fatalf("adicional: %v", err)
	}
	_, err = m.c.DatosDe(ctx, ad)
	quiereCodigo(t, err, msg.CodeCertNoPrincipal)

	// Revoked.
	if _, err := m.c.Revocar(ctx, b, "llave_comprometida"); err != nil {
		t.Fatal(err)
	}
	_, err = m.c.DatosDe(ctx, b)
	quiereCodigo(t, err, msg.CodeCertRevocado)

	// Expired: the renewal of an expired certificate starts from its data.
	m.e.reloj.avanzar(800 * 24 * time.Hour)
	if d, err := m.c.DatosDe(ctx, a); err != nil || d.Serial != serialA {
		t.Fatalf("vencido: %v %+v", err, d)
	}
}

// TestDatos_SinServidor: without the CA the renewal says the server is
// unavailable (the app then shows the certificate's subject); before the
// certificate is opened there is nothing to ask with.
func TestDatos_SinServidor(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	dir := t.TempDir()
	ruta := filepath.Join(dir, "usuario_1.pfx")
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, []byte("Clave1001"), ruta, false); err != nil {
		t.Fatal(err)
	}
	muerto, err := client.New("https://127.0.0.1:1", m.e.raizPEM, client.Options{Timeout: 2 * time.Second, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	alm, err := progreso.Abrir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := tramite.NuevaRenovacion(alm, muerto)
	_, err = r.DatosAnteriores(context.Background())
	quiereCodigo(t, err, msg.CodeTramitePaso)
	aviso, err := r.Abrir(context.Background(), ruta, []byte("Clave1001"))
	if err != nil {
		t.Fatalf("abrir sin servidor: %v (aviso %v)", err, aviso)
	}
	_, err = r.DatosAnteriores(context.Background())
	quiereCodigo(t, err, msg.CodeServidorNoDisponible)
}
