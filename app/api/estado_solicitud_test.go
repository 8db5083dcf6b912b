package api_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"github.com/seguritools/seguritools/app/tramite"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
)

// solicitudConLlave makes employer n's request and returns it with its key.
func solicitudConLlave(t *testing.T, m mundo, n int) (*wire.Solicitud, *rsa.PrivateKey) {
	t.Helper()
	dir := t.TempDir()
	sol, err := tramite.SolicitarNPIE(context.Background(), m.c, solicitudEjemplo(t, n), llave(dir, "p.key", "Clave12345", ""))
	if err != nil {
		t.Fatal(err)
	}
	k, err := credencial.AbrirLlave(filepath.Join(dir, "p.key"), []byte("Clave12345"))
	if err != nil {
		t.Fatal(err)
	}
	return sol, k
}

func estadoSolicitud(t *testing.T, m mundo, ref string, k *rsa.PrivateKey, want string) *wire.EstadoSolicitud {
	t.Helper()
	st, err := m.c.EstadoSolicitud(context.Background(), ref, k)
	if err != nil {
		t.Fatalf("estado de %s: %v", ref, err)
	}
	if st.Estado != want {
		t.Fatalf("estado de %s = %q, want %q (%+v)", ref, st.Estado, want, st)
	}
	return st
}

// TestEstadoSolicitud_PendienteAprobada: the employer sees the pending
// request with its deadline, by folio or by NPIE, then the approval with
// the certificate's serial.
func TestEstadoSolicitud_PendienteAprobada(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	sol, k := solicitudConLlave(t, m, 1)
	st := estadoSolicitud(t, m, sol.Folio, k, ca.SolicitudPendiente)
	if st.Folio != sol.Folio || st.NPIE != sol.NPIE || st.FechaLimite != sol.FechaLimite || st.FechaLimite == "" ||
		st.Motivo != "" || st.Serial != "" || st.Resuelta != nil {
		t.Fatalf("pendiente: %+v (solicitud %+v)", st, sol)
	}
	if _, err := time.Parse("2006-01-02", st.FechaLimite); err != nil {
		t.Fatalf("fecha límite %q: %v", st.FechaLimite, err)
	}
	aviso := msg.AvisoSolicitud(st.Estado, st.NPIE, st.FechaLimite, st.Motivo)
	if aviso.Code != msg.CodeSolicitudPendiente || !strings.Contains(aviso.Text(msg.ES), st.FechaLimite) {
		t.Fatalf("aviso pendiente: %v", aviso)
	}
	// Obtener before approval says it is pending, with the deadline.
	_, err := m.c.Obtener(ctx, sol.NPIE, k)
	quiereCodigo(t, err, msg.CodeSolicitudPendiente)

	apr, err := m.v.Aprobar(ctx, sol.Folio, todosLosDocumentos)
	if err != nil {
		t.Fatal(err)
	}
	st = estadoSolicitud(t, m, sol.NPIE, k, ca.SolicitudAprobada)
	if st.Serial != apr.Serial || st.Resuelta == nil {
		t.Fatalf("aprobada: %+v", st)
	}
	if _, err := m.c.Obtener(ctx, sol.NPIE, k); err != nil {
		t.Fatalf("obtener tras aprobar: %v", err)
	}
}

// TestEstadoSolicitud_RechazadaConMotivo: the clerk's reason reaches the
// employer, in the state and in the error of Obtener, which is no longer
// NPIE_NO_ENCONTRADO.
func TestEstadoSolicitud_RechazadaConMotivo(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	sol, k := solicitudConLlave(t, m, 2)
	const motivo = "La identificación oficial no coincide con el nombre del representante legal."
	if _, err := m.v.Rechazar(ctx, sol.Folio, motivo); err != nil {
		t.Fatal(err)
	}
	st := estadoSolicitud(t, m, sol.Folio, k, ca.SolicitudRechazada)
	if st.Motivo != motivo || st.Resuelta == nil {
		t.Fatalf("rechazada: %+v", st)
	}
	_, err := m.c.Obtener(ctx, sol.NPIE, k)
	quiereCodigo(t, err, msg.CodeSolicitudRechazada)
	for _, lang := range []msg.Lang{msg.ES, msg.EN} {
		if txt := msg.Text(err, lang); !strings.Contains(txt, motivo) || !strings.Contains(txt, sol.NPIE) {
			t.Errorf("%s: el motivo no llega al patrón: %q", lang, txt)
		}
	}
}

// TestEstadoSolicitud_CanceladaAlVencer: past its deadline a request is
// cancelada as soon as anyone looks, without the periodic job, stays so,
// and can no longer be approved or rejected.
func TestEstadoSolicitud_CanceladaAlVencer(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	sol, k := solicitudConLlave(t, m, 3)
	m.e.reloj.avanzar(20 * 24 * time.Hour)
	st := estadoSolicitud(t, m, sol.Folio, k, ca.SolicitudCancelada)
	if st.FechaLimite != sol.FechaLimite {
		t.Fatalf("cancelada: %+v", st)
	}
	ev, err := m.e.db.Auditoria(ctx, sol.Folio)
	if err != nil || len(ev) == 0 || ev[len(ev)-1].Que != "solicitud.cancelar" {
		t.Fatalf("auditoría de la cancelación: %v %+v", err, ev)
	}
	guardada, err := m.e.db.Solicitud(ctx, sol.Folio)
	if err != nil || guardada.Estado != ca.SolicitudCancelada || guardada.Activa {
		t.Fatalf("la cancelación no quedó guardada: %v %+v", err, guardada)
	}
	_, err = m.c.Obtener(ctx, sol.NPIE, k)
	quiereCodigo(t, err, msg.CodeSolicitudCancelada)
	if m.v, err = m.c.Ventanilla(ctx, "ana", clerkPassword); err != nil {
		t.Fatal(err)
	}
	_, err = m.v.Aprobar(ctx, sol.Folio, todosLosDocumentos)
	quiereCodigo(t, err, msg.CodeSolicitudNoPendiente)

	// A second request, never looked at, cannot be rejected or approved
	// late either.
	sol2, _ := solicitudConLlave(t, m, 4)
	m.e.reloj.avanzar(20 * 24 * time.Hour)
	if m.v, err = m.c.Ventanilla(ctx, "ana", clerkPassword); err != nil {
		t.Fatal(err)
	}
	_, err = m.v.Rechazar(ctx, sol2.Folio, "tarde")
	quiereCodigo(t, err, msg.CodeSolicitudVencida)
	_, err = m.v.Aprobar(ctx, sol2.Folio, todosLosDocumentos)
	quiereCodigo(t, err, msg.CodeSolicitudNoPendiente)
}

// TestEstadoSolicitud_OtraLlaveRechazada: another key, even another
// request's, learns nothing; a proof cannot be replayed nor moved to
// another request.
func TestEstadoSolicitud_OtraLlaveRechazada(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	sol, k := solicitudConLlave(t, m, 5)
	sol2, k2 := solicitudConLlave(t, m, 6)
	_, err := m.c.EstadoSolicitud(ctx, sol.Folio, k2)
	quiereCodigo(t, err, msg.CodeLlaveSolicitud)
	_, err = m.c.Obtener(ctx, sol.NPIE, k2)
	quiereCodigo(t, err, msg.CodeLlaveSolicitud)

	hc := httpCliente(m.e)
	reto := func(ref string) string {
		_, _, raw := post(t, hc, m.e.url+"/api/v1/retos", []byte(`{"solicitud":"`+ref+`"}`), nil)
		var r wire.Reto
		json.Unmarshal(raw, &r)
		if r.Reto == "" {
			t.Fatalf("sin reto: %s", raw)
		}
		return r.Reto
	}
	get := func(ref, pathRef, reto string, key *rsa.PrivateKey) (int, wire.Error) {
		path := "/api/v1/solicitudes/" + pathRef + "/estado"
		h := sha256.Sum256(wire.MensajePrueba("GET", path, reto, nil))
		sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, h[:])
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", m.e.url+path, nil)
		req.Header.Set("Authorization", wire.EsquemaPrueba+" solicitud="+ref+", reto="+reto+", firma="+base64.RawURLEncoding.EncodeToString(sig))
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var we wire.Error
		json.Unmarshal(b, &we)
		return resp.StatusCode, we
	}
	r := reto(sol.Folio)
	if st, we := get(sol.Folio, sol.Folio, r, k); st != 200 {
		t.Fatalf("prueba válida: %d %+v", st, we)
	}
	if st, we := get(sol.Folio, sol.Folio, r, k); st != 401 || we.Code != msg.CodeRetoInvalido {
		t.Fatalf("repetida: %d %+v", st, we)
	}
	// A challenge of request 2, signed with request 2's key, does not open
	// request 1.
	r2 := reto(sol2.Folio)
	if st, we := get(sol.Folio, sol.Folio, r2, k2); st != 401 || we.Code != msg.CodeRetoInvalido {
		t.Fatalf("reto de otra solicitud: %d %+v", st, we)
	}
	// The header must name the request of the path.
	r = reto(sol.Folio)
	if st, we := get(sol2.Folio, sol.Folio, r, k); st != 401 || we.Code != msg.CodeFirmaInvalida {
		t.Fatalf("otra ruta: %d %+v", st, we)
	}
	// Unknown requests.
	_, err = m.c.EstadoSolicitud(ctx, strings.Repeat("0", 32), k)
	quiereCodigo(t, err, msg.CodeSolicitudNoEncontrada)
	for _, npie := range []string{"9999999999", "000000000000"} {
		_, err = m.c.Obtener(ctx, npie, k)
		quiereCodigo(t, err, msg.CodeNPIENoEncontrado)
	}
}
