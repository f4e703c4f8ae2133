package data

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen writes arbitrary bytes to a file and opens it. Open must never
// panic, and a file it refuses must keep every byte and gain no side file.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	seed := func(name string, make func(path string)) {
		p := filepath.Join(dir, name)
		make(p)
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add([]byte("SQLite format 3\x00"))
	f.Add(bytes.Repeat([]byte{0}, 4096))
	seed("workbook.db", func(p string) { workbookWithData(f, p) })
	seed("foreign.db", func(p string) { rawExec(f, p, "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)") })
	seed("newer.db", func(p string) {
		workbookWithData(f, p)
		rawExec(f, p, "PRAGMA user_version = 99")
	})
	seed("truncated.db", func(p string) {
		workbookWithData(f, p)
		fi, _ := os.Stat(p)
		os.Truncate(p, fi.Size()*2/3)
	})

	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.db")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{User: "fuzz", NoBackupOnOpen: true})
		if err == nil {
			// Accepted: it must work as a workbook.
			if _, err := s.Assessments(ctx); err != nil {
				t.Errorf("accepted file cannot list assessments: %v", err)
			}
			s.Close()
			return
		}
		after, rerr := os.ReadFile(path)
		if rerr != nil {
			t.Fatal(rerr)
		}
		if !bytes.Equal(after, data) {
			t.Fatalf("refused file was modified (%v)", err)
		}
		if side := sideFiles(path); len(side) != 0 {
			t.Fatalf("refused file gained side files %v (%v)", side, err)
		}
	})
}
