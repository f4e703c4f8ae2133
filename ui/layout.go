package ui

import "wgll/model"

// Fixed sizes and breakpoints of the screen.
const (
	// minWidth and minHeight are the smallest terminal the app draws in.
	minWidth  = 60
	minHeight = 16
	// chromeHeight is the breadcrumb line on top plus the status and help
	// lines at the bottom.
	chromeHeight = 3
	// roomyWidth and roomyHeight are where a shared screen gets wider cells
	// and more spacing, to be read from the back of a room.
	roomyWidth  = 120
	roomyHeight = 36
	// splitWidth is where the statement screen shows its text and its panes
	// side by side.
	splitWidth = 140
)

// Fixed rows of the dialogs and the statement screen.
const (
	// dialogFrame is a dialog's border and padding, each side: the box is
	// dialogW wide and its text dialogW-dialogFrame*2.
	dialogFrame = 2
	// dialogChrome is the rows a scrolling dialog (help, notice, item view)
	// spends on its border, title, blank lines and hint.
	dialogChrome = 6
	// minPaneRows is the least the statement screen keeps for its panes:
	// the tab row and a few list rows.
	minPaneRows = 5
)

// layout is every named size of the screen for a terminal of a given
// size. It is a pure function of the size: nothing is drawn to find a
// size, so a screen and the editor it sizes always agree.
type layout struct {
	width, height int
	// tooSmall is set below minWidth x minHeight: draw only a request to
	// enlarge the window.
	tooSmall bool
	// roomy is set on a large screen.
	roomy bool
	// bodyHeight is the rows between the breadcrumb and the status line.
	bodyHeight int
	// split is set when the statement screen has room for two columns.
	split bool

	// dialogW is a dialog box's outer width and dialogText the width of
	// the text inside it; dialogRows is how many lines of a scrolling
	// dialog fit. A form gives its inputs what dialogText leaves after its
	// widest label.
	dialogW, dialogText, dialogRows int

	// The statement screen: topW x topH holds the statement, its guidance
	// and the scale (the left column when split); paneW x paneH the tab
	// row and the focused pane below or beside it.
	topW, topH, paneW, paneH int
}

// computeLayout is a pure function of the terminal size.
func computeLayout(width, height int) layout {
	l := layout{width: width, height: height}
	if width < minWidth || height < minHeight {
		l.tooSmall = true
		return l
	}
	l.roomy = width >= roomyWidth && height >= roomyHeight
	l.split = width >= splitWidth && height >= roomyHeight-8
	l.bodyHeight = height - chromeHeight

	dw := 76
	if l.roomy {
		dw = 100
	}
	l.dialogW = max(40, min(dw, width-2))
	l.dialogText = l.dialogW - dialogFrame*2
	l.dialogRows = max(1, l.bodyHeight-dialogChrome)

	if l.split {
		l.topW = width * 9 / 20
		l.topH = l.bodyHeight
		l.paneW = width - l.topW - 3
		l.paneH = l.bodyHeight
	} else {
		// A third of the body for the panes leaves the statement, its
		// guidance and the current level's descriptor whole at 80x24.
		l.paneH = max(minPaneRows, l.bodyHeight/3)
		l.topW = width
		l.topH = l.bodyHeight - l.paneH
		l.paneW = width - 2
	}
	return l
}

// heatLayout is the column widths of the heatmap.
type heatLayout struct {
	nameW, cellW, gap int
	// rowGap puts a blank line between measures.
	rowGap bool
	// bench shows the national benchmark column; actW is the open-actions
	// column's width and actForm how it shows its counts (heatActions).
	bench   bool
	actW    int
	actForm actForm
}

// Heatmap columns other than the name and the cells.
const (
	heatMarkW = 2
	heatMeanW = 5
	heatDoneW = 7
	// heatActW is the open-actions column's narrowest width; it widens to
	// its widest figure.
	heatActW = 16
	// heatMinNameW is the narrowest measure-name column worth keeping the
	// benchmark column, or the overdue counts in words, for.
	heatMinNameW = 16
	// heatFixedW is every column but the name, the cells and the actions.
	heatFixedW = heatMarkW + 1 + 1 + heatMeanW + 1 + heatDoneW + 1
)

// computeHeatLayout sizes the heatmap h for width columns and height rows,
// with the benchmark column when bench and there is room for it.
func computeHeatLayout(width, height int, h model.Heatmap, roomy, bench bool) heatLayout {
	hl := heatLayout{cellW: 3, nameW: 12}
	cells, rows := max(h.Width, 1), len(h.Rows)
	if roomy {
		hl.gap = 1
		hl.cellW = 5
	}
	// The open-actions column takes the width of its widest figure, the
	// overdue count in words while the names keep heatMinNameW, then
	// without the word, then (on the narrowest screens) the open count
	// alone; a count is never cut.
	widths := heatActionsWidths(h)
	nameRoom := func(actW int) int { return width - heatFixedW - actW - cells*(hl.cellW+hl.gap) }
	hl.actW = max(heatActW, widths[actWords])
	switch {
	case widths[actWords] <= heatActW || nameRoom(hl.actW) >= heatMinNameW:
	case nameRoom(max(heatActW, widths[actCompact])) >= 10:
		hl.actW, hl.actForm = max(heatActW, widths[actCompact]), actCompact
	default:
		hl.actW, hl.actForm = widths[actCount], actCount
	}
	// The benchmark's room is reckoned without the gaps between cells, as
	// it always was.
	if bench && width-(heatBenchW+1)-heatFixedW-hl.actW-cells*hl.cellW >= heatMinNameW {
		hl.bench = true
		width -= heatBenchW + 1
	}
	avail := width - heatFixedW - hl.actW
	// Give the name what it needs (up to 32), then widen the cells.
	hl.nameW = avail - cells*(hl.cellW+hl.gap)
	if hl.nameW > 32 {
		hl.nameW = 32
	}
	if hl.nameW < 10 {
		// The narrowest screens shorten the names further before a line
		// runs over.
		hl.nameW = max(8, min(10, hl.nameW))
	}
	for roomy && hl.cellW < 9 && hl.nameW+cells*(hl.cellW+2+hl.gap) <= avail {
		hl.cellW += 2
	}
	// Header, rows, overall, a rule and two legend lines.
	hl.rowGap = roomy && height >= 2*rows+8
	return hl
}
