//go:build windows

package fsutil

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// crearTemporal creates the temporary file. A private perm gets an
// owner-only protected DACL in the same CreateFile call, so there is no
// moment in which the folder's inherited permissions apply to it; other
// modes keep what the folder gives (Windows has no group/other bits) and
// Chmod only sets or clears the read-only attribute.
func crearTemporal(dir, patron string, perm fs.FileMode) (*os.File, error) {
	if !Privado(perm) {
		f, err := os.CreateTemp(dir, patron)
		if err != nil {
			return nil, err
		}
		if err := f.Chmod(perm); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, err
		}
		return f, nil
	}
	sa, err := atributosDueno(false)
	if err != nil {
		return nil, err
	}
	prefijo, sufijo, _ := strings.Cut(patron, "*")
	for range 100 {
		var r [8]byte
		rand.Read(r[:])
		nombre := filepath.Join(dir, prefijo+strconv.FormatUint(leU64(r), 36)+sufijo)
		p, err := windows.UTF16PtrFromString(nombre)
		if err != nil {
			return nil, err
		}
		h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, sa,
			windows.CREATE_NEW, windows.FILE_ATTRIBUTE_NORMAL, 0)
		if errors.Is(err, windows.ERROR_FILE_EXISTS) {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "createtemp", Path: nombre, Err: err}
		}
		return os.NewFile(uintptr(h), nombre), nil
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, patron), Err: fs.ErrExist}
}

func leU64(b [8]byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// privatizarDir replaces dir's DACL by one granting the current user alone,
// inherited by the files and folders created inside (SQLite's database and
// journal, for example, which are not written through WriteFile).
func privatizarDir(dir string) error {
	sd, err := descriptorDueno(true)
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return fmt.Errorf("fsutil: DACL: %w", err)
	}
	err = windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION,
		nil, nil, dacl, nil)
	if err != nil {
		return &fs.PathError{Op: "setsecurity", Path: dir, Err: err}
	}
	return nil
}

// privatizar replaces path's DACL by one granting the current user alone.
// Changing a DACL needs no sharing with whoever has the file open (SQLite
// keeps its -wal and -shm open), unlike the attribute change os.Chmod
// makes, which Windows refuses on a file in use.
func privatizar(path string) error {
	sd, err := descriptorDueno(false)
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return fmt.Errorf("fsutil: DACL: %w", err)
	}
	err = windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION,
		nil, nil, dacl, nil)
	if errors.Is(err, windows.ERROR_FILE_NOT_FOUND) || errors.Is(err, windows.ERROR_PATH_NOT_FOUND) {
		return &fs.PathError{Op: "setsecurity", Path: path, Err: fs.ErrNotExist}
	}
	if err != nil {
		return &fs.PathError{Op: "setsecurity", Path: path, Err: err}
	}
	return nil
}

// descriptorDueno is a security descriptor whose protected DACL has one
// entry: full control for the user this process runs as. Administrators
// keep the right to take ownership, as Windows always gives them.
func descriptorDueno(heredable bool) (*windows.SECURITY_DESCRIPTOR, error) {
	sid, err := usuarioActual()
	if err != nil {
		return nil, err
	}
	herencia := ""
	if heredable {
		herencia = "OICI"
	}
	sd, err := windows.SecurityDescriptorFromString("D:P(A;" + herencia + ";FA;;;" + sid.String() + ")")
	if err != nil {
		return nil, fmt.Errorf("fsutil: descriptor de seguridad: %w", err)
	}
	return sd, nil
}

func atributosDueno(heredable bool) (*windows.SecurityAttributes, error) {
	sd, err := descriptorDueno(heredable)
	if err != nil {
		return nil, err
	}
	sa := &windows.SecurityAttributes{SecurityDescriptor: sd}
	sa.Length = uint32(unsafe.Sizeof(*sa))
	return sa, nil
}

func usuarioActual() (*windows.SID, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("fsutil: usuario actual: %w", err)
	}
	return u.User.Sid, nil
}
