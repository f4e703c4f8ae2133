package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runWGLL runs one wgll invocation in-process and returns its exit status,
// standard output and standard error.
func runWGLL(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		noCreate string
	}{
		{name: "version", args: []string{"--version"}, stdout: "wgll " + version},
		{name: "help", args: []string{"--help"}, stdout: "Commands:"},
		{name: "help command", args: []string{"help", "heatmap"}, stdout: "wgll heatmap [flags]"},
		{name: "help unknown", args: []string{"help", "nope"}, code: 2, stderr: "unknown command"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "bad flag", args: []string{"heatmap", "--colour"}, code: 2, stderr: "heatmap: unknown flag: --colour (see 'wgll heatmap --help')"},
		{name: "bad root flag", args: []string{"--bogus"}, code: 2, stderr: "wgll: unknown flag: --bogus (see 'wgll --help')"},
		{name: "did you mean", args: []string{"hetamap"}, code: 2, stderr: `did you mean "heatmap"?`},
		{name: "stray argument", args: []string{"list", "extra"}, code: 2, stderr: `unexpected argument "extra"`},
		{name: "bad assessment id", args: []string{"heatmap", "--assessment", "x"}, code: 2, stderr: "positive number"},
		{name: "heatmap without workbook", args: []string{"heatmap", "--db", missing}, code: 1, stderr: "no workbook at", noCreate: missing},
		{name: "history bad limit", args: []string{"history", "--limit", "0"}, code: 2, stderr: "--limit"},
		{name: "backup needs OUT", args: []string{"backup", "--db", missing}, code: 2, stderr: "say where"},
		{name: "criteria no action", args: []string{"criteria"}, code: 2, stderr: "dump"},
		{name: "criteria dump", args: []string{"criteria", "dump"}, stdout: "[[measure]]"},
		{name: "criteria check missing", args: []string{"criteria", "check", missing}, code: 1, stderr: "none.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runWGLL(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout %q does not contain %q", out, tt.stdout)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", errs, tt.stderr)
			}
			if tt.code != 0 && strings.Count(strings.TrimSpace(errs), "\n") > 1 {
				t.Errorf("error is more than a line or two:\n%s", errs)
			}
			if tt.noCreate != "" {
				if _, err := os.Stat(tt.noCreate); err == nil {
					t.Errorf("%s was created", tt.noCreate)
				}
			}
		})
	}
}

func TestCriteriaCheckBuiltin(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runWGLL(t, "criteria", "dump")
	if code != 0 {
		t.Fatal("dump failed")
	}
	f := filepath.Join(dir, "c.toml")
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runWGLL(t, "criteria", "check", f)
	if code != 0 || !strings.Contains(out, "ok: 7 measures") {
		t.Fatalf("check of the dumped built-in file: exit %d, %s %s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("[[measure]]\nkey = \"x\"\nname = \"X\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runWGLL(t, "criteria", "check", bad); code != 1 || !strings.Contains(errs, "bad.toml:") {
		t.Fatalf("check of a bad file: exit %d, stderr %q", code, errs)
	}
}

func TestExportAssessmentsImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "trust.db"), filepath.Join(dir, "ics.db")
	doc := filepath.Join(dir, "trust.json")
	if code, _, errs := runWGLL(t, "demo", "--db", src); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	if code, _, errs := runWGLL(t, "export", "assessments", "--db", src, "--assessment", "2", "--out", doc); code != 0 {
		t.Fatalf("export assessments: %s", errs)
	}
	code, out, errs := runWGLL(t, "import", "--db", dst, doc)
	if code != 0 || !strings.Contains(out, "1 added") {
		t.Fatalf("first import into a new workbook: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runWGLL(t, "import", "--db", dst, doc)
	if code != 0 || !strings.Contains(out, "0 added, 1 already here") {
		t.Fatalf("second import: exit %d\n%s%s", code, out, errs)
	}
	_, srcMap, _ := runWGLL(t, "heatmap", "--db", src, "--assessment", "2")
	_, dstMap, _ := runWGLL(t, "heatmap", "--db", dst, "--assessment", "1")
	if srcMap == "" || srcMap != dstMap {
		t.Errorf("imported heatmap differs:\n%s\nwant:\n%s", dstMap, srcMap)
	}
	if code, _, errs := runWGLL(t, "export", "assessments", "--db", src, "--assessment", "99"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("missing assessment: exit %d, %s", code, errs)
	}
}
