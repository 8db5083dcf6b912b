package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/seguritools/seguritools/app/api"
	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/msg"
)

// tamBase is the size of the database and its WAL.
func tamBase(t *testing.T, e *entorno) int64 {
	t.Helper()
	var n int64
	for _, s := range []string{"", "-wal"} {
		if fi, err := os.Stat(filepath.Join(e.dir, "ca", ca.ArchivoBase+s)); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// crearSolicitudes sends n Solicitud NPIE calls from 127.0.0.1, each
// for another usuario, and counts the answers by status.
func crearSolicitudes(t *testing.T, e *entorno, n int) map[int]int {
	t.Helper()
	k, err := secryptoGenerate(2048)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := secryptoCSR(k)
	if err != nil {
		t.Fatal(err)
	}
	hc := httpCliente(e)
	got := map[int]int{}
	for i := 0; i < n; i++ {
		body, _ := json.Marshal(wire.SolicitudNueva{Datos: solicitudEjemplo(t, 5000+i), CSR: csr})
		req, _ := http.NewRequest("POST", e.url+"/api/v1/solicitudes", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var we wire.Error
		json.NewDecoder(resp.Body).Decode(&we)
		resp.Body.Close()
		got[resp.StatusCode]++
		if resp.StatusCode == http.StatusTooManyRequests {
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 || we.Code != msg.CodeDemasiadosIntentos {
				t.Fatalf("429 without Retry-After or code: %q %+v", resp.Header.Get("Retry-After"), we)
			}
		}
	}
	return got
}

// TestSolicitudes_InundacionDesdeUnaDireccion_429YBaseAcotada: the flood
// of the audit (requests without login, one address) gets 429 with
// Retry-After after the burst, and 300 attempts grow the database (with
// its WAL) by less than 5 MB.
func TestSolicitudes_InundacionDesdeUnaDireccion_429YBaseAcotada(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	antes := tamBase(t, e)
	got := crearSolicitudes(t, e, 300)
	crecio := tamBase(t, e) - antes
	t.Logf("300 attempts: %v; database + WAL grew %d bytes", got, crecio)
	if got[http.StatusCreated] == 0 || got[http.StatusCreated] > 20 || got[http.StatusTooManyRequests] != 300-got[http.StatusCreated] {
		t.Errorf("answers %v: want at most 20 created and 429 for the rest", got)
	}
	if crecio >= 5<<20 {
		t.Errorf("database grew %d bytes, want < 5 MB", crecio)
	}
}

// TestSolicitud_CuestaMenosDe5KB: a request at rest (record, indexes,
// audit record) costs under 5 KB: the letter is not stored, only its
// hash, and GET .../carta renders the same bytes the employer received.
func TestSolicitud_CuestaMenosDe5KB(t *testing.T) {
	e := iniciar(t, opcionesEntorno{api: api.Options{SolicitudRate: -1}})
	const n = 60
	compactar := func() int64 {
		db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, "ca", ca.ArchivoBase))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var paginas, tam int64
		db.QueryRow("PRAGMA page_count").Scan(&paginas)
		db.QueryRow("PRAGMA page_size").Scan(&tam)
		var libres int64
		db.QueryRow("PRAGMA freelist_count").Scan(&libres)
		return (paginas - libres) * tam
	}
	antes := compactar()
	if got := crearSolicitudes(t, e, n); got[http.StatusCreated] != n {
		t.Fatalf("answers %v", got)
	}
	por := (compactar() - antes) / n
	t.Logf("%d bytes per request at rest", por)
	if por >= 5<<10 {
		t.Errorf("a request costs %d bytes at rest, want < 5 KB", por)
	}
	ctx := context.Background()
	c := e.cliente(t, nil)
	k, _ := secryptoGenerate(2048)
	csr, _ := secryptoCSR(k)
	sol, err := c.Solicitar(ctx, solicitudEjemplo(t, 99), csr)
	if err != nil || len(sol.Carta) == 0 {
		t.Fatal(err)
	}
	v, err := c.Ventanilla(ctx, "ana", clerkPassword)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := v.Carta(ctx, sol.Folio)
	if err != nil || !bytes.Equal(pdf, sol.Carta) {
		t.Fatalf("the letter rendered again differs from the one served (%v)", err)
	}
}

// TestSolicitudes_CupoGlobal_503HastaQueSeResuelva: past the cap of
// pending requests nobody can add one (503 VENTANILLA_LLENA with
// Retry-After), whatever the address; resolving one makes room.
func TestSolicitudes_CupoGlobal_503HastaQueSeResuelva(t *testing.T) {
	e := iniciar(t, opcionesEntorno{api: api.Options{SolicitudRate: -1}, maxPendientes: 3})
	if got := crearSolicitudes(t, e, 3); got[http.StatusCreated] != 3 {
		t.Fatalf("answers %v", got)
	}
	ctx := context.Background()
	c := e.cliente(t, nil)
	k, _ := secryptoGenerate(2048)
	csr, _ := secryptoCSR(k)
	_, err := c.Solicitar(ctx, solicitudEjemplo(t, 1), csr)
	quiereCodigo(t, err, msg.CodeVentanillaLlena)
	hc := httpCliente(e)
	body, _ := json.Marshal(wire.SolicitudNueva{Datos: solicitudEjemplo(t, 2), CSR: csr})
	st, we, _ := post(t, hc, e.url+"/api/v1/solicitudes", body, nil)
	if st != http.StatusServiceUnavailable || we.Code != msg.CodeVentanillaLlena {
		t.Fatalf("4th request: %d %+v", st, we)
	}
	v, err := c.Ventanilla(ctx, "ana", clerkPassword)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := v.Buscar(ctx, client.Filtro{Estado: "pendiente"})
	if err != nil || len(ss) != 3 {
		t.Fatalf("pending %d %v", len(ss), err)
	}
	if _, err := v.Rechazar(ctx, ss[0].Folio, "documentos ilegibles"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Solicitar(ctx, solicitudEjemplo(t, 1), csr); err != nil {
		t.Fatalf("after one was resolved: %v", err)
	}
}

// TestRenovacion_CincoCartasRechazadas_SeCancela: a renewal takes at most
// 5 refused acceptance letters; the 5th cancels it (audited), the right
// letter is then refused, and a new renewal can start.
func TestRenovacion_CincoCartasRechazadas_SeCancela(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	csr, _ := nuevoCSR(t, sujetoPrueba)
	ren, err := m.c.IniciarRenovacion(ctx, cred, csr, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 5; i++ {
		_, err = m.c.FirmarAceptacion(ctx, ren.ID, ren.Carta)
		quiereCodigo(t, err, msg.CodeCartaSinFirma)
	}
	_, err = m.c.FirmarAceptacion(ctx, ren.ID, ren.Carta)
	quiereCodigo(t, err, msg.CodeRenovacionCancelada)
	buena, err := firmarCarta(ren.Carta, cred, "Acepto")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.c.FirmarAceptacion(ctx, ren.ID, buena)
	quiereCodigo(t, err, msg.CodeRenovacionPaso)
	evs, _ := m.e.db.Auditoria(ctx, ren.ID)
	if len(evs) == 0 || evs[len(evs)-1].Que != "renovacion.cancelar" {
		t.Errorf("audit of the renewal: %+v", evs)
	}
	otra, err := m.c.IniciarRenovacion(ctx, cred, csr, nil)
	if err != nil {
		t.Fatal(err)
	}
	buena, _ = firmarCarta(otra.Carta, cred, "Acepto")
	if _, err := m.c.FirmarAceptacion(ctx, otra.ID, buena); err != nil {
		t.Fatalf("a new renewal after the cancelled one: %v", err)
	}
}
