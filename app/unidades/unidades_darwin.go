//go:build darwin

package unidades

import (
	"os"
	"path/filepath"
)

// macOS mounts every volume under /Volumes; the startup disk is there too
// as a link to /, which is left out.
func listar() ([]Unidad, error) {
	es, err := os.ReadDir("/Volumes")
	if err != nil {
		return nil, nil
	}
	raiz, _ := os.Stat("/")
	var out []Unidad
	for _, e := range es {
		p := filepath.Join("/Volumes", e.Name())
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() || (raiz != nil && !dispositivoDistinto(st, raiz)) {
			continue
		}
		out = append(out, Unidad{Nombre: e.Name(), Ruta: p})
	}
	return out, nil
}
