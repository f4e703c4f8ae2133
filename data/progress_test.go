package data

import (
	"testing"

	"wgll/criteria"
	"wgll/model"
)

func TestAssessmentsReportProgress(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "alice")
	defer s.Close()
	ids := orgStatements(t)
	a := createT(t, s)
	b, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire ICS", Audience: criteria.ICS, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	for i, score := range []model.Score{3, 0, 4} {
		if _, err := s.SetScore(ctx, a.ID, ids[i], score); err != nil {
			t.Fatal(err)
		}
	}
	hs, err := s.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64][2]int{}
	for _, h := range hs {
		got[h.ID] = [2]int{h.Assessed, h.Statements}
	}
	if got[a.ID] != [2]int{2, len(ids)} {
		t.Errorf("assessment %d progress %v, want 2 of %d", a.ID, got[a.ID], len(ids))
	}
	if got[b.ID][0] != 0 || got[b.ID][1] == 0 {
		t.Errorf("assessment %d progress %v, want 0 of its statements", b.ID, got[b.ID])
	}
}

func TestRotateBackupLater(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	s, err := Open(path, Options{User: "alice", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if list, _ := s.Backups(); len(list) != 0 {
		t.Fatalf("NoBackupOnOpen took a backup: %v", list)
	}
	if err := s.RotateBackup(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.RotateBackup(ctx); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Backups()
	if len(list) != 1 {
		t.Fatalf("backups after RotateBackup twice: %v, want exactly one", list)
	}
	c, err := Open(list[0], Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	c.Close()
}
