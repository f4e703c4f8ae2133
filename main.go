// Command wgll is a terminal workbook in which an NHS board, or the digital
// team that serves it, works through the What Good Looks Like framework:
// scoring every statement, recording evidence and actions, and watching its
// progress on a heatmap.
//
// main.go holds the wiring: the command table, global flags and opening the
// workbook. Each subcommand lives in a cmd_*.go file beside it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"os/user"
	"sort"
	"strings"
	"syscall"
	"time"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// defaultDB is the workbook opened when neither --db nor WGLL_DB says otherwise.
const defaultDB = "wgll.db"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what every command gets: its streams and the process environment,
// passed explicitly so that tests can run commands in-process.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time
}

// command is one subcommand of wgll.
type command struct {
	name    string
	summary string
	// usage is the argument synopsis after "wgll NAME".
	usage string
	// help is the longer description printed by "wgll help NAME".
	help string
	run  func(e *env, args []string) error
}

var commands = map[string]*command{}

// register adds a subcommand; each cmd_*.go file registers its own in init.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("wgll: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// usageError is a mistake in how wgll was called; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// run executes one wgll invocation and returns its exit status: 0 on
// success, 1 on error, 2 on a usage error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now}
	err := dispatch(e, args)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case isUsage(err):
		fmt.Fprintf(stderr, "wgll: %v\n", err)
		fmt.Fprintln(stderr, "Run 'wgll --help' for usage.")
		return 2
	default:
		fmt.Fprintf(stderr, "wgll: %v\n", err)
		return 1
	}
}

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

func dispatch(e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "-help", "--help":
			printUsage(e.stdout)
			return nil
		case "-version", "--version", "version":
			fmt.Fprintf(e.stdout, "wgll %s\n", version)
			return nil
		case "help":
			return helpCommand(e, args[1:])
		}
		if !strings.HasPrefix(args[0], "-") {
			c, ok := commands[args[0]]
			if !ok {
				return usagef("unknown command %q", args[0])
			}
			return c.run(e, args[1:])
		}
	}
	return commands["open"].run(e, args)
}

func helpCommand(e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stdout)
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		return usagef("no help for unknown command %q", args[0])
	}
	fmt.Fprintf(e.stdout, "Usage: wgll %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.help))
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, `wgll %s: the What Good Looks Like digital framework, as a terminal workbook.

Usage:
  wgll [--db FILE] [--user NAME] [--criteria FILE]   open the workbook in the terminal app
  wgll COMMAND [flags]

Commands:
`, version)
	names := make([]string, 0, len(commands))
	for n := range commands {
		if n != "open" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, `
The workbook is ./%s unless --db FILE or WGLL_DB names another.
Run 'wgll help COMMAND' for a command's flags. Exit status: 0 ok, 1 error, 2 usage error.
`, defaultDB)
}

// globals are the flags most commands share.
type globals struct {
	db   string
	user string
}

// newFlags returns a flag set for a subcommand that reports errors as usage
// errors instead of printing and exiting.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// addGlobals registers --db and --user on fs.
func addGlobals(e *env, fs *flag.FlagSet) *globals {
	g := &globals{}
	fs.StringVar(&g.db, "db", "", "workbook `FILE` (default $WGLL_DB or ./"+defaultDB+")")
	fs.StringVar(&g.user, "user", "", "your `NAME` in the change log (default $WGLL_USER or your account)")
	return g
}

// parse parses args into fs, turning flag errors into usage errors, and
// refuses stray positional arguments beyond max (max < 0 means any number).
func parse(fs *flag.FlagSet, args []string, max int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usagef("%s: see 'wgll help %s'", fs.Name(), fs.Name())
		}
		return usagef("%s: %v", fs.Name(), err)
	}
	if max >= 0 && fs.NArg() > max {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(max))
	}
	return nil
}

// dbPath resolves the workbook path from --db, WGLL_DB, then the default.
func (g *globals) dbPath(e *env) string {
	if g.db != "" {
		return g.db
	}
	if p := e.getenv("WGLL_DB"); p != "" {
		return p
	}
	return defaultDB
}

// userName resolves who is making changes: --user, WGLL_USER, then the
// operating-system account.
func (g *globals) userName(e *env) string {
	if g.user != "" {
		return g.user
	}
	if u := e.getenv("WGLL_USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}
