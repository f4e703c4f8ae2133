package data_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/demo"
	"wgll/model"
)

// summaryNow is a day on which some of the small demo's live actions are
// overdue and some are not.
var summaryNow = demo.LargeNow

func openDemo(t *testing.T, size demo.Size) *data.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.CopyCached(context.Background(), size, path); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path, data.Options{User: "test", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestSummaryCountsMatchTheWholeAssessment checks the SQL counts against
// counting the whole assessment in Go, on every assessment of the small
// demo: every measure's figures, the action tally and each statement's
// items loaded on their own.
func TestSummaryCountsMatchTheWholeAssessment(t *testing.T) {
	ctx := context.Background()
	st := openDemo(t, demo.Small)
	hs, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		whole, err := st.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := st.AssessmentSummary(ctx, h.ID, summaryNow, "")
		if err != nil {
			t.Fatal(err)
		}
		if !sum.Summarised() || len(sum.Evidence) != 0 || len(sum.Actions) != 0 {
			t.Fatalf("%s: the summary holds %d statements' evidence and %d' actions, want none", h.Title(), len(sum.Evidence), len(sum.Actions))
		}
		if !reflect.DeepEqual(sum.Responses, whole.Responses) || !reflect.DeepEqual(sum.Previous, whole.Previous) {
			t.Errorf("%s: the summary's responses or previous scores differ from the whole assessment's", h.Title())
		}
		if got, want := sum.AllStats(summaryNow), whole.AllStats(summaryNow); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: measure figures\n got %+v\nwant %+v", h.Title(), got, want)
		}
		if got, want := sum.CountActions(summaryNow), whole.CountActions(summaryNow); got != want {
			t.Errorf("%s: action tally %+v, want %+v", h.Title(), got, want)
		}
		for _, m := range whole.Measures() {
			for _, s := range m.Statements {
				if got, want := sum.Items(s.ID, summaryNow), whole.Items(s.ID, summaryNow); got != want {
					t.Errorf("%s %s: counts %+v, want %+v", h.Title(), s.ID, got, want)
				}
				ev, acts, err := st.StatementItems(ctx, h.ID, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(ev, whole.Evidence[s.ID]) || !reflect.DeepEqual(acts, whole.Actions[s.ID]) {
					t.Errorf("%s %s: StatementItems differ from the whole assessment's lists", h.Title(), s.ID)
				}
			}
		}
		// With a statement's items loaded, its figures follow the lists
		// (an edit to them shows at once), and dropping them keeps the
		// counts the lists had.
		sid := whole.Measures()[0].Statements[0].ID
		withItems, err := st.AssessmentSummary(ctx, h.ID, summaryNow, sid)
		if err != nil {
			t.Fatal(err)
		}
		if !withItems.ItemsLoaded(sid) || !reflect.DeepEqual(withItems.Evidence[sid], whole.Evidence[sid]) {
			t.Fatalf("%s: the summary with %s did not load its items", h.Title(), sid)
		}
		withItems.PutEvidence(model.Evidence{ID: 1 << 40, StatementID: sid, Title: "new"})
		if got := withItems.Items(sid, summaryNow).Evidence; got != len(whole.Evidence[sid])+1 {
			t.Errorf("%s: after adding evidence to %s the count is %d, want %d", h.Title(), sid, got, len(whole.Evidence[sid])+1)
		}
		withItems.DropItems("")
		if withItems.ItemsLoaded(sid) || withItems.Items(sid, summaryNow).Evidence != len(whole.Evidence[sid])+1 {
			t.Errorf("%s: dropping %s's items lost its count", h.Title(), sid)
		}
	}
}

// TestCompareSummariesMatchesCompare compares periods from their summaries
// and from the whole assessments, including actions whose titles differ in
// case, spacing and non-ASCII letters, which SQLite's lower() does not fold.
func TestCompareSummariesMatchesCompare(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(filepath.Join(t.TempDir(), "cmp.db"), data.Options{User: "test", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	from, err := st.CreateAssessment(ctx, model.Header{Organisation: "Trust", Audience: "organisation", Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	to, err := st.CreateAssessment(ctx, model.Header{Organisation: "Trust", Audience: "organisation", Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	fromWhole, err := st.Assessment(ctx, from.ID)
	if err != nil {
		t.Fatal(err)
	}
	sid := fromWhole.Measures()[1].Statements[0].ID
	pairs := [][2]string{
		{"Ärzte Portal rollout", "ärzte portal ROLLOUT"},
		{"Close  the   gap", "close the gap"},
		{"  Trimmed title", "trimmed title"},
		{"Plain title", "PLAIN TITLE"},
		{"Not the same", "Another title"},
	}
	for i, p := range pairs {
		x, err := st.SaveAction(ctx, from.ID, model.Action{StatementID: sid, Title: p[0], Status: model.StatusOpen, Priority: model.PriorityLow})
		if err != nil {
			t.Fatal(err)
		}
		_ = x
		status := model.StatusDone
		if i%2 == 1 {
			status = model.StatusDropped
		}
		if _, err := st.SaveAction(ctx, to.ID, model.Action{StatementID: sid, Title: p[1], Status: status, Priority: model.PriorityLow}); err != nil {
			t.Fatal(err)
		}
	}
	fromWhole, _ = st.Assessment(ctx, from.ID)
	toWhole, err := st.Assessment(ctx, to.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Compare(fromWhole, toWhole, summaryNow)
	f, g, err := st.CompareSummaries(ctx, from.ID, to.ID, summaryNow)
	if err != nil {
		t.Fatal(err)
	}
	got := model.Compare(f, g, summaryNow)
	// The measures' action figures are left pending (Compare shows none).
	for i := range got.Measures {
		if !got.Measures[i].From.ActionsPending && got.Measures[i].InFrom || !got.Measures[i].To.ActionsPending && got.Measures[i].InTo {
			t.Errorf("measure %s: action figures should be pending", got.Measures[i].Key)
		}
	}
	noActions(&got)
	noActions(&want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the comparison from summaries differs:\n got %+v\nwant %+v", got, want)
	}
	if len(want.Closed)+len(want.Dropped) < 4 {
		t.Errorf("the fixture should close or drop at least 4 actions, got %d and %d", len(want.Closed), len(want.Dropped))
	}
}

// TestSummariesOfTrend checks the trend read from summaries against the
// whole assessments, and that Scores gives the same means.
func TestSummariesOfTrend(t *testing.T) {
	ctx := context.Background()
	st := openDemo(t, demo.Small)
	hs, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var whole []*model.Assessment
	for _, h := range hs {
		ids = append(ids, h.ID)
		a, err := st.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		whole = append(whole, a)
	}
	sums, err := st.Summaries(ctx, ids, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := model.Trend(sums).Render(), model.Trend(whole).Render(); got != want {
		t.Errorf("trend from summaries\n got %+v\nwant %+v", got, want)
	}
	scores, err := st.Scores(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := model.OrganisationGrid(scores).Render(), model.OrganisationGrid(whole).Render(); got != want {
		t.Errorf("organisation grid from scores\n got %s\nwant %s", got, want)
	}
	for i, a := range whole {
		for _, r := range a.Responses {
			if got := scores[i].Responses[r.StatementID].Score; got != r.Score {
				t.Errorf("assessment %d %s: Scores gives %d, the assessment %d", a.ID, r.StatementID, got, r.Score)
			}
		}
	}
	twice, err := st.Scores(ctx, []int64{ids[0], ids[0]})
	if err != nil || len(twice) != 2 || twice[0] != twice[1] || len(twice[1].Responses) == 0 {
		t.Errorf("an assessment named twice: %v, %d read", err, len(twice))
	}
	if _, err := st.Scores(ctx, []int64{ids[0], 9999}); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("an assessment that is not there: %v, want ErrNotFound", err)
	}
}

// noActions clears a comparison's per-measure action figures, which
// CompareSummaries leaves pending.
func noActions(c *model.Comparison) {
	clr := func(s *model.MeasureStats) { s.OpenActions, s.Overdue, s.ActionsPending = 0, 0, false }
	for i := range c.Measures {
		clr(&c.Measures[i].From)
		clr(&c.Measures[i].To)
	}
	clr(&c.OverallFrom)
	clr(&c.OverallTo)
}

// TestScoresOfHostileRows: Scores reads each assessment's scores as one
// JSON object that SQLite builds, so a statement id written by another tool
// with quotes, a newline or a separator in it comes back as it is stored,
// and a score stored as text reads as the number it spells (0 if none),
// never failing the grid.
func TestScoresOfHostileRows(t *testing.T) {
	ctx := context.Background()
	st := openDemo(t, demo.Small)
	// Written beside the store, as another tool would.
	db, err := sql.Open("sqlite", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow(`SELECT id FROM assessments ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	odd := "WL-\"O9\"\n,\x1f:}"
	for _, r := range []struct {
		sid   string
		score any
	}{{odd, 4}, {"SF-X1", "2"}, {"SF-X2", "high"}} {
		if _, err := db.Exec(`INSERT INTO responses (assessment_id, statement_id, score, updated_by, updated_at) VALUES (?, ?, ?, 'x', '')`, id, r.sid, r.score); err != nil {
			t.Fatal(err)
		}
	}
	as, err := st.Scores(ctx, []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	got := as[0].Responses
	if got[odd].Score != 4 || got[odd].StatementID != odd {
		t.Errorf("the odd statement id reads %+v, want score 4", got[odd])
	}
	if got["SF-X1"].Score != 2 {
		t.Errorf("a score stored as text %q reads %d, want 2", "2", got["SF-X1"].Score)
	}
	if got["SF-X2"].Score != 0 {
		t.Errorf("a score stored as %q reads %d, want 0", "high", got["SF-X2"].Score)
	}
}

// TestHeadersOf: the list the ICS heatmap picks from is Headers' list of
// that audience, in the same order, with what picking needs.
func TestHeadersOf(t *testing.T) {
	ctx := context.Background()
	st := openDemo(t, demo.Small)
	all, err := st.Headers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, aud := range []criteria.Audience{criteria.Organisation, criteria.ICS} {
		got, err := st.HeadersOf(ctx, aud)
		if err != nil {
			t.Fatal(err)
		}
		var want []model.Header
		for _, h := range all {
			if h.Audience == aud {
				want = append(want, h)
			}
		}
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%s: %d headers, want %d (and some)", aud, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.ID != w.ID || g.Organisation != w.Organisation || g.Audience != w.Audience || g.Period != w.Period || g.Statements != w.Statements || g.Unreadable != w.Unreadable {
				t.Errorf("%s #%d: %+v, want %+v", aud, i, g, w)
			}
		}
	}
}
