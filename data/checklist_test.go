package data

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wgll/criteria"
	"wgll/model"
)

// smallScale is a scale of three levels, shared by the test frameworks.
const smallScale = `
[[scale]]
level = 1
label = "Initial"
descriptor = "Little."

[[scale]]
level = 2
label = "Developing"
descriptor = "Some."

[[scale]]
level = 3
label = "Established"
descriptor = "Much."
`

// checklistTOML has one organisation statement, C-O1, with a checklist,
// and one, C-O2, without.
const checklistTOML = `[framework]
name = "Checklist test"
version = "old-1"
` + smallScale + `
[[measure]]
key = "m1"
name = "Measure one"

[[measure.statement]]
id = "C-O1"
audience = "organisation"
text = "We do it."

[[measure.statement.level]]
level = 2
elements = ["A named lead", "An agreed plan"]

[[measure.statement.level]]
level = 3
elements = ["In place everywhere"]

[[measure.statement]]
id = "C-O2"
audience = "organisation"
text = "We do the other thing."
`

func createWith(t *testing.T, s *Store, raw string, period string) model.Header {
	t.Helper()
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: period}, []byte(raw))
	if err != nil {
		t.Fatalf("CreateAssessment: %v", err)
	}
	return h
}

func TestTickUndoRoundTrip(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "ann")
	h := createWith(t, s, checklistTOML, "2026/27")
	steps := []struct {
		level, element int
		on             bool
		want           model.Ticks
	}{
		{2, 2, true, "2.2"},
		{2, 1, true, "2.1 2.2"},
		{3, 1, true, "2.1 2.2 3.1"},
		{2, 2, false, "2.1 3.1"},
	}
	for _, st := range steps {
		r, err := s.SetTick(ctx, h.ID, "C-O1", st.level, st.element, st.on)
		if err != nil {
			t.Fatalf("SetTick(%d, %d, %v): %v", st.level, st.element, st.on, err)
		}
		if r.Ticks != st.want {
			t.Fatalf("after SetTick(%d, %d, %v) ticks = %q, want %q", st.level, st.element, st.on, r.Ticks, st.want)
		}
	}
	// Ticking what is already ticked logs nothing.
	before, _ := s.History(ctx, 0)
	if _, err := s.SetTick(ctx, h.ID, "C-O1", 2, 1, true); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.History(ctx, 0); len(after) != len(before) {
		t.Errorf("a tick that changed nothing logged %d changes", len(after)-len(before))
	}
	if c := before[0]; c.Entity != "response" || c.EntityID != "C-O1" || c.Field != "ticks" || c.Old != "2.1 2.2 3.1" || c.New != "2.1 3.1" {
		t.Errorf("last change = %+v, want the ticks of C-O1 from 2.1 2.2 3.1 to 2.1 3.1", c)
	}
	// Reopen, so the ticks are read back from the file; then undo step by
	// step back to nothing.
	s.Close()
	s = openT(t, path, "ann")
	for i := len(steps) - 2; i >= -1; i-- {
		if _, err := s.Undo(ctx); err != nil {
			t.Fatalf("Undo: %v", err)
		}
		a, err := s.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := model.Ticks("")
		if i >= 0 {
			want = steps[i].want
		}
		if got := a.Responses["C-O1"].Ticks; got != want {
			t.Fatalf("after undo %d: ticks %q, want %q", len(steps)-1-i, got, want)
		}
	}
	// The suggestion follows the ticks.
	if _, err := s.SetTick(ctx, h.ID, "C-O1", 2, 1, true); err != nil {
		t.Fatal(err)
	}
	r, err := s.SetTick(ctx, h.ID, "C-O1", 2, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Assessment(ctx, h.ID)
	st, _, _ := a.Criteria.Statement("C-O1")
	if sug, ok := model.SuggestScore(st, a.Criteria.MaxLevel(), r.Ticks); !ok || sug != 2 {
		t.Errorf("suggestion = %v, %v; want 2", sug, ok)
	}
}

func TestTickRefusesElementsNotInTheChecklist(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	h := createWith(t, s, checklistTOML, "2026/27")
	for _, tt := range []struct {
		sid            string
		level, element int
		want           string
	}{
		{"C-O1", 2, 3, "statement C-O1's checklist has no element 3 at level 2 (that level has 2)"},
		{"C-O1", 1, 1, "statement C-O1's checklist has no element 1 at level 1 (that level has 0)"},
		{"C-O1", 3, 0, "has no element 0 at level 3"},
		{"C-O2", 2, 1, "statement C-O2 has no checklist"},
		{"NOPE", 2, 1, `statement "NOPE" is not one of assessment`},
	} {
		_, err := s.SetTick(ctx, h.ID, tt.sid, tt.level, tt.element, true)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("SetTick(%s, %d, %d) = %v, want ErrInvalid saying %q", tt.sid, tt.level, tt.element, err, tt.want)
		}
	}
	if hist, _ := s.History(ctx, 0); len(hist) != 1 {
		t.Errorf("refused ticks logged changes: %d rows, want only the assessment's creation", len(hist))
	}
}

func TestScoreReason(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "ann")
	h := createWith(t, s, checklistTOML, "2026/27")
	if _, err := s.SetTick(ctx, h.ID, "C-O1", 2, 1, true); err != nil {
		t.Fatal(err)
	}
	r, err := s.SetScore(ctx, h.ID, "C-O1", 3)
	if err != nil {
		t.Fatal(err)
	}
	st, _, _ := criteriaStatement(t, checklistTOML, "C-O1")
	if !model.NeedsReason(st, 3, r) {
		t.Fatal("a score of 3 with only 2.1 ticked should need a reason")
	}
	r, err = s.SetScoreReason(ctx, h.ID, "C-O1", "The plan is agreed; the board minute is due next month.", r.Version)
	if err != nil {
		t.Fatal(err)
	}
	// Someone else's later edit makes a stale save a conflict.
	bob := openT(t, path, "bob")
	if _, err := bob.SetScoreReason(ctx, h.ID, "C-O1", "Bob's reason.", r.Version); err != nil {
		t.Fatal(err)
	}
	_, err = s.SetScoreReason(ctx, h.ID, "C-O1", "Ann's second thoughts.", r.Version)
	var ce *model.ConflictError
	if !errors.As(err, &ce) || ce.Theirs != "Bob's reason." || ce.By != "bob" {
		t.Fatalf("stale SetScoreReason = %v, want a conflict carrying Bob's reason", err)
	}
	a, _ := s.Assessment(ctx, h.ID)
	if got := a.Responses["C-O1"]; got.ScoreReason != "Bob's reason." || got.Score != 3 || got.Ticks != "2.1" {
		t.Errorf("response = %+v", got)
	}
	if _, err := bob.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ = s.Assessment(ctx, h.ID)
	if got := a.Responses["C-O1"].ScoreReason; got != "The plan is agreed; the board minute is due next month." {
		t.Errorf("after Bob's undo the reason is %q", got)
	}
}

func TestStoredTicksAreSanitised(t *testing.T) {
	for in, want := range map[string]model.Ticks{
		"2.1 2.2": "2.1 2.2", "3.1 evil 2.1": "2.1 3.1", "\x1b[31m": "", "2.1 2.1": "2.1",
	} {
		if got := storedTicks(in); got != want {
			t.Errorf("storedTicks(%q) = %q, want %q", in, got, want)
		}
	}
}

func criteriaStatement(t *testing.T, raw, id string) (criteria.Statement, criteria.Measure, bool) {
	t.Helper()
	c, err := criteria.Parse("test", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return c.Statement(id)
}

// refreshedTOML continues checklistTOML's C-O1 as R-O1 and retires C-O2.
const refreshedTOML = `[framework]
name = "Refreshed"
version = "new-1"
maps_from = "old-1"
` + smallScale + `
[[measure]]
key = "m1"
name = "Measure one, renamed"

[[measure.statement]]
id = "R-O1"
audience = "organisation"
text = "We do it, and show it."

[[measure.statement]]
id = "R-O2"
audience = "organisation"
text = "Something new."

[[mapping]]
from = "C-O1"
to = "R-O1"
change = "comparable"

[[mapping]]
from = "C-O2"
change = "retired"
`

func TestCarryForwardThroughMapping(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	h := createWith(t, s, checklistTOML, "2025/26")
	if _, err := s.SetScore(ctx, h.ID, "C-O1", 2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetScore(ctx, h.ID, "C-O2", 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: "C-O1", Title: "Board minutes"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: "C-O1", Title: "Agree the plan", Owner: "Cath", Status: model.StatusOpen, Priority: model.PriorityHigh}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: "C-O2", Title: "Old paper"}); err != nil {
		t.Fatal(err)
	}
	nh, report, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2026/27"}, []byte(refreshedTOML))
	if err != nil {
		t.Fatal(err)
	}
	if len(report) == 0 || report[0] != "statements matched through the mapping from old-1: 1 comparable, 0 reworded (last time's score shown for reference only), 1 new, 1 retired" {
		t.Errorf("report = %q", report)
	}
	joined := strings.Join(report, "\n")
	for _, want := range []string{"C-O2 (m1) is not in the new criteria: score 3, one evidence item", "R-O2 (m1) is new in these criteria"} {
		if !strings.Contains(joined, want) {
			t.Errorf("report lacks %q:\n%s", want, joined)
		}
	}
	a, err := s.Assessment(ctx, nh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Evidence["R-O1"]) != 1 || !a.Evidence["R-O1"][0].NeedsReview || len(a.Actions["R-O1"]) != 1 || a.Actions["R-O1"][0].Owner != "Cath" {
		t.Errorf("R-O1 carried evidence %+v, actions %+v; want C-O1's, moved", a.Evidence["R-O1"], a.Actions["R-O1"])
	}
	if len(a.Evidence) != 1 {
		t.Errorf("evidence carried for %d statements, want only R-O1", len(a.Evidence))
	}
	if got := a.Previous["R-O1"]; got != 2 || len(a.Previous) != 1 {
		t.Errorf("Previous = %v, want R-O1 at 2 from C-O1", a.Previous)
	}
	from, _ := s.Assessment(ctx, h.ID)
	cmp := model.Compare(from, a, s.nowUTC())
	if len(cmp.Retired) != 1 || cmp.Retired[0].StatementID != "C-O2" || len(cmp.Added) != 1 || cmp.Added[0].StatementID != "R-O2" {
		t.Errorf("compare: retired %+v, added %+v", cmp.Retired, cmp.Added)
	}
	if got := cmp.Marked(model.MarkComparable); len(got) != 1 || got[0].StatementID != "R-O1" || got[0].From != 2 {
		t.Errorf("comparable = %+v", got)
	}
}

func TestCarryForwardBuiltinToV3Alpha(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire ICB", Audience: criteria.ICS, Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	for id, sc := range map[string]model.Score{"WL-I1": 3, "WL-I7": 2, "SF-I4": 4, "IC-I6": 3} {
		if _, err := s.SetScore(ctx, h.ID, id, sc); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: "IC-I6", Title: "Innovation register"}); err != nil {
		t.Fatal(err)
	}
	_, v3, err := criteria.BuiltinNamed("v3-alpha")
	if err != nil {
		t.Fatal(err)
	}
	nh, report, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2026/27"}, v3)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(report[0], "statements matched through the mapping from wgll-2021.2:") {
		t.Errorf("report starts %q", report[0])
	}
	if !strings.Contains(strings.Join(report, "\n"), "IC-I6 (improve-care) is not in the new criteria: score 3, one evidence item") {
		t.Errorf("the retired IC-I6 is not reported:\n%s", strings.Join(report, "\n"))
	}
	a, err := s.Assessment(ctx, nh.ID)
	if err != nil {
		t.Fatal(err)
	}
	// WL1.2-I joins WL-I1 and WL-I7: last time shows the lower score.
	if a.Previous["WL1.2-I"] != 2 || a.Previous["SF2.1-I"] != 4 || len(a.Evidence) != 0 {
		t.Errorf("Previous = %v, evidence %v", a.Previous, a.Evidence)
	}
	from, _ := s.Assessment(ctx, h.ID)
	cmp := model.Compare(from, a, s.nowUTC())
	marks := map[string]model.Mark{}
	for _, m := range []model.Mark{model.MarkComparable, model.MarkReworded} {
		for _, sc := range cmp.Marked(m) {
			marks[sc.StatementID] = m
		}
	}
	if marks["SF2.1-I"] != model.MarkComparable || marks["WL1.2-I"] != model.MarkReworded {
		t.Errorf("marks: SF2.1-I %q, WL1.2-I %q", marks["SF2.1-I"], marks["WL1.2-I"])
	}
	if len(cmp.Added) != 1 || cmp.Added[0].StatementID != "SP3.3-I" || len(cmp.Retired) != 1 || cmp.Retired[0].StatementID != "IC-I6" {
		t.Errorf("added %+v, retired %+v; want SP3.3-I new and IC-I6 retired", cmp.Added, cmp.Retired)
	}
}

// Ticks and score reasons travel with an assessment exported as JSON and
// imported elsewhere, or read from another workbook; a hostile tick in the
// JSON is refused.
func TestTicksSurviveExportAndImport(t *testing.T) {
	src := newDB(t)
	s := openT(t, src, "ann")
	h := createWith(t, s, checklistTOML, "2026/27")
	if _, err := s.SetTick(ctx, h.ID, "C-O1", 2, 1, true); err != nil {
		t.Fatal(err)
	}
	r, err := s.SetScore(ctx, h.ID, "C-O1", 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetScoreReason(ctx, h.ID, "C-O1", "Agreed at board.", r.Version); err != nil {
		t.Fatal(err)
	}
	doc, err := s.ExportAssessmentsJSON(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "a.json")
	if err := os.WriteFile(good, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	other := openT(t, newDB(t), "ics")
	res, err := other.Import(ctx, good)
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("Import = %+v, %v", res, err)
	}
	a, err := other.Assessment(ctx, res.Added[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Responses["C-O1"]; got.Ticks != "2.1" || got.ScoreReason != "Agreed at board." || got.Score != 3 {
		t.Errorf("imported response = %+v", got)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(strings.Replace(string(doc), `"2.1"`, `"2.1 \u001b[2J"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	third := openT(t, newDB(t), "x")
	if _, err := third.Import(ctx, bad); err == nil {
		t.Error("a hostile tick in the JSON was imported")
	}
}
