//go:build !windows

package fsutil

import (
	"io/fs"
	"os"
)

// crearTemporal creates the temporary file with exactly perm before any
// byte is written (CreateTemp's 0600 is then widened or kept by Chmod).
func crearTemporal(dir, patron string, perm fs.FileMode) (*os.File, error) {
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

func privatizarDir(dir string) error { return os.Chmod(dir, 0o700) }

func privatizar(path string) error { return os.Chmod(path, 0o600) }
