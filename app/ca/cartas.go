package ca

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"time"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/store"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// DatosCarta is what the authority knows when it renders a letter.
type DatosCarta struct {
	Folio          string // 32 hex digits
	NPIE, Usuario  string
	Datos          patron.Solicitud
	Llave          []byte // (new) public key, DER SubjectPublicKeyInfo
	LlaveAnterior  []byte // renewal: the old certificate's key
	CadenaAnterior string // renewal: Cadena de Identificación of the signed acceptance
	Serial         string
	Clerk          string // the clerk's full name
	NoAntes        time.Time
	NoDespues      time.Time
	Fecha          time.Time // in the CA's zone
	// Subdelegacion is the CA's office: the letters' place and the
	// Constancia's office.
	Subdelegacion string
}

// paraCarta completes d with what every letter takes from the CA: its
// subdelegación, and every instant in the CA's zone (Mexico City), so a
// letter never prints UTC.
func (a *Authority) paraCarta(d DatosCarta) DatosCarta {
	d.Subdelegacion = a.cfg.Subdelegacion
	for _, t := range []*time.Time{&d.Fecha, &d.NoAntes, &d.NoDespues} {
		if !t.IsZero() {
			*t = t.In(a.cfg.Zona)
		}
	}
	return d
}

// Cartas renders the letters of the procedures. The real implementation
// is app/carta; tests that do not look at letters may pass a cheaper one.
type Cartas interface {
	Terminos(d DatosCarta) ([]byte, error)
	AceptacionRenovacion(d DatosCarta) ([]byte, error)
	TerminosRenovacion(d DatosCarta) ([]byte, error)
	Constancia(d DatosCarta) ([]byte, error)
}

// NuevasCartas returns the app/carta letters with pdfcpu configured in dir
// (inside refca's data directory, never the user's ~/.config).
func NuevasCartas(dir string) (Cartas, error) {
	g, err := carta.NuevoGenerador(dir)
	if err != nil {
		return nil, err
	}
	return cartasPDF{g}, nil
}

type cartasPDF struct{ g *carta.Generador }

func (c cartasPDF) datos(d DatosCarta) (carta.Datos, error) {
	f, err := carta.ParseFolio(d.Folio)
	if err != nil {
		return carta.Datos{}, err
	}
	return carta.Datos{Solicitud: d.Datos, Lugar: d.Subdelegacion, Fecha: d.Fecha, Folio: f, Usuario: d.Usuario, NPIE: d.NPIE,
		LlavePublica: d.Llave, LlavePublicaAnterior: d.LlaveAnterior, CadenaCartaAnterior: d.CadenaAnterior}, nil
}

func (c cartasPDF) Terminos(d DatosCarta) ([]byte, error) {
	x, err := c.datos(d)
	if err != nil {
		return nil, err
	}
	return c.g.Terminos(x)
}

func (c cartasPDF) AceptacionRenovacion(d DatosCarta) ([]byte, error) {
	x, err := c.datos(d)
	if err != nil {
		return nil, err
	}
	return c.g.Renovacion(x)
}

func (c cartasPDF) TerminosRenovacion(d DatosCarta) ([]byte, error) {
	x, err := c.datos(d)
	if err != nil {
		return nil, err
	}
	return c.g.TerminosRenovacion(x)
}

func (c cartasPDF) Constancia(d DatosCarta) ([]byte, error) {
	return c.g.Constancia(carta.DatosConstancia{Empresa: d.Datos.Empresa, Representante: d.Datos.Representante,
		NPIE: d.NPIE, NumeroSerie: d.Serial, VigenciaDesde: d.NoAntes, VigenciaHasta: d.NoDespues,
		Funcionario: d.Clerk, Subdelegacion: d.Subdelegacion, Lugar: d.Subdelegacion, Fecha: d.Fecha})
}

// verificarCarta checks a signed letter against the bytes served (base)
// and the certificate that must have signed it:
//   - it must start with exactly base and add something: otherwise it is
//     another file, error 71 (the IMSS message);
//   - one of its signatures must be intact (digest and value) and cover
//     the whole file;
//   - that signature's certificate must be the expected one, byte for
//     byte; a valid signature by anyone else is CARTA_OTRO_FIRMANTE;
//   - a signature time stamp, when there is one, must verify and come
//     from a TSA this CA's root vouches for (refca's own): the renewal's
//     Carta de Aceptación relies on it once the old certificate is
//     revoked.
//
// The signer's chain is not judged: the expected certificate is this CA's
// own record, and an expired certificate legitimately signs the
// acceptance letter of its renewal.
func (a *Authority) verificarCarta(base, firmada []byte, esperado *store.Certificado) error {
	if len(firmada) <= len(base) || !bytes.HasPrefix(firmada, base) {
		if bytes.Equal(firmada, base) {
			return msg.New(msg.CodeCartaSinFirma)
		}
		return msg.New(msg.CodeCartaEquivocada)
	}
	roots := x509.NewCertPool()
	roots.AddCert(a.raiz)
	rs, err := secrypto.VerifyPDFWith(firmada, secrypto.VerifyOptions{Roots: roots})
	if err != nil {
		if errors.Is(err, secrypto.ErrNoSignatures) {
			return msg.Wrap(err, msg.CodeCartaSinFirma)
		}
		return msg.Wrap(err, msg.CodeCartaEquivocada)
	}
	otro := false
	for _, r := range rs {
		if !r.DigestValid || !r.SignatureValid || !r.CoversWholeFile || r.Certificate == nil ||
			r.Timestamp != nil && !r.TimestampValid {
			continue
		}
		if bytes.Equal(r.Certificate.Raw, esperado.DER) {
			return nil
		}
		otro = true
	}
	if otro {
		return msg.New(msg.CodeCartaFirmante, esperado.Serial)
	}
	return msg.New(msg.CodeCartaSinFirma)
}

func hashCarta(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}
