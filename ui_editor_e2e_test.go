package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wgll/data"
)

// TestEndToEndExternalEditor: ctrl+o in the rationale editor hands the text
// to $EDITOR and takes back what it wrote, sanitised.
func TestEndToEndExternalEditor(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	script := filepath.Join(dir, "ed.sh")
	// The "editor" appends a line and an escape sequence to the file.
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '\\nadded-in-editor\\033]0;pwned\\007\\n' >> \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EDITOR", script)
	t.Setenv("VISUAL", "")
	db := filepath.Join(dir, "board.db")
	if code, _, errs := runWGLL(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	tm := startTerm(t, 100, 30, bin, "--db", db, "--user", "director")
	tm.waitFor("Assessments in this workbook")
	tm.keys("Enter")
	tm.waitFor("Heatmap")
	tm.keys("Enter", "Enter")
	tm.waitFor("WL-O1  score")
	tm.keys("Enter")
	tm.waitFor("esc/ctrl+s save")
	tm.keys("C-o")
	tm.waitFor("added-in-editor", "Took the text back from the editor")
	tm.keys("Escape")
	tm.waitFor("Saved rationale for WL-O1")
	tm.keys("q")
	tm.waitFor("EXITED 0")
	st, err := data.Open(db, data.Options{User: "check"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.Assessment(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	got := a.Responses["WL-O1"].Rationale
	if !strings.HasSuffix(got, "\nadded-in-editor") || strings.ContainsAny(got, "\x1b\a") {
		t.Fatalf("rationale after the editor: %q", got)
	}
}
