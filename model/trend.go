package model

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// TrendPoint is one measure's figures in one period.
type TrendPoint struct {
	// Present is false when that period's criteria lack the measure.
	Present bool
	Stats   MeasureStats
}

// TrendRow is one measure across periods: a point per period, in the order
// of TrendTable.Periods.
type TrendRow struct {
	Key    string
	Name   string
	Points []TrendPoint
}

// Change is the difference between the first and the last period with a
// score; ok is false with fewer than two such periods.
func (r TrendRow) Change() (delta float64, ok bool) {
	first, last := -1, -1
	for i, p := range r.Points {
		if p.Stats.HasMean() {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || first == last {
		return 0, false
	}
	return r.Points[last].Stats.Mean - r.Points[first].Stats.Mean, true
}

// TrendTable is each measure's mean per period, oldest period first.
type TrendTable struct {
	Periods []Header
	Rows    []TrendRow
	// Overall is the mean of measure means per period.
	Overall TrendRow
}

// Trend lays out the assessments' measure means side by side. Assessments
// are ordered by period label, then creation time; measures follow the
// newest assessment's framework order, then any only older ones have.
// Measures are matched by their stable key, so a renamed measure stays on
// one row under its newest name.
func Trend(assessments []*Assessment) TrendTable {
	as := append([]*Assessment(nil), assessments...)
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].Period != as[j].Period {
			return as[i].Period < as[j].Period
		}
		return as[i].CreatedAt.Before(as[j].CreatedAt)
	})
	var t TrendTable
	rowOf := map[string]int{}
	for i := len(as) - 1; i >= 0; i-- {
		for _, m := range as[i].Measures() {
			if _, ok := rowOf[m.Key]; !ok {
				rowOf[m.Key] = len(t.Rows)
				t.Rows = append(t.Rows, TrendRow{Key: m.Key, Name: m.Name, Points: make([]TrendPoint, len(as))})
			}
		}
	}
	t.Overall = TrendRow{Key: "overall", Name: "Overall", Points: make([]TrendPoint, len(as))}
	for i, a := range as {
		t.Periods = append(t.Periods, a.Header)
		var stats []MeasureStats
		for _, m := range a.Measures() {
			st := a.Stats(m, time.Time{})
			stats = append(stats, st)
			t.Rows[rowOf[m.Key]].Points[i] = TrendPoint{Present: true, Stats: st}
		}
		t.Overall.Points[i] = TrendPoint{Present: true, Stats: Overall(stats)}
	}
	return t
}

// sparkLevels are the bar glyphs for means from 1 to 5, lowest first.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// spark is the bar for one point: a block whose height grows with the mean,
// a middle dot when the period has no score, a space when the period's
// criteria lack the measure.
func spark(p TrendPoint) rune {
	switch {
	case !p.Present:
		return ' '
	case !p.Stats.HasMean():
		return '·'
	}
	i := int((p.Stats.Mean - 1) / 4 * float64(len(sparkLevels)-1))
	i = max(0, min(i, len(sparkLevels)-1))
	return sparkLevels[i]
}

// Render draws the table as plain text: the measure, a sparkline with a bar
// per period, each period's mean with one decimal ("–" when nothing was
// scored, blank when the measure did not exist), and the change from the
// first to the last scored period. It needs no colour to be read.
func (t TrendTable) Render() string {
	nameW := utf8.RuneCountInString("Measure")
	for _, r := range append(t.Rows, t.Overall) {
		nameW = max(nameW, utf8.RuneCountInString(r.Name))
	}
	colW := 6
	for _, h := range t.Periods {
		colW = max(colW, utf8.RuneCountInString(h.Period))
	}
	sparkW := max(len(t.Periods), utf8.RuneCountInString("trend"))
	var b strings.Builder
	pad := func(s string, w int) string {
		return s + strings.Repeat(" ", max(0, w-utf8.RuneCountInString(s)))
	}
	lpad := func(s string, w int) string {
		return strings.Repeat(" ", max(0, w-utf8.RuneCountInString(s))) + s
	}
	b.WriteString(pad("Measure", nameW) + "  " + pad("trend", sparkW))
	for _, h := range t.Periods {
		b.WriteString("  " + lpad(h.Period, colW))
	}
	b.WriteString("  change\n")
	line := func(r TrendRow) {
		var sp, row strings.Builder
		for _, p := range r.Points {
			sp.WriteRune(spark(p))
		}
		row.WriteString(pad(r.Name, nameW) + "  " + pad(sp.String(), sparkW))
		for _, p := range r.Points {
			cell := ""
			switch {
			case p.Stats.HasMean():
				cell = FormatMean(p.Stats.Mean)
			case p.Present:
				cell = "–"
			}
			row.WriteString("  " + lpad(cell, colW))
		}
		if d, ok := r.Change(); ok {
			row.WriteString("  " + lpad(signed(d), 6))
		}
		b.WriteString(strings.TrimRight(row.String(), " ") + "\n")
	}
	for _, r := range t.Rows {
		line(r)
	}
	line(t.Overall)
	b.WriteString("Scores 1 to 5; bars ▁ (1) to █ (5); · or – not scored.\n")
	return b.String()
}

// signed writes a change with its sign and one decimal: "+0.7", "-0.3".
func signed(d float64) string {
	s := FormatMean(d)
	if !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s
}
