package data_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/demo"
	"wgll/model"
)

// searchStatements is what the app passes for a's statements: their text
// folded to lower case, in framework order.
func searchStatements(a *model.Assessment) []model.SearchStatement {
	var out []model.SearchStatement
	for _, m := range a.Measures() {
		for _, s := range m.Statements {
			out = append(out, model.SearchStatement{ID: s.ID,
				Text: strings.ToLower(s.ID + " " + s.Text + " " + s.Guidance + " " + a.Responses[s.ID].Rationale)})
		}
	}
	return out
}

// TestSearchMatchesTheRuleInMemory: the SQL search gives the hits, order
// and total of model.SearchAssessment over the whole assessment, on every
// assessment of the small demo and a range of queries.
func TestSearchMatchesTheRuleInMemory(t *testing.T) {
	ctx := context.Background()
	st := openDemo(t, demo.Small)
	hs, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"board", "BOARD", "the", "a", "policy review", "done", "open", "https", "zzz-nothing", "o", "e ", "2026"}
	for _, h := range hs {
		a, err := st.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, typed := range queries {
			for _, limit := range []int{0, 1, 3, 200} {
				q := model.SearchQuery{AssessmentID: a.ID, Words: model.SearchWords(typed), Statements: searchStatements(a), Limit: limit}
				got, err := st.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want := model.SearchAssessment(a, q)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("assessment %d, %q limit %d:\n got %d of %d %+v\nwant %d of %d %+v", a.ID, typed, limit,
						len(got.Hits), got.Total, got.Hits, len(want.Hits), want.Total, want.Hits)
				}
			}
		}
	}
}

// TestSearchTakesTextLiterally: case does not matter (in any alphabet), %
// and _ are themselves rather than wildcards, and hostile bytes in the
// workbook come back as stored for the app to sanitise, never matched as
// SQL.
func TestSearchTakesTextLiterally(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(filepath.Join(t.TempDir(), "wgll.db"), data.Options{User: "tester", Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, err := st.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sids []string
	for _, s := range searchStatements(a) {
		sids = append(sids, s.ID)
	}
	save := func(sid, title, detail string) int64 {
		t.Helper()
		e, err := st.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sid, Title: title, Detail: detail})
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	pct := save(sids[0], "Uptake 100% of wards", "")
	under := save(sids[0], "snake_case file", "")
	plain := save(sids[0], "Uptake 1000 of wards", "snakeXcase")
	slash := save(sids[0], `Share C:\Board\_pack`, "")
	accent := save(sids[1], "ÉCOLE de santé", "")
	hostile := save(sids[1], "Board \x1b]52;c;aGk=\x07 pack' OR 1=1 --", "")
	x, err := st.SaveAction(ctx, h.ID, model.Action{StatementID: sids[2], Title: "Publish the Board papers", Owner: "Chief Nurse", Status: model.StatusOpen})
	if err != nil {
		t.Fatal(err)
	}
	var stmts []model.SearchStatement
	for _, sid := range sids {
		stmts = append(stmts, model.SearchStatement{ID: sid, Text: strings.ToLower(sid)})
	}
	ids := func(typed string) []int64 {
		t.Helper()
		r, err := st.Search(ctx, model.SearchQuery{AssessmentID: h.ID, Words: model.SearchWords(typed), Statements: stmts, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, hit := range r.Hits {
			if hit.Kind != model.HitStatement {
				out = append(out, hit.ID)
			}
		}
		return out
	}
	tests := []struct {
		typed string
		want  []int64
	}{
		{"100%", []int64{pct}},
		{"%", []int64{pct}},
		{"snake_case", []int64{under}},
		{"_", []int64{under, slash}},
		{"UPTAKE wards", []int64{pct, plain}},
		{`c:\board\_`, []int64{slash}},
		{`\`, []int64{slash}},
		{"école", []int64{accent}},
		{"SANTÉ", []int64{accent}},
		{"É", []int64{accent}},
		{"' or 1=1", []int64{hostile}},
		{"\x1b]52", []int64{hostile}},
		{"chief nurse", []int64{x.ID}},
		{"board", []int64{slash, hostile, x.ID}},
		{"open papers", []int64{x.ID}},
		{"nothing-like-this", nil},
	}
	for _, tt := range tests {
		if got := ids(tt.typed); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q found %v, want %v", tt.typed, got, tt.want)
		}
	}
	r, err := st.Search(ctx, model.SearchQuery{AssessmentID: h.ID, Words: model.SearchWords("board"), Statements: stmts, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if r.Hits[1].Title != "Board \x1b]52;c;aGk=\x07 pack' OR 1=1 --" {
		t.Errorf("title came back as %q, not as stored", r.Hits[0].Title)
	}
	// Another assessment's items are never found.
	other, err := st.CreateAssessment(ctx, model.Header{Organisation: "Elsewhere", Audience: h.Audience, Period: "2027/28"}, nil)
	if err == nil {
		r, err := st.Search(ctx, model.SearchQuery{AssessmentID: other.ID, Words: model.SearchWords("board"), Statements: stmts, Limit: 50})
		if err != nil || r.Total != 0 {
			t.Errorf("another assessment found %+v, %v", r, err)
		}
	}
}

// TestSearchCancelled: a search whose context is cancelled (the user typed
// on) stops with the context's error.
func TestSearchCancelled(t *testing.T) {
	st := openDemo(t, demo.Small)
	hs, err := st.Assessments(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Assessment(context.Background(), hs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = st.Search(c, model.SearchQuery{AssessmentID: a.ID, Words: []string{"a"}, Statements: searchStatements(a), Limit: 10})
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("cancelled search: %v", err)
	}
}

var _ interface {
	Search(context.Context, model.SearchQuery) (model.SearchResult, error)
} = (*data.Store)(nil)

// TestSearchScatteredAssessments: assessments whose items are interleaved
// (read through the statement index) and one whose items are together
// (read in id order) give the rule's hits alike.
func TestSearchScatteredAssessments(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(filepath.Join(t.TempDir(), "wgll.db"), data.Options{User: "tester", Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var as []*model.Assessment
	for _, period := range []string{"2024/25", "2025/26", "2026/27", "2027/28"} {
		h, err := st.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: period}, criteria.BuiltinTOML())
		if err != nil {
			t.Fatal(err)
		}
		a, err := st.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	stmts := searchStatements(as[0])
	for i := range 60 {
		sid := stmts[i%len(stmts)].ID
		// The first three assessments take turns; the last gets its own
		// run after them.
		for _, a := range as[:3] {
			if _, err := st.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: sid, Title: fmt.Sprintf("Paper %d for %s", i, a.Period)}); err != nil {
				t.Fatal(err)
			}
			if _, err := st.SaveAction(ctx, a.ID, model.Action{StatementID: sid, Title: fmt.Sprintf("Task %d", i), Status: model.StatusOpen}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 30 {
		if _, err := st.SaveEvidence(ctx, as[3].ID, model.Evidence{StatementID: stmts[i%len(stmts)].ID, Title: fmt.Sprintf("Paper %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range as {
		whole, err := st.Assessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, typed := range []string{"paper", "paper 1", "task", "open", "2025"} {
			q := model.SearchQuery{AssessmentID: a.ID, Words: model.SearchWords(typed), Statements: stmts, Limit: 25}
			got, err := st.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if want := model.SearchAssessment(whole, q); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q: got %d of %d, want %d of %d", a.Period, typed, len(got.Hits), got.Total, len(want.Hits), want.Total)
			}
		}
	}
}
