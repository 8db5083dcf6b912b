package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

// TestClerk_ListDisablePasswd: the account commands work on a data
// directory without a server, take passwords from a file or stdin only,
// and name an unknown account.
func TestClerk_ListDisablePasswd(t *testing.T) {
	dir := dirInicializado(t)
	correr := func(stdin string, args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := run(args, strings.NewReader(stdin), &out, &errb)
		return out.String(), err
	}
	for _, u := range []string{"ana", "beto"} {
		if _, err := correr("ventanilla-secreta-1\n", "clerk", "add", "--data", dir, "--user", u, "--nombre", "Nombre de "+u, "--password-file", "-"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := correr("", "clerk", "disable", "--data", dir, "--user", "beto"); err != nil {
		t.Fatal(err)
	}
	if _, err := correr("otra-contrasena-larga\n", "clerk", "passwd", "--data", dir, "--user", "ana", "--password-file", "-"); err != nil {
		t.Fatal(err)
	}
	_, err := correr("corta\n", "clerk", "passwd", "--data", dir, "--user", "ana", "--password-file", "-")
	if msg.CodeOf(err) != msg.CodeUsuarioInvalido {
		t.Errorf("short password: %v", err)
	}
	if _, err := correr("", "clerk", "disable", "--data", dir, "--user", "nadie"); msg.CodeOf(err) != msg.CodeClerkNoEncontrado {
		t.Errorf("unknown clerk: %v", err)
	}
	out, err := correr("", "clerk", "list", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	lineas := strings.Split(strings.TrimSpace(out), "\n")
	if len(lineas) != 2 || !strings.HasPrefix(lineas[0], "ana\tactivo\t") || !strings.HasPrefix(lineas[1], "beto\tdeshabilitado\t") {
		t.Errorf("clerk list:\n%s", out)
	}
	if out, err := correr("", "audit", "verify", "--data", dir); err != nil || !strings.Contains(out, "4 registros") {
		t.Errorf("audit after the clerk commands: %v %q", err, out)
	}
}
