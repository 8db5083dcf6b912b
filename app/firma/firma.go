// Package firma signs letters (PDF) with an employer's credential and
// verifies their signatures, with user-facing errors and results.
package firma

import (
	"crypto/x509"
	"errors"
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
}

// Firmar signs pdf (read from the file named nombre, for messages) with
// cred and returns the signed bytes.
func Firmar(pdf []byte, nombre string, cred *crypto.Credential, o Opciones) ([]byte, error) {
	if o.Motivo == "" {
		o.Motivo = "Firma de carta del Certificado Digital IMSS"
	}
	out, err := crypto.SignPDF(pdf, cred, crypto.SignOptions{Reason: o.Motivo, Location: o.Lugar, Time: o.Hora, Visible: o.Visible})
	if err != nil {
		return nil, errorPDF(err, nombre)
	}
	return out, nil
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
	// Problema is the problem's message in the chosen language, without
	// its code line (the code is Codigo).
	Problema string `json:"problema,omitempty"`
	Codigo   string `json:"codigo,omitempty"`
	// Error is the problem as a catalogue error, nil for a valid signature.
	Error *msg.Error `json:"-"`
}

// Verificar checks every signature of pdf. roots may be nil (the chain is
// then not checked, which alone does not make a signature invalid). A
// signature is Valida when its digest and value verify and, if roots were
// given, its certificate chains to them.
func Verificar(pdf []byte, nombre string, roots *x509.CertPool, lang msg.Lang) ([]Resultado, error) {
	rs, err := crypto.VerifyPDF(pdf, roots)
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
			CadenaRevisada: roots != nil, CubreTodo: r.CoversWholeFile}
		v.Valida = r.DigestValid && r.SignatureValid && (roots == nil || r.ChainValid)
		switch {
		case !r.DigestValid || !r.SignatureValid:
			e := msg.New(msg.CodeFirmaNoValida, r.Field, Motivo(r))
			v.Problema, v.Codigo, v.Error = e.Mensaje(lang), e.Code, e
		case roots != nil && !r.ChainValid:
			e := msg.New(msg.CodeCadenaNoConfiable, r.Field)
			v.Problema, v.Codigo, v.Error = e.Mensaje(lang), e.Code, e
		}
		out[i] = v
	}
	return out, nil
}

// Motivo returns why the signature r failed, as a catalogue text to pass
// as the reason of msg.CodeFirmaNoValida.
func Motivo(r crypto.SignatureResult) *msg.Error {
	switch {
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
