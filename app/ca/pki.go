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

	"github.com/seguritools/seguritools/app/msg"
	secrypto "github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// Files of a refca data directory. Private keys are PKCS#8 PEM readable by
// the owner only; the root's and the issuing CA's are encrypted (PBES2,
// as crypto.EncryptKey writes a .key) when init is given their passwords,
// as `refca init` always is. The issuing CA's key may instead live in a
// PKCS#11 token (Ajustes.PKCS11, app/hsm): then there is no emisor.key and
// every signature of the issuing CA is the token's. The root stays a file,
// offline.
const (
	ArchivoRaiz        = "raiz.pem"
	ArchivoLlaveRaiz   = "raiz.key"
	ArchivoCRLRaiz     = "raiz.crl" // the root's CRL, signed at init
	ArchivoEmisor      = "emisor.pem"
	ArchivoLlaveEmisor = "emisor.key"
	ArchivoTLS         = "tls.pem" // server certificate, then the issuing CA's
	ArchivoLlaveTLS    = "tls.key"
	ArchivoAjustes     = "ajustes.json"
	ArchivoBase        = "refca.db"
)

// CABits is the RSA size of the root and of the issuing CA.
const CABits = 3072

// URLRevocacionOmision is where an issuing CA made by init without
// OpcionesInit.URLRevocacion says the root's CRL and certificate are: the
// plain-HTTP listener of `refca serve` with its default addresses.
const URLRevocacionOmision = "http://127.0.0.1:8444"

// vidaCRLRaiz is how long the root's CRL lasts: the longest the CA/B
// Forum allows a root's CRL, since only init (with the root's password)
// signs it.
const vidaCRLRaiz = 365 * 24 * time.Hour

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
	// PKCS11 says where the issuing CA's key is when init generated it
	// in a PKCS#11 token; nil means the file emisor.key.
	PKCS11 *LlaveToken `json:"pkcs11,omitempty"`
}

// LlaveToken finds the issuing CA's key in a PKCS#11 token: the token's
// label when init made it (serve is told the token again, which may be
// another label of the same key, e.g. a backup HSM) and the key's
// CKA_LABEL and CKA_ID (hex).
type LlaveToken struct {
	Token    string `json:"token"`
	Etiqueta string `json:"etiqueta"`
	ID       string `json:"id"`
}

// Material is the CA's key material, loaded from a data directory.
//
// Hierarchy: a root (RSA-3072, 20 years) that clients pin and whose key
// only init and RenovarCRLRaiz use, and under it an issuing CA (RSA-3072, 10 years, path
// length 0) that signs the employer certificates, the CRL, the OCSP
// responses, the TLS server certificate and the TSA's. A data directory
// made before the hierarchy (no emisor.pem) still loads: there the root is
// its own issuing CA, as it always was.
type Material struct {
	Raiz        *x509.Certificate
	Emisor      *x509.Certificate // the issuing CA; Raiz in an older directory
	LlaveEmisor crypto.Signer     // an *rsa.PrivateKey, or a key in a PKCS#11 token
	CRLRaiz     []byte            // the root's DER CRL; nil in an older directory
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
	// LlaveEmisor is the issuing CA's key: an *rsa.PrivateKey written
	// to emisor.key, or with EnToken a key in a PKCS#11 token, of which
	// nothing is written but EnToken; nil generates a file key.
	LlaveEmisor crypto.Signer
	EnToken     *LlaveToken
	// ContrasenaRaiz and ContrasenaEmisor encrypt the root's and the
	// issuing CA's keys. nil writes a key unencrypted, owner-only: the
	// desktop app's embedded CA does, whose keys sit in the user's own
	// private configuration directory with nobody to type a password at
	// every start, and tests do.
	ContrasenaRaiz, ContrasenaEmisor []byte
	// URLRevocacion is the plain-HTTP base URL ("http://host:port") the
	// issuing CA's certificate names for the root's CRL and certificate;
	// "" means URLRevocacionOmision.
	URLRevocacion string
	Ahora         time.Time
}

// Inicializar creates a data directory: root CA and its CRL, issuing CA,
// TLS certificate for localhost, 127.0.0.1, ::1 and o.Nombres, and the
// settings. It refuses a directory that already holds a CA.
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
		Subject:   pkix.Name{Country: []string{"MX"}, Organization: []string{"SeguriTools refca"}, CommonName: "refca Raíz"},
		NotBefore: now.Add(-time.Hour),
		NotAfter:  now.AddDate(20, 0, 0),
		// No digitalSignature: the root signs certificates and its CRL
		// only. No path length either (RFC 5280 leaves it to the issuing
		// CAs, and the CA/B Forum asks roots not to set it): the issuing
		// CA's is 0.
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLen:            -1,
	}
	rootDER, err := firmar(root, root, rk.Public(), rk)
	if err != nil {
		return err
	}
	rootCert, _ := x509.ParseCertificate(rootDER)
	ek := o.LlaveEmisor
	if ek == nil {
		if o.EnToken != nil {
			return errors.New("ca: EnToken without its key")
		}
		if ek, err = secrypto.GenerateKey(CABits, nil); err != nil {
			return fmt.Errorf("ca: issuing key: %w", err)
		}
	}
	urlRev := strings.TrimRight(o.URLRevocacion, "/")
	if urlRev == "" {
		urlRev = URLRevocacionOmision
	}
	emisor := &x509.Certificate{
		Subject:               pkix.Name{Country: []string{"MX"}, Organization: []string{"SeguriTools refca"}, CommonName: "refca CA Emisora"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
		// anyPolicy: the issuing CA passes on whatever policy the
		// certificates under it name (S/MIME for employers).
		Policies:              []x509.OID{oidAnyPolicy},
		CRLDistributionPoints: []string{urlRev + "/crl/raiz"},
		IssuingCertificateURL: []string{urlRev + "/ca/raiz.cer"},
		SubjectKeyId:          keyID(ek.Public()),
	}
	emisorDER, err := firmar(emisor, rootCert, ek.Public(), rk)
	if err != nil {
		return err
	}
	emisorCert, _ := x509.ParseCertificate(emisorDER)
	crlRaiz, err := firmarCRLRaiz(rootCert, rk, now)
	if err != nil {
		return err
	}
	llaveRaiz, err := pemLlave(rk, o.ContrasenaRaiz)
	if err != nil {
		return err
	}
	var llaveEmisor []byte
	if o.EnToken == nil {
		rsaEmisor, ok := ek.(*rsa.PrivateKey)
		if !ok {
			return fmt.Errorf("ca: a file issuing key must be RSA, not %T", ek)
		}
		if llaveEmisor, err = pemLlave(rsaEmisor, o.ContrasenaEmisor); err != nil {
			return err
		}
	}
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
	tlsDER, err := firmar(srv, emisorCert, tk.Public(), ek)
	if err != nil {
		return err
	}
	if o.Subdelegacion = strings.TrimSpace(o.Subdelegacion); o.Subdelegacion == "" {
		o.Subdelegacion = SubdelegacionOmision
	}
	aj, _ := json.MarshalIndent(Ajustes{ValidezDias: o.ValidezDias, DiasPlazo: 10, Nombres: o.Nombres,
		Subdelegacion: o.Subdelegacion, PKCS11: o.EnToken}, "", "  ")
	files := []struct {
		name string
		data []byte
		perm os.FileMode
	}{
		{ArchivoLlaveRaiz, llaveRaiz, 0o600},
		{ArchivoLlaveEmisor, llaveEmisor, 0o600},
		{ArchivoEmisor, pemCert(emisorDER), 0o644},
		{ArchivoCRLRaiz, crlRaiz, 0o644},
		{ArchivoLlaveTLS, pemKey(tk), 0o600},
		// The chain goes with the leaf: clients pin the root only.
		{ArchivoTLS, append(pemCert(tlsDER), pemCert(emisorDER)...), 0o644},
		{ArchivoAjustes, append(aj, '\n'), 0o644},
		// The root last: its presence marks a complete data directory.
		{ArchivoRaiz, pemCert(rootDER), 0o644},
	}
	for _, f := range files {
		if f.data == nil {
			continue // emisor.key of a key in a token
		}
		if err := fsutil.WriteFile(filepath.Join(dir, f.name), f.data, f.perm, false); err != nil {
			return fmt.Errorf("ca: write %s: %w", f.name, err)
		}
	}
	return nil
}

// Cargar reads the material of a data directory made by Inicializar.
// contrasena opens the issuing CA's key when it is encrypted; the root's
// key is never read. A directory made before the hierarchy, with no
// issuing CA, loads with the root as its issuing CA.
//
// A key that contrasena does not open (none given, or the wrong one) is
// a *msg.Error with CodeContrasenaCA; a directory whose issuing key is in
// a PKCS#11 token is CodeHSMRequerido (CargarConLlave loads it).
func Cargar(dir string, contrasena []byte) (*Material, error) {
	return cargar(dir, func(m *Material, archivoLlave string) (crypto.Signer, error) {
		if t := m.Ajustes.PKCS11; t != nil {
			return nil, msg.New(msg.CodeHSMRequerido, dir, t.Token)
		}
		b, err := os.ReadFile(filepath.Join(dir, archivoLlave))
		if err != nil {
			return nil, fmt.Errorf("ca: %w", err)
		}
		k, err := secrypto.ParseKey(b, contrasena)
		if errors.Is(err, secrypto.ErrWrongPassword) {
			return nil, msg.Wrap(err, msg.CodeContrasenaCA, filepath.Join(dir, archivoLlave), "--password-file")
		}
		if err != nil {
			return nil, fmt.Errorf("ca: %s: %w", archivoLlave, err)
		}
		if !k.PublicKey.Equal(m.Emisor.PublicKey) {
			return nil, fmt.Errorf("ca: %s is not the key of the issuing CA", archivoLlave)
		}
		k.Precompute()
		return k, nil
	})
}

// CargarConLlave is Cargar for a data directory whose issuing CA's key is
// in a PKCS#11 token (Ajustes.PKCS11): llave is that key, which the
// caller found in the token (app/hsm). A directory with the key in a file
// is CodeHSMNoUsado; a key that is not the issuing CA's, CodeHSMLlaveDistinta.
func CargarConLlave(dir string, llave crypto.Signer) (*Material, error) {
	return cargar(dir, func(m *Material, _ string) (crypto.Signer, error) {
		t := m.Ajustes.PKCS11
		if t == nil {
			return nil, msg.New(msg.CodeHSMNoUsado, dir)
		}
		pub, ok := llave.Public().(interface{ Equal(crypto.PublicKey) bool })
		if !ok || !pub.Equal(m.Emisor.PublicKey) {
			return nil, msg.New(msg.CodeHSMLlaveDistinta, t.Etiqueta, filepath.Join(dir, ArchivoEmisor))
		}
		return llave, nil
	})
}

// LlaveEnToken returns where the issuing CA's key of the data directory
// dir is in a PKCS#11 token, or nil when it is a file.
func LlaveEnToken(dir string) (*LlaveToken, error) {
	b, err := os.ReadFile(filepath.Join(dir, ArchivoAjustes))
	if err != nil {
		return nil, fmt.Errorf("ca: %w", err)
	}
	var aj Ajustes
	if err := json.Unmarshal(b, &aj); err != nil {
		return nil, fmt.Errorf("ca: %s: %w", ArchivoAjustes, err)
	}
	return aj.PKCS11, nil
}

// cargar reads a data directory with the issuing CA's key from llave,
// given the material without the key and the name of the key's file.
func cargar(dir string, llave func(m *Material, archivoLlave string) (crypto.Signer, error)) (*Material, error) {
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
	m.Emisor = m.Raiz
	archivoLlave := ArchivoLlaveRaiz
	if b, err = os.ReadFile(filepath.Join(dir, ArchivoEmisor)); err == nil {
		if m.Emisor, err = secrypto.ParseCertificate(b); err != nil {
			return nil, fmt.Errorf("ca: %s: %w", ArchivoEmisor, err)
		}
		if err := m.Emisor.CheckSignatureFrom(m.Raiz); err != nil {
			return nil, fmt.Errorf("ca: %s was not issued by %s: %w", ArchivoEmisor, ArchivoRaiz, err)
		}
		archivoLlave = ArchivoLlaveEmisor
		if m.CRLRaiz, err = read(ArchivoCRLRaiz); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("ca: %w", err)
	}
	if b, err = read(ArchivoAjustes); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &m.Ajustes); err != nil {
		return nil, fmt.Errorf("ca: %s: %w", ArchivoAjustes, err)
	}
	if m.LlaveEmisor, err = llave(m, archivoLlave); err != nil {
		return nil, err
	}
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
	return m, nil
}

// firmarCRLRaiz is the root's CRL: it lists nothing, since the root's
// only certificate is the issuing CA's and refca has no way to revoke it.
func firmarCRLRaiz(raiz *x509.Certificate, llave *rsa.PrivateKey, now time.Time) ([]byte, error) {
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number:     big.NewInt(now.UnixNano()),
		ThisUpdate: now.Add(-time.Minute),
		NextUpdate: now.Add(vidaCRLRaiz),
	}, raiz, llave)
	if err != nil {
		return nil, fmt.Errorf("ca: root CRL: %w", err)
	}
	return der, nil
}

// RenovarCRLRaiz signs the root's CRL again, valid for a year from now,
// with the root's key opened by contrasena (CodeContrasenaCA when it does
// not open it). A running serve publishes it when it starts again. It
// refuses a data directory from before the issuing CA, which has no
// root's CRL.
func RenovarCRLRaiz(dir string, contrasena []byte, now time.Time) error {
	if _, err := os.Stat(filepath.Join(dir, ArchivoEmisor)); err != nil {
		return fmt.Errorf("ca: %s has no issuing CA, so no root's CRL: %w", dir, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, ArchivoRaiz))
	if err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	raiz, err := secrypto.ParseCertificate(b)
	if err != nil {
		return fmt.Errorf("ca: %s: %w", ArchivoRaiz, err)
	}
	path := filepath.Join(dir, ArchivoLlaveRaiz)
	if b, err = os.ReadFile(path); err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	k, err := secrypto.ParseKey(b, contrasena)
	if errors.Is(err, secrypto.ErrWrongPassword) {
		return msg.Wrap(err, msg.CodeContrasenaCA, path, "--root-password-file")
	}
	if err != nil {
		return fmt.Errorf("ca: %s: %w", ArchivoLlaveRaiz, err)
	}
	if !k.PublicKey.Equal(raiz.PublicKey) {
		return fmt.Errorf("ca: %s is not the root's key", ArchivoLlaveRaiz)
	}
	der, err := firmarCRLRaiz(raiz, k, now)
	if err != nil {
		return err
	}
	if err := fsutil.WriteFile(filepath.Join(dir, ArchivoCRLRaiz), der, 0o644, true); err != nil {
		return fmt.Errorf("ca: write %s: %w", ArchivoCRLRaiz, err)
	}
	return nil
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

// pemLlave is k as PEM PKCS#8, encrypted with password unless it is nil.
func pemLlave(k *rsa.PrivateKey, password []byte) ([]byte, error) {
	if password == nil {
		return pemKey(k), nil
	}
	der, err := secrypto.EncryptKey(k, password, nil)
	if err != nil {
		return nil, fmt.Errorf("ca: encrypt key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: der}), nil
}

// LlaveEmisorCifrada reports whether the issuing CA's key in dir is
// encrypted, so that serve asks for its password only then.
func LlaveEmisorCifrada(dir string) bool {
	name := ArchivoLlaveEmisor
	if _, err := os.Stat(filepath.Join(dir, ArchivoEmisor)); err != nil {
		name = ArchivoLlaveRaiz
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return false
	}
	info, err := secrypto.DescribeKey(b)
	return err == nil && info.Encrypted
}

var oidAnyPolicy, _ = x509.ParseOID("2.5.29.32.0")

func parsePEMKey(b []byte) (any, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM PRIVATE KEY")
	}
	return x509.ParsePKCS8PrivateKey(blk.Bytes)
}

// RaizPEM returns the root certificate as PEM, what clients pin.
func (m *Material) RaizPEM() []byte { return pemCert(m.Raiz.Raw) }
