package crypto

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// SignOptions says how SignPDF presents a signature.
type SignOptions struct {
	Name     string    // signer's name for /Name and the stamp; empty means the certificate's CN
	Reason   string    // /Reason, e.g. "Acepto los términos y condiciones"
	Location string    // /Location, e.g. "Ciudad de México"
	Time     time.Time // /M, the claimed signing time; zero means now
	Visible  bool      // draw a stamp with name, RFC and date on the last page
	// Rect places the visible stamp on the last page, in PDF points
	// (llx, lly, urx, ury); zero means the bottom right corner.
	Rect [4]float64
	// Timestamp, when set, makes the signature PAdES B-T: it is called
	// with the SHA-256 of the CMS signature value and returns an RFC 3161
	// time-stamp token over it (TimestampRequest and TimestampFromResponse
	// build and read the exchange; the transport is the caller's). SignPDF
	// fails with ErrTimestamp when it fails; the caller may sign again
	// without it (B-B).
	Timestamp func(digest []byte) ([]byte, error)
}

// pdfContentsSlack is room kept in /Contents beyond the signature we write,
// so that a signature timestamp (PAdES B-T, about 4-6 KiB) can later be
// added to the same CMS without rewriting the file.
const pdfContentsSlack = 8192

// pdfByteRangePlaceholder is wide enough for any offset below MaxPDFSize
// plus the signature we add.
const pdfByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]"

// SignPDF returns pdf with a PAdES baseline B-B signature (/SubFilter
// /ETSI.CAdES.detached) by cred, appended as an incremental update: the
// original bytes are kept unchanged, so earlier signatures stay valid and
// later ones can follow. The update holds the signature dictionary, a
// signature field and widget on the last page (invisible, or a stamp with
// opts.Visible), the AcroForm with the earlier fields plus the new one and
// /SigFlags 3, and a cross-reference section of the same kind as the
// file's newest one (classic table, or cross-reference stream).
//
// It refuses files that are not PDF (ErrNotPDF), too large
// (ErrPDFTooLarge), encrypted (ErrPDFEncrypted), or whose cross-reference
// or page tree cannot be read (ErrPDFMalformed), a key that does not
// belong to the certificate (ErrKeyMismatch), and a stamp rectangle that is
// empty or off any page.
func SignPDF(pdf []byte, cred *Credential, opts SignOptions) ([]byte, error) {
	if err := cmsCheckCredential(cred); err != nil {
		return nil, err
	}
	f, err := pdfOpenForUpdate(pdf)
	if err != nil {
		return nil, err
	}
	if r := opts.Rect; r != ([4]float64{}) {
		for _, v := range r {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 14400 {
				return nil, fmt.Errorf("crypto: sign PDF: stamp rectangle %v out of range", r)
			}
		}
		if r[2]-r[0] < 1 || r[3]-r[1] < 1 {
			return nil, fmt.Errorf("crypto: sign PDF: stamp rectangle %v is empty", r)
		}
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now()
	}
	if opts.Name == "" {
		opts.Name = cred.Certificate.Subject.CommonName
	}
	u, err := pdfPlanUpdate(f, pdf)
	if err != nil {
		return nil, err
	}
	return u.write(cred, opts)
}

// pdfUpdate is what one signature adds to a file.
type pdfUpdate struct {
	f         *pdfFile
	orig      []byte
	rootRef   pdfRef
	catalog   *pdfDict
	pageRef   pdfRef
	page      *pdfDict
	pageBox   [4]float64
	acroRef   pdfRef // zero num: the AcroForm is new or was direct
	acro      *pdfDict
	fields    pdfArray
	fieldName string
	nextNum   int

	out     []byte
	entries []pdfXrefOut
}

type pdfXrefOut struct {
	ref pdfRef
	off int
}

func pdfPlanUpdate(f *pdfFile, orig []byte) (*pdfUpdate, error) {
	u := &pdfUpdate{f: f, orig: orig}
	var ok bool
	if u.rootRef, ok = f.trailer.get("Root").(pdfRef); !ok {
		return nil, fmt.Errorf("%w: no document catalog", ErrPDFMalformed)
	}
	if u.catalog = pdfPlainDict(f, u.rootRef); u.catalog == nil {
		return nil, fmt.Errorf("%w: no document catalog", ErrPDFMalformed)
	}
	var err error
	if u.pageRef, u.page, err = f.lastPage(u.catalog); err != nil {
		return nil, err
	}
	u.pageBox = f.pageBox(u.page)

	switch a := u.catalog.get("AcroForm").(type) {
	case pdfRef:
		if a.num == u.rootRef.num || a.num == u.pageRef.num {
			return nil, fmt.Errorf("%w: the form is the catalog or a page", ErrPDFMalformed)
		}
		if d := pdfPlainDict(f, a); d != nil {
			u.acroRef, u.acro = a, d.clone()
		}
	case *pdfDict:
		u.acro = a.clone()
	}
	if u.acro == nil {
		u.acro = &pdfDict{}
	}
	u.fields = append(pdfArray(nil), f.array(u.acro.get("Fields"))...)
	u.fieldName = pdfFreeFieldName(f, u.fields)

	size, _ := f.trailer.get("Size").(int64)
	for num := range f.xref {
		size = max(size, int64(num)+1)
	}
	if size >= pdfMaxObjects {
		return nil, fmt.Errorf("%w: too many objects", ErrPDFMalformed)
	}
	u.nextNum = int(size)
	return u, nil
}

// pdfPlainDict resolves r to a dictionary that is not a stream: only those
// can be rewritten without copying stream data.
func pdfPlainDict(f *pdfFile, r pdfObject) *pdfDict {
	o, err := f.resolve(r)
	if err != nil {
		return nil
	}
	d, _ := o.(*pdfDict)
	return d
}

// pdfFreeFieldName picks "Firma1", "Firma2", ... not yet used at the top
// level of the form.
func pdfFreeFieldName(f *pdfFile, fields pdfArray) string {
	used := map[string]bool{}
	for _, fo := range fields {
		if d := f.dict(fo); d != nil {
			used[pdfText(f.str(d.get("T")))] = true
		}
	}
	for i := 1; ; i++ {
		if n := "Firma" + strconv.Itoa(i); !used[n] {
			return n
		}
	}
}

func (u *pdfUpdate) alloc() pdfRef {
	r := pdfRef{u.nextNum, 0}
	u.nextNum++
	return r
}

func (u *pdfUpdate) begin(r pdfRef) {
	u.entries = append(u.entries, pdfXrefOut{r, len(u.out)})
	u.out = strconv.AppendInt(u.out, int64(r.num), 10)
	u.out = append(u.out, ' ')
	u.out = strconv.AppendInt(u.out, int64(r.gen), 10)
	u.out = append(u.out, " obj\n"...)
}

func (u *pdfUpdate) object(r pdfRef, o pdfObject) {
	u.begin(r)
	u.out = pdfAppend(u.out, o)
	u.out = append(u.out, "\nendobj\n"...)
}

func (u *pdfUpdate) stream(r pdfRef, dict *pdfDict, data []byte) {
	dict.set("Length", int64(len(data)))
	u.begin(r)
	u.out = pdfAppend(u.out, dict)
	u.out = append(u.out, "\nstream\n"...)
	u.out = append(u.out, data...)
	u.out = append(u.out, "\nendstream\nendobj\n"...)
}

func (u *pdfUpdate) write(cred *Credential, opts SignOptions) ([]byte, error) {
	// A document time stamp (cred nil) is a token alone: its size is the
	// authority's, so it gets the slack twice over.
	reserve := 2 * pdfContentsSlack
	if cred != nil {
		reserve = cmsSize(cred) + pdfContentsSlack
	}
	u.out = make([]byte, 0, len(u.orig)+2*reserve+8192)
	u.out = append(u.out, u.orig...)
	if n := len(u.out); n > 0 && u.out[n-1] != '\n' && u.out[n-1] != '\r' {
		u.out = append(u.out, '\n')
	}

	sigRef, fieldRef, apRef := u.alloc(), u.alloc(), u.alloc()

	// The signature dictionary is written by hand: its /ByteRange and
	// /Contents are patched in place once the file is complete.
	u.begin(sigRef)
	if cred == nil {
		u.out = append(u.out, "<</Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161/ByteRange "...)
	} else {
		u.out = append(u.out, "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange "...)
	}
	brAt := len(u.out)
	u.out = append(u.out, pdfByteRangePlaceholder...)
	u.out = append(u.out, "/Contents <"...)
	contentsAt := len(u.out) - 1
	for i := 0; i < 2*reserve; i++ {
		u.out = append(u.out, '0')
	}
	u.out = append(u.out, '>')
	contentsEnd := len(u.out)
	if cred != nil {
		u.out = append(u.out, "/M"...)
		u.out = pdfAppendString(u.out, pdfString(pdfDate(opts.Time)))
		for _, kv := range []struct{ k, v string }{{"Name", opts.Name}, {"Reason", opts.Reason}, {"Location", opts.Location}} {
			if kv.v != "" {
				u.out = pdfAppendName(u.out, pdfName(kv.k))
				u.out = pdfAppendString(u.out, pdfTextBytes(kv.v))
			}
		}
	}
	u.out = append(u.out, ">>\nendobj\n"...)

	rect := [4]float64{}
	if opts.Visible {
		rect = opts.Rect
		if rect == ([4]float64{}) {
			rect = pdfDefaultStampRect(u.pageBox)
		}
		fontRef := u.alloc()
		u.object(fontRef, pdfStampFont())
		ap := pdfStampContent(rect[2]-rect[0], rect[3]-rect[1], pdfStampLines(cred.Certificate, opts))
		u.stream(apRef, pdfStampXObject(rect[2]-rect[0], rect[3]-rect[1], fontRef), ap)
	} else {
		u.stream(apRef, pdfStampXObject(0, 0, pdfRef{}), nil)
	}

	field := &pdfDict{}
	field.set("Type", pdfName("Annot"))
	field.set("Subtype", pdfName("Widget"))
	field.set("FT", pdfName("Sig"))
	field.set("T", pdfTextBytes(u.fieldName))
	field.set("V", sigRef)
	field.set("F", int64(132)) // Print | Locked
	field.set("Rect", pdfArray{rect[0], rect[1], rect[2], rect[3]})
	field.set("P", u.pageRef)
	ap2 := &pdfDict{}
	ap2.set("N", apRef)
	field.set("AP", ap2)
	u.object(fieldRef, field)

	if err := u.addAnnot(fieldRef); err != nil {
		return nil, err
	}

	u.acro.set("Fields", append(u.fields, fieldRef))
	u.acro.set("SigFlags", int64(3)) // SignaturesExist | AppendOnly
	if u.acroRef.num != 0 {
		u.object(u.acroRef, u.acro)
	} else {
		acroRef := u.alloc()
		u.object(acroRef, u.acro)
		cat := u.catalog.clone()
		cat.set("AcroForm", acroRef)
		u.object(u.rootRef, cat)
	}

	if err := u.writeXref(); err != nil {
		return nil, err
	}
	return u.sign(cred, opts.Timestamp, brAt, contentsAt, contentsEnd)
}

// addAnnot lists the widget in the page's /Annots, rewriting the array
// where it lives: in its own object, or inline in the page.
func (u *pdfUpdate) addAnnot(widget pdfRef) error {
	if r, ok := u.page.get("Annots").(pdfRef); ok {
		if o, err := u.f.resolve(r); err == nil {
			if arr, ok := o.(pdfArray); ok {
				u.object(r, append(append(pdfArray(nil), arr...), widget))
				return nil
			}
		}
	}
	page := u.page.clone()
	annots, _ := page.get("Annots").(pdfArray)
	page.set("Annots", append(append(pdfArray(nil), annots...), widget))
	u.object(u.pageRef, page)
	return nil
}

func (u *pdfUpdate) trailerDict(size int) *pdfDict {
	t := &pdfDict{}
	t.set("Size", int64(size))
	t.set("Root", u.rootRef)
	if info, ok := u.f.trailer.get("Info").(pdfRef); ok {
		t.set("Info", info)
	}
	// The first ID identifies the document across revisions; the second
	// changes with each one.
	fresh := make([]byte, 16)
	_, _ = rand.Read(fresh)
	first := pdfString(fresh)
	if id, ok := u.f.trailer.get("ID").(pdfArray); ok && len(id) == 2 {
		if s, ok := id[0].(pdfString); ok {
			first = s
		}
	}
	t.set("ID", pdfArray{first, pdfString(fresh)})
	t.set("Prev", u.f.startxref)
	return t
}

// writeXref ends the update with a classic cross-reference table, or with
// a cross-reference stream when the file's newest section is one: readers
// of a stream-based file may not follow a table's /Prev into a stream.
func (u *pdfUpdate) writeXref() error {
	var xrefRef pdfRef
	if u.f.xrefIsStream {
		xrefRef = u.alloc()
	}
	size := u.nextNum
	start := len(u.out)
	if u.f.xrefIsStream {
		u.entries = append(u.entries, pdfXrefOut{xrefRef, start})
	}
	ents := slices.Clone(u.entries)
	slices.SortFunc(ents, func(a, b pdfXrefOut) int { return a.ref.num - b.ref.num })
	for i := 1; i < len(ents); i++ {
		if ents[i].ref.num == ents[i-1].ref.num {
			// Only a file whose catalog, form and page share objects gets here.
			return fmt.Errorf("%w: object %d has two roles", ErrPDFMalformed, ents[i].ref.num)
		}
	}
	// Runs of consecutive object numbers make the subsections.
	type run struct{ first, n int }
	var runs []run
	for i, e := range ents {
		if i > 0 && e.ref.num == ents[i-1].ref.num+1 {
			runs[len(runs)-1].n++
		} else {
			runs = append(runs, run{e.ref.num, 1})
		}
	}
	t := u.trailerDict(size)
	if !u.f.xrefIsStream {
		u.out = append(u.out, "xref\n"...)
		i := 0
		for _, r := range runs {
			u.out = fmt.Appendf(u.out, "%d %d\n", r.first, r.n)
			for k := 0; k < r.n; k++ {
				e := ents[i]
				u.out = fmt.Appendf(u.out, "%010d %05d n\r\n", e.off, e.ref.gen)
				i++
			}
		}
		u.out = append(u.out, "trailer\n"...)
		u.out = pdfAppend(u.out, t)
		u.out = append(u.out, '\n')
	} else {
		index := pdfArray{}
		for _, r := range runs {
			index = append(index, int64(r.first), int64(r.n))
		}
		data := make([]byte, 0, 7*len(ents))
		for _, e := range ents {
			data = append(data, 1, byte(e.off>>24), byte(e.off>>16), byte(e.off>>8), byte(e.off),
				byte(e.ref.gen>>8), byte(e.ref.gen))
		}
		t.set("Type", pdfName("XRef"))
		t.set("W", pdfArray{int64(1), int64(4), int64(2)})
		t.set("Index", index)
		u.stream(xrefRef, t, data)
	}
	u.out = fmt.Appendf(u.out, "startxref\n%d\n%%%%EOF\n", start)
	return nil
}

// sign fixes /ByteRange around the /Contents hole, then fills the hole
// with the CMS signature over everything else.
func (u *pdfUpdate) sign(cred *Credential, stamp func([]byte) ([]byte, error), brAt, contentsAt, contentsEnd int) ([]byte, error) {
	out := u.out
	br := fmt.Appendf(nil, "[0 %d %d %d", contentsAt, contentsEnd, len(out)-contentsEnd)
	if len(br)+1 > len(pdfByteRangePlaceholder) {
		return nil, ErrPDFTooLarge
	}
	for len(br) < len(pdfByteRangePlaceholder)-1 {
		br = append(br, ' ')
	}
	br = append(br, ']')
	copy(out[brAt:], br)

	h := sha256.New()
	h.Write(out[:contentsAt])
	h.Write(out[contentsEnd:])
	var cms []byte
	var err error
	if cred == nil {
		cms, err = pdfDocumentTimestamp(h.Sum(nil), stamp)
	} else {
		cms, err = cmsSignDetached(h.Sum(nil), cred, stamp)
	}
	if err != nil {
		return nil, err
	}
	if 2*len(cms) > contentsEnd-contentsAt-2 {
		if stamp != nil {
			return nil, fmt.Errorf("%w: the time-stamp token is larger than the space reserved for it", ErrTimestamp)
		}
		return nil, errors.New("crypto: sign PDF: signature larger than its reserved space")
	}
	hex.Encode(out[contentsAt+1:], cms)
	return out, nil
}

// AddDocumentTimestamp appends to pdf an incremental update with a
// document time stamp (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161): an
// RFC 3161 token over the whole file but the token itself, from stamp
// (as SignOptions.Timestamp: it gets the SHA-256 of the signed ranges).
// After a DSS (AddDSS) it makes the earlier signatures PAdES B-LTA. It
// refuses what SignPDF refuses, and fails with ErrTimestamp when stamp
// does.
func AddDocumentTimestamp(pdf []byte, stamp func(digest []byte) ([]byte, error)) ([]byte, error) {
	if stamp == nil {
		return nil, fmt.Errorf("%w: no time-stamp authority", ErrTimestamp)
	}
	f, err := pdfOpenForUpdate(pdf)
	if err != nil {
		return nil, err
	}
	u, err := pdfPlanUpdate(f, pdf)
	if err != nil {
		return nil, err
	}
	return u.write(nil, SignOptions{Timestamp: stamp})
}

// pdfDocumentTimestamp asks stamp for a token over digest and checks it
// stamps that digest.
func pdfDocumentTimestamp(digest []byte, stamp func([]byte) ([]byte, error)) ([]byte, error) {
	token, err := stamp(digest)
	if err != nil {
		if errors.Is(err, ErrTimestamp) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrTimestamp, err)
	}
	tok, err := ParseTimestampToken(token)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTimestamp, err)
	}
	if tok.Hash != crypto.SHA256 || !bytes.Equal(tok.HashedMessage, digest) {
		return nil, fmt.Errorf("%w: the token stamps something else", ErrTimestamp)
	}
	return tok.Raw, nil
}

// pdfDate formats t as a PDF date, D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off/60%60)
}

// lastPage walks the page tree down its last branch that holds pages.
func (f *pdfFile) lastPage(catalog *pdfDict) (pdfRef, *pdfDict, error) {
	node := catalog.get("Pages")
	seen := map[int]bool{}
	for depth := 0; depth < pdfMaxDepth; depth++ {
		ref, ok := node.(pdfRef)
		if !ok || seen[ref.num] {
			break
		}
		seen[ref.num] = true
		d := pdfPlainDict(f, ref)
		if d == nil {
			break
		}
		kids := f.array(d.get("Kids"))
		if d.get("Type") == pdfName("Page") || (d.get("Type") != pdfName("Pages") && kids == nil) {
			return ref, d, nil
		}
		node = nil
		for i := len(kids) - 1; i >= 0; i-- {
			kd := f.dict(kids[i])
			if kd == nil {
				continue
			}
			if kd.get("Type") == pdfName("Pages") {
				if n, ok := f.int(kd.get("Count")); ok && n <= 0 {
					continue
				}
			}
			node = kids[i]
			break
		}
	}
	return pdfRef{}, nil, fmt.Errorf("%w: page tree unreadable", ErrPDFMalformed)
}

// pageBox is the page's visible area: CropBox, else MediaBox, inherited
// from the page tree when the page has none, else A4.
func (f *pdfFile) pageBox(page *pdfDict) [4]float64 {
	for _, key := range []pdfName{"CropBox", "MediaBox"} {
		d := page
		for i := 0; d != nil && i < pdfMaxDepth; i++ {
			if b, ok := pdfRect(f.array(d.get(key))); ok {
				return b
			}
			d = f.dict(d.get("Parent"))
		}
	}
	return [4]float64{0, 0, 595.28, 841.89}
}

func pdfRect(a pdfArray) ([4]float64, bool) {
	var r [4]float64
	if len(a) != 4 {
		return r, false
	}
	for i, o := range a {
		v, ok := pdfNumber(o)
		if !ok {
			return r, false
		}
		r[i] = v
	}
	r[0], r[2] = min(r[0], r[2]), max(r[0], r[2])
	r[1], r[3] = min(r[1], r[3]), max(r[1], r[3])
	return r, r[2] > r[0] && r[3] > r[1]
}

func pdfNumber(o pdfObject) (float64, bool) {
	switch v := o.(type) {
	case int64:
		return float64(v), true
	case pdfReal:
		f, err := strconv.ParseFloat(string(v), 64)
		return f, err == nil
	}
	return 0, false
}

// pdfOpenForUpdate opens pdf to append an incremental update to it (a
// signature, a DSS, a document time stamp): a file whose cross-reference
// table had to be rebuilt, or an encrypted one, is refused.
func pdfOpenForUpdate(pdf []byte) (*pdfFile, error) {
	f, err := pdfOpen(pdf)
	if err != nil {
		return nil, err
	}
	if f.reconstructed {
		return nil, fmt.Errorf("%w: cross-reference table unreadable", ErrPDFMalformed)
	}
	if f.trailer.get("Encrypt") != nil {
		return nil, ErrPDFEncrypted
	}
	return f, nil
}
