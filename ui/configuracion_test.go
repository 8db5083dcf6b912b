//go:build ci

package ui

import (
	"encoding/pem"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/embebido"
	"github.com/seguritools/seguritools/app/msg"
)

// guardarConfiguracion taps Guardar, after which the screen is rebuilt.
func guardarConfiguracion(t *testing.T, e *Entorno, guardar string) {
	t.Helper()
	tocar(t, e.Ventana, guardar)
	if e.Actual() != Configuracion {
		t.Fatalf("tras guardar se muestra %s", e.Actual())
	}
}

// buscarNPIE looks npie up in a fresh Recuperación screen.
func buscarNPIE(t *testing.T, e *Entorno, npie string) {
	t.Helper()
	tocarTarjeta(t, e, Recuperacion)
	en, _ := buscar(e.Ventana, func(x *widget.Entry) bool { return x.PlaceHolder == "Número Patronal de Identificación Electrónica" })
	test.Type(en, npie)
	tocar(t, e.Ventana, "Buscar")
}

// Configuración switches from the embedded CA to a remote one trusted only
// through the root the user pins (a wrong URL scheme or a file that holds
// no PEM certificate are refused before anything is saved; a root that did
// not issue the server's certificate stops the connection), back to the
// embedded one, and between Spanish and English.
func TestConfiguracion_RemotoConRaizFijada_EmbebidoEIdioma(t *testing.T) {
	srv := refca(t)
	archivos := t.TempDir()
	p := emitirPrincipal(t, srv, archivos, "configura")
	raiz := escribirArchivo(t, filepath.Join(archivos, "raiz.pem"), srv.RaizPEM)
	ajena := escribirArchivo(t, filepath.Join(archivos, "ajena.pem"), raizAjena(t))
	bloque, _ := pem.Decode(srv.RaizPEM)
	der := escribirArchivo(t, filepath.Join(archivos, "raiz.cer"), bloque.Bytes)
	e := nuevoEntorno(t, t.TempDir(), srv)
	errs := capturarErrores(e)
	t.Cleanup(func() { UsarIdioma(msg.ES) })
	var pedidos []Servidor
	e.Reconfigurar = func(s Servidor) (Servidor, error) {
		pedidos = append(pedidos, s)
		if s.Embebido {
			return Servidor{URL: srv.URL, RaizPEM: srv.RaizPEM, Embebido: true, ClerkDemo: embebido.ClerkDemo + " / " + embebido.ClerkDemoContrasena}, nil
		}
		return s, nil
	}
	prefs := e.App.Preferences()
	w := e.Ventana

	tocarTarjeta(t, e, Configuracion)
	demo, _ := buscar(w, func(c *widget.Check) bool {
		return c.Text == "Usar el servidor de demostración incluido en la aplicación"
	})
	if !demo.Checked {
		t.Fatal("sin servidor configurado no se usa el embebido")
	}
	test.Tap(demo)

	// Refused before saving: not https, then a root file that is DER.
	llenar(t, w, "Servidor", "http"+srv.URL[len("https"):], "Certificado raíz", raiz)
	tocar(t, w, "Guardar")
	esperarError(t, e, errs, msg.CodeUIServidorURL, texto(msg.CodeUIServidorURL))
	llenar(t, w, "Servidor", srv.URL, "Certificado raíz", der)
	tocar(t, w, "Guardar")
	esperarError(t, e, errs, msg.CodeRaicesInvalidas, "no contiene ningún certificado PEM")
	if prefs.String(PrefServidor) != "" || len(pedidos) != 0 || !e.Servidor.Embebido {
		t.Fatalf("se guardó una configuración rechazada: %q, %d cambios", prefs.String(PrefServidor), len(pedidos))
	}

	// The remote server with its root: it is used, and embedded mode ends.
	llenar(t, w, "Certificado raíz", raiz)
	guardarConfiguracion(t, e, "Guardar")
	sinErrores(t, errs)
	if prefs.String(PrefServidor) != srv.URL || prefs.String(PrefRaiz) != raiz || e.Servidor.Embebido || len(pedidos) != 1 {
		t.Fatalf("preferencias %q %q, servidor %+v", prefs.String(PrefServidor), prefs.String(PrefRaiz), e.Servidor)
	}
	esperarEtiqueta(t, w, "Servidor actual: "+srv.URL)
	if demo, _ := buscar(w, func(c *widget.Check) bool { return true }); demo.Checked {
		t.Error("la pantalla reconstruida sigue marcando el servidor de demostración")
	}
	tocar(t, w, "Menú")
	if _, ok := etiquetaCon(w, "Modo de demostración"); ok {
		t.Error("el inicio sigue en modo de demostración con un servidor remoto")
	}
	tocarTarjeta(t, e, Ventanilla)
	if _, ok := etiquetaCon(w, "Modo de demostración"); ok {
		t.Error("la Ventanilla ofrece la cuenta de prueba con un servidor remoto")
	}
	buscarNPIE(t, e, p.NPIE)
	esperarEtiqueta(t, w, p.Serial)
	sinErrores(t, errs)

	// A root that did not issue the server's certificate: nothing is sent.
	tocarTarjeta(t, e, Configuracion)
	llenar(t, w, "Certificado raíz", ajena)
	guardarConfiguracion(t, e, "Guardar")
	buscarNPIE(t, e, p.NPIE)
	esperarError(t, e, errs, msg.CodeServidorNoConfiable, "no presentó un certificado emitido por la raíz configurada")
	if _, ok := etiquetaCon(w, p.Serial); ok {
		t.Error("se mostró una respuesta de un servidor no confiable")
	}

	// Back to the embedded CA.
	tocarTarjeta(t, e, Configuracion)
	demo, _ = buscar(w, func(c *widget.Check) bool { return true })
	test.Tap(demo)
	guardarConfiguracion(t, e, "Guardar")
	if prefs.String(PrefServidor) != "" || prefs.String(PrefRaiz) != "" || !e.Servidor.Embebido || len(pedidos) != 3 || !pedidos[2].Embebido {
		t.Fatalf("volver al embebido: preferencias %q %q, servidor %+v", prefs.String(PrefServidor), prefs.String(PrefRaiz), e.Servidor)
	}
	tocar(t, w, "Menú")
	esperarEtiqueta(t, w, "Modo de demostración")
	buscarNPIE(t, e, p.NPIE)
	esperarEtiqueta(t, w, p.Serial)

	// English, and back.
	tocarTarjeta(t, e, Configuracion)
	idioma, _ := buscar(w, func(s *widget.Select) bool { return true })
	idioma.SetSelected("English")
	guardarConfiguracion(t, e, "Guardar")
	if prefs.String(PrefIdioma) != string(msg.EN) || Idioma() != msg.EN {
		t.Fatalf("idioma guardado %q, en uso %q", prefs.String(PrefIdioma), Idioma())
	}
	esperarEtiqueta(t, w, "Settings")
	boton(t, w, "Menu")
	demo, _ = buscar(w, func(c *widget.Check) bool { return true })
	test.Tap(demo)
	llenar(t, w, "Server", "ftp://refca")
	tocar(t, w, "Save")
	esperarError(t, e, errs, msg.CodeUIServidorURL, "The server address must start with https://")
	idioma, _ = buscar(w, func(s *widget.Select) bool { return true })
	idioma.SetSelected("Español")
	demo, _ = buscar(w, func(c *widget.Check) bool { return true })
	test.Tap(demo)
	guardarConfiguracion(t, e, "Save")
	if prefs.String(PrefIdioma) != string(msg.ES) || Idioma() != msg.ES {
		t.Fatalf("idioma guardado %q, en uso %q", prefs.String(PrefIdioma), Idioma())
	}
	esperarEtiqueta(t, w, "Configuración")
	sinErrores(t, errs)
}
