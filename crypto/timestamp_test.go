package crypto

import (
	"bytes"
	stdcrypto "crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digitorus/timestamp"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// testTSA is a time-stamp authority under the test CA, as refca's: ECDSA
// P-256, EKU id-kp-timeStamping critical. Its clock is testTSA.at (zero:
// now). The library that makes its answers (digitorus/timestamp) is the
// one refca uses, so these tests read what refca writes.
type testTSAType struct {
	cert  *x509.Certificate
	key   *ecdsa.PrivateKey
	at    time.Time
	calls int
}

var (
	testTSAOnce sync.Once
	testTSAVal  testTSAType
)

func testTSA(t testing.TB) *testTSAType {
	t.Helper()
	ca, _ := testCA(t)
	testTSAOnce.Do(func() {
		testTSAVal = *newTestTSA(t, ca, testKey(t, 0), time.Now().Add(-48*time.Hour), time.Now().Add(365*24*time.Hour))
	})
	v := testTSAVal
	return &v
}

// newTestTSA makes a TSA certificate under ca valid from notBefore to
// notAfter.
func newTestTSA(t testing.TB, ca *x509.Certificate, caKey stdcrypto.Signer, notBefore, notAfter time.Time) *testTSAType {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	eku, _ := asn1.Marshal([]asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 8}})
	tmpl := &x509.Certificate{
		SerialNumber:    big.NewInt(77),
		Subject:         pkix.Name{CommonName: "Sellos de Pruebas"},
		NotBefore:       notBefore,
		NotAfter:        notAfter,
		KeyUsage:        x509.KeyUsageDigitalSignature,
		ExtraExtensions: []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 37}, Critical: true, Value: eku}},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &k.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return &testTSAType{cert: c, key: k}
}

// stamp is a SignOptions.Timestamp that asks this TSA through the same
// request and response code a real caller uses.
func (a *testTSAType) stamp(digest []byte) ([]byte, error) {
	a.calls++
	req, nonce, err := TimestampRequest(digest)
	if err != nil {
		return nil, err
	}
	resp, err := a.respond(req)
	if err != nil {
		return nil, err
	}
	return TimestampFromResponse(resp, digest, nonce)
}

func (a *testTSAType) respond(req []byte) ([]byte, error) {
	r, err := timestamp.ParseRequest(req)
	if err != nil {
		return nil, err
	}
	at := a.at
	if at.IsZero() {
		at = time.Now()
	}
	ts := &timestamp.Timestamp{HashAlgorithm: r.HashAlgorithm, HashedMessage: r.HashedMessage, Time: at.UTC().Truncate(time.Second),
		Accuracy: time.Second, Policy: asn1.ObjectIdentifier{2, 25, 1}, Nonce: r.Nonce, AddTSACertificate: r.Certificates}
	return ts.CreateResponseWithOpts(a.cert, a.key, stdcrypto.SHA256)
}

func TestSignPDF_SelloDeTiempo_BT(t *testing.T) {
	s := testSigners(t)[0]
	tsa := testTSA(t)
	pdf := testPDF(t, "classic")
	signed := testSign(t, pdf, s, SignOptions{Timestamp: tsa.stamp})
	if tsa.calls != 1 {
		t.Fatalf("TSA asked %d times", tsa.calls)
	}
	_, cmss := testSignatures(t, signed)
	sd, err := ParseSignedData(cmss[0])
	if err != nil {
		t.Fatal(err)
	}
	tok, err := sd.SignatureTimestamp()
	if err != nil || tok == nil {
		t.Fatalf("no signature time stamp: %v", err)
	}
	if err := tok.Verify(sd.SignatureValue(), s.roots); err != nil {
		t.Fatalf("token: %v", err)
	}
	if d := time.Since(tok.GenTime); d < 0 || d > time.Minute || tok.Accuracy != time.Second {
		t.Errorf("genTime %v accuracy %v", tok.GenTime, tok.Accuracy)
	}
	// The token stamps the signature, not the document.
	if err := tok.Verify(pdf, s.roots); !errors.Is(err, ErrTimestampInvalid) {
		t.Errorf("token over other data: %v", err)
	}

	file := testWriteFile(t, "bt.pdf", signed)
	checkPdfsig(t, file, 1)
	checkQpdf(t, file)
	checkOpenSSL(t, signed, []*x509.Certificate{s.root})
	checkOpenSSLTimestamp(t, tok.Raw, sd.SignatureValue(), s.root, tsa.cert)
	// pdfcpu v0.15.0 accepts the signature and reads the stamp's time,
	// but by design neither authenticates signature time stamps nor
	// reports a level above B-B ("timestamp and DSS evidence do not
	// promote it").
	res := checkPdfcpu(t, file, s.root)
	if len(res) != 1 || res[0].Status != model.SignatureStatusValid || len(res[0].Details.Signers) != 1 {
		t.Fatalf("pdfcpu: %v", res)
	}
	if sg := res[0].Details.Signers[0]; !sg.HasTimestamp || !sg.Timestamp.Equal(tok.GenTime) {
		t.Errorf("pdfcpu did not read the time stamp: %v %v", sg.HasTimestamp, sg.Timestamp)
	}
}

// checkOpenSSLTimestamp runs openssl ts -verify on a token over data.
func checkOpenSSLTimestamp(t *testing.T, token, data []byte, root, tsa *x509.Certificate) {
	t.Helper()
	requireTool(t, "openssl")
	dir := t.TempDir()
	tokF, rootF, tsaF := filepath.Join(dir, "token.der"), filepath.Join(dir, "root.pem"), filepath.Join(dir, "tsa.pem")
	_ = os.WriteFile(tokF, token, 0o600)
	_ = os.WriteFile(rootF, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: root.Raw}), 0o600)
	_ = os.WriteFile(tsaF, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tsa.Raw}), 0o600)
	sum := sha256.Sum256(data)
	out, err := exec.Command("openssl", "ts", "-verify", "-token_in", "-in", tokF, "-digest", hex.EncodeToString(sum[:]),
		"-CAfile", rootF, "-untrusted", tsaF).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Verification: OK") {
		t.Fatalf("openssl ts -verify: %v\n%s", err, out)
	}
}

func TestSignPDF_SinSello_ErrTimestamp(t *testing.T) {
	s := testSigners(t)[0]
	pdf := testPDF(t, "classic")
	down := errors.New("connection refused")
	_, err := SignPDF(pdf, s.cred, SignOptions{Timestamp: func([]byte) ([]byte, error) { return nil, down }})
	if !errors.Is(err, ErrTimestamp) || !errors.Is(err, down) {
		t.Fatalf("TSA down: %v", err)
	}
	// A token over something else is refused too.
	tsa := testTSA(t)
	other := func([]byte) ([]byte, error) { return tsa.stamp(make([]byte, 32)) }
	if _, err := SignPDF(pdf, s.cred, SignOptions{Timestamp: other}); !errors.Is(err, ErrTimestamp) {
		t.Fatalf("token over other data: %v", err)
	}
}

func TestTimestampFromResponse_Rechazos(t *testing.T) {
	digest := sha256.Sum256([]byte("x"))
	_, nonce, _ := TimestampRequest(digest[:])
	refused, _ := timestamp.CreateErrorResponse(timestamp.Rejection, timestamp.BadAlgorithm)
	for name, resp := range map[string][]byte{"rejection": refused, "garbage": []byte("hola"), "empty": nil} {
		if _, err := TimestampFromResponse(resp, digest[:], nonce); !errors.Is(err, ErrTimestamp) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Another nonce: an answer to another request.
	tsa := testTSA(t)
	req, _, _ := TimestampRequest(digest[:])
	resp, err := tsa.respond(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TimestampFromResponse(resp, digest[:], nonce); !errors.Is(err, ErrTimestamp) {
		t.Errorf("another request's answer: %v", err)
	}
	other := sha256.Sum256([]byte("y"))
	if _, err := TimestampFromResponse(resp, other[:], nil); !errors.Is(err, ErrTimestamp) {
		t.Errorf("an answer for another digest: %v", err)
	}
}

func FuzzParseTimestampToken(f *testing.F) {
	tsa := testTSA(f)
	for _, m := range []string{"a", "b"} {
		d := sha256.Sum256([]byte(m))
		tok, err := tsa.stamp(d[:])
		if err != nil {
			f.Fatal(err)
		}
		f.Add(tok)
		f.Add(tok[:len(tok)/2])
	}
	f.Add([]byte{0x30, 0x80, 0x06, 0x00, 0x00, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		tok, err := ParseTimestampToken(b)
		if err != nil {
			return
		}
		if tok.GenTime.IsZero() && tok.Hash == 0 {
			t.Fatal("parsed a token without time or imprint")
		}
		_ = tok.Verify(b, nil)
		_ = bytes.Equal(tok.Raw, b)
	})
}

// A certificate revoked after a time-stamped signature leaves it valid;
// revoked before the stamp, or without a stamp at all, it does not.
func TestVerifyPDFWith_RevocadoDespuesDelSello(t *testing.T) {
	s := testSigners(t)[0]
	tsa := testTSA(t)
	tsa.at = time.Now().Add(-time.Hour)
	stamped := testSign(t, testPDF(t, "classic"), s, SignOptions{Timestamp: tsa.stamp})
	plain := testSign(t, testPDF(t, "classic"), s, SignOptions{})
	revokedAt := func(at time.Time) func(cert, issuer *x509.Certificate) (*Revocation, error) {
		return func(cert, issuer *x509.Certificate) (*Revocation, error) {
			if !cert.Equal(s.cred.Certificate) || !issuer.Equal(s.root) {
				t.Errorf("asked about %s issued by %s", cert.Subject, issuer.Subject)
			}
			return &Revocation{Revoked: true, At: at, Reason: 4}, nil
		}
	}
	for _, tc := range []struct {
		name    string
		pdf     []byte
		at      time.Time
		valid   bool
		level   string
		before  bool
		revoked bool
	}{
		{"stamped, revoked after", stamped, time.Now().Add(-time.Minute), true, LevelBT, true, false},
		{"stamped, revoked before", stamped, time.Now().Add(-2 * time.Hour), false, LevelBT, false, true},
		{"not stamped", plain, time.Now().Add(-time.Minute), false, LevelBB, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := VerifyPDFWith(tc.pdf, VerifyOptions{Roots: s.roots, Revocation: revokedAt(tc.at)})
			if err != nil {
				t.Fatal(err)
			}
			r := res[0]
			if r.Valid() != tc.valid || r.Level != tc.level || r.SignedBeforeRevocation != tc.before ||
				errors.Is(r.Err, ErrRevoked) != tc.revoked {
				t.Errorf("valid %v level %q before %v: %v", r.Valid(), r.Level, r.SignedBeforeRevocation, r.Err)
			}
			if tc.level == LevelBT && !r.CheckedAt.Equal(tsa.at.Truncate(time.Second)) {
				t.Errorf("chain checked at %v, want the stamp's %v", r.CheckedAt, tsa.at)
			}
		})
	}
	// A stamp from an authority the roots do not trust invalidates.
	other := x509.NewCertPool()
	other.AddCert(testSigners(t)[0].root)
	foreign := newTestTSA(t, tsa.cert, tsa.key, time.Now().Add(-time.Hour), time.Now().Add(time.Hour)) // not a CA
	pdf := testSign(t, testPDF(t, "classic"), s, SignOptions{Timestamp: foreign.stamp})
	res, _ := VerifyPDF(pdf, other)
	if r := res[0]; r.Valid() || r.TimestampValid || !errors.Is(r.Err, ErrTimestampInvalid) {
		t.Errorf("untrusted stamp: valid %v stamp %v: %v", r.Valid(), r.TimestampValid, r.Err)
	}
}

// B-LT: a DSS in a further update, with the certificates and a CRL that
// revokes the signer after the stamp, lets a verifier with the roots alone
// judge it: valid, signed before the revocation; pdfsig and qpdf accept
// the file.
func TestAddDSS_BLT_RevocacionDesdeElDSS(t *testing.T) {
	s := testSigners(t)[0]
	tsa := testTSA(t)
	tsa.at = time.Now().Add(-time.Hour)
	signed := testSign(t, testPDF(t, "classic"), s, SignOptions{Timestamp: tsa.stamp})
	crl, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(2), ThisUpdate: time.Now().Add(-time.Minute), NextUpdate: time.Now().Add(time.Hour),
		RevokedCertificateEntries: []x509.RevocationListEntry{{SerialNumber: s.cred.Certificate.SerialNumber,
			RevocationTime: time.Now().Add(-30 * time.Minute), ReasonCode: 4}},
	}, s.root, testKey(t, 0))
	if err != nil {
		t.Fatal(err)
	}
	lt, err := AddDSS(signed, ValidationData{Certificates: [][]byte{s.cred.Certificate.Raw, s.root.Raw, tsa.cert.Raw}, CRLs: [][]byte{crl}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(lt, signed) {
		t.Fatal("AddDSS changed signed bytes")
	}
	res, err := VerifyPDF(lt, s.roots)
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	if !r.Valid() || r.Level != LevelBLT || r.Revocation == nil || !r.Revocation.Revoked || !r.SignedBeforeRevocation || !r.ModifiedAfter {
		t.Fatalf("B-LT: valid %v level %q revocation %+v before %v: %v", r.Valid(), r.Level, r.Revocation, r.SignedBeforeRevocation, r.Err)
	}
	// A second DSS update keeps the first one's data.
	lt2, err := AddDSS(lt, ValidationData{OCSPs: [][]byte{{0x30, 0x00}}})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := pdfOpen(lt2)
	if d := f.dss(); d == nil || len(d.certs) != 3 || len(d.crls) != 1 {
		t.Errorf("merged DSS: %+v", d)
	}
	file := testWriteFile(t, "blt.pdf", lt2)
	checkPdfsig(t, file, 1)
	checkQpdf(t, file)

	// B-LTA: a document time stamp over all of it.
	tsa.at = time.Time{}
	lta, err := AddDocumentTimestamp(lt2, tsa.stamp)
	if err != nil {
		t.Fatal(err)
	}
	res, err = VerifyPDF(lta, s.roots)
	if err != nil || len(res) != 2 {
		t.Fatalf("%d results: %v", len(res), err)
	}
	if r := res[0]; !r.Valid() || r.Level != LevelBLTA {
		t.Errorf("B-LTA: valid %v level %q: %v", r.Valid(), r.Level, r.Err)
	}
	if d := res[1]; d.SubFilter != "ETSI.RFC3161" || !d.Valid() || !d.CoversWholeFile || d.Level != "" {
		t.Errorf("document time stamp: %+v", d)
	}
	file = testWriteFile(t, "blta.pdf", lta)
	// poppler validates no document time stamp ("Unable to validate this
	// type of signature"), pdfcpu's own B-LTA sample included: it must
	// still validate the signature and list the stamp.
	out := checkPdfsig(t, file, -1)
	if strings.Count(out, "Signature is Valid") != 1 || strings.Count(out, "Signature #") != 2 {
		t.Errorf("pdfsig B-LTA:\n%s", out)
	}
	checkQpdf(t, file)
	if _, err := AddDocumentTimestamp(lt2, func([]byte) ([]byte, error) { return nil, errors.New("down") }); !errors.Is(err, ErrTimestamp) {
		t.Errorf("TSA down: %v", err)
	}
}
