package crypto

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// pngEncode is the PNG row filter the PDF writers apply before Flate.
func pngEncode(data []byte, row, bpp int, typ byte) []byte {
	var out []byte
	prev := make([]byte, row)
	for pos := 0; pos < len(data); pos += row {
		cur := data[pos : pos+row]
		out = append(out, typ)
		for i := range cur {
			var left, ul byte
			if i >= bpp {
				left, ul = cur[i-bpp], prev[i-bpp]
			}
			pred := map[byte]byte{0: 0, 1: left, 2: prev[i], 3: byte((int(left) + int(prev[i])) / 2), 4: pdfPaeth(left, prev[i], ul)}[typ]
			out = append(out, cur[i]-pred)
		}
		prev = cur
	}
	return out
}

func TestPdfUnpredict_FiltrosPNG(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 7*40)
	for i := range data {
		data[i] = byte(rng.IntN(256))
	}
	for typ := byte(0); typ <= 4; typ++ {
		parms := &pdfDict{}
		parms.set("Predictor", int64(10+typ))
		parms.set("Columns", int64(7))
		got, err := pdfUnpredict(pngEncode(data, 7, 1, typ), parms)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("type %d: %v, equal %v", typ, err, bytes.Equal(got, data))
		}
	}
	bad := &pdfDict{}
	bad.set("Predictor", int64(2))
	if _, err := pdfUnpredict(data, bad); err == nil {
		t.Error("TIFF predictor accepted")
	}
}

func TestPdfParser_Objetos(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // as pdfAppend writes it back
	}{
		{`<</A 1/B -2.50/C (a\(b\)c\\d\101)/D <48 6F 6C61>/E [true false null 3 0 R]/F#20G /x>>`,
			`<</A 1/B -2.50/C (a\(b\)c\\dA)/D (Hola)/E [true false null 3 0 R]/F#20G /x>>`},
		{"(line\\\nfolded)", "(linefolded)"},
		{"<4>", `(@)`},
		{"[1 2 R 3]", "[1 2 R 3]"},
		{"(\xe9\r\n)", `(\351\r\n)`},
	} {
		p := &pdfParser{data: []byte(tc.in)}
		o, err := p.object(0)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got := string(pdfAppend(nil, o)); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"<</A>>", "(unterminated", "<4G>", "[1 2", "<</A 1", "]"} {
		p := &pdfParser{data: []byte(bad)}
		if o, err := p.object(0); err == nil {
			if _, kw := o.(pdfKeyword); !kw {
				t.Errorf("%q parsed as %v", bad, o)
			}
		}
	}
	deep := &pdfParser{data: bytes.Repeat([]byte("["), 1000)}
	if _, err := deep.object(0); err == nil {
		t.Error("deep nesting accepted")
	}
}

func TestPdfText_Codificaciones(t *testing.T) {
	for _, s := range []string{"Firma1", "JOSÉ PEÑA NÚÑEZ", "Ciudad de México €"} {
		if got := pdfText(pdfTextBytes(s)); got != s {
			t.Errorf("%q round-trips as %q", s, got)
		}
	}
	if got := pdfText([]byte("Se\xf1or")); got != "Señor" {
		t.Errorf("PDFDocEncoding: %q", got)
	}
	if got := string(pdfWinAnsi("Ñandú €…✓")); got != "\xd1and\xfa \x80\x85?" {
		t.Errorf("WinAnsi: %q", got)
	}
}
