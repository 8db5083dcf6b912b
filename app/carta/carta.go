// Package carta generates the IMSS letters of the NPIE procedures as PDF
// documents: the Carta de Términos y Condiciones of a new request, the Carta
// de Aceptación de Renovación, the renewal's second Carta de Términos y
// Condiciones and the clerk's Constancia de Recepción del Certificado Digital.
//
// Letters are A4, in Spanish, with subsets of the embedded Liberation fonts
// (package assets), so accents and ñ print and extract correctly. They are
// built with pdfcpu, written with a classic cross-reference table (the PDF
// signer appends a classic incremental update), and reproducible: the same
// data gives the same bytes, because every date in them comes from the data
// and never from the clock. A server can therefore check that a letter
// handed back is the one it issued.
package carta

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/seguritools/seguritools/app/patron"
)

// ErrDatosIncompletos reports that a letter lacks data it must print.
var ErrDatosIncompletos = errors.New("carta: faltan datos")

// Tipo names a kind of letter, as the command line spells it.
type Tipo string

// The letters this package generates.
const (
	TipoTerminos           Tipo = "terminos"
	TipoRenovacion         Tipo = "renovacion"
	TipoTerminosRenovacion Tipo = "terminos-renovacion"
	TipoConstancia         Tipo = "constancia"
)

// Tipos lists every Tipo, in the order of the procedures.
func Tipos() []Tipo {
	return []Tipo{TipoTerminos, TipoRenovacion, TipoTerminosRenovacion, TipoConstancia}
}

// ParseTipo returns the Tipo spelled s; it refuses unknown names.
func ParseTipo(s string) (Tipo, error) {
	for _, t := range Tipos() {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("carta: tipo de carta desconocido %q", s)
}

// Titulo is the letter's title as printed on it.
func (t Tipo) Titulo() string {
	switch t {
	case TipoTerminos:
		return tituloTerminos
	case TipoRenovacion:
		return tituloRenovacion
	case TipoTerminosRenovacion:
		return tituloTerminosRen
	case TipoConstancia:
		return tituloConstancia
	}
	return ""
}

// NombreArchivo is the file name to offer when saving the letter; the
// renewal one is the name the IMSS manual tells users to look for.
func (t Tipo) NombreArchivo() string {
	switch t {
	case TipoTerminos:
		return "CartaTerminosyCondiciones.pdf"
	case TipoRenovacion:
		return "CartadeAceptaciondeRenovacion.pdf"
	case TipoTerminosRenovacion:
		return "CartaTerminosyCondicionesRenovacion.pdf"
	case TipoConstancia:
		return "ConstanciadeRecepcion.pdf"
	}
	return ""
}

// Datos is what the three employer letters print.
type Datos struct {
	// Solicitud is the employer, the representative and the fiscal address.
	Solicitud patron.Solicitud `json:"solicitud"`
	// Lugar is the place in the dateline; empty means "Ciudad de México".
	Lugar string `json:"lugar,omitempty"`
	// Fecha is the letter's date. It is also the PDF's creation date, so a
	// letter issued again with the same Fecha has the same bytes.
	Fecha time.Time `json:"fecha"`
	// Folio identifies this letter (NuevoFolio draws one).
	Folio Folio `json:"folio"`
	// Usuario is the IDSE user; empty means Solicitud.Representante.Usuario.
	Usuario string `json:"usuario,omitempty"`
	// NPIE is the Número Patronal de Identificación Electrónica.
	NPIE string `json:"npie"`
	// LlavePublica is the (new) key pair's DER SubjectPublicKeyInfo.
	LlavePublica []byte `json:"llave_publica"`
	// LlavePublicaAnterior is the previous certificate's DER
	// SubjectPublicKeyInfo: required by the Carta de Aceptación de
	// Renovación, optional in the renewal's Carta de Términos y Condiciones.
	LlavePublicaAnterior []byte `json:"llave_publica_anterior,omitempty"`
	// CadenaCartaAnterior is the hex SHA-256 of the signed Carta de
	// Aceptación de Renovación (see CadenaIdentificacion); required by the
	// renewal's Carta de Términos y Condiciones.
	CadenaCartaAnterior string `json:"cadena_carta_anterior,omitempty"`
}

// DatosConstancia is what the Constancia de Recepción del Certificado
// Digital prints.
type DatosConstancia struct {
	Empresa       patron.Empresa       `json:"empresa"`
	Representante patron.Representante `json:"representante"`
	NPIE          string               `json:"npie"`
	// NumeroSerie is the certificate's serial number, as the CA shows it.
	NumeroSerie string `json:"numero_serie"`
	// VigenciaDesde and VigenciaHasta are the certificate's validity.
	VigenciaDesde time.Time `json:"vigencia_desde"`
	VigenciaHasta time.Time `json:"vigencia_hasta"`
	// Funcionario is the clerk who handed the certificate over.
	Funcionario string `json:"funcionario"`
	// Subdelegacion is the clerk's office, e.g. "Centro".
	Subdelegacion string `json:"subdelegacion"`
	// Lugar is the place in the dateline; empty means "Ciudad de México".
	Lugar string `json:"lugar,omitempty"`
	// Fecha is the date of delivery and of the PDF.
	Fecha time.Time `json:"fecha"`
}

// Generador renders letters. It is safe for concurrent use.
type Generador struct {
	dir     string
	conf    *model.Configuration
	met     *[numFuentes]metrica
	base    [numFuentes]map[uint16]bool
	fuentes fuentesPDF
}

// NuevoGenerador prepares pdfcpu in dirConfig (its files go to
// dirConfig/pdfcpu; nothing is written to the user's ~/.config), installs
// the letters' fonts there once (later generators on the same directory
// reuse them) and builds the embedded fonts every letter shares. It takes a
// fraction of a second: make one generator and keep it.
//
// pdfcpu's configuration is process-wide: the generator last used points
// pdfcpu at its own directory, so other pdfcpu users in the process see that
// configuration too. Use one directory per process, the application's own
// configuration directory; tests may use one each.
func NuevoGenerador(dirConfig string) (*Generador, error) {
	if dirConfig == "" {
		return nil, errors.New("carta: falta el directorio de configuración de pdfcpu")
	}
	dir, err := filepath.Abs(dirConfig)
	if err != nil {
		return nil, fmt.Errorf("carta: directorio de configuración: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("carta: directorio de configuración: %w", err)
	}
	pdfcpuMu.Lock()
	defer pdfcpuMu.Unlock()
	met, err := activarPDFCPU(dir)
	if err != nil {
		return nil, err
	}
	conf := model.NewDefaultConfiguration()
	conf.Offline = true
	conf.ValidationMode = model.ValidationRelaxed
	g := &Generador{dir: dir, conf: conf, met: met}
	g.fuentes.plantillas = map[string]*plantillaFuente{}
	for f := range g.base {
		g.base[f] = glifosBase(&met[f])
	}
	// Build the fonts every letter embeds now, not in the first request.
	for f := range numFuentes {
		if _, err := g.plantillaPara(f, nil); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Terminos renders the Carta de Términos y Condiciones para la Obtención y
// Uso del NPIE y Certificado Digital of a new request.
func (g *Generador) Terminos(d Datos) ([]byte, error) {
	return g.carta(TipoTerminos, d)
}

// Renovacion renders the Carta de Aceptación de Renovación de Certificado
// Digital, which shows the new and the previous public key and is signed
// with the previous certificate.
func (g *Generador) Renovacion(d Datos) ([]byte, error) {
	return g.carta(TipoRenovacion, d)
}

// TerminosRenovacion renders the renewal's Carta de Términos y Condiciones,
// signed with the new certificate. It carries the Cadena de Identificación
// of the signed Carta de Aceptación de Renovación.
func (g *Generador) TerminosRenovacion(d Datos) ([]byte, error) {
	return g.carta(TipoTerminosRenovacion, d)
}

// Constancia renders the Constancia de Recepción del Certificado Digital the
// clerk hands over with the certificate.
func (g *Generador) Constancia(c DatosConstancia) ([]byte, error) {
	if err := c.validar(); err != nil {
		return nil, err
	}
	info := infoDoc{titulo: tituloConstancia, asunto: "NPIE " + c.NPIE, fecha: c.Fecha}
	return g.escribirPDF(maquetar(bloquesConstancia(c), g.met), info)
}

// Generar renders a letter of kind t, for the command line. datos is a Datos
// (or *Datos) for the employer letters and a DatosConstancia (or
// *DatosConstancia) for TipoConstancia.
func (g *Generador) Generar(t Tipo, datos any) ([]byte, error) {
	switch v := datos.(type) {
	case *Datos:
		if v == nil {
			break
		}
		return g.Generar(t, *v)
	case *DatosConstancia:
		if v == nil {
			break
		}
		return g.Generar(t, *v)
	case Datos:
		switch t {
		case TipoTerminos, TipoRenovacion, TipoTerminosRenovacion:
			return g.carta(t, v)
		}
	case DatosConstancia:
		if t == TipoConstancia {
			return g.Constancia(v)
		}
	}
	if t.Titulo() == "" {
		return nil, fmt.Errorf("carta: tipo de carta desconocido %q", t)
	}
	return nil, fmt.Errorf("carta: la carta %q no se genera con %T", t, datos)
}

func (g *Generador) carta(t Tipo, d Datos) ([]byte, error) {
	c, err := prepararCarta(t, d)
	if err != nil {
		return nil, err
	}
	info := infoDoc{titulo: t.Titulo(), asunto: "NPIE " + d.NPIE + ", folio " + FolioHex(d.Folio), fecha: d.Fecha}
	return g.escribirPDF(maquetar(bloquesCarta(c), g.met), info)
}

// faltan returns ErrDatosIncompletos naming the empty fields, or nil.
func faltan(campos ...[2]string) error {
	var vacios []string
	for _, c := range campos {
		if strings.TrimSpace(c[1]) == "" {
			vacios = append(vacios, c[0])
		}
	}
	if len(vacios) == 0 {
		return nil
	}
	return &ErrFaltan{Campos: vacios}
}

// ErrFaltan is ErrDatosIncompletos naming the empty fields (in Spanish,
// as the letter calls them), so a message can list them.
type ErrFaltan struct{ Campos []string }

func (e *ErrFaltan) Error() string {
	return ErrDatosIncompletos.Error() + ": " + strings.Join(e.Campos, ", ")
}

// Is makes errors.Is(err, ErrDatosIncompletos) hold.
func (e *ErrFaltan) Is(target error) bool { return target == ErrDatosIncompletos }

func (c DatosConstancia) validar() error {
	if err := faltan(
		[2]string{"razón social", c.Empresa.RazonSocial},
		[2]string{"registro patronal", c.Empresa.RegistroPatronal},
		[2]string{"RFC", c.Empresa.RFC},
		[2]string{"nombre del representante", c.Representante.NombreCompleto()},
		[2]string{"NPIE", c.NPIE},
		[2]string{"número de serie", c.NumeroSerie},
		[2]string{"funcionario", c.Funcionario},
		[2]string{"subdelegación", c.Subdelegacion},
	); err != nil {
		return err
	}
	switch {
	case c.Fecha.IsZero():
		return fmt.Errorf("%w: fecha", ErrDatosIncompletos)
	case c.VigenciaDesde.IsZero() || c.VigenciaHasta.IsZero():
		return fmt.Errorf("%w: vigencia", ErrDatosIncompletos)
	case !c.VigenciaHasta.After(c.VigenciaDesde):
		return errors.New("carta: la vigencia termina antes de empezar")
	}
	return nil
}
