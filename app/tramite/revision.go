package tramite

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/crypto"
)

// Uso is what the user opens a certificate for; the same state of the
// certificate is fine for one use and a dead end for another.
type Uso int

// The uses of an opened certificate.
const (
	ParaRenovar Uso = iota
	ParaAdicional
	ParaRevocar
	ParaFirmar
)

// motivoReemplazado is RFC 5280's superseded: the CA revokes a renewed
// certificate with it.
const motivoReemplazado = 4

// Estados of a certificate at the CA (wire.Estado.Estado).
const (
	estadoVigente        = "vigente"
	estadoVencido        = "vencido"
	estadoRevocado       = "revocado"
	estadoCartaPendiente = "carta_pendiente"
)

// Revisar asks the CA about cert right after the user opened it, before
// anything is typed or generated, and returns the catalogue error whose
// advice fits uso: replaced by a renewal (naming the new file when Mis
// certificados knows it), revoked for another reason, expired, or its
// renewal letter still unsigned. When the CA cannot be reached, aviso
// says so and the procedure may go on: the CA checks again when the
// procedure sends anything. a may be nil.
func Revisar(ctx context.Context, c *client.Client, a *progreso.Almacen, cert *x509.Certificate, uso Uso, now time.Time) (aviso, err error) {
	if uso != ParaRenovar && uso != ParaRevocar && !now.Before(cert.NotAfter) {
		return nil, msg.New(msg.CodeCertVencidoRenovar)
	}
	if c == nil {
		return msg.New(msg.CodeCASinConexionContinuar), nil
	}
	serial := crypto.SerialHex(cert)
	w, err := c.Certificado(ctx, serial)
	switch {
	case msg.CodeOf(err) == msg.CodeServidorNoDisponible:
		return msg.Wrap(err, msg.CodeCASinConexionContinuar), nil
	case err != nil:
		// Not a certificate this CA issued, or refused: the procedure's
		// own call reports it with the CA's words.
		return nil, nil
	}
	if suma := sha256.Sum256(w.Certificado); hex.EncodeToString(suma[:]) != huella(cert) {
		return nil, nil
	}
	st, err := c.Estado(ctx, serial)
	if err != nil {
		return nil, nil
	}
	switch st.Estado {
	case estadoRevocado:
		if reemplazado(st) {
			if f := archivoDe(a, st.ReemplazadoPor); f != "" {
				return nil, msg.New(msg.CodeCertReemplazadoPor, f)
			}
			if f := nuevoDe(ctx, c, a, w.NPIE); f != "" {
				return nil, msg.New(msg.CodeCertReemplazadoPor, f)
			}
			return nil, msg.New(msg.CodeCertReemplazado)
		}
		return nil, msg.New(msg.CodeCertRevocadoSolicitudNueva)
	case estadoVencido:
		if uso == ParaRenovar {
			return nil, nil
		}
		return nil, msg.New(msg.CodeCertVencidoRenovar)
	case estadoCartaPendiente:
		if uso == ParaRenovar || uso == ParaAdicional {
			return nil, msg.New(msg.CodeCertCartaPendiente)
		}
	}
	return nil, nil
}

// nuevoDe is the file of the certificate that replaced the one of npie,
// as Mis certificados remembers it: the NPIE's current main certificate.
func nuevoDe(ctx context.Context, c *client.Client, a *progreso.Almacen, npie string) string {
	if a == nil || npie == "" {
		return ""
	}
	n, err := c.SerialDeNPIE(ctx, npie)
	if err != nil {
		return ""
	}
	cs, err := a.Certificados()
	if err != nil {
		return ""
	}
	for _, x := range cs {
		if x.Serial == n.Serial {
			return x.Archivo
		}
	}
	return ""
}

// reemplazado reports whether the CA revoked the certificate because a
// renewal replaced it.
func reemplazado(st *wire.Estado) bool {
	return st.Causa == wire.CausaReemplazado || st.Causa == "" && st.Motivo == motivoReemplazado
}

// archivoDe is the file of serial in Mis certificados, "" when unknown.
func archivoDe(a *progreso.Almacen, serial string) string {
	if a == nil || serial == "" {
		return ""
	}
	cs, err := a.Certificados()
	if err != nil {
		return ""
	}
	for _, x := range cs {
		if x.Serial == serial {
			return x.Archivo
		}
	}
	return ""
}

func huella(c *x509.Certificate) string {
	s := sha256.Sum256(c.Raw)
	return hex.EncodeToString(s[:])
}
