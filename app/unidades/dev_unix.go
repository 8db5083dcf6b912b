//go:build linux || freebsd || openbsd || netbsd || darwin

package unidades

import (
	"os"
	"syscall"
)

func dispositivoDistinto(a, b os.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || sa.Dev != sb.Dev
}
