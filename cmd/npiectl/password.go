package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
)

// readPassword returns a password from file ("-" is standard input) or,
// without a file, from a terminal prompt (twice when confirm is set).
// Only the first line of a file counts and its line ending is dropped.
func readPassword(e *env, file, prompt string, confirm bool) ([]byte, error) {
	if file != "" {
		var data []byte
		var err error
		if file == "-" {
			data, err = io.ReadAll(io.LimitReader(e.stdin, 4096))
		} else {
			data, err = os.ReadFile(file)
		}
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeArchivoContrasena, file)
		}
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			data = data[:i]
		}
		return data, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, msg.New(msg.CodeSinTerminal)
	}
	read := func(p string) ([]byte, error) {
		fmt.Fprint(e.stderr, p)
		pw, err := term.ReadPassword(fd)
		fmt.Fprintln(e.stderr)
		return pw, err
	}
	pw, err := read(prompt + ": ")
	if err != nil {
		return nil, msg.Wrap(err, msg.CodeSinTerminal)
	}
	if confirm {
		again, err := read(msg.Label("confirme", e.lang) + ": ")
		if err != nil {
			return nil, msg.Wrap(err, msg.CodeSinTerminal)
		}
		if !bytes.Equal(pw, again) {
			return nil, msg.New(msg.CodeContrasenasDistintas)
		}
	}
	return pw, nil
}

// readAll reads a data file (never a secret) with a user error that names it.
func readAll(path string) ([]byte, error) { return credencial.Leer(path) }
