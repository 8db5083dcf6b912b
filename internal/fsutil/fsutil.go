// Package fsutil writes files the way credentials must be written: atomically
// (a temporary file in the same directory, synced, then renamed), with the
// permissions asked for, and never over an existing file unless asked.
//
// A private mode (no group or other bits, such as 0600 or 0700) means
// owner-only on every platform: a Unix mode where modes exist, and on
// Windows, which ignores modes, a protected DACL granting the current user
// alone, set when the file is created so no other account can open it.
package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned when the destination exists and overwrite was not asked.
var ErrExists = errors.New("fsutil: file already exists")

// WriteFile writes data to path atomically with mode perm. If path exists
// and overwrite is false it returns ErrExists and leaves the file untouched.
// Readers never see a partly written file: either the old file or the new.
func WriteFile(path string, data []byte, perm fs.FileMode, overwrite bool) error {
	dir := filepath.Dir(path)
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%w: %s", ErrExists, path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	tmp, err := crearTemporal(dir, "."+filepath.Base(path)+".tmp-*", perm)
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if overwrite {
		if err := os.Rename(name, path); err != nil {
			return err
		}
	} else {
		// Link fails if path appeared meanwhile, so a concurrent writer is
		// never clobbered; fall back to rename where hard links are not
		// supported (some removable-drive file systems).
		if err := os.Link(name, path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%w: %s", ErrExists, path)
			}
			if _, serr := os.Lstat(path); serr == nil {
				return fmt.Errorf("%w: %s", ErrExists, path)
			}
			if err := os.Rename(name, path); err != nil {
				return err
			}
		} else {
			os.Remove(name)
		}
	}
	ok = true
	syncDir(dir)
	return nil
}

// MkdirPrivado creates dir and its missing parents, and makes dir itself
// owner-only (0700; on Windows a protected DACL inherited by what is created
// inside), also when it already existed.
func MkdirPrivado(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return privatizarDir(dir)
}

// Privatizar makes an existing file readable and writable by its owner
// only: mode 0600 on Unix, a protected DACL granting the current user
// alone on Windows (where a mode means nothing). A missing file is
// fs.ErrNotExist.
func Privatizar(path string) error { return privatizar(path) }

// PrivatizarDir makes an existing directory owner-only: mode 0700 on
// Unix, a protected DACL for the current user alone, inherited by what is
// created inside, on Windows.
func PrivatizarDir(dir string) error { return privatizarDir(dir) }

// Privado reports whether perm keeps a file to its owner: no group or
// other bits.
func Privado(perm fs.FileMode) bool { return perm.Perm()&0o077 == 0 }

// syncDir makes the rename durable; not all platforms can open a directory
// for syncing, and a failure there loses nothing already acknowledged.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
