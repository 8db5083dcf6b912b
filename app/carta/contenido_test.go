package carta

import (
	"strings"
	"testing"
	"time"
)

// TestCartas_Clausula9YLugar: every Carta de Términos and the acceptance
// letter say in clause 9 that the private key is made and kept on the
// employer's computer, never that the IMSS sends it; the dateline takes
// the place given.
func TestCartas_Clausula9YLugar(t *testing.T) {
	g := generador(t)
	d := datosPrueba(t)
	d.Lugar = "León, Gto."
	for _, tipo := range []Tipo{TipoTerminos, TipoRenovacion, TipoTerminosRenovacion} {
		t.Run(string(tipo), func(t *testing.T) {
			pdf, err := g.Generar(tipo, d)
			if err != nil {
				t.Fatal(err)
			}
			txt := plano(texto(t, pdf))
			for _, s := range []string{"9. " + plano(ClausulaLlavePrivada), "León, Gto., a 23 de noviembre de 2026",
				"Archivo de Certificado Digital, que junto con la llave privada"} {
				if !strings.Contains(txt, s) {
					t.Errorf("falta %q en:\n%s", s, txt)
				}
			}
			for _, s := range []string{"enviará al correo electrónico", "Liga de acceso", "Ciudad de México, a "} {
				if strings.Contains(txt, s) {
					t.Errorf("la carta aún dice %q", s)
				}
			}
		})
	}
}

// TestConstancia_HoraDeMexico: an instant given in UTC prints as the same
// instant in Mexico City's time when converted by the caller, with its
// offset, to the second.
func TestConstancia_HoraDeMexico(t *testing.T) {
	mx, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	c := constanciaPrueba()
	desde := time.Date(2026, time.December, 1, 2, 30, 15, 0, time.UTC).In(mx)
	c.VigenciaDesde, c.VigenciaHasta, c.Fecha = desde, desde.AddDate(2, 0, 0), desde
	c.Lugar = "León, Gto."
	pdf, err := generador(t).Constancia(c)
	if err != nil {
		t.Fatal(err)
	}
	txt := plano(texto(t, pdf))
	for _, s := range []string{"Vigencia desde: 30 de noviembre de 2026, 20:30:15 h (UTC-06:00)", "León, Gto., a 30 de noviembre de 2026"} {
		if !strings.Contains(txt, s) {
			t.Errorf("falta %q en:\n%s", s, txt)
		}
	}
}
