package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"

	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
)

// serverFlags are the flags every command that talks to refca takes.
// NPIE_SERVER and NPIE_ROOTS give their defaults.
type serverFlags struct {
	server, roots *string
	iterations    *int
}

func addServerFlags(fs *flag.FlagSet) serverFlags {
	return serverFlags{
		server:     fs.String("server", os.Getenv("NPIE_SERVER"), "URL https del servidor refca (o NPIE_SERVER)"),
		roots:      fs.String("roots", os.Getenv("NPIE_ROOTS"), "certificado raíz del servidor en PEM (o NPIE_ROOTS)"),
		iterations: fs.Int("kdf-iterations", 0, "iteraciones PBKDF2 de la .key nueva (0: las recomendadas; menos solo para pruebas)"),
	}
}

func (s serverFlags) client() (*client.Client, error) {
	if err := need("server", *s.server, "roots", *s.roots); err != nil {
		return nil, err
	}
	return client.NewFromFile(*s.server, *s.roots, client.Options{})
}

func (s serverFlags) opciones(force bool) credencial.Opciones {
	return credencial.Opciones{Iteraciones: *s.iterations, Forzar: force}
}

// readJSONFile decodes a data file strictly, with a user error naming it.
func readJSONFile(path string, v any) error {
	b, err := readAll(path)
	if err != nil {
		return err
	}
	return decodeStrict(path, b, v)
}

// junto returns the path of a file saved next to key: same folder, the key's
// name without extension, then suffix.
func junto(key, suffix string) string {
	base := strings.TrimSuffix(filepath.Base(key), filepath.Ext(key))
	return filepath.Join(filepath.Dir(key), base+"_"+suffix)
}

func ctx() context.Context { return context.Background() }
