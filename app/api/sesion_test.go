package api_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/msg"
)

// TestLogin_PorCuentaDesdeMuchasDirecciones_EsperaCreceYSeAudita: wrong
// passwords from 40 addresses, one try each, lock the account with
// growing waits (the right password is refused while it waits), and every
// attempt, failed, waiting or right, is in the audit.
func TestLogin_PorCuentaDesdeMuchasDirecciones_EsperaCreceYSeAudita(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	ctx := context.Background()
	var esperas []time.Duration
	refusals := 0
	for i := 0; i < 40; i++ {
		_, _, err := e.a.IniciarSesion(ctx, "ana", "no-es-la-contrasena", ca.Origen{Desde: fmt.Sprintf("10.0.%d.1", i)})
		var es *ca.Espera
		if errors.As(err, &es) {
			refusals++
			esperas = append(esperas, es.D)
			e.reloj.avanzar(es.D) // the attacker waits, and tries again
			continue
		}
		quiereCodigo(t, err, msg.CodeCredencialesInvalidas)
	}
	if refusals == 0 || len(esperas) < 2 || esperas[len(esperas)-1] <= esperas[0] {
		t.Fatalf("40 addresses × 1 try: waits %v; want growing waits", esperas)
	}
	// One more wrong try (the loop may have ended right after waiting):
	// the account waits now, and even the right password is refused.
	if _, _, err := e.a.IniciarSesion(ctx, "ana", "no-es-la-contrasena", ca.Origen{Desde: "10.8.8.8"}); msg.CodeOf(err) != msg.CodeCredencialesInvalidas {
		t.Fatalf("a try after waiting: %v", err)
	}
	_, _, err := e.a.IniciarSesion(ctx, "ana", string(clerkPassword), ca.Origen{Desde: "10.9.9.9"})
	var es *ca.Espera
	if !errors.As(err, &es) || msg.CodeOf(err) != msg.CodeDemasiadosIntentos {
		t.Fatalf("right password during the wait: %v", err)
	}
	e.reloj.avanzar(es.D)
	if _, _, err := e.a.IniciarSesion(ctx, "ana", string(clerkPassword), ca.Origen{Desde: "10.9.9.9"}); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	evs, err := e.db.Auditoria(ctx, "clerk:ana")
	if err != nil {
		t.Fatal(err)
	}
	cuenta := map[string]int{}
	for _, ev := range evs {
		if ev.Que == "clerk.sesion" {
			cuenta[ev.Detalle]++
		}
	}
	if cuenta["resultado=exito"] != 1 || cuenta["resultado=fallo"] != 41-refusals || cuenta["resultado=en_espera"] != refusals+1 {
		t.Errorf("audit of logins: %v", cuenta)
	}
}

// TestSesion_TerminaAlCambiarContrasenaODeshabilitar: an open session
// stops working when the clerk's password changes or the account is
// disabled, and a disabled account cannot log in.
func TestSesion_TerminaAlCambiarContrasenaODeshabilitar(t *testing.T) {
	e := iniciar(t, opcionesEntorno{})
	ctx := context.Background()
	c := e.cliente(t, nil)
	v, err := c.Ventanilla(ctx, "ana", clerkPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Buscar(ctx, client.Filtro{}); err != nil {
		t.Fatal(err)
	}
	nueva := []byte("otra-contrasena-larga")
	if err := ca.CambiarContrasenaClerk(ctx, e.db, "ana", nueva, ca.Origen{Quien: "admin:test"}); err != nil {
		t.Fatal(err)
	}
	_, err = v.Buscar(ctx, client.Filtro{})
	quiereCodigo(t, err, msg.CodeNoAutorizado)

	v, err = c.Ventanilla(ctx, "ana", nueva)
	if err != nil {
		t.Fatal(err)
	}
	if err := ca.DeshabilitarClerk(ctx, e.db, "ana", ca.Origen{Quien: "admin:test"}); err != nil {
		t.Fatal(err)
	}
	_, err = v.Buscar(ctx, client.Filtro{})
	quiereCodigo(t, err, msg.CodeNoAutorizado)
	_, err = c.Ventanilla(ctx, "ana", nueva)
	quiereCodigo(t, err, msg.CodeCredencialesInvalidas)
	quiereCodigo(t, ca.DeshabilitarClerk(ctx, e.db, "nadie", ca.Origen{}), msg.CodeClerkNoEncontrado)
}
