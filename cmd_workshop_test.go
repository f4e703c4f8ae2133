package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// workshopWorkbook makes a workbook with one workshop: two rounds on
// WL-O1 (the second agreed, with dissent) and one action captured.
func workshopWorkbook(t *testing.T) (string, model.Workshop) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	open := func(user string) *data.Store {
		s, err := data.Open(path, data.Options{Create: true, User: user, NoBackupOnOpen: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	chair := open("chair")
	h, err := chair.CreateAssessment(ctx, model.Header{Organisation: "Northshire | NHS Trust", Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	w, _, err := chair.StartWorkshop(ctx, h.ID, "WL-O1", model.WorkshopOptions{Timebox: 5 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	vote := func(name string, round, level int, reason string) {
		if err := open(name).CastVote(ctx, w.ID, "WL-O1", round, name, level, reason); err != nil {
			t.Fatal(err)
		}
	}
	step := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	vote("ann", 1, 1, "no CCIO\x1b[2J")
	vote("bob", 1, 5, "")
	step(chair.RevealRound(ctx, w.ID))
	step(chair.NewRound(ctx, w.ID))
	vote("ann", 2, 3, "")
	vote("bob", 2, 4, "")
	vote("eve", 2, 0, "not my area")
	step(chair.RevealRound(ctx, w.ID))
	if _, err := chair.Agree(ctx, w.ID, 0, "bob: 4"); err != nil {
		t.Fatal(err)
	}
	if _, err := chair.AddWorkshopActions(ctx, w.ID, "well-led", []model.Action{{StatementID: "WL-O1", Title: "Appoint a CCIO", Owner: "CEO"}}); err != nil {
		t.Fatal(err)
	}
	return path, w
}

func TestWorkshopRecordJSONHoldsEveryVote(t *testing.T) {
	path, w := workshopWorkbook(t)
	code, out, errs := runWGLL(t, "workshop", "record", "--db", path, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rec recordJSON
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rec.Workshop != w.ID || rec.Facilitator != "chair" || len(rec.Participants) != 3 || rec.Rule != "default" || len(rec.Statements) != 1 {
		t.Fatalf("record = %+v", rec)
	}
	s := rec.Statements[0]
	if len(s.Rounds) != 2 || len(s.Rounds[0].Votes) != 2 || len(s.Rounds[1].Votes) != 3 {
		t.Fatalf("rounds = %+v", s.Rounds)
	}
	if v := s.Rounds[0].Votes[0]; v.Participant != "ann" || v.Level != 1 || v.Reason != "no CCIO\x1b[2J" {
		t.Errorf("first vote = %+v (JSON keeps what was typed, escaped)", v)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("raw escape in the JSON output")
	}
	if !s.Rounds[0].Disagree || s.Rounds[1].Disagree || s.Rounds[1].Counts[0] != 1 {
		t.Errorf("tallies = %+v", s.Rounds)
	}
	if ag := s.Agreement; ag == nil || ag.Score != 3 || ag.Round != 2 || !ag.Suggested || ag.Dissent != "bob: 4" || len(ag.Voters) != 3 {
		t.Errorf("agreement = %+v", s.Agreement)
	}
	if len(s.Actions) != 1 || s.Actions[0].Title != "Appoint a CCIO" {
		t.Errorf("actions = %+v", s.Actions)
	}
}

func TestWorkshopRecordMarkdownAndList(t *testing.T) {
	path, _ := workshopWorkbook(t)
	code, out, errs := runWGLL(t, "workshop", "record", "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"# Workshop 1: Northshire \\| NHS Trust, 2026/27", "Facilitator: chair", "Participants (3): ann, bob, eve",
		"| 1 | 1 | 0 | 0 | 0 | 1 | 0 | 3 | 1 to 5 | yes (span) |", "| 2 | 0 | 0 | 1 | 1 | 0 | 1 | 3.5 | 3 to 4 | no |",
		"**Agreed: 3 Established** (round 2, the suggested score)", "Dissent: bob: 4", "- Appoint a CCIO (owner CEO, due none, high priority)"} {
		if !strings.Contains(out, want) {
			t.Errorf("minutes lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "no CCIO") {
		t.Error("the minutes show a reason although names were not revealed")
	}
	code, out, _ = runWGLL(t, "workshop", "list", "--db", path)
	if code != 0 || !strings.Contains(out, "chair") || !strings.Contains(out, "open") || !strings.Contains(out, "  3  ") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
}

func TestWorkshopCommandErrors(t *testing.T) {
	path, _ := workshopWorkbook(t)
	empty := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"workshop"}, 2, "say one of: join, show, list, record"},
		{[]string{"workshop", "record", "--db", path, "--format", "pdf"}, 2, "--format must be md or json"},
		{[]string{"workshop", "record", "--db", path, "--workshop", "9"}, 1, "no such workshop"},
		{[]string{"workshop", "list", "--db", empty}, 1, "no workbook at"},
		{[]string{"workshop", "join", "--db", path, "--as", "eve\x1b]0;x\x07"}, 2, "control characters"},
		{[]string{"workshop", "join", "--db", path, "--as", "ann"}, 1, "needs a terminal"},
		{[]string{"workshop", "show", "--db", path}, 1, "needs a terminal"},
	}
	for _, tt := range tests {
		code, _, errs := runWGLL(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) || strings.Contains(errs, "\x1b") {
			t.Errorf("wgll %s: exit %d, stderr %q; want %d and %q", strings.Join(tt.args, " "), code, errs, tt.code, tt.stderr)
		}
	}
}

// While the workshop is open, the minutes show no vote of a round not yet
// revealed (anyone may run 'workshop record' during the meeting); once it
// has ended they show everything.
func TestWorkshopRecordWithholdsUnrevealedRound(t *testing.T) {
	path, w := workshopWorkbook(t)
	ctx := context.Background()
	s, err := data.Open(path, data.Options{User: "chair", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.MoveWorkshop(ctx, w.ID, "WL-O2"); err != nil {
		t.Fatal(err)
	}
	if err := s.CastVote(ctx, w.ID, "WL-O2", 1, "ann", 5, "SECRETREASON"); err != nil {
		t.Fatal(err)
	}
	_, md, _ := runWGLL(t, "workshop", "record", "--db", path)
	_, js, _ := runWGLL(t, "workshop", "record", "--db", path, "--format", "json")
	if !strings.Contains(md, "| 1 | not revealed yet: 1 vote cast, shown after the reveal |") || strings.Contains(js, "SECRETREASON") || !strings.Contains(js, `"withheld": 1`) {
		t.Errorf("an unrevealed round leaks:\n%s\n%s", md, js)
	}
	if err := s.EndWorkshop(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	_, js, _ = runWGLL(t, "workshop", "record", "--db", path, "--format", "json")
	if !strings.Contains(js, "SECRETREASON") || strings.Contains(js, `"withheld"`) {
		t.Errorf("the ended workshop's record lacks the unrevealed round's vote:\n%s", js)
	}
}
