//go:build ci

package ui

import (
	"bytes"
	"github.com/seguritools/seguritools/app/tramite"
	"io/fs"
	"math/rand"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
)

// sinRespuesta is the address of a port nothing listens on: the CA is
// unreachable.
func sinRespuesta(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "https://" + addr
}

// reabrir closes the window of e and starts the app again on the same
// configuration directory: Home must offer to continue the renewal.
func reabrir(t *testing.T, e *Entorno, dir string, srv Servidor, paso string) (*Entorno, *errores, *renovacion) {
	t.Helper()
	e.Ventana.Close()
	e2 := nuevoEntorno(t, dir, nil)
	e2.Servidor = srv
	errs := capturarErrores(e2)
	e2.Iniciar()
	esperarEtiqueta(t, e2.Ventana, "Tiene un trámite sin terminar: Renovación. "+paso)
	tocar(t, e2.Ventana, "Continuar")
	r, ok := e2.estado.(*renovacion)
	if !ok || e2.Actual() != Renovacion {
		t.Fatalf("Continuar abrió %s", e2.Actual())
	}
	return e2, errs, r
}

// noGuardaSecretos fails if a file of the app's directory holds a
// password or a private key.
func noGuardaSecretos(t *testing.T, dir string, llave []byte, secretos ...string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secretos {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s guarda la contraseña %q", p, s)
			}
		}
		if bytes.Contains(b, []byte("PRIVATE KEY")) || bytes.Equal(b, llave) {
			t.Errorf("%s guarda una llave privada", p)
		}
		return nil
	})
}

// A renewal survives the window being closed at each point after the new
// key exists: the request could not be sent (the CA was unreachable), the
// acceptance letter was pending, the Carta de Términos was pending. Each
// time Home offers to continue, the same key is used (no second mouse
// dialog, the .key untouched), the passwords are asked again (a wrong one
// gets the IMSS wording) and never saved, and the new certificate is the
// saved key's, with both letters valid for pdfsig.
func TestRenovacion_VentanaCerradaTrasLaLlave_ContinuaConLaMismaLlave(t *testing.T) {
	srv := refca(t)
	herramienta(t, "openssl")
	herramienta(t, "pdfsig")
	archivos := t.TempDir()
	dir := t.TempDir()
	p := emitirPrincipal(t, srv, archivos, "renueva")
	embebido := Servidor{URL: srv.URL, RaizPEM: srv.RaizPEM, Embebido: true}

	// The key is made, and the CA cannot be reached.
	e := nuevoEntorno(t, dir, nil)
	e.Servidor = Servidor{URL: sinRespuesta(t), RaizPEM: srv.RaizPEM}
	errs := capturarErrores(e)
	e.Iniciar()
	tocarTarjeta(t, e, Renovacion)
	rn := e.estado.(*renovacion)
	escribir(t, rn.abrir, campoPFXActual, p.PFX)
	escribir(t, rn.abrir, campoContrasenaA, contrasenaPrueba)
	tocar(t, e.Ventana, "Continuar")
	esperar(t, "los datos de la renovación", func() bool { return rn.a.Actual() == 1 })
	escribir(t, rn.datos, "correo", "renueva.nuevo@ejemplo.com.mx")
	escribir(t, rn.datos, "correo_confirmacion", "renueva.nuevo@ejemplo.com.mx")
	escribir(t, rn.datos, "telefono", "55 8765 4321")
	escribir(t, rn.datos, "contrasena", "Nueva2027x")
	escribir(t, rn.datos, "contrasena_confirmacion", "Nueva2027x")
	llave := rn.datos.valor(campoLlave)
	tocar(t, e.Ventana, "Aceptar")
	generarConRaton(t, e, rand.New(rand.NewSource(5)))
	esperarError(t, e, errs, msg.CodeServidorNoDisponible, inicioDe(msg.CodeServidorNoDisponible))
	antes, err := os.ReadFile(llave)
	if err != nil {
		t.Fatalf("no se guardó la llave: %v", err)
	}
	if ps := e.Progreso.Pendientes(); len(ps) != 1 || ps[0].Paso != progreso.PasoLlaveEscrita || ps[0].Llave != llave {
		t.Fatalf("progreso = %+v", ps)
	}
	noGuardaSecretos(t, dir, antes, contrasenaPrueba, "Nueva2027x")
	// Trying again in the same window sends that key, it makes no other.
	esperarEtiqueta(t, e.Ventana, llave)
	if rn.a.Actual() != 1 || rn.a.Siguiente.Text != "Enviar solicitud" || rn.a.Siguiente.Disabled() {
		t.Fatalf("tras el error: paso %d, botón %q (deshabilitado: %v)", rn.a.Actual(), rn.a.Siguiente.Text, rn.a.Siguiente.Disabled())
	}

	// Reopened with the CA reachable: the certificate's password again,
	// then the request goes with the key already made.
	e, errs, rn = reabrir(t, e, dir, embebido, "Su llave privada ya está guardada; falta enviar la solicitud.")
	if rn.a.Actual() != 0 || rn.abrir.valor(campoPFXActual) != p.PFX || rn.abrir.valor(campoContrasenaA) != "" {
		t.Fatalf("reanudó en el paso %d con %q", rn.a.Actual(), rn.abrir.valor(campoPFXActual))
	}
	escribir(t, rn.abrir, campoContrasenaA, contrasenaPrueba)
	tocar(t, e.Ventana, "Continuar")
	esperar(t, "los datos de la renovación", func() bool { return rn.a.Actual() == 1 })
	esperarEtiqueta(t, e.Ventana, llave)
	if _, ok := etiquetaCon(e.Ventana, "renueva.nuevo@ejemplo.com.mx"); !ok {
		t.Error("no se muestran los datos cambiados antes de cerrar")
	}
	if rn.a.Siguiente.Disabled() {
		t.Fatalf("no se puede enviar: %s", rn.a.pendiente.Text)
	}
	tocar(t, e.Ventana, rn.a.Siguiente.Text)
	esperar(t, "la Carta de Aceptación", func() bool { return rn.a.Actual() == 2 })
	if _, ok := buscar(e.Ventana, func(*Entropia) bool { return true }); ok {
		t.Fatal("se pidió mover el ratón otra vez: se estaría haciendo otra llave")
	}
	sinErrores(t, errs)

	// Closed with the acceptance letter pending: it is signed with the old
	// certificate, whose password is asked again.
	e, errs, rn = reabrir(t, e, dir, embebido, "")
	if rn.a.Actual() != 2 {
		t.Fatalf("reanudó en el paso %d, quiero la Carta de Aceptación", rn.a.Actual())
	}
	pw := entradaDe(t, e.Ventana, "Contraseña de su certificado actual")
	pw.SetText("Equivocada1")
	tocar(t, e.Ventana, "Firmar carta")
	esperarError(t, e, errs, msg.CodeContrasenaIncorrecta, textoContrasenaIncorrecta)
	pw.SetText(contrasenaPrueba)
	tocar(t, e.Ventana, "Firmar carta")
	esperar(t, "la aceptación firmada", func() bool { return rn.a.Actual() == 3 })
	if rn.obtener.valor(campoLlave) != llave || rn.obtener.valor("contrasena") != "" {
		t.Fatalf("obtener: llave %q, contraseña guardada %v", rn.obtener.valor(campoLlave), rn.obtener.valor("contrasena") != "")
	}
	escribir(t, rn.obtener, "contrasena", "Nueva2027x")
	nuevoPFX := rn.obtener.valor(campoPFX)
	tocar(t, e.Ventana, "Obtener Certificado Digital")
	esperar(t, "el certificado nuevo", func() bool { return rn.a.Actual() == 4 })
	sinErrores(t, errs)

	// Closed with the Carta de Términos pending.
	e, errs, rn = reabrir(t, e, dir, embebido, "Ya tiene su certificado nuevo; falta firmar la Carta de Términos y Condiciones.")
	if rn.a.Actual() != 4 {
		t.Fatalf("reanudó en el paso %d, quiero la Carta de Términos", rn.a.Actual())
	}
	entradaDe(t, e.Ventana, "Contraseña nueva").SetText("Nueva2027x")
	tocar(t, e.Ventana, "Firmar carta")
	esperar(t, "Certificado Generado", func() bool { return rn.a.Actual() == 5 })
	sinErrores(t, errs)
	if ps := e.Progreso.Pendientes(); len(ps) != 0 {
		t.Errorf("quedan trámites pendientes: %+v", ps)
	}

	// The outcome: the saved key's certificate, the old one superseded,
	// both letters signed, no secret on disk.
	nuevo := pfxDeLaLlaveGuardada(t, nuevoPFX, llave, "Nueva2027x", antes)
	if got := tramite.Describir(nuevo.Certificate).Correo; got != "renueva.nuevo@ejemplo.com.mx" {
		t.Errorf("correo del certificado nuevo = %q", got)
	}
	if st := estadoEnServidor(t, srv, tramite.Describir(nuevo.Certificate).Serial); st.Estado != "vigente" {
		t.Errorf("certificado nuevo: %s", st.Estado)
	}
	if st := estadoEnServidor(t, srv, p.Serial); st.Estado != "revocado" || st.Motivo != 4 {
		t.Errorf("certificado anterior: %s (motivo %d), quiero revocado por reemplazo", st.Estado, st.Motivo)
	}
	for _, nombre := range []string{"CartadeAceptaciondeRenovacion-firmada.pdf", "CartaTerminosyCondicionesRenovacion-firmada.pdf"} {
		pdfsigValidas(t, filepath.Join(e.Progreso.Dir(), rn.t.ID+"-"+nombre), 1)
	}
	if _, ok := etiquetaCon(e.Ventana, "Se ha generado exitosamente su Certificado Digital."); !ok {
		t.Error("no se dice que terminó")
	}
	noGuardaSecretos(t, dir, antes, contrasenaPrueba, "Nueva2027x")
}
