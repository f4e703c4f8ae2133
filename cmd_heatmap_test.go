package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"wgll/data"
	"wgll/model"
	"wgll/ui"
)

// TestHeatmapReadsWhatItShows: 'wgll heatmap' reads the overview's summary
// (scores, targets and each statement's counts and stale items) and --by
// period the scores alone, never every evidence item and action (on the xl
// demo 2.1 s and 4.6 s, now 0.04 and 0.02 s), and prints exactly what the
// whole assessments give, stale marks included.
func TestHeatmapReadsWhatItShows(t *testing.T) {
	db := demoDB(t)
	now := time.Now()
	whole := wholeAssessments(t, db, 2)[0]
	st, err := data.Open(db, data.Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	hs, err := st.Assessments(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, h := range hs {
		if model.SameOrganisation(h.Organisation, whole.Organisation) && h.Audience == whole.Audience {
			ids = append(ids, h.ID)
		}
	}
	periods := wholeAssessments(t, db, ids...)

	_, out, errs := runWGLL(t, "heatmap", "--db", db, "--assessment", "2")
	if want := ui.RenderHeatmap(whole, 100, false, now); out != want {
		t.Errorf("heatmap differs from the whole assessment's (%s):\n got %s\nwant %s", errs, out, want)
	}
	if !strings.Contains(out, "!") {
		t.Errorf("the demo's heatmap shows no stale mark:\n%s", out)
	}
	_, out, _ = runWGLL(t, "heatmap", "--db", db, "--assessment", "2", "--show", "gap")
	for _, m := range whole.Measures() {
		var cells []string
		for _, s := range m.Statements {
			cells = append(cells, whole.CellText(s.ID, model.ViewGap, now))
		}
		for _, c := range cells {
			if !strings.Contains(out, c) {
				t.Errorf("heatmap --show gap lacks the cell %q of %s:\n%s", c, m.Name, out)
			}
		}
	}
	if !strings.Contains(out, "!") {
		t.Errorf("heatmap --show gap shows no stale mark:\n%s", out)
	}
	_, out, _ = runWGLL(t, "heatmap", "--db", db, "--assessment", "2", "--by", "period")
	for _, want := range []string{ui.Sanitize(model.PeriodGrid(periods).Render()), ui.Sanitize(model.Trend(periods).Render())} {
		if !strings.Contains(out, want) {
			t.Errorf("heatmap --by period differs from the whole assessments':\n got %s\nwant %s", out, want)
		}
	}
}
