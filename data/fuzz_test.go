package data

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"wgll/criteria"
	"wgll/data/export"
	"wgll/model"
)

// FuzzOpen writes arbitrary bytes to a file and opens it. Open must never
// panic, and a file it refuses must keep every byte and gain no side file.
// A file it accepts must work as a workbook: it lists, and every assessment
// the list does not mark unreadable loads and renders as a board report and
// an action list, without error. Crashers found are kept in
// testdata/fuzz/FuzzOpen.
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
	// Workbooks whose rows the fuzzer can damage in place: content with
	// actions and evidence, one assessment's criteria already damaged,
	// and a small workbook where a flipped byte often lands in criteria.
	seed("content.db", func(p string) { workbookWithContent(f, p) })
	if small := smallCriteria(f); small != nil {
		// A few kilobytes of criteria: the fuzzer's changes land in them
		// (and in the rows) far more often than in the built-in file.
		seed("small.db", func(p string) {
			s, err := Open(p, Options{User: "maker", Now: fixedClock(), NoBackupOnOpen: true, Create: true})
			if err != nil {
				f.Fatal(err)
			}
			defer s.Close()
			h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Small", Audience: criteria.Organisation, Period: "2026/27"}, small)
			if err != nil {
				f.Fatal(err)
			}
			c, _ := criteria.Parse("small", small)
			for _, m := range c.ForAudience(criteria.Organisation) {
				for _, st := range m.Statements {
					s.SetScore(ctx, h.ID, st.ID, 3)
					s.SaveAction(ctx, h.ID, model.Action{StatementID: st.ID, Title: "Act", Owner: "Dev"})
				}
			}
		})
	}
	seed("unreadable.db", func(p string) {
		src, _, _ := damagedWorkbook(f, "toml || char(1)")
		b, err := os.ReadFile(src)
		if err != nil {
			f.Fatal(err)
		}
		os.WriteFile(p, b, 0o644)
	})

	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.db")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{User: "fuzz", NoBackupOnOpen: true})
		if err == nil {
			defer s.Close()
			usable(t, s, int64(len(data)))
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

// usable fails t unless s lists, and every assessment not marked unreadable
// loads, renders a board report (Markdown and HTML) and an action list,
// and appears in LoadReadable; one marked unreadable must refuse to load
// with an *UnreadableError. A file larger than integrityCheckLimit is not
// checked whole on opening, by design, so damage in it may instead surface
// on the first read, which must then say so (ErrCorrupt).
func usable(t *testing.T, s *Store, size int64) {
	t.Helper()
	hs, err := s.Assessments(ctx)
	if size > integrityCheckLimit && errors.Is(err, ErrCorrupt) {
		return
	}
	if err != nil {
		t.Fatalf("accepted file cannot list assessments: %v", err)
	}
	readable := 0
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, h := range hs {
		if h.Unreadable != "" {
			var ue *UnreadableError
			if _, err := s.Assessment(ctx, h.ID); !errors.As(err, &ue) {
				t.Errorf("assessment %d is marked unreadable (%s) but loading it gives %v", h.ID, h.Unreadable, err)
			}
			if strings.ContainsFunc(h.Unreadable, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
				t.Errorf("the unreadable reason holds a control character: %q", h.Unreadable)
			}
			continue
		}
		readable++
		a, err := s.Assessment(ctx, h.ID)
		if size > integrityCheckLimit && errors.Is(err, ErrCorrupt) {
			return
		}
		if err != nil {
			t.Errorf("assessment %d is listed as readable but does not load: %v", h.ID, err)
			continue
		}
		if _, err := s.AssessmentActions(ctx, h.ID); err != nil {
			t.Errorf("the actions of assessment %d do not load: %v", h.ID, err)
		}
		if err := export.WriteReportMarkdown(io.Discard, a, now); err != nil {
			t.Errorf("the Markdown report of assessment %d: %v", h.ID, err)
		}
		if err := export.WriteReportHTML(io.Discard, a, now); err != nil {
			t.Errorf("the HTML report of assessment %d: %v", h.ID, err)
		}
		if err := export.WriteCSV(io.Discard, export.ActionRows(a, export.Filter{}, now)); err != nil {
			t.Errorf("the action list of assessment %d: %v", h.ID, err)
		}
	}
	loaded, _, err := s.LoadReadable(ctx, func(model.Header) bool { return true })
	if err != nil || len(loaded) != readable {
		t.Errorf("LoadReadable loaded %d of %d readable assessments: %v", len(loaded), readable, err)
	}
}

// workbookWithContent makes a closed workbook of two periods, the second
// carried forward, with scores, rationales, evidence and actions.
func workbookWithContent(t testing.TB, path string) {
	t.Helper()
	s, err := Open(path, Options{User: "maker", Now: fixedClock(), NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids := orgStatements(t)
	h := createT(t, s)
	for i, sid := range ids[:4] {
		r, err := s.SetScore(ctx, h.ID, sid, model.Score(i%5+1))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetRationale(ctx, h.ID, sid, "because "+sid, r.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sid, Title: "Minutes " + sid, Link: "https://example.org/" + sid}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: sid, Title: "Act on " + sid, Owner: "Dev", Due: model.Day(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC))}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2027/28"}, criteria.BuiltinTOML()); err != nil {
		t.Fatal(err)
	}
}

// smallCriteria is the built-in criteria cut to one statement per measure
// and audience, or nil if so small a file is not valid.
func smallCriteria(t testing.TB) []byte {
	c, err := criteria.Parse("builtin", criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Measures {
		m := &c.Measures[i]
		var kept []criteria.Statement
		seen := map[criteria.Audience]bool{}
		for _, st := range m.Statements {
			if !seen[st.Audience] {
				seen[st.Audience] = true
				kept = append(kept, st)
			}
		}
		m.Statements = kept
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(c); err != nil {
		t.Fatal(err)
	}
	if _, err := criteria.Parse("small", buf.Bytes()); err != nil {
		t.Logf("no small criteria seed: %v", err)
		return nil
	}
	return buf.Bytes()
}
