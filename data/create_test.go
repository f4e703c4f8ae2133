package data

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestZeroByteFileRefused: an empty file is the likeliest damaged workbook
// (a copy or a sync that failed), so it is refused like any other, by every
// mode of Open, and left as it is; it is never turned into a new workbook.
func TestZeroByteFileRefused(t *testing.T) {
	for _, create := range []bool{false, true} {
		path := newDB(t)
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{User: "alice", Create: create})
		if err == nil {
			s.Close()
			t.Fatalf("Create %v: a zero-byte file was opened as a workbook", create)
		}
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "empty") {
			t.Errorf("Create %v: %v, want ErrCorrupt saying the file is empty", create, err)
		}
		if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("not one line starting with the path: %q", err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
			t.Errorf("the refused file changed: %v %v", fi, err)
		}
		if side := sideFiles(path); len(side) != 0 {
			t.Errorf("side files %v appeared", side)
		}
		if _, err := os.Stat(backupDir(path)); err == nil {
			t.Errorf("a backup folder was made")
		}
	}
}

// TestOnlyCreateMakesAWorkbook: without Options.Create a missing file is
// refused and nothing is made, so a command that only reads never creates
// a workbook by mistake; with it the new workbook appears whole, and no
// temporary file is left beside it.
func TestOnlyCreateMakesAWorkbook(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	_, err := Open(path, Options{User: "alice"})
	if !errors.Is(err, ErrNoWorkbook) || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("missing file without Create: %v, want a one-line ErrNoWorkbook", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("opening a missing file without Create made %v", entries)
	}
	s, err := Open(path, Options{User: "alice", Create: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check(ctx)
	if err != nil || !rep.OK() || rep.SchemaVersion != SchemaVersion() {
		t.Errorf("new workbook: %+v %v", rep, err)
	}
	s.Close()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "new.db" {
		t.Errorf("the folder holds %v after creating and closing, want only new.db", names)
	}
	// Now that it exists, Open without Create opens it.
	s, err = Open(path, Options{User: "bob"})
	if err != nil {
		t.Fatalf("existing workbook without Create: %v", err)
	}
	s.Close()
}

// TestBlankSQLiteFileOnlyWithCreate: a blank SQLite file (no tables) is
// made a workbook only by a caller that creates; others refuse it untouched.
func TestBlankSQLiteFileOnlyWithCreate(t *testing.T) {
	path := newDB(t)
	rawExec(t, path, "PRAGMA page_size = 4096", "VACUUM")
	sum := sha(t, path)
	_, err := Open(path, Options{User: "alice", NoBackupOnOpen: true})
	if !errors.Is(err, ErrNotWorkbook) {
		t.Errorf("blank SQLite file without Create: %v, want ErrNotWorkbook", err)
	}
	if sha(t, path) != sum || len(sideFiles(path)) != 0 {
		t.Errorf("the blank file was changed by a refused open")
	}
}
