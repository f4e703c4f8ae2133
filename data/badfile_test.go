package data

import (
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wgll/model"
)

// rawExec runs SQL on path through a plain connection (no wgll pragmas),
// to build files wgll did not make.
func rawExec(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// workbookWithData makes a closed workbook holding some edits.
func workbookWithData(t testing.TB, path string) {
	t.Helper()
	s, err := Open(path, Options{User: "maker", Now: fixedClock(), NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := orgStatements(t)
	h := createT(t, s)
	for i := 0; i < 40; i++ {
		if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[i%len(ids)], Title: fmt.Sprintf("evidence %d", i), Detail: strings.Repeat("detail ", 200)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func sideFiles(path string) []string {
	var out []string
	for _, suf := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suf); err == nil {
			out = append(out, suf)
		}
	}
	return out
}

func TestBadFilesRefusedUntouched(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  error
		msg   string
	}{
		{"random bytes", func(t *testing.T, p string) {
			b := make([]byte, 8192)
			rand.New(rand.NewSource(1)).Read(b)
			os.WriteFile(p, b, 0o644)
		}, ErrNotWorkbook, "not an SQLite file"},
		{"short text file", func(t *testing.T, p string) {
			os.WriteFile(p, []byte("organisation,score\nNorthshire,3\n"), 0o644)
		}, ErrNotWorkbook, "not an SQLite file"},
		{"SQLite header only", func(t *testing.T, p string) {
			os.WriteFile(p, []byte("SQLite format 3\x00"), 0o644)
		}, ErrNotWorkbook, "not a wgll workbook"},
		{"truncated workbook", func(t *testing.T, p string) {
			workbookWithData(t, p)
			fi, _ := os.Stat(p)
			os.Truncate(p, fi.Size()/2)
		}, ErrCorrupt, "damaged"},
		{"cut mid-page", func(t *testing.T, p string) {
			// FuzzOpen found a file cut inside the long criteria text
			// that quick_check passed and the first list then failed on.
			workbookWithData(t, p)
			fi, _ := os.Stat(p)
			os.Truncate(p, fi.Size()-1000)
		}, ErrCorrupt, "restore it from a backup"},
		{"column renamed in the schema", func(t *testing.T, p string) {
			// FuzzOpen found a flipped byte in a column name of the
			// stored schema: the file is sound to SQLite, but loading
			// evidence failed with "no such column".
			workbookWithData(t, p)
			rawExec(t, p, "PRAGMA writable_schema = ON",
				"UPDATE sqlite_schema SET sql = replace(sql, 'updated_at', 'updated_au') WHERE name = 'evidence'",
				"PRAGMA writable_schema = OFF")
		}, ErrCorrupt, "structure is damaged (table evidence has no column updated_at)"},
		{"table missing", func(t *testing.T, p string) {
			workbookWithData(t, p)
			rawExec(t, p, "DROP TABLE drafts")
		}, ErrCorrupt, "table drafts is missing"},
		{"corrupted pages", func(t *testing.T, p string) {
			workbookWithData(t, p)
			b, _ := os.ReadFile(p)
			for i := 4096 + 100; i < len(b); i += 7 {
				b[i] ^= 0x5a
			}
			os.WriteFile(p, b, 0o644)
		}, ErrCorrupt, "damaged"},
		{"another program's database", func(t *testing.T, p string) {
			rawExec(t, p, "CREATE TABLE songs (title TEXT)", "INSERT INTO songs VALUES ('x')")
		}, ErrNotWorkbook, "another program"},
		{"another program's WAL database", func(t *testing.T, p string) {
			rawExec(t, p, "PRAGMA journal_mode=WAL", "CREATE TABLE songs (title TEXT)", "INSERT INTO songs VALUES ('x')")
		}, ErrNotWorkbook, "another program"},
		{"another application id", func(t *testing.T, p string) {
			rawExec(t, p, "PRAGMA application_id = 1234", "PRAGMA user_version = 1")
		}, ErrNotWorkbook, "another program"},
		{"newer schema", func(t *testing.T, p string) {
			workbookWithData(t, p)
			rawExec(t, p, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+6))
		}, ErrNewerSchema, fmt.Sprintf("made by a newer wgll (schema %d, this build reads up to %d); upgrade wgll", SchemaVersion()+6, SchemaVersion())},
		{"read-only file", func(t *testing.T, p string) {
			workbookWithData(t, p)
			os.Chmod(p, 0o444)
		}, ErrReadOnly, "read-only"},
		{"a folder", func(t *testing.T, p string) {
			os.Mkdir(p, 0o755)
		}, ErrNotWorkbook, "not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := newDB(t)
			tt.setup(t, path)
			before := sideFiles(path)
			var sum string
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
				sum = sha(t, path)
			}
			s, err := Open(path, Options{User: "alice"})
			if err == nil {
				s.Close()
				t.Fatalf("Open accepted the file")
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Open: %v\nwant %v containing %q", err, tt.want, tt.msg)
			}
			if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("error is not one line starting with the path: %q", err)
			}
			if sum != "" && sha(t, path) != sum {
				t.Errorf("the refused file was modified")
			}
			if got := sideFiles(path); len(got) != len(before) {
				t.Errorf("side files %v appeared (before: %v)", got, before)
			}
			if _, err := os.Stat(backupDir(path)); err == nil {
				t.Errorf("a backup folder was made for a refused file")
			}
		})
	}
}

func TestBadPlaces(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(filepath.Join(dir, "nope", "wgll.db"), Options{})
	if !errors.Is(err, ErrNoFolder) || !strings.Contains(err.Error(), "does not exist; create it") {
		t.Errorf("missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "nope")); err == nil {
		t.Errorf("the missing folder was created")
	}
	_, err = Open(" ", Options{})
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("empty path: %v", err)
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		_, err = Open(filepath.Join(ro, "wgll.db"), Options{})
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("read-only folder: %v", err)
		}
	}
}

func TestBlankSQLiteFileIsInitialised(t *testing.T) {
	path := newDB(t)
	rawExec(t, path, "PRAGMA page_size = 4096", "VACUUM")
	s := openT(t, path, "alice")
	rep, err := s.Check(ctx)
	if err != nil || rep.SchemaVersion != SchemaVersion() || rep.ApplicationID != ApplicationID {
		t.Fatalf("blank file not initialised: %+v %v", rep, err)
	}
}

func TestDiskFullSavesNothing(t *testing.T) {
	s := openT(t, newDB(t), "alice")
	ids := orgStatements(t)
	h := createT(t, s)
	ev, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "small"})
	if err != nil {
		t.Fatal(err)
	}
	before, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	var pages int64
	if err := writerT(t, s).QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := writerT(t, s).ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 1<<20)
	edits := map[string]func() error{
		"add evidence": func() error {
			_, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "big", Detail: big})
			return err
		},
		"update evidence": func() error {
			e := ev
			e.Detail = big
			_, err := s.SaveEvidence(ctx, h.ID, e)
			return err
		},
		"rationale": func() error { _, err := s.SetRationale(ctx, h.ID, ids[1], big, 0); return err },
		"draft":     func() error { return s.SaveDraft(ctx, model.Draft{Key: "k", Text: big}) },
	}
	for name, edit := range edits {
		err := edit()
		if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "nothing was saved because the disk is full") {
			t.Errorf("%s on a full disk: %v", name, err)
		}
	}
	after, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(after.Responses, after.Evidence, after.Actions) != fmt.Sprint(before.Responses, before.Evidence, before.Actions) {
		t.Errorf("a failed edit changed the workbook")
	}
	if ds, _ := s.Drafts(ctx); len(ds) != 0 {
		t.Errorf("a failed draft was saved")
	}
	if rep, err := s.Check(ctx); err != nil || !rep.OK() {
		t.Errorf("integrity after disk full: %+v %v", rep, err)
	}
}

func TestNetworkFilesystemNames(t *testing.T) {
	// The mapping is all that can be tested without a network drive; the
	// local temp folder must not be reported as one.
	s := openT(t, newDB(t), "alice")
	for _, w := range s.Warnings() {
		if strings.Contains(w, "network drive") {
			t.Errorf("local temp folder reported as a network drive: %s", w)
		}
	}
}
