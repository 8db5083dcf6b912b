package crypto

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/youmark/pkcs8"
)

// testSigner is a credential for tests, with the roots its chain reaches
// (nil for SAT's, whose test CA we do not have).
type testSigner struct {
	name  string
	cred  *Credential
	roots *x509.CertPool
	root  *x509.Certificate
}

var (
	testPKIOnce sync.Once
	testPKI     struct {
		ca     *x509.Certificate
		leaves [2]*Credential
	}
	testPKIError error
	testCRLHost  string // host:port of the loopback server publishing the test CA's CRL
)

// testCA makes once an RSA-2048 test CA and two employee certificates with
// the RFC in x500UniqueIdentifier and the CURP in serialNumber, as SAT does.
// The certificates name a CRL on a loopback server (for the life of the test
// binary), because pdfcpu calls a signature "valid" only once it knows the
// certificate is not revoked.
func testCA(t testing.TB) (*x509.Certificate, [2]*Credential) {
	t.Helper()
	caKey, k1, k2 := testKey(t, 0), testKey(t, 1), testKey(t, 2)
	testPKIOnce.Do(func() {
		now := time.Now()
		var crl []byte
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pkix-crl")
			_, _ = w.Write(crl)
		}))
		testCRLHost = srv.Listener.Addr().String()
		caTmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "AC de Pruebas SeguriTools", Organization: []string{"Pruebas"}, Country: []string{"MX"}},
			NotBefore:             now.Add(-24 * time.Hour),
			NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		}
		caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
		if err != nil {
			testPKIError = err
			return
		}
		ca, _ := x509.ParseCertificate(caDER)
		testPKI.ca = ca
		crl, err = x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
			Number: big.NewInt(1), ThisUpdate: now.Add(-time.Hour), NextUpdate: now.Add(30 * 24 * time.Hour),
		}, ca, caKey)
		if err != nil {
			testPKIError = err
			return
		}
		people := []struct {
			cn, rfc, curp string
			key           *rsa.PrivateKey
		}{
			{"JOSÉ PEÑA NÚÑEZ", "PENJ750314AB1", "PENJ750314HDFXXS09", k1},
			{"MARÍA LÓPEZ IBÁÑEZ", "LOIM800101QX2", "LOIM800101MDFPBR05", k2},
		}
		for i, p := range people {
			tmpl := &x509.Certificate{
				SerialNumber: new(big.Int).SetBytes([]byte{0x30, 0x30, 0x30, 0x31, byte(i + 1), 0xab}),
				Subject: pkix.Name{CommonName: p.cn, Country: []string{"MX"}, SerialNumber: p.curp,
					ExtraNames: []pkix.AttributeTypeAndValue{{Type: asn1.ObjectIdentifier{2, 5, 4, 45}, Value: p.rfc}}},
				NotBefore:             now.Add(-time.Hour),
				NotAfter:              now.Add(4 * 365 * 24 * time.Hour),
				KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
				CRLDistributionPoints: []string{"http://" + testCRLHost + "/ac.crl"},
			}
			der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &p.key.PublicKey, caKey)
			if err != nil {
				testPKIError = err
				return
			}
			c, _ := x509.ParseCertificate(der)
			testPKI.leaves[i] = &Credential{Key: p.key, Certificate: c, Chain: []*x509.Certificate{ca}}
		}
	})
	if testPKIError != nil {
		t.Fatal(testPKIError)
	}
	return testPKI.ca, testPKI.leaves
}

func testRoots(ca *x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca)
	return p
}

// testSigners lists our two test employees and SAT's two real-world test
// credentials.
func testSigners(t testing.TB) []testSigner {
	t.Helper()
	ca, leaves := testCA(t)
	out := []testSigner{
		{"prueba1", leaves[0], testRoots(ca), ca},
		{"prueba2", leaves[1], testRoots(ca), ca},
	}
	for _, dir := range satDirs {
		out = append(out, testSigner{name: dir, cred: testSATCredential(t, dir)})
	}
	return out
}

func testSATCredential(t testing.TB, dir string) *Credential {
	t.Helper()
	fx := loadSAT(t, dir)
	key, err := pkcs8.ParsePKCS8PrivateKeyRSA(fx.key, fx.password)
	if err != nil {
		t.Fatalf("%s: decrypt key: %v", dir, err)
	}
	cert, err := x509.ParseCertificate(fx.cer)
	if err != nil {
		t.Fatalf("%s: certificate: %v", dir, err)
	}
	return &Credential{Key: key, Certificate: cert}
}

var (
	testPDFOnce  sync.Once
	testPDFs     map[string][]byte
	testPDFError error
)

// testPDF returns an input PDF: "classic" (pdfcpu, cross-reference table),
// "xrefstream" (pdfcpu, cross-reference and object streams), "multipage"
// (pdfcpu, three pages, table), and from testdata/pdf "minimal"
// (hand-written), "linearized" and "objstreams" (qpdf: cross-reference
// stream with a PNG predictor, as most producers write them).
func testPDF(t testing.TB, kind string) []byte {
	t.Helper()
	testPDFOnce.Do(func() {
		api.DisableConfigDir()
		testPDFs = map[string][]byte{}
		for _, k := range []struct {
			name   string
			pages  int
			stream bool
		}{{"classic", 1, false}, {"xrefstream", 1, true}, {"multipage", 3, false}, {"multipage-stream", 3, true}} {
			b, err := testMakeLetter(k.pages, k.stream)
			if err != nil {
				testPDFError = fmt.Errorf("%s: %w", k.name, err)
				return
			}
			testPDFs[k.name] = b
		}
		for _, name := range []string{"minimal", "linearized", "objstreams"} {
			b, err := os.ReadFile(filepath.Join("testdata", "pdf", name+".pdf"))
			if err != nil {
				testPDFError = err
				return
			}
			testPDFs[name] = b
		}
	})
	if testPDFError != nil {
		t.Fatal(testPDFError)
	}
	b, ok := testPDFs[kind]
	if !ok {
		t.Fatalf("no test PDF %q", kind)
	}
	return bytes.Clone(b)
}

var testPDFKinds = []string{"classic", "xrefstream", "multipage", "multipage-stream", "minimal", "linearized", "objstreams"}

// testMakeLetter builds an A4 letter with pdfcpu, as the CA does.
func testMakeLetter(pages int, xrefStream bool) ([]byte, error) {
	var pj []string
	for p := 1; p <= pages; p++ {
		pj = append(pj, fmt.Sprintf(`"%d": {"content": {"text": [
			{"value": "Carta de Terminos y Condiciones (pagina %d)", "pos": [60, 760], "font": {"name": "Helvetica-Bold", "size": 16}},
			{"value": "Registro patronal B752158813-9, RFC EMA801010AB6.", "pos": [60, 720], "font": {"name": "Helvetica", "size": 11}},
			{"value": "NPIE 1234567890  Folio 000123  Usuario manual_generacion", "pos": [60, 700], "font": {"name": "Helvetica", "size": 11}}
		]}}`, p, p))
	}
	js := `{"paper": "A4P", "origin": "LowerLeft", "pages": {` + strings.Join(pj, ",") + `}}`
	conf := model.NewDefaultConfiguration()
	conf.WriteXRefStream = xrefStream
	conf.WriteObjectStream = xrefStream
	var out bytes.Buffer
	if err := api.Create(nil, strings.NewReader(js), &out, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func testSign(t testing.TB, pdf []byte, s testSigner, opts SignOptions) []byte {
	t.Helper()
	out, err := SignPDF(pdf, s.cred, opts)
	if err != nil {
		t.Fatalf("SignPDF(%s): %v", s.name, err)
	}
	if !bytes.HasPrefix(out, pdf) {
		t.Fatalf("SignPDF(%s) changed the original bytes", s.name)
	}
	return out
}

func testWriteFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// ---- the external verifiers ----

var pdfsigValid = regexp.MustCompile(`(?m)^\s*- Signature Validation: Signature is Valid\.\s*$`)

// checkPdfsig runs poppler's pdfsig, which exits 0 whatever it finds, and
// returns its output after checking it printed "Signature is Valid." once
// per expected signature (when want >= 0).
func checkPdfsig(t *testing.T, file string, want int) string {
	t.Helper()
	requireTool(t, "pdfsig")
	out, err := exec.Command("pdfsig", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig: %v\n%s", err, out)
	}
	if want >= 0 {
		if got := len(pdfsigValid.FindAll(out, -1)); got != want {
			t.Fatalf("pdfsig: %d valid signatures, want %d\n%s", got, want, out)
		}
		if n := strings.Count(string(out), "Signature #"); n != want {
			t.Fatalf("pdfsig: %d signatures, want %d\n%s", n, want, out)
		}
	}
	return string(out)
}

func checkQpdf(t *testing.T, file string) {
	t.Helper()
	requireTool(t, "qpdf")
	out, err := exec.Command("qpdf", "--check", file).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) ||
		bytes.Contains(out, []byte("WARNING")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func checkPdftotext(t *testing.T, file, want string) {
	t.Helper()
	requireTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", file, "-").CombinedOutput()
	if err != nil || !strings.Contains(string(out), want) || strings.Contains(string(out), "Error") {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
}

var testByteRangeRE = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// testSignatures finds each signature's ranges and value with a regular
// expression: independent of our own reader, for the external checks.
func testSignatures(t *testing.T, pdf []byte) (content, cms [][]byte) {
	t.Helper()
	for _, m := range testByteRangeRE.FindAllSubmatch(pdf, -1) {
		var br [4]int
		for i := range br {
			br[i], _ = strconv.Atoi(string(m[i+1]))
		}
		content = append(content, append(bytes.Clone(pdf[br[0]:br[0]+br[1]]), pdf[br[2]:br[2]+br[3]]...))
		hexv := pdf[br[1]+1 : br[2]-1]
		der := make([]byte, len(hexv)/2)
		for i := range der {
			v, _ := strconv.ParseUint(string(hexv[2*i:2*i+2]), 16, 8)
			der[i] = byte(v)
		}
		cms = append(cms, cmsTrim(der))
	}
	return content, cms
}

// checkOpenSSL verifies every signature with openssl cms over its byte
// ranges: against root when given, else the signature alone (-noverify).
func checkOpenSSL(t *testing.T, pdf []byte, roots []*x509.Certificate) {
	t.Helper()
	requireTool(t, "openssl")
	contents, sigs := testSignatures(t, pdf)
	if len(sigs) != len(roots) {
		t.Fatalf("found %d signatures, want %d", len(sigs), len(roots))
	}
	for i := range sigs {
		dir := t.TempDir()
		data, sig := filepath.Join(dir, "data.bin"), filepath.Join(dir, "sig.der")
		_ = os.WriteFile(data, contents[i], 0o600)
		_ = os.WriteFile(sig, sigs[i], 0o600)
		args := []string{"cms", "-verify", "-binary", "-inform", "DER", "-in", sig, "-content", data, "-out", os.DevNull}
		if roots[i] != nil {
			ca := filepath.Join(dir, "root.pem")
			_ = os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: roots[i].Raw}), 0o600)
			args = append(args, "-CAfile", ca, "-purpose", "any")
		} else {
			args = append(args, "-noverify")
		}
		out, err := exec.Command("openssl", args...).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("Verification successful")) {
			t.Fatalf("openssl cms -verify (signature %d): %v\n%s", i+1, err, out)
		}
	}
}

var pdfcpuMu sync.Mutex

// checkPdfcpu validates with pdfcpu, trusting root (when not nil), and
// returns the statuses: pdfcpu returns no error for an invalid signature.
func checkPdfcpu(t *testing.T, file string, root *x509.Certificate) []*model.SignatureValidationResult {
	t.Helper()
	pdfcpuMu.Lock()
	defer pdfcpuMu.Unlock()
	api.DisableConfigDir()
	dir := t.TempDir()
	if root != nil {
		_ = os.WriteFile(filepath.Join(dir, "root.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: root.Raw}), 0o600)
	}
	model.TrustedCertDir = dir
	pdfcpu.InvalidateCertificatePool()
	conf := model.NewDefaultConfiguration()
	host, _, _ := net.SplitHostPort(testCRLHost)
	conf.AllowedRevocationHosts = []string{host}
	conf.PreferredCertRevocationChecker = model.CRL
	res, err := api.ValidateSignatures(file, true, conf)
	if err != nil {
		t.Fatalf("pdfcpu ValidateSignatures: %v", err)
	}
	return res
}
