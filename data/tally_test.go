package data

import (
	"strconv"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// TestTallyFollowsEveryWrite makes every kind of change to scores,
// evidence and actions (score, clear, add, move to another statement, change state, delete, undo,
// carry forward, delete the assessment) and recounts the tally the store
// keeps after each: it always agrees with the items, and a summary reads
// the same counts as the items loaded whole.
func TestTallyFollowsEveryWrite(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "maker")
	defer s.Close()
	ids := orgStatements(t)
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	agree := func(step string) {
		t.Helper()
		n, err := miscounted(ctx, s.db)
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("after %s the tally of %d statements differs from a recount", step, n)
		}
		whole, err := s.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := s.AssessmentSummary(ctx, h.ID, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), "")
		if err != nil {
			t.Fatal(err)
		}
		for _, sid := range ids {
			want := model.ItemCounts{Evidence: len(whole.Evidence[sid])}
			for _, x := range whole.Actions[sid] {
				switch x.Status {
				case model.StatusOpen:
					want.Open++
				case model.StatusInProgress:
					want.InProgress++
				case model.StatusDone:
					want.Done++
				case model.StatusDropped:
					want.Dropped++
				}
				if x.Overdue(time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)) {
					want.Overdue++
				}
			}
			if got := sum.Counts[sid]; got != want {
				t.Fatalf("after %s, %s counts %+v, the items %+v", step, sid, got, want)
			}
		}
	}
	for _, sc := range []model.Score{3, 4, 0, 2} {
		if _, err := s.SetScore(ctx, h.ID, ids[5], sc); err != nil {
			t.Fatal(err)
		}
		agree("scoring " + strconv.Itoa(int(sc)))
	}
	if hs, err := s.Assessments(ctx); err != nil || len(hs) != 1 || hs[0].Assessed != 1 {
		t.Fatalf("the list counts %+v scored (%v), want 1", hs, err)
	}
	ev, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "Board paper"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "Minutes"}); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	act, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[1], Title: "Refresh the strategy", Due: due, Status: model.StatusOpen})
	if err != nil {
		t.Fatal(err)
	}
	agree("adding")
	ev.StatementID = ids[2]
	if ev, err = s.SaveEvidence(ctx, h.ID, ev); err != nil {
		t.Fatal(err)
	}
	agree("moving evidence to another statement")
	for _, st := range []model.ActionStatus{model.StatusInProgress, model.StatusDone, model.StatusDropped, model.StatusOpen} {
		act.Status = st
		if act, err = s.SaveAction(ctx, h.ID, act); err != nil {
			t.Fatal(err)
		}
		agree("setting an action " + string(st))
	}
	act.StatementID = ids[3]
	if act, err = s.SaveAction(ctx, h.ID, act); err != nil {
		t.Fatal(err)
	}
	agree("moving an action")
	if err := s.DeleteEvidence(ctx, h.ID, ev.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAction(ctx, h.ID, act.ID); err != nil {
		t.Fatal(err)
	}
	agree("deleting")
	for i := 0; i < 3; i++ {
		if _, err := s.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		agree("undoing")
	}
	next, _, err := s.CarryForward(ctx, h.ID, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	agree("carrying forward")
	if _, err := s.DeleteAssessment(ctx, next.ID); err != nil {
		t.Fatal(err)
	}
	agree("deleting the next period")
	if n := rawInt(t, path, "SELECT count(*) FROM statement_counts WHERE assessment_id = "+strconv.FormatInt(next.ID, 10)); n != 0 {
		t.Errorf("the deleted assessment keeps %d tally rows", n)
	}
}

// TestRecount puts a tally that disagrees right, and says how many
// statements it corrected; Check reports the disagreement first.
func TestRecount(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "maker")
	ids := orgStatements(t)
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[i], Title: "Paper"}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	// A tool that dropped the trigger, then added evidence.
	rawExec(t, path, "DROP TRIGGER evidence_counted",
		"INSERT INTO evidence (assessment_id, statement_id, title, added_by, added_at, updated_by, updated_at) VALUES ("+strconv.FormatInt(h.ID, 10)+", '"+ids[0]+"', 'x', 'x', '', 'x', '')",
		"UPDATE statement_counts SET evidence = 7 WHERE statement_id = '"+ids[1]+"'")
	s = openT(t, path, "maker")
	defer s.Close()
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Miscounted != 2 || r.OK() {
		t.Errorf("Check: %d miscounted, OK %v; want 2, not OK", r.Miscounted, r.OK())
	}
	n, err := s.Recount(ctx)
	if err != nil || n != 2 {
		t.Fatalf("Recount corrected %d (%v), want 2", n, err)
	}
	if r, _ := s.Check(ctx); r.Miscounted != 0 || !r.OK() {
		t.Errorf("after Recount: %d miscounted, OK %v", r.Miscounted, r.OK())
	}
}

// TestOverdueCountSkipsImpossibleDates: a due date that is no date (a
// hand-edited 2026-02-30) is not counted overdue, as the action itself
// reads it as having no due date.
func TestOverdueCountSkipsImpossibleDates(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "maker")
	defer s.Close()
	ids := orgStatements(t)
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Real date", "No such date"} {
		if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[0], Title: title, Due: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Status: model.StatusOpen}); err != nil {
			t.Fatal(err)
		}
	}
	rawExec(t, path, "UPDATE actions SET due = '2026-02-30' WHERE title = 'No such date'")
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	counts, err := s.ActionCounts(ctx, h.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, x := range whole.Actions[ids[0]] {
		if x.Overdue(now) {
			want++
		}
	}
	if got := counts[ids[0]].Overdue; got != want || want != 1 {
		t.Errorf("%d counted overdue, the actions read %d overdue (want 1)", got, want)
	}
}
