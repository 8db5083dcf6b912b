//go:build windows

package unidades

import (
	"golang.org/x/sys/windows"
)

// Windows reports each drive letter's type; only DRIVE_REMOVABLE (USB
// sticks, memory cards) are offered.
func listar() ([]Unidad, error) {
	mask, err := windows.GetLogicalDrives()
	if err != nil {
		return nil, err
	}
	var out []Unidad
	for i := 0; i < 26; i++ {
		if mask&(1<<uint(i)) == 0 {
			continue
		}
		raiz := string(rune('A'+i)) + `:\`
		p, err := windows.UTF16PtrFromString(raiz)
		if err != nil {
			continue
		}
		if windows.GetDriveType(p) == windows.DRIVE_REMOVABLE {
			out = append(out, Unidad{Nombre: raiz[:2], Ruta: raiz})
		}
	}
	return out, nil
}
