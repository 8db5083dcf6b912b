package carta

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/seguritools/seguritools/assets"
)

// pdfcpu keeps its configuration directory, its loaded default configuration
// and its installed fonts in process-wide variables. pdfcpuMu guards them:
// a letter is rendered under the read lock, and pointing pdfcpu at another
// directory takes the write lock, so no letter ever sees a half-switched
// pdfcpu. pdfcpuDir is the directory pdfcpu is pointed at.
var (
	pdfcpuMu  sync.RWMutex
	pdfcpuDir string
)

var (
	ttfFuente   = [numFuentes][]byte{assets.SansRegular, assets.SansBold, assets.MonoRegular}
	claveFuente = [numFuentes]string{"F1", "F2", "F3"}
	// nombreFuente is each font's PostScript name, which pdfcpu installs it
	// under.
	nombreFuente  = [numFuentes]string{"LiberationSans", "LiberationSans-Bold", "LiberationMono"}
	marcaFuentes  = "seguritools-fuentes.sha256"
	huellaFuentes = func() string {
		h := sha256.New()
		for _, b := range ttfFuente {
			h.Write(b)
		}
		return hex.EncodeToString(h.Sum(nil))
	}()
)

// activarPDFCPU points pdfcpu at dir (its files go to dir/pdfcpu), installs
// the letters' fonts there unless the same fonts already are, and returns
// their metrics. The caller holds pdfcpuMu for writing.
func activarPDFCPU(dir string) (*[numFuentes]metrica, error) {
	if err := model.EnsureDefaultConfigAt(dir, false); err != nil {
		return nil, fmt.Errorf("carta: configurar pdfcpu en %s: %w", dir, err)
	}
	pdfcpuDir = dir
	dirFuentes := font.UserFontDir
	if !fuentesInstaladas(dirFuentes) {
		for f, ttf := range ttfFuente {
			if err := font.InstallFontFromBytesQuiet(dirFuentes, nombreFuente[f], ttf); err != nil {
				return nil, fmt.Errorf("carta: instalar fuente: %w", err)
			}
		}
		marca := filepath.Join(dirFuentes, marcaFuentes)
		if err := os.WriteFile(marca, []byte(huellaFuentes+"\n"), 0o644); err != nil {
			return nil, fmt.Errorf("carta: instalar fuentes: %w", err)
		}
	}
	if err := font.ReloadUserFonts(); err != nil {
		return nil, fmt.Errorf("carta: cargar fuentes: %w", err)
	}
	met := new([numFuentes]metrica)
	for f, nombre := range nombreFuente {
		m, ok, err := font.UserFont(nombre)
		if err != nil || !ok {
			return nil, fmt.Errorf("carta: fuente %s no instalada: %v", nombre, err)
		}
		met[f] = metrica{nombre: nombre, gids: m.Chars, anchos: m.GlyphWidths, gidAlt: m.Chars['?']}
	}
	return met, nil
}

// fuentesInstaladas reports whether dir holds pdfcpu's form of exactly the
// embedded fonts, so that they need not be installed again.
func fuentesInstaladas(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, marcaFuentes))
	if err != nil || strings.TrimSpace(string(b)) != huellaFuentes {
		return false
	}
	for _, n := range nombreFuente {
		if _, err := os.Stat(filepath.Join(dir, n+".gob")); err != nil {
			return false
		}
	}
	return true
}

// conPDFCPU runs fn with pdfcpu pointed at g's directory.
func (g *Generador) conPDFCPU(fn func() error) error {
	for {
		pdfcpuMu.RLock()
		if pdfcpuDir == g.dir {
			defer pdfcpuMu.RUnlock()
			return fn()
		}
		pdfcpuMu.RUnlock()
		pdfcpuMu.Lock()
		var err error
		if pdfcpuDir != g.dir {
			_, err = activarPDFCPU(g.dir)
		}
		pdfcpuMu.Unlock()
		if err != nil {
			return err
		}
	}
}

// infoDoc is what goes into the PDF's document information dictionary.
type infoDoc struct {
	titulo, asunto string
	fecha          time.Time
}

// escribirPDF renders laid-out pages into a PDF with pdfcpu: Type0 fonts
// subset from the embedded TrueType fonts, a classic cross-reference table,
// and the same bytes for the same pages and info.
func (g *Generador) escribirPDF(paginas []*pagina, info infoDoc) ([]byte, error) {
	var out []byte
	err := g.conPDFCPU(func() error {
		conf := *g.conf
		ctx, err := pdfcpu.CreateContextWithXRefTable(&conf, &types.Dim{Width: anchoPagina, Height: altoPagina})
		if err != nil {
			return err
		}
		xt := ctx.XRefTable
		contenidos := make([]*types.IndirectRef, len(paginas))
		var usados [numFuentes]map[uint16]bool
		for i, p := range paginas {
			ir, err := xt.StreamDictIndRef(g.contenido(p, &usados))
			if err != nil {
				return err
			}
			contenidos[i] = ir
		}
		recursos := types.Dict{}
		for f := range numFuentes {
			if usados[f] == nil {
				continue
			}
			ir, err := g.fuentePDF(xt, f, usados[f])
			if err != nil {
				return err
			}
			recursos[claveFuente[f]] = ir
		}
		raiz, err := xt.Pages()
		if err != nil {
			return err
		}
		dRaiz, err := xt.DereferenceDict(*raiz)
		if err != nil {
			return err
		}
		caja := types.RectForDim(anchoPagina, altoPagina).Array()
		for _, c := range contenidos {
			d := types.Dict{
				"Type":      types.Name("Page"),
				"Parent":    *raiz,
				"MediaBox":  caja,
				"Resources": types.Dict{"Font": recursos},
				"Contents":  *c,
			}
			ir, err := xt.IndRefForNewObject(d)
			if err != nil {
				return err
			}
			if err := model.AppendPageTree(ir, 1, dRaiz); err != nil {
				return err
			}
			xt.PageCount++
		}
		dInfo := types.Dict{
			"Title":        textoPDF(info.titulo),
			"Subject":      textoPDF(info.asunto),
			"Author":       textoPDF("Instituto Mexicano del Seguro Social"),
			"Creator":      textoPDF("SeguriTools"),
			"Producer":     textoPDF("pdfcpu " + model.VersionStr),
			"CreationDate": types.StringLiteral(types.DateString(info.fecha)),
			"ModDate":      types.StringLiteral(types.DateString(info.fecha)),
		}
		if xt.Info, err = xt.IndRefForNewObject(dInfo); err != nil {
			return err
		}
		out, err = serializar(xt)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("carta: escribir PDF: %w", err)
	}
	return out, nil
}

// serializar writes the objects in xt as a PDF file with a classic
// cross-reference table. pdfcpu's own writer orders objects by walking
// dictionaries, which are Go maps, so the same document came out in a
// different order each time; here objects go out by number, and the file
// identifier is a digest of the file body instead of pdfcpu's clock-based
// one, so the same document is the same bytes.
func serializar(xt *model.XRefTable) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	n := *xt.Size
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		e := xt.Table[i]
		if e == nil || e.Free || e.Object == nil {
			return nil, fmt.Errorf("objeto %d ausente", i)
		}
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i)
		if sd, ok := e.Object.(types.StreamDict); ok {
			if sd.Raw == nil {
				return nil, fmt.Errorf("objeto %d: flujo sin codificar", i)
			}
			b.WriteString(sd.PDFString())
			b.WriteString("\nstream\n")
			b.Write(sd.Raw)
			b.WriteString("\nendstream")
		} else {
			b.WriteString(e.Object.PDFString())
		}
		b.WriteString("\nendobj\n")
	}
	h := sha256.Sum256(b.Bytes())
	id := strings.ToUpper(hex.EncodeToString(h[:16]))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", n)
	for _, o := range offsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	if xt.Root == nil || xt.Info == nil {
		return nil, errors.New("faltan el catálogo o la información del documento")
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root %s/Info %s/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		n, xt.Root.PDFString(), xt.Info.PDFString(), id, id, xref)
	return b.Bytes(), nil
}

// textoPDF encodes s as a PDF text string (UTF-16BE with BOM) in hex, so that
// accents survive in the document properties.
func textoPDF(s string) types.HexLiteral {
	return types.HexLiteral(hex.EncodeToString([]byte(types.EncodeUTF16String(s))))
}

// contenido writes a page's content stream and records in usados the glyphs
// it draws, per font.
func (g *Generador) contenido(p *pagina, usados *[numFuentes]map[uint16]bool) []byte {
	var b bytes.Buffer
	for _, l := range p.lineas {
		fmt.Fprintf(&b, "q %s w %s %s m %s %s l S Q\n", num(l.grosor), num(l.x1), num(l.y), num(l.x2), num(l.y))
	}
	b.WriteString("BT\n")
	f, tam, color := fuente(-1), 0.0, 0
	for _, t := range p.trazos {
		if t.f != f || t.tam != tam {
			f, tam = t.f, t.tam
			fmt.Fprintf(&b, "/%s %s Tf\n", claveFuente[f], num(tam))
		}
		if t.color != color {
			color = t.color
			c := colores[color]
			fmt.Fprintf(&b, "%s %s %s rg\n", num(c[0]), num(c[1]), num(c[2]))
		}
		m := &g.met[f]
		if usados[f] == nil {
			usados[f] = map[uint16]bool{}
		}
		gids := usados[f]
		fmt.Fprintf(&b, "1 0 0 1 %s %s Tm\n", num(t.x), num(t.y))
		if t.espacio == 0 {
			b.WriteByte('<')
			glifos(&b, m, t.texto, gids)
			b.WriteString("> Tj\n")
			continue
		}
		// Identity-H fonts ignore Tw, so justify with TJ: after each space
		// move right by espacio (TJ counts in thousandths of the font size,
		// negative to the right).
		ajuste := "-" + num(t.espacio*1000/t.tam)
		b.WriteByte('[')
		for i, palabra := range strings.Split(t.texto, " ") {
			if i > 0 {
				b.WriteString(ajuste)
			}
			b.WriteByte('<')
			if i > 0 {
				glifos(&b, m, " ", gids)
			}
			glifos(&b, m, palabra, gids)
			b.WriteByte('>')
		}
		b.WriteString("] TJ\n")
	}
	b.WriteString("ET\n")
	return b.Bytes()
}

// glifos writes s as the 2-byte glyph ids an Identity-H font takes.
func glifos(b *bytes.Buffer, m *metrica, s string, usados map[uint16]bool) {
	const digitos = "0123456789ABCDEF"
	for _, r := range s {
		g := m.gid(r)
		usados[g] = true
		b.Write([]byte{digitos[g>>12], digitos[g>>8&0xf], digitos[g>>4&0xf], digitos[g&0xf]})
	}
}

// num formats a coordinate with at most two decimals.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}
