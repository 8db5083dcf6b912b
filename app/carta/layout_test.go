package carta

import (
	"fmt"
	"strings"
	"testing"
)

// dentroDeMargenes checks that every line of text lies inside the text area
// (the footer below it) and ends before the right margin.
func dentroDeMargenes(t *testing.T, paginas []*pagina, met *[numFuentes]metrica) {
	t.Helper()
	for n, p := range paginas {
		for _, tr := range p.trazos {
			if tr.y == pieY {
				continue
			}
			fin := tr.x + met[tr.f].ancho(tr.texto, tr.tam) + tr.espacio*float64(strings.Count(tr.texto, " "))
			if tr.y < margenInf || tr.y > altoPagina-margenSup || tr.x < margenIzq-0.01 || fin > anchoPagina-margenDer+0.01 {
				t.Errorf("página %d: %q fuera de márgenes (x %.2f–%.2f, y %.2f)", n+1, tr.texto, tr.x, fin, tr.y)
			}
		}
	}
}

// paginaDe returns the page whose text includes s, or -1.
func paginaDe(paginas []*pagina, s string) int {
	for n, p := range paginas {
		for _, tr := range p.trazos {
			if strings.Contains(tr.texto, s) {
				return n
			}
		}
	}
	return -1
}

func TestMaquetar_MargenesYPaginas(t *testing.T) {
	g := generador(t)
	for _, c := range casos(t) {
		if c.tipo == TipoConstancia {
			dentroDeMargenes(t, maquetar(bloquesConstancia(c.datos.(DatosConstancia)), g.met), g.met)
			continue
		}
		cl, err := prepararCarta(c.tipo, c.datos.(Datos))
		if err != nil {
			t.Fatal(err)
		}
		paginas := maquetar(bloquesCarta(cl), g.met)
		dentroDeMargenes(t, paginas, g.met)
		if len(paginas) < 2 || len(paginas) > 3 {
			t.Errorf("%s: %d páginas", c.tipo, len(paginas))
		}
	}
}

// Long data pushes the letter onto more pages, but a signature, a key or a
// label never parts from what belongs to it.
func TestMaquetar_BloquesQueNoSeParten(t *testing.T) {
	g := generador(t)
	for extra := 0; extra < 60; extra += 3 {
		d := datosPrueba(t)
		d.Solicitud.Domicilio.Calle = "Reforma" + strings.Repeat(" calle muy larga de la colonia", extra)
		cl, err := prepararCarta(TipoRenovacion, d)
		if err != nil {
			t.Fatal(err)
		}
		paginas := maquetar(bloquesCarta(cl), g.met)
		dentroDeMargenes(t, paginas, g.met)
		for _, par := range [][2]string{
			{atentamente, firmaCargo},
			{"Llave Pública Nueva", cl.llave[len(cl.llave)-1]},
			{"Llave Pública Anterior", cl.llaveAnterior[len(cl.llaveAnterior)-1]},
			{"No. de Folio:", "Correo Electrónico:"},
			{encabezadoTyC, "manifiestan conocer"},
		} {
			a, b := paginaDe(paginas, par[0]), paginaDe(paginas, par[1])
			if a < 0 || a != b {
				t.Errorf("calle ×%d: %q (página %d) y %q (página %d) separados", extra, par[0], a+1, par[1], b+1)
			}
		}
		if pie := paginas[len(paginas)-1].trazos; pie[len(pie)-1].texto != fmt.Sprintf("Página %d de %d", len(paginas), len(paginas)) {
			t.Errorf("pie de la última página: %q", pie[len(pie)-1].texto)
		}
	}
}

func TestPartir_PalabraMasAnchaQueLaLinea(t *testing.T) {
	g := generador(t)
	b := bloque{texto: "correo:" + strings.Repeat("x", 300) + "@ejemplo.mx fin", f: fSans, tam: tamCuerpo}
	r := partir(&b, &g.met[fSans])
	if len(r) < 3 || r[len(r)-1].texto == "" {
		t.Fatalf("renglones: %v", r)
	}
	var todo strings.Builder
	for _, x := range r {
		if w := g.met[fSans].ancho(x.texto, b.tam); w > anchoTexto+0.01 {
			t.Errorf("renglón de %.1f pt: %q", w, x.texto)
		}
		todo.WriteString(x.texto)
	}
	if strings.ReplaceAll(todo.String(), " ", "") != strings.ReplaceAll(b.texto, " ", "") {
		t.Error("se perdió texto al partir")
	}
}
