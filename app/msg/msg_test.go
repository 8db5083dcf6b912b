package msg_test

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

// muestra is a sample value for each verb a catalogue text may use.
var muestra = map[byte]any{'s': "MUESTRA", 'q': "carta.pdf", 'd': 3}

// verboSuelto finds what fmt leaves behind when values and verbs do not
// match, and any verb that was not filled.
var verboSuelto = regexp.MustCompile(`%[-+# 0-9.*\[\]]*[a-zA-Z!%]|\(MISSING\)|\(EXTRA |\(BADINDEX\)|\(NOVERB\)`)

func codigos() []string {
	cs := msg.Codes()
	sort.Strings(cs)
	return cs
}

// Every message of the catalogue, in both languages and with a sample
// value for each of its verbs, reads without a format verb or fmt's
// error markers, ends with its code line and starts with its text.
func TestCatalogo_TodosLosMensajesSinVerbos(t *testing.T) {
	cs := codigos()
	if len(cs) < 130 {
		t.Fatalf("el catálogo tiene %d códigos; se esperaban al menos 130 (¿se registraron todos los archivos?)", len(cs))
	}
	for _, code := range cs {
		m, _ := msg.Lookup(code)
		t.Run(code, func(t *testing.T) {
			es, en := msg.Verbs(m.ES), msg.Verbs(m.EN)
			if string(es) != string(en) {
				t.Fatalf("verbos distintos: español %q, inglés %q", es, en)
			}
			args := make([]any, len(es))
			for i, v := range es {
				a, ok := muestra[v]
				if !ok {
					t.Fatalf("verbo %%%c no admitido; use %%s, %%q o %%d", v)
				}
				args[i] = a
			}
			if n, ok := msg.NumArgs(code); !ok || n != len(args) {
				t.Fatalf("NumArgs = %d, %v; quiero %d", n, ok, len(args))
			}
			for _, lang := range []msg.Lang{msg.ES, msg.EN} {
				txt := msg.New(code, args...).Text(lang)
				if m := verboSuelto.FindString(txt); m != "" {
					t.Errorf("%s: %q quedó en el texto: %s", lang, m, txt)
				}
				lineas := strings.Split(txt, "\n")
				if len(lineas) != 2 || strings.TrimSpace(lineas[0]) == "" {
					t.Errorf("%s: quiero el texto y una línea con el código: %q", lang, txt)
					continue
				}
				if lineas[1] != msg.CodigoLinea(code, lang) {
					t.Errorf("%s: línea del código %q", lang, lineas[1])
				}
				if strings.HasPrefix(lineas[0], "[") {
					t.Errorf("%s: el texto empieza con corchete: %q", lang, lineas[0])
				}
				for _, a := range args {
					if !strings.Contains(lineas[0], fmt.Sprint(a)) {
						t.Errorf("%s: falta el valor %v en %q", lang, a, lineas[0])
					}
				}
			}
		})
	}
}

// The code goes on a second line, "Código 71" or "Code 71", and can be
// had apart from the text.
func TestError_CodigoEnSegundaLinea(t *testing.T) {
	e := msg.New(msg.CodeCartaEquivocada)
	const es = "El archivo no corresponde a la carta a firmar, deberá reiniciar el proceso."
	if got := e.Text(msg.ES); got != es+"\nCódigo 71" {
		t.Errorf("español: %q", got)
	}
	if got := e.Mensaje(msg.EN); got != "The file is not the letter to be signed; you must restart the process." {
		t.Errorf("inglés sin código: %q", got)
	}
	if got := msg.CodigoLinea("71", msg.EN); got != "Code 71" {
		t.Errorf("línea inglesa: %q", got)
	}
	w := fmt.Errorf("firmar carta: %w", e)
	if msg.MensajeDe(w, msg.ES) != es || msg.CodigoLineaDe(w, msg.ES) != "Código 71" || msg.Text(w, msg.ES) != es+"\nCódigo 71" {
		t.Errorf("por partes: %q / %q", msg.MensajeDe(w, msg.ES), msg.CodigoLineaDe(w, msg.ES))
	}
}

// A reason given as a catalogue error is kept, in the language asked for.
func TestError_ConservaElMotivo(t *testing.T) {
	e := msg.New(msg.CodeFirmaNoValida, "Firma1", msg.New(msg.CodeMotivoModificado))
	if got := e.Mensaje(msg.ES); !strings.Contains(got, `"Firma1"`) || !strings.Contains(got, "el documento fue modificado después de firmarse") {
		t.Errorf("español: %q", got)
	}
	if got := e.Mensaje(msg.EN); !strings.Contains(got, "the document was changed after it was signed") {
		t.Errorf("inglés: %q", got)
	}
}

// A raw error never reaches the text, even passed as a value by mistake;
// missing or extra values leave no fmt marker; a Windows path keeps its
// backslashes.
func TestError_ValoresEquivocadosNoRompenElTexto(t *testing.T) {
	secreto := errors.New("open /home/x/secreto.key: permission denied")
	for _, e := range []*msg.Error{
		msg.New(msg.CodeFirmaNoValida, "Firma1", secreto),
		msg.New(msg.CodePDFSinFirmas),
		msg.New(msg.CodeUILlaveExiste, "NPIE.cer"),
		msg.New(msg.CodeLlaveTamano, "mil"),
	} {
		for _, lang := range []msg.Lang{msg.ES, msg.EN} {
			txt := e.Text(lang)
			if m := verboSuelto.FindString(txt); m != "" || strings.Contains(txt, "secreto") {
				t.Errorf("%s %s: %q", e.Code, lang, txt)
			}
		}
	}
	if got := msg.New(msg.CodeArchivoNoLeido, `C:\Users\José\carta.pdf`).Mensaje(msg.ES); !strings.Contains(got, `"C:\Users\José\carta.pdf"`) {
		t.Errorf("ruta de Windows: %q", got)
	}
}

// Unknown codes show the generic message with the unknown code.
func TestError_CodigoDesconocido(t *testing.T) {
	got := msg.New("NO_EXISTE").Text(msg.ES)
	want := msg.New(msg.CodeInterno).Mensaje(msg.ES) + "\nCódigo NO_EXISTE"
	if got != want {
		t.Errorf("%q, quiero %q", got, want)
	}
}

// A List shows one message per line and one line with every code.
func TestList_UnaLineaDeCodigos(t *testing.T) {
	l := msg.List{msg.New(msg.CodeContrasenaCorta), msg.New(msg.CodeContrasenaCaracteres), msg.New(msg.CodeContrasenaCorta)}
	got := msg.Text(l, msg.ES)
	lineas := strings.Split(got, "\n")
	if len(lineas) != 4 || lineas[3] != "Códigos CONTRASENA_CORTA, CONTRASENA_CARACTERES" {
		t.Errorf("%q", got)
	}
	if msg.CodeOf(l) != msg.CodeContrasenaCorta {
		t.Errorf("CodeOf: %q", msg.CodeOf(l))
	}
}

func TestFaltantes_NombraLosDatos(t *testing.T) {
	if msg.Faltantes() != nil {
		t.Error("sin datos faltantes no hay mensaje")
	}
	if got := msg.Faltantes("CURP").Mensaje(msg.ES); got != "Falta 1 dato por capturar o corregir: CURP." {
		t.Errorf("uno: %q", got)
	}
	if got := msg.Faltantes("CURP", "RFC", "Correo").Mensaje(msg.ES); got != "Faltan 3 datos por capturar o corregir: CURP, RFC, Correo." {
		t.Errorf("varios: %q", got)
	}
}
