package crypto

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
)

// This file reads just enough of a PDF to sign it and to check its
// signatures: the cross-reference chain (tables, streams, hybrids), indirect
// objects, object streams and Flate streams. It is our own rather than
// pdfcpu's because verification reads untrusted bytes: every size, depth and
// count is bounded, and nothing panics, which is easier to promise (and
// fuzz) for a small reader than for a whole PDF library. It never
// validates or "repairs" objects, so a dict read here can be written back as
// it was, plus the keys we add.

// MaxPDFSize is the largest PDF SignPDF and VerifyPDF accept. Letters are
// a few hundred KiB; the bound keeps memory use predictable on a server.
const MaxPDFSize = 64 << 20

// Sentinel errors of the PDF reader.
var (
	ErrNotPDF        = errors.New("crypto: not a PDF file or damaged beyond reading")
	ErrPDFTooLarge   = errors.New("crypto: PDF file too large")
	ErrPDFEncrypted  = errors.New("crypto: PDF file is encrypted")
	ErrPDFMalformed  = errors.New("crypto: PDF file structure is damaged")
	ErrNoSignatures  = errors.New("crypto: PDF file has no signatures")
	errPDFNotFound   = errors.New("object not found")
	errPDFTooComplex = errors.New("object nesting or references too deep")
)

const (
	pdfMaxDepth        = 64      // nesting of arrays and dicts
	pdfMaxResolve      = 16      // chained lookups (object stream -> /Length -> ...)
	pdfMaxXrefSections = 1024    // revisions followed through /Prev
	pdfMaxObjects      = 1 << 20 // object numbers accepted (letters have dozens)
	pdfMaxXrefEntries  = 1 << 21 // entries read over all cross-reference sections
	// Inflated stream data over the whole file: at most pdfMaxInflation
	// times the file's size and pdfMaxDecodedTotal bytes, so a small
	// "compression bomb" of object streams costs little memory.
	pdfMaxInflation    = 16
	pdfMaxDecodedTotal = 16 << 20
	pdfMaxScanObjects  = 1 << 20
	pdfStartxrefWindow = 4096
)

type (
	pdfObject any // nil, bool, int64, pdfReal, pdfName, pdfString, pdfArray, *pdfDict, pdfRef, *pdfStream
	pdfName   string
	pdfString []byte
	pdfReal   string // the token as written, so rewriting a dict keeps its numbers
	pdfArray  []pdfObject
	pdfRef    struct{ num, gen int }
	pdfDict   struct{ entries []pdfDictEntry }
	pdfStream struct {
		dict *pdfDict
		data []byte // as stored in the file (still encoded)
	}
	pdfKeyword   string // tokens such as obj, R, stream: never a value
	pdfDictEntry struct {
		key pdfName
		val pdfObject
	}
)

func (d *pdfDict) get(key pdfName) pdfObject {
	if d == nil {
		return nil
	}
	for i := len(d.entries) - 1; i >= 0; i-- {
		if d.entries[i].key == key {
			return d.entries[i].val
		}
	}
	return nil
}

func (d *pdfDict) set(key pdfName, v pdfObject) {
	for i := range d.entries {
		if d.entries[i].key == key {
			d.entries[i].val = v
			return
		}
	}
	d.entries = append(d.entries, pdfDictEntry{key, v})
}

func (d *pdfDict) clone() *pdfDict {
	if d == nil {
		return &pdfDict{}
	}
	return &pdfDict{entries: append([]pdfDictEntry(nil), d.entries...)}
}

// ---- lexer and object parser ----

func pdfIsWhite(c byte) bool {
	return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32
}

func pdfIsDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func pdfIsRegular(c byte) bool { return !pdfIsWhite(c) && !pdfIsDelim(c) }

type pdfParser struct {
	data []byte
	pos  int
}

func (p *pdfParser) skipWS() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if pdfIsWhite(c) {
			p.pos++
			continue
		}
		if c == '%' {
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
			continue
		}
		return
	}
}

// keyword reads a run of regular characters without interpreting it.
func (p *pdfParser) keyword() string {
	p.skipWS()
	start := p.pos
	for p.pos < len(p.data) && pdfIsRegular(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// integer reads a non-negative decimal integer, as used in object headers and
// cross-reference tables.
func (p *pdfParser) integer() (int64, bool) {
	p.skipWS()
	start := p.pos
	var n int64
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		if n > (1<<53)/10 {
			return 0, false
		}
		n = n*10 + int64(p.data[p.pos]-'0')
		p.pos++
	}
	if p.pos == start || (p.pos < len(p.data) && pdfIsRegular(p.data[p.pos])) {
		return 0, false
	}
	return n, true
}

func (p *pdfParser) object(depth int) (pdfObject, error) {
	if depth > pdfMaxDepth {
		return nil, errPDFTooComplex
	}
	p.skipWS()
	if p.pos >= len(p.data) {
		return nil, io.ErrUnexpectedEOF
	}
	switch c := p.data[p.pos]; {
	case c == '/':
		return p.name(), nil
	case c == '(':
		return p.literalString()
	case c == '<':
		if p.pos+1 < len(p.data) && p.data[p.pos+1] == '<' {
			p.pos += 2
			return p.dict(depth)
		}
		return p.hexString()
	case c == '[':
		p.pos++
		return p.array(depth)
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	case pdfIsRegular(c):
		switch kw := p.keyword(); kw {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		default:
			return pdfKeyword(kw), nil
		}
	default:
		return nil, fmt.Errorf("unexpected %q at %d", c, p.pos)
	}
}

func (p *pdfParser) name() pdfName {
	p.pos++ // '/'
	start := p.pos
	for p.pos < len(p.data) && pdfIsRegular(p.data[p.pos]) {
		p.pos++
	}
	raw := p.data[start:p.pos]
	if bytes.IndexByte(raw, '#') < 0 {
		return pdfName(raw)
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return pdfName(out)
}

func (p *pdfParser) literalString() (pdfObject, error) {
	p.pos++ // '('
	var out []byte
	nest := 1
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		switch c {
		case '(':
			nest++
		case ')':
			nest--
			if nest == 0 {
				return pdfString(out), nil
			}
		case '\\':
			if p.pos >= len(p.data) {
				return nil, io.ErrUnexpectedEOF
			}
			e := p.data[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.data) && p.data[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; k++ {
						v = v*8 + int(p.data[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, io.ErrUnexpectedEOF
}

func pdfHexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (p *pdfParser) hexString() (pdfObject, error) {
	p.pos++ // '<'
	end := bytes.IndexByte(p.data[p.pos:], '>')
	if end < 0 {
		p.pos = len(p.data) // the search counts as work done
		return nil, io.ErrUnexpectedEOF
	}
	out, ok := pdfDecodeHex(p.data[p.pos : p.pos+end])
	if !ok {
		p.pos += end
		return nil, fmt.Errorf("bad hex string at %d", p.pos)
	}
	p.pos += end + 1
	return pdfString(out), nil
}

// pdfDecodeHex decodes the inside of a hex string, skipping white space and
// completing an odd final digit with 0 as the standard says.
func pdfDecodeHex(b []byte) ([]byte, bool) {
	out := make([]byte, 0, len(b)/2+1)
	var hi byte
	half := false
	for _, c := range b {
		if pdfIsWhite(c) {
			continue
		}
		v, ok := pdfHexVal(c)
		if !ok {
			return nil, false
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out, true
}

func (p *pdfParser) number() (pdfObject, error) {
	start := p.pos
	for p.pos < len(p.data) && pdfIsRegular(p.data[p.pos]) {
		p.pos++
	}
	tok := string(p.data[start:p.pos])
	if n, err := strconv.ParseInt(tok, 10, 64); err == nil {
		if n >= 0 && n < pdfMaxObjects {
			if ref, ok := p.tryRef(int(n)); ok {
				return ref, nil
			}
		}
		return n, nil
	}
	if _, err := strconv.ParseFloat(tok, 64); err != nil {
		// Some writers emit "--1" or "1.2.3"; readers treat them as 0.
		return int64(0), nil
	}
	return pdfReal(tok), nil
}

// tryRef looks ahead for "gen R" after an object number.
func (p *pdfParser) tryRef(num int) (pdfRef, bool) {
	save := p.pos
	gen, ok := p.integer()
	if ok && gen <= 65535 {
		p.skipWS()
		if p.pos < len(p.data) && p.data[p.pos] == 'R' &&
			(p.pos+1 == len(p.data) || !pdfIsRegular(p.data[p.pos+1])) {
			p.pos++
			return pdfRef{num, int(gen)}, true
		}
	}
	p.pos = save
	return pdfRef{}, false
}

func (p *pdfParser) array(depth int) (pdfObject, error) {
	var arr pdfArray
	for {
		p.skipWS()
		if p.pos >= len(p.data) {
			return nil, io.ErrUnexpectedEOF
		}
		if p.data[p.pos] == ']' {
			p.pos++
			return arr, nil
		}
		o, err := p.object(depth + 1)
		if err != nil {
			return nil, err
		}
		if _, bad := o.(pdfKeyword); bad {
			return nil, fmt.Errorf("keyword %q inside array", o)
		}
		arr = append(arr, o)
	}
}

func (p *pdfParser) dict(depth int) (pdfObject, error) {
	d := &pdfDict{}
	for {
		p.skipWS()
		if p.pos >= len(p.data) {
			return nil, io.ErrUnexpectedEOF
		}
		if p.data[p.pos] == '>' {
			if p.pos+1 < len(p.data) && p.data[p.pos+1] == '>' {
				p.pos += 2
				return d, nil
			}
			return nil, fmt.Errorf("bad dict end at %d", p.pos)
		}
		if p.data[p.pos] != '/' {
			return nil, fmt.Errorf("dict key expected at %d", p.pos)
		}
		key := p.name()
		v, err := p.object(depth + 1)
		if err != nil {
			return nil, err
		}
		if _, bad := v.(pdfKeyword); bad {
			return nil, fmt.Errorf("keyword %q as dict value", v)
		}
		d.entries = append(d.entries, pdfDictEntry{key, v})
	}
}

// ---- text strings ----

// pdfText decodes a PDF text string: UTF-16BE with BOM, UTF-8 with BOM
// (PDF 2.0), or PDFDocEncoding, which matches Latin-1 for the letters we
// meet in Spanish names.
func pdfText(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return string(b[3:])
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// pdfTextBytes encodes s as a PDF text string: plain bytes when it is
// ASCII, UTF-16BE with BOM otherwise.
func pdfTextBytes(s string) pdfString {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return pdfString(s)
	}
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}
