// Package storetest is the contract every store.Store backend must keep:
// one suite, run against SQLite always and against PostgreSQL when a
// server is given, so that the CA behaves the same on both.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

// Abrir opens a handle on the one database of a test: each call returns
// a new handle on the same records (a restart, or another instance), and
// the backend closes them when the test ends. Every test of the suite
// gets a fresh, empty database from the backend's factory.
type Abrir func() store.Store

// Verificador is a store that can walk its audit hash chain.
type Verificador interface {
	VerificarAuditoria(ctx context.Context) (int64, []byte, error)
}

// Run runs the contract suite; nueva makes a fresh, empty database for
// one subtest and returns how to open it.
func Run(t *testing.T, nueva func(t *testing.T) Abrir) {
	pruebas := []struct {
		nombre string
		f      func(t *testing.T, abrir Abrir)
	}{
		{"Solicitud_GuardarLeerActualizar", solicitudGuardarLeer},
		{"Solicitud_NoEncontrada", solicitudNoEncontrada},
		{"Solicitud_ActivaDuplicada", solicitudActivaDuplicada},
		{"Solicitud_NPIEDuplicado", solicitudNPIEDuplicado},
		{"BuscarSolicitudes_FiltrosOrdenLimite", buscarSolicitudes},
		{"Certificado_GuardarLeerRevocar", certificadoGuardarLeer},
		{"Certificado_SerialUnico", certificadoSerialUnico},
		{"Certificado_SerialesConcurrentes", serialesConcurrentes},
		{"Renovacion_AbiertasYReemplazo", renovacion},
		{"Clerk_GuardarListar", clerk},
		{"Idempotencia_SoloLaPrimera", idempotencia},
		{"Update_ErrorNoDejaNada", updateErrorNoDejaNada},
		{"Update_PanicoNoDejaNada", updatePanico},
		{"Update_DuplicadoDentroDeLaTransaccion", updateDuplicadoSigue},
		{"Update_LeeSusPropiasEscrituras", updateLeePropias},
		{"Update_CambiosConcurrentesAtomicos", cambiosConcurrentes},
		{"Update_SerializaLeerYEscribir", serializaLeerEscribir},
		{"Auditoria_CadenaDeHashes", auditoriaCadena},
		{"Persistencia_OtroHandle", persistencia},
		{"NumeroCRL_Crece", numeroCRLCrece},
		{"NumeroCRL_Concurrente", numeroCRLConcurrente},
		{"Close_Update", cerrado},
		{"Compartido_LeerCambiarVencer", compartidoBasico},
		{"Compartido_ErrorNoCambia", compartidoError},
		{"Compartido_ConcurrenteDosHandles", compartidoConcurrente},
		{"Compartido_Purgar", compartidoPurgar},
		{"Compartido_SinAuditoria", compartidoSinAuditoria},
	}
	for _, p := range pruebas {
		t.Run(p.nombre, func(t *testing.T) { p.f(t, nueva(t)) })
	}
}

var ctx = context.Background()

// Solicitud is a pending request with every field set.
func Solicitud(folio, usuario string) *store.Solicitud {
	ahora := time.Now().Truncate(time.Millisecond).UTC()
	return &store.Solicitud{Folio: folio, NPIE: "n" + folio, Usuario: usuario, RegistroPatronal: "B7521588139",
		RFC: "EMA801010AB1", Estado: "pendiente", Activa: true, Datos: []byte(`{"a":1}`), CSR: []byte{1, 2},
		HashCarta: bytes.Repeat([]byte{7}, 32), LugarCarta: "León, Gto.",
		Creada: ahora, FechaLimite: ahora.Add(72 * time.Hour)}
}

// Certificado is a main certificate issued now.
func Certificado(serial string) *store.Certificado {
	ahora := time.Now().Truncate(time.Millisecond).UTC()
	return &store.Certificado{Serial: serial, NPIE: "n" + serial, Tipo: store.TipoPrincipal, DER: []byte("der-" + serial),
		NoAntes: ahora, NoDespues: ahora.AddDate(2, 0, 0), Emitido: ahora}
}

func ev(objeto string) store.Evento {
	return store.Evento{Quien: "clerk:ana", Que: "prueba", Objeto: objeto, Desde: "127.0.0.1", Detalle: "d"}
}

func put(t *testing.T, s store.Store, objeto string, fn func(store.Tx) error) {
	t.Helper()
	if err := s.Update(ctx, ev(objeto), fn); err != nil {
		t.Fatalf("update %s: %v", objeto, err)
	}
}

func putSolicitud(s store.Store, x *store.Solicitud) error {
	return s.Update(ctx, ev(x.Folio), func(tx store.Tx) error { return tx.PutSolicitud(ctx, x) })
}

func putCert(s store.Store, c *store.Certificado) error {
	return s.Update(ctx, ev(c.Serial), func(tx store.Tx) error { return tx.PutCertificado(ctx, c) })
}

func igualSolicitud(t *testing.T, got, want *store.Solicitud) {
	t.Helper()
	g, w := *got, *want
	for _, b := range []struct{ g, w []byte }{{g.Datos, w.Datos}, {g.CSR, w.CSR}, {g.Carta, w.Carta}, {g.HashCarta, w.HashCarta}, {g.Documentos, w.Documentos}} {
		if !bytes.Equal(b.g, b.w) {
			t.Errorf("bytes differ: %q != %q", b.g, b.w)
		}
	}
	g.Datos, g.CSR, g.Carta, g.HashCarta, g.Documentos = nil, nil, nil, nil, nil
	w.Datos, w.CSR, w.Carta, w.HashCarta, w.Documentos = nil, nil, nil, nil, nil
	if !g.Creada.Equal(w.Creada) || !g.FechaLimite.Equal(w.FechaLimite) || !g.Resuelta.Equal(w.Resuelta) {
		t.Errorf("times differ: %v %v %v != %v %v %v", g.Creada, g.FechaLimite, g.Resuelta, w.Creada, w.FechaLimite, w.Resuelta)
	}
	g.Creada, g.FechaLimite, g.Resuelta = time.Time{}, time.Time{}, time.Time{}
	w.Creada, w.FechaLimite, w.Resuelta = time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("got %+v\nwant %+v", g, w)
	}
}

func solicitudGuardarLeer(t *testing.T, abrir Abrir) {
	s := abrir()
	x := Solicitud("f1", "u1")
	x.Carta = []byte("carta antigua")
	if err := putSolicitud(s, x); err != nil {
		t.Fatal(err)
	}
	got, err := s.Solicitud(ctx, "f1")
	if err != nil {
		t.Fatal(err)
	}
	igualSolicitud(t, got, x)
	if got, err = s.SolicitudPorNPIE(ctx, "nf1"); err != nil || got.Folio != "f1" {
		t.Fatalf("por NPIE: %v %+v", err, got)
	}
	// Approval: the same folio, more fields, a certificate.
	if err := putCert(s, Certificado("0a")); err != nil {
		t.Fatal(err)
	}
	x.Estado, x.Resuelta, x.Clerk, x.Documentos, x.Serial = "aprobada", time.Now().Truncate(time.Millisecond).UTC(), "ana", []byte(`{"ok":true}`), "0a"
	if err := putSolicitud(s, x); err != nil {
		t.Fatal(err)
	}
	got, err = s.Solicitud(ctx, "f1")
	if err != nil {
		t.Fatal(err)
	}
	igualSolicitud(t, got, x)
	if n, err := s.Pendientes(ctx); err != nil || n != 0 {
		t.Fatalf("pendientes: %d %v", n, err)
	}
	// A request without the letter's bytes reads back with Carta nil.
	y := Solicitud("f2", "u2")
	if err := putSolicitud(s, y); err != nil {
		t.Fatal(err)
	}
	if got, err = s.Solicitud(ctx, "f2"); err != nil || got.Carta != nil {
		t.Fatalf("carta: %v %q", err, got.Carta)
	}
	if n, err := s.Pendientes(ctx); err != nil || n != 1 {
		t.Fatalf("pendientes: %d %v", n, err)
	}
}

func solicitudNoEncontrada(t *testing.T, abrir Abrir) {
	s := abrir()
	if _, err := s.Solicitud(ctx, "nada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Solicitud: %v", err)
	}
	if _, err := s.SolicitudPorNPIE(ctx, "nada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SolicitudPorNPIE: %v", err)
	}
	if _, err := s.Certificado(ctx, "nada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Certificado: %v", err)
	}
	if _, err := s.Renovacion(ctx, "nada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Renovacion: %v", err)
	}
	if _, err := s.Reemplazo(ctx, "nada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Reemplazo: %v", err)
	}
	if _, err := s.Clerk(ctx, "nada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Clerk: %v", err)
	}
	if _, err := s.Idempotencia(ctx, "nada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Idempotencia: %v", err)
	}
	err := s.Update(ctx, ev("x"), func(tx store.Tx) error {
		_, err := tx.Solicitud(ctx, "nada")
		return err
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("inside Update: %v", err)
	}
	for _, f := range []func() (int, error){
		func() (int, error) { l, err := s.BuscarSolicitudes(ctx, store.Filtro{}); return len(l), err },
		func() (int, error) { l, err := s.Adicionales(ctx, "nada"); return len(l), err },
		func() (int, error) { l, err := s.Revocados(ctx); return len(l), err },
		func() (int, error) { l, err := s.RenovacionesAbiertas(ctx, "nada"); return len(l), err },
		func() (int, error) { l, err := s.Clerks(ctx); return len(l), err },
		func() (int, error) { l, err := s.Auditoria(ctx, "nada"); return len(l), err },
		func() (int, error) { return s.Pendientes(ctx) },
	} {
		if n, err := f(); err != nil || n != 0 {
			t.Errorf("empty list: %d %v", n, err)
		}
	}
}

func solicitudActivaDuplicada(t *testing.T, abrir Abrir) {
	s := abrir()
	if err := putSolicitud(s, Solicitud("a", "u")); err != nil {
		t.Fatal(err)
	}
	if err := putSolicitud(s, Solicitud("b", "u")); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("second active request: %v", err)
	}
	x := Solicitud("a", "u")
	x.Activa, x.Estado = false, "rechazada"
	if err := putSolicitud(s, x); err != nil {
		t.Fatal(err)
	}
	if err := putSolicitud(s, Solicitud("b", "u")); err != nil {
		t.Fatalf("after the first stopped being active: %v", err)
	}
}

func solicitudNPIEDuplicado(t *testing.T, abrir Abrir) {
	s := abrir()
	if err := putSolicitud(s, Solicitud("a", "u1")); err != nil {
		t.Fatal(err)
	}
	y := Solicitud("b", "u2")
	y.NPIE = "na"
	if err := putSolicitud(s, y); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("reused NPIE: %v", err)
	}
	if _, err := s.Solicitud(ctx, "b"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("refused request kept: %v", err)
	}
}

func buscarSolicitudes(t *testing.T, abrir Abrir) {
	s := abrir()
	base := time.Now().Truncate(time.Millisecond)
	for i := 0; i < 6; i++ {
		x := Solicitud(fmt.Sprintf("f%d", i), fmt.Sprintf("u%d", i))
		x.Creada = base.Add(time.Duration(6-i) * time.Second) // stored newest first
		if i%2 == 1 {
			x.Estado, x.Activa = "rechazada", false
		}
		if i == 4 {
			x.RegistroPatronal, x.RFC = "A0648787107", "MAB9307148T4"
		}
		if err := putSolicitud(s, x); err != nil {
			t.Fatal(err)
		}
	}
	folios := func(f store.Filtro) string {
		l, err := s.BuscarSolicitudes(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []byte
		for _, x := range l {
			out = append(out, x.Folio...)
		}
		return string(out)
	}
	for _, c := range []struct {
		f    store.Filtro
		want string
	}{
		{store.Filtro{}, "f5f4f3f2f1f0"},
		{store.Filtro{Estado: "pendiente"}, "f4f2f0"},
		{store.Filtro{Estado: "rechazada", Limite: 2}, "f5f3"},
		{store.Filtro{Folio: "f3"}, "f3"},
		{store.Filtro{RegistroPatronal: "A0648787107"}, "f4"},
		{store.Filtro{RFC: "EMA801010AB1", Estado: "pendiente"}, "f2f0"},
		{store.Filtro{RFC: "OTRO"}, ""},
	} {
		if got := folios(c.f); got != c.want {
			t.Errorf("%+v: %s, want %s", c.f, got, c.want)
		}
	}
	if n, err := s.Pendientes(ctx); err != nil || n != 3 {
		t.Errorf("pendientes: %d %v", n, err)
	}
}

func certificadoGuardarLeer(t *testing.T, abrir Abrir) {
	s := abrir()
	p := Certificado("0a")
	a := Certificado("0b")
	a.Tipo, a.Principal, a.CartaPendiente = store.TipoAdicional, "0a", true
	put(t, s, "0a", func(tx store.Tx) error {
		if err := tx.PutCertificado(ctx, p); err != nil {
			return err
		}
		return tx.PutCertificado(ctx, a)
	})
	got, err := s.Certificado(ctx, "0b")
	if err != nil {
		t.Fatal(err)
	}
	if got.Principal != "0a" || got.Tipo != store.TipoAdicional || !got.CartaPendiente || !bytes.Equal(got.DER, a.DER) ||
		!got.NoAntes.Equal(a.NoAntes) || !got.NoDespues.Equal(a.NoDespues) || !got.Emitido.Equal(a.Emitido) || !got.Revocado.IsZero() {
		t.Fatalf("got %+v", got)
	}
	if l, err := s.Adicionales(ctx, "0a"); err != nil || len(l) != 1 || l[0].Serial != "0b" {
		t.Fatalf("adicionales: %v %+v", err, l)
	}
	if l, err := s.Revocados(ctx); err != nil || len(l) != 0 {
		t.Fatalf("revocados: %v %+v", err, l)
	}
	if n, err := s.CuantosRevocados(ctx); err != nil || n != 0 {
		t.Fatalf("cuantos revocados: %d %v, want 0", n, err)
	}
	a.Revocado, a.MotivoRevocacion, a.CartaPendiente = time.Now().Truncate(time.Millisecond), 4, false
	if err := putCert(s, a); err != nil {
		t.Fatal(err)
	}
	l, err := s.Revocados(ctx)
	if err != nil || len(l) != 1 || l[0].Serial != "0b" || l[0].MotivoRevocacion != 4 || !l[0].Revocado.Equal(a.Revocado) || l[0].CartaPendiente {
		t.Fatalf("revocados: %v %+v", err, l)
	}
	if n, err := s.CuantosRevocados(ctx); err != nil || n != 1 {
		t.Fatalf("cuantos revocados: %d %v, want 1", n, err)
	}
	// An additional certificate needs its main one.
	huerfano := Certificado("0c")
	huerfano.Tipo, huerfano.Principal = store.TipoAdicional, "ff"
	if err := putCert(s, huerfano); err == nil {
		t.Fatal("additional certificate without its main one accepted")
	}
}

// certificadoSerialUnico: a serial names one certificate forever; putting
// it again changes only its revocation and pending letter.
func certificadoSerialUnico(t *testing.T, abrir Abrir) {
	s := abrir()
	if err := putCert(s, Certificado("0a")); err != nil {
		t.Fatal(err)
	}
	otro := Certificado("0a")
	otro.DER, otro.NPIE = []byte("otro"), "otro"
	otro.Revocado, otro.MotivoRevocacion = time.Now(), 1
	if err := putCert(s, otro); err != nil {
		t.Fatal(err)
	}
	got, err := s.Certificado(ctx, "0a")
	if err != nil || string(got.DER) != "der-0a" || got.NPIE != "n0a" || got.MotivoRevocacion != 1 {
		t.Fatalf("%v %+v", err, got)
	}
}

// serialesConcurrentes: many changes at once, some reusing the same
// serials, leave exactly one certificate per serial, each with one audit
// record per change that created or touched it.
func serialesConcurrentes(t *testing.T, abrir Abrir) {
	s := abrir()
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := putCert(s, Certificado(fmt.Sprintf("%02x", i%20))); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	for i := 0; i < 20; i++ {
		serial := fmt.Sprintf("%02x", i)
		if c, err := s.Certificado(ctx, serial); err != nil || c.Serial != serial {
			t.Errorf("%s: %v", serial, err)
		}
		if e, err := s.Auditoria(ctx, serial); err != nil || len(e) != 2 {
			t.Errorf("%s: %d audit records, %v", serial, len(e), err)
		}
	}
}

func renovacion(t *testing.T, abrir Abrir) {
	s := abrir()
	ahora := time.Now().Truncate(time.Millisecond).UTC()
	r := &store.Renovacion{ID: "r1", NPIE: "n0a", SerialAnterior: "0a", Estado: "iniciada", CSR: []byte{1}, Cambios: []byte("{}"),
		CartaAceptacion: []byte("carta"), Creada: ahora, Actualizada: ahora}
	put(t, s, "r1", func(tx store.Tx) error {
		if err := tx.PutCertificado(ctx, Certificado("0a")); err != nil {
			return err
		}
		return tx.PutRenovacion(ctx, r)
	})
	if l, err := s.RenovacionesAbiertas(ctx, "0a"); err != nil || len(l) != 1 || l[0].ID != "r1" {
		t.Fatalf("abiertas: %v %+v", err, l)
	}
	if _, err := s.Reemplazo(ctx, "0a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("reemplazo before issuing: %v", err)
	}
	r.Estado, r.SerialNuevo, r.HashCarta, r.CartaAceptacionFirmada = "certificado_emitido", "0b", []byte{9}, []byte("firmada")
	r.CartaTerminos, r.Actualizada = []byte("terminos"), ahora.Add(time.Second)
	put(t, s, "r1", func(tx store.Tx) error {
		if err := tx.PutCertificado(ctx, Certificado("0b")); err != nil {
			return err
		}
		return tx.PutRenovacion(ctx, r)
	})
	got, err := s.Renovacion(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Estado != r.Estado || got.SerialNuevo != "0b" || string(got.CartaAceptacionFirmada) != "firmada" ||
		string(got.CartaTerminos) != "terminos" || got.CartaTerminosFirmada != nil || !got.Actualizada.Equal(r.Actualizada) ||
		!got.Creada.Equal(r.Creada) || string(got.CartaAceptacion) != "carta" || got.SerialAnterior != "0a" {
		t.Fatalf("got %+v", got)
	}
	if l, err := s.RenovacionesAbiertas(ctx, "0a"); err != nil || len(l) != 0 {
		t.Fatalf("abiertas after issuing: %v %+v", err, l)
	}
	if n, err := s.Reemplazo(ctx, "0a"); err != nil || n != "0b" {
		t.Fatalf("reemplazo: %q %v", n, err)
	}
}

func clerk(t *testing.T, abrir Abrir) {
	s := abrir()
	ahora := time.Now().Truncate(time.Millisecond)
	for _, u := range []string{"luis", "ana"} {
		c := &store.Clerk{Usuario: u, Nombre: "Nombre " + u, Hash: []byte("h-" + u), Creado: ahora}
		put(t, s, "clerk:"+u, func(tx store.Tx) error { return tx.PutClerk(ctx, c) })
	}
	put(t, s, "clerk:ana", func(tx store.Tx) error {
		c, err := tx.Clerk(ctx, "ana")
		if err != nil {
			return err
		}
		c.Deshabilitado, c.Hash = true, []byte("nuevo")
		return tx.PutClerk(ctx, c)
	})
	l, err := s.Clerks(ctx)
	if err != nil || len(l) != 2 || l[0].Usuario != "ana" || l[1].Usuario != "luis" {
		t.Fatalf("clerks: %v %+v", err, l)
	}
	if !l[0].Deshabilitado || string(l[0].Hash) != "nuevo" || l[0].Nombre != "Nombre ana" || !l[0].Creado.Equal(ahora) || l[1].Deshabilitado {
		t.Fatalf("clerks: %+v", l)
	}
}

func idempotencia(t *testing.T, abrir Abrir) {
	s := abrir()
	i := &store.Idempotencia{Clave: "k", Operacion: "solicitar", Huella: []byte{1, 2, 3}, Ref: "f1", Creada: time.Now().Truncate(time.Millisecond)}
	put(t, s, "k", func(tx store.Tx) error { return tx.PutIdempotencia(ctx, i) })
	otra := *i
	otra.Ref = "f2"
	if err := s.Update(ctx, ev("k"), func(tx store.Tx) error { return tx.PutIdempotencia(ctx, &otra) }); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("second use of a key: %v", err)
	}
	got, err := s.Idempotencia(ctx, "k")
	if err != nil || got.Ref != "f1" || got.Operacion != "solicitar" || !bytes.Equal(got.Huella, i.Huella) || !got.Creada.Equal(i.Creada) {
		t.Fatalf("%v %+v", err, got)
	}
}

// updateErrorNoDejaNada: a change fn refuses keeps nothing, neither its
// writes nor its audit records, and Update returns fn's error.
func updateErrorNoDejaNada(t *testing.T, abrir Abrir) {
	s := abrir()
	motivo := errors.New("refused")
	err := s.Update(ctx, ev("f1"), func(tx store.Tx) error {
		if err := tx.PutSolicitud(ctx, Solicitud("f1", "u")); err != nil {
			return err
		}
		if err := tx.Auditar(ctx, ev("f1")); err != nil {
			return err
		}
		return motivo
	})
	if !errors.Is(err, motivo) {
		t.Fatalf("Update: %v", err)
	}
	if _, err := s.Solicitud(ctx, "f1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("write kept: %v", err)
	}
	if e, _ := s.Auditoria(ctx, "f1"); len(e) != 0 {
		t.Fatalf("audit kept: %+v", e)
	}
	// The chain goes on without a gap.
	put(t, s, "f2", func(store.Tx) error { return nil })
	verificar(t, s, 1)
}

func updatePanico(t *testing.T, abrir Abrir) {
	s := abrir()
	err := s.Update(ctx, ev("f1"), func(tx store.Tx) error {
		tx.PutSolicitud(ctx, Solicitud("f1", "u"))
		panic("boom")
	})
	if err == nil {
		t.Fatal("a panicking change succeeded")
	}
	if _, err := s.Solicitud(ctx, "f1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("write kept: %v", err)
	}
	// The store still works.
	if err := putSolicitud(s, Solicitud("f2", "u")); err != nil {
		t.Fatal(err)
	}
}

// updateDuplicadoSigue: a refused write inside a change returns
// ErrDuplicate and leaves the change usable, for a caller that goes on.
func updateDuplicadoSigue(t *testing.T, abrir Abrir) {
	s := abrir()
	if err := putSolicitud(s, Solicitud("a", "u")); err != nil {
		t.Fatal(err)
	}
	put(t, s, "b", func(tx store.Tx) error {
		if err := tx.PutSolicitud(ctx, Solicitud("b", "u")); !errors.Is(err, store.ErrDuplicate) {
			return fmt.Errorf("want ErrDuplicate, got %v", err)
		}
		return tx.PutSolicitud(ctx, Solicitud("c", "u2"))
	})
	if _, err := s.Solicitud(ctx, "c"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Solicitud(ctx, "b"); !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
}

func updateLeePropias(t *testing.T, abrir Abrir) {
	s := abrir()
	put(t, s, "f1", func(tx store.Tx) error {
		if err := tx.PutSolicitud(ctx, Solicitud("f1", "u")); err != nil {
			return err
		}
		if err := tx.PutCertificado(ctx, Certificado("0a")); err != nil {
			return err
		}
		x, err := tx.Solicitud(ctx, "f1")
		if err != nil {
			return err
		}
		if n, err := tx.Pendientes(ctx); err != nil || n != 1 {
			return fmt.Errorf("pendientes in tx: %d %v", n, err)
		}
		if _, err := tx.Certificado(ctx, "0a"); err != nil {
			return err
		}
		if l, err := tx.BuscarSolicitudes(ctx, store.Filtro{Folio: "f1"}); err != nil || len(l) != 1 {
			return fmt.Errorf("buscar in tx: %v %d", err, len(l))
		}
		x.Serial, x.Estado, x.Activa = "0a", "aprobada", true
		return tx.PutSolicitud(ctx, x)
	})
	if x, err := s.Solicitud(ctx, "f1"); err != nil || x.Serial != "0a" {
		t.Fatalf("%v %+v", err, x)
	}
}

// cambiosConcurrentes: concurrent changes, a quarter of them refused
// after writing: each kept change has its record and one audit record, a
// refused one leaves no trace, and the chain holds.
func cambiosConcurrentes(t *testing.T, abrir Abrir) {
	s := abrir()
	var wg sync.WaitGroup
	errs := make([]error, 48)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			folio := fmt.Sprintf("f%02d", i)
			errs[i] = s.Update(ctx, ev(folio), func(tx store.Tx) error {
				if err := tx.PutSolicitud(ctx, Solicitud(folio, folio)); err != nil {
					return err
				}
				if i%4 == 0 {
					return errors.New("refused after writing")
				}
				return nil
			})
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		folio := fmt.Sprintf("f%02d", i)
		_, gerr := s.Solicitud(ctx, folio)
		e, _ := s.Auditoria(ctx, folio)
		if i%4 == 0 {
			if err == nil || !errors.Is(gerr, store.ErrNotFound) || len(e) != 0 {
				t.Errorf("%s: refused change left traces: %v %v %d", folio, err, gerr, len(e))
			}
		} else if err != nil || gerr != nil || len(e) != 1 {
			t.Errorf("%s: %v %v %d audit records", folio, err, gerr, len(e))
		}
	}
	verificar(t, s, 36)
}

// serializaLeerEscribir: changes that read a counter and write it back
// lose no increment, from one handle or two (two instances).
func serializaLeerEscribir(t *testing.T, abrir Abrir) {
	handles := []store.Store{abrir(), abrir()}
	put(t, handles[0], "contador", func(tx store.Tx) error {
		return tx.PutClerk(ctx, &store.Clerk{Usuario: "contador", Hash: []byte{0}, Creado: time.Now()})
	})
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func(s store.Store) {
			defer wg.Done()
			err := s.Update(ctx, ev("contador"), func(tx store.Tx) error {
				c, err := tx.Clerk(ctx, "contador")
				if err != nil {
					return err
				}
				c.Hash = []byte{c.Hash[0] + 1}
				return tx.PutClerk(ctx, c)
			})
			if err != nil {
				t.Error(err)
			}
		}(handles[i%2])
	}
	wg.Wait()
	c, err := handles[1].Clerk(ctx, "contador")
	if err != nil || c.Hash[0] != 30 {
		t.Fatalf("%v: counter %v, want 30", err, c.Hash)
	}
	verificar(t, handles[0], 31)
}

// auditoriaCadena: the records come back as written, in order, with the
// time in milliseconds, and the chain verifies.
func auditoriaCadena(t *testing.T, abrir Abrir) {
	s := abrir()
	cuando := time.Date(2026, 3, 1, 10, 0, 0, 123456789, time.UTC)
	e := store.Evento{Cuando: cuando, Quien: "clerk:ana", Que: "solicitud.aprobar", Objeto: "f1", Desde: "10.0.0.1", Detalle: "línea\nnueva"}
	if err := s.Update(ctx, e, func(tx store.Tx) error {
		return tx.Auditar(ctx, store.Evento{Cuando: cuando, Quien: "sistema", Que: "extra", Objeto: "f1"})
	}); err != nil {
		t.Fatal(err)
	}
	put(t, s, "f1", func(store.Tx) error { return nil }) // no time: the store's
	l, err := s.Auditoria(ctx, "f1")
	if err != nil || len(l) != 3 {
		t.Fatalf("%v %+v", err, l)
	}
	e.Cuando = cuando.Truncate(time.Millisecond)
	if l[0].Que != "extra" || !l[1].Cuando.Equal(e.Cuando) || l[1].Quien != e.Quien || l[1].Que != e.Que ||
		l[1].Desde != e.Desde || l[1].Detalle != e.Detalle || time.Since(l[2].Cuando) > time.Minute {
		t.Fatalf("%+v", l)
	}
	n, ultimo := verificar(t, s, 3)
	// The chain is store.HashEvento's, whatever the backend: recompute it.
	var h []byte
	for i, x := range []store.Evento{{Cuando: e.Cuando, Quien: "sistema", Que: "extra", Objeto: "f1"}, e, l[2]} {
		h = store.HashEvento(h, int64(i+1), x)
	}
	if n != 3 || !bytes.Equal(h, ultimo) {
		t.Fatalf("last hash %x, recomputed %x", ultimo, h)
	}
}

func verificar(t *testing.T, s store.Store, want int64) (int64, []byte) {
	t.Helper()
	v, ok := s.(Verificador)
	if !ok {
		t.Fatalf("%T cannot verify its audit chain", s)
	}
	n, h, err := v.VerificarAuditoria(ctx)
	if err != nil || n != want || len(h) != store.TamHash {
		t.Fatalf("audit chain: %d records (want %d), %x, %v", n, want, h, err)
	}
	return n, h
}

// persistencia: what Update acknowledged is there for a handle opened
// after the first is closed (a restart).
func persistencia(t *testing.T, abrir Abrir) {
	s := abrir()
	if err := putSolicitud(s, Solicitud("f1", "u")); err != nil {
		t.Fatal(err)
	}
	n, err := s.NumeroCRL(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2 := abrir()
	if _, err := s2.Solicitud(ctx, "f1"); err != nil {
		t.Fatal(err)
	}
	if m, err := s2.NumeroCRL(ctx, 0); err != nil || m <= n {
		t.Fatalf("CRL number after reopening: %d after %d, %v", m, n, err)
	}
	verificar(t, s2, 1)
}

func numeroCRLCrece(t *testing.T, abrir Abrir) {
	s := abrir()
	a, err := s.NumeroCRL(ctx, 0)
	if err != nil || a < 1 {
		t.Fatalf("%d %v", a, err)
	}
	b, err := s.NumeroCRL(ctx, 1_000_000)
	if err != nil || b != 1_000_000 {
		t.Fatalf("at least minimo: %d %v", b, err)
	}
	c, err := s.NumeroCRL(ctx, 5) // a clock that went back
	if err != nil || c != b+1 {
		t.Fatalf("after a smaller minimo: %d %v", c, err)
	}
}

// numeroCRLConcurrente: numbers asked at once from two handles are all
// different and each caller's grow.
func numeroCRLConcurrente(t *testing.T, abrir Abrir) {
	handles := []store.Store{abrir(), abrir()}
	const por = 25
	res := make([][]int64, 8)
	var wg sync.WaitGroup
	for g := range res {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < por; i++ {
				n, err := handles[g%2].NumeroCRL(ctx, 0)
				if err != nil {
					t.Error(err)
					return
				}
				if i > 0 && n <= res[g][i-1] {
					t.Errorf("number went from %d to %d", res[g][i-1], n)
				}
				res[g] = append(res[g], n)
			}
		}(g)
	}
	wg.Wait()
	var todos []int64
	for _, r := range res {
		todos = append(todos, r...)
	}
	sort.Slice(todos, func(i, j int) bool { return todos[i] < todos[j] })
	for i := 1; i < len(todos); i++ {
		if todos[i] == todos[i-1] {
			t.Fatalf("number %d handed out twice", todos[i])
		}
	}
	if len(todos) != len(res)*por {
		t.Fatalf("%d numbers", len(todos))
	}
}

func cerrado(t *testing.T, abrir Abrir) {
	s := abrir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, ev("x"), func(store.Tx) error { return nil }); !errors.Is(err, store.ErrClosed) {
		t.Fatalf("Update after Close: %v", err)
	}
	if _, err := s.NumeroCRL(ctx, 0); !errors.Is(err, store.ErrClosed) {
		t.Fatalf("NumeroCRL after Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// compartidoBasico: a value written is read back (by another handle
// too) until it expires; a nil value removes it; fn sees the current
// value, or nil when there is none or it expired.
func compartidoBasico(t *testing.T, abrir Abrir) {
	a, b := abrir(), abrir()
	now := time.Now()
	if _, err := a.Leer(ctx, "k", now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing key: %v, want ErrNotFound", err)
	}
	var visto []byte
	cambiar := func(s store.Store, v string, hasta time.Time) {
		t.Helper()
		err := s.Cambiar(ctx, "k", now, func(old []byte) ([]byte, time.Time, error) {
			visto = old
			if v == "" {
				return nil, time.Time{}, nil
			}
			return []byte(v), hasta, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	cambiar(a, "uno", now.Add(time.Minute))
	if visto != nil {
		t.Fatalf("fn saw %q for a new key, want nil", visto)
	}
	if v, err := b.Leer(ctx, "k", now); err != nil || string(v) != "uno" {
		t.Fatalf("other handle reads %q, %v; want uno", v, err)
	}
	cambiar(b, "dos", now.Add(time.Minute))
	if string(visto) != "uno" {
		t.Fatalf("fn saw %q, want uno", visto)
	}
	if v, err := a.Leer(ctx, "k", now.Add(59*time.Second)); err != nil || string(v) != "dos" {
		t.Fatalf("read %q, %v; want dos", v, err)
	}
	if _, err := a.Leer(ctx, "k", now.Add(time.Minute)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("expired key: %v, want ErrNotFound", err)
	}
	err := a.Cambiar(ctx, "k", now.Add(2*time.Minute), func(old []byte) ([]byte, time.Time, error) {
		visto = old
		return old, now.Add(3 * time.Minute), nil
	})
	if err != nil || visto != nil {
		t.Fatalf("fn saw %q for an expired key (err %v), want nil", visto, err)
	}
	cambiar(a, "tres", now.Add(time.Minute))
	cambiar(b, "", time.Time{})
	if string(visto) != "tres" {
		t.Fatalf("fn saw %q, want tres", visto)
	}
	if _, err := a.Leer(ctx, "k", now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removed key: %v, want ErrNotFound", err)
	}
}

// compartidoError: fn's error comes back and nothing changes.
func compartidoError(t *testing.T, abrir Abrir) {
	s := abrir()
	now := time.Now()
	put := func(v string) error {
		return s.Cambiar(ctx, "k", now, func([]byte) ([]byte, time.Time, error) { return []byte(v), now.Add(time.Hour), nil })
	}
	if err := put("antes"); err != nil {
		t.Fatal(err)
	}
	mal := errors.New("no")
	err := s.Cambiar(ctx, "k", now, func([]byte) ([]byte, time.Time, error) { return []byte("despues"), now.Add(time.Hour), mal })
	if !errors.Is(err, mal) {
		t.Fatalf("Cambiar returned %v, want fn's error", err)
	}
	if v, err := s.Leer(ctx, "k", now); err != nil || string(v) != "antes" {
		t.Fatalf("after a failed change: %q, %v; want antes", v, err)
	}
	err = s.Cambiar(ctx, "otra", now, func([]byte) ([]byte, time.Time, error) { return []byte("x"), now.Add(time.Hour), mal })
	if !errors.Is(err, mal) {
		t.Fatal(err)
	}
	if _, err := s.Leer(ctx, "otra", now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a failed change created its key: %v", err)
	}
}

// compartidoConcurrente: read-modify-write of one key from two handles
// (two instances) loses no increment, including the first writes that
// create the key.
func compartidoConcurrente(t *testing.T, abrir Abrir) {
	handles := []store.Store{abrir(), abrir()}
	now := time.Now()
	const n = 40
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(s store.Store) {
			defer wg.Done()
			err := s.Cambiar(ctx, "contador", now, func(v []byte) ([]byte, time.Time, error) {
				var c byte
				if len(v) == 1 {
					c = v[0]
				}
				return []byte{c + 1}, now.Add(time.Hour), nil
			})
			if err != nil {
				t.Error(err)
			}
		}(handles[i%2])
	}
	wg.Wait()
	v, err := handles[1].Leer(ctx, "contador", now)
	if err != nil || len(v) != 1 || v[0] != n {
		t.Fatalf("%v: counter %v, want %d", err, v, n)
	}
}

// compartidoPurgar removes the expired entries only.
func compartidoPurgar(t *testing.T, abrir Abrir) {
	s := abrir()
	now := time.Now()
	for i, d := range []time.Duration{-time.Second, time.Second, time.Hour} {
		err := s.Cambiar(ctx, fmt.Sprint("k", i), now.Add(-time.Minute), func([]byte) ([]byte, time.Time, error) {
			return []byte{1}, now.Add(d), nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Purgar(ctx, now)
	if err != nil || n != 1 {
		t.Fatalf("purged %d (%v), want 1", n, err)
	}
	n, err = s.Purgar(ctx, now.Add(time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("purged %d (%v), want 1", n, err)
	}
	if _, err := s.Leer(ctx, "k2", now.Add(time.Minute)); err != nil {
		t.Fatalf("a live entry was purged: %v", err)
	}
}

// compartidoSinAuditoria: the shared state leaves no audit record and
// does not break the chain.
func compartidoSinAuditoria(t *testing.T, abrir Abrir) {
	s := abrir()
	put(t, s, "antes", func(store.Tx) error { return nil })
	now := time.Now()
	for i := 0; i < 3; i++ {
		if err := s.Cambiar(ctx, "k", now, func([]byte) ([]byte, time.Time, error) { return []byte{1}, now.Add(time.Hour), nil }); err != nil {
			t.Fatal(err)
		}
	}
	put(t, s, "despues", func(store.Tx) error { return nil })
	verificar(t, s, 2)
}
