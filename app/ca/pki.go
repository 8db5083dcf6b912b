package ca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// Files of a refca data directory. Private keys are PKCS#8 PEM readable by
// the owner only: a reference CA for development and training keeps them on
// disk; a production deployment would keep the issuing key in an HSM behind
// the same crypto.Signer.
const (
	ArchivoRaiz      = "raiz.pem"
	ArchivoLlaveRaiz = "raiz.key"
	ArchivoTLS       = "tls.pem" // server certificate
	ArchivoLlaveTLS  = "tls.key"
	ArchivoAjustes   = "ajustes.json"
	ArchivoBase      = "refca.db"
)

// CABits is the RSA size of the root, which is also the issuing CA.
const CABits = 3072

// Ajustes are the settings written by init and read by serve.
type Ajustes struct {
	// ValidezDias is how long an issued certificate lasts (default 730).
	ValidezDias int `json:"validez_dias"`
	// DiasPlazo is how many business days a request stays pending
	// before it is cancelled (10, as IMSS).
	DiasPlazo int `json:"dias_plazo"`
	// Nombres are the extra DNS names or IPs of the TLS certificate.
	Nombres []string `json:"nombres"`
	// Subdelegacion is the IMSS office this CA plays, e.g. "León, Gto.":
	// the place on the letters and the office on the Constancia de
	// recepción (Config.Subdelegacion). Empty in a directory made before
	// the setting existed: SubdelegacionOmision.
	Subdelegacion string `json:"subdelegacion,omitempty"`
}

// Material is the CA's key material, loaded from a data directory.
//
// Hierarchy: one root (RSA-3072, 20 years) that clients pin signs the
// employer certificates, the CRL, OCSP responses and the TLS server
// certificate, so `openssl verify -CAfile root.pem` accepts every issued
// certificate with nothing else at hand. A reference CA for development,
// training and integration has no offline ceremony to protect; a
// production hierarchy would put an issuing CA under an offline root, and
// Emisor is kept separate from Raiz in this type for that.
type Material struct {
	Raiz        *x509.Certificate
	Emisor      *x509.Certificate // the issuing certificate: the root itself
	LlaveEmisor *rsa.PrivateKey
	TLS         tls.Certificate
	Ajustes     Ajustes
}

// OpcionesInit tunes Inicializar. Tests pass ready keys to save the slow
// RSA-3072 generation.
type OpcionesInit struct {
	Nombres       []string
	Subdelegacion string // "" means SubdelegacionOmision
	ValidezDias   int
	LlaveRaiz     *rsa.PrivateKey
	Ahora         time.Time
}

// Inicializar creates a data directory: root CA, TLS certificate
// for localhost, 127.0.0.1, ::1 and o.Nombres, and the settings. It refuses
// a directory that already holds a CA.
func Inicializar(dir string, o OpcionesInit) error {
	if _, err := os.Stat(filepath.Join(dir, ArchivoRaiz)); err == nil {
		return fmt.Errorf("ca: %s already holds a CA", dir)
	}
	if err := fsutil.MkdirPrivado(dir); err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	now := o.Ahora
	if now.IsZero() {
		now = time.Now()
	}
	if o.ValidezDias <= 0 {
		o.ValidezDias = 730
	}
	var err error
	rk := o.LlaveRaiz
	if rk == nil {
		if rk, err = secrypto.GenerateKey(CABits, nil); err != nil {
			return fmt.Errorf("ca: root key: %w", err)
		}
	}
	root := &x509.Certificate{
		Subject:               pkix.Name{Country: []string{"MX"}, Organization: []string{"SeguriTools refca"}, CommonName: "refca Raíz"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(20, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	rootDER, err := firmar(root, root, rk.Public(), rk)
	if err != nil {
		return err
	}
	rootCert, _ := x509.ParseCertificate(rootDER)
	tk, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return fmt.Errorf("ca: tls key: %w", err)
	}
	srv := &x509.Certificate{
		Subject:     pkix.Name{Organization: []string{"SeguriTools refca"}, CommonName: "refca"},
		NotBefore:   now.Add(-time.Hour),
		NotAfter:    now.AddDate(2, 0, 0),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	for _, n := range o.Nombres {
		if ip := net.ParseIP(n); ip != nil {
			srv.IPAddresses = append(srv.IPAddresses, ip)
		} else if n != "" {
			srv.DNSNames = append(srv.DNSNames, n)
		}
	}
	tlsDER, err := firmar(srv, rootCert, tk.Public(), rk)
	if err != nil {
		return err
	}
	if o.Subdelegacion = strings.TrimSpace(o.Subdelegacion); o.Subdelegacion == "" {
		o.Subdelegacion = SubdelegacionOmision
	}
	aj, _ := json.MarshalIndent(Ajustes{ValidezDias: o.ValidezDias, DiasPlazo: 10, Nombres: o.Nombres,
		Subdelegacion: o.Subdelegacion}, "", "  ")
	files := []struct {
		name string
		data []byte
		perm os.FileMode
	}{
		{ArchivoLlaveRaiz, pemKey(rk), 0o600},
		{ArchivoLlaveTLS, pemKey(tk), 0o600},
		{ArchivoTLS, pemCert(tlsDER), 0o644},
		{ArchivoAjustes, append(aj, '\n'), 0o644},
		// The root last: its presence marks a complete data directory.
		{ArchivoRaiz, pemCert(rootDER), 0o644},
	}
	for _, f := range files {
		if err := fsutil.WriteFile(filepath.Join(dir, f.name), f.data, f.perm, false); err != nil {
			return fmt.Errorf("ca: write %s: %w", f.name, err)
		}
	}
	return nil
}

// Cargar reads the material of a data directory made by Inicializar.
func Cargar(dir string) (*Material, error) {
	read := func(name string) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("ca: %w", err)
		}
		return b, nil
	}
	m := &Material{}
	var err error
	b, err := read(ArchivoRaiz)
	if err != nil {
		return nil, err
	}
	if m.Raiz, err = secrypto.ParseCertificate(b); err != nil {
		return nil, fmt.Errorf("ca: %s: %w", ArchivoRaiz, err)
	}
	if b, err = read(ArchivoLlaveRaiz); err != nil {
		return nil, err
	}
	k, err := parsePEMKey(b)
	if err != nil {
		return nil, fmt.Errorf("ca: %s: %w", ArchivoLlaveRaiz, err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok || !rk.PublicKey.Equal(m.Raiz.PublicKey) {
		return nil, fmt.Errorf("ca: %s is not the root's key", ArchivoLlaveRaiz)
	}
	m.Emisor = m.Raiz
	rk.Precompute()
	m.LlaveEmisor = rk
	certPEM, err := read(ArchivoTLS)
	if err != nil {
		return nil, err
	}
	keyPEM, err := read(ArchivoLlaveTLS)
	if err != nil {
		return nil, err
	}
	if m.TLS, err = tls.X509KeyPair(certPEM, keyPEM); err != nil {
		return nil, fmt.Errorf("ca: TLS certificate: %w", err)
	}
	if b, err = read(ArchivoAjustes); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &m.Ajustes); err != nil {
		return nil, fmt.Errorf("ca: %s: %w", ArchivoAjustes, err)
	}
	return m, nil
}

// GuardarSubdelegacion changes the subdelegación in the settings of the
// data directory dir; a running refca sees it when it starts again.
func GuardarSubdelegacion(dir, subdelegacion string) error {
	subdelegacion = strings.Join(strings.Fields(subdelegacion), " ")
	if subdelegacion == "" || len(subdelegacion) > 120 {
		return fmt.Errorf("ca: the subdelegación must have 1 to 120 characters")
	}
	path := filepath.Join(dir, ArchivoAjustes)
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	var aj Ajustes
	if err := json.Unmarshal(b, &aj); err != nil {
		return fmt.Errorf("ca: %s: %w", ArchivoAjustes, err)
	}
	aj.Subdelegacion = subdelegacion
	out, _ := json.MarshalIndent(aj, "", "  ")
	if err := fsutil.WriteFile(path, append(out, '\n'), 0o644, true); err != nil {
		return fmt.Errorf("ca: write %s: %w", ArchivoAjustes, err)
	}
	return nil
}

// firmar issues tmpl with a fresh 128-bit random serial.
func firmar(tmpl, parent *x509.Certificate, pub crypto.PublicKey, key crypto.Signer) ([]byte, error) {
	serial, err := nuevoSerial()
	if err != nil {
		return nil, err
	}
	tmpl.SerialNumber = serial
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
	if err != nil {
		return nil, fmt.Errorf("ca: sign certificate: %w", err)
	}
	return der, nil
}

// nuevoSerial is a positive random serial of 128 bits: unpredictable
// (so no chosen-prefix collision can target it) and unique in practice;
// the store's primary key refuses the impossible repeat.
func nuevoSerial() (*big.Int, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("ca: serial: %w", err)
	}
	b[0] &= 0x7f
	b[0] |= 0x40 // always 16 bytes long, never zero
	return new(big.Int).SetBytes(b), nil
}

func pemCert(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func pemKey(k crypto.Signer) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(err) // only RSA and ECDSA keys made here
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func parsePEMKey(b []byte) (any, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM PRIVATE KEY")
	}
	return x509.ParsePKCS8PrivateKey(blk.Bytes)
}

// RaizPEM returns the root certificate as PEM, what clients pin.
func (m *Material) RaizPEM() []byte { return pemCert(m.Raiz.Raw) }
