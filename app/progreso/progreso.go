// Package progreso keeps where each procedure of the desktop app stands, so
// that closing the window (or a crash) after the private key was written
// resumes at the next step instead of making a new key.
//
// A Tramite is stored as one JSON file in the app's configuration
// directory, written atomically. It never holds a password, a private key
// or anything derived from one: only the employer's data, the paths the
// user chose, the public key's fingerprint and what the CA answered.
package progreso

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/internal/fsutil"
)

// Procedures that keep progress.
const (
	Solicitud    = "solicitud"
	Renovacion   = "renovacion"
	Adicional    = "adicional"
	Recuperacion = "recuperacion"
)

// Pasos a Solicitud NPIE goes through, in order. Each one is saved only
// once what it names has really happened (the file is on disk, the CA
// answered).
const (
	PasoCaptura      = "captura"       // data captured and validated
	PasoLlaveEscrita = "llave_escrita" // the .key is on disk
	PasoEnviada      = "enviada"       // the CA recorded the request
	PasoCertificado  = "certificado"   // the .pfx was built
	// Renewal steps after the new key: the acceptance letter was signed
	// with the old certificate, the new certificate obtained, and the
	// second letter signed with it.
	PasoCartaFirmada     = "carta_firmada"
	PasoCertificadoNuevo = "certificado_nuevo"
	PasoTerminado        = "terminado"
)

// ErrNoEncontrado is returned by Cargar for an unknown id.
var ErrNoEncontrado = errors.New("progreso: trámite no encontrado")

// Tramite is the saved state of one procedure.
type Tramite struct {
	ID            string            `json:"id"`
	Procedimiento string            `json:"procedimiento"`
	Paso          string            `json:"paso"`
	Datos         *patron.Solicitud `json:"datos,omitempty"`
	// Persona is the person an additional certificate is for.
	Persona *patron.Adicional `json:"persona,omitempty"`
	// Llave is the path of the .key this procedure made; HuellaLlave is
	// the SHA-256 of its public key, to notice a file replaced meanwhile.
	Llave       string `json:"llave,omitempty"`
	HuellaLlave string `json:"huella_llave,omitempty"`
	// Certificado is the .pfx the user opened (renewal, additional) or
	// the one this procedure built.
	Certificado string `json:"certificado,omitempty"`
	PFX         string `json:"pfx,omitempty"`
	Folio       string `json:"folio,omitempty"`
	NPIE        string `json:"npie,omitempty"`
	// Cambios are the email, phone and fax a renewal sends with its
	// request, kept so a renewal resumed after its key was made sends the
	// same data its request was built with.
	Cambios *patron.Cambios `json:"cambios,omitempty"`
	// Clave is the Idempotency-Key of the procedure's creating call, saved
	// before it is first sent: sending again after a crash returns the
	// CA's first answer instead of a duplicate. Not a secret.
	Clave string `json:"clave_idempotencia,omitempty"`
	// SerialAnterior is the serial of the certificate a renewal renews:
	// its new key and request were made for that one only.
	SerialAnterior string `json:"serial_anterior,omitempty"`
	// RenovacionID and Serial are what the CA named for this procedure.
	RenovacionID string `json:"renovacion_id,omitempty"`
	Serial       string `json:"serial,omitempty"`
	// Principal is the serial of the main certificate (Certificado) an
	// additional one is asked with: revoking it revokes the additional.
	Principal string `json:"principal,omitempty"`
	// FechaLimite is the last business day to visit the subdelegación
	// (YYYY-MM-DD).
	FechaLimite string `json:"fecha_limite,omitempty"`
	// EstadoSolicitud is the request's state when the CA was last asked
	// (pendiente, aprobada, rechazada, cancelada) and Motivo the clerk's
	// reason for a rejection: neither is a secret.
	EstadoSolicitud string `json:"estado_solicitud,omitempty"`
	Motivo          string `json:"motivo,omitempty"`
	// Carta is where the last letter received was kept.
	Carta       string    `json:"carta,omitempty"`
	Creado      time.Time `json:"creado"`
	Actualizado time.Time `json:"actualizado"`
}

// Terminado reports whether the procedure has nothing left to do.
func (t *Tramite) Terminado() bool { return t.Paso == PasoTerminado }

// Almacen is the directory where procedures keep their state.
type Almacen struct {
	dir string
	now func() time.Time
}

// Abrir returns the store in dir/progreso, creating it (owner-only) when
// missing.
func Abrir(dir string) (*Almacen, error) {
	d := filepath.Join(dir, "progreso")
	if err := fsutil.MkdirPrivado(d); err != nil {
		return nil, fmt.Errorf("progreso: %w", err)
	}
	return &Almacen{dir: d, now: time.Now}, nil
}

// Dir is the store's directory; letters of unfinished procedures are kept
// in it too.
func (a *Almacen) Dir() string { return a.dir }

// Nuevo returns a new, unsaved procedure with a fresh id.
func (a *Almacen) Nuevo(procedimiento string) *Tramite {
	var b [8]byte
	rand.Read(b[:])
	now := a.now()
	return &Tramite{ID: procedimiento + "-" + hex.EncodeToString(b[:]), Procedimiento: procedimiento, Creado: now, Actualizado: now}
}

// Guardar writes t atomically, replacing its previous state.
func (a *Almacen) Guardar(t *Tramite) error {
	if t.ID == "" || strings.ContainsAny(t.ID, `/\.`) {
		return fmt.Errorf("progreso: id no válido %q", t.ID)
	}
	t.Actualizado = a.now()
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return fmt.Errorf("progreso: %w", err)
	}
	if err := fsutil.WriteFile(a.ruta(t.ID), b, 0o600, true); err != nil {
		return fmt.Errorf("progreso: guardar %s: %w", t.ID, err)
	}
	return nil
}

// GuardarArchivo keeps a file of procedure t (a letter) next to its state
// and returns its path.
func (a *Almacen) GuardarArchivo(t *Tramite, nombre string, data []byte) (string, error) {
	p := filepath.Join(a.dir, t.ID+"-"+filepath.Base(nombre))
	if err := fsutil.WriteFile(p, data, 0o600, true); err != nil {
		return "", fmt.Errorf("progreso: guardar %s: %w", nombre, err)
	}
	return p, nil
}

// Cargar reads the procedure with id.
func (a *Almacen) Cargar(id string) (*Tramite, error) {
	b, err := os.ReadFile(a.ruta(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoEncontrado
	}
	if err != nil {
		return nil, fmt.Errorf("progreso: %w", err)
	}
	var t Tramite
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("progreso: %s dañado: %w", id, err)
	}
	return &t, nil
}

// Pendientes lists the unfinished procedures, most recently updated first.
// Damaged files are skipped: one bad file must not hide the others.
func (a *Almacen) Pendientes() []*Tramite {
	es, _ := os.ReadDir(a.dir)
	var out []*Tramite
	for _, e := range es {
		n := e.Name()
		if !strings.HasSuffix(n, ".json") || strings.HasPrefix(n, ".") {
			continue
		}
		t, err := a.Cargar(strings.TrimSuffix(n, ".json"))
		if err != nil || t.Terminado() {
			continue
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Actualizado.After(out[j].Actualizado) })
	return out
}

// Borrar forgets procedure id and the files kept with it.
func (a *Almacen) Borrar(id string) error {
	fs, _ := filepath.Glob(filepath.Join(a.dir, id+"-*"))
	for _, f := range fs {
		os.Remove(f)
	}
	if err := os.Remove(a.ruta(id)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("progreso: %w", err)
	}
	return nil
}

func (a *Almacen) ruta(id string) string { return filepath.Join(a.dir, id+".json") }
