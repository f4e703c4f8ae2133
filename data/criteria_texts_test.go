package data

import (
	"bytes"
	"strconv"
	"testing"

	"wgll/criteria"
	"wgll/model"
)

// undoSchema7 takes a schema 7 workbook back to schema 6: each assessment
// holds its own copy of its criteria text again.
var undoSchema7 = undoSchema3[:20]

// TestCriteriaTextsMigration upgrades a schema 6 workbook whose
// assessments hold four copies of one criteria text, one of another and
// one none at all: schema 7 stores each distinct text once, every
// assessment reads back exactly the text it was made with, and the one
// without criteria is still reported unreadable, alone.
func TestCriteriaTextsMigration(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "maker")
	other := append(criteria.BuiltinTOML(), []byte("\n# a local copy with a comment\n")...)
	want := map[int64][]byte{}
	for i, p := range []string{"2021/22", "2022/23", "2023/24", "2024/25", "2025/26", "2026/27"} {
		text := criteria.BuiltinTOML()
		if i == 4 {
			text = other
		}
		h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: p}, text)
		if err != nil {
			t.Fatal(err)
		}
		want[h.ID] = text
	}
	s.Close()
	if n := rawInt(t, path, "SELECT count(*) FROM criteria_texts"); n != 2 {
		t.Fatalf("a new workbook stores %d criteria texts for 6 assessments of 2 texts, want 2", n)
	}
	rawExec(t, path, append(append([]string(nil), undoSchema7...), "PRAGMA user_version = 6")...)
	// The newest lost its text, as a damaged file can.
	rawExec(t, path, "UPDATE assessments SET criteria_toml = '' WHERE id = "+strconv.FormatInt(int64(len(want)), 10))
	delete(want, int64(len(want)))

	s = openT(t, path, "maker")
	defer s.Close()
	if v := rawInt(t, path, "PRAGMA user_version"); v != SchemaVersion() {
		t.Fatalf("schema %d after opening, want %d", v, SchemaVersion())
	}
	if n := rawInt(t, path, "SELECT count(*) FROM criteria_texts"); n != 3 {
		// The empty text is a text too: the assessment is unreadable
		// because of what it holds, as before.
		t.Errorf("the upgrade stored %d criteria texts, want 3 (two texts and the empty one)", n)
	}
	if n := rawInt(t, path, "SELECT count(*) FROM pragma_table_info('assessments') WHERE name = 'criteria_toml'"); n != 0 {
		t.Error("the assessments table still has its criteria_toml column")
	}
	for id, text := range want {
		got, err := s.CriteriaTOML(ctx, id)
		if err != nil || !bytes.Equal(got, text) {
			t.Errorf("assessment %d reads back %d bytes of criteria (%v), want its own %d", id, len(got), err, len(text))
		}
	}
	hs, err := s.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		_, ok := want[h.ID]
		switch {
		case ok && (h.Unreadable != "" || h.Statements == 0):
			t.Errorf("assessment %d: unreadable %q, %d statements", h.ID, h.Unreadable, h.Statements)
		case !ok && h.Unreadable == "":
			t.Errorf("assessment %d lost its criteria but is not reported unreadable", h.ID)
		}
	}
}

// TestCriteriaTextsDropped deletes the only assessment made with a text:
// no criteria text is left that no assessment names.
func TestCriteriaTextsDropped(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "maker")
	defer s.Close()
	other := append(criteria.BuiltinTOML(), []byte("\n# another\n")...)
	if _, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: "2025/26"}, criteria.BuiltinTOML()); err != nil {
		t.Fatal(err)
	}
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: "2026/27"}, other)
	if err != nil {
		t.Fatal(err)
	}
	if n := rawInt(t, path, "SELECT count(*) FROM criteria_texts"); n != 2 {
		t.Fatalf("%d criteria texts, want 2", n)
	}
	if _, err := s.DeleteAssessment(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	if n := rawInt(t, path, "SELECT count(*) FROM criteria_texts"); n != 1 {
		t.Errorf("%d criteria texts after deleting the only assessment of one, want 1", n)
	}
}
