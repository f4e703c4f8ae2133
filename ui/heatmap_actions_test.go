package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"wgll/criteria"
	"wgll/model"
)

// TestOpenActionsNeverCut: the overview's open-actions column takes the
// width of its widest figure (an ICS's newest assessment on xl has tens of
// thousands of actions), and when the overdue counts in words would leave
// the measure names too narrow they lose the word, which the heading then
// says; on the narrowest screens the column shows the open count alone. No
// figure is ever cut and no line runs over, at any size. (Found on xl at 80x24:
// "10312 (3295 ov…".)
func TestOpenActionsNeverCut(t *testing.T) {
	a := model.NewAssessment(model.Header{Organisation: "Trust", Audience: criteria.Organisation, Period: "2026/27"}, criteria.Builtin())
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	h := a.BuildHeatmap(now)
	for i := range h.Rows {
		h.Rows[i].Stats.OpenActions, h.Rows[i].Stats.Overdue = 10312-i, 3295-i
	}
	h.Overall.OpenActions, h.Overall.Overdue = 57113, 17881
	for _, tt := range []struct {
		width int
		roomy bool
		form  actForm
	}{
		{60, false, actCount}, {80, false, actCompact}, {100, false, actWords}, {160, true, actWords},
	} {
		lines := heatmapLines(a, h, newStyles(true, false), tt.width, 40, 0, tt.roomy, nil)
		text := ansi.Strip(strings.Join(lines, "\n"))
		wantHead := heatActionsHead(tt.form)
		if !strings.Contains(lines[0], wantHead) {
			t.Errorf("width %d: heading %q, want %q", tt.width, ansi.Strip(lines[0]), wantHead)
		}
		for i := range h.Rows {
			want := strings.TrimSpace(heatActions(h.Rows[i].Stats, tt.form))
			if !strings.Contains(text, want) {
				t.Errorf("width %d: measure %d's actions %q are not shown whole:\n%s", tt.width, i, want, text)
			}
		}
		if want := strings.TrimSpace(heatActions(h.Overall, tt.form)); !strings.Contains(text, want) {
			t.Errorf("width %d: overall actions %q are not shown whole:\n%s", tt.width, want, text)
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > tt.width {
				t.Errorf("width %d: line %d is %d wide: %q", tt.width, i, w, ansi.Strip(l))
			}
		}
	}
	// A workbook whose counts fit keeps the words and today's layout.
	for i := range h.Rows {
		h.Rows[i].Stats.OpenActions, h.Rows[i].Stats.Overdue = 12, 3
	}
	h.Overall.OpenActions, h.Overall.Overdue = 84, 21
	lines := heatmapLines(a, h, newStyles(true, false), 80, 40, 0, false, nil)
	if text := ansi.Strip(strings.Join(lines, "\n")); !strings.Contains(text, "12 (3 overdue)") || !strings.Contains(text, "Open actions") {
		t.Errorf("small counts at 80 columns lost the word overdue:\n%s", text)
	}
}
