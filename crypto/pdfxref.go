package crypto

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
)

// The file layer: the cross-reference chain, indirect objects, object
// streams. Everything an attacker could make expensive is metered: f.work
// counts bytes the parser walks over, so that no file, however crafted, costs
// more than a few passes over itself.

type pdfXrefEntry struct {
	kind byte  // 0 free, 1 in file, 2 in object stream
	a    int64 // offset, or object stream number
	b    int   // generation, or index in the object stream
}

type pdfObjStm struct {
	data    []byte
	offsets map[int]int // object number -> offset in data
}

type pdfFile struct {
	data          []byte
	xref          map[int]pdfXrefEntry
	trailer       *pdfDict
	startxref     int64 // offset of the newest cross-reference section
	xrefIsStream  bool  // the newest section is a cross-reference stream
	reconstructed bool  // the cross-references were unreadable and rebuilt by scanning

	cache        map[int]pdfObject
	objStms      map[int]*pdfObjStm
	scanned      map[int]int64
	endstreams   []int // offsets of every "endstream", found once
	decoded      int   // bytes inflated so far, bounded by decodedLimit
	decodedLimit int   // min(pdfMaxInflation × the file's size, pdfMaxDecodedTotal)
	entries      int   // cross-reference entries read so far
	work         int   // bytes parsed so far, bounded by workLimit
	workLimit    int
	depth        int
}

// pdfOpen reads the cross-reference chain of data. A damaged chain is rebuilt
// by scanning for objects, as viewers do; f.reconstructed then says so.
func pdfOpen(data []byte) (*pdfFile, error) {
	if len(data) > MaxPDFSize {
		return nil, ErrPDFTooLarge
	}
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	f := &pdfFile{data: data, cache: map[int]pdfObject{}, objStms: map[int]*pdfObjStm{},
		workLimit: 16*len(data) + 1<<20, decodedLimit: min(pdfMaxInflation*len(data), pdfMaxDecodedTotal)}
	if err := f.readXrefChain(); err != nil || f.trailer == nil || f.trailer.get("Root") == nil {
		if err := f.reconstruct(); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// charge accounts for n bytes of parsing.
func (f *pdfFile) charge(n int) error {
	f.work += max(n, 1)
	if f.work > f.workLimit {
		return errPDFTooComplex
	}
	return nil
}

func (f *pdfFile) findStartxref() (int64, bool) {
	tail := f.data[max(0, len(f.data)-pdfStartxrefWindow):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, false
	}
	p := &pdfParser{data: tail, pos: i + len("startxref")}
	n, ok := p.integer()
	return n, ok && n < int64(len(f.data))
}

func (f *pdfFile) readXrefChain() error {
	off, ok := f.findStartxref()
	if !ok {
		return errors.New("no startxref")
	}
	f.startxref = off
	f.xref = map[int]pdfXrefEntry{}
	seen := map[int64]bool{}
	for n := 0; ; n++ {
		if n >= pdfMaxXrefSections || seen[off] || off < 0 || off >= int64(len(f.data)) {
			if n == 0 {
				return errors.New("bad startxref")
			}
			return nil
		}
		seen[off] = true
		trailer, isStream, entries, err := f.readXrefSection(off)
		if err != nil {
			return err
		}
		if n == 0 {
			f.trailer, f.xrefIsStream = trailer, isStream
		}
		// A hybrid file's table leaves objects kept in object streams free,
		// or out; its /XRefStm says where they are.
		if stm, ok := trailer.get("XRefStm").(int64); ok && !isStream && !seen[stm] {
			seen[stm] = true
			_, _, more, err := f.readXrefSection(stm)
			if err != nil {
				return err
			}
			for num, e := range more {
				if old, ok := entries[num]; !ok || old.kind == 0 {
					entries[num] = e
				}
			}
		}
		for num, e := range entries {
			if _, newer := f.xref[num]; !newer {
				f.xref[num] = e
			}
		}
		prev, ok := trailer.get("Prev").(int64)
		if !ok {
			return nil
		}
		off = prev
	}
}

// readXrefSection reads one classic table or cross-reference stream at off.
func (f *pdfFile) readXrefSection(off int64) (*pdfDict, bool, map[int]pdfXrefEntry, error) {
	entries := map[int]pdfXrefEntry{}
	p := &pdfParser{data: f.data, pos: int(off)}
	p.skipWS()
	if bytes.HasPrefix(f.data[p.pos:], []byte("xref")) {
		p.pos += 4
		t, err := f.readXrefTable(p, entries)
		return t, false, entries, err
	}
	_, _, obj, err := f.parseIndirectAt(off)
	if err != nil {
		return nil, false, nil, err
	}
	s, ok := obj.(*pdfStream)
	if !ok || s.dict.get("Type") != pdfName("XRef") {
		return nil, false, nil, errors.New("not a cross-reference")
	}
	return s.dict, true, entries, f.readXrefStream(s, entries)
}

// addXref records one entry; within a section the first one wins.
func (f *pdfFile) addXref(entries map[int]pdfXrefEntry, num int, e pdfXrefEntry) error {
	if num < 0 || num >= pdfMaxObjects {
		return errors.New("object number out of range")
	}
	if f.entries++; f.entries > pdfMaxXrefEntries {
		return errors.New("too many cross-reference entries")
	}
	if _, ok := entries[num]; !ok {
		entries[num] = e
	}
	return nil
}

func (f *pdfFile) readXrefTable(p *pdfParser, entries map[int]pdfXrefEntry) (*pdfDict, error) {
	start := p.pos
	defer func() { _ = f.charge(p.pos - start) }()
	for {
		save := p.pos
		first, ok1 := p.integer()
		count, ok2 := p.integer()
		if !ok1 || !ok2 {
			p.pos = save
			break
		}
		// An entry takes at least 18 bytes; a larger count is a lie.
		if count > int64(len(p.data)-p.pos)/18+1 || first+count > pdfMaxObjects {
			return nil, errors.New("cross-reference subsection too large")
		}
		for i := int64(0); i < count; i++ {
			o, ok1 := p.integer()
			g, ok2 := p.integer()
			kind := p.keyword()
			if !ok1 || !ok2 || (kind != "n" && kind != "f") {
				return nil, errors.New("bad cross-reference entry")
			}
			e := pdfXrefEntry{kind: 0}
			if kind == "n" {
				e = pdfXrefEntry{kind: 1, a: o, b: int(g)}
			}
			if err := f.addXref(entries, int(first+i), e); err != nil {
				return nil, err
			}
		}
	}
	if p.keyword() != "trailer" {
		return nil, errors.New("no trailer")
	}
	t, err := p.object(0)
	if err != nil {
		return nil, err
	}
	d, ok := t.(*pdfDict)
	if !ok {
		return nil, errors.New("trailer is not a dictionary")
	}
	return d, nil
}

func (f *pdfFile) readXrefStream(s *pdfStream, entries map[int]pdfXrefEntry) error {
	data, err := f.decodeStream(s)
	if err != nil {
		return err
	}
	w, ok := s.dict.get("W").(pdfArray)
	if !ok || len(w) != 3 {
		return errors.New("bad /W")
	}
	var ws [3]int
	for i, v := range w {
		n, ok := v.(int64)
		if !ok || n < 0 || n > 8 {
			return errors.New("bad /W")
		}
		ws[i] = int(n)
	}
	entry := ws[0] + ws[1] + ws[2]
	if entry == 0 {
		return errors.New("bad /W")
	}
	size, _ := s.dict.get("Size").(int64)
	index := pdfArray{int64(0), size}
	if ix, ok := s.dict.get("Index").(pdfArray); ok {
		index = ix
	}
	pos := 0
	field := func(n int, def int64) int64 {
		if n == 0 {
			return def
		}
		var v int64
		for k := 0; k < n; k++ {
			v = v<<8 | int64(data[pos])
			pos++
		}
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 || first < 0 || count < 0 || first+count > pdfMaxObjects {
			return errors.New("bad /Index")
		}
		for j := int64(0); j < count; j++ {
			if pos+entry > len(data) {
				return nil // short streams are common; keep what we have
			}
			kind, a, b := field(ws[0], 1), field(ws[1], 0), field(ws[2], 0)
			var e pdfXrefEntry
			switch kind {
			case 1:
				e = pdfXrefEntry{kind: 1, a: a, b: int(b & 0xffff)}
			case 2:
				e = pdfXrefEntry{kind: 2, a: a, b: int(b & 0xffffff)}
			}
			if err := f.addXref(entries, int(first+j), e); err != nil {
				return err
			}
		}
	}
	return nil
}

// parseIndirectAt reads "num gen obj ... endobj" at off, including a stream.
func (f *pdfFile) parseIndirectAt(off int64) (num, gen int, obj pdfObject, err error) {
	if off < 0 || off >= int64(len(f.data)) {
		return 0, 0, nil, errPDFNotFound
	}
	if f.work > f.workLimit {
		return 0, 0, nil, errPDFTooComplex
	}
	p := &pdfParser{data: f.data, pos: int(off)}
	defer func() {
		if cerr := f.charge(p.pos - int(off)); cerr != nil && err == nil {
			err = cerr
		}
	}()
	n, ok1 := p.integer()
	g, ok2 := p.integer()
	if !ok1 || !ok2 || p.keyword() != "obj" || n >= pdfMaxObjects || g > 65535 {
		return 0, 0, nil, errPDFNotFound
	}
	obj, err = p.object(0)
	if err != nil {
		return 0, 0, nil, err
	}
	if _, bad := obj.(pdfKeyword); bad {
		return int(n), int(g), nil, nil // "endobj" right away: a null object
	}
	d, isDict := obj.(*pdfDict)
	if !isDict {
		return int(n), int(g), obj, nil
	}
	save := p.pos
	if p.keyword() != "stream" {
		p.pos = save
		return int(n), int(g), obj, nil
	}
	if p.pos < len(p.data) && p.data[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '\n' {
		p.pos++
	}
	data, err := f.streamData(d, p.pos)
	if err != nil {
		return 0, 0, nil, err
	}
	return int(n), int(g), &pdfStream{dict: d, data: data}, nil
}

// streamData trusts /Length when "endstream" follows it, and otherwise
// takes the data up to the next "endstream", as viewers do with miscounted
// streams.
func (f *pdfFile) streamData(d *pdfDict, start int) ([]byte, error) {
	length := int64(-1)
	switch l := d.get("Length").(type) {
	case int64:
		length = l
	case pdfRef:
		if v, err := f.resolve(l); err == nil {
			if n, ok := v.(int64); ok {
				length = n
			}
		}
	}
	if length >= 0 && length <= int64(len(f.data)-start) {
		end := start + int(length)
		p := &pdfParser{data: f.data[:min(len(f.data), end+64)], pos: end}
		if p.keyword() == "endstream" {
			return f.data[start:end], nil
		}
	}
	end, ok := f.nextEndstream(start)
	if !ok {
		return nil, errors.New("stream without endstream")
	}
	if end > start && f.data[end-1] == '\n' {
		end--
	}
	if end > start && f.data[end-1] == '\r' {
		end--
	}
	return f.data[start:end], nil
}

// nextEndstream finds the first "endstream" at or after start, from an index
// built once: searching the rest of the file for every miscounted stream
// would cost a pass per stream.
func (f *pdfFile) nextEndstream(start int) (int, bool) {
	if f.endstreams == nil {
		f.endstreams = []int{}
		for i := 0; ; {
			k := bytes.Index(f.data[i:], []byte("endstream"))
			if k < 0 {
				break
			}
			f.endstreams = append(f.endstreams, i+k)
			i += k + len("endstream")
		}
	}
	i := sort.SearchInts(f.endstreams, start)
	if i == len(f.endstreams) {
		return 0, false
	}
	return f.endstreams[i], true
}

// object returns indirect object num, or nil (the PDF null) when it does
// not exist.
func (f *pdfFile) object(num int) (pdfObject, error) {
	if o, ok := f.cache[num]; ok {
		return o, nil
	}
	if f.depth >= pdfMaxResolve {
		return nil, errPDFTooComplex
	}
	f.depth++
	defer func() { f.depth-- }()
	o, err := f.loadObject(num)
	if err != nil {
		return nil, err
	}
	f.cache[num] = o
	return o, nil
}

func (f *pdfFile) loadObject(num int) (pdfObject, error) {
	e, ok := f.xref[num]
	switch {
	case ok && e.kind == 1:
		n, _, o, err := f.parseIndirectAt(e.a)
		if err == nil && n == num {
			return o, nil
		}
		if errors.Is(err, errPDFTooComplex) {
			return nil, err
		}
	case ok && e.kind == 2:
		return f.objectFromStream(int(e.a), num)
	case ok && e.kind == 0:
		return nil, nil
	case !f.reconstructed:
		return nil, nil
	}
	// The table pointed at the wrong place: find the object by scanning.
	if off, ok := f.scan()[num]; ok {
		n, _, o, err := f.parseIndirectAt(off)
		if err == nil && n == num {
			return o, nil
		}
	}
	return nil, nil
}

func (f *pdfFile) objectFromStream(stmNum, num int) (pdfObject, error) {
	os, ok := f.objStms[stmNum]
	if !ok {
		if e := f.xref[stmNum]; e.kind != 1 {
			return nil, errors.New("object stream not in file")
		}
		o, err := f.object(stmNum)
		if err != nil {
			return nil, err
		}
		s, ok := o.(*pdfStream)
		if !ok {
			return nil, errors.New("object stream is not a stream")
		}
		os, err = f.readObjStm(s)
		if err != nil {
			return nil, err
		}
		f.objStms[stmNum] = os
	}
	off, ok := os.offsets[num]
	if !ok {
		return nil, nil
	}
	p := &pdfParser{data: os.data, pos: off}
	o, err := p.object(0)
	if cerr := f.charge(p.pos - off); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, err
	}
	if _, bad := o.(pdfKeyword); bad {
		return nil, nil
	}
	return o, nil
}

func (f *pdfFile) readObjStm(s *pdfStream) (*pdfObjStm, error) {
	data, err := f.decodeStream(s)
	if err != nil {
		return nil, err
	}
	n, _ := s.dict.get("N").(int64)
	first, _ := s.dict.get("First").(int64)
	if n < 0 || first < 0 || first > int64(len(data)) {
		return nil, errors.New("bad object stream header")
	}
	os := &pdfObjStm{data: data, offsets: map[int]int{}}
	p := &pdfParser{data: data[:first]}
	for i := int64(0); i < n; i++ {
		num, ok1 := p.integer()
		off, ok2 := p.integer()
		if !ok1 || !ok2 || first+off > int64(len(data)) || num >= pdfMaxObjects {
			break
		}
		if _, dup := os.offsets[int(num)]; !dup {
			os.offsets[int(num)] = int(first + off)
		}
	}
	return os, f.charge(p.pos)
}

// resolve follows references until it reaches a direct object.
func (f *pdfFile) resolve(o pdfObject) (pdfObject, error) {
	for i := 0; i < pdfMaxResolve; i++ {
		r, ok := o.(pdfRef)
		if !ok {
			return o, nil
		}
		var err error
		if o, err = f.object(r.num); err != nil {
			return nil, err
		}
	}
	return nil, errPDFTooComplex
}

// dict resolves o and returns it if it is a dictionary (or a stream's).
func (f *pdfFile) dict(o pdfObject) *pdfDict {
	o, err := f.resolve(o)
	if err != nil {
		return nil
	}
	switch v := o.(type) {
	case *pdfDict:
		return v
	case *pdfStream:
		return v.dict
	}
	return nil
}

func (f *pdfFile) array(o pdfObject) pdfArray {
	o, _ = f.resolve(o)
	a, _ := o.(pdfArray)
	return a
}

func (f *pdfFile) int(o pdfObject) (int64, bool) {
	o, _ = f.resolve(o)
	n, ok := o.(int64)
	return n, ok
}

func (f *pdfFile) str(o pdfObject) []byte {
	o, _ = f.resolve(o)
	s, _ := o.(pdfString)
	return s
}

func (f *pdfFile) name(o pdfObject) pdfName {
	o, _ = f.resolve(o)
	n, _ := o.(pdfName)
	return n
}

// decodeStream undoes FlateDecode (with PNG predictors), the only filter
// that cross-reference and object streams use in practice.
func (f *pdfFile) decodeStream(s *pdfStream) ([]byte, error) {
	filters := pdfArray{}
	switch v := s.dict.get("Filter").(type) {
	case nil:
	case pdfName:
		filters = pdfArray{v}
	case pdfArray:
		filters = v
	default:
		return nil, errors.New("bad /Filter")
	}
	if len(filters) == 0 {
		return s.data, nil
	}
	if len(filters) > 1 || (filters[0] != pdfName("FlateDecode") && filters[0] != pdfName("Fl")) {
		return nil, fmt.Errorf("unsupported stream filter %v", filters)
	}
	limit := f.decodedLimit - f.decoded
	if limit <= 0 {
		return nil, errors.New("too much compressed data")
	}
	out, err := pdfInflate(s.data, limit)
	if errors.Is(err, errInflateLimit) {
		// The budget is spent: the same stream, asked for again, must not
		// cost the same memory again.
		f.decoded = f.decodedLimit
	}
	if err != nil {
		return nil, err
	}
	f.decoded += len(out)
	parms := f.dict(s.dict.get("DecodeParms"))
	if a, ok := s.dict.get("DecodeParms").(pdfArray); ok && len(a) == 1 {
		parms = f.dict(a[0])
	}
	return pdfUnpredict(out, parms)
}

var errInflateLimit = errors.New("stream inflates beyond limit")

func pdfInflate(b []byte, limit int) ([]byte, error) {
	var r io.Reader
	if zr, err := zlib.NewReader(bytes.NewReader(b)); err == nil {
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(b))
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if len(out) > limit {
		return nil, errInflateLimit
	}
	// Truncated or badly checksummed streams still hold usable data.
	if err != nil && len(out) == 0 {
		return nil, err
	}
	return out, nil
}

func pdfUnpredict(data []byte, parms *pdfDict) ([]byte, error) {
	pred, _ := parms.get("Predictor").(int64)
	if pred < 10 {
		if pred > 1 {
			return nil, errors.New("unsupported TIFF predictor")
		}
		return data, nil
	}
	colors, columns, bpc := int64(1), int64(1), int64(8)
	if v, ok := parms.get("Colors").(int64); ok {
		colors = v
	}
	if v, ok := parms.get("Columns").(int64); ok {
		columns = v
	}
	if v, ok := parms.get("BitsPerComponent").(int64); ok {
		bpc = v
	}
	if colors < 1 || colors > 32 || columns < 1 || columns > 1<<20 || bpc < 1 || bpc > 16 {
		return nil, errors.New("bad predictor parameters")
	}
	bpp := int((colors*bpc + 7) / 8)
	row := int((colors*bpc*columns + 7) / 8)
	out := make([]byte, 0, len(data))
	prev := make([]byte, row)
	cur := make([]byte, row)
	for pos := 0; pos < len(data); pos += row + 1 {
		typ := data[pos]
		n := copy(cur, data[pos+1:min(len(data), pos+1+row)])
		clear(cur[n:])
		for i := 0; i < row; i++ {
			var left, ul byte
			if i >= bpp {
				left, ul = cur[i-bpp], prev[i-bpp]
			}
			up := prev[i]
			switch typ {
			case 1:
				cur[i] += left
			case 2:
				cur[i] += up
			case 3:
				cur[i] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[i] += pdfPaeth(left, up, ul)
			}
		}
		out = append(out, cur...)
		prev, cur = cur, prev
	}
	return out, nil
}

func pdfPaeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := pdfAbs(p-int(a)), pdfAbs(p-int(b)), pdfAbs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func pdfAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// scan finds "num gen obj" headers anywhere in the file; a later
// definition of the same number wins, as in an incremental update.
func (f *pdfFile) scan() map[int]int64 {
	if f.scanned != nil {
		return f.scanned
	}
	f.scanned = map[int]int64{}
	d := f.data
	for i := 0; len(f.scanned) < pdfMaxScanObjects; {
		k := bytes.Index(d[i:], []byte("obj"))
		if k < 0 {
			break
		}
		at := i + k
		i = at + 3
		if at+3 < len(d) && pdfIsRegular(d[at+3]) {
			continue
		}
		j := at
		for j > 0 && pdfIsWhite(d[j-1]) {
			j--
		}
		if j == at {
			continue
		}
		genEnd := j
		for j > 0 && d[j-1] >= '0' && d[j-1] <= '9' {
			j--
		}
		if j == genEnd || j == 0 || !pdfIsWhite(d[j-1]) {
			continue
		}
		j--
		for j > 0 && pdfIsWhite(d[j-1]) {
			j--
		}
		numEnd := j
		for j > 0 && d[j-1] >= '0' && d[j-1] <= '9' {
			j--
		}
		if j == numEnd || numEnd-j > 7 || (j > 0 && pdfIsRegular(d[j-1])) {
			continue
		}
		num, err := strconv.Atoi(string(d[j:numEnd]))
		if err != nil || num >= pdfMaxObjects {
			continue
		}
		f.scanned[num] = int64(j)
	}
	return f.scanned
}

// reconstruct rebuilds the cross-reference from a scan and finds the
// catalog through the last trailer, or else through any catalog object.
func (f *pdfFile) reconstruct() error {
	f.reconstructed = true
	f.xref = map[int]pdfXrefEntry{}
	f.cache = map[int]pdfObject{}
	f.objStms = map[int]*pdfObjStm{}
	f.trailer = nil
	f.xrefIsStream = false
	f.scanned = nil
	for num, off := range f.scan() {
		f.xref[num] = pdfXrefEntry{kind: 1, a: off}
	}
	d := f.data
	for end := len(d); f.work <= f.workLimit; {
		i := bytes.LastIndex(d[:end], []byte("trailer"))
		if i < 0 {
			break
		}
		end = i
		p := &pdfParser{data: d, pos: i + len("trailer")}
		t, err := p.object(0)
		_ = f.charge(p.pos - i)
		if err == nil {
			if td, ok := t.(*pdfDict); ok && td.get("Root") != nil {
				f.trailer = td
				break
			}
		}
	}
	// Objects packed in object streams are invisible to the scan: take them
	// from every cross-reference stream, newest (furthest in the file) first.
	// Only objects that name /XRef or /Catalog early are parsed at all.
	nums := slices.SortedFunc(maps.Keys(f.scanned), func(a, b int) int {
		return int(f.scanned[b] - f.scanned[a])
	})
	var catalog pdfRef
	for _, num := range nums {
		off := f.scanned[num]
		head := d[off:min(len(d), int(off)+256)]
		isXref, isCatalog := bytes.Contains(head, []byte("/XRef")), bytes.Contains(head, []byte("/Catalog"))
		if !isXref && !isCatalog {
			continue
		}
		_, _, o, err := f.parseIndirectAt(off)
		if errors.Is(err, errPDFTooComplex) {
			break
		}
		switch v := o.(type) {
		case *pdfStream:
			if v.dict.get("Type") != pdfName("XRef") {
				continue
			}
			entries := map[int]pdfXrefEntry{}
			_ = f.readXrefStream(v, entries)
			for n, e := range entries {
				if _, known := f.xref[n]; !known && e.kind == 2 {
					f.xref[n] = e
				}
			}
			if f.trailer == nil && v.dict.get("Root") != nil {
				f.trailer = v.dict
			}
		case *pdfDict:
			if catalog.num == 0 && v.get("Type") == pdfName("Catalog") {
				catalog = pdfRef{num, 0}
			}
		}
	}
	if f.trailer == nil && catalog.num != 0 {
		f.trailer = &pdfDict{}
		f.trailer.set("Root", catalog)
	}
	if f.trailer == nil {
		return ErrNotPDF
	}
	return nil
}
