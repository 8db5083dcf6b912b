package api_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// "Firmar carta" stamps with refca's TSA (B-T). A renewal's Carta de
// Aceptación stamped by a TSA refca does not vouch for is refused like an
// unsigned letter: once the old certificate is revoked, only a stamp the
// CA trusts proves when it was signed. Stamped by refca's own TSA, it is
// accepted.
func TestRenovacion_SelloAjeno_CartaSinFirma(t *testing.T) {
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	csr, _ := nuevoCSR(t, sujetoPrueba)
	ren, err := m.c.IniciarRenovacion(ctx, cred, csr, nil)
	if err != nil {
		t.Fatal(err)
	}

	// "Firmar carta" in the app stamps with refca's TSA.
	d := t.TempDir()
	pfx, origen, destino := filepath.Join(d, "p.pfx"), filepath.Join(d, "carta.pdf"), filepath.Join(d, "firmada.pdf")
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, []byte("Clave12345"), pfx, false); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(origen, ren.Carta, 0o600); err != nil {
		t.Fatal(err)
	}
	if aviso, err := tramite.Firmar(ctx, m.c, nil, origen, pfx, []byte("Clave12345"), destino, "Acepto"); err != nil || aviso != nil {
		t.Fatalf("firmar: %v, aviso %v", err, aviso)
	}
	rs, err := tramite.VerificarCartaCon(ctx, m.c, destino, m.e.raizPEM, msg.ES)
	if err != nil || len(rs) != 1 || !rs[0].Valida || rs[0].Nivel != secrypto.LevelBT || rs[0].Sello == nil {
		t.Fatalf("verificar: %v %+v", err, rs)
	}

	// Another CA with its own TSA (same names, another key).
	otraLlave, err := secryptoGenerate(2048)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "otra")
	if err := ca.Inicializar(dir, ca.OpcionesInit{LlaveRaiz: otraLlave, LlaveEmisor: otraLlave}); err != nil {
		t.Fatal(err)
	}
	otra, err := ca.Cargar(dir, nil)
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
	m, err := ca.Cargar(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
