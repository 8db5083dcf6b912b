// Package credencial is what every front end does with an employer's
// credential files: make and save a protected .key, open .key/.cer/.pfx
// files with user-facing errors, build a .pfx, and describe any of them.
// It turns crypto's sentinel errors into catalogue messages (app/msg).
package credencial

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"os"
	"time"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/crypto"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// Permissions of the files written here: private material owner-only.
const (
	PermPrivado = 0o600
	PermPublico = 0o644
)

// Opciones tunes how a new .key is made and protected.
type Opciones struct {
	Bits        int                 // 0: crypto.DefaultBits
	Iteraciones int                 // 0: crypto.DefaultIterations
	Entropia    *crypto.EntropyPool // optional pointer samples to mix in
	Progreso    func(float64)       // optional key generation progress
	Forzar      bool                // replace an existing file
}

// RevisarContrasena applies the IMSS password policy and returns every
// rule broken as one msg.List (nil when the password is acceptable).
func RevisarContrasena(password []byte, usuario string) error {
	ps := patron.ValidarContrasena(string(password), usuario)
	if len(ps) == 0 {
		return nil
	}
	l := make(msg.List, len(ps))
	for i, p := range ps {
		l[i] = msg.New(p.Codigo)
	}
	return l
}

// NuevaLlave makes a key pair and writes it to path as an encrypted DER
// PKCS#8 .key (owner-only, atomic). It checks the password policy and that
// path can be written before the slow generation starts, and never
// replaces an existing file unless o.Forzar.
func NuevaLlave(path string, password []byte, usuario string, o Opciones) (*rsa.PrivateKey, error) {
	if err := RevisarContrasena(password, usuario); err != nil {
		return nil, err
	}
	if !o.Forzar {
		if _, err := os.Lstat(path); err == nil {
			return nil, msg.New(msg.CodeArchivoExiste, path)
		}
	}
	// PBKDF2 needs only the password: derive while the key pair is made.
	type derivado struct {
		e   *crypto.KeyEncrypter
		err error
	}
	ch := make(chan derivado, 1)
	go func() {
		e, err := crypto.NewKeyEncrypter(password, &crypto.KeyOptions{Iterations: o.Iteraciones, Entropy: o.Entropia})
		ch <- derivado{e, err}
	}()
	key, err := crypto.GenerateKey(o.Bits, o.Progreso)
	d := <-ch
	if errors.Is(err, crypto.ErrKeySize) {
		return nil, msg.Wrap(err, msg.CodeLlaveTamano, o.Bits)
	}
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	if d.err != nil {
		return nil, msg.Wrap(d.err, msg.CodeContrasenaVacia)
	}
	der, err := d.e.Encrypt(key)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return key, Escribir(path, der, PermPrivado, o.Forzar)
}

// GuardarLlave encrypts key with password and writes it to path.
func GuardarLlave(path string, key *rsa.PrivateKey, password []byte, o Opciones) error {
	der, err := crypto.EncryptKey(key, password, &crypto.KeyOptions{Iterations: o.Iteraciones, Entropy: o.Entropia})
	if err != nil {
		return msg.Wrap(err, msg.CodeContrasenaVacia)
	}
	return Escribir(path, der, PermPrivado, o.Forzar)
}

// Escribir writes a file atomically with user-facing errors.
func Escribir(path string, data []byte, perm os.FileMode, forzar bool) error {
	err := fsutil.WriteFile(path, data, perm, forzar)
	if errors.Is(err, fsutil.ErrExists) {
		return msg.Wrap(err, msg.CodeArchivoExiste, path)
	}
	if err != nil {
		return msg.Wrap(err, msg.CodeArchivoNoEscrito, path)
	}
	return nil
}

// Leer reads a file with a user-facing error.
func Leer(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeArchivoNoLeido, path)
	}
	return b, nil
}

// AbrirLlave reads and decrypts a .key file.
func AbrirLlave(path string, password []byte) (*rsa.PrivateKey, error) {
	data, err := Leer(path)
	if err != nil {
		return nil, err
	}
	return llave(data, password, path)
}

func llave(data, password []byte, path string) (*rsa.PrivateKey, error) {
	k, err := crypto.ParseKey(data, password)
	if err != nil {
		return nil, errorLlave(err, path)
	}
	return k, nil
}

// errorLlave is the catalogue error for a .key that crypto.ParseKey did not
// open.
func errorLlave(err error, path string) error {
	var se *crypto.SchemeError
	switch {
	case errors.Is(err, crypto.ErrWrongPassword):
		return msg.Wrap(err, msg.CodeContrasenaIncorrecta)
	case errors.Is(err, crypto.ErrNotRSA):
		return msg.Wrap(err, msg.CodeLlaveNoRSA, path)
	case errors.As(err, &se) && errors.Is(err, crypto.ErrKeyCostTooHigh):
		return msg.Wrap(err, msg.CodeLlaveCosto, path, se.Scheme, se.Cost, se.Limit)
	case errors.As(err, &se):
		return msg.Wrap(err, msg.CodeLlaveCifrado, se.Scheme, path)
	default:
		return msg.Wrap(err, msg.CodeLlaveDanada, path)
	}
}

// AbrirCertificado reads a .cer (DER or PEM).
func AbrirCertificado(path string) (*x509.Certificate, error) {
	data, err := Leer(path)
	if err != nil {
		return nil, err
	}
	c, err := crypto.ParseCertificate(data)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeCertDanado, path)
	}
	return c, nil
}

// AbrirCadena reads every certificate of a PEM or DER file (a chain or roots).
func AbrirCadena(path string) ([]*x509.Certificate, error) {
	data, err := Leer(path)
	if err != nil {
		return nil, err
	}
	cs, err := crypto.ParseCertificates(data)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeCertDanado, path)
	}
	return cs, nil
}

// AbrirPFX opens a .pfx file.
func AbrirPFX(path string, password []byte) (*crypto.Credential, error) {
	data, err := Leer(path)
	if err != nil {
		return nil, err
	}
	return pfx(data, password, path)
}

func pfx(data, password []byte, path string) (*crypto.Credential, error) {
	c, err := crypto.DecodePFX(data, password)
	switch {
	case err == nil:
		return c, nil
	case errors.Is(err, crypto.ErrWrongPassword):
		return nil, msg.Wrap(err, msg.CodeContrasenaIncorrecta)
	case errors.Is(err, crypto.ErrKeyMismatch):
		return nil, msg.Wrap(err, msg.CodeLlaveAjena)
	case errors.Is(err, crypto.ErrNotRSA):
		return nil, msg.Wrap(err, msg.CodeLlaveNoRSA, path)
	default:
		return nil, msg.Wrap(err, msg.CodePFXDanado, path)
	}
}

// ConstruirPFX builds the .pfx from a certificate, its key (opened with
// password, which also protects the .pfx) and an optional chain, and
// writes it to out. A key that is not the certificate's is refused.
func ConstruirPFX(cert *x509.Certificate, key *rsa.PrivateKey, chain []*x509.Certificate, password []byte, out string, forzar bool) ([]byte, error) {
	if !forzar {
		if _, err := os.Lstat(out); err == nil {
			return nil, msg.New(msg.CodeArchivoExiste, out)
		}
	}
	data, err := crypto.EncodePFX(&crypto.Credential{Key: key, Certificate: cert, Chain: chain}, password)
	if errors.Is(err, crypto.ErrKeyMismatch) {
		return nil, msg.Wrap(err, msg.CodeLlaveAjena)
	}
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return data, Escribir(out, data, PermPrivado, forzar)
}

// HuellaLlave is the SHA-256 of a public key's SubjectPublicKeyInfo, in
// hex: how the CLI and the app name a key without showing it.
func HuellaLlave(pub *rsa.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	s := sha256.Sum256(der)
	return hex.EncodeToString(s[:])
}

// Ahora is the clock of this package; tests replace it.
var Ahora = time.Now

// Entropia is the pool of pointer and key samples a front end collects
// while the user moves the mouse: additional input for the .key's salt
// and IV, never the key's source (see crypto.EntropyPool).
type Entropia = crypto.EntropyPool

// NuevaEntropia returns an empty pool that is full at objetivo bits
// (0: the library's default).
func NuevaEntropia(objetivo int) *Entropia { return crypto.NewEntropyPool(objetivo) }

// Credencial is an opened .pfx: key, certificate and chain.
type Credencial = crypto.Credential
