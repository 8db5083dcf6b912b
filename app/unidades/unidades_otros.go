//go:build !linux && !freebsd && !openbsd && !netbsd && !darwin && !windows

package unidades

func listar() ([]Unidad, error) { return nil, nil }
