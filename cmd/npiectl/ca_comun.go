package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
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

// checkResume refuses --resume with --force: resuming keeps the key that
// --force would replace.
func checkResume(resume, force bool) error {
	if resume && force {
		return usageError{"--resume y --force no van juntos: --resume conserva la llave"}
	}
	return nil
}

// hintResume tells the user, when a procedure failed after its key was
// written, that the same command with --resume retries with that key.
func hintResume(e *env, keyOut string, err error) {
	if _, statErr := os.Stat(keyOut); statErr == nil && msg.CodeOf(err) != msg.CodeArchivoExiste {
		fmt.Fprintf(e.stderr, "La llave %s ya quedó guardada: para reintentar sin generar otra, repita el comando con --resume.\n", keyOut)
	}
}
