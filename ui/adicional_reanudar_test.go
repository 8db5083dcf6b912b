//go:build ci

package ui

import (
	"github.com/seguritools/seguritools/app/tramite"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
)

// reabrirAdicional closes the window of e and starts the app again on
// the same configuration directory: Home must offer to continue the
// Certificado Digital Adicional at paso.
func reabrirAdicional(t *testing.T, e *Entorno, dir string, srv Servidor, paso string) (*Entorno, *errores, *adicional) {
	t.Helper()
	e.Ventana.Close()
	e2 := nuevoEntorno(t, dir, nil)
	e2.Servidor = srv
	errs := capturarErrores(e2)
	e2.Iniciar()
	esperarEtiqueta(t, e2.Ventana, "Tiene un trámite sin terminar: Certificado Digital Adicional. "+paso)
	tocar(t, e2.Ventana, "Continuar")
	d, ok := e2.estado.(*adicional)
	if !ok || e2.Actual() != Adicional {
		t.Fatalf("Continuar abrió %s", e2.Actual())
	}
	return e2, errs, d
}

// An additional certificate survives a failure at each point after the
// person's key exists: the CA was unreachable when the request was sent,
// and the window was closed after the CA issued the certificate but
// before the .pfx was written. Each time Home offers to continue, only
// the passwords still needed are asked (a wrong one gets the IMSS
// wording) and never saved, no second mouse dialog appears, the .key is
// untouched and the issued certificate carries that key. Revoking the
// main certificate then takes the additional one out of Mis certificados
// too.
func TestAdicional_CAInalcanzableTrasLaLlave_ContinuaConLaMismaLlave(t *testing.T) {
	srv := refca(t)
	herramienta(t, "openssl")
	archivos := t.TempDir()
	dir := t.TempDir()
	p := emitirPrincipal(t, srv, archivos, "adreanuda")
	embebido := Servidor{URL: srv.URL, RaizPEM: srv.RaizPEM, Embebido: true}
	llave := filepath.Join(archivos, "gabrielah.key")
	salida := filepath.Join(archivos, "salida")
	if err := os.Mkdir(salida, 0o700); err != nil {
		t.Fatal(err)
	}
	pfx := filepath.Join(salida, "gabrielah.pfx")

	// The key is made, and the CA cannot be reached.
	e := nuevoEntorno(t, dir, nil)
	e.Servidor = Servidor{URL: sinRespuesta(t), RaizPEM: srv.RaizPEM}
	errs := capturarErrores(e)
	e.Iniciar()
	tocarTarjeta(t, e, Adicional)
	llenar(t, e.Ventana,
		"Certificado Digital principal (.pfx)", p.PFX,
		"Contraseña del certificado principal", contrasenaPrueba)
	tocar(t, e.Ventana, "Continuar")
	// The CA cannot be asked about the certificate: it says so and goes on.
	esperarEtiqueta(t, e.Ventana, prefijo(msg.CodeCASinConexionContinuar))
	d := e.estado.(*adicional)
	esperar(t, "los datos de la persona", func() bool { return d.a.Actual() == 1 })
	llenar(t, e.Ventana,
		"Nombre(s)", "Gabriela", "Apellido Paterno", "Hernández", "Apellido Materno", "García",
		"CURP", "HEGG560427MVZRRL04", "RFC", "HEGG560427JB9",
		"Correo Electrónico", "gabriela@ejemplo.com.mx", "Confirme Correo Electrónico", "gabriela@ejemplo.com.mx",
		"Teléfono", "55 3333 4444", "Usuario", "gabrielah",
		"Llave privada de la persona designada", llave,
		"Contraseña nueva", "Adicional2026", "Confirmar Contraseña", "Adicional2026",
		"Certificado Digital Adicional (.pfx)", pfx)
	tocar(t, e.Ventana, "Aceptar")
	generarConRaton(t, e, rand.New(rand.NewSource(13)))
	esperarError(t, e, errs, msg.CodeServidorNoDisponible, inicioDe(msg.CodeServidorNoDisponible))
	antes, err := os.ReadFile(llave)
	if err != nil {
		t.Fatalf("no se guardó la llave: %v", err)
	}
	ps := e.Progreso.Pendientes()
	if len(ps) != 1 || ps[0].Procedimiento != progreso.Adicional || ps[0].Paso != progreso.PasoLlaveEscrita ||
		ps[0].Llave != llave || ps[0].Certificado != p.PFX || ps[0].Principal != p.Serial || ps[0].Persona == nil || ps[0].Persona.Usuario != "gabrielah" {
		t.Fatalf("progreso = %+v", ps)
	}
	noGuardaSecretos(t, dir, antes, contrasenaPrueba, "Adicional2026")
	// Trying again in the same window sends that key and asks for nothing;
	// Anterior leads back to the main certificate, which can be changed.
	esperarEtiqueta(t, e.Ventana, "ya fue generada y guardada en "+llave)
	esperar(t, "Enviar solicitud, sin contraseñas", func() bool {
		return d.a.Actual() == 1 && d.a.Siguiente.Text == "Enviar solicitud" && !d.a.Siguiente.Disabled() && d.a.Anterior.Visible()
	})

	// Reopened with the CA reachable: the main certificate is opened
	// again (and checked with the CA), then the person's key password
	// (the key is checked), and the request goes with the key already
	// made. The .pfx's folder disappears just before: the certificate is
	// issued and the .pfx cannot be written.
	e, errs, d = reabrirAdicional(t, e, dir, embebido, "Su llave privada ya está guardada; falta enviar la solicitud.")
	if d.a.Actual() != 0 || d.principal.valor(campoPFXActual) != p.PFX {
		t.Fatalf("reanudó en el paso %d con %q", d.a.Actual(), d.principal.valor(campoPFXActual))
	}
	llenar(t, e.Ventana, "Contraseña del certificado principal", contrasenaPrueba)
	tocar(t, e.Ventana, "Continuar")
	esperar(t, "la llave ya hecha", func() bool { return d.a.Actual() == 1 && d.a.Siguiente.Text == "Enviar solicitud" })
	llenar(t, e.Ventana, "Contraseña de la llave privada de la persona designada", "Equivocada1")
	tocar(t, e.Ventana, "Enviar solicitud")
	esperarError(t, e, errs, msg.CodeContrasenaIncorrecta, textoContrasenaIncorrecta)
	llenar(t, e.Ventana, "Contraseña de la llave privada de la persona designada", "Adicional2026")
	if err := os.Remove(salida); err != nil {
		t.Fatal(err)
	}
	tocar(t, e.Ventana, "Enviar solicitud")
	esperarError(t, e, errs, msg.CodeUICarpetaNoExiste, texto(msg.CodeUICarpetaNoExiste))
	if _, ok := buscar(e.Ventana, func(*Entropia) bool { return true }); ok {
		t.Fatal("se pidió mover el ratón otra vez: se estaría haciendo otra llave")
	}
	ps = e.Progreso.Pendientes()
	if len(ps) != 1 || ps[0].Paso != progreso.PasoEnviada || ps[0].Serial == "" || ps[0].NPIE != p.NPIE {
		t.Fatalf("progreso tras emitir = %+v", ps)
	}
	serialAd := ps[0].Serial
	esperar(t, "Obtener Certificado Digital", func() bool { return d.a.Siguiente.Text == "Obtener Certificado Digital" })

	// Closed before the .pfx: only the person's key password is asked
	// (the request is not sent again), and another destination.
	e, errs, d = reabrirAdicional(t, e, dir, embebido, "Su solicitud fue enviada; falta obtener el certificado.")
	if _, ok := etiquetaCon(e.Ventana, "Contraseña del certificado principal"); ok {
		t.Error("se pide otra vez la contraseña del certificado principal")
	}
	if d.a.Actual() != 1 {
		t.Fatalf("con el certificado emitido reanudó en el paso %d", d.a.Actual())
	}
	if m := mensajeDe(t, e.Ventana, "Certificado Digital Adicional (.pfx)"); !conCodigo(m, msg.CodeUICarpetaNoExiste) {
		t.Errorf("mensaje del destino = %q", m)
	}
	pfx = filepath.Join(archivos, "gabrielah.pfx")
	llenar(t, e.Ventana, "Contraseña de la llave privada de la persona designada", "Adicional2026",
		"Certificado Digital Adicional (.pfx)", pfx)
	tocar(t, e.Ventana, "Obtener Certificado Digital")
	esperar(t, "Certificado Generado", func() bool { return d.a.Actual() == 2 })
	esperarEtiqueta(t, e.Ventana, "Se ha generado exitosamente el Certificado Digital Adicional: "+pfx)
	sinErrores(t, errs)
	if ps := e.Progreso.Pendientes(); len(ps) != 0 {
		t.Errorf("quedan trámites pendientes: %+v", ps)
	}

	// The outcome: the saved key's certificate, linked to the NPIE.
	ad := pfxDeLaLlaveGuardada(t, pfx, llave, "Adicional2026", antes)
	if !ad.Key.PublicKey.Equal(ad.Certificate.PublicKey) {
		t.Fatal("el certificado adicional no es de la llave guardada")
	}
	if got := tramite.Describir(ad.Certificate).Serial; got != serialAd {
		t.Errorf("el .pfx lleva el certificado %s, el CA emitió %s", got, serialAd)
	}
	if st := estadoEnServidor(t, srv, serialAd); st.Estado != "vigente" || st.Tipo != "adicional" || st.NPIE != p.NPIE {
		t.Fatalf("estado del adicional = %+v, quiero vigente, adicional, NPIE %s", st, p.NPIE)
	}
	noGuardaSecretos(t, dir, antes, contrasenaPrueba, "Adicional2026")

	// Mis certificados lists both; revoking the main certificate takes
	// out the additional one the CA revoked with it.
	tocarTarjeta(t, e, Certificados)
	esperarEtiqueta(t, e.Ventana, serialAd)
	esperarEtiqueta(t, e.Ventana, p.Serial)
	tocarTarjeta(t, e, Revocacion)
	llenar(t, e.Ventana, "Certificado Digital (.pfx)", p.PFX, "Contraseña", contrasenaPrueba)
	tocar(t, e.Ventana, "Revocar certificado")
	confirmacion := esperarConfirmacion(t, e.Ventana)
	test.Type(confirmacion, "REVOCAR")
	tocar(t, e.Ventana, "Confirmar")
	esperarEtiqueta(t, e.Ventana, "quedó revocado")
	sinErrores(t, errs)
	if st := estadoEnServidor(t, srv, serialAd); st.Estado != "revocado" {
		t.Fatalf("el adicional quedó %s tras revocar el principal", st.Estado)
	}
	cs, err := e.Progreso.Certificados()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Serial == serialAd || c.Serial == p.Serial {
			t.Errorf("Mis certificados conserva el revocado %s (%s)", c.Serial, c.Tipo)
		}
	}
	tocarTarjeta(t, e, Certificados)
	for _, s := range []string{serialAd, p.Serial} {
		if _, ok := etiquetaCon(e.Ventana, s); ok {
			t.Errorf("Mis certificados muestra el revocado %s", s)
		}
	}
}
