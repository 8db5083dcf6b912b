package crypto

import (
	"strconv"
)

// pdfAppend serializes o. Streams are never rewritten (an incremental update
// writes only the dicts it rebuilt), so a stream here becomes null.
func pdfAppend(b []byte, o pdfObject) []byte {
	switch v := o.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	case pdfReal:
		return append(b, v...)
	case pdfName:
		return pdfAppendName(b, v)
	case pdfString:
		return pdfAppendString(b, v)
	case pdfRef:
		b = strconv.AppendInt(b, int64(v.num), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(v.gen), 10)
		return append(b, " R"...)
	case pdfArray:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ' ')
			}
			b = pdfAppend(b, e)
		}
		return append(b, ']')
	case *pdfDict:
		b = append(b, "<<"...)
		for _, e := range v.entries {
			b = pdfAppendName(b, e.key)
			b = append(b, ' ')
			b = pdfAppend(b, e.val)
		}
		return append(b, ">>"...)
	}
	return append(b, "null"...)
}

func pdfAppendName(b []byte, n pdfName) []byte {
	b = append(b, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < 0x21 || c > 0x7e || c == '#' || pdfIsDelim(c) {
			const hex = "0123456789ABCDEF"
			b = append(b, '#', hex[c>>4], hex[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

// pdfAppendString writes a literal string, escaping what a reader could
// misread and keeping the file 7-bit clean.
func pdfAppendString(b []byte, s pdfString) []byte {
	b = append(b, '(')
	for _, c := range []byte(s) {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c < 0x20 || c >= 0x7f:
			b = append(b, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}
