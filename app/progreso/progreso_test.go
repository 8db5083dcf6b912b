package progreso

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestAlmacen_GuardarCargarPendientes(t *testing.T) {
	a, err := Abrir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := a.Nuevo(Solicitud)
	s.Paso, s.Llave = PasoLlaveEscrita, "/x/lperez.key"
	if err := a.Guardar(s); err != nil {
		t.Fatal(err)
	}
	fin := a.Nuevo(Renovacion)
	fin.Paso = PasoTerminado
	a.Guardar(fin)
	os.WriteFile(filepath.Join(a.Dir(), "roto.json"), []byte("{"), 0o600)
	ps := a.Pendientes()
	if len(ps) != 1 || ps[0].ID != s.ID || ps[0].Llave != s.Llave {
		t.Fatalf("pendientes = %+v", ps)
	}
	if err := a.Borrar(s.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Cargar(s.ID); err != ErrNoEncontrado {
		t.Fatalf("err = %v", err)
	}
}

func TestCertificado_AvisoDesde30Dias(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		dias  int
		aviso bool
	}{{31, false}, {30, true}, {1, true}, {-1, true}} {
		cert := Certificado{NoDespues: now.Add(time.Duration(c.dias)*24*time.Hour + time.Hour)}
		if got := cert.PorVencer(now); got != c.aviso {
			t.Errorf("%d días: aviso = %v", c.dias, got)
		}
	}
}

// Opening again a certificate the list knows as an additional one keeps
// what links it to its main certificate.
func TestRecordarCertificado_ConservaElVinculoDelAdicional(t *testing.T) {
	a, err := Abrir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ad := Certificado{Archivo: "/x/ad.pfx", Serial: "ad", NPIE: "N1", Tipo: TipoAdicional, Principal: "p1"}
	if err := a.RecordarCertificado(ad); err != nil {
		t.Fatal(err)
	}
	if err := a.RecordarCertificado(Certificado{Archivo: "/x/ad.cer", Serial: "ad"}); err != nil {
		t.Fatal(err)
	}
	cs, err := a.Certificados()
	if err != nil || len(cs) != 1 {
		t.Fatalf("certificados = %+v (%v)", cs, err)
	}
	if c := cs[0]; c.Archivo != "/x/ad.cer" || c.Tipo != TipoAdicional || c.Principal != "p1" || c.NPIE != "N1" {
		t.Fatalf("certificado = %+v", c)
	}
}
