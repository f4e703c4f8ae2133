package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// RenderHeatmap draws a's heatmap as text width columns wide, for printing
// to standard output: a title line, one row per measure (a cell per
// statement showing its score, the measure's mean, share assessed and open
// actions), an Overall row and the legend. With color false the text has no
// escape sequences at all.
func RenderHeatmap(a *model.Assessment, width int, color bool, now time.Time) string {
	if width < minWidth {
		width = minWidth
	}
	st := Styles{}
	if color {
		st = newStyles(true, true)
	}
	h := a.BuildHeatmap(now)
	var b strings.Builder
	b.WriteString(st.Title.Render(ansi.Truncate(oneLine(a.Title())+" · "+a.Audience.Title(), width, "…")))
	b.WriteString("\n\n")
	lines := heatmapLines(a, h, st, width, 0, -1, width >= roomyWidth, nil)
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n")
	return b.String()
}

// benchColumn is the national benchmark column of the overview: a mean per
// measure key on the DMA's scale, its heading and the legend that says
// what it is.
type benchColumn struct {
	head   string
	legend string
	means  map[string]float64
}

// heatBenchW is the width of the benchmark column.
const heatBenchW = 8

// newBenchColumn is the benchmark column for a's care setting, or nil when
// a has no care setting or b has no means for it.
func newBenchColumn(b *model.Benchmark, a *model.Assessment) *benchColumn {
	if b == nil || a == nil || a.CareSetting == model.SettingNone {
		return nil
	}
	m, ok := b.National[a.CareSetting]
	if !ok || len(m.Scores) == 0 {
		return nil
	}
	return &benchColumn{
		head:   fmt.Sprintf("DMA %d", b.Year),
		legend: fmt.Sprintf("DMA %d: national mean, %s, %d (DMA scale, not this workbook's scores)", b.Year, settingPhrase(a.CareSetting), b.Year),
		means:  m.Scores,
	}
}

// settingPhrase names the organisations a national mean is taken over.
func settingPhrase(s model.CareSetting) string {
	switch s {
	case model.SettingAcute, model.SettingCommunity, model.SettingAmbulance:
		return string(s) + " trusts"
	case model.SettingMentalHealth:
		return "mental health trusts"
	case model.SettingICB:
		return "ICBs"
	case model.SettingSecondary:
		return "all secondary care"
	}
	return oneLine(model.SettingLabel(s))
}

// heatmapLines draws the heatmap grid and legend as lines at most width
// wide, highlighting row cursor (-1 for none). height is the rows available
// (0 for as many as needed). bench, when not nil, adds the national
// benchmark beside each measure's mean; it is left out on a screen too
// narrow to keep measure names readable.
func heatmapLines(a *model.Assessment, h model.Heatmap, st Styles, width, height, cursor int, roomy bool, bench *benchColumn) []string {
	// Share assessed (Done) is always shown: a board must see how much of
	// each measure it has scored. The benchmark column comes next, and long
	// measure names are shortened before it is left out.
	const showDone = true
	hl := computeHeatLayout(width, height, h, roomy, bench != nil)
	if !hl.bench {
		bench = nil
	}
	extra := 0
	if bench != nil {
		extra = heatBenchW + 1
	}
	cellsW := h.Width * (hl.cellW + hl.gap)
	var lines []string
	pad := func(s string, w int) string { return padRight(ansi.Truncate(s, w, "…"), w) }
	head := strings.Repeat(" ", heatMarkW) + pad("Measure", hl.nameW) + " " + pad("Statements", cellsW) + " " + padLeft("Mean", heatMeanW)
	if bench != nil {
		head += " " + padLeft(bench.head, heatBenchW)
	}
	if showDone {
		head += " " + padLeft("Done", heatDoneW)
	}
	head += " " + pad(heatActionsHead(hl.actForm), hl.actW)
	lines = append(lines, st.Label.Render(head))
	summary := func(s model.MeasureStats, overall bool) string {
		mean := "–"
		if s.HasMean() {
			mean = model.FormatMean(s.Mean)
		}
		act := heatActions(s, hl.actForm)
		out := padLeft(mean, heatMeanW)
		if bench != nil {
			b := ""
			if !overall {
				b = "–"
				if v, ok := bench.means[s.Key]; ok {
					b = model.FormatBenchmark(v)
				}
			}
			out += " " + padLeft(b, heatBenchW)
		}
		if showDone {
			out += " " + padLeft(fmt.Sprintf("%d/%d", s.Assessed, s.Total), heatDoneW)
		}
		return out + " " + pad(act, hl.actW)
	}
	for i, row := range h.Rows {
		mark := "  "
		name := pad(oneLine(row.Measure.Name), hl.nameW)
		if i == cursor {
			mark = "› "
			name = st.Selected.Render(name)
		}
		var cells strings.Builder
		for _, c := range row.Cells {
			cells.WriteString(st.cellStyle(int(c.Score)).Render(center(cellText(c, hl.cellW), hl.cellW)))
			cells.WriteString(strings.Repeat(" ", hl.gap))
		}
		cellStr := cells.String() + strings.Repeat(" ", cellsW-len(row.Cells)*(hl.cellW+hl.gap))
		line := mark + name + " " + cellStr + " " + summary(row.Stats, false)
		if row.Stats.Overdue > 0 {
			line = mark + name + " " + cellStr + " " + st.Overdue.Render(summary(row.Stats, false))
		}
		lines = append(lines, line)
		if hl.rowGap {
			lines = append(lines, "")
		}
	}
	lines = append(lines, strings.Repeat(" ", heatMarkW)+st.Subtle.Render(strings.Repeat("─", min(width-heatMarkW, hl.nameW+1+cellsW+1+heatMeanW+1+heatDoneW+1+hl.actW+extra))))
	lines = append(lines, strings.Repeat(" ", heatMarkW)+st.Label.Render(pad("Overall", hl.nameW))+" "+strings.Repeat(" ", cellsW)+" "+summary(h.Overall, true))
	lines = append(lines, "")
	lines = append(lines, legendLines(a, st, width)...)
	if bench != nil {
		for _, l := range wrapLines(bench.legend, width-4, 0) {
			lines = append(lines, "  "+st.Subtle.Render(l))
		}
	}
	return lines
}

// legendLines draws the scale: each level's cell and label, wrapped to width.
func legendLines(a *model.Assessment, st Styles, width int) []string {
	var items []string
	if a.Criteria != nil {
		for _, l := range a.Criteria.Scale {
			items = append(items, st.cellStyle(l.Level).Render(fmt.Sprintf(" %d ", l.Level))+" "+oneLine(l.Label))
		}
	}
	na := "Not assessed"
	if a.Criteria != nil && a.Criteria.Framework.NotAssessed != "" {
		na = oneLine(a.Criteria.Framework.NotAssessed)
	}
	items = append(items, st.cellStyle(0).Render(" · ")+" "+na)
	var lines []string
	cur := "  "
	for _, it := range items {
		if ansi.StringWidth(cur)+ansi.StringWidth(it)+2 > width && strings.TrimSpace(cur) != "" {
			lines = append(lines, cur)
			cur = "  "
		}
		cur += ansi.Truncate(it, width-4, "…") + "  "
	}
	lines = append(lines, strings.TrimRight(cur, " "))
	return lines
}

// padRight pads s with spaces to w columns.
func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w columns.
func padLeft(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// center centres s in w columns.
func center(s string, w int) string {
	n := ansi.StringWidth(s)
	if n >= w {
		return s
	}
	left := (w - n) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-n-left)
}

// actForm is how the heatmap's open-actions column shows its counts.
type actForm int

const (
	// actWords: "12 (3 overdue)"; actCompact: "12 (3)" under the heading
	// "Open (overdue)"; actCount: "12" under "Open", on the narrowest
	// screens (the measure screen has the overdue counts).
	actWords actForm = iota
	actCompact
	actCount
	actForms
)

// heatActions is a measure's open actions as the heatmap shows them, with
// a leading space: the count, "counting…" while it is being read, and how
// many are overdue as form says.
func heatActions(s model.MeasureStats, form actForm) string {
	switch {
	case s.ActionsPending:
		return " counting…"
	case s.Overdue > 0 && form == actCompact:
		return fmt.Sprintf(" %d (%d)", s.OpenActions, s.Overdue)
	case s.Overdue > 0 && form == actWords:
		return fmt.Sprintf(" %d (%d overdue)", s.OpenActions, s.Overdue)
	}
	return fmt.Sprintf(" %d", s.OpenActions)
}

// heatActionsHead is the open-actions column's heading.
func heatActionsHead(form actForm) string {
	switch form {
	case actCompact:
		return " Open (overdue)"
	case actCount:
		return " Open"
	}
	return " Open actions"
}

// heatActionsWidths is the width the open-actions column needs for h in
// each form, heading included.
func heatActionsWidths(h model.Heatmap) [actForms]int {
	var w [actForms]int
	stats := append(heatStats(h), h.Overall)
	for f := range actForms {
		w[f] = ansi.StringWidth(heatActionsHead(f))
		for _, s := range stats {
			w[f] = max(w[f], ansi.StringWidth(heatActions(s, f)))
		}
	}
	return w
}

// heatStats is each measure row's figures.
func heatStats(h model.Heatmap) []model.MeasureStats {
	out := make([]model.MeasureStats, len(h.Rows))
	for i, r := range h.Rows {
		out[i] = r.Stats
	}
	return out
}
