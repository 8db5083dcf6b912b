package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// Markup snapshots of the main screens (testdata/*.xml): a change in what
// a screen shows must be deliberate.
func TestPantallas_Markup(t *testing.T) {
	casos := []struct {
		archivo string
		abrir   func(*Entorno)
	}{
		{"inicio.xml", func(e *Entorno) {}},
		{"captura.xml", func(e *Entorno) {
			s := capturaSolicitud(t, e)
			llenarCaptura(t, s.form, datosValidos("lperez", "/no/existe/lperez.key"))
			escribir(t, s.form, "empresa.registro_patronal", "B752158813-1")
		}},
		{"renovacion.xml", func(e *Entorno) { tocarTarjeta(t, e, Renovacion) }},
		{"ventanilla.xml", func(e *Entorno) { tocarTarjeta(t, e, Ventanilla) }},
		{"configuracion.xml", func(e *Entorno) { tocarTarjeta(t, e, Configuracion) }},
	}
	for _, c := range casos {
		t.Run(c.archivo, func(t *testing.T) {
			e := nuevoEntorno(t, t.TempDir(), nil)
			e.Servidor = Servidor{URL: "https://127.0.0.1:18443", Embebido: true, ClerkDemo: "demo / ventanilla-demo"}
			e.Iniciar()
			c.abrir(e)
			test.AssertRendersToMarkup(t, c.archivo, e.Ventana.Canvas())
		})
	}
}
