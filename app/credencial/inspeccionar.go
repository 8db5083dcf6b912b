package credencial

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/crypto"
)

// File kinds Inspeccionar recognises.
const (
	TipoLlave         = "llave"
	TipoRequerimiento = "requerimiento"
	TipoCertificado   = "certificado"
	TipoPFX           = "pfx"
)

// InfoLlave describes a private key file and, once opened, its key.
type InfoLlave struct {
	Formato      string `json:"formato"`
	Codificacion string `json:"codificacion"`
	Cifrada      bool   `json:"cifrada"`
	Esquema      string `json:"esquema,omitempty"`
	Iteraciones  int    `json:"iteraciones,omitempty"`
	Scrypt       string `json:"scrypt,omitempty"` // "N=16384 r=8 p=1"
	Bits         int    `json:"bits"`
	Huella       string `json:"huella_sha256"`
}

// InfoRequerimiento describes a PKCS#10 request.
type InfoRequerimiento struct {
	Sujeto string `json:"sujeto"`
	Nombre string `json:"nombre"`
	RFC    string `json:"rfc,omitempty"`
	CURP   string `json:"curp,omitempty"`
	Correo string `json:"correo,omitempty"`
	Bits   int    `json:"bits"`
	Huella string `json:"huella_sha256"`
	Firma  string `json:"algoritmo_firma"`
}

// Informe is what Inspeccionar found in a file.
type Informe struct {
	Archivo       string             `json:"archivo"`
	Tipo          string             `json:"tipo"`
	Llave         *InfoLlave         `json:"llave,omitempty"`
	Requerimiento *InfoRequerimiento `json:"requerimiento,omitempty"`
	Certificado   *crypto.CertInfo   `json:"certificado,omitempty"`
	Cadena        []crypto.CertInfo  `json:"cadena,omitempty"`
}

// Inspeccionar tells what kind of credential file path is and describes
// it. pedir is called for the password only when the file needs one (an
// encrypted .key or a .pfx). A file that is none of the four kinds is
// reported as damaged when its extension says what it should be.
func Inspeccionar(path string, pedir func() ([]byte, error)) (*Informe, error) {
	data, err := Leer(path)
	if err != nil {
		return nil, err
	}
	inf := &Informe{Archivo: path}
	switch detectar(data) {
	case TipoCertificado:
		c, err := crypto.ParseCertificate(data)
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeCertDanado, path)
		}
		d := crypto.Describe(c, Ahora())
		inf.Tipo, inf.Certificado = TipoCertificado, &d
		return inf, nil
	case TipoRequerimiento:
		r, err := crypto.ParseRequest(data)
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeReqDanado, path)
		}
		pub := r.PublicKey.(*rsa.PublicKey)
		inf.Tipo = TipoRequerimiento
		inf.Requerimiento = &InfoRequerimiento{
			Sujeto: r.Subject.String(), Nombre: r.Subject.CommonName,
			RFC: crypto.SubjectRFC(r.Subject), CURP: crypto.SubjectCURP(r.Subject),
			Correo: crypto.SubjectEmail(r.Subject), Bits: pub.N.BitLen(),
			Huella: HuellaLlave(pub), Firma: r.SignatureAlgorithm.String(),
		}
		return inf, nil
	case TipoPFX:
		pw, err := pedir()
		if err != nil {
			return nil, err
		}
		cred, err := pfx(data, pw, path)
		if err != nil {
			return nil, err
		}
		d := crypto.Describe(cred.Certificate, Ahora())
		inf.Tipo, inf.Certificado = TipoPFX, &d
		inf.Llave = &InfoLlave{Formato: "PKCS#12", Cifrada: true, Bits: cred.Key.N.BitLen(), Huella: HuellaLlave(&cred.Key.PublicKey)}
		for _, c := range cred.Chain {
			inf.Cadena = append(inf.Cadena, crypto.Describe(c, Ahora()))
		}
		return inf, nil
	case TipoLlave:
		ki, err := crypto.DescribeKey(data)
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeLlaveDanada, path)
		}
		var pw []byte
		if ki.Encrypted {
			// A scheme not opened here, or an absurd cost, is told before
			// asking for a password: without one, ParseKey checks just that.
			if _, err := crypto.ParseKey(data, nil); err != nil && !errors.Is(err, crypto.ErrWrongPassword) {
				return nil, errorLlave(err, path)
			}
			if pw, err = pedir(); err != nil {
				return nil, err
			}
		}
		k, err := llave(data, pw, path)
		if err != nil {
			return nil, err
		}
		inf.Tipo = TipoLlave
		inf.Llave = &InfoLlave{Formato: ki.Format, Codificacion: ki.Encoding, Cifrada: ki.Encrypted, Esquema: ki.Scheme,
			Iteraciones: ki.Iterations, Bits: k.N.BitLen(), Huella: HuellaLlave(&k.PublicKey)}
		if ki.ScryptN > 0 {
			inf.Llave.Scrypt = fmt.Sprintf("N=%d r=%d p=%d", ki.ScryptN, ki.ScryptR, ki.ScryptP)
		}
		return inf, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".key":
		return nil, msg.New(msg.CodeLlaveDanada, path)
	case ".cer", ".crt", ".pem":
		return nil, msg.New(msg.CodeCertDanado, path)
	case ".pfx", ".p12":
		return nil, msg.New(msg.CodePFXDanado, path)
	case ".req", ".csr":
		return nil, msg.New(msg.CodeReqDanado, path)
	}
	return nil, msg.New(msg.CodeTipoDesconocido, path)
}

// detectar guesses the kind of a credential file from its structure, or "".
func detectar(data []byte) string {
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("-----BEGIN")) {
		b, _ := pem.Decode(data)
		if b == nil {
			return ""
		}
		switch b.Type {
		case "CERTIFICATE":
			return TipoCertificado
		case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
			return TipoRequerimiento
		case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY":
			return TipoLlave
		}
		return ""
	}
	if _, err := x509.ParseCertificate(data); err == nil {
		return TipoCertificado
	}
	if _, err := x509.ParseCertificateRequest(data); err == nil {
		return TipoRequerimiento
	}
	// A PFX is SEQUENCE { INTEGER 3, ContentInfo, MacData }; a plain key
	// starts with INTEGER 0.
	var p struct {
		Version int
		Rest    asn1.RawValue
		Mac     asn1.RawValue `asn1:"optional"`
	}
	if _, err := asn1.Unmarshal(data, &p); err == nil && p.Version == 3 {
		return TipoPFX
	}
	if _, err := crypto.DescribeKey(data); err == nil {
		return TipoLlave
	}
	return ""
}
