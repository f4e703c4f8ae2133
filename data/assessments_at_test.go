package data

import (
	"reflect"
	"testing"

	"wgll/model"
)

// TestAssessmentsAt: the app's first list, with the data version read
// before it, needs no connection but the one the workbook was opened on
// (which becomes the writer), lists what Assessments lists, and its
// version moves when someone else writes.
func TestAssessmentsAt(t *testing.T) {
	path := newDB(t)
	maker := openT(t, path, "maker")
	createT(t, maker)
	maker.Close()

	s, err := Open(path, Options{User: "app", Now: fixedClock(), NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v1, hs, err := s.AssessmentsAt(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.db.Stats().OpenConnections; n != 1 {
		t.Errorf("the first list opened %d connections, want the one opening made", n)
	}
	want, err := s.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(hs, want) {
		t.Errorf("AssessmentsAt listed %+v, Assessments %+v", hs, want)
	}

	other := openT(t, path, "other")
	if _, err := other.SaveEvidence(ctx, hs[0].ID, model.Evidence{StatementID: orgStatements(t)[0], Title: "from someone else"}); err != nil {
		t.Fatal(err)
	}
	v2, _, err := s.AssessmentsAt(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v2 == v1 {
		t.Errorf("the data version stayed %d after another store wrote", v1)
	}
	if v, err := s.DataVersion(ctx); err != nil || v != v2 {
		t.Errorf("DataVersion %d (%v), AssessmentsAt's %d: not the same connection's", v, err, v2)
	}
}
