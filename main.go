// Command wgll is a terminal workbook in which an NHS board, or the digital
// team that serves it, works through the What Good Looks Like framework:
// scoring every statement, recording evidence and actions, and watching its
// progress on a heatmap.
//
// main.go holds the wiring: the command list, the global flags, exit codes
// and the terminal guard. Each subcommand lives in a cmd_*.go file beside it
// as a function that builds its cobra.Command; adding a command means
// writing that file and adding its constructor to subcommands below.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"os/user"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"wgll/ui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// defaultDB is the workbook opened when neither --db nor WGLL_DB says otherwise.
const defaultDB = "wgll.db"

func main() {
	// ctrl+c (SIGINT), SIGTERM and SIGHUP (the terminal closed) cancel the
	// command's context (interruptOnSignals), so that it stops at its next
	// read or write and clears up.
	//
	// Every signal the program handles is enabled there, once: enabling one
	// later hands over to the runtime's signal thread, and the app's
	// flushOnSignals, which enabled SIGHUP, held the terminal's set-up for
	// up to 3 ms while that thread was woken.
	ctx, cancel := context.WithCancel(context.Background())
	go interruptOnSignals(cancel)
	commandGC(os.Getenv)
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// interruptOnSignals cancels the command's context at the first SIGINT,
// SIGTERM or SIGHUP, and then gives them back their default action, so that
// a second ends the process at once. An export that stops removes its
// temporary file, which ending at once left in the user's folder.
//
// main runs it beside the command rather than before it: the runtime hands
// each signal to be enabled to its signal thread and waits for the thread
// to take it, and the three round trips held every command and the app's
// start for 1 ms (0.1 to 0.9 ms each, traced on this machine's 2 cores).
// A signal in the first moments, before they are enabled, ends the process
// as one before main does: nothing is written yet.
func interruptOnSignals(cancel context.CancelFunc) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, os.Interrupt, syscall.SIGHUP)
	<-sigs
	cancel()
	signal.Stop(sigs)
}

// exitInterrupted is the exit status of a command a signal stopped, as a
// shell gives a program ended by SIGINT.
const exitInterrupted = 130

// Garbage collection for a command, which reads, writes what it was asked
// for and ends (issue 16). At Go's default (GOGC 100, from a 4 MB heap) the
// collector runs every few megabytes allocated: a tenth of 'wgll heatmap
// --by organisation' on the xl workbook, whose heap never holds more than
// a few megabytes. A command collects at 400 instead, within a soft limit
// of commandMemoryLimit that rises with a heap that must outgrow it
// (gc_follow.go): a short command never collects, and a long export
// collects once its heap nears the limit (the XLSX of 100,000 actions
// peaked at 73 MB RSS against 91 at the default, in 2.8 s against 3.5).
// The app (wgll open) and the server (wgll serve) stay long and set their
// own (appGC, longRunningGC). GOGC and GOMEMLIMIT, when set, win.
const (
	commandGCPercent   = 400
	commandMemoryLimit = 48 << 20
)

func commandGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(commandGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		followLiveHeap(commandMemoryLimit) // gc_follow.go
	}
}

// appGC is the app's collection (wgll open): Go's default within
// ui.MemoryLimit, except while it starts. For startUpGC after it starts,
// the app collects only if its heap reaches the limit: at Go's default,
// from a 4 MB heap, the collector ran twice in the first 20 ms (opening
// the workbook, the list and the read ahead allocate a few megabytes, of
// which 2 to 5 stay live), which put the picker 1.5 to 6 ms later on the
// xl demo (scripts/panetime, 15 starts each). The heap stays under 10 MB
// meanwhile, far below the limit. after runs the return to the default
// (time.AfterFunc). GOGC and GOMEMLIMIT, when set, win, and then the app
// collects as they say from the start.
func appGC(getenv func(string) string, after func(time.Duration, func())) {
	longRunningGC(getenv)
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	// The limit follows a live heap that must outgrow it (gc_follow.go),
	// as a command's does: a PDF report holds its every page, and the
	// improvement plan of a huge assessment its every line, and under a
	// fixed 28 MiB the collector ran without pause (the large demo's PDF
	// took 7.9 s from the app against 4.2 s from 'wgll report'; xl's
	// targeted plan 1.15 s against 0.9 s with no limit). Browsing, the
	// live heap stays far below it, and the limit stays ui.MemoryLimit.
	followLiveHeap(ui.MemoryLimit)
	if getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
		after(startUpGC, func() { debug.SetGCPercent(100) })
	}
}

// startUpGC is how long the app collects only at its memory limit: until
// its first screens are up, when the rotating backup starts too.
const startUpGC = backupDelay

// longRunningGC is Go's default collection, for a process that runs for
// hours: the app (appGC) and the server.
func longRunningGC(getenv func(string) string) {
	stopFollowing()
	if getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// env is what every command gets: its streams, the process environment and
// the global flags, passed explicitly so that tests can run commands
// in-process.
type env struct {
	ctx   context.Context
	stdin io.Reader
	// stdout and stderr are the streams commands write to. On a terminal
	// they are guarded (see termGuard): nothing written through them can
	// reach the terminal as a control sequence.
	stdout io.Writer
	stderr io.Writer
	// rawStdout is standard output unguarded, for the few commands that
	// draw styled output themselves (the heatmap) and sanitise their data
	// where they draw it.
	rawStdout io.Writer
	getenv    func(string) string
	now       func() time.Time
	g         globals
}

// usageError is a mistake in how wgll was called; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

// run executes one wgll invocation and returns its exit status: 0 on
// success, 1 on error, 2 on a usage error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{
		ctx: ctx, stdin: stdin,
		stdout: guardTerminal(stdout), stderr: guardTerminal(stderr), rawStdout: stdout,
		getenv: os.Getenv, now: time.Now,
	}
	root := newRootCmd(e)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if e.g.closeLog != nil {
		if err != nil {
			slog.Error("command failed", "err", err)
		}
		e.g.closeLog()
	}
	switch {
	case err == nil:
		return 0
	case isUsage(err):
		msg := oneLine(err.Error())
		if !strings.Contains(msg, "--help") && cmd != nil {
			msg += fmt.Sprintf(" (see '%s --help')", cmd.CommandPath())
		}
		fmt.Fprintf(e.stderr, "wgll: %s\n", msg)
		return 2
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		what := strings.TrimSuffix(oneLine(err.Error()), ": context canceled")
		fmt.Fprintf(e.stderr, "wgll: interrupted before it finished (%s)\n", what)
		return exitInterrupted
	default:
		fmt.Fprintf(e.stderr, "wgll: %s\n", oneLine(err.Error()))
		return 1
	}
}

// oneLine makes an error message one safe line: errors quote file names and
// text from workbooks, which are hostile until sanitised.
func oneLine(s string) string {
	return strings.Join(strings.Fields(ui.Sanitize(s)), " ")
}

// subcommands is every command of wgll, in one place. 'wgll --help' lists
// them sorted by name.
func subcommands(e *env) []*cobra.Command {
	return []*cobra.Command{
		newOpenCmd(e),
		newListCmd(e),
		newHistoryCmd(e),
		newBackupCmd(e),
		newCheckCmd(e),
		newDemoCmd(e),
		newNewCmd(e),
		newImportCmd(e),
		newExportCmd(e),
		newReportCmd(e),
		newHeatmapCmd(e),
		newCompareCmd(e),
		newCriteriaCmd(e),
		newBenchmarkCmd(e),
		newWorkshopCmd(e),
		newServeCmd(e),
		newUsersCmd(e),
		newPlanCmd(e),
		newTargetCmd(e),
		newAssessmentCmd(e),
		newEvidenceCmd(e),
		newVersionCmd(e),
	}
}

// newRootCmd builds the whole command tree for one invocation. Bare 'wgll'
// opens the app, as 'wgll open' does.
func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "wgll",
		Short: "the What Good Looks Like digital framework, as a terminal workbook",
		Long: `wgll: the What Good Looks Like digital framework, as a terminal workbook.

Run without a command, wgll opens the workbook in the terminal app.
The workbook is ./` + defaultDB + ` unless --db FILE or WGLL_DB names another.
Exit status: 0 ok, 1 error, 2 usage error.`,
		Version:                    version,
		SuggestionsMinimumDistance: 2,
		SilenceErrors:              true,
		SilenceUsage:               true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf("; did you mean %q?", s[0])
			}
			return usagef("%s (see 'wgll --help')", msg)
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return e.g.startLog(cmd)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOpen(e, cmd)
		},
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("wgll {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef("%s%v (see '%s --help')", prefix(cmd), err, cmd.CommandPath())
	})
	e.g.register(root, e)
	addOpenFlags(root)
	for _, c := range subcommands(e) {
		root.AddCommand(c)
	}
	root.SetHelpCommand(newHelpCmd(root))
	return root
}

// newHelpCmd is 'wgll help [COMMAND...]': a command's help, or a usage
// error for one that does not exist (cobra's own prints the root help and
// exits 0).
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "help about any command",
		RunE: func(cmd *cobra.Command, args []string) error {
			c, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				name := strings.Join(args, " ")
				msg := fmt.Sprintf("help: unknown command %q", name)
				if len(args) > 0 {
					if s := root.SuggestionsFor(args[0]); len(s) > 0 {
						msg += fmt.Sprintf("; did you mean %q?", s[0])
					}
				}
				return usagef("%s (see 'wgll --help')", msg)
			}
			return c.Help()
		},
	}
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print wgll's version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(e.stdout, "wgll %s\n", version)
			return nil
		},
	}
}

// prefix is "NAME: " for a usage error of a subcommand, naming it as the
// user typed it ("export actions: "), and "" for wgll itself.
func prefix(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return ""
	}
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ") + ": "
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%sunexpected argument %q (see '%s --help')", prefix(cmd), args[0], cmd.CommandPath())
	}
	return nil
}

// exactArgs wants n positional arguments; msg says what they are.
func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usagef("%sunexpected argument %q (see '%s --help')", prefix(cmd), args[n], cmd.CommandPath())
		}
		if len(args) < n {
			return usagef("%s%s (see '%s --help')", prefix(cmd), msg, cmd.CommandPath())
		}
		return nil
	}
}

// minArgs wants at least n positional arguments; msg says what they are.
func minArgs(n int, msg string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s%s (see '%s --help')", prefix(cmd), msg, cmd.CommandPath())
		}
		return nil
	}
}

// groupCmd is a command that only holds subcommands ('wgll criteria dump'):
// run bare or with an unknown word, it says which words it takes.
func groupCmd(use, short, long string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short, Long: long, SuggestionsMinimumDistance: 2}
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.Name()
		c.AddCommand(s)
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("%ssay one of: %s (see '%s --help')", prefix(cmd), strings.Join(names, ", "), cmd.CommandPath())
		}
		msg := fmt.Sprintf("%sunknown subcommand %q", prefix(cmd), args[0])
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf("; did you mean %q?", s[0])
		}
		return usagef("%s; use one of: %s (see '%s --help')", msg, strings.Join(names, ", "), cmd.CommandPath())
	}
	c.RunE = func(cmd *cobra.Command, args []string) error { return nil }
	return c
}

// globals are the flags every command shares.
type globals struct {
	db    string
	user  string
	debug string
	// closeLog closes the --debug log file, when one is open.
	closeLog func()
}

// register adds the global flags to root, for it and every subcommand.
func (g *globals) register(root *cobra.Command, e *env) {
	f := root.PersistentFlags()
	f.StringVar(&g.db, "db", "", "workbook `FILE` (default $WGLL_DB or ./"+defaultDB+")")
	f.StringVar(&g.user, "user", "", "your `NAME` in the change log (default $WGLL_USER or your account)")
	f.StringVar(&g.debug, "debug", "", "append a debug log to `FILE`")
}

// startLog opens the --debug log file, if asked for, and sends log/slog
// there; without it nothing is logged. The log never goes to the terminal.
func (g *globals) startLog(cmd *cobra.Command) error {
	if g.debug == "" {
		slog.SetDefault(slog.New(slog.DiscardHandler))
		return nil
	}
	f, err := os.OpenFile(g.debug, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("open the debug log: %w", err)
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})))
	slog.Info("start", "command", cmd.CommandPath(), "version", version, "pid", os.Getpid())
	g.closeLog = func() { f.Close() }
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
