package model

import (
	"fmt"
	"time"
)

// Target is the level the board means a statement to reach, and by when.
type Target struct {
	// Level is the target score; NotAssessed means no target.
	Level Score
	// Due is the target date (a calendar day, UTC); zero means none.
	Due time.Time
}

// Set reports whether t is a real target.
func (t Target) Set() bool { return t.Level.Assessed() }

// String is the target as a list shows it: "4 by 2027-03-31", "4", or "".
func (t Target) String() string {
	if !t.Set() {
		return ""
	}
	if t.Due.IsZero() {
		return t.Level.String()
	}
	return fmt.Sprintf("%s by %s", t.Level, FormatDate(t.Due))
}

// TargetFor is the target that applies to a statement: its own, or else
// its measure's default (fromMeasure true). ok is false when neither is set.
func (a *Assessment) TargetFor(statementID string) (t Target, fromMeasure, ok bool) {
	if t, ok := a.Targets[statementID]; ok && t.Set() {
		return t, false, true
	}
	if _, m, found := a.Criteria.Statement(statementID); found {
		if t, ok := a.MeasureTargets[m.Key]; ok && t.Set() {
			return t, true, true
		}
	}
	return Target{}, false, false
}

// Gap is how many levels a score falls short of a target: target minus
// score. ok is false when it cannot be known, because there is no target
// or the statement is not scored yet; a score at or above the target is a
// gap of 0, never a negative one, because exceeding a target is not a gap
// to close.
func Gap(score Score, t Target) (gap int, ok bool) {
	if !t.Set() || !score.Assessed() {
		return 0, false
	}
	if d := int(t.Level) - int(score); d > 0 {
		return d, true
	}
	return 0, true
}

// GapOf is Gap for one statement of a, with the target that applies to it.
func (a *Assessment) GapOf(statementID string) (int, bool) {
	t, _, ok := a.TargetFor(statementID)
	if !ok {
		return 0, false
	}
	return Gap(a.Score(statementID), t)
}

// ValidTarget checks a target level against the scale (1 to max, or 0 to
// clear) and a target date's year; the message says how to put it right.
func ValidTarget(t Target, max int) error {
	if max <= 0 {
		max = 5
	}
	if t.Level < NotAssessed || int(t.Level) > max {
		return fmt.Errorf("target level %d is not 1 to %d (or 0 to clear it)", int(t.Level), max)
	}
	if !t.Due.IsZero() {
		if y := t.Due.Year(); y < 1900 || y > 9999 {
			return fmt.Errorf("target date %s is not a real date; use YYYY-MM-DD", FormatDate(t.Due))
		}
	}
	return nil
}

// HeatmapView is what a heatmap cell shows: the score, the target or the
// gap to target. A key in the app cycles through them; the legend names
// the one shown.
type HeatmapView int

// The views, in the order the key cycles through them.
const (
	ViewScore HeatmapView = iota
	ViewTarget
	ViewGap
)

// HeatmapViews lists the views in cycling order.
var HeatmapViews = []HeatmapView{ViewScore, ViewTarget, ViewGap}

// String names the view in a legend.
func (v HeatmapView) String() string {
	switch v {
	case ViewTarget:
		return "target"
	case ViewGap:
		return "gap to target"
	}
	return "score"
}

// Next is the view after v, wrapping round.
func (v HeatmapView) Next() HeatmapView { return (v + 1) % HeatmapView(len(HeatmapViews)) }

// CellText is a statement's heatmap cell in view v: the score or target as
// a digit, the gap as "-2" (levels short) or "0" (met), and a dot when it
// cannot be known. Stale evidence adds StaleGlyph, so the cell reads
// without colour.
func (a *Assessment) CellText(statementID string, v HeatmapView, now time.Time) string {
	var s string
	switch v {
	case ViewTarget:
		t, _, ok := a.TargetFor(statementID)
		s = NotAssessed.String()
		if ok {
			s = t.Level.String()
		}
	case ViewGap:
		s = NotAssessed.String()
		if g, ok := a.GapOf(statementID); ok && g > 0 {
			s = fmt.Sprintf("-%d", g)
		} else if ok {
			s = "0"
		}
	default:
		s = a.Score(statementID).String()
	}
	if a.HasStale(statementID, now) {
		s += StaleGlyph
	}
	return s
}

// ForView returns h as view v shows it: in the target view each cell's
// Score is the statement's target level (so it is coloured as that level
// would be); in the gap view each cell's Text is its gap ("-2", "0", or
// "·" when unknown) and its Score stays, for the colour. The score view is
// h itself. The rows' figures are unchanged: they are always the scores'.
func (a *Assessment) ForView(h Heatmap, v HeatmapView) Heatmap {
	if v == ViewScore {
		return h
	}
	out := h
	out.Rows = make([]HeatmapRow, len(h.Rows))
	for i, r := range h.Rows {
		nr := r
		nr.Cells = make([]Cell, len(r.Cells))
		for j, c := range r.Cells {
			switch v {
			case ViewTarget:
				t, _, _ := a.TargetFor(c.StatementID)
				c.Score = t.Level
			case ViewGap:
				c.Text = NotAssessed.String()
				if g, ok := a.GapOf(c.StatementID); ok {
					c.Text = "0"
					if g > 0 {
						c.Text = fmt.Sprintf("-%d", g)
					}
				}
			}
			nr.Cells[j] = c
		}
		out.Rows[i] = nr
	}
	return out
}
