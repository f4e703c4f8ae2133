package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"wgll/model"
)

// MaxCellChars is the most characters (UTF-16 code units) an Excel cell
// holds. excelize cuts longer text without a word, so WriteXLSX cuts it
// itself, marks the cell and returns a warning.
const MaxCellChars = excelize.TotalCellChars

const (
	actionsSheet = "Actions"
	summarySheet = "Summary"
)

// WriteXLSX writes rows as an Excel workbook: an "Actions" sheet with a
// bold, frozen header row, an autofilter, column widths fitted to the text
// (within limits) and long columns wrapped, due, created and updated as
// real dates; and a "Summary" sheet with a's per-measure figures and the
// overall line. Both sheets print on A4 landscape, one page wide, with the
// header row repeated on every page and the sheet name and page number in
// the footer.
//
// Text that a spreadsheet would run as a formula (it starts with = + - @,
// tab, CR or NUL) is written as a string cell with the quotePrefix cell
// attribute, which is how Excel itself marks text typed with a leading
// apostrophe: it shows and exports the text exactly as typed, with no
// visible apostrophe, and never evaluates it. (The CSV, which has no cell
// attributes, keeps its apostrophe: see SafeCell.)
//
// Text longer than MaxCellChars is cut, with a note at the end of the cell
// saying so, and one warning per cut cell is returned; the CSV and JSON
// exports keep such text whole. Characters XML cannot hold (NUL and most
// other control characters) are replaced with U+FFFD.
func WriteXLSX(w io.Writer, a *model.Assessment, rows []ActionRow, now time.Time) (warnings []string, err error) {
	return writeXLSX(w, a, SliceRows(rows), now)
}

// writeXLSX is WriteXLSX for rows as they are read, in two passes: the
// first (in any order) measures the column widths and counts the rows,
// which a stream must be given before its first row, and the second
// writes them. The Summary sheet's figures come from a, which may be a
// summary (data.Store.ExportActions): counts, not the items themselves.
func writeXLSX(w io.Writer, a *model.Assessment, rows RowSource, now time.Time) (warnings []string, err error) {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f}
	if err := f.SetSheetName("Sheet1", actionsSheet); err != nil {
		return nil, fmt.Errorf("write XLSX: name sheet: %w", err)
	}
	if err := x.styles(); err != nil {
		return nil, err
	}
	if err := x.actions(rows); err != nil {
		return nil, err
	}
	if err := x.summary(a, now); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return nil, fmt.Errorf("write XLSX: %w", err)
	}
	return x.warnings, nil
}

type xlsxWriter struct {
	f                                 *excelize.File
	warnings                          []string
	header, date, datetime, pct, mean int
	// top and wrap are the body text styles (wrap for long columns);
	// guarded maps each to its quotePrefix twin.
	top, wrap int
	guarded   map[int]int
}

func (x *xlsxWriter) styles() error {
	type def struct {
		dst *int
		s   *excelize.Style
	}
	str := func(s string) *string { return &s }
	top := &excelize.Alignment{Vertical: "top"}
	// Thin light borders on every written cell (and none beyond), so rows
	// of wrapped text stay apart on paper.
	var border []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		border = append(border, excelize.Border{Type: side, Color: "BBBBBB", Style: 1})
	}
	defs := []def{
		{&x.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEEEEE"}}}},
		{&x.date, &excelize.Style{CustomNumFmt: str("yyyy-mm-dd"), Alignment: top, Border: border}},
		{&x.datetime, &excelize.Style{CustomNumFmt: str("yyyy-mm-dd hh:mm"), Alignment: top, Border: border}},
		{&x.pct, &excelize.Style{NumFmt: 9, Alignment: top, Border: border}}, // 0%
		// Means with model.MeanDecimals, as every other export shows them.
		{&x.mean, &excelize.Style{CustomNumFmt: str("0." + strings.Repeat("0", model.MeanDecimals)), Alignment: top, Border: border}},
		{&x.top, &excelize.Style{Alignment: top, Border: border}},
		{&x.wrap, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border}},
	}
	for _, d := range defs {
		id, err := x.f.NewStyle(d.s)
		if err != nil {
			return fmt.Errorf("write XLSX: make style: %w", err)
		}
		*d.dst = id
	}
	x.guarded = map[int]int{}
	for _, base := range []int{x.top, x.wrap, x.header} {
		id, err := x.quotePrefixed(base)
		if err != nil {
			return err
		}
		x.guarded[base] = id
	}
	return nil
}

// quotePrefixed adds a copy of cell style base with the quotePrefix
// attribute set and returns its id. excelize has no option for the
// attribute, so the copy is appended to the workbook's cell formats
// directly; NewStyle would hand back base itself for an equal style.
func (x *xlsxWriter) quotePrefixed(base int) (int, error) {
	ss := x.f.Styles
	if ss == nil || ss.CellXfs == nil || base < 0 || base >= len(ss.CellXfs.Xf) {
		return 0, fmt.Errorf("write XLSX: cell style %d not found", base)
	}
	xf := ss.CellXfs.Xf[base]
	on := true
	xf.QuotePrefix = &on
	ss.CellXfs.Xf = append(ss.CellXfs.Xf, xf)
	ss.CellXfs.Count = len(ss.CellXfs.Xf)
	return len(ss.CellXfs.Xf) - 1, nil
}

// formulaTrigger reports whether text starting with s would be run as a
// formula by a spreadsheet (see SafeCell).
func formulaTrigger(s string) bool { return SafeCell(s) != s }

// text writes a length-checked string cell. The cell keeps the style its
// column gave it (x.top or x.wrap, see colStyles), except that text
// starting with a formula trigger gets that style's quotePrefix twin, so it
// is kept as typed and never run.
func (x *xlsxWriter) text(sheet string, col, row int, s, what string, base int) error {
	style := 0
	if formulaTrigger(s) {
		if style = x.guarded[base]; style == 0 {
			style = x.guarded[x.top]
		}
	}
	if n := utf16Len(s); n > MaxCellChars {
		s = cutCell(s, n)
		x.warnings = append(x.warnings, fmt.Sprintf(
			"XLSX: %s is %d characters, more than the %d an Excel cell holds; it was cut in sheet %s cell %s (the CSV and JSON exports keep it whole)",
			what, n, MaxCellChars, sheet, cellName(col, row)))
	}
	c := cellName(col, row)
	if err := x.f.SetCellStr(sheet, c, s); err != nil {
		return fmt.Errorf("write XLSX: set %s!%s: %w", sheet, c, err)
	}
	if style != 0 {
		if err := x.f.SetCellStyle(sheet, c, c, style); err != nil {
			return fmt.Errorf("write XLSX: style %s!%s: %w", sheet, c, err)
		}
	}
	return nil
}

func (x *xlsxWriter) set(sheet string, col, row int, v any, style int) error {
	c := cellName(col, row)
	if err := x.f.SetCellValue(sheet, c, v); err != nil {
		return fmt.Errorf("write XLSX: set %s!%s: %w", sheet, c, err)
	}
	if style != 0 {
		if err := x.f.SetCellStyle(sheet, c, c, style); err != nil {
			return fmt.Errorf("write XLSX: style %s!%s: %w", sheet, c, err)
		}
	}
	return nil
}

func (x *xlsxWriter) actions(rows RowSource) error {
	const sh = actionsSheet
	// The sheet is written through excelize's StreamWriter, which writes
	// each row out as it goes (to a temporary file past 16 MB), so memory
	// does not hold a cell structure per value: 100,000 actions took 1.5 GB
	// cell by cell. A stream takes widths, panes, filter and page setup
	// before its rows, so widths are measured in a first pass.
	widths := make([]int, len(actionHeaders))
	for i, h := range actionHeaders {
		// Room for the filter button beside the longest header word.
		for _, w := range strings.Fields(h) {
			widths[i] = max(widths[i], utf8.RuneCountInString(w)+3)
		}
	}
	n := 0
	for r, err := range rows(false) {
		if err != nil {
			return err
		}
		for ci, s := range r.textCells() {
			widths[ci] = max(widths[ci], longestLine(s))
		}
		n++
	}
	colW := make([]int, len(widths))
	for i, w := range widths {
		limit := 60
		if l, ok := actionWrap[i+1]; ok {
			limit = l
		}
		colW[i] = min(max(w, 8), limit) + 1
	}
	if err := x.f.AutoFilter(sh, "A1:"+cellName(len(actionHeaders), n+1), nil); err != nil {
		return fmt.Errorf("write XLSX: add filter: %w", err)
	}
	if err := x.printSetup(sh); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(sh)
	if err != nil {
		return fmt.Errorf("write XLSX: start the actions sheet: %w", err)
	}
	for i, w := range colW {
		if err := sw.SetColWidth(i+1, i+1, float64(w)); err != nil {
			return fmt.Errorf("write XLSX: set column width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write XLSX: freeze header: %w", err)
	}
	cells := make([]any, len(actionHeaders))
	for i, h := range actionHeaders {
		cells[i] = x.streamText(sh, i+1, 1, h, "header "+h, x.header, x.header)
	}
	// Spreadsheets do not grow a row to fit wrapped text written by a
	// program, so each row is given the height its longest cell needs.
	if err := sw.SetRow("A1", cells, x.rowOpts(actionHeaders, colW, actionWrap, true)...); err != nil {
		return fmt.Errorf("write XLSX: header row: %w", err)
	}
	row := 1
	for r, err := range rows(true) {
		if err != nil {
			return err
		}
		row++
		text := r.textCells()
		clear(cells)
		cells[0] = excelize.Cell{StyleID: x.top, Value: r.ActionID}
		for _, c := range []struct {
			col   int
			field string
		}{{2, "assessment"}, {3, "measure"}, {4, "statement id"}, {5, "statement"}, {6, "title"}, {7, "owner"}, {9, "status"}, {10, "priority"}} {
			base := x.colBase(c.col, actionWrap)
			cells[c.col-1] = x.streamText(sh, c.col, row, text[c.col-1], c.field+" of action "+strconv.FormatInt(r.ActionID, 10), base, base)
		}
		for _, c := range []struct {
			col int
			t   time.Time
		}{{8, r.Due}, {11, r.Created}, {12, r.Updated}} {
			if c.t.IsZero() {
				cells[c.col-1] = excelize.Cell{StyleID: x.colBase(c.col, actionWrap)}
				continue
			}
			style := x.datetime
			if c.col == 8 {
				style = x.date
			}
			// Excel has no time zones: write the UTC wall clock.
			cells[c.col-1] = excelize.Cell{StyleID: style, Value: wallClock(c.t)}
		}
		cells[12] = excelize.Cell{StyleID: x.colBase(13, actionWrap), Value: r.DaysOverdue}
		if err := sw.SetRow(cellName(1, row), cells, x.rowOpts(text, colW, actionWrap, false)...); err != nil {
			return fmt.Errorf("write XLSX: row %d: %w", row, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write XLSX: finish the actions sheet: %w", err)
	}
	return nil
}

// streamText is text for a streamed cell: length-checked as text does, in
// style (its formula-guarded twin, from base, when it starts with a
// formula trigger).
func (x *xlsxWriter) streamText(sheet string, col, row int, s, what string, style, base int) excelize.Cell {
	if formulaTrigger(s) {
		if style = x.guarded[base]; style == 0 {
			style = x.guarded[x.top]
		}
	}
	if n := utf16Len(s); n > MaxCellChars {
		s = cutCell(s, n)
		x.warnings = append(x.warnings, fmt.Sprintf(
			"XLSX: the %s is %d characters, more than the %d an Excel cell holds; it was cut in sheet %s cell %s (the CSV and JSON exports keep it whole)",
			what, n, MaxCellChars, sheet, cellName(col, row)))
	}
	return excelize.Cell{StyleID: style, Value: s}
}

// rowOpts is the height a streamed row needs, as rowHeight sets it.
func (x *xlsxWriter) rowOpts(cells []string, widths []int, wrap map[int]int, header bool) []excelize.RowOpts {
	lines := 1
	for i, c := range cells {
		if i >= len(widths) {
			break
		}
		if _, wraps := wrap[i+1]; !wraps && !header {
			continue
		}
		lines = max(lines, wrappedLines(c, widths[i]-1))
	}
	if lines == 1 {
		return nil
	}
	return []excelize.RowOpts{{Height: min(409, float64(lines)*xlsxLineHeight)}}
}

// xlsxLineHeight is the height of one line of text in the default font,
// in points.
const xlsxLineHeight = 15.0

// rowHeight sets the height of row to fit cells wrapped in columns of the
// given widths (in characters); header rows wrap every column.
func (x *xlsxWriter) rowHeight(sheet string, row int, cells []string, widths []int, wrap map[int]int, header bool) error {
	lines := 1
	for i, c := range cells {
		if i >= len(widths) {
			break
		}
		if _, wraps := wrap[i+1]; !wraps && !header {
			continue
		}
		lines = max(lines, wrappedLines(c, widths[i]-1))
	}
	if lines == 1 {
		return nil
	}
	if err := x.f.SetRowHeight(sheet, row, min(409, float64(lines)*xlsxLineHeight)); err != nil {
		return fmt.Errorf("write XLSX: row %d height: %w", row, err)
	}
	return nil
}

// wrappedLines counts the lines s takes wrapped at spaces to width
// characters, as a spreadsheet lays it out (roughly: characters are not
// all one width, so it errs a little high).
func wrappedLines(s string, width int) int {
	width = max(width, 1)
	// Lines, then words, as strings.Split and strings.Fields would cut
	// them, without making either list: this runs for five cells of every
	// row.
	n := 0
	for {
		para, rest, more := strings.Cut(s, "\n")
		n++
		used := 0
		for para != "" {
			i := strings.IndexFunc(para, unicode.IsSpace)
			if i == 0 {
				_, size := utf8.DecodeRuneInString(para)
				para = para[size:]
				continue
			}
			w := para
			if i > 0 {
				w, para = para[:i], para[i:]
			} else {
				para = ""
			}
			k := utf8.RuneCountInString(w)
			switch {
			case used == 0:
				used = k
			case used+1+k <= width:
				used += 1 + k
			default:
				n++
				used = k
			}
			for used > width {
				n++
				used -= width
			}
		}
		if !more {
			return n
		}
		s = rest
	}
}

// actionWrap lists the Actions sheet's long text columns (1-based) and
// the widest each may be, in characters: they wrap, so the sheet fits one
// landscape page wide at a readable scale.
var actionWrap = map[int]int{2: 24, 3: 18, 5: 36, 6: 36, 7: 18}

// colBase is the body style of column col: x.wrap for long columns.
func (x *xlsxWriter) colBase(col int, wrap map[int]int) int {
	if _, ok := wrap[col]; ok {
		return x.wrap
	}
	return x.top
}

// colStyles gives the cells of rows first to last of each of the n
// columns their body style before any value is written (a value keeps its
// cell's style). One range per column is far cheaper than a call per cell,
// and unlike a column style it leaves the empty rows below unstyled.
func (x *xlsxWriter) colStyles(sheet string, n, first, last int, wrap map[int]int) error {
	if last < first {
		return nil
	}
	for c := 1; c <= n; c++ {
		if err := x.f.SetCellStyle(sheet, cellName(c, first), cellName(c, last), x.colBase(c, wrap)); err != nil {
			return fmt.Errorf("write XLSX: style column %s: %w", colName(c), err)
		}
	}
	return nil
}

// printSetup makes sheet print as a board paper expects: A4 landscape,
// one page wide (as many pages tall as it needs), narrow margins, the
// header row repeated at the top of every page, and the sheet name and
// "Page N of M" in the footer.
func (x *xlsxWriter) printSetup(sheet string) error {
	a4, landscape, one, any := 9, "landscape", 1, 0
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return fmt.Errorf("write XLSX: page layout of %s: %w", sheet, err)
	}
	fit := true
	if err := x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("write XLSX: fit %s to the page: %w", sheet, err)
	}
	m, edge := 0.4, 0.3 // inches
	if err := x.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m, Header: &edge, Footer: &edge}); err != nil {
		return fmt.Errorf("write XLSX: margins of %s: %w", sheet, err)
	}
	if err := x.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&A&RPage &P of &N"}); err != nil {
		return fmt.Errorf("write XLSX: footer of %s: %w", sheet, err)
	}
	if err := x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet}); err != nil {
		return fmt.Errorf("write XLSX: repeat the header row of %s: %w", sheet, err)
	}
	return nil
}

// summaryHeaders are the columns of the Summary sheet.
var summaryHeaders = []string{"Measure key", "Measure", "Statements", "Assessed", "Share assessed", "Mean score", "Evidence", "Open actions", "Overdue actions"}

func (x *xlsxWriter) summary(a *model.Assessment, now time.Time) error {
	const sh = summarySheet
	if _, err := x.f.NewSheet(sh); err != nil {
		return fmt.Errorf("write XLSX: add sheet: %w", err)
	}
	for i, h := range summaryHeaders {
		if err := x.text(sh, i+1, 1, h, "header "+h, x.header); err != nil {
			return err
		}
	}
	stats := a.AllStats(now)
	lines := append(stats, model.Overall(stats))
	if err := x.colStyles(sh, len(summaryHeaders), 2, len(lines)+1, summaryWrap); err != nil {
		return err
	}
	for i, st := range lines {
		row := i + 2
		if err := x.text(sh, 1, row, st.Key, "measure key", x.top); err != nil {
			return err
		}
		if err := x.text(sh, 2, row, st.Name, "measure name", x.wrap); err != nil {
			return err
		}
		for _, c := range [][2]int{{3, st.Total}, {4, st.Assessed}, {7, st.Evidence}, {8, st.OpenActions}, {9, st.Overdue}} {
			if err := x.set(sh, c[0], row, c[1], 0); err != nil {
				return err
			}
		}
		if err := x.set(sh, 5, row, st.Share(), x.pct); err != nil {
			return err
		}
		if st.HasMean() {
			// The figure shown, so that sums and differences worked out in
			// the sheet match the other exports (model.MeanChange).
			shown, _ := strconv.ParseFloat(model.FormatMean(st.Mean), 64)
			if err := x.set(sh, 6, row, shown, x.mean); err != nil {
				return err
			}
		}
	}
	// A few facts under the table say whose figures these are.
	info := [][2]string{
		{"Organisation", a.Organisation},
		{"Audience", a.Audience.Title()},
		{"Period", a.Period},
		{"Exported", model.FormatDate(now)},
	}
	base := len(lines) + 3
	if err := x.colStyles(sh, 2, base, base+len(info)-1, summaryWrap); err != nil {
		return err
	}
	for i, kv := range info {
		if err := x.text(sh, 1, base+i, kv[0], "label", x.header); err != nil {
			return err
		}
		if err := x.text(sh, 2, base+i, kv[1], "the "+kv[0], x.wrap); err != nil {
			return err
		}
	}
	if err := x.f.SetCellStyle(sh, "A1", cellName(len(summaryHeaders), 1), x.header); err != nil {
		return fmt.Errorf("write XLSX: style header: %w", err)
	}
	if err := x.f.SetCellStyle(sh, cellName(1, base), cellName(1, base+len(info)-1), x.header); err != nil {
		return fmt.Errorf("write XLSX: style labels: %w", err)
	}
	if err := x.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write XLSX: freeze header: %w", err)
	}
	keyWidth, nameWidth := utf8.RuneCountInString("Organisation"), 12
	for _, st := range lines {
		keyWidth = max(keyWidth, utf8.RuneCountInString(st.Key))
		nameWidth = max(nameWidth, utf8.RuneCountInString(st.Name))
	}
	widths := make([]int, len(summaryHeaders))
	for i, h := range summaryHeaders {
		for _, word := range strings.Fields(h) {
			widths[i] = max(widths[i], utf8.RuneCountInString(word)+2)
		}
		switch i {
		case 0:
			widths[i] = min(keyWidth, 30) + 2
		case 1:
			widths[i] = min(nameWidth, 40) + 2
		}
		col := colName(i + 1)
		if err := x.f.SetColWidth(sh, col, col, float64(widths[i])); err != nil {
			return fmt.Errorf("write XLSX: set column width: %w", err)
		}
	}
	if err := x.rowHeight(sh, 1, summaryHeaders, widths, summaryWrap, true); err != nil {
		return err
	}
	for i, st := range lines {
		if err := x.rowHeight(sh, i+2, []string{st.Key, st.Name}, widths, summaryWrap, false); err != nil {
			return err
		}
	}
	for i, kv := range info {
		if err := x.rowHeight(sh, base+i, []string{kv[0], kv[1]}, widths, summaryWrap, false); err != nil {
			return err
		}
	}
	return x.printSetup(sh)
}

// summaryWrap lists the Summary sheet's wrapped column, the measure name.
var summaryWrap = map[int]int{2: 40}

// cutCell shortens s (of n UTF-16 units) to fit a cell, ending it with a
// note that says how long the full text is.
func cutCell(s string, n int) string {
	note := fmt.Sprintf(" … [cut: the full text has %d characters]", n)
	room := MaxCellChars - utf16Len(note)
	used := 0
	for i, r := range s {
		k := utf16.RuneLen(r)
		if k < 0 {
			k = 1
		}
		if used+k > room {
			return s[:i] + note
		}
		used += k
	}
	return s + note
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if k := utf16.RuneLen(r); k > 0 {
			n += k
		} else {
			n++
		}
	}
	return n
}

func longestLine(s string) int {
	n, longest := 0, 0
	for _, r := range s {
		if r == '\n' {
			n = 0
			continue
		}
		n++
		longest = max(longest, n)
	}
	return longest
}

// wallClock is t's UTC date and time in a zone-less time, which excelize
// turns into an Excel serial date.
func wallClock(t time.Time) time.Time {
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, time.UTC)
}

func cellName(col, row int) string {
	return fmt.Sprintf("%s%d", colName(col), row)
}

func colName(col int) string {
	name := ""
	for col > 0 {
		col--
		name = string(rune('A'+col%26)) + name
		col /= 26
	}
	return name
}
