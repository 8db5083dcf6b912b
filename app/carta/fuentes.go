package carta

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pdffont "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Embedding a font is most of the cost of a letter: pdfcpu subsets the font
// and compresses it for every document. So every letter embeds the same
// subset, the glyphs of runasBase plus any other glyph it happens to use,
// and pdfcpu builds the font objects of each such subset once; letters get
// copies of them.

// runasBase covers Spanish text and the letters' own punctuation: ASCII,
// Latin-1 and the typographic quotes, dashes and bullet.
var runasBase = func() []rune {
	var rr []rune
	for r := rune(0x20); r <= 0x7e; r++ {
		rr = append(rr, r)
	}
	for r := rune(0xa0); r <= 0xff; r++ {
		rr = append(rr, r)
	}
	return append(rr, '‘', '’', '“', '”', '–', '—', '•', '…', '€')
}()

// maxPlantillas bounds the cache: only letters with unusual characters need
// more than one subset per font.
const maxPlantillas = 32

// plantillaFuente is a Type0 font with its descendant font, descriptor,
// widths, ToUnicode map and subset font file, in a table of its own.
type plantillaFuente struct {
	xt   *model.XRefTable
	raiz types.IndirectRef
}

// fuentesPDF caches the font objects per font and glyph set.
type fuentesPDF struct {
	mu         sync.Mutex
	plantillas map[string]*plantillaFuente
}

// glifosBase returns the glyphs of runasBase in m's font, and .notdef.
func glifosBase(m *metrica) map[uint16]bool {
	gids := map[uint16]bool{0: true}
	for _, r := range runasBase {
		if g, ok := m.gids[uint32(r)]; ok {
			gids[g] = true
		}
	}
	return gids
}

// fuentePDF puts font f into xt, subset to the base glyphs plus usados, and
// returns the reference to its font dictionary. The caller is inside
// conPDFCPU.
func (g *Generador) fuentePDF(xt *model.XRefTable, f fuente, usados map[uint16]bool) (types.IndirectRef, error) {
	p, err := g.plantillaPara(f, usados)
	if err != nil {
		return types.IndirectRef{}, err
	}
	return copiarObjetos(xt, p.xt, p.raiz)
}

// plantillaPara returns the template of font f for the base glyphs plus
// usados, from the cache or made now.
func (g *Generador) plantillaPara(f fuente, usados map[uint16]bool) (*plantillaFuente, error) {
	m := &g.met[f]
	gids := maps.Clone(g.base[f])
	var extra []uint16
	for gid := range usados {
		if !gids[gid] {
			gids[gid] = true
			extra = append(extra, gid)
		}
	}
	slices.Sort(extra)
	clave := fmt.Sprint(m.nombre, extra)
	return g.fuentes.obtener(clave, func() (*plantillaFuente, error) { return g.plantilla(m, gids) })
}

// obtener returns the cached template under clave, made by crear if missing.
// A template never changes once cached, so callers copy it without the lock.
func (c *fuentesPDF) obtener(clave string, crear func() (*plantillaFuente, error)) (*plantillaFuente, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.plantillas[clave]; p != nil {
		return p, nil
	}
	p, err := crear()
	if err != nil {
		return nil, err
	}
	if len(c.plantillas) < maxPlantillas {
		c.plantillas[clave] = p
	}
	return p, nil
}

// plantilla has pdfcpu build font nombre's objects for the glyphs gids.
func (g *Generador) plantilla(m *metrica, gids map[uint16]bool) (*plantillaFuente, error) {
	nombre := m.nombre
	conf := *g.conf
	ctx, err := pdfcpu.CreateContextWithXRefTable(&conf, &types.Dim{Width: anchoPagina, Height: altoPagina})
	if err != nil {
		return nil, err
	}
	xt := ctx.XRefTable
	xt.UsedGIDs[nombre] = maps.Clone(gids)
	ir, err := pdffont.EnsureFontDict(xt, nombre, "", "", false, nil)
	if err != nil {
		return nil, fmt.Errorf("fuente %s: %w", nombre, err)
	}
	fijarEtiqueta(xt, nombre, etiquetaSubconjunto(nombre, gids))
	if err := recortarArchivoFuente(xt); err != nil {
		return nil, fmt.Errorf("fuente %s: %w", nombre, err)
	}
	if err := rehacerToUnicode(xt, *ir, cmapToUnicode(m, gids)); err != nil {
		return nil, fmt.Errorf("fuente %s: %w", nombre, err)
	}
	return &plantillaFuente{xt: xt, raiz: *ir}, nil
}

// cmapToUnicode writes the ToUnicode CMap of a subset, which text
// extraction and search rely on. pdfcpu v0.15.0 writes the entry count of
// every block after the first one too high, and poppler then drops the
// block: every glyph past the hundredth, the accented letters among them,
// extracted as nothing. Each glyph maps to the lowest code point the font
// draws with it, so that the space is U+0020 and not U+00A0.
func cmapToUnicode(m *metrica, gids map[uint16]bool) []byte {
	unicode := map[uint16]rune{}
	for r, g := range m.gids {
		if gids[g] && r != 0 && r <= unicodeMax {
			if u, ok := unicode[g]; !ok || rune(r) < u {
				unicode[g] = rune(r)
			}
		}
	}
	lista := slices.Sorted(maps.Keys(unicode))
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(lista) > 0 {
		n := min(len(lista), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, g := range lista[:n] {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{unicode[g]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		lista = lista[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

const unicodeMax = 0x10ffff

// rehacerToUnicode replaces the ToUnicode stream of the Type0 font at raiz.
func rehacerToUnicode(xt *model.XRefTable, raiz types.IndirectRef, cmap []byte) error {
	d, err := xt.DereferenceDict(raiz)
	if err != nil {
		return err
	}
	ir := d.IndirectRefEntry("ToUnicode")
	if ir == nil {
		return errors.New("la fuente no tiene ToUnicode")
	}
	e := xt.Table[ir.ObjectNumber.Value()]
	sd, ok := e.Object.(types.StreamDict)
	if !ok {
		return errors.New("ToUnicode no es un flujo")
	}
	sd.Content, sd.Raw = cmap, nil
	sd.Delete("Length1")
	if err := sd.Encode(); err != nil {
		return err
	}
	e.Object = sd
	return nil
}

// recortarArchivoFuente applies recortarTTF to the font file of the one font
// descriptor in xt.
func recortarArchivoFuente(xt *model.XRefTable) error {
	for _, e := range xt.Table {
		if e == nil {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "FontDescriptor" {
			continue
		}
		ir := d.IndirectRefEntry("FontFile2")
		if ir == nil {
			return errors.New("el descriptor no tiene FontFile2")
		}
		ef := xt.Table[ir.ObjectNumber.Value()]
		sd, ok := ef.Object.(types.StreamDict)
		if !ok {
			return errors.New("FontFile2 no es un flujo")
		}
		if err := sd.Decode(); err != nil {
			return err
		}
		ttf, err := recortarTTF(sd.Content)
		if err != nil {
			return err
		}
		sd.Content, sd.Raw = ttf, nil
		if err := sd.Encode(); err != nil {
			return err
		}
		sd.Update("Length1", types.Integer(len(ttf)))
		ef.Object = sd
		return nil
	}
	return errors.New("no hay descriptor de fuente")
}

// etiquetaSubconjunto derives a font subset's six-letter tag from the font
// and the glyphs in it, where pdfcpu would draw it at random.
func etiquetaSubconjunto(nombre string, gids map[uint16]bool) string {
	lista := slices.Sorted(maps.Keys(gids))
	h := sha256.New()
	h.Write([]byte(nombre))
	for _, g := range lista {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	s := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + s[i]%26
	}
	return string(tag)
}

// fijarEtiqueta replaces the random subset tag pdfcpu put in font nombre's
// dictionaries and descriptor with tag.
func fijarEtiqueta(xt *model.XRefTable, nombre, tag string) {
	for _, e := range xt.Table {
		if e == nil {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok {
			continue
		}
		for _, clave := range []string{"BaseFont", "FontName"} {
			n, ok := d[clave].(types.Name)
			if !ok {
				continue
			}
			viejo, resto, ok := strings.Cut(string(n), "+")
			if ok && len(viejo) == 6 && resto == nombre {
				d[clave] = types.Name(tag + "+" + nombre)
			}
		}
	}
}

// copiarObjetos copies the object raiz refers to in src, and every object
// reachable from it, into dst under new numbers assigned in the order of the
// old ones. Stream data is shared, not copied: neither table changes it.
func copiarObjetos(dst, src *model.XRefTable, raiz types.IndirectRef) (types.IndirectRef, error) {
	nuevos := map[int]int{}
	var visitar func(o types.Object) error
	visitar = func(o types.Object) error {
		switch v := o.(type) {
		case types.IndirectRef:
			n := v.ObjectNumber.Value()
			if _, ok := nuevos[n]; ok {
				return nil
			}
			e, ok := src.Table[n]
			if !ok || e.Free || e.Object == nil {
				return fmt.Errorf("fuente: objeto %d ausente", n)
			}
			nuevos[n] = 0
			return visitar(e.Object)
		case types.Dict:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				if err := visitar(v[k]); err != nil {
					return err
				}
			}
		case types.Array:
			for _, x := range v {
				if err := visitar(x); err != nil {
					return err
				}
			}
		case types.StreamDict:
			return visitar(v.Dict)
		}
		return nil
	}
	if err := visitar(raiz); err != nil {
		return types.IndirectRef{}, err
	}
	viejos := slices.Sorted(maps.Keys(nuevos))
	for _, n := range viejos {
		ir, err := dst.IndRefForNewObject(types.Integer(0))
		if err != nil {
			return types.IndirectRef{}, err
		}
		nuevos[n] = ir.ObjectNumber.Value()
	}
	for _, n := range viejos {
		dst.Table[nuevos[n]].Object = renumerar(src.Table[n].Object, nuevos)
	}
	return *types.NewIndirectRef(nuevos[raiz.ObjectNumber.Value()], 0), nil
}

func renumerar(o types.Object, nuevos map[int]int) types.Object {
	switch v := o.(type) {
	case types.IndirectRef:
		return *types.NewIndirectRef(nuevos[v.ObjectNumber.Value()], 0)
	case types.Dict:
		d := make(types.Dict, len(v))
		for k, x := range v {
			d[k] = renumerar(x, nuevos)
		}
		return d
	case types.Array:
		a := make(types.Array, len(v))
		for i, x := range v {
			a[i] = renumerar(x, nuevos)
		}
		return a
	case types.StreamDict:
		v.Dict = renumerar(v.Dict, nuevos).(types.Dict)
		return v
	}
	return o
}
