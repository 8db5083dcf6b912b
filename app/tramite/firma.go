package tramite

import (
	"context"
	"path/filepath"
	"time"

	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/firma"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
)

// Firmar is the "Firmar carta" procedure: it opens the certificate (pfx
// with password), asks the CA about it first (a revoked or replaced
// certificate stops here with the advice that fits; offline, aviso says
// so and the letter is signed anyway: a signature is checked by whoever
// receives it), signs the letter at origen with motivo and writes the
// signed copy to destino, never over an existing file. c may be nil
// (no CA configured). With a CA, the signature carries a time stamp from
// its time-stamp authority (PAdES B-T); when it cannot get one, aviso
// says so (msg.CodeSinSelloTiempo). When the CA could not be reached,
// the letter is signed B-B at once, and aviso says the CA is offline.
func Firmar(ctx context.Context, c *client.Client, a *progreso.Almacen, origen, pfx string, password []byte, destino, motivo string) (aviso, err error) {
	cred, err := credencial.AbrirPFX(pfx, password)
	if err != nil {
		return nil, err
	}
	if aviso, err = Revisar(ctx, c, a, cred.Certificate, ParaFirmar, time.Now()); err != nil {
		return nil, err
	}
	pdf, err := credencial.Leer(origen)
	if err != nil {
		return nil, err
	}
	o := firma.Opciones{Motivo: motivo}
	// An unreachable CA (aviso) has no TSA to wait for either.
	if c != nil && aviso == nil {
		o.TSA, o.HTTP = c.URLTSA(), c.HTTP()
	}
	out, sello, err := firma.Firmar(pdf, filepath.Base(origen), cred, o)
	if err != nil {
		return nil, err
	}
	if aviso == nil {
		aviso = sello
	}
	return aviso, credencial.Escribir(destino, out, credencial.PermPublico, false)
}

// VerificarCarta checks every signature of the PDF at ruta with the one
// rule set of firma.Verificar, against raicesPEM (the pinned CA root;
// without roots the chain is reported as not checked). A PDF without
// signatures is an error.
func VerificarCarta(ruta string, raicesPEM []byte, lang msg.Lang) ([]firma.Resultado, error) {
	return VerificarCartaCon(context.Background(), nil, ruta, raicesPEM, lang)
}
