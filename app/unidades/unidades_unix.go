//go:build linux || freebsd || openbsd || netbsd

package unidades

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// Desktop environments mount removable media under these directories
// (udisks2: /run/media/USER/LABEL or /media/USER/LABEL; older: /media/LABEL).
var raices = []string{"/media", "/run/media"}

func listar() ([]Unidad, error) {
	f, err := os.Open("/proc/self/mounts")
	if err != nil {
		return listarDirectorios(), nil
	}
	defer f.Close()
	var out []Unidad
	s := bufio.NewScanner(f)
	for s.Scan() {
		campos := strings.Fields(s.Text())
		if len(campos) < 2 {
			continue
		}
		punto := desescapar(campos[1])
		if bajo(punto) {
			out = append(out, Unidad{Nombre: filepath.Base(punto), Ruta: punto})
		}
	}
	return out, nil
}

// listarDirectorios is the fallback without /proc: the directories one or
// two levels under the mount roots.
func listarDirectorios() []Unidad {
	var out []Unidad
	for _, r := range raices {
		for _, patron := range []string{"*", "*/*"} {
			ms, _ := filepath.Glob(filepath.Join(r, patron))
			for _, m := range ms {
				if st, err := os.Stat(m); err == nil && st.IsDir() && montado(m) {
					out = append(out, Unidad{Nombre: filepath.Base(m), Ruta: m})
				}
			}
		}
	}
	return out
}

func montado(p string) bool {
	a, err1 := os.Stat(p)
	b, err2 := os.Stat(filepath.Dir(p))
	return err1 == nil && err2 == nil && !os.SameFile(a, b) && dispositivoDistinto(a, b)
}

func bajo(p string) bool {
	for _, r := range raices {
		if strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// desescapar undoes the octal escapes of /proc/mounts (\040 for a space).
func desescapar(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if v, ok := octal(s[i+1 : i+4]); ok {
				b.WriteByte(v)
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func octal(s string) (byte, bool) {
	if len(s) != 3 {
		return 0, false
	}
	v := 0
	for _, c := range s {
		if c < '0' || c > '7' {
			return 0, false
		}
		v = v*8 + int(c-'0')
	}
	return byte(v), v < 256
}
