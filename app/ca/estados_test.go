package ca

import (
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/store"
)

func TestTransiciones(t *testing.T) {
	for _, c := range []struct {
		kind, de, a string
		ok          bool
	}{
		{"solicitud", SolicitudPendiente, SolicitudAprobada, true},
		{"solicitud", SolicitudPendiente, SolicitudCancelada, true},
		{"solicitud", SolicitudAprobada, SolicitudCancelada, false},
		{"solicitud", SolicitudCancelada, SolicitudAprobada, false},
		{"solicitud", SolicitudRechazada, SolicitudPendiente, false},
		{"renovacion", RenovacionIniciada, RenovacionCartaFirmada, true},
		{"renovacion", RenovacionIniciada, RenovacionCertificadoEmitido, false},
		{"renovacion", RenovacionCartaFirmada, RenovacionCertificadoEmitido, true},
		{"renovacion", RenovacionCertificadoEmitido, RenovacionCancelada, false},
		{"renovacion", RenovacionCertificadoEmitido, RenovacionCompletada, true},
		{"renovacion", RenovacionCompletada, RenovacionIniciada, false},
	} {
		if got := puede(c.kind, c.de, c.a); got != c.ok {
			t.Errorf("%s %s → %s = %v", c.kind, c.de, c.a, got)
		}
	}
}

func TestEstadoCertificado(t *testing.T) {
	now := time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)
	vigente := store.Certificado{NoDespues: now.Add(time.Hour)}
	for _, c := range []struct {
		name string
		mod  func(*store.Certificado)
		want string
	}{
		{"vigente", func(*store.Certificado) {}, CertVigente},
		{"vencido", func(c *store.Certificado) { c.NoDespues = now }, CertVencido},
		{"carta pendiente", func(c *store.Certificado) { c.CartaPendiente = true }, CertCartaPendiente},
		{"revocado gana", func(c *store.Certificado) { c.Revocado, c.NoDespues, c.CartaPendiente = now, now, true }, CertRevocado},
		{"vencido gana a carta", func(c *store.Certificado) { c.NoDespues, c.CartaPendiente = now, true }, CertVencido},
	} {
		x := vigente
		c.mod(&x)
		if got := EstadoCertificado(&x, now); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestNPIE(t *testing.T) {
	for i := 0; i < 100; i++ {
		n := nuevoNPIE()
		if !NPIEValido(n) {
			t.Fatalf("%s does not validate", n)
		}
		b := []byte(n)
		b[3] = '0' + (b[3]-'0'+1)%10
		if NPIEValido(string(b)) {
			t.Fatalf("a mistyped NPIE %s validates", b)
		}
	}
}

func TestHashContrasena(t *testing.T) {
	h, err := hashContrasena([]byte("una contraseña"))
	if err != nil {
		t.Fatal(err)
	}
	if !verificarHash(h, []byte("una contraseña")) || verificarHash(h, []byte("otra")) || verificarHash([]byte("basura"), nil) {
		t.Fatal("argon2id hash check wrong")
	}
}
