package model

import (
	"strings"
	"testing"
	"time"

	"wgll/criteria"
)

// TestSummaryCountsAndClone: a summary counts from the store's counts until
// a statement's lists are set, then from the lists; dropping them keeps the
// counts; a clone is still a summary (so an export reads the whole).
func TestSummaryCountsAndClone(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := NewAssessment(Header{ID: 1}, nil)
	a.Counts = map[string]ItemCounts{"A": {Evidence: 3, Open: 2, Overdue: 1}}
	if got := a.Items("A", now); got.Evidence != 3 || got.Live() != 2 || got.Overdue != 1 {
		t.Fatalf("Items from counts = %+v", got)
	}
	a.SetItems("A", []Evidence{{ID: 1, StatementID: "A"}}, []Action{{ID: 2, StatementID: "A", Status: StatusDone}})
	if got := a.Items("A", now); got.Evidence != 1 || got.Live() != 0 || got.Done != 1 {
		t.Fatalf("Items from the lists = %+v", got)
	}
	c := a.Clone()
	if !c.Summarised() || !c.ItemsLoaded("A") {
		t.Errorf("a clone of a summary should stay a summary with A loaded")
	}
	a.DropItems("")
	if a.ItemsLoaded("A") || a.Items("A", now).Done != 1 || len(a.Evidence["A"]) != 0 {
		t.Errorf("after DropItems: loaded %v, counts %+v", a.ItemsLoaded("A"), a.Items("A", now))
	}
}

// TestCellTextStaleOnSummary: a summary's cell in every view carries the
// stale glyph from the stale items the store read for it, as a whole
// assessment's does from its evidence (found by 'wgll heatmap --show gap',
// which lost every "!" when it read the summary).
func TestCellTextStaleOnSummary(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	past := now.AddDate(0, -1, 0)
	whole := NewAssessment(Header{ID: 1, Audience: criteria.Organisation}, testCriteria())
	whole.Evidence["A1"] = []Evidence{{ID: 1, StatementID: "A1", ReviewBy: past}}
	sum := NewAssessment(Header{ID: 1, Audience: criteria.Organisation}, testCriteria())
	sum.Counts = map[string]ItemCounts{"A1": {Evidence: 1}}
	sum.StaleItems = []Evidence{{ID: 1, StatementID: "A1", ReviewBy: past}}
	for _, v := range []HeatmapView{ViewScore, ViewTarget, ViewGap} {
		if got, want := sum.CellText("A1", v, now), whole.CellText("A1", v, now); got != want || !strings.HasSuffix(got, StaleGlyph) {
			t.Errorf("view %v: summary cell %q, whole %q; want both with %q", v, got, want, StaleGlyph)
		}
		if got := sum.CellText("B1", v, now); strings.HasSuffix(got, StaleGlyph) {
			t.Errorf("view %v: B has no stale evidence, cell %q", v, got)
		}
	}
}

// TestItemTotals: the totals add the store's counts of the statements not
// loaded to the lists of those loaded, and a whole assessment's lists;
// while a summary's action counts are pending they are not known.
func TestItemTotals(t *testing.T) {
	a := NewAssessment(Header{ID: 1}, nil)
	a.Counts = map[string]ItemCounts{"A": {Evidence: 3, Open: 2, Done: 1}, "B": {Evidence: 1, Dropped: 4}}
	a.SetItems("B", []Evidence{{ID: 1, StatementID: "B"}, {ID: 2, StatementID: "B"}}, []Action{{ID: 3, StatementID: "B", Status: StatusOpen}})
	if ev, acts, ok := a.ItemTotals(); ev != 5 || acts != 4 || !ok {
		t.Errorf("summary totals = %d evidence, %d actions, %v; want 5, 4, true", ev, acts, ok)
	}
	a.ActionsPending = true
	if _, _, ok := a.ItemTotals(); ok {
		t.Error("totals known while the action counts are pending")
	}
	w := NewAssessment(Header{ID: 2}, nil)
	w.Evidence = map[string][]Evidence{"X": {{ID: 1}}}
	w.Actions = map[string][]Action{"Y": {{ID: 2, Status: StatusOpen}, {ID: 3, Status: StatusDone}}}
	if ev, acts, ok := w.ItemTotals(); ev != 1 || acts != 2 || !ok {
		t.Errorf("whole totals = %d evidence, %d actions, %v; want 1, 2, true", ev, acts, ok)
	}
}
