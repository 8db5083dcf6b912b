package api_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// A renewal's Carta de Aceptación stamped by a TSA refca does not vouch
// for is refused like an unsigned letter: once the old certificate is
// revoked, only a stamp the CA trusts proves when it was signed. Stamped
// by refca's own TSA, it is accepted.
func TestRenovacion_SelloAjeno_CartaSinFirma(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	csr, _ := nuevoCSR(t, sujetoPrueba)
	ren, err := m.c.IniciarRenovacion(ctx, cred, csr, nil)
	if err != nil {
		t.Fatal(err)
	}

	// Another CA with its own TSA (same names, another key).
	otraLlave, err := secryptoGenerate(2048)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "otra")
	if err := ca.Inicializar(dir, ca.OpcionesInit{LlaveRaiz: otraLlave}); err != nil {
		t.Fatal(err)
	}
	otra, err := ca.Cargar(dir)
	if err != nil {
		t.Fatal(err)
	}
	ajena, err := ca.CargarTSA(dir, otra, nil)
	if err != nil {
		t.Fatal(err)
	}
	sellar := func(tsa *ca.TSA) func([]byte) ([]byte, error) {
		return func(d []byte) ([]byte, error) {
			req, nonce, err := secrypto.TimestampRequest(d)
			if err != nil {
				return nil, err
			}
			resp, err := tsa.Sellar(req)
			if err != nil {
				return nil, err
			}
			return secrypto.TimestampFromResponse(resp, d, nonce)
		}
	}
	carta, err := secrypto.SignPDF(ren.Carta, cred, secrypto.SignOptions{Timestamp: sellar(ajena)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.c.FirmarAceptacion(ctx, ren.ID, carta)
	quiereCodigo(t, err, msg.CodeCartaSinFirma)

	propia, err := ca.CargarTSA(filepath.Join(m.e.dir, "ca"), mustCargar(t, filepath.Join(m.e.dir, "ca")), nil)
	if err != nil {
		t.Fatal(err)
	}
	carta, err = secrypto.SignPDF(ren.Carta, cred, secrypto.SignOptions{Timestamp: sellar(propia)})
	if err != nil {
		t.Fatal(err)
	}
	if ren, err = m.c.FirmarAceptacion(ctx, ren.ID, carta); err != nil || ren.Estado != ca.RenovacionCartaFirmada {
		t.Fatalf("stamped by refca: %v %+v", err, ren)
	}
}

func mustCargar(t *testing.T, dir string) *ca.Material {
	t.Helper()
	m, err := ca.Cargar(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
