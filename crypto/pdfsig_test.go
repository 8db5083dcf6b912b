package crypto

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/seguritools/seguritools/internal/testtool"
)

// testSigningTime is within the test certificates' validity, in Mexico
// City's offset, whole seconds as /M keeps them.
var testSigningTime = time.Now().In(time.FixedZone("CST", -6*3600)).Truncate(time.Second)

// checkPdfcpuStatuses asks pdfcpu about every signature: "valid" when the
// signer's root is trusted; without a root (SAT's test certificates) it
// must at least not call the signature forged, malformed or modified.
func checkPdfcpuStatuses(t *testing.T, file string, signers []testSigner) {
	t.Helper()
	var root *x509.Certificate
	for _, s := range signers {
		if s.root != nil {
			root = s.root
		}
	}
	res := checkPdfcpu(t, file, root)
	if len(res) != len(signers) {
		t.Fatalf("pdfcpu found %d signatures, want %d", len(res), len(signers))
	}
	for i, r := range res {
		s := signers[len(signers)-1-i] // pdfcpu lists the newest first
		if r.Signature.Type != model.SigTypeForm || !r.Signed {
			t.Errorf("pdfcpu signature %d: not a signed form signature: %s", i+1, r)
		}
		if s.root != nil && r.Status != model.SignatureStatusValid {
			t.Errorf("pdfcpu, %s: status %q (%s), want valid\n%s", s.name, r.Status, r.Reason, r)
		}
		switch r.Reason {
		case model.SignatureReasonSignatureForged, model.SignatureReasonMalformed, model.SignatureReasonInternal,
			model.SignatureReasonDocModified, model.SignatureReasonUnsupported:
			t.Errorf("pdfcpu, %s: %s\n%s", s.name, r.Reason, r)
		}
	}
}

// checkAllVerifiers runs pdfsig, qpdf, openssl, pdfcpu and VerifyPDF on a
// file signed by signers, in order.
func checkAllVerifiers(t *testing.T, pdf []byte, signers []testSigner) []SignatureResult {
	t.Helper()
	file := testWriteFile(t, "signed.pdf", pdf)
	checkPdfsig(t, file, len(signers))
	checkQpdf(t, file)
	var roots []*x509.Certificate
	for _, s := range signers {
		roots = append(roots, s.root)
	}
	checkOpenSSL(t, pdf, roots)
	checkPdfcpuStatuses(t, file, signers)

	res, err := VerifyPDF(pdf, signers[0].roots)
	if err != nil {
		t.Fatalf("VerifyPDF: %v", err)
	}
	if len(res) != len(signers) {
		t.Fatalf("VerifyPDF: %d signatures, want %d", len(res), len(signers))
	}
	for i, r := range res {
		s := signers[i]
		if !r.DigestValid || !r.SignatureValid {
			t.Errorf("signature %d (%s): digest %v, signature %v: %v", i+1, s.name, r.DigestValid, r.SignatureValid, r.Err)
		}
		if r.Certificate == nil || !bytes.Equal(r.Certificate.Raw, s.cred.Certificate.Raw) {
			t.Errorf("signature %d: signer is not %s", i+1, s.name)
		}
		if r.Serial != SerialHex(s.cred.Certificate) || r.Name != s.cred.Certificate.Subject.CommonName {
			t.Errorf("signature %d: serial %q name %q", i+1, r.Serial, r.Name)
		}
		if last := i == len(res)-1; r.CoversWholeFile != last || r.ModifiedAfter == last {
			t.Errorf("signature %d: CoversWholeFile %v ModifiedAfter %v", i+1, r.CoversWholeFile, r.ModifiedAfter)
		}
		if want := "Firma" + string(rune('1'+i)); r.Field != want {
			t.Errorf("signature %d: field %q, want %q", i+1, r.Field, want)
		}
	}
	return res
}

func TestSignPDF_UnaFirma_ValidaEnTodosLosVerificadores(t *testing.T) {
	for _, s := range testSigners(t) {
		for _, kind := range testPDFKinds {
			t.Run(s.name+"/"+kind, func(t *testing.T) {
				opts := SignOptions{Reason: "Acepto los términos y condiciones", Location: "Ciudad de México", Time: testSigningTime}
				out := testSign(t, testPDF(t, kind), s, opts)
				r := checkAllVerifiers(t, out, []testSigner{s})[0]
				if s.roots != nil && (!r.ChainValid || r.Err != nil || !r.Valid()) {
					t.Errorf("chain valid %v, err %v", r.ChainValid, r.Err)
				}
				if !r.SigningTime.Equal(testSigningTime) || r.Reason != opts.Reason || r.Location != opts.Location {
					t.Errorf("time %v reason %q location %q", r.SigningTime, r.Reason, r.Location)
				}
				if r.SubFilter != "ETSI.CAdES.detached" {
					t.Errorf("SubFilter %q", r.SubFilter)
				}
				if want := SubjectRFC(s.cred.Certificate.Subject); r.RFC != want || want == "" {
					t.Errorf("RFC %q, want %q", r.RFC, want)
				}
			})
		}
	}
}

func TestSignPDF_SegundaYTerceraFirma_ConservanLasAnteriores(t *testing.T) {
	all := testSigners(t)
	chain := []testSigner{all[0], all[1], all[2]} // two test employees, then SAT's CSD
	for _, kind := range testPDFKinds {
		t.Run(kind, func(t *testing.T) {
			pdf := testPDF(t, kind)
			for i, s := range chain {
				opts := SignOptions{Time: testSigningTime.Add(time.Duration(i) * time.Hour), Visible: i == 0, Reason: "Firma " + s.name}
				pdf = testSign(t, pdf, s, opts)
			}
			res := checkAllVerifiers(t, pdf, chain)
			for i, r := range res[:2] {
				if !r.ChainValid || !r.Valid() {
					t.Errorf("signature %d: chain %v: %v", i+1, r.ChainValid, r.Err)
				}
			}
			if res[2].ChainValid || !errors.Is(res[2].Err, ErrChainUntrusted) {
				t.Errorf("SAT signature under our roots: chain %v, err %v", res[2].ChainValid, res[2].Err)
			}
		})
	}
}

func TestVerifyPDF_ByteAlterado_DigestMismatch(t *testing.T) {
	s := testSigners(t)
	pdf := testSign(t, testPDF(t, "classic"), s[0], SignOptions{Time: testSigningTime})
	firstEnd := len(pdf)
	pdf = testSign(t, pdf, s[1], SignOptions{Time: testSigningTime, Reason: "Segunda"})

	t.Run("en el primer rango", func(t *testing.T) {
		bad := bytes.Clone(pdf)
		i := bytes.Index(bad, []byte("Registro patronal"))
		if i < 0 {
			// pdfcpu compresses content: alter the header's version digit.
			i = 7
		}
		bad[i] ^= 0x01
		out := checkPdfsig(t, testWriteFile(t, "bad.pdf", bad), -1)
		if strings.Count(out, "Digest Mismatch") != 2 {
			t.Errorf("pdfsig should report both signatures as Digest Mismatch:\n%s", out)
		}
		res, err := VerifyPDF(bad, s[0].roots)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			if r.DigestValid || !errors.Is(r.Err, ErrDigestMismatch) || r.Valid() {
				t.Errorf("signature %d: digest valid %v, err %v", i+1, r.DigestValid, r.Err)
			}
		}
	})
	t.Run("solo en la segunda revision", func(t *testing.T) {
		bad := bytes.Clone(pdf)
		i := bytes.Index(bad[firstEnd:], []byte("(Segunda)"))
		if i < 0 {
			t.Fatal("second signature's /Reason not found")
		}
		bad[firstEnd+i+1] = 's'
		out := checkPdfsig(t, testWriteFile(t, "bad.pdf", bad), -1)
		if strings.Count(out, "Digest Mismatch") != 1 || len(pdfsigValid.FindAllString(out, -1)) != 1 {
			t.Errorf("pdfsig: want the first valid and the second Digest Mismatch:\n%s", out)
		}
		res, err := VerifyPDF(bad, s[0].roots)
		if err != nil {
			t.Fatal(err)
		}
		if !res[0].Valid() || res[1].DigestValid || !errors.Is(res[1].Err, ErrDigestMismatch) {
			t.Errorf("first %v (%v), second digest %v (%v)", res[0].Valid(), res[0].Err, res[1].DigestValid, res[1].Err)
		}
	})
}

func TestSignPDF_SelloVisible(t *testing.T) {
	s := testSigners(t)
	for _, kind := range []string{"multipage", "multipage-stream", "minimal"} {
		t.Run(kind, func(t *testing.T) {
			pdf := testSign(t, testPDF(t, kind), s[0], SignOptions{Visible: true, Time: testSigningTime})
			pdf = testSign(t, pdf, s[2], SignOptions{Visible: true, Time: testSigningTime, Rect: [4]float64{60, 140, 300, 210}})
			checkAllVerifiers(t, pdf, []testSigner{s[0], s[2]})
			file := testWriteFile(t, "visible.pdf", pdf)
			want := "Registro patronal"
			if kind == "minimal" {
				want = "Señor patrón"
			}
			checkPdftotext(t, file, want)

			f, err := pdfOpen(pdf)
			if err != nil {
				t.Fatal(err)
			}
			fields := f.signatureFields()
			if len(fields) != 2 {
				t.Fatalf("%d fields", len(fields))
			}
			root := f.dict(f.trailer.get("Root"))
			pageRef, page, err := f.lastPage(root)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(f.array(page.get("Annots"))); n != 2 {
				t.Errorf("last page has %d annotations, want 2", n)
			}
			for i, fo := range f.array(f.dict(root.get("AcroForm")).get("Fields")) {
				w := f.dict(fo)
				if w.get("P") != pageRef {
					t.Errorf("widget %d is not on the last page", i+1)
				}
				if r, ok := pdfRect(f.array(w.get("Rect"))); !ok || r[2]-r[0] < 100 {
					t.Errorf("widget %d has no visible rectangle: %v", i+1, w.get("Rect"))
				}
				ap := f.dict(w.get("AP"))
				o, _ := f.resolve(ap.get("N"))
				st, ok := o.(*pdfStream)
				if !ok {
					t.Fatalf("widget %d has no appearance stream", i+1)
				}
				// WinAnsi: É=\311 Ñ=\321 Ú=\332; SAT's name has no accents.
				want := `(JOS\311 PE\321A N\332\321EZ)`
				if i == 1 {
					want = "(ACCEM SERVICIOS EMPRESARIALES SC)"
				}
				if !bytes.Contains(st.data, []byte(want)) || !bytes.Contains(st.data, []byte("(Fecha: "+testSigningTime.Format("2006-01-02 15:04:05")+" -06:00)")) {
					t.Errorf("appearance %d lacks %s:\n%s", i+1, want, st.data)
				}
			}
		})
	}
}

func TestVerifyPDF_CadenaDeConfianza(t *testing.T) {
	s := testSigners(t)
	pdf := testSign(t, testPDF(t, "classic"), s[0], SignOptions{Time: testSigningTime})

	res, err := VerifyPDF(pdf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.ChainValid || r.Valid() || !errors.Is(r.Err, ErrChainNotChecked) || !r.DigestValid || !r.SignatureValid {
		t.Errorf("nil roots: %+v", r.Err)
	}

	other := x509.NewCertPool()
	other.AddCert(selfSigned(t, testKey(t, 2), "otra AC", time.Now().Add(-time.Hour), time.Hour*24))
	res, _ = VerifyPDF(pdf, other)
	if r := res[0]; r.ChainValid || !errors.Is(r.Err, ErrChainUntrusted) {
		t.Errorf("foreign roots: chain %v, %v", r.ChainValid, r.Err)
	}
}

// An employer signs a renewal with a certificate that has since expired:
// the chain is judged at the time a signature time stamp proves; the
// claimed /M alone proves nothing, so without a stamp it is judged now.
func TestVerifyPDF_CertificadoVencido_ValidoSoloConSello(t *testing.T) {
	caKey, key := testKey(t, 0), testKey(t, 1)
	old := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "AC 2018"},
		NotBefore: old(2018), NotAfter: old(2030), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(8), Subject: pkix.Name{CommonName: "PATRÓN 2019", SerialNumber: "PAPA190101HDFXXX01"},
		NotBefore: old(2019), NotAfter: old(2021), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	cred := &Credential{Key: key, Certificate: leaf, Chain: []*x509.Certificate{ca}}

	tsa := newTestTSA(t, ca, caKey, old(2018), old(2030))
	for _, tc := range []struct {
		at        time.Time
		stamped   bool
		wantChain bool
	}{{old(2020), true, true}, {old(2023), true, false}, {old(2020), false, false}} {
		opts := SignOptions{Time: tc.at}
		if tc.stamped {
			tsa.at = tc.at
			opts.Timestamp = tsa.stamp
		}
		pdf, err := SignPDF(testPDF(t, "minimal"), cred, opts)
		if err != nil {
			t.Fatal(err)
		}
		res, err := VerifyPDF(pdf, testRoots(ca))
		if err != nil {
			t.Fatal(err)
		}
		r := res[0]
		if r.ChainValid != tc.wantChain || !r.DigestValid || !r.SignatureValid {
			t.Errorf("signed %v (stamped %v): chain %v (want %v): %v", tc.at, tc.stamped, r.ChainValid, tc.wantChain, r.Err)
		}
		if want := map[bool]string{true: LevelBT, false: LevelBB}[tc.stamped]; r.Level != want || r.TimestampValid != tc.stamped {
			t.Errorf("level %q stamp valid %v, want %q", r.Level, r.TimestampValid, want)
		}
		if r.RFC != "PAPA190101HDFXXX01" {
			t.Errorf("RFC falls back to serialNumber: got %q", r.RFC)
		}
	}
}

func TestSignPDF_Rechaza(t *testing.T) {
	s := testSigners(t)
	minimal := testPDF(t, "minimal")
	mismatched := &Credential{Key: s[0].cred.Key, Certificate: s[1].cred.Certificate}
	encrypted := bytes.Replace(minimal, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 9 0 R"), 1)
	huge := append([]byte("%PDF-1.7\n"), make([]byte, MaxPDFSize)...)
	for _, tc := range []struct {
		name string
		pdf  []byte
		cred *Credential
		want error
	}{
		{"llave de otro certificado", minimal, mismatched, ErrKeyMismatch},
		{"no es PDF", []byte("hola, no soy un PDF"), s[0].cred, ErrNotPDF},
		{"cifrado", encrypted, s[0].cred, ErrPDFEncrypted},
		{"demasiado grande", huge, s[0].cred, ErrPDFTooLarge},
		{"sin xref", []byte("%PDF-1.4\n1 0 obj\n<</Type/Catalog>>\nendobj\n"), s[0].cred, ErrPDFMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := SignPDF(tc.pdf, tc.cred, SignOptions{}); !errors.Is(err, tc.want) {
				t.Errorf("err %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := SignPDF(minimal, nil, SignOptions{}); err == nil {
		t.Error("nil credential accepted")
	}
}

func TestVerifyPDF_Rechaza(t *testing.T) {
	for _, tc := range []struct {
		name string
		pdf  []byte
		want error
	}{
		{"no es PDF", []byte("GIF89a"), ErrNotPDF},
		{"vacío", nil, ErrNotPDF},
		{"sin firmas", testPDF(t, "classic"), ErrNoSignatures},
		{"sin firmas, xref stream", testPDF(t, "xrefstream"), ErrNoSignatures},
		{"solo encabezado", []byte("%PDF-1.7\n"), ErrNotPDF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := VerifyPDF(tc.pdf, nil); !errors.Is(err, tc.want) {
				t.Errorf("err %v, want %v", err, tc.want)
			}
		})
	}
}

// A damaged cross-reference table is rebuilt by scanning, as viewers do:
// the signature is still found (and its digest no longer matches).
func TestVerifyPDF_XrefDanado_SeReconstruye(t *testing.T) {
	s := testSigners(t)
	for _, kind := range []string{"classic", "xrefstream"} {
		t.Run(kind, func(t *testing.T) {
			pdf := testSign(t, testPDF(t, kind), s[0], SignOptions{Time: testSigningTime})
			bad := bytes.Clone(pdf)
			for i := bytes.LastIndex(bad, []byte("startxref\n")) + 10; bad[i] != '\n'; i++ {
				bad[i] = '1' // same length: the signed ranges still fit
			}
			res, err := VerifyPDF(bad, s[0].roots)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 1 || res[0].DigestValid || !res[0].SignatureValid {
				t.Errorf("got %+v", res)
			}
		})
	}
}

func TestByteRangeContent(t *testing.T) {
	s := testSigners(t)
	pdf := testSign(t, testPDF(t, "minimal"), s[0], SignOptions{})
	res, err := VerifyPDF(pdf, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ByteRangeContent(pdf, res[0].ByteRange)
	if err != nil {
		t.Fatal(err)
	}
	br := res[0].ByteRange
	if int64(len(got)) != br[1]+br[3] || !bytes.HasPrefix(got, []byte("%PDF-")) || !bytes.HasSuffix(got, []byte("%%EOF\n")) {
		t.Errorf("content of %v: %d bytes", br, len(got))
	}
	for _, bad := range [][4]int64{{0, 10, 5, 1}, {0, 1, 2, int64(len(pdf))}, {-1, 1, 2, 3}} {
		if _, err := ByteRangeContent(pdf, bad); !errors.Is(err, ErrByteRangeInvalid) {
			t.Errorf("%v: err %v", bad, err)
		}
	}
}

// The stamp is for people: render it so a test run leaves a picture to
// look at when NPIE_PDF_PNG names a directory.
func TestSignPDF_SelloVisible_Imagen(t *testing.T) {
	dir := os.Getenv("NPIE_PDF_PNG")
	if dir == "" {
		t.Skip("set NPIE_PDF_PNG=dir to render the stamp")
	}
	requireTool(t, "pdftoppm")
	s := testSigners(t)
	pdf := testSign(t, testPDF(t, "classic"), s[0], SignOptions{Visible: true, Time: testSigningTime})
	pdf = testSign(t, pdf, s[2], SignOptions{Visible: true, Time: testSigningTime, Rect: [4]float64{60, 36, 300, 98}})
	file := filepath.Join(dir, "sello.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "110", file, filepath.Join(dir, "sello")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

func BenchmarkSignPDF(b *testing.B) {
	s := testSigners(b)[0]
	pdf := testPDF(b, "classic")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SignPDF(pdf, s.cred, SignOptions{Time: testSigningTime}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyPDF(b *testing.B) {
	s := testSigners(b)[0]
	pdf, err := SignPDF(testPDF(b, "classic"), s.cred, SignOptions{Time: testSigningTime})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := VerifyPDF(pdf, s.roots)
		if err != nil || !res[0].Valid() {
			b.Fatal(err, res[0].Err)
		}
	}
}

// A hostile file whose every object runs to the end of the file (an
// unterminated string) costs a bounded number of passes, not one per object.
func TestVerifyPDF_ArchivoHostil_CostoAcotado(t *testing.T) {
	const n = 5000
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n1 0 obj\n<</Type/Catalog/AcroForm<</Fields[")
	for i := 2; i < n; i++ {
		b.WriteString(strconv.Itoa(i) + " 0 R ")
	}
	b.WriteString("]>>>>\nendobj\n")
	offs := []int{0, 9}
	for i := 2; i < n; i++ {
		offs = append(offs, b.Len())
		b.WriteString(strconv.Itoa(i) + " 0 obj\n(\n")
	}
	b.Write(bytes.Repeat([]byte("% relleno sin parentesis de cierre\n"), 8<<20/36))
	xref := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(n) + "\n0000000000 65535 f \n")
	for _, o := range offs[1:] {
		b.WriteString(fmt.Sprintf("%010d 00000 n \n", o))
	}
	b.WriteString("trailer\n<</Size " + strconv.Itoa(n) + "/Root 1 0 R>>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")

	start := time.Now()
	_, err := VerifyPDF(b.Bytes(), nil)
	if !errors.Is(err, ErrNoSignatures) {
		t.Errorf("err %v", err)
	}
	// Unbounded, this is 5000 passes over 8 MiB: minutes, not seconds.
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("VerifyPDF took %v on %d MiB", d, b.Len()>>20)
	}
	f, err := pdfOpen(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	f.signatureFields()
	if f.work > f.workLimit+b.Len() {
		t.Errorf("parsed %d bytes of a %d-byte file", f.work, b.Len())
	}
}

// Signatures made by other software (the samples pdfcpu ships, read from
// the module cache): PAdES B-B to B-LTA with a document timestamp, and
// adbe.pkcs7.detached. We verify them, and sign after them keeping them valid.
func TestVerifyPDF_FirmasDeTerceros(t *testing.T) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pdfcpu/pdfcpu").Output()
	if err != nil || len(bytes.TrimSpace(dir)) == 0 {
		testtool.Unavailable(t, "pdfcpu module not in the module cache: %v", err)
	}
	samples := filepath.Join(string(bytes.TrimSpace(dir)), "pkg", "samples", "signatures")
	for _, tc := range []struct {
		file       string
		subFilters []string
	}{
		{"ETSI.CAdES.detached/testPAdES_BB.pdf", []string{"ETSI.CAdES.detached"}},
		{"ETSI.CAdES.detached/testPAdES_BT.pdf", []string{"ETSI.CAdES.detached"}},
		{"ETSI.CAdES.detached/testPAdES_BLT.pdf", []string{"ETSI.CAdES.detached"}},
		{"ETSI.CAdES.detached/testPAdES_BLTA.pdf", []string{"ETSI.CAdES.detached", "ETSI.RFC3161"}},
		{"adbe.pkcs7.detached/sample1.pdf", []string{"adbe.pkcs7.detached"}},
		{"adbe.pkcs7.detached/sample2.pdf", []string{"adbe.pkcs7.detached"}},
		{"adbe.x509.rsa_sha1/sample01.pdf", []string{"adbe.x509.rsa_sha1"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			pdf, err := os.ReadFile(filepath.Join(samples, tc.file))
			if err != nil {
				testtool.Unavailable(t, "pdfcpu sample: %v", err)
			}
			check := func(pdf []byte, n int) []SignatureResult {
				res, err := VerifyPDF(pdf, nil)
				if err != nil || len(res) != n {
					t.Fatalf("%d results, %v", len(res), err)
				}
				for i, sf := range tc.subFilters {
					r := res[i]
					switch {
					case r.SubFilter != sf:
						t.Errorf("signature %d: SubFilter %q, want %q", i+1, r.SubFilter, sf)
					case sf == "adbe.x509.rsa_sha1":
						if !errors.Is(r.Err, ErrCMSUnsupported) {
							t.Errorf("PKCS#1 signature: %v", r.Err)
						}
					case sf == "ETSI.RFC3161":
						// The authority's certificate is not in the token.
						if !r.DigestValid || r.SigningTime.IsZero() || !errors.Is(r.Err, ErrSignerNotIncluded) {
							t.Errorf("timestamp: digest %v time %v: %v", r.DigestValid, r.SigningTime, r.Err)
						}
					default:
						if !r.DigestValid || !r.SignatureValid || r.Certificate == nil {
							t.Errorf("signature %d: digest %v signature %v: %v", i+1, r.DigestValid, r.SignatureValid, r.Err)
						}
					}
				}
				return res
			}
			first := check(pdf, len(tc.subFilters))[0]
			levels := map[string]string{"testPAdES_BB.pdf": LevelBB, "testPAdES_BT.pdf": LevelBT,
				"testPAdES_BLT.pdf": LevelBLT, "testPAdES_BLTA.pdf": LevelBLTA}
			if want, ok := levels[filepath.Base(tc.file)]; ok && first.Level != want {
				t.Errorf("level %q, want %q", first.Level, want)
			}
			s := testSigners(t)[0]
			signed, err := SignPDF(pdf, s.cred, SignOptions{Visible: true})
			if err != nil {
				t.Fatal(err)
			}
			res := check(signed, len(tc.subFilters)+1)
			if last := res[len(res)-1]; !last.DigestValid || !last.SignatureValid || last.Serial != SerialHex(s.cred.Certificate) {
				t.Errorf("our signature after theirs: %v", last.Err)
			}
			if tc.subFilters[0] != "adbe.x509.rsa_sha1" {
				out := checkPdfsig(t, testWriteFile(t, "tercero.pdf", signed), -1)
				if n := len(pdfsigValid.FindAllString(out, -1)); n < 2 {
					t.Errorf("pdfsig: %d valid signatures\n%s", n, out)
				}
			}
		})
	}
}

// With NPIE_PDF_CORPUS naming a directory, every PDF under it is signed and
// must verify, with us and with pdfsig (e.g. the ~500 PDFs in pdfcpu's
// module directory).
func TestSignPDF_Corpus(t *testing.T) {
	root := os.Getenv("NPIE_PDF_CORPUS")
	if root == "" {
		t.Skip("set NPIE_PDF_CORPUS=dir to sign every PDF under dir")
	}
	s := testSigners(t)[0]
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".pdf") {
			return err
		}
		in, err := os.ReadFile(path)
		if err != nil || len(in) > MaxPDFSize {
			return err
		}
		out, err := SignPDF(in, s.cred, SignOptions{Visible: true})
		if err != nil {
			t.Logf("%s: refused: %v", path, err)
			return nil
		}
		res, err := VerifyPDF(out, s.roots)
		if err != nil || !res[len(res)-1].Valid() {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		if o := checkPdfsig(t, testWriteFile(t, "c.pdf", out), -1); !strings.Contains(o, "Signature is Valid.") {
			t.Errorf("%s: pdfsig:\n%s", path, o)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
