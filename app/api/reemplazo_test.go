package api_test

import (
	"context"
	"github.com/seguritools/seguritools/app/tramite"
	"testing"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/patron"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// TestEstado_RenovadoDiceCualLoReemplazo: after a renewal the old
// certificate's status (and its download) says it was replaced and by
// which serial, so the app can say "use your new certificate"; a
// certificate revoked for a compromised key names that cause and no
// successor, and its additional says it fell with the main one.
func TestEstado_RenovadoDiceCualLoReemplazo(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	c := e.cliente(t, nil)
	ctx := context.Background()
	v, err := c.Ventanilla(ctx, "ana", clerkPassword)
	if err != nil {
		t.Fatal(err)
	}
	cred1 := patronConCertificado(t, e, c, v, 1)
	serial1 := secrypto.SerialHex(cred1.Certificate)
	st, err := c.Estado(ctx, serial1)
	if err != nil || st.Causa != "" || st.ReemplazadoPor != "" || st.Revocado != nil {
		t.Fatalf("vigente: %v %+v", err, st)
	}

	dir := t.TempDir()
	nueva := renovar(t, c, cred1, dir, "Clave1001", "SegundaClave2")
	serial2 := secrypto.SerialHex(nueva.Certificate)
	st, err = c.Estado(ctx, serial1)
	if err != nil {
		t.Fatal(err)
	}
	if st.Estado != ca.CertRevocado || st.Causa != wire.CausaReemplazado || st.ReemplazadoPor != serial2 || st.Revocado == nil {
		t.Fatalf("estado del reemplazado: %+v (nuevo %s)", st, serial2)
	}
	w, err := c.Certificado(ctx, serial1)
	if err != nil {
		t.Fatal(err)
	}
	if w.Estado != ca.CertRevocado || w.Causa != wire.CausaReemplazado || w.ReemplazadoPor != serial2 {
		t.Fatalf("certificado reemplazado: estado %s causa %q reemplazado_por %q", w.Estado, w.Causa, w.ReemplazadoPor)
	}

	persona := leerJSON[patron.Adicional](t, "../../examples/adicional.json")
	credA, err := tramite.SolicitarAdicional(ctx, c, nueva, persona, llave(dir, "adicional.key", "ClaveAdicional3", persona.Usuario))
	if err != nil {
		t.Fatalf("adicional: %v", err)
	}
	if _, err := c.Revocar(ctx, nueva, "llave_comprometida"); err != nil {
		t.Fatal(err)
	}
	st, err = c.Estado(ctx, serial2)
	if err != nil || st.Causa != wire.CausaLlaveComprometida || st.ReemplazadoPor != "" {
		t.Fatalf("revocado por llave comprometida: %v %+v", err, st)
	}
	st, err = c.Estado(ctx, secrypto.SerialHex(credA.Certificate))
	if err != nil || st.Causa != wire.CausaCese || st.ReemplazadoPor != "" {
		t.Fatalf("adicional revocado con el principal: %v %+v", err, st)
	}
}

// TestCausas_MismasEnWireYCA: the API's documented causes are the core's.
func TestCausas_MismasEnWireYCA(t *testing.T) {
	for w, c := range map[string]string{
		wire.CausaReemplazado:       ca.CausaReemplazado,
		wire.CausaLlaveComprometida: ca.CausaLlaveComprometida,
		wire.CausaCese:              ca.CausaCese,
		wire.CausaNoEspecificada:    ca.CausaNoEspecificada,
	} {
		if w != c {
			t.Errorf("wire %q ≠ ca %q", w, c)
		}
	}
}
