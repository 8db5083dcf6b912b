// Package ajustes locates the application's own configuration directory,
// where settings, resumable procedures and pdfcpu's files live.
package ajustes

import (
	"os"
	"path/filepath"

	"github.com/seguritools/seguritools/internal/fsutil"
)

// EnvDir overrides the configuration directory (tests, portable installs).
const EnvDir = "SEGURITOOLS_CONFIG_DIR"

// Dir returns the configuration directory, creating it owner-only:
// $SEGURITOOLS_CONFIG_DIR, else the OS's user configuration directory
// (XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/Application Support on
// macOS, %AppData% on Windows) plus "seguritools".
func Dir() (string, error) {
	d := os.Getenv(EnvDir)
	if d == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		d = filepath.Join(base, "seguritools")
	}
	if err := fsutil.MkdirPrivado(d); err != nil {
		return "", err
	}
	return d, nil
}
