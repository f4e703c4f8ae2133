package model

import (
	"testing"
	"time"
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
