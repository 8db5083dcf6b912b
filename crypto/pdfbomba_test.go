package crypto

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// bombaPDF is a small PDF whose signature fields live in n object
// streams that each inflate to inflado bytes (mostly spaces): the
// compressed-object-stream bomb of the refca audit.
func bombaPDF(t testing.TB, n, inflado int) []byte {
	t.Helper()
	var b bytes.Buffer
	offs := map[int]int{}
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	var fields []string
	for i := 0; i < n; i++ {
		fields = append(fields, fmt.Sprintf("%d 0 R", 100+i))
	}
	offs[1] = b.Len()
	fmt.Fprintf(&b, "1 0 obj\n<</Type/Catalog/AcroForm<</Fields[%s]>>>>\nendobj\n", strings.Join(fields, " "))
	relleno := bytes.Repeat([]byte(" "), inflado)
	for i := 0; i < n; i++ {
		obj := fmt.Sprintf("<</FT/Sig/T(f%d)/V<</ByteRange[0 1 2 3]/Contents<00>>>>>", i)
		head := fmt.Sprintf("%d 0 ", 100+i)
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		w.Write([]byte(head))
		w.Write([]byte(obj))
		w.Write(relleno)
		w.Close()
		offs[10+i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n<</Type/ObjStm/N 1/First %d/Filter/FlateDecode/Length %d>>\nstream\n", 10+i, len(head), z.Len())
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
	}
	// A cross-reference stream (uncompressed): 1 and the object streams
	// in the file, the fields inside their streams.
	size := 100 + n
	var rows bytes.Buffer
	for num := 0; num < size; num++ {
		switch {
		case num == 1 || (num >= 10 && num < 10+n):
			rows.WriteByte(1)
			rows.Write([]byte{byte(offs[num] >> 24), byte(offs[num] >> 16), byte(offs[num] >> 8), byte(offs[num])})
			rows.Write([]byte{0, 0})
		case num >= 100:
			rows.WriteByte(2)
			stm := 10 + num - 100
			rows.Write([]byte{0, 0, byte(stm >> 8), byte(stm)})
			rows.Write([]byte{0, 0})
		default:
			rows.Write([]byte{0, 0, 0, 0, 0, 0, 0})
		}
	}
	xref := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Length %d>>\nstream\n", size, size+1, rows.Len())
	b.Write(rows.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// TestVerifyPDF_BombaDeFlujos_MemoriaAcotada: a signed "letter" of a few
// hundred KB whose object streams inflate to 240 MB is read with a bounded
// heap: decompression stops at 16× the file (16 MiB at most).
func TestVerifyPDF_BombaDeFlujos_MemoriaAcotada(t *testing.T) {
	pdf := bombaPDF(t, 4, 60<<20)
	var antes, despues runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&antes)
	VerifyPDF(pdf, nil)
	runtime.ReadMemStats(&despues)
	asignado := despues.TotalAlloc - antes.TotalAlloc
	t.Logf("bomb of %d bytes: %d bytes allocated while verifying", len(pdf), asignado)
	if asignado > 32<<20 {
		t.Errorf("verifying a %d-byte file allocated %d MB, want < 32 MB", len(pdf), asignado>>20)
	}
}
