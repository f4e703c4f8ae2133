package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"wgll/criteria"
	"wgll/model"
)

// sourceWorkbook writes an organisation's workbook with two periods, the
// second carried forward from the first, and returns its path.
func sourceWorkbook(t *testing.T, org string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "org.db")
	s := openT(t, path, "org-user")
	ids := orgStatements(t)
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: org, Audience: criteria.Organisation, Period: "2025/26", CareSetting: model.SettingAcute}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.SetScore(ctx, h.ID, ids[0], 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetRationale(ctx, h.ID, ids[0], "Board minutes show it; '); DROP TABLE actions;--", r.Version); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "Board minutes", Link: "Paper 7"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[1], Title: "Appoint a CCIO", Owner: "Dev", Due: model.Day(s.nowUTC())}); err != nil {
		t.Fatal(err)
	}
	nh, _, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetScore(ctx, nh.ID, ids[0], 3); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

func TestImportIdempotent(t *testing.T) {
	src := sourceWorkbook(t, "Northshire NHS Trust")
	before := sha(t, src)
	ics := openT(t, newDB(t), "ics-lead")

	r, err := ics.Import(ctx, src)
	if err != nil {
		t.Fatalf("first import: %v", err)
	}
	if len(r.Added) != 2 || len(r.Unchanged) != 0 || len(r.Conflicts) != 0 {
		t.Fatalf("first import = %+v, want 2 added", r)
	}
	if r.Added[1].CarriedFrom != r.Added[0].ID {
		t.Errorf("carried-from link = %d, want %d (the imported earlier period)", r.Added[1].CarriedFrom, r.Added[0].ID)
	}
	got, err := ics.Assessment(ctx, r.Added[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := orgStatements(t)
	if got.Score(ids[0]) != 2 || !strings.Contains(got.Responses[ids[0]].Rationale, "DROP TABLE") || len(got.Evidence[ids[0]]) != 1 || len(got.Actions[ids[1]]) != 1 {
		t.Errorf("imported content = %+v", got)
	}
	if got.Actions[ids[1]][0].Owner != "Dev" || got.Evidence[ids[0]][0].AddedBy != "org-user" {
		t.Error("import lost an owner or an author")
	}
	later, _ := ics.Assessment(ctx, r.Added[1].ID)
	if later.Previous[ids[0]] != 2 {
		t.Errorf("imported later period's last-time score = %v, want 2", later.Previous[ids[0]])
	}

	r2, err := ics.Import(ctx, src)
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	if len(r2.Added) != 0 || len(r2.Unchanged) != 2 || len(r2.Conflicts) != 0 {
		t.Errorf("second import = %+v, want 2 unchanged", r2)
	}
	hs, _ := ics.Assessments(ctx)
	if len(hs) != 2 {
		t.Errorf("%d assessments after importing twice, want 2", len(hs))
	}
	if sha(t, src) != before {
		t.Error("importing wrote to the source workbook")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(src + suffix); err == nil {
			t.Errorf("importing left %s beside the source", filepath.Base(src+suffix))
		}
	}
}

func TestImportConflict(t *testing.T) {
	src := sourceWorkbook(t, "Northshire NHS Trust")
	ics := openT(t, newDB(t), "ics-lead")
	if _, err := ics.Import(ctx, src); err != nil {
		t.Fatal(err)
	}
	// The organisation changes a score and an action after sending it.
	s := openT(t, src, "org-user")
	hs, _ := s.Assessments(ctx)
	oldest := hs[len(hs)-1]
	ids := orgStatements(t)
	if _, err := s.SetScore(ctx, oldest.ID, ids[0], 4); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Assessment(ctx, oldest.ID)
	x := a.Actions[ids[1]][0]
	x.Status = model.StatusDone
	if _, err := s.SaveAction(ctx, oldest.ID, x); err != nil {
		t.Fatal(err)
	}
	s.Close()

	r, err := ics.Import(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Conflicts) != 1 || len(r.Unchanged) != 1 || len(r.Added) != 0 {
		t.Fatalf("import after a change = %+v, want one conflict and one unchanged", r)
	}
	c := r.Conflicts[0]
	if c.Header.Period != "2025/26" || strings.Join(c.Differences, ",") != "scores,actions" || c.ExistingID == 0 {
		t.Errorf("conflict = %+v, want 2025/26 differing in scores,actions", c)
	}
	kept, _ := ics.Assessment(ctx, c.ExistingID)
	if kept.Score(ids[0]) != 2 {
		t.Errorf("conflicting import overwrote the score: %v", kept.Score(ids[0]))
	}
}

func TestImportJSONRoundTrip(t *testing.T) {
	src := sourceWorkbook(t, "Southshire NHS Trust")
	org := openT(t, src, "org-user")
	doc, err := org.ExportAssessmentsJSON(ctx)
	if err != nil {
		t.Fatal(err)
	}
	jsonPath := filepath.Join(t.TempDir(), "southshire.json")
	if err := os.WriteFile(jsonPath, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	ics := openT(t, newDB(t), "ics-lead")
	r, err := ics.Import(ctx, jsonPath)
	if err != nil || len(r.Added) != 2 {
		t.Fatalf("JSON import = %+v, %v; want 2 added", r, err)
	}
	// The workbook holds the same content, so importing it changes nothing.
	r2, err := ics.Import(ctx, src)
	if err != nil || len(r2.Unchanged) != 2 || len(r2.Added)+len(r2.Conflicts) != 0 {
		t.Errorf("workbook after its JSON = %+v, %v; want 2 unchanged", r2, err)
	}
}

func TestImportRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	s := openT(t, newDB(t), "ics-lead")
	tests := []struct {
		name, path, want string
		is               error
	}{
		{"random bytes", write("x.bin", "\x00\x01garbage"), "neither a wgll workbook nor", ErrInvalid},
		{"other JSON", write("x.json", `{"format":"something-else","assessments":[]}`), `JSON format is "something-else"`, ErrInvalid},
		{"missing file", filepath.Join(dir, "none.db"), "no such file", nil},
		{"itself", s.Path(), "is this workbook", ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Import(ctx, tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestAssessmentsJSONStreamedAsMarshalled: the document written row by row
// is byte for byte json.MarshalIndent of the whole document, with an
// assessment holding evidence and actions (text that JSON escapes among
// them) and one holding none (null, as an empty list marshals).
func TestAssessmentsJSONStreamedAsMarshalled(t *testing.T) {
	s := openT(t, newDB(t), "u")
	h := createT(t, s)
	sids := orgStatements(t)
	for i, sid := range sids[:3] {
		if _, err := s.SetScore(ctx, h.ID, sid, model.Score(i+2)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sid, Title: "Board paper <7> & \"minutes\"", Owner: "CIO", Detail: "line one\nline two"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: sid, Title: "Refresh", Owner: "CCIO", Status: model.StatusOpen}); err != nil {
			t.Fatal(err)
		}
	}
	empty, err := s.CreateAssessment(ctx, model.Header{Organisation: "Other Trust", Audience: criteria.Organisation, Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ExportAssessmentsJSON(ctx)
	if err != nil {
		t.Fatal(err)
	}
	doc := AssessmentsDoc{Format: AssessmentJSONFormat, Assessments: []AssessmentJSON{}}
	hs, err := s.Headers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range hs {
		a, err := s.Assessment(ctx, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := s.CriteriaTOML(ctx, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		j := AssessmentJSON{assessmentHead: assessmentHead{ID: a.ID, Organisation: a.Organisation, Audience: a.Audience, Period: a.Period, CareSetting: a.CareSetting,
			CarriedFrom: a.CarriedFrom, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, CriteriaTOML: string(raw),
			Responses: []model.Response{}}, Evidence: flatEvidence(a), Actions: flatActions(a)}
		for _, r := range a.Responses {
			j.Responses = append(j.Responses, r)
		}
		sort.Slice(j.Responses, func(x, y int) bool { return j.Responses[x].StatementID < j.Responses[y].StatementID })
		doc.Assessments = append(doc.Assessments, j)
	}
	want, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if !bytes.Equal(got, want) {
		t.Errorf("the streamed document differs from the marshalled one:\n got %.600s\nwant %.600s", got, want)
	}
	if !bytes.Contains(got, []byte(`"evidence": null`)) || empty.ID == 0 {
		t.Errorf("the assessment without evidence is not null in the document")
	}
	one, err := s.ExportAssessmentsJSON(ctx, h.ID)
	if err != nil || !bytes.Contains(one, []byte("Board paper")) || bytes.Contains(one, []byte("Other Trust")) {
		t.Errorf("export of one assessment: %v\n%.300s", err, one)
	}
}

// TestImportCountsWhatItAdds: ImportSource.Added counts the scores,
// evidence items and actions ImportFrom adds, for the command's progress
// line, up to Items; an assessment already here adds none.
func TestImportCountsWhatItAdds(t *testing.T) {
	path := sourceWorkbook(t, "Northshire NHS Trust")
	ics := openT(t, newDB(t), "ics-lead")
	src, err := ReadImport(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	src.Added = new(atomic.Int64)
	if r, err := ics.ImportFrom(ctx, src); err != nil || len(r.Added) != 2 || src.Items() == 0 || src.Added.Load() != int64(src.Items()) {
		t.Fatalf("first import: %v; counted %d of %d items", err, src.Added.Load(), src.Items())
	}
	src.Added.Store(0)
	if _, err := ics.ImportFrom(ctx, src); err != nil || src.Added.Load() != 0 {
		t.Errorf("second import counted %d added (%v)", src.Added.Load(), err)
	}
}
