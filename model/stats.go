package model

import (
	"time"

	"wgll/criteria"
)

// MeasureStats is what a board reads about one measure.
type MeasureStats struct {
	Key  string
	Name string
	// Total is the number of statements; Assessed how many have a score.
	Total    int
	Assessed int
	// Mean is the mean score over assessed statements; 0 when none are.
	Mean float64
	// Evidence counts evidence items over the measure's statements.
	Evidence int
	// OpenActions counts open and in-progress actions; Overdue those of
	// them past their due date.
	OpenActions int
	Overdue     int
	// ActionsPending says OpenActions and Overdue are not counted yet
	// (see Assessment.ActionsPending).
	ActionsPending bool
}

// Share is the fraction of statements assessed, from 0 to 1.
func (m MeasureStats) Share() float64 {
	if m.Total == 0 {
		return 0
	}
	return float64(m.Assessed) / float64(m.Total)
}

// HasMean reports whether at least one statement is scored.
func (m MeasureStats) HasMean() bool { return m.Assessed > 0 }

// Stats computes the figures for one measure of a.
func (a *Assessment) Stats(m criteria.Measure, now time.Time) MeasureStats {
	st := MeasureStats{Key: m.Key, Name: m.Name, Total: len(m.Statements), ActionsPending: a.ActionsPending}
	sum := 0
	for _, s := range m.Statements {
		if sc := a.Score(s.ID); sc.Assessed() {
			st.Assessed++
			sum += int(sc)
		}
		c := a.Items(s.ID, now)
		st.Evidence += c.Evidence
		st.OpenActions += c.Live()
		st.Overdue += c.Overdue
	}
	if st.Assessed > 0 {
		st.Mean = float64(sum) / float64(st.Assessed)
	}
	return st
}

// AllStats computes Stats for every measure, in framework order.
func (a *Assessment) AllStats(now time.Time) []MeasureStats {
	ms := a.Measures()
	out := make([]MeasureStats, len(ms))
	for i, m := range ms {
		out[i] = a.Stats(m, now)
	}
	return out
}

// Overall sums the per-measure figures. Its Mean is the mean of the measure
// means over measures with at least one score, which is how the national
// Digital Maturity Assessment forms an overall score.
func Overall(stats []MeasureStats) MeasureStats {
	var o MeasureStats
	o.Key, o.Name = "overall", "Overall"
	n := 0
	for _, s := range stats {
		o.Total += s.Total
		o.Assessed += s.Assessed
		o.Evidence += s.Evidence
		o.OpenActions += s.OpenActions
		o.Overdue += s.Overdue
		o.ActionsPending = o.ActionsPending || s.ActionsPending
		if s.HasMean() {
			o.Mean += s.Mean
			n++
		}
	}
	if n > 0 {
		o.Mean /= float64(n)
	}
	return o
}

// Cell is one statement in the heatmap.
type Cell struct {
	StatementID string
	Score       Score
	// Stale is set when evidence supporting the statement is stale (see
	// Evidence.Stale); the cell then shows StaleGlyph.
	Stale bool
	// Text, when set, is shown instead of the score (a target or a gap:
	// see CellText).
	Text string
}

// HeatmapRow is one measure in the heatmap: a cell per statement and the
// measure's summary.
type HeatmapRow struct {
	Measure criteria.Measure
	Cells   []Cell
	Stats   MeasureStats
}

// Heatmap is the measures-by-statements grid a board watches.
type Heatmap struct {
	Rows []HeatmapRow
	// Overall summarises every row.
	Overall MeasureStats
	// Width is the largest number of cells in any row.
	Width int
}

// BuildHeatmap lays out a's scores as a grid, one row per measure.
func (a *Assessment) BuildHeatmap(now time.Time) Heatmap {
	var h Heatmap
	stats := make([]MeasureStats, 0, 8)
	stale := a.StaleStatements(now)
	for _, m := range a.Measures() {
		row := HeatmapRow{Measure: m, Stats: a.Stats(m, now)}
		row.Cells = make([]Cell, len(m.Statements))
		for i, s := range m.Statements {
			row.Cells[i] = Cell{StatementID: s.ID, Score: a.Score(s.ID), Stale: stale[s.ID]}
		}
		if len(row.Cells) > h.Width {
			h.Width = len(row.Cells)
		}
		stats = append(stats, row.Stats)
		h.Rows = append(h.Rows, row)
	}
	h.Overall = Overall(stats)
	return h
}

// ActionCounts counts a's actions by state across the whole assessment.
type ActionCounts struct {
	Open, InProgress, Done, Dropped, Overdue int
}

// CountActions tallies every action of a: the counts of statements whose
// items are not loaded, and the loaded items themselves.
func (a *Assessment) CountActions(now time.Time) ActionCounts {
	var c ItemCounts
	for sid, n := range a.Counts {
		if !a.Loaded[sid] {
			c.plus(n)
		}
	}
	for _, list := range a.Actions {
		for _, x := range list {
			c.add(x, now)
		}
	}
	return ActionCounts{Open: c.Open, InProgress: c.InProgress, Done: c.Done, Dropped: c.Dropped, Overdue: c.Overdue}
}
