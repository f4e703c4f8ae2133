package model

import (
	"slices"
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
	first, last, ok := r.span()
	if !ok {
		return 0, false
	}
	return r.Points[last].Stats.Mean - r.Points[first].Stats.Mean, true
}

// span is the first and last periods with a score; ok is false unless
// they are two different periods.
func (r TrendRow) span() (first, last int, ok bool) {
	first, last = -1, -1
	for i, p := range r.Points {
		if p.Stats.HasMean() {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last, first >= 0 && first != last
}

// ShownChange is Change as a reader works it out from the figures shown
// with the given number of decimals (see MeasureChange.ShownDelta).
func (r TrendRow) ShownChange(decimals int) (float64, bool) {
	first, last, ok := r.span()
	if !ok {
		return 0, false
	}
	return ShownChange(r.Points[first].Stats.Mean, r.Points[last].Stats.Mean, decimals), true
}

// TrendTable is each measure's mean per period, oldest period first.
type TrendTable struct {
	Periods []Header
	Rows    []TrendRow
	// Overall is the mean of measure means per period.
	Overall TrendRow
	// Like compares the oldest and the newest period like for like, over
	// the statements scored in both; zero with fewer than two periods.
	Like LikeForLike
}

// Trend lays out the assessments' measure means side by side. Assessments
// are ordered by CompareHeaders (period, then creation time); measures follow the
// newest assessment's framework order, then any only older ones have.
// Measures are matched by their stable key, so a renamed measure stays on
// one row under its newest name.
func Trend(assessments []*Assessment) TrendTable {
	as := append([]*Assessment(nil), assessments...)
	slices.SortStableFunc(as, func(x, y *Assessment) int { return CompareHeaders(x.Header, y.Header) })
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
	if len(as) >= 2 {
		c := Compare(as[0], as[len(as)-1], time.Time{})
		t.Like = c.Like
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
		if d, ok := r.ShownChange(MeanDecimals); ok {
			row.WriteString("  " + lpad(FormatChange(d), 6))
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

// GridColumn is one measure column of a MeasureGrid.
type GridColumn struct {
	Key  string
	Name string
	// Short is a few letters for the column head: the initials of Name.
	Short string
}

// GridRow is one row of a MeasureGrid: a period or an organisation, with a
// figure per column (zero MeasureStats where the measure is missing).
type GridRow struct {
	Label  string
	Header Header
	Cells  []MeasureStats
}

// MeasureGrid is a heatmap of means: rows of periods or organisations by
// columns of measures, with an optional mean row.
type MeasureGrid struct {
	Columns []GridColumn
	Rows    []GridRow
	// Mean, when not nil, is the mean of the rows' means per column (the
	// ICS mean of its providers' scores, as the DMA forms it).
	Mean *GridRow
}

// PeriodGrid lays out one organisation's assessments as periods (oldest
// first) by measures.
func PeriodGrid(assessments []*Assessment) MeasureGrid {
	t := Trend(assessments)
	g := MeasureGrid{}
	for _, r := range t.Rows {
		g.Columns = append(g.Columns, GridColumn{Key: r.Key, Name: r.Name, Short: initials(r.Name)})
	}
	for i, h := range t.Periods {
		row := GridRow{Label: h.Period, Header: h}
		for _, r := range t.Rows {
			row.Cells = append(row.Cells, r.Points[i].Stats)
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// OrganisationGrid lays out the newest period's assessments of several
// organisations as organisations (by name) by measures, with a mean row.
// When an organisation has several assessments for that period the most
// recently created is used.
func OrganisationGrid(assessments []*Assessment) MeasureGrid {
	newest := ""
	for _, a := range assessments {
		if ComparePeriods(a.Period, newest) > 0 {
			newest = a.Period
		}
	}
	byOrg := map[string]*Assessment{}
	for _, a := range assessments {
		if ComparePeriods(a.Period, newest) != 0 {
			continue
		}
		k := OrganisationKey(a.Organisation)
		if b, ok := byOrg[k]; !ok || CompareHeaders(a.Header, b.Header) > 0 {
			byOrg[k] = a
		}
	}
	var as []*Assessment
	for _, a := range byOrg {
		as = append(as, a)
	}
	sort.Slice(as, func(i, j int) bool { return as[i].Organisation < as[j].Organisation })
	g := MeasureGrid{}
	col := map[string]int{}
	for _, a := range as {
		for _, m := range a.Measures() {
			if _, ok := col[m.Key]; !ok {
				col[m.Key] = len(g.Columns)
				g.Columns = append(g.Columns, GridColumn{Key: m.Key, Name: m.Name, Short: initials(m.Name)})
			}
		}
	}
	mean := GridRow{Label: "ICS mean", Cells: make([]MeasureStats, len(g.Columns))}
	sums := make([]float64, len(g.Columns))
	for _, a := range as {
		row := GridRow{Label: a.Organisation, Header: a.Header, Cells: make([]MeasureStats, len(g.Columns))}
		for _, m := range a.Measures() {
			st := a.Stats(m, time.Time{})
			i := col[m.Key]
			row.Cells[i] = st
			if st.HasMean() {
				sums[i] += st.Mean
				mean.Cells[i].Assessed++
			}
		}
		g.Rows = append(g.Rows, row)
	}
	for i := range mean.Cells {
		mean.Cells[i].Key, mean.Cells[i].Name = g.Columns[i].Key, g.Columns[i].Name
		if n := mean.Cells[i].Assessed; n > 0 {
			mean.Cells[i].Mean = sums[i] / float64(n)
			mean.Cells[i].Total = n
		}
	}
	if len(as) > 0 {
		g.Mean = &mean
	}
	return g
}

// initials abbreviates a measure name for a column head: "Ensure smart
// foundations" is "ESF".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteString(strings.ToUpper(string(r)))
	}
	return b.String()
}

// Render draws the grid as plain text: a label column, then each measure's
// mean with one decimal ("–" when nothing is scored), and a legend naming the
// columns. It needs no colour to be read. In a mean row a measure's
// MeasureStats.Assessed is the number of rows it averages.
func (g MeasureGrid) Render() string { return g.RenderFit(0) }

// minGridLabel is the fewest runes of a row's label RenderFit keeps.
const minGridLabel = 12

// RenderFit is Render within width columns (0: no limit): when the rows'
// labels would push measures off the right, the labels are cut (to no
// fewer than minGridLabel runes, with "…") so that every measure shows.
// An ICS's member names run to 55 characters, and at 80 columns the ICS
// view showed three of its seven measures.
func (g MeasureGrid) RenderFit(width int) string {
	labelW := 5
	rows := g.Rows
	if g.Mean != nil {
		rows = append(append([]GridRow(nil), rows...), *g.Mean)
	}
	for _, r := range rows {
		labelW = max(labelW, utf8.RuneCountInString(r.Label))
	}
	colW := 4
	for _, c := range g.Columns {
		colW = max(colW, utf8.RuneCountInString(c.Short))
	}
	if room := width - len(g.Columns)*(colW+2); width > 0 && labelW > room {
		labelW = max(minGridLabel, room)
	}
	var b strings.Builder
	line := func(label string, cells []string) {
		if r := []rune(label); len(r) > labelW {
			label = string(r[:labelW-1]) + "…"
		}
		var row strings.Builder
		row.WriteString(label + strings.Repeat(" ", labelW-utf8.RuneCountInString(label)))
		for _, c := range cells {
			row.WriteString("  " + strings.Repeat(" ", max(0, colW-utf8.RuneCountInString(c))) + c)
		}
		b.WriteString(strings.TrimRight(row.String(), " ") + "\n")
	}
	heads := make([]string, len(g.Columns))
	for i, c := range g.Columns {
		heads[i] = c.Short
	}
	line("", heads)
	for i, r := range rows {
		if g.Mean != nil && i == len(rows)-1 {
			b.WriteString(strings.Repeat("─", labelW+len(g.Columns)*(colW+2)) + "\n")
		}
		cells := make([]string, len(g.Columns))
		for j, st := range r.Cells {
			cells[j] = "–"
			if st.HasMean() {
				cells[j] = FormatMean(st.Mean)
			}
		}
		line(r.Label, cells)
	}
	legend := make([]string, len(g.Columns))
	for i, c := range g.Columns {
		legend[i] = c.Short + " " + c.Name
	}
	b.WriteString("Mean scores 1 to 5; – not scored. " + strings.Join(legend, " · ") + "\n")
	return b.String()
}
