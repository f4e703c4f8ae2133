package ui

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

// layout is the named sizes of the screen for a terminal of a given size.
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
	return l
}

// heatLayout is the column widths of the heatmap.
type heatLayout struct {
	nameW, cellW, gap int
	// rowGap puts a blank line between measures.
	rowGap bool
}

// Heatmap columns other than the name and the cells.
const (
	heatMarkW = 2
	heatMeanW = 5
	heatDoneW = 7
	heatActW  = 14
	// heatMinNameW is the narrowest measure-name column worth keeping the
	// benchmark column for.
	heatMinNameW = 16
	heatFixedW   = heatMarkW + 1 + 1 + heatMeanW + 1 + heatDoneW + 1 + heatActW
)

// computeHeatLayout sizes the heatmap for width columns and height rows,
// with cells statements in the widest row and rows measures.
func computeHeatLayout(width, height, cells, rows int, roomy bool) heatLayout {
	hl := heatLayout{cellW: 3, nameW: 12}
	if cells == 0 {
		cells = 1
	}
	if roomy {
		hl.gap = 1
		hl.cellW = 5
	}
	avail := width - heatFixedW
	// Give the name what it needs (up to 32), then widen the cells.
	hl.nameW = avail - cells*(hl.cellW+hl.gap)
	if hl.nameW > 32 {
		hl.nameW = 32
	}
	if hl.nameW < 10 {
		hl.nameW = 10
	}
	for roomy && hl.cellW < 9 && hl.nameW+cells*(hl.cellW+2+hl.gap) <= avail {
		hl.cellW += 2
	}
	// Header, rows, overall, a rule and two legend lines.
	hl.rowGap = roomy && height >= 2*rows+8
	return hl
}
