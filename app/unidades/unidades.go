// Package unidades lists the removable drives a clerk can write an
// employer's certificate to, and writes it there so that a bad drive is
// noticed before the employer leaves the office: the file is written
// atomically, read back and compared by SHA-256.
package unidades

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/seguritools/seguritools/internal/fsutil"
)

// Unidad is a mounted removable drive.
type Unidad struct {
	Nombre string // what the system calls it (label or drive letter)
	Ruta   string // where it is mounted
}

// ErrDistinto reports that the file read back is not the file written.
var ErrDistinto = errors.New("unidades: el archivo leído no coincide con el escrito")

// Listar returns the removable drives mounted now; none is not an error.
func Listar() ([]Unidad, error) { return listar() }

// Resultado is what EscribirVerificado did.
type Resultado struct {
	Ruta   string
	SHA256 string // of the bytes written, which are also the bytes read back
}

// EscribirVerificado writes data as dir/nombre atomically (never over an
// existing file unless reemplazar), reads it back from the drive and
// compares SHA-256 digests. A mismatch removes nothing but returns
// ErrDistinto: the clerk must try another drive.
func EscribirVerificado(dir, nombre string, data []byte, reemplazar bool) (Resultado, error) {
	p := filepath.Join(dir, nombre)
	if err := fsutil.WriteFile(p, data, 0o644, reemplazar); err != nil {
		return Resultado{}, fmt.Errorf("unidades: escribir %s: %w", p, err)
	}
	leido, err := os.ReadFile(p)
	if err != nil {
		return Resultado{}, fmt.Errorf("unidades: releer %s: %w", p, err)
	}
	want := sha256.Sum256(data)
	got := sha256.Sum256(leido)
	if !bytes.Equal(want[:], got[:]) {
		return Resultado{Ruta: p}, fmt.Errorf("%w: %s", ErrDistinto, p)
	}
	return Resultado{Ruta: p, SHA256: hex.EncodeToString(got[:])}, nil
}

// nombreUnidad is how Windows Explorer names a drive: "LABEL (E:)", or
// "E:" when it has no label.
func nombreUnidad(etiqueta, letra string) string {
	if etiqueta == "" {
		return letra
	}
	return etiqueta + " (" + letra + ")"
}
