package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
)

// Each invalid input of the Captura page shows its own message next to
// its field, and Siguiente stays disabled until the errors are fixed; a
// bad RFC check character is only a warning.
func TestSolicitud_CapturaInvalida_MensajeJuntoAlCampoYSiguienteDeshabilitado(t *testing.T) {
	e := nuevoEntorno(t, t.TempDir(), nil)
	s := capturaSolicitud(t, e)
	f := s.form
	if !s.a.Siguiente.Disabled() {
		t.Fatal("Siguiente habilitado con el formulario vacío")
	}
	dir := t.TempDir()
	validos := datosValidos("lperez", rutaEn(dir, "lperez.key"))
	llenarCaptura(t, f, validos)
	if s.a.Siguiente.Disabled() {
		t.Fatalf("Siguiente deshabilitado con datos válidos; problemas: %v", f.ultimos)
	}

	casos := []struct {
		nombre, campo, valor, codigo string
		aviso                        bool
	}{
		{"RFC con verificador equivocado", "empresa.rfc", "MAB9307148T5", msg.CodeRFCVerificador, true},
		{"CURP inválida", "representante.curp", "PEGL890909MJCRMS07", msg.CodeCURPVerificador, false},
		{"registro patronal con dígito equivocado", "empresa.registro_patronal", "B752158813-1", msg.CodeRPVerificador, false},
		{"correo distinto", "representante.correo_confirmacion", "otra@ejemplo.com.mx", msg.CodeCorreoConfirmacion, false},
		{"contraseña de 7", patron.CampoContrasena, "Abc1234", msg.CodeContrasenaCorta, false},
		{"contraseña igual al usuario", patron.CampoContrasena, "lperez", msg.CodeContrasenaIgualUsuario, false},
	}
	for _, c := range casos {
		t.Run(c.nombre, func(t *testing.T) {
			escribir(t, f, c.campo, c.valor)
			m := mensaje(f, c.campo)
			if !conCodigo(m, c.codigo) {
				t.Fatalf("mensaje de %s = %q, quiero el código %s", c.campo, m, c.codigo)
			}
			// Next to the field: in the same column, right under it.
			if !debajo(e, f.campo(c.campo)) {
				t.Errorf("el mensaje no está debajo de su campo")
			}
			// Only this field complains.
			for _, otro := range f.campos {
				if otro.ruta != c.campo && mensaje(f, otro.ruta) != "" && otro.ruta != patron.CampoContrasenaConfirmacion {
					t.Errorf("también se queja %s: %q", otro.ruta, mensaje(f, otro.ruta))
				}
			}
			if c.aviso {
				if s.a.Siguiente.Disabled() {
					t.Error("un aviso no debe deshabilitar Siguiente")
				}
			} else if !s.a.Siguiente.Disabled() {
				t.Error("Siguiente habilitado con un error")
			}
			escribir(t, f, c.campo, validos[c.campo])
			if c.campo == patron.CampoContrasena {
				escribir(t, f, patron.CampoContrasenaConfirmacion, validos[patron.CampoContrasenaConfirmacion])
			}
			if mensaje(f, c.campo) != "" {
				t.Errorf("el mensaje sigue después de corregir: %q", mensaje(f, c.campo))
			}
			if s.a.Siguiente.Disabled() {
				t.Errorf("Siguiente sigue deshabilitado tras corregir; problemas: %v", f.ultimos)
			}
		})
	}
}

// debajo reports whether the field's message is laid out right under its
// input, in the same column of the form.
func debajo(e *Entorno, c *campo) bool {
	for _, o := range enVentana(e.Ventana) {
		if k, ok := o.(*fyne.Container); ok && len(k.Objects) == 2 && k.Objects[0] == c.objeto && k.Objects[1] == c.mensaje {
			return true
		}
	}
	return false
}
