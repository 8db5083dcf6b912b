// Package firma signs letters (PDF) with an employer's credential and
// verifies their signatures, with user-facing errors and results.
package firma

import (
	"crypto/x509"
	"errors"
	"net/http"
	"time"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/crypto"
)

// Opciones says how a letter is signed.
type Opciones struct {
	Motivo  string    // /Reason; empty: "Firma de carta del Certificado Digital IMSS"
	Lugar   string    // /Location
	Hora    time.Time // /M; zero: now
	Visible bool      // stamp with name, RFC and date on the last page
	// TSA is the URL of an RFC 3161 time-stamp authority (refca's is
	// client.URLTSA); set, the signature carries a signature time stamp
	// (PAdES B-T). "" signs without one (B-B).
	TSA string
	// HTTP is the client TSA is asked with: the refca client's (pinned
	// roots) for refca's TSA; nil means a plain client with a timeout of
	// TiempoTSA. CRLs for LT are fetched with it too.
	HTTP *http.Client
	// LT adds, once the signature is time-stamped, a further incremental
	// update with a DSS (PAdES B-LT): the certificates of the signer, its
	// chain and the TSA, and the CRLs their CRL distribution points
	// serve. A letter sent to refca must not have it: the CA wants the
	// signature to cover the whole file.
	LT bool
	// LTA is LT and then a document time stamp from TSA over all of it
	// (PAdES B-LTA), which a later one can renew.
	LTA bool
}

// Firmar signs pdf (read from the file named nombre, for messages) with
// cred and returns the signed bytes. With o.TSA the signature gets a time
// stamp; when the authority cannot give one, the letter is signed without
// it (B-B) and aviso (a *msg.Error, CodeSinSelloTiempo) says so: the
// signature is still good, but no longer proves its time once the
// certificate is revoked or expires.
func Firmar(pdf []byte, nombre string, cred *crypto.Credential, o Opciones) (firmado []byte, aviso, err error) {
	if o.Motivo == "" {
		o.Motivo = "Firma de carta del Certificado Digital IMSS"
	}
	so := crypto.SignOptions{Reason: o.Motivo, Location: o.Lugar, Time: o.Hora, Visible: o.Visible}
	if o.TSA != "" {
		so.Timestamp = Sellador(o.TSA, o.HTTP)
	}
	out, err := crypto.SignPDF(pdf, cred, so)
	if errors.Is(err, crypto.ErrTimestamp) {
		aviso = msg.Wrap(err, msg.CodeSinSelloTiempo, o.TSA)
		so.Timestamp = nil
		out, err = crypto.SignPDF(pdf, cred, so)
	}
	if err != nil {
		return nil, nil, errorPDF(err, nombre)
	}
	if (o.LT || o.LTA) && aviso == nil {
		lt, err := agregarDSS(out, o.HTTP)
		if err != nil {
			return out, msg.Wrap(err, msg.CodeSinDatosValidacion), nil
		}
		out = lt
		if o.LTA {
			lta, err := crypto.AddDocumentTimestamp(out, so.Timestamp)
			if err != nil {
				return out, msg.Wrap(err, msg.CodeSinSelloDocumento, o.TSA), nil
			}
			out = lta
		}
	}
	return out, aviso, nil
}

// Resultado is one signature's verdict as a user is shown it.
type Resultado struct {
	Campo          string    `json:"campo"`
	Firmante       string    `json:"firmante"`
	RFC            string    `json:"rfc,omitempty"`
	Serie          string    `json:"serie,omitempty"`
	Fecha          time.Time `json:"fecha,omitempty"`
	Motivo         string    `json:"motivo,omitempty"`
	IntegridadOK   bool      `json:"integridad_valida"`
	FirmaOK        bool      `json:"firma_valida"`
	CadenaOK       bool      `json:"cadena_confiable"`
	CadenaRevisada bool      `json:"cadena_revisada"`
	CubreTodo      bool      `json:"cubre_todo_el_archivo"`
	Valida         bool      `json:"valida"`
	// Nivel is the PAdES baseline level: B-B, B-T, B-LT or B-LTA ("" for a
	// document time stamp).
	Nivel string `json:"nivel,omitempty"`
	// Sello is the time its signature time stamp proves (zero without a
	// valid one); the chain and revocation were judged at it.
	Sello *time.Time `json:"sello_tiempo,omitempty"`
	// Revocado is when the signer's certificate was revoked, when the CA
	// was asked and says so.
	Revocado *time.Time `json:"revocado,omitempty"`
	// Nota explains a valid verdict that needs it ("firmada antes de la
	// revocación").
	Nota string `json:"nota,omitempty"`
	// Problema is the problem's message in the chosen language, without
	// its code line (the code is Codigo).
	Problema string `json:"problema,omitempty"`
	Codigo   string `json:"codigo,omitempty"`
	// Error is the problem as a catalogue error, nil for a valid signature.
	Error *msg.Error `json:"-"`
}

// Verificar is VerificarCon with roots only, without asking anyone about
// revocation.
func Verificar(pdf []byte, nombre string, roots *x509.CertPool, lang msg.Lang) ([]Resultado, error) {
	return VerificarCon(pdf, nombre, OpcionesVerificar{Raices: roots}, lang)
}

// OpcionesVerificar says what Verificar trusts and whom it asks.
type OpcionesVerificar struct {
	// Raices are the trusted roots, for signers and time-stamp
	// authorities; nil: chains are not checked.
	Raices *x509.CertPool
	// Estado, when set, tells a certificate's revocation status (the
	// tramite layer asks refca); see crypto.VerifyOptions.Revocation.
	Estado func(cert, issuer *x509.Certificate) (*crypto.Revocation, error)
}

// VerificarCon checks every signature of pdf. Without roots the chain is
// not checked, which alone does not make a signature invalid. A signature
// is Valida when its digest and value verify and, if roots were given, its
// certificate chains to them and is not revoked: at the time its time
// stamp proves (B-T and up), or now when it has none. A certificate
// revoked after a time-stamped signature leaves it valid, with a Nota.
func VerificarCon(pdf []byte, nombre string, o OpcionesVerificar, lang msg.Lang) ([]Resultado, error) {
	roots := o.Raices
	rs, err := crypto.VerifyPDFWith(pdf, crypto.VerifyOptions{Roots: roots, Revocation: o.Estado})
	if err != nil {
		return nil, errorPDF(err, nombre)
	}
	if len(rs) == 0 {
		return nil, msg.New(msg.CodePDFSinFirmas, nombre)
	}
	out := make([]Resultado, len(rs))
	for i, r := range rs {
		v := Resultado{Campo: r.Field, Firmante: r.Name, RFC: r.RFC, Serie: r.Serial, Fecha: r.SigningTime,
			Motivo: r.Reason, IntegridadOK: r.DigestValid, FirmaOK: r.SignatureValid, CadenaOK: r.ChainValid,
			CadenaRevisada: roots != nil, CubreTodo: r.CoversWholeFile, Nivel: r.Level}
		if r.TimestampValid {
			at := r.Timestamp.GenTime
			v.Sello = &at
		}
		if r.Revocation != nil && r.Revocation.Revoked {
			at := r.Revocation.At
			v.Revocado = &at
		}
		revocada := errors.Is(r.Err, crypto.ErrRevoked)
		selloMalo := errors.Is(r.Err, crypto.ErrTimestampInvalid) && roots != nil
		v.Valida = r.DigestValid && r.SignatureValid && (roots == nil || r.ChainValid) && !revocada && !selloMalo
		switch {
		case !r.DigestValid || !r.SignatureValid || revocada || selloMalo:
			e := msg.New(msg.CodeFirmaNoValida, r.Field, Motivo(r))
			v.Problema, v.Codigo, v.Error = e.Mensaje(lang), e.Code, e
		case roots != nil && !r.ChainValid:
			e := msg.New(msg.CodeCadenaNoConfiable, r.Field)
			v.Problema, v.Codigo, v.Error = e.Mensaje(lang), e.Code, e
		}
		if v.Valida && r.SignedBeforeRevocation {
			v.Nota = msg.New(msg.CodeNotaAntesRevocacion, r.Revocation.At.Format(time.RFC3339)).Mensaje(lang)
		}
		out[i] = v
	}
	return out, nil
}

// Motivo returns why the signature r failed, as a catalogue text to pass
// as the reason of msg.CodeFirmaNoValida.
func Motivo(r crypto.SignatureResult) *msg.Error {
	switch {
	case r.DigestValid && r.SignatureValid && errors.Is(r.Err, crypto.ErrRevoked):
		return msg.New(msg.CodeMotivoRevocado, r.Revocation.At.Format(time.RFC3339))
	case r.DigestValid && r.SignatureValid && errors.Is(r.Err, crypto.ErrTimestampInvalid):
		return msg.New(msg.CodeMotivoSelloInvalido)
	case errors.Is(r.Err, crypto.ErrDigestMismatch) || !r.DigestValid && r.SignatureValid:
		return msg.New(msg.CodeMotivoModificado)
	case errors.Is(r.Err, crypto.ErrSignerNotIncluded):
		return msg.New(msg.CodeMotivoSinCertificado)
	case errors.Is(r.Err, crypto.ErrByteRangeInvalid):
		return msg.New(msg.CodeMotivoRangoInvalido)
	case errors.Is(r.Err, crypto.ErrNotCMS), errors.Is(r.Err, crypto.ErrCMSUnsupported):
		return msg.New(msg.CodeMotivoFirmaDanada)
	}
	return msg.New(msg.CodeMotivoFirmaAjena)
}

func errorPDF(err error, nombre string) error {
	switch {
	case errors.Is(err, crypto.ErrPDFTooLarge):
		return msg.Wrap(err, msg.CodePDFGrande, nombre)
	case errors.Is(err, crypto.ErrPDFEncrypted):
		return msg.Wrap(err, msg.CodePDFCifrado, nombre)
	case errors.Is(err, crypto.ErrNoSignatures):
		return msg.Wrap(err, msg.CodePDFSinFirmas, nombre)
	case errors.Is(err, crypto.ErrKeyMismatch):
		return msg.Wrap(err, msg.CodeLlaveAjena)
	case errors.Is(err, crypto.ErrNotPDF), errors.Is(err, crypto.ErrPDFMalformed):
		return msg.Wrap(err, msg.CodePDFInvalido, nombre)
	}
	return msg.Wrap(err, msg.CodeInterno)
}
