//go:build windows

package unidades

import (
	"golang.org/x/sys/windows"
)

// Windows reports each drive letter's type; only DRIVE_REMOVABLE (USB
// sticks, memory cards) are offered, named as Explorer names them: the
// volume label and the letter, "KINGSTON (E:)", or the letter alone.
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
			out = append(out, Unidad{Nombre: nombreUnidad(etiqueta(p), raiz[:2]), Ruta: raiz})
		}
	}
	return out, nil
}

// etiqueta is the volume label, or "" for an unlabelled drive or a card
// reader with no card in it (GetVolumeInformation fails then).
func etiqueta(raiz *uint16) string {
	var buf [windows.MAX_PATH + 1]uint16
	if windows.GetVolumeInformation(raiz, &buf[0], uint32(len(buf)), nil, nil, nil, nil, 0) != nil {
		return ""
	}
	return windows.UTF16ToString(buf[:])
}
