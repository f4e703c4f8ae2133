package export

import (
	"fmt"
	"io"
	"time"
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
// (within limits), due, created and updated as real dates, and every text
// cell passed through SafeCell; and a "Summary" sheet with a's per-measure
// figures and the overall line.
//
// Text longer than MaxCellChars is cut, with a note at the end of the cell
// saying so, and one warning per cut cell is returned; the CSV and JSON
// exports keep such text whole. Characters XML cannot hold (NUL and most
// other control characters) are replaced with U+FFFD.
func WriteXLSX(w io.Writer, a *model.Assessment, rows []ActionRow, now time.Time) (warnings []string, err error) {
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
}

func (x *xlsxWriter) styles() error {
	type def struct {
		dst *int
		s   *excelize.Style
	}
	str := func(s string) *string { return &s }
	defs := []def{
		{&x.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&x.date, &excelize.Style{CustomNumFmt: str("yyyy-mm-dd")}},
		{&x.datetime, &excelize.Style{CustomNumFmt: str("yyyy-mm-dd hh:mm")}},
		{&x.pct, &excelize.Style{NumFmt: 9}}, // 0%
		{&x.mean, &excelize.Style{CustomNumFmt: str("0.00")}},
	}
	for _, d := range defs {
		id, err := x.f.NewStyle(d.s)
		if err != nil {
			return fmt.Errorf("write XLSX: make style: %w", err)
		}
		*d.dst = id
	}
	return nil
}

// text writes a guarded, length-checked text cell.
func (x *xlsxWriter) text(sheet string, col, row int, s, what string) error {
	return x.f.SetCellStr(sheet, cellName(col, row), x.checked(sheet, col, row, s, what))
}

// checked is s guarded and, when longer than a cell holds, cut with a
// warning naming the cell.
func (x *xlsxWriter) checked(sheet string, col, row int, s, what string) string {
	s = SafeCell(s)
	if n := utf16Len(s); n > MaxCellChars {
		s = cutCell(s, n)
		x.warnings = append(x.warnings, fmt.Sprintf(
			"XLSX: %s is %d characters, more than the %d an Excel cell holds; it was cut in sheet %s cell %s (the CSV and JSON exports keep it whole)",
			what, n, MaxCellChars, sheet, cellName(col, row)))
	}
	return s
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

// actions writes the Actions sheet through excelize's StreamWriter, which
// writes each row out as it goes (to a temporary file past a few MB), so
// memory stays bounded however many actions there are: 100,000 actions
// took about 1 GB with the cell-by-cell API. The stream needs the column
// widths, panes and filter before the rows, so widths are measured first.
func (x *xlsxWriter) actions(rows []ActionRow) error {
	const sh = actionsSheet
	widths := make([]int, len(actionHeaders))
	for i, h := range actionHeaders {
		widths[i] = utf8.RuneCountInString(h) + 3 // room for the filter button
	}
	for _, r := range rows {
		for ci, s := range r.textCells() {
			widths[ci] = max(widths[ci], longestLine(s))
		}
	}
	sw, err := x.f.NewStreamWriter(sh)
	if err != nil {
		return fmt.Errorf("write XLSX: start the actions sheet: %w", err)
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(w, 8), 60))+1); err != nil {
			return fmt.Errorf("write XLSX: set column width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write XLSX: freeze header: %w", err)
	}
	head := make([]any, len(actionHeaders))
	for i, h := range actionHeaders {
		head[i] = excelize.Cell{StyleID: x.header, Value: x.checked(sh, i+1, 1, h, "header "+h)}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("write XLSX: header row: %w", err)
	}
	cells := make([]any, len(actionHeaders))
	for ri, r := range rows {
		row := ri + 2
		text := r.textCells()
		what := func(field string) string { return fmt.Sprintf("the %s of action %d", field, r.ActionID) }
		clear(cells)
		cells[0] = r.ActionID
		for _, c := range []struct {
			col   int
			field string
		}{{2, "assessment"}, {3, "measure"}, {4, "statement id"}, {5, "statement"}, {6, "title"}, {7, "owner"}, {9, "status"}, {10, "priority"}} {
			cells[c.col-1] = x.checked(sh, c.col, row, text[c.col-1], what(c.field))
		}
		for _, c := range []struct {
			col int
			t   time.Time
		}{{8, r.Due}, {11, r.Created}, {12, r.Updated}} {
			if c.t.IsZero() {
				continue
			}
			style := x.datetime
			if c.col == 8 {
				style = x.date
			}
			// Excel has no time zones: write the UTC wall clock.
			cells[c.col-1] = excelize.Cell{StyleID: style, Value: wallClock(c.t)}
		}
		cells[12] = r.DaysOverdue
		if err := sw.SetRow(cellName(1, row), cells); err != nil {
			return fmt.Errorf("write XLSX: row %d: %w", row, err)
		}
	}
	// The stream has no plain autofilter; an unstyled table over the rows
	// gives the same filter buttons on the header.
	stripes := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + cellName(len(actionHeaders), len(rows)+1), Name: "Actions", ShowRowStripes: &stripes}); err != nil {
		return fmt.Errorf("write XLSX: add filter: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write XLSX: finish the actions sheet: %w", err)
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
		if err := x.text(sh, i+1, 1, h, "header "+h); err != nil {
			return err
		}
	}
	stats := a.AllStats(now)
	lines := append(stats, model.Overall(stats))
	for i, st := range lines {
		row := i + 2
		if err := x.text(sh, 1, row, st.Key, "measure key"); err != nil {
			return err
		}
		if err := x.text(sh, 2, row, st.Name, "measure name"); err != nil {
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
			if err := x.set(sh, 6, row, st.Mean, x.mean); err != nil {
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
	for i, kv := range info {
		if err := x.text(sh, 1, base+i, kv[0], "label"); err != nil {
			return err
		}
		if err := x.text(sh, 2, base+i, kv[1], "the "+kv[0]); err != nil {
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
	nameWidth := 12
	for _, st := range stats {
		nameWidth = max(nameWidth, utf8.RuneCountInString(st.Name))
	}
	for i, h := range summaryHeaders {
		w := utf8.RuneCountInString(h) + 2
		if i == 1 {
			w = min(nameWidth, 50) + 2
		}
		col := colName(i + 1)
		if err := x.f.SetColWidth(sh, col, col, float64(w)); err != nil {
			return fmt.Errorf("write XLSX: set column width: %w", err)
		}
	}
	return nil
}

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
