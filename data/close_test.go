package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestUseAfterClose: the app's commands may still be running when the store
// is closed on quit; they must get an error, never a panic, and Close may be
// called again.
func TestUseAfterClose(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	s := openT(t, path, "alice")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				s.Drafts(ctx)
				s.Assessments(ctx)
				s.DataVersion(ctx)
			}
		}()
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if _, err := s.Drafts(ctx); err == nil {
		t.Error("Drafts after Close gave no error")
	}
	if _, err := s.SetScore(ctx, 1, "WL-O1", 3); err == nil {
		t.Error("SetScore after Close gave no error")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestCloseWaitsForReads: a read still running as the store closes (the app
// quitting while the overview's action counts are read) gave its
// connection back after Close had returned; a process that ended first
// never closed it, and SQLite left the -wal and -shm files behind. Close
// now waits for it, so the workbook is left whole, with no side files.
func TestCloseWaitsForReads(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	s := openT(t, path, "alice")
	if _, err := s.Assessments(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM assessments")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		rows.Close()
	}()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, side := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(side); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is left after Close (stat: %v)", filepath.Base(side), err)
		}
	}
}

// TestStampIgnoresEmptyWAL: an empty WAL, which a process that never closed
// the workbook leaves behind, is no change to its content, so the rotating
// backup is not taken again for it; a WAL with frames in it is.
func TestStampIgnoresEmptyWAL(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	before := stamp(path)
	if err := os.WriteFile(path+"-wal", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := stamp(path); got != before {
		t.Errorf("an empty WAL changed the stamp: %q, was %q", got, before)
	}
	if err := os.WriteFile(path+"-wal", []byte("frames"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := stamp(path); got == before {
		t.Errorf("a WAL with frames left the stamp as it was: %q", got)
	}
}
