package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// overviewScreen is the open assessment's heatmap: one row per measure.
// Its cursor is the shared position's measure (App.measureIdx).
type overviewScreen struct {
	// show is what the heatmap's cells show: score, target or gap (v).
	show model.HeatmapView
	// The heatmap as show has it and the legend under it, made once per
	// change to the assessment, view or width: a key press must cost the
	// same however much evidence the workbook holds.
	cacheGen, cacheWidth int
	cacheShow            model.HeatmapView
	cacheHeat            model.Heatmap
	cacheLegend          []string
}

func (o *overviewScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case a.move(k, &a.measureIdx, len(a.measures), 3):
		a.stmtIdx = 0
	case key.Matches(k, a.keys.Open):
		a.screen = screenMeasure
		a.stmtIdx = 0
	case key.Matches(k, a.keys.Back):
		a.screen = screenPicker
		return loadHeadersCmd(a.store)
	case key.Matches(k, a.keys.New):
		h := a.a.Header
		return a.startNew(&h)
	case key.Matches(k, a.keys.Compare):
		return groupCmd(a.store, purposeCompare, a.a.Header)
	case key.Matches(k, a.keys.Trend):
		return groupCmd(a.store, purposeTrend, a.a.Header)
	case key.Matches(k, a.keys.Plan):
		return a.readPlan()
	case key.Matches(k, a.keys.HeatView):
		o.show = o.show.Next()
		return a.setStatus("The heatmap shows the "+o.show.String(), false)
	case key.Matches(k, a.keys.SignOff):
		return a.signOffKey()
	}
	return nil
}

// heatTop is the rows above the heatmap's first measure: the title, a
// blank line on a roomy screen, and the column heads.
func (o *overviewScreen) heatTop(a *App) int {
	if a.lay.roomy {
		return 3
	}
	return 2
}

// mouse opens the measure whose row (or cell) was clicked; the wheel moves
// between measures.
func (o *overviewScreen) mouse(a *App, m tea.MouseMsg) tea.Cmd {
	switch m := m.(type) {
	case tea.MouseClickMsg:
		per := 1
		if a.lay.roomy && overviewHeatLayout(a).rowGap {
			per = 2
		}
		row := m.Mouse().Y - 1 - o.heatTop(a)
		if row < 0 || row%per != 0 || row/per >= len(a.measures) {
			return nil
		}
		a.measureIdx = row / per
		a.screen, a.stmtIdx = screenMeasure, 0
		if i, ok := heatCellAt(a, m.Mouse().X); ok {
			a.stmtIdx = i
			a.screen = screenStatement
			a.sc.statement.enter(a)
		}
	case tea.MouseWheelMsg:
		if m.Mouse().Button == tea.MouseWheelUp {
			a.measureIdx = max(0, a.measureIdx-1)
		} else {
			a.measureIdx = min(len(a.measures)-1, a.measureIdx+1)
		}
	}
	return nil
}

// heatCellAt is the statement whose heatmap cell is at column x of the
// current measure's row.
func heatCellAt(a *App, x int) (int, bool) {
	l := overviewHeatLayout(a)
	start := heatMarkW + l.nameW + 1
	if x < start {
		return 0, false
	}
	i := (x - start) / (l.cellW + l.gap)
	m, ok := a.curMeasure()
	if !ok || i >= len(m.Statements) || (x-start)%(l.cellW+l.gap) >= l.cellW {
		return 0, false
	}
	return i, true
}

// overviewHeatLayout is the heatmap's columns as the overview draws them.
func overviewHeatLayout(a *App) heatLayout {
	return computeHeatLayout(a.lay.width, a.lay.bodyHeight-2, a.heat, a.lay.roomy, newBenchColumn(a.bench, a.a) != nil)
}

func (o *overviewScreen) view(a *App) string {
	st := a.styles
	head := "Heatmap for the " + strings.ToLower(a.a.Audience.Title()) + " statements"
	if a.a.Audience == "ics" {
		head = "Heatmap for the ICS statements"
	}
	if a.a.SignOff.Signed() {
		// Early in the line, so a narrow screen never cuts it off.
		head += " · signed off, locked"
	}
	if a.a.CareSetting != "" {
		head += " · care setting " + oneLine(string(a.a.CareSetting))
	}
	head += fmt.Sprintf(" · %d of %d assessed", a.heat.Overall.Assessed, a.heat.Overall.Total)
	lines := []string{st.Title.Render(ansi.Truncate(head, a.lay.width, "…"))}
	if a.lay.roomy {
		lines = append(lines, "")
	}
	if o.cacheGen != a.rowsGen || o.cacheShow != o.show || o.cacheWidth != a.lay.width {
		o.cacheGen, o.cacheShow, o.cacheWidth = a.rowsGen, o.show, a.lay.width
		o.cacheHeat = a.a.ForView(a.heat, o.show)
		o.cacheLegend = staleLegend(a.a, o.show, a.now(), a.lay.width)
	}
	lines = append(lines, heatmapLines(a.a, o.cacheHeat, st, a.lay.width, a.lay.bodyHeight-2, a.measureIdx, a.lay.roomy, newBenchColumn(a.bench, a.a))...)
	if legend := o.cacheLegend; len(lines)+len(legend) <= a.lay.bodyHeight {
		lines = append(lines, legend...)
	}
	return strings.Join(lines, "\n")
}

func (o *overviewScreen) breadcrumb(*App) []string { return nil }

func (o *overviewScreen) keys(a *App) []key.Binding {
	k := a.keys
	if a.readOnly {
		return []key.Binding{k.Open, hint("esc", "ICS view"), k.Plan, k.HeatView, k.Compare, k.Trend, k.Export, k.Help, k.Quit}
	}
	return []key.Binding{k.Open, k.Plan, k.HeatView, k.Compare, k.Trend, hint("n", "new period"), k.Export, k.SignOff, k.Help, k.Quit, k.Undo, hint("esc", "assessments")}
}
