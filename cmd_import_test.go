package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportInterrupted: an import stopped by ctrl+c (its context
// cancelled) adds nothing, does not go on to the next file, and says it
// was interrupted, with status 130; it used to count the file as one that
// "could not be imported; the others were" and exit 1.
func TestImportInterrupted(t *testing.T) {
	src := demoDB(t)
	json := filepath.Join(t.TempDir(), "all.json")
	if code, _, errs := runWGLL(t, "export", "assessments", "--db", src, "--out", json); code != 0 {
		t.Fatal(errs)
	}
	db := filepath.Join(t.TempDir(), "ics.db")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"import", "--db", db, json, src}, strings.NewReader(""), &out, &errb)
	if code != exitInterrupted || !strings.HasPrefix(errb.String(), "wgll: interrupted before it finished (import") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want %d and one line saying it was interrupted", code, errb.String(), exitInterrupted)
	}
	if code, list, _ := runWGLL(t, "list", "--db", db); code == 0 && strings.Contains(list, "Northfield") {
		t.Errorf("the interrupted import added:\n%s", list)
	}
}

// TestImportAllFilesFailed: when every file fails, the message says that
// nothing was changed, not that "the others were".
func TestImportAllFilesFailed(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	for _, files := range [][]string{{bad}, {bad, bad}} {
		code, _, errs := runWGLL(t, append([]string{"import", "--db", filepath.Join(dir, "ics.db")}, files...)...)
		if code != 1 || strings.Contains(errs, "the others were") || !strings.Contains(errs, "nothing was changed") {
			t.Errorf("import %v: exit %d, stderr %q", files, code, errs)
		}
	}
}
