package progreso

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/seguritools/seguritools/internal/fsutil"
)

// AvisoDias is how many days before expiry a certificate is flagged.
const AvisoDias = 30

// Kinds of certificate (Certificado.Tipo), as the CA names them.
const (
	TipoPrincipal = "principal"
	TipoAdicional = "adicional"
)

// Certificado is one certificate this app made or opened ("Mis
// certificados"): where it is and what the user needs to see, never the
// key or its password.
type Certificado struct {
	Archivo string `json:"archivo"`
	Serial  string `json:"serial"`
	NPIE    string `json:"npie,omitempty"`
	Titular string `json:"titular"`
	Tipo    string `json:"tipo,omitempty"` // TipoPrincipal, TipoAdicional; "" unknown
	// Principal is, for an additional certificate, the serial of the main
	// one it is revoked with.
	Principal string    `json:"principal,omitempty"`
	NoDespues time.Time `json:"no_despues"`
	Visto     time.Time `json:"visto"`
	// Estado is what the CA said of it when last asked (Revisado):
	// EstadoVigente, EstadoVencido, EstadoRevocado, EstadoReemplazado,
	// EstadoCartaPendiente; "" when never asked.
	Estado   string    `json:"estado,omitempty"`
	Revisado time.Time `json:"revisado,omitempty"`
}

// States of a remembered certificate, as the CA reported them.
const (
	EstadoVigente        = "vigente"
	EstadoVencido        = "vencido"
	EstadoRevocado       = "revocado"
	EstadoReemplazado    = "reemplazado" // revoked because a renewal replaced it
	EstadoCartaPendiente = "carta_pendiente"
)

// Util reports whether the certificate can still be used or renewed: not
// revoked nor replaced, as far as the CA last said.
func (c Certificado) Util() bool {
	return c.Estado != EstadoRevocado && c.Estado != EstadoReemplazado
}

// DiasParaVencer is how many whole days are left until the certificate
// expires at now; negative once expired.
func (c Certificado) DiasParaVencer(now time.Time) int {
	return int(math.Floor(c.NoDespues.Sub(now).Hours() / 24))
}

// PorVencer reports whether the certificate expires within AvisoDias days
// (or already has), so the app warns in time to renew online.
func (c Certificado) PorVencer(now time.Time) bool {
	return c.DiasParaVencer(now) <= AvisoDias
}

func (a *Almacen) rutaCertificados() string { return filepath.Join(a.dir, "..", "certificados.json") }

// Certificados lists the remembered certificates, soonest to expire first.
func (a *Almacen) Certificados() ([]Certificado, error) {
	b, err := os.ReadFile(a.rutaCertificados())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("progreso: %w", err)
	}
	var cs []Certificado
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("progreso: certificados.json dañado: %w", err)
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].NoDespues.Before(cs[j].NoDespues) })
	return cs, nil
}

// RecordarCertificado adds c to the list, or updates the entry of the same
// serial. What the entry knew of its kind, NPIE and main certificate is
// kept when c does not say (the same .cer opened again).
func (a *Almacen) RecordarCertificado(c Certificado) error {
	cs, err := a.Certificados()
	if err != nil {
		cs = nil // a damaged list is replaced rather than blocking the user
	}
	c.Visto = a.now()
	found := false
	for i := range cs {
		if cs[i].Serial != c.Serial {
			continue
		}
		if c.Tipo == "" {
			c.Tipo, c.NPIE, c.Principal = cs[i].Tipo, cs[i].NPIE, cs[i].Principal
		}
		if c.Estado == "" {
			c.Estado, c.Revisado = cs[i].Estado, cs[i].Revisado
		}
		cs[i], found = c, true
	}
	if !found {
		cs = append(cs, c)
	}
	return a.escribirCertificados(cs)
}

// OlvidarCertificado removes the entry of serial.
func (a *Almacen) OlvidarCertificado(serial string) error {
	cs, err := a.Certificados()
	if err != nil {
		return err
	}
	out := cs[:0]
	for _, c := range cs {
		if c.Serial != serial {
			out = append(out, c)
		}
	}
	return a.escribirCertificados(out)
}

func (a *Almacen) escribirCertificados(cs []Certificado) error {
	b, err := json.MarshalIndent(cs, "", "  ")
	if err != nil {
		return fmt.Errorf("progreso: %w", err)
	}
	if err := fsutil.WriteFile(a.rutaCertificados(), b, 0o600, true); err != nil {
		return fmt.Errorf("progreso: guardar certificados: %w", err)
	}
	return nil
}

// Actualizar replaces the remembered list with cs as a whole (states
// refreshed from the CA).
func (a *Almacen) Actualizar(cs []Certificado) error { return a.escribirCertificados(cs) }
