package tramite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/unidades"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// What the clerk's window works with, as the CA describes it. They are
// the API's own types under the names of the procedure, so that the
// screens never depend on the wire format's package.
type (
	// Expediente is a Solicitud NPIE as the clerk sees it.
	Expediente = wire.Solicitud
	// Documentos are the documents the clerk checked.
	Documentos = wire.Documentos
	// RevocacionEnPersona is an in-person revocation's reason and ID.
	RevocacionEnPersona = wire.Revocacion
	// EstadoCertificado is a certificate's status at the CA.
	EstadoCertificado = wire.Estado
	// Filtro selects the requests a search lists.
	Filtro = client.Filtro
)

// Entrega is the clerk's procedure at the subdelegación (Ventanilla):
// find a request, approve or reject it, write the certificate onto the
// employer's drive (read back and compared), keep the Constancia de
// recepción, revoke in person. The session's calls are the client's.
type Entrega struct {
	*client.Ventanilla
	c *client.Client
}

// AbrirVentanilla logs the clerk in.
func AbrirVentanilla(ctx context.Context, c *client.Client, usuario string, password []byte) (*Entrega, error) {
	if err := conectado(c); err != nil {
		return nil, err
	}
	v, err := c.Ventanilla(ctx, usuario, password)
	if err != nil {
		return nil, err
	}
	return &Entrega{Ventanilla: v, c: c}, nil
}

// NombreLibre is nombre in dir when no file has it, else the first of
// "base (2).ext", "base (3).ext"… that is free: the name to suggest when
// the chosen one is taken.
func NombreLibre(dir, nombre string) string {
	ext := filepath.Ext(nombre)
	base := strings.TrimSuffix(nombre, ext)
	p := nombre
	for i := 2; i < 1000; i++ {
		if _, err := os.Lstat(filepath.Join(dir, p)); err != nil {
			return p
		}
		p = base + " (" + strconv.Itoa(i) + ")" + ext
	}
	return p
}

// EscribirCertificado writes the certificate of serial as dir/nombre
// (never over an existing file: the error names a free name to use),
// reads it back and compares it.
func (v *Entrega) EscribirCertificado(ctx context.Context, serial, dir, nombre string) (unidades.Resultado, error) {
	w, err := v.c.Certificado(ctx, serial)
	if err != nil {
		return unidades.Resultado{}, err
	}
	r, err := unidades.EscribirVerificado(dir, nombre, w.Certificado, false)
	switch {
	case err == nil:
		return r, nil
	case errors.Is(err, fsutil.ErrExists):
		return r, msg.Wrap(err, msg.CodeArchivoExisteSugerido, NombreLibre(dir, nombre))
	case errors.Is(err, unidades.ErrDistinto):
		return r, msg.Wrap(err, msg.CodeUIVerificacionUSB)
	}
	return r, msg.Wrap(err, msg.CodeArchivoNoEscrito, filepath.Join(dir, nombre))
}

// GuardarConstancia writes the Constancia de recepción of folio to ruta,
// never over an existing file.
func (v *Entrega) GuardarConstancia(ctx context.Context, folio, ruta string) error {
	pdf, err := v.Constancia(ctx, folio)
	if err != nil {
		return err
	}
	return credencial.Escribir(ruta, pdf, credencial.PermPublico, false)
}

// BuscarCertificados finds the approved requests (with their
// certificates) of an NPIE, a registro patronal (11 characters) or an RFC
// (12 or 13), for an in-person revocation.
func (v *Entrega) BuscarCertificados(ctx context.Context, clave string) ([]Expediente, error) {
	q := strings.ToUpper(strings.TrimSpace(clave))
	f := Filtro{Estado: "aprobada", Limite: 50}
	switch len(strings.NewReplacer("-", "", " ", "").Replace(q)) {
	case 11:
		f.RegistroPatronal = q
	case 12, 13:
		f.RFC = q
	default:
		w, err := v.c.SerialDeNPIE(ctx, q)
		if err != nil {
			return nil, err
		}
		return []Expediente{{NPIE: w.NPIE, Serial: w.Serial, Estado: w.Estado}}, nil
	}
	return v.Buscar(ctx, f)
}
