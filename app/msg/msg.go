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

// Message is one catalogue entry. ES and EN may contain fmt verbs filled
// from the Error's Args.
type Message struct {
	Code string
	ES   string
	EN   string
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

// Error returns the Spanish text with its code, so that an Error printed
// by mistake is still readable.
func (e *Error) Error() string { return e.Text(ES) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Args == nil
}

// Text returns the message in lang, prefixed with its code.
func (e *Error) Text(lang Lang) string {
	m, ok := Lookup(e.Code)
	if !ok {
		return fmt.Sprintf("[%s]", e.Code)
	}
	f := m.ES
	if lang == EN && m.EN != "" {
		f = m.EN
	}
	if len(e.Args) > 0 {
		f = fmt.Sprintf(f, e.Args...)
	}
	return fmt.Sprintf("[%s] %s", e.Code, f)
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
// internal details never reach a user.
func Text(err error, lang Lang) string {
	if err == nil {
		return ""
	}
	var l List
	if errors.As(err, &l) && len(l) > 0 {
		return l.Text(lang)
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Text(lang)
	}
	return New(CodeInterno).Text(lang)
}

// List is several user errors at once (every rule a password breaks), each
// shown on its own line.
type List []*Error

// Error returns the Spanish texts, one per line.
func (l List) Error() string { return l.Text(ES) }

// Text returns the texts in lang, one per line.
func (l List) Text(lang Lang) string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Text(lang)
	}
	return strings.Join(lines, "\n")
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
