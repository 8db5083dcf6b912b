// Package tramite is what the desktop app does between the user's input
// and the CA client when a procedure must survive being interrupted: the
// key pair is made and saved first, the progress recorded (app/progreso),
// and the request built from the saved key afterwards, so a resumed
// procedure uses the same key instead of making a new one. It also
// describes and verifies the files the app shows.
package tramite

import (
	"context"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/crypto"
)

// RequerimientoRenovacion builds the PKCS#10 of a renewal of old with the
// new key: the same holder, with the new email when it changes.
func RequerimientoRenovacion(key *rsa.PrivateKey, old *crypto.Credential, cambios *patron.Cambios) ([]byte, error) {
	s := old.Certificate.Subject
	sub := crypto.RequestSubject{RFC: crypto.SubjectRFC(s), CURP: crypto.SubjectCURP(s), Nombre: s.CommonName,
		Correo: crypto.SubjectEmail(s)}
	if len(s.Organization) > 0 {
		sub.RazonSocial = s.Organization[0]
	}
	if cambios != nil && cambios.Correo != "" {
		sub.Correo = cambios.Normalizada().Correo
	}
	csr, err := crypto.CreateRequest(key, sub)
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return csr, nil
}

// AbrirLlaveDe opens the .key a procedure made and checks it is still the
// same key (its public key's fingerprint), so a file replaced meanwhile is
// noticed before anything is sent.
func AbrirLlaveDe(t *progreso.Tramite, password []byte) (*rsa.PrivateKey, error) {
	k, err := credencial.AbrirLlave(t.Llave, password)
	if err != nil {
		return nil, err
	}
	if t.HuellaLlave != "" && credencial.HuellaLlave(&k.PublicKey) != t.HuellaLlave {
		return nil, msg.New(msg.CodeUILlaveCambiada, t.Llave)
	}
	return k, nil
}

// GuardarPFX writes cred as a .pfx protected by password (never over an
// existing file) and remembers the certificate in "Mis certificados".
func GuardarPFX(a *progreso.Almacen, cred *crypto.Credential, password []byte, ruta string) error {
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, password, ruta, false); err != nil {
		return err
	}
	return Recordar(a, cred.Certificate, ruta)
}

// Recordar adds a certificate to "Mis certificados".
func Recordar(a *progreso.Almacen, c *x509.Certificate, ruta string) error {
	if a == nil {
		return nil
	}
	d := crypto.Describe(c, time.Now())
	return a.RecordarCertificado(progreso.Certificado{Archivo: ruta, Serial: d.Serial, Titular: d.Nombre, NoDespues: c.NotAfter})
}

// OlvidarRevocado removes from "Mis certificados" the certificate the CA
// has just revoked (st is its answer) and, for a main certificate, the
// additional ones the CA revoked with it. The additionals this app made
// know their main certificate; for an entry of unknown kind (a .cer added
// by hand) the CA is asked, and an entry it cannot tell about stays.
func OlvidarRevocado(ctx context.Context, c *client.Client, a *progreso.Almacen, st *wire.Estado) error {
	if a == nil {
		return nil
	}
	if err := a.OlvidarCertificado(st.Serial); err != nil {
		return err
	}
	if st.Tipo != progreso.TipoPrincipal {
		return nil
	}
	cs, err := a.Certificados()
	if err != nil {
		return err
	}
	for _, x := range cs {
		ligado := x.Principal == st.Serial
		if !ligado && x.Tipo == "" {
			w, err := c.Certificado(ctx, x.Serial)
			ligado = err == nil && w.Tipo == progreso.TipoAdicional && w.Principal == st.Serial
		}
		if !ligado {
			continue
		}
		if err := a.OlvidarCertificado(x.Serial); err != nil {
			return err
		}
	}
	return nil
}

// Info is what the app shows about a certificate.
type Info = crypto.CertInfo

// Describir is what the app shows about a certificate.
func Describir(c *x509.Certificate) Info { return crypto.Describe(c, time.Now()) }

// EstadoEnCA is the CA's status of the certificate info describes
// (vigente, vencido, revocado, carta_pendiente): a revocation only the CA
// knows. It is "" when the CA cannot be asked or did not issue that very
// certificate (same serial, other bytes).
func EstadoEnCA(ctx context.Context, c *client.Client, info crypto.CertInfo) string {
	w, err := c.Certificado(ctx, info.Serial)
	if err != nil {
		return ""
	}
	if suma := sha256.Sum256(w.Certificado); hex.EncodeToString(suma[:]) != info.SHA256 {
		return ""
	}
	return w.Estado
}

// ValidarDestino checks a path the user chose for a new .key or .pfx
// (ext ".key" or ".pfx") before anything slow happens: given, with the
// right extension, in an existing folder, and not an existing file (the
// app never replaces a key or a certificate). campo is the form field's
// path the problem belongs to.
func ValidarDestino(campo, ruta, ext string) *patron.Problema {
	p := func(code string) *patron.Problema { return &patron.Problema{Campo: campo, Codigo: code} }
	ruta = strings.TrimSpace(ruta)
	switch {
	case ruta == "":
		return p(msg.CodeDatoRequerido)
	case !strings.EqualFold(filepath.Ext(ruta), ext):
		if ext == ".pfx" {
			return p(msg.CodeUIExtensionPFX)
		}
		return p(msg.CodeUIExtensionKey)
	}
	if st, err := os.Stat(filepath.Dir(ruta)); err != nil || !st.IsDir() {
		return p(msg.CodeUICarpetaNoExiste)
	}
	if _, err := os.Lstat(ruta); err == nil {
		return p(msg.CodeUILlaveExiste)
	}
	return nil
}

// ValidarExistente checks a path of a file the user must open.
func ValidarExistente(campo, ruta string) *patron.Problema {
	ruta = strings.TrimSpace(ruta)
	if ruta == "" {
		return &patron.Problema{Campo: campo, Codigo: msg.CodeDatoRequerido}
	}
	if st, err := os.Stat(ruta); err != nil || st.IsDir() {
		return &patron.Problema{Campo: campo, Codigo: msg.CodeUIArchivoNoExiste}
	}
	return nil
}

// Enviando returns the context for the procedure's creating call: it
// carries t's Idempotency-Key, made and saved with t's progress the first
// time, so that a request sent again after a crash or a lost answer is
// recognised by the CA instead of refused as a duplicate.
func Enviando(ctx context.Context, a *progreso.Almacen, t *progreso.Tramite) (context.Context, error) {
	if t.Clave == "" {
		t.Clave = client.NuevaClave()
		if err := a.Guardar(t); err != nil {
			t.Clave = ""
			return nil, msg.Wrap(err, msg.CodeInterno)
		}
	}
	return client.ConClave(ctx, t.Clave), nil
}

// problemasError is every error of ps (warnings left out) as one list.
func problemasError(ps patron.Problemas) error { return ps.Errores() }

// conectado refuses a call to the CA when no CA is configured.
func conectado(c *client.Client) error {
	if c == nil {
		return msg.New(msg.CodeServidorNoDisponible, "")
	}
	return nil
}

// ActualizarCertificados asks the CA about every certificate of Mis
// certificados and keeps what it says: its state (a certificate a renewal
// replaced is EstadoReemplazado, not merely revoked), its kind, NPIE and
// main certificate. It returns the refreshed list. When the CA cannot be
// reached the list is returned as last known, with aviso saying so.
func ActualizarCertificados(ctx context.Context, c *client.Client, a *progreso.Almacen) (cs []progreso.Certificado, aviso error, err error) {
	cs, err = a.Certificados()
	if err != nil {
		return nil, nil, msg.Wrap(err, msg.CodeInterno)
	}
	if c == nil {
		return cs, msg.New(msg.CodeCASinConexionContinuar), nil
	}
	cambio := false
	for i := range cs {
		x := &cs[i]
		st, err := c.Estado(ctx, x.Serial)
		if msg.CodeOf(err) == msg.CodeServidorNoDisponible {
			return cs, msg.Wrap(err, msg.CodeCASinConexionContinuar), nil
		}
		if err != nil {
			continue
		}
		estado := st.Estado
		if estado == estadoRevocado && reemplazado(st) {
			estado = progreso.EstadoReemplazado
		}
		x.Estado, x.Revisado = estado, time.Now()
		if st.Tipo != "" {
			x.Tipo = st.Tipo
		}
		if st.NPIE != "" {
			x.NPIE = st.NPIE
		}
		if x.Tipo == progreso.TipoAdicional && x.Principal == "" {
			if w, err := c.Certificado(ctx, x.Serial); err == nil {
				x.Principal = w.Principal
			}
		}
		cambio = true
	}
	if cambio {
		if err := a.Actualizar(cs); err != nil {
			return cs, nil, msg.Wrap(err, msg.CodeInterno)
		}
	}
	return cs, nil, nil
}
