package msg_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

// Every call of msg.New or msg.Wrap in the module that names its code as
// a constant of this package passes exactly as many values as the code's
// text takes, and none of them is a raw err.Error(). A code given to a
// form as patron.Problema{Codigo: ...} is shown without values, so it must
// take none. Codes chosen at run time cannot be checked here.
func TestLlamadas_CuantosValoresPideCadaCodigo(t *testing.T) {
	raiz := raizModulo(t)
	consts := constantesMsg(t, filepath.Join(raiz, "app", "msg"))
	fset := token.NewFileSet()
	revisadas := 0
	err := filepath.WalkDir(raiz, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != raiz && (strings.HasPrefix(n, ".") || n == "vendor" || n == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		// This package's own tests pass wrong values on purpose.
		if filepath.Dir(p) == filepath.Join(raiz, "app", "msg") && strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		enMsg := f.Name.Name == "msg" && filepath.Dir(p) == filepath.Join(raiz, "app", "msg")
		codigo := func(x ast.Expr) (string, bool) {
			switch x := x.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "msg" {
					v, ok := consts[x.Sel.Name]
					return v, ok
				}
			case *ast.Ident:
				if enMsg {
					v, ok := consts[x.Name]
					return v, ok
				}
			}
			return "", false
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				nombre, ok := funcionMsg(n.Fun, enMsg)
				if !ok {
					return true
				}
				i := 0
				if nombre == "Wrap" {
					i = 1
				}
				if len(n.Args) <= i || n.Ellipsis.IsValid() {
					return true
				}
				code, ok := codigo(n.Args[i])
				if !ok {
					return true
				}
				revisadas++
				valores := n.Args[i+1:]
				want, _ := msg.NumArgs(code)
				if len(valores) != want {
					t.Errorf("%s: msg.%s(%s) con %d valores; su texto pide %d", fset.Position(n.Pos()), nombre, code, len(valores), want)
				}
				for _, v := range valores {
					if c, ok := v.(*ast.CallExpr); ok {
						if s, ok := c.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "Error" && len(c.Args) == 0 {
							t.Errorf("%s: msg.%s(%s) recibe un err.Error() crudo; pase un texto del catálogo", fset.Position(v.Pos()), nombre, code)
						}
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Codigo" {
					if code, ok := codigo(n.Value); ok {
						revisadas++
						if want, _ := msg.NumArgs(code); want != 0 {
							t.Errorf("%s: Codigo: %s se muestra sin valores pero su texto pide %d", fset.Position(n.Pos()), code, want)
						}
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if revisadas < 150 {
		t.Fatalf("solo se revisaron %d llamadas; ¿se recorrió el módulo entero (%s)?", revisadas, raiz)
	}
}

// funcionMsg reports whether fun is msg.New or msg.Wrap (New or Wrap
// inside package msg).
func funcionMsg(fun ast.Expr, enMsg bool) (string, bool) {
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok && id.Name == "msg" && (f.Sel.Name == "New" || f.Sel.Name == "Wrap") {
			return f.Sel.Name, true
		}
	case *ast.Ident:
		if enMsg && (f.Name == "New" || f.Name == "Wrap") {
			return f.Name, true
		}
	}
	return "", false
}

// constantesMsg maps the name of each string constant of package msg to
// its value.
func constantesMsg(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range pkgs["msg"].Files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if l, ok := vs.Values[i].(*ast.BasicLit); ok && l.Kind == token.STRING {
							out[n.Name], _ = strconv.Unquote(l.Value)
						}
					}
				}
			}
		}
	}
	if len(out) < 100 {
		t.Fatalf("solo %d constantes en %s", len(out), dir)
	}
	return out
}

func raizModulo(t *testing.T) string {
	t.Helper()
	d, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			t.Fatal("no se encontró go.mod")
		}
		d = up
	}
}
