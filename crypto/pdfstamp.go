package crypto

import (
	"crypto/x509"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/font"
)

// The visible stamp: a small framed box with who signed, their RFC and
// when, drawn in Helvetica (a core font, never embedded) with WinAnsi
// encoding, so Spanish accents and Ñ print right in every viewer.

const (
	pdfStampFontName = "Helvetica"
	pdfStampWidth    = 210.0
	pdfStampHeight   = 62.0
	pdfStampMargin   = 36.0
	pdfStampPad      = 4.0
)

type pdfStampLine struct {
	text     []byte // WinAnsi
	size     float64
	minSize  float64 // shrink down to this before cutting the text short
	emphasis bool
}

func pdfDefaultStampRect(box [4]float64) [4]float64 {
	w, h := pdfStampWidth, pdfStampHeight
	if box[2]-box[0] < w+2*pdfStampMargin || box[3]-box[1] < h+2*pdfStampMargin {
		return [4]float64{box[0], box[1], min(box[2], box[0]+w), min(box[3], box[1]+h)}
	}
	return [4]float64{box[2] - pdfStampMargin - w, box[1] + pdfStampMargin, box[2] - pdfStampMargin, box[1] + pdfStampMargin + h}
}

func pdfStampFont() *pdfDict {
	d := &pdfDict{}
	d.set("Type", pdfName("Font"))
	d.set("Subtype", pdfName("Type1"))
	d.set("BaseFont", pdfName(pdfStampFontName))
	d.set("Encoding", pdfName("WinAnsiEncoding"))
	return d
}

// pdfStampXObject is the appearance's form dictionary; a zero fontRef
// makes the empty appearance an invisible signature still carries, as
// PDF/A asks of every widget.
func pdfStampXObject(w, h float64, fontRef pdfRef) *pdfDict {
	d := &pdfDict{}
	d.set("Type", pdfName("XObject"))
	d.set("Subtype", pdfName("Form"))
	d.set("BBox", pdfArray{int64(0), int64(0), w, h})
	res := &pdfDict{}
	if fontRef.num != 0 {
		fonts := &pdfDict{}
		fonts.set("F1", fontRef)
		res.set("Font", fonts)
	}
	d.set("Resources", res)
	return d
}

func pdfStampLines(cert *x509.Certificate, opts SignOptions) []pdfStampLine {
	rfc := SubjectRFC(cert.Subject)
	if rfc == "" {
		rfc = strings.TrimSpace(cert.Subject.SerialNumber)
	}
	lines := []pdfStampLine{
		{text: pdfWinAnsi("Firmado digitalmente por:"), size: 6.5, minSize: 5},
		{text: pdfWinAnsi(opts.Name), size: 10, minSize: 6, emphasis: true},
	}
	if rfc != "" {
		lines = append(lines, pdfStampLine{text: pdfWinAnsi("RFC: " + rfc), size: 7.5, minSize: 5})
	}
	lines = append(lines, pdfStampLine{text: pdfWinAnsi("Fecha: " + opts.Time.Format("2006-01-02 15:04:05 -07:00")), size: 7.5, minSize: 5})
	return lines
}

// pdfStampContent draws the frame and the lines, shrinking a line that is
// too wide and cutting it short (with an ellipsis) below its minimum size.
func pdfStampContent(w, h float64, lines []pdfStampLine) []byte {
	avail := w - 2*pdfStampPad
	total := 0.0
	for i := range lines {
		l := &lines[i]
		if tw := pdfTextWidth(l.text, l.size); tw > avail && tw > 0 {
			l.size = max(l.minSize, l.size*avail/tw)
		}
		for len(l.text) > 1 && pdfTextWidth(l.text, l.size) > avail {
			l.text = append(l.text[:len(l.text)-2:len(l.text)-2], 0x85) // WinAnsi "…"
		}
		total += l.size * 1.2
	}
	// Scale every line down together when the box is too short.
	if scale := (h - 2*pdfStampPad) / total; scale < 1 && scale > 0 {
		for i := range lines {
			lines[i].size *= scale
		}
		total *= scale
	}
	var b []byte
	b = append(b, "q\n0.96 0.97 1 rg\n0 0 "...)
	b = pdfAppendNum(b, w)
	b = append(b, ' ')
	b = pdfAppendNum(b, h)
	b = append(b, " re f\n0.20 0.30 0.55 RG 0.8 w\n0.4 0.4 "...)
	b = pdfAppendNum(b, max(0, w-0.8))
	b = append(b, ' ')
	b = pdfAppendNum(b, max(0, h-0.8))
	b = append(b, " re S\nBT\n"...)
	y := h - pdfStampPad - (h-2*pdfStampPad-total)/2
	for _, l := range lines {
		y -= l.size
		if l.emphasis {
			b = append(b, "0.08 0.14 0.35 rg\n"...)
		} else {
			b = append(b, "0.2 g\n"...)
		}
		b = append(b, "/F1 "...)
		b = pdfAppendNum(b, l.size)
		b = append(b, " Tf 1 0 0 1 "...)
		b = pdfAppendNum(b, pdfStampPad)
		b = append(b, ' ')
		b = pdfAppendNum(b, y)
		b = append(b, " Tm "...)
		b = pdfAppendString(b, pdfString(l.text))
		b = append(b, " Tj\n"...)
		y -= l.size * 0.2
	}
	return append(b, "ET\nQ\n"...)
}

func pdfAppendNum(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, float64(int64(v*100+0.5))/100, 'f', -1, 64)
}

func pdfTextWidth(winAnsi []byte, size float64) float64 {
	w, err := font.TextWidthFloat(string(winAnsi), pdfStampFontName, size)
	if err != nil {
		return float64(len(winAnsi)) * size * 0.6
	}
	return w
}

// pdfWinAnsiHigh maps the characters WinAnsiEncoding places in 0x80-0x9F;
// from 0xA0 up it matches Latin-1.
var pdfWinAnsiHigh = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}

// pdfWinAnsi encodes s for a WinAnsi font; what it cannot show becomes "?".
func pdfWinAnsi(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f, r >= 0xa0 && r <= 0xff:
			out = append(out, byte(r))
		case pdfWinAnsiHigh[r] != 0:
			out = append(out, pdfWinAnsiHigh[r])
		default:
			out = append(out, '?')
		}
	}
	return out
}
