package carta

import (
	"encoding/binary"
	"errors"
	"slices"
)

// pdfcpu's subset keeps every table of the font, and two thirds of Liberation
// Sans are layout and naming tables (GPOS, GSUB, kern, a format 2 post
// table) that a PDF never reads: it places every glyph itself. Dropping them
// makes a letter about a third of its size.

// tablasPDF are the TrueType tables an embedded CIDFontType2 font keeps:
// those the PDF specification requires (head, hhea, loca, maxp, cvt, prep,
// glyf, hmtx, fpgm) and a few that viewers like to find.
var tablasPDF = map[string]bool{
	"head": true, "hhea": true, "loca": true, "maxp": true, "cvt ": true, "prep": true,
	"glyf": true, "hmtx": true, "fpgm": true, "OS/2": true, "cmap": true, "name": true,
	"post": true, "gasp": true,
}

var errTTF = errors.New("fuente TrueType mal formada")

// recortarTTF returns font without the tables a PDF does not use, its post
// table reduced to format 3 (no glyph names) and its checksums recomputed.
func recortarTTF(font []byte) ([]byte, error) {
	if len(font) < 12 {
		return nil, errTTF
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*n {
		return nil, errTTF
	}
	tablas := map[string][]byte{}
	for i := range n {
		r := font[12+16*i:]
		tag := string(r[:4])
		off, lon := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
		if uint64(off)+uint64(lon) > uint64(len(font)) {
			return nil, errTTF
		}
		if tablasPDF[tag] {
			tablas[tag] = font[off : off+lon]
		}
	}
	head := tablas["head"]
	if len(head) < 54 {
		return nil, errTTF
	}
	if post := tablas["post"]; len(post) >= 32 {
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000)
		tablas["post"] = p
	}
	head = slices.Clone(head)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	tablas["head"] = head

	tags := make([]string, 0, len(tablas))
	for t := range tablas {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	nt := len(tags)
	potencia, exp := 1, 0
	for potencia*2 <= nt {
		potencia, exp = potencia*2, exp+1
	}
	out := make([]byte, 12+16*nt)
	copy(out, font[:4])
	binary.BigEndian.PutUint16(out[4:], uint16(nt))
	binary.BigEndian.PutUint16(out[6:], uint16(potencia*16))
	binary.BigEndian.PutUint16(out[8:], uint16(exp))
	binary.BigEndian.PutUint16(out[10:], uint16(nt*16-potencia*16))
	offHead := 0
	for i, t := range tags {
		datos := tablas[t]
		r := out[12+16*i:]
		copy(r, t)
		binary.BigEndian.PutUint32(r[4:], sumaTTF(datos))
		binary.BigEndian.PutUint32(r[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(r[12:], uint32(len(datos)))
		if t == "head" {
			offHead = len(out)
		}
		out = append(out, datos...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[offHead+8:], 0xB1B0AFBA-sumaTTF(out))
	return out, nil
}

// sumaTTF is the TrueType table checksum: the sum of big-endian uint32s,
// the last one zero-padded.
func sumaTTF(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var u [4]byte
		copy(u[:], b)
		s += binary.BigEndian.Uint32(u[:])
	}
	return s
}
