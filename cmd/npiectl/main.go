// Command npiectl is the command line over the SeguriTools library: it makes
// and inspects credentials, builds .pfx files, makes, signs and verifies
// letters, and runs every procedure against a refca server.
//
// Passwords are never arguments: they come from a terminal prompt or a file
// (--password-file, "-" for standard input). With --json every command
// prints exactly one JSON object on standard output.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/seguritools/seguritools/app/msg"
)

// command is one npiectl command. run parses its own flags from args.
type command struct {
	summary string
	run     func(e *env, args []string) (map[string]any, error)
}

// commands is the whole command table, keyed by the words that name a
// command ("keygen", "letter sign"); each file registers its own.
var commands = map[string]command{}

func register(name, summary string, run func(e *env, args []string) (map[string]any, error)) {
	commands[name] = command{summary, run}
}

// env is what a command needs from the process: streams, language, and
// whether to answer in JSON.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lang           msg.Lang
	json           bool
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, lang: msg.LangFromEnv()}
	os.Exit(run(e, os.Args[1:]))
}

// run executes one command line and returns the exit status: 0 success,
// 1 the operation failed, 2 the command line was wrong.
func run(e *env, args []string) int {
	name, rest := lookup(args)
	if name == "" {
		usage(e)
		return 2
	}
	for _, a := range rest {
		if a == "--json" || a == "-json" {
			e.json = true
		}
	}
	res, err := commands[name].run(e, rest)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "npiectl %s: %s\n", name, ue.Error())
			if e.json {
				writeJSON(e.stdout, map[string]any{"ok": false, "error": map[string]any{"code": "USO", "message": ue.Error()}})
			}
			return 2
		}
		text := msg.Text(err, e.lang)
		fmt.Fprintln(e.stderr, text)
		if e.json {
			code := msg.CodeOf(err)
			if code == "" {
				code = msg.CodeInterno
			}
			writeJSON(e.stdout, map[string]any{"ok": false, "error": map[string]any{"code": code, "message": msg.MensajeDe(err, e.lang)}})
		}
		return 1
	}
	if e.json {
		if res == nil {
			res = map[string]any{}
		}
		res["ok"] = true
		writeJSON(e.stdout, res)
	}
	return 0
}

// lookup finds the longest command name that prefixes args.
func lookup(args []string) (string, []string) {
	for n := min(len(args), 2); n > 0; n-- {
		name := strings.Join(args[:n], " ")
		if _, ok := commands[name]; ok {
			return name, args[n:]
		}
	}
	return "", nil
}

func usage(e *env) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(e.stderr, "uso: npiectl COMANDO [opciones]   (npiectl COMANDO -h para las opciones)")
	for _, n := range names {
		fmt.Fprintf(e.stderr, "  %-22s %s\n", n, commands[n].summary)
	}
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// usageError is a wrong command line (exit status 2).
type usageError struct{ s string }

func (u usageError) Error() string { return u.s }

// newFlags returns a flag set that reports errors instead of exiting and
// always knows --json.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("npiectl "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Bool("json", false, "imprime un solo objeto JSON con el resultado")
	return fs
}

// parse parses args and turns flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 && fs.Lookup("__positional") == nil {
		return usageError{fmt.Sprintf("argumento inesperado: %q", fs.Arg(0))}
	}
	return nil
}

// need reports a missing required flag as a usage error.
func need(vals ...string) error {
	for i := 0; i+1 < len(vals); i += 2 {
		if vals[i+1] == "" {
			return usageError{fmt.Sprintf("falta --%s", vals[i])}
		}
	}
	return nil
}
