package data

import (
	"errors"
	"strconv"
	"testing"

	"wgll/criteria"
	"wgll/model"
)

func TestImportIsOneUndoableChange(t *testing.T) {
	src := sourceWorkbook(t, "Northshire NHS Trust")
	ics := openT(t, newDB(t), "ics-lead")
	// Something of the ICS's own, which undo must leave alone.
	own, err := ics.CreateAssessment(ctx, model.Header{Organisation: "Shire ICB", Audience: criteria.ICS, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	ownID := own.ID
	r, err := ics.Import(ctx, src)
	if err != nil || len(r.Added) != 2 {
		t.Fatalf("import: %+v %v", r, err)
	}
	hist, err := ics.History(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var logged []model.Change
	for _, c := range hist {
		if c.Op == "import" {
			logged = append(logged, c)
		}
	}
	if len(logged) != 2 || logged[0].Entity != "assessment" {
		t.Fatalf("import logged %+v, want one row per added assessment", logged)
	}
	if hist[0].Op != "import" || hist[1].Op != "import" || hist[0].New == "" {
		t.Errorf("the import is not the newest change: %+v", hist[:2])
	}
	u, err := ics.Undo(ctx)
	if err != nil {
		t.Fatalf("undo of the import: %v", err)
	}
	if u.UndoOf == 0 || u.Op != "delete" {
		t.Errorf("undo logged %+v", u)
	}
	hs, err := ics.Assessments(ctx)
	if err != nil || len(hs) != 1 || hs[0].ID != ownID {
		t.Fatalf("after undoing the import: %+v %v; want only the workbook's own assessment", hs, err)
	}
	for _, h := range r.Added {
		if _, err := ics.Assessment(ctx, h.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("imported assessment %d still loads after undo: %v", h.ID, err)
		}
		var n int
		if err := ics.db.QueryRow(`SELECT (SELECT count(*) FROM responses WHERE assessment_id = ?1) + (SELECT count(*) FROM evidence WHERE assessment_id = ?1) + (SELECT count(*) FROM actions WHERE assessment_id = ?1)`, h.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("rows of imported assessment %d left behind: %d %v", h.ID, n, err)
		}
	}
	// The next undo goes on to the edit before the import.
	if _, err := ics.Undo(ctx); err != nil {
		t.Fatalf("undo of the earlier create: %v", err)
	}
	if _, err := ics.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("third undo: %v", err)
	}
	// Importing again after the undo adds it afresh.
	if r, err := ics.Import(ctx, src); err != nil || len(r.Added) != 2 {
		t.Errorf("import after undo: %+v %v", r, err)
	}
}

func TestCarryForwardIsOneUndoableChange(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	ids := orgStatements(t)
	h := createT(t, s)
	if _, err := s.SetScore(ctx, h.ID, ids[0], 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "Minutes"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[0], Title: "Do it", Owner: "Cath"}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	nh, _, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2027/28"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	hist, _ := s.History(ctx, 1)
	if len(hist) != 1 || hist[0].Op != "carry-forward" || hist[0].EntityID != strconv.FormatInt(nh.ID, 10) || hist[0].AssessmentID != nh.ID {
		t.Fatalf("carry-forward logged %+v", hist)
	}
	// Ann scores the new period, then undoes twice: the score, then the
	// carry-forward.
	if _, err := s.SetScore(ctx, nh.ID, ids[1], 2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatalf("undo of the carry-forward: %v", err)
	}
	if _, err := s.Assessment(ctx, nh.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the new period is still there: %v", err)
	}
	after, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Score(ids[0]) != 3 || len(after.Evidence[ids[0]]) != len(before.Evidence[ids[0]]) || len(after.Actions[ids[0]]) != 1 {
		t.Errorf("undoing the carry-forward changed the earlier period: %+v", after)
	}
	if hs, _ := s.Assessments(ctx); len(hs) != 1 {
		t.Errorf("%d assessments after undo, want 1", len(hs))
	}
}

func TestUndoCarryForwardRefusedAfterOthersEdit(t *testing.T) {
	path := newDB(t)
	ann := openT(t, path, "ann")
	bob := openT(t, path, "bob")
	ids := orgStatements(t)
	h := createT(t, ann)
	nh, _, err := ann.CarryForward(ctx, h.ID, model.Header{Period: "2027/28"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SetScore(ctx, nh.ID, ids[0], 4); err != nil {
		t.Fatal(err)
	}
	if _, err := ann.Undo(ctx); !errors.Is(err, ErrUndoOvertaken) {
		t.Fatalf("ann's undo after bob scored the new period: %v, want ErrUndoOvertaken", err)
	}
	a, err := ann.Assessment(ctx, nh.ID)
	if err != nil || a.Score(ids[0]) != 4 {
		t.Errorf("the refused undo changed the new period: %v", err)
	}
	// Once bob undoes his score, ann may undo the carry-forward.
	if _, err := bob.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := ann.Undo(ctx); err != nil {
		t.Errorf("undo once bob's score is undone: %v", err)
	}

	// A period carried forward again since cannot lose its "last time".
	nh, _, err = ann.CarryForward(ctx, h.ID, model.Header{Period: "2027/28"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := bob.CarryForward(ctx, nh.ID, model.Header{Period: "2028/29"}, criteria.BuiltinTOML()); err != nil {
		t.Fatal(err)
	}
	if _, err := ann.Undo(ctx); !errors.Is(err, ErrUndoOvertaken) {
		t.Errorf("undo of a period carried forward since: %v, want ErrUndoOvertaken", err)
	}
}
