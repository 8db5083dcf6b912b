// Package msg is the one catalogue of user-facing messages: every error a
// user can see has a stable code and a Spanish and an English text here.
// Callers build user errors with New and show them with Text; raw
// err.Error() strings are never shown to users.
package msg

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
)

// Lang is a UI language.
type Lang string

// Supported languages. Spanish is the default.
const (
	ES Lang = "es"
	EN Lang = "en"
)

// Message is one catalogue entry. ES and EN may contain the verbs %s, %q
// and %d, filled in order from the Error's Args; both texts take the same
// number of values (see NumArgs).
type Message struct {
	Code string
	ES   string
	EN   string
}

// NumArgs returns how many values the message's text takes.
func (m Message) NumArgs() int { return len(Verbs(m.ES)) }

// NumArgs returns how many values code's text takes, and whether the code
// is in the catalogue.
func NumArgs(code string) (int, bool) {
	m, ok := Lookup(code)
	return m.NumArgs(), ok
}

// Verbs returns the verbs of a catalogue text in order ('s', 'q', 'd',
// or whatever letter or symbol follows a %), without the escaped %%.
func Verbs(f string) []byte {
	var vs []byte
	for i := 0; i < len(f)-1; i++ {
		if f[i] != '%' {
			continue
		}
		i++
		if f[i] != '%' {
			vs = append(vs, f[i])
		}
	}
	return vs
}

var (
	mu        sync.RWMutex
	catalogue = map[string]Message{}
)

// register adds entries; each file of this package registers its domain's
// messages from init. A duplicate code is a programming error.
func register(ms ...Message) {
	mu.Lock()
	defer mu.Unlock()
	for _, m := range ms {
		if _, dup := catalogue[m.Code]; dup {
			panic("msg: duplicate code " + m.Code)
		}
		catalogue[m.Code] = m
	}
}

// Lookup returns the catalogue entry for code.
func Lookup(code string) (Message, bool) {
	mu.RLock()
	defer mu.RUnlock()
	m, ok := catalogue[code]
	return m, ok
}

// Codes lists every registered code (for tests and documentation).
func Codes() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(catalogue))
	for c := range catalogue {
		out = append(out, c)
	}
	return out
}

// Error is an error a user may see: a code from the catalogue, the values
// its text needs, and the underlying cause (never shown, kept for logs that
// must not contain secrets either).
type Error struct {
	Code string
	Args []any
	Err  error
}

// New returns a user error with the given code.
func New(code string, args ...any) *Error {
	return &Error{Code: code, Args: args}
}

// Wrap returns a user error with the given code whose cause is err.
func Wrap(err error, code string, args ...any) *Error {
	return &Error{Code: code, Args: args, Err: err}
}

// Error returns the Spanish text with its code line, so that an Error
// printed by mistake is still readable.
func (e *Error) Error() string { return e.Text(ES) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Args == nil
}

// Text returns the message in lang followed, on a line of its own, by its
// code line ("Código 71"), which screens show smaller and quieter.
func (e *Error) Text(lang Lang) string {
	return e.Mensaje(lang) + "\n" + CodigoLinea(e.Code, lang)
}

// Mensaje returns the message in lang without its code line. An unknown
// code gives the generic message (its code line still names the code).
// Arguments that are *Error are shown as their own Mensaje in lang, which
// is how a message keeps its cause ("La firma no es válida: <reason>").
func (e *Error) Mensaje(lang Lang) string {
	m, ok := Lookup(e.Code)
	if !ok {
		m, _ = Lookup(CodeInterno)
	}
	f := m.ES
	if lang == EN && m.EN != "" {
		f = m.EN
	}
	return render(f, e.Args, lang)
}

// CodigoLinea returns the line that names code under a message:
// "Código 71" in Spanish, "Code 71" in English.
func CodigoLinea(code string, lang Lang) string {
	if lang == EN {
		return "Code " + code
	}
	return "Código " + code
}

// render fills f's verbs from args. It never lets a fmt error marker
// through: a missing value is left empty, an extra one is dropped, and a
// value is always printed plainly (%q quotes without escaping, so a
// Windows path keeps single backslashes). A test checks that every call
// site passes exactly NumArgs values, so these fallbacks are a last guard.
func render(f string, args []any, lang Lang) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i == len(f)-1 {
			b.WriteByte(f[i])
			continue
		}
		i++
		verb := f[i]
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		var v string
		if n < len(args) {
			v = valor(args[n], lang)
		}
		n++
		if verb == 'q' {
			v = `"` + v + `"`
		}
		b.WriteString(v)
	}
	return b.String()
}

// valor prints one argument: a catalogue error as its message, any other
// error as the generic message (raw error strings are never shown), and
// anything else as fmt.Sprint does.
func valor(a any, lang Lang) string {
	switch v := a.(type) {
	case nil:
		return ""
	case *Error:
		if v == nil {
			return ""
		}
		return v.Mensaje(lang)
	case error:
		return MensajeDe(v, lang)
	}
	return fmt.Sprint(a)
}

// CodeOf returns the code of the first *Error in err's chain, or "".
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Text returns the user text for any error: the catalogue text of the first
// *Error in its chain, or the generic "unexpected error" message, so that
// internal details never reach a user; the message is followed by its code
// line. MensajeDe and CodigoLineaDe give the two parts apart.
func Text(err error, lang Lang) string {
	if err == nil {
		return ""
	}
	return MensajeDe(err, lang) + "\n" + CodigoLineaDe(err, lang)
}

// MensajeDe returns err's user text in lang without the code line (a List
// gives one message per line).
func MensajeDe(err error, lang Lang) string {
	if err == nil {
		return ""
	}
	var l List
	if errors.As(err, &l) && len(l) > 0 {
		return l.Mensaje(lang)
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Mensaje(lang)
	}
	return New(CodeInterno).Mensaje(lang)
}

// CodigoLineaDe returns the code line for err: its code, INTERNO for an
// error outside the catalogue, and for a List every distinct code
// ("Código A, B").
func CodigoLineaDe(err error, lang Lang) string {
	if err == nil {
		return ""
	}
	var l List
	if errors.As(err, &l) && len(l) > 0 {
		return l.codigoLinea(lang)
	}
	code := CodeOf(err)
	if code == "" {
		code = CodeInterno
	}
	return CodigoLinea(code, lang)
}

// List is several user errors at once (every rule a password breaks), each
// shown on its own line.
type List []*Error

// Error returns the Spanish texts, one per line, and the code line.
func (l List) Error() string { return l.Text(ES) }

// Text returns the messages in lang, one per line, followed by one code
// line naming every code.
func (l List) Text(lang Lang) string { return l.Mensaje(lang) + "\n" + l.codigoLinea(lang) }

// Mensaje returns the messages in lang, one per line, without codes.
func (l List) Mensaje(lang Lang) string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Mensaje(lang)
	}
	return strings.Join(lines, "\n")
}

func (l List) codigoLinea(lang Lang) string {
	var codes []string
	seen := map[string]bool{}
	for _, e := range l {
		if !seen[e.Code] {
			seen[e.Code] = true
			codes = append(codes, e.Code)
		}
	}
	if len(codes) == 1 {
		return CodigoLinea(codes[0], lang)
	}
	if lang == EN {
		return "Codes " + strings.Join(codes, ", ")
	}
	return "Códigos " + strings.Join(codes, ", ")
}

// As lets errors.As find the first *Error of a List, so CodeOf works.
func (l List) As(target any) bool {
	if t, ok := target.(**Error); ok && len(l) > 0 {
		*t = l[0]
		return true
	}
	return false
}

// LangFromEnv picks the language from LC_ALL, LC_MESSAGES or LANG: English
// for en_*, Spanish otherwise.
func LangFromEnv() Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "en") {
				return EN
			}
			return ES
		}
	}
	return ES
}

// CodeInterno is the code of the generic message for unexpected errors.
const CodeInterno = "INTERNO"

func init() {
	register(Message{CodeInterno,
		"Ocurrió un error inesperado. Intente de nuevo; si el problema continúa, reporte este código.",
		"An unexpected error occurred. Try again; if it persists, report this code."})
}
