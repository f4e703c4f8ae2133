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
	lines := heatmapLines(a, h, st, width, 0, -1, width >= roomyWidth)
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n")
	return b.String()
}

// heatmapLines draws the heatmap grid and legend as lines at most width
// wide, highlighting row cursor (-1 for none). height is the rows available
// (0 for as many as needed).
func heatmapLines(a *model.Assessment, h model.Heatmap, st Styles, width, height, cursor int, roomy bool) []string {
	hl := computeHeatLayout(width, height, h.Width, len(h.Rows), roomy)
	cellsW := h.Width * (hl.cellW + hl.gap)
	var lines []string
	pad := func(s string, w int) string { return padRight(ansi.Truncate(s, w, "…"), w) }
	head := strings.Repeat(" ", heatMarkW) + pad("Measure", hl.nameW) + " " + pad("Statements", cellsW) + " " +
		padLeft("Mean", heatMeanW) + " " + padLeft("Done", heatDoneW) + " " + pad(" Open actions", heatActW)
	lines = append(lines, st.Label.Render(head))
	summary := func(s model.MeasureStats) string {
		mean := "–"
		if s.HasMean() {
			mean = fmt.Sprintf("%.1f", s.Mean)
		}
		act := fmt.Sprintf(" %d", s.OpenActions)
		if s.Overdue > 0 {
			act += fmt.Sprintf(" (%d late)", s.Overdue)
		}
		return padLeft(mean, heatMeanW) + " " + padLeft(fmt.Sprintf("%d/%d", s.Assessed, s.Total), heatDoneW) + " " + pad(act, heatActW)
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
			cells.WriteString(st.cellStyle(int(c.Score)).Render(center(c.Score.String(), hl.cellW)))
			cells.WriteString(strings.Repeat(" ", hl.gap))
		}
		cellStr := cells.String() + strings.Repeat(" ", cellsW-len(row.Cells)*(hl.cellW+hl.gap))
		line := mark + name + " " + cellStr + " " + summary(row.Stats)
		if row.Stats.Overdue > 0 {
			line = mark + name + " " + cellStr + " " + st.Overdue.Render(summary(row.Stats))
		}
		lines = append(lines, line)
		if hl.rowGap {
			lines = append(lines, "")
		}
	}
	lines = append(lines, strings.Repeat(" ", heatMarkW)+st.Subtle.Render(strings.Repeat("─", min(width-heatMarkW, hl.nameW+1+cellsW+1+heatMeanW+1+heatDoneW+1+heatActW))))
	lines = append(lines, strings.Repeat(" ", heatMarkW)+st.Label.Render(pad("Overall", hl.nameW))+" "+strings.Repeat(" ", cellsW)+" "+summary(h.Overall))
	lines = append(lines, "")
	lines = append(lines, legendLines(a, st, width)...)
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
