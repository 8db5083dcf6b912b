package ca

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCapas_CANoConoceHTTP: the core knows the procedures, not their
// transport: no file of app/ca imports the wire types, the HTTP layer or
// the client.
func TestCapas_CANoConoceHTTP(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if strings.Contains(p, "/app/api") || strings.Contains(p, "/app/client") || p == "net/http" {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}
