package ui

import (
	"context"
	"strings"
	"testing"

	"wgll/model"
)

// TestMeasureCountsNeverCut: a statement with thousands of evidence items
// and open actions shows both figures whole on the measure screen (they
// were cut to "11…" on the xl demo).
func TestMeasureCountsNeverCut(t *testing.T) {
	f, a := seeded(t)
	ctx := context.Background()
	for i := range 1990 {
		if _, err := f.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: "WL-O1", Title: "Paper"}); err != nil {
			t.Fatal(err)
		}
		if i < 1190 {
			if _, err := f.SaveAction(ctx, a.ID, model.Action{StatementID: "WL-O1", Title: "Do", Status: model.StatusOpen, Priority: model.PriorityMedium}); err != nil {
				t.Fatal(err)
			}
		}
	}
	hs := newHarness(t, f, 100, 30)
	hs.keys("enter") // the overview's first measure
	if !strings.Contains(hs.text(), "1991  1191") {
		t.Errorf("the counts are cut:\n%s", hs.text())
	}
}
