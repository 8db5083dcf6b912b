package carta

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The letters are laid out here, not by pdfcpu: pdfcpu's own wrapping of
// core-font text breaks accents, and only a layout that measures with the
// embedded font's widths can justify, hang numbers and break pages.

// A4 in points, and the margins of the text area.
const (
	anchoPagina = 595.28
	altoPagina  = 841.89
	margenIzq   = 64.0
	margenDer   = 64.0
	margenSup   = 48.0
	margenInf   = 56.0
	anchoTexto  = anchoPagina - margenIzq - margenDer
	interlinea  = 1.32 // line height as a multiple of the font size
	pieY        = 30.0 // baseline of the page footer
)

type fuente int

const (
	fSans fuente = iota
	fNegrita
	fMono
	numFuentes
)

type alineacion int

const (
	izquierda alineacion = iota
	centro
	derecha
	justificado
)

// bloque is one paragraph of a letter. A "\n" in texto forces a line break.
type bloque struct {
	texto   string
	f       fuente
	tam     float64
	alin    alineacion
	sangria float64 // indent of every line from the left margin
	vineta  string  // label hung at vinetaX on the first line: "1.", "•"
	vinetaX float64
	negrita bool    // the vineta is bold: a label, with the text at sangria
	antes   float64 // space above, dropped at the top of a page
	entero  bool    // never split across pages
	conSig  bool    // keep on the page where the next block starts
	raya    float64 // if > 0: a centred rule this wide instead of text
	// columnas splits the line at "\t" into two halves of the text
	// width, each centred: two signatures side by side. Never wrapped.
	columnas bool
	color    int     // index into colores
	lineas   float64 // line height as a multiple of tam; 0 means interlinea
}

// alto1 is the height of one of b's lines.
func (b *bloque) alto1() float64 {
	if b.lineas > 0 {
		return b.tam * b.lineas
	}
	return b.tam * interlinea
}

var colores = [...][3]float64{{0, 0, 0}, {0.02, 0.33, 0.25}}

const verde = 1

// trazo is one line of text placed on a page.
type trazo struct {
	f       fuente
	tam     float64
	x, y    float64
	texto   string
	espacio float64 // extra advance per space, to justify
	color   int
}

type linea struct {
	x1, x2, y, grosor float64
}

type pagina struct {
	trazos []trazo
	lineas []linea
}

// metrica measures text in one embedded font.
type metrica struct {
	nombre string            // PostScript name as pdfcpu installed it
	gids   map[uint32]uint16 // rune to glyph id
	anchos []int             // glyph id to advance, in 1/1000 em
	gidAlt uint16            // glyph for runes the font lacks: '?'
}

func (m *metrica) gid(r rune) uint16 {
	if g, ok := m.gids[uint32(r)]; ok {
		return g
	}
	return m.gidAlt
}

func (m *metrica) ancho(s string, tam float64) float64 {
	w := 0
	for _, r := range s {
		g := int(m.gid(r))
		if g < len(m.anchos) {
			w += m.anchos[g]
		} else if len(m.anchos) > 0 {
			w += m.anchos[len(m.anchos)-1]
		}
	}
	return float64(w) * tam / 1000
}

// renglon is one wrapped line of a bloque before placement.
type renglon struct {
	texto  string
	ultimo bool // last line of its paragraph: never justified
}

// partir wraps b's text to the width left by its indent.
func partir(b *bloque, m *metrica) []renglon {
	ancho := anchoTexto - b.sangria
	var out []renglon
	for _, parrafo := range strings.Split(b.texto, "\n") {
		palabras := strings.Fields(parrafo)
		if len(palabras) == 0 {
			out = append(out, renglon{ultimo: true})
			continue
		}
		espacio := m.ancho(" ", b.tam)
		var actual []string
		wActual := 0.0
		for _, p := range palabras {
			wp := m.ancho(p, b.tam)
			if len(actual) > 0 && wActual+espacio+wp <= ancho {
				actual = append(actual, p)
				wActual += espacio + wp
				continue
			}
			if len(actual) > 0 {
				out = append(out, renglon{texto: strings.Join(actual, " ")})
				actual, wActual = nil, 0
			}
			for wp > ancho {
				cabe := cortar(p, ancho, b.tam, m)
				out = append(out, renglon{texto: p[:cabe]})
				p = p[cabe:]
				wp = m.ancho(p, b.tam)
			}
			actual, wActual = []string{p}, wp
		}
		out = append(out, renglon{texto: strings.Join(actual, " "), ultimo: true})
	}
	return out
}

// cortar returns how many bytes of a word too long for a line fit in ancho
// (at least one rune, so that layout always advances).
func cortar(p string, ancho, tam float64, m *metrica) int {
	w := 0.0
	for i, r := range p {
		w += m.ancho(string(r), tam)
		if w > ancho && i > 0 {
			return i
		}
	}
	_, n := utf8.DecodeRuneInString(p)
	return n
}

// maquetador flows blocks onto pages.
type maquetador struct {
	met     *[numFuentes]metrica
	paginas []*pagina
	cursor  float64 // top of the next line
}

func (mq *maquetador) nuevaPagina() {
	mq.paginas = append(mq.paginas, &pagina{})
	mq.cursor = altoPagina - margenSup
}

func (mq *maquetador) enCabeza() bool { return mq.cursor == altoPagina-margenSup }

func alto(b *bloque, n int) float64 {
	if b.raya > 0 {
		return b.alto1()
	}
	return float64(n) * b.alto1()
}

// maquetar lays out the blocks and numbers the pages.
func maquetar(bloques []bloque, met *[numFuentes]metrica) []*pagina {
	mq := &maquetador{met: met}
	mq.nuevaPagina()
	renglones := make([][]renglon, len(bloques))
	for i := range bloques {
		switch b := &bloques[i]; {
		case b.columnas && b.raya == 0:
			renglones[i] = []renglon{{texto: b.texto, ultimo: true}}
		case b.raya == 0:
			renglones[i] = partir(b, &met[b.f])
		}
	}
	// necesita is the height block i needs on the current page before it
	// may start there: all of it if it stays whole, is tied to the next
	// block or is too short to split without leaving one line alone, else
	// its first two lines.
	var necesita func(i int) float64
	necesita = func(i int) float64 {
		if i >= len(bloques) {
			return 0
		}
		b := &bloques[i]
		n := len(renglones[i])
		if !b.entero && !b.conSig && n > 3 {
			n = 2
		}
		h := b.antes + alto(b, n)
		if b.conSig {
			h += necesita(i + 1)
		}
		return h
	}
	for i := range bloques {
		b := &bloques[i]
		if !mq.enCabeza() && mq.cursor-necesita(i) < margenInf {
			mq.nuevaPagina()
		}
		if !mq.enCabeza() {
			mq.cursor -= b.antes
		}
		if b.raya > 0 {
			mq.rayar(b)
			continue
		}
		n := len(renglones[i])
		for j, r := range renglones[i] {
			cabe := int((mq.cursor - margenInf) / b.alto1())
			// Break before a paragraph's second-to-last line rather than
			// leave its last line alone at the top of the next page.
			if cabe < 1 || (cabe == 1 && j == n-2 && j >= 2) {
				mq.nuevaPagina()
			}
			mq.colocar(b, r, j == 0)
		}
	}
	total := len(mq.paginas)
	for i, p := range mq.paginas {
		pie := "Página " + strconv.Itoa(i+1) + " de " + strconv.Itoa(total)
		m := &met[fSans]
		p.trazos = append(p.trazos, trazo{
			f: fSans, tam: 8, y: pieY, texto: pie,
			x: (anchoPagina - m.ancho(pie, 8)) / 2,
		})
	}
	return mq.paginas
}

func (mq *maquetador) pagina() *pagina { return mq.paginas[len(mq.paginas)-1] }

func (mq *maquetador) rayar(b *bloque) {
	y := mq.cursor - b.alto1()*0.6
	mq.cursor -= b.alto1()
	p := mq.pagina()
	if b.columnas {
		mitad := anchoTexto / 2
		for _, x0 := range []float64{margenIzq, margenIzq + mitad} {
			x := x0 + (mitad-b.raya)/2
			p.lineas = append(p.lineas, linea{x1: x, x2: x + b.raya, y: y, grosor: 0.6})
		}
		return
	}
	x := margenIzq + b.sangria + (anchoTexto-b.sangria-b.raya)/2
	p.lineas = append(p.lineas, linea{x1: x, x2: x + b.raya, y: y, grosor: 0.6})
}

func (mq *maquetador) colocar(b *bloque, r renglon, primero bool) {
	m := &mq.met[b.f]
	base := mq.cursor - b.tam
	mq.cursor -= b.alto1()
	p := mq.pagina()
	if primero && b.vineta != "" {
		f := b.f
		if b.negrita {
			f = fNegrita
		}
		p.trazos = append(p.trazos, trazo{f: f, tam: b.tam, x: margenIzq + b.vinetaX, y: base, texto: b.vineta, color: b.color})
	}
	if b.columnas {
		mitad := anchoTexto / 2
		izq, der, _ := strings.Cut(r.texto, "\t")
		for i, s := range []string{izq, der} {
			x := margenIzq + float64(i)*mitad + (mitad-m.ancho(s, b.tam))/2
			p.trazos = append(p.trazos, trazo{f: b.f, tam: b.tam, x: x, y: base, texto: s, color: b.color})
		}
		return
	}
	if r.texto == "" {
		return
	}
	ancho := anchoTexto - b.sangria
	w := m.ancho(r.texto, b.tam)
	t := trazo{f: b.f, tam: b.tam, x: margenIzq + b.sangria, y: base, texto: r.texto, color: b.color}
	switch b.alin {
	case centro:
		t.x += (ancho - w) / 2
	case derecha:
		t.x += ancho - w
	case justificado:
		if n := strings.Count(r.texto, " "); n > 0 && !r.ultimo {
			t.espacio = (ancho - w) / float64(n)
		}
	}
	p.trazos = append(p.trazos, t)
}
