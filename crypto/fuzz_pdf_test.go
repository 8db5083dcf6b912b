package crypto

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"testing"
)

// fuzzPDFSeeds are signed and unsigned letters of every layout, plus
// damaged copies: truncated, a broken cross-reference, a shifted
// /ByteRange.
func fuzzPDFSeeds(f *testing.F) [][]byte {
	s := testSigners(f)
	var seeds [][]byte
	for _, kind := range testPDFKinds {
		in := testPDF(f, kind)
		one, err := SignPDF(in, s[0].cred, SignOptions{Time: testSigningTime})
		if err != nil {
			f.Fatal(err)
		}
		two, err := SignPDF(one, s[2].cred, SignOptions{Time: testSigningTime, Visible: true})
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, in, one, two, one[:len(one)/2], two[:len(two)-40])
	}
	one := seeds[1]
	// B-T, B-LT and B-LTA: a signature time stamp, a DSS, a document one.
	tsa := testTSA(f)
	bt, err := SignPDF(seeds[0], s[0].cred, SignOptions{Time: testSigningTime, Timestamp: tsa.stamp})
	if err != nil {
		f.Fatal(err)
	}
	blt, err := AddDSS(bt, ValidationData{Certificates: [][]byte{s[0].cred.Certificate.Raw, tsa.cert.Raw}})
	if err != nil {
		f.Fatal(err)
	}
	blta, err := AddDocumentTimestamp(blt, tsa.stamp)
	if err != nil {
		f.Fatal(err)
	}
	seeds = append(seeds, bt, blt, blta)
	brokenXref := bytes.Clone(one)
	if i := bytes.LastIndex(brokenXref, []byte("startxref")); i > 0 {
		brokenXref[i+10] = '9'
	}
	shifted := bytes.Replace(one, []byte("/ByteRange [0 "), []byte("/ByteRange [1 "), 1)
	return append(seeds, brokenXref, shifted, []byte("%PDF-1.7\n"), []byte("%PDF-1.7\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF"))
}

func FuzzVerifyPDF(f *testing.F) {
	for _, s := range fuzzPDFSeeds(f) {
		f.Add(s)
	}
	roots := testSigners(f)[0].roots
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := VerifyPDF(b, roots)
		if err != nil {
			if len(res) != 0 {
				t.Fatal("results with an error")
			}
			return
		}
		if len(res) == 0 {
			t.Fatal("no results and no error")
		}
		for _, r := range res {
			if r.Valid() != (r.Err == nil) {
				t.Fatalf("Valid() %v but Err %v", r.Valid(), r.Err)
			}
			if r.DigestValid {
				if _, err := ByteRangeContent(b, r.ByteRange); err != nil {
					t.Fatalf("valid digest over invalid ranges %v", r.ByteRange)
				}
			}
		}
	})
}

// FuzzSignPDF checks that whatever SignPDF accepts, it signs so that the
// new signature verifies.
func FuzzSignPDF(f *testing.F) {
	for _, s := range fuzzPDFSeeds(f) {
		f.Add(s)
	}
	signer := testSigners(f)[1]
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := SignPDF(b, signer.cred, SignOptions{Time: testSigningTime, Visible: len(b)%2 == 0})
		if err != nil {
			return
		}
		if !bytes.HasPrefix(out, b) {
			t.Fatal("original bytes changed")
		}
		res, err := VerifyPDF(out, signer.roots)
		if err != nil {
			t.Fatalf("signed file does not verify: %v", err)
		}
		last := res[len(res)-1]
		if !last.DigestValid || !last.SignatureValid || !last.CoversWholeFile || last.Serial != SerialHex(signer.cred.Certificate) {
			t.Fatalf("new signature: %+v", last.Err)
		}
	})
}

func FuzzParseCMS(f *testing.F) {
	_, leaves := testCA(f)
	d := sha256.Sum256([]byte("contenido"))
	der, err := SignDetachedSHA256(d[:], leaves[0])
	if err != nil {
		f.Fatal(err)
	}
	f.Add(der)
	f.Add(append(bytes.Clone(der), make([]byte, 64)...))
	f.Add(der[:len(der)/3])
	// The same structure with indefinite lengths, as streaming signers write.
	f.Add([]byte{0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80, 0x30, 0x80,
		0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
		0xa0, 0x80, 0x24, 0x80, 0x04, 0x02, 'h', 'i', 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		sd, err := ParseSignedData(b)
		if err != nil {
			if !errors.Is(err, ErrNotCMS) && !errors.Is(err, ErrCMSUnsupported) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		dv, sv, err := sd.VerifyDetached([]byte("contenido"))
		if (dv && sv) != (err == nil) {
			t.Fatalf("digest %v signature %v err %v", dv, sv, err)
		}
	})
}
