package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// allCommands walks the command tree as 'wgll --help' builds it.
func allCommands() []*cobra.Command {
	var out []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		out = append(out, c)
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(newRootCmd(&env{getenv: os.Getenv}))
	return out
}

// commandArgs is how a command is named on the command line, without "wgll".
func commandArgs(c *cobra.Command) []string {
	return strings.Fields(strings.TrimPrefix(c.CommandPath(), "wgll"))
}

// Every command answers --help and -h with exit 0 and lists each of its
// flags from their definitions (before, 12 of 13 exited 2 and printed no
// flag at all).
func TestEveryCommandHelp(t *testing.T) {
	for _, c := range allCommands() {
		for _, h := range []string{"--help", "-h"} {
			args := append(commandArgs(c), h)
			code, out, errs := runWGLL(t, args...)
			if code != 0 {
				t.Errorf("wgll %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
				continue
			}
			c.LocalFlags().VisitAll(func(f *pflag.Flag) {
				if !strings.Contains(out, "--"+f.Name) {
					t.Errorf("wgll %s does not list --%s:\n%s", strings.Join(args, " "), f.Name, out)
				}
			})
			if !strings.Contains(out, "--db") && c.Name() != "completion" && !c.HasParent() {
				t.Errorf("wgll %s does not list the global --db", strings.Join(args, " "))
			}
		}
	}
}

// Flags may come after positional arguments: 'wgll import a.db --db b.db'
// imported both files into ./wgll.db before.
func TestFlagsAfterArguments(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	org2 := filepath.Join(dir, "org2.db")
	if code, _, errs := runWGLL(t, "demo", "--db", org2); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	ics := filepath.Join(dir, "ics.db")
	code, out, errs := runWGLL(t, "import", "org2.db", "--db", ics)
	if code != 0 {
		t.Fatalf("import: exit %d: %s%s", code, out, errs)
	}
	if !strings.Contains(out, "org2.db: 3 added") {
		t.Errorf("import output: %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, defaultDB)); err == nil {
		t.Errorf("import created ./%s", defaultDB)
	}
	if code, out, errs := runWGLL(t, "list", "--db", ics); code != 0 || strings.Count(out, "Northfield") != 3 {
		t.Errorf("list ics.db: exit %d %q %q", code, out, errs)
	}
	// compare, backup and benchmark import refused flags after an argument.
	if code, out, errs := runWGLL(t, "compare", "1", "2", "--db", ics, "--format", "md"); code != 0 || !strings.Contains(out, "## ") {
		t.Errorf("compare with trailing flags: exit %d %q %q", code, out, errs)
	}
	copyTo := filepath.Join(dir, "copy.db")
	if code, _, errs := runWGLL(t, "backup", copyTo, "--db", ics); code != 0 {
		t.Errorf("backup with trailing flags: exit %d %q", code, errs)
	}
	if _, err := os.Stat(copyTo); err != nil {
		t.Errorf("backup not written: %v", err)
	}
	code, _, errs = runWGLL(t, "benchmark", "import", "nothing.xlsx", "--db", ics)
	if code != 1 || strings.Contains(errs, "unexpected") {
		t.Errorf("benchmark import with trailing flags: exit %d %q", code, errs)
	}
}

// Usage errors are one line naming the command's own help.
func TestUsageErrorsAreOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"--bogus"}, {"frobnicate"}, {"list", "extra"}, {"import"}, {"export"}, {"export", "nothing"},
		{"criteria"}, {"compare", "1"}, {"heatmap", "--by", "nothing"}, {"report", "--assessment", "x"},
	} {
		code, _, errs := runWGLL(t, args...)
		if code != 2 {
			t.Errorf("wgll %v: exit %d, want 2", args, code)
		}
		if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "--help") {
			t.Errorf("wgll %v: usage error is not one line naming help: %q", args, errs)
		}
	}
	// A bad flag on wgll itself blames wgll, not a command never typed.
	if _, _, errs := runWGLL(t, "--bogus"); strings.Contains(errs, "open") {
		t.Errorf("wgll --bogus blames open: %q", errs)
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errs := runWGLL(t, "completion", shell)
		if code != 0 || !strings.Contains(out, "wgll") || len(out) < 500 {
			t.Errorf("completion %s: exit %d, %d bytes, %q", shell, code, len(out), errs)
		}
	}
}

// Without a terminal the app says so in one line, names the commands that
// work in a script, and creates nothing.
func TestAppWithoutTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	code, _, errs := runWGLL(t, "--db", db)
	if code != 1 || !strings.Contains(errs, "needs a terminal") || !strings.Contains(errs, "wgll list") || strings.Count(errs, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(errs, "TTY") {
		t.Errorf("Bubble Tea's own error leaked: %q", errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files created: %v", entries)
	}
}

func TestDebugLog(t *testing.T) {
	dir := t.TempDir()
	logFile := filepath.Join(dir, "debug.log")
	code, _, _ := runWGLL(t, "list", "--db", filepath.Join(dir, "none.db"), "--debug", logFile)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "command=\"wgll list\"") || !strings.Contains(string(b), "no workbook at") {
		t.Errorf("debug log: %s", b)
	}
}
