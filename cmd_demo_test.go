package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDemoCommand(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "mine.db")
	if err := os.WriteFile(existing, []byte("my real workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "demo.db")
	spaced := filepath.Join(dir, "board pack.db")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{name: "small", args: []string{"demo", "--db", fresh}, stdout: []string{"3 assessments", "Open it with: wgll --db " + fresh + "\n"}},
		{name: "path quoted for the shell", args: []string{"demo", "--db", spaced}, stdout: []string{"Open it with: wgll --db '" + spaced + "'\n"}},
		{name: "existing file", args: []string{"demo", "--db", existing}, code: 1, stderr: "already exists"},
		{name: "written one refused", args: []string{"demo", "--db", fresh}, code: 1, stderr: "never overwrites"},
		{name: "bad size", args: []string{"demo", "--db", filepath.Join(dir, "x.db"), "--size", "huge"}, code: 2, stderr: `size "huge" is not small, large or xl`},
		{name: "stray argument", args: []string{"demo", "x.db"}, code: 2, stderr: `unexpected argument "x.db"`},
		{name: "no folder", args: []string{"demo", "--db", filepath.Join(dir, "none", "x.db")}, code: 1, stderr: "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runWGLL(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout %q does not contain %q", out, want)
				}
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", errs, tt.stderr)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "my real workbook" {
		t.Errorf("the existing file was changed to %q", b)
	}
	// The demo opens as a workbook with the heatmap command.
	code, out, errs := runWGLL(t, "heatmap", "--db", fresh)
	if code != 0 || !strings.Contains(out, "Well") {
		t.Errorf("heatmap of the demo: exit %d\n%s%s", code, out, errs)
	}
}
