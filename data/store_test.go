package data

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

func TestRoundTripAndReopen(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "alice")
	ids := orgStatements(t)
	toml := append(criteria.BuiltinTOML(), []byte("\n# a comment the store must keep\r\n")...)
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "  Northshire  ", Audience: criteria.Organisation, Period: "2026/27", CareSetting: model.SettingAcute}, toml)
	if err != nil {
		t.Fatal(err)
	}
	if h.ID == 0 || h.Organisation != "Northshire" || h.CreatedAt.IsZero() {
		t.Fatalf("CreateAssessment returned %+v", h)
	}
	r, err := s.SetScore(ctx, h.ID, ids[0], 3)
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != 3 || r.Version != 1 || r.UpdatedBy != "alice" {
		t.Fatalf("SetScore returned %+v", r)
	}
	r, err = s.SetRationale(ctx, h.ID, ids[0], "Board paper 7\nline two", r.Version)
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != 2 || r.Rationale != "Board paper 7\nline two" || r.Score != 3 {
		t.Fatalf("SetRationale returned %+v", r)
	}
	ev, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[1], Title: "EPR go-live report", Detail: "d", Link: "https://example.org/x", NeedsReview: true})
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID == 0 || ev.AddedBy != "alice" || ev.AddedAt.IsZero() || ev.Version != 1 || !ev.NeedsReview {
		t.Fatalf("SaveEvidence insert returned %+v", ev)
	}
	ev.Detail = "more detail"
	ev, err = s.SaveEvidence(ctx, h.ID, ev)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Version != 2 || ev.Detail != "more detail" {
		t.Fatalf("SaveEvidence update returned %+v", ev)
	}
	due := time.Date(2027, 3, 31, 15, 4, 0, 0, time.FixedZone("x", 3600))
	ac, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[2], Title: "Publish strategy", Owner: "CIO", Due: due, Priority: model.PriorityHigh})
	if err != nil {
		t.Fatal(err)
	}
	if ac.Status != model.StatusOpen || model.FormatDate(ac.Due) != "2027-03-31" || ac.Version != 1 {
		t.Fatalf("SaveAction insert returned %+v", ac)
	}
	ac.Status = model.StatusInProgress
	if ac, err = s.SaveAction(ctx, h.ID, ac); err != nil || ac.Version != 2 {
		t.Fatalf("SaveAction update: %+v, %v", ac, err)
	}
	gone, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[1], Title: "to delete"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEvidence(ctx, h.ID, gone.ID); err != nil {
		t.Fatal(err)
	}

	want, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := want.Responses[ids[0]]; got != r {
		t.Errorf("loaded response %+v, saved %+v", got, r)
	}
	if got := want.Evidence[ids[1]]; len(got) != 1 || got[0] != ev {
		t.Errorf("loaded evidence %+v, saved %+v", got, ev)
	}
	if got := want.Actions[ids[2]]; len(got) != 1 || got[0] != ac {
		t.Errorf("loaded actions %+v, saved %+v", got, ac)
	}
	s.Close()

	s2 := openT(t, path, "bob")
	got, err := s2.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Header, want.Header) || !reflect.DeepEqual(got.Responses, want.Responses) ||
		!reflect.DeepEqual(got.Evidence, want.Evidence) || !reflect.DeepEqual(got.Actions, want.Actions) {
		t.Errorf("after reopen:\n got %+v\nwant %+v", got, want)
	}
	if got.Criteria == nil || len(got.Measures()) == 0 {
		t.Errorf("criteria not rebuilt: %+v", got.Criteria)
	}
	raw, err := s2.CriteriaTOML(ctx, h.ID)
	if err != nil || string(raw) != string(toml) {
		t.Errorf("criteria snapshot changed (err %v): %d bytes stored, %d saved", err, len(raw), len(toml))
	}
	list, err := s2.Assessments(ctx)
	wantHeader := want.Header
	wantHeader.Assessed, wantHeader.Statements = 1, len(orgStatements(t)) // the list counts progress
	if err != nil || len(list) != 1 || list[0] != wantHeader {
		t.Errorf("Assessments() = %+v, %v", list, err)
	}
}

func TestAssessmentsNewestPeriodFirstAndCarriedFrom(t *testing.T) {
	s := openT(t, newDB(t), "alice")
	ids := orgStatements(t)
	old := createT(t, s)
	if _, err := s.SetScore(ctx, old.ID, ids[0], 2); err != nil {
		t.Fatal(err)
	}
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: "2027/28", CarriedFrom: old.ID}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Period != "2027/28" || list[1].Period != "2026/27" {
		t.Fatalf("Assessments order: %+v", list)
	}
	a, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.CarriedFrom != old.ID || a.Previous[ids[0]] != 2 {
		t.Errorf("carried forward: from %d previous %v", a.CarriedFrom, a.Previous)
	}
	if _, err := s.CreateAssessment(ctx, model.Header{Organisation: "X", Audience: criteria.Organisation, Period: "p", CarriedFrom: 999}, criteria.BuiltinTOML()); !errors.Is(err, ErrNotFound) {
		t.Errorf("carried from a missing assessment: %v", err)
	}
}

func TestInvalidInput(t *testing.T) {
	s := openT(t, newDB(t), "alice")
	ids := orgStatements(t)
	h := createT(t, s)
	long := strings.Repeat("é", MaxHeaderText+1)
	tests := []struct {
		name string
		err  func() error
		want error
		msg  string
	}{
		{"empty organisation", func() error {
			_, err := s.CreateAssessment(ctx, model.Header{Organisation: "  ", Audience: criteria.Organisation, Period: "p"}, criteria.BuiltinTOML())
			return err
		}, ErrInvalid, "organisation name is empty"},
		{"long organisation", func() error {
			_, err := s.CreateAssessment(ctx, model.Header{Organisation: long, Audience: criteria.Organisation, Period: "p"}, criteria.BuiltinTOML())
			return err
		}, ErrInvalid, "longer than 200"},
		{"empty period", func() error {
			_, err := s.CreateAssessment(ctx, model.Header{Organisation: "o", Audience: criteria.Organisation, Period: "\t"}, criteria.BuiltinTOML())
			return err
		}, ErrInvalid, "period is empty"},
		{"long period", func() error {
			_, err := s.CreateAssessment(ctx, model.Header{Organisation: "o", Audience: criteria.Organisation, Period: long}, criteria.BuiltinTOML())
			return err
		}, ErrInvalid, "period is longer"},
		{"bad audience", func() error {
			_, err := s.CreateAssessment(ctx, model.Header{Organisation: "o", Audience: "board", Period: "p"}, criteria.BuiltinTOML())
			return err
		}, ErrInvalid, `audience "board"`},
		{"bad care setting", func() error {
			_, err := s.CreateAssessment(ctx, model.Header{Organisation: "o", Audience: criteria.ICS, Period: "p", CareSetting: "space"}, criteria.BuiltinTOML())
			return err
		}, ErrInvalid, `care setting "space"`},
		{"bad criteria", func() error {
			_, err := s.CreateAssessment(ctx, model.Header{Organisation: "o", Audience: criteria.ICS, Period: "p"}, []byte("not = [toml"))
			return err
		}, ErrInvalid, "criteria are not valid"},
		{"score too high", func() error { _, err := s.SetScore(ctx, h.ID, ids[0], 6); return err }, ErrInvalid, "is not 1 to 5"},
		{"negative score", func() error { _, err := s.SetScore(ctx, h.ID, ids[0], -1); return err }, ErrInvalid, "is not 1 to 5"},
		{"unknown statement", func() error { _, err := s.SetScore(ctx, h.ID, "NOPE-1", 1); return err }, ErrInvalid, `statement "NOPE-1"`},
		{"missing assessment", func() error { _, err := s.SetScore(ctx, 99, ids[0], 1); return err }, ErrNotFound, "assessment 99 does not exist"},
		{"evidence without title", func() error {
			_, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: " "})
			return err
		}, ErrInvalid, "no title"},
		{"action bad status", func() error {
			_, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[0], Title: "t", Status: "later"})
			return err
		}, ErrInvalid, `status "later"`},
		{"action bad priority", func() error {
			_, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[0], Title: "t", Priority: "urgent"})
			return err
		}, ErrInvalid, `priority "urgent"`},
		{"update missing evidence", func() error {
			_, err := s.SaveEvidence(ctx, h.ID, model.Evidence{ID: 42, StatementID: ids[0], Title: "t"})
			return err
		}, ErrNotFound, "no longer exists"},
		{"delete missing action", func() error { return s.DeleteAction(ctx, h.ID, 42) }, ErrNotFound, "no longer exists"},
		{"draft without key", func() error { return s.SaveDraft(ctx, model.Draft{Text: "x"}) }, ErrInvalid, "needs a key"},
	}
	before, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want %v containing %q", err, tt.want, tt.msg)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
	after, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("refused edits changed the workbook: %+v -> %+v", before, after)
	}
}

func TestHostileTextStoredLiterally(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "'); DROP TABLE actions;--")
	ids := orgStatements(t)
	hostile := []string{
		`'); DROP TABLE actions;--`,
		`" OR 1=1; --`,
		"\x1b[2J\x1b]52;c;aGVsbG8=\x07\x1b]0;pwned\x07\r\b\a\u202Eevil\u200B",
		"nul\x00byte",
		strings.Repeat("long ", 8000), // 40,000 characters
	}
	for i, txt := range hostile {
		h, err := s.CreateAssessment(ctx, model.Header{Organisation: strings.TrimSpace(txt[:min(len(txt), 150)]) + "x", Audience: criteria.Organisation, Period: "p" + txt[:min(len(txt), 100)]}, criteria.BuiltinTOML())
		if err != nil {
			t.Fatalf("hostile %d: %v", i, err)
		}
		r, err := s.SetRationale(ctx, h.ID, ids[0], txt, 0)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: txt, Detail: txt, Link: txt})
		if err != nil {
			t.Fatal(err)
		}
		ac, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[0], Title: txt, Owner: txt})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveDraft(ctx, model.Draft{Key: txt, Label: txt, Text: txt, AssessmentID: h.ID}); err != nil {
			t.Fatal(err)
		}
		a, err := s.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Organisation, strings.TrimSpace(txt[:min(len(txt), 150)])) || a.Responses[ids[0]] != r ||
			a.Evidence[ids[0]][0] != ev || a.Actions[ids[0]][0] != ac {
			t.Errorf("hostile %d not stored literally", i)
		}
		if ev.Title != txt || ev.Detail != txt || ev.Link != txt || ac.Title != txt || ac.Owner != txt || r.Rationale != txt || ev.AddedBy != s.User() {
			t.Errorf("hostile %d changed on the way in", i)
		}
		ds, err := s.Drafts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range ds {
			found = found || (d.Key == txt && d.Text == txt && d.Label == txt)
		}
		if !found {
			t.Errorf("hostile %d draft not stored literally", i)
		}
	}
	rep, err := s.Check(ctx)
	if err != nil || !rep.OK() || rep.Actions != int64(len(hostile)) {
		t.Fatalf("schema damaged: %+v %v", rep, err)
	}
	hist, err := s.History(ctx, 1)
	if err != nil || len(hist) != 1 || hist[0].User != s.User() {
		t.Errorf("history user: %+v %v", hist, err)
	}
	s.Close()
	openT(t, path, "x")
}

func TestSchemaFromEmptyFile(t *testing.T) {
	tests := []struct {
		name  string
		setup func(path string) error
	}{
		{"missing file", func(string) error { return nil }},
		// A zero-byte file is refused (TestZeroByteFileRefused).
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := newDB(t)
			if err := tt.setup(path); err != nil {
				t.Fatal(err)
			}
			s := openT(t, path, "alice")
			rep, err := s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() || rep.SchemaVersion != SchemaVersion() || rep.ApplicationID != ApplicationID || rep.Assessments != 0 {
				t.Errorf("new workbook: %+v", rep)
			}
			var mode string
			if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
				t.Errorf("journal mode %q %v", mode, err)
			}
			for _, p := range []struct {
				pragma string
				want   int
			}{{"foreign_keys", 1}, {"synchronous", 2}, {"busy_timeout", int(busyTimeout.Milliseconds())}} {
				var v int
				if err := s.db.QueryRow("PRAGMA " + p.pragma).Scan(&v); err != nil || v != p.want {
					t.Errorf("PRAGMA %s = %d (%v), want %d", p.pragma, v, err, p.want)
				}
			}
		})
	}
}
