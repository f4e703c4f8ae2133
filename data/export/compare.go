package export

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"wgll/model"
)

// This file writes the compare and trend screens' contents as files: what
// moved between two assessments (model.Compare) and each measure's mean
// over an organisation's periods (model.Trend), as plain text, Markdown,
// HTML and PDF. Every format is made from one view, so they say the same.

// compareView is a comparison laid out once for every format.
type compareView struct {
	Title    string
	From, To string
	Date     string
	// Rows are the measures, then each period's own overall figure, then
	// the like-for-like overall (the only overall with a change).
	Rows []compareRow
	// Like says how the overall moved like for like; LikeNote how many
	// statements that is over and which are left out.
	Like     string
	LikeNote string
	Sections []compareSection
	Summary  string
	// at is when it was written, for the PDF's dates.
	at time.Time
}

type compareRow struct {
	Name string
	// Kind is "measure", "overall" or "like".
	Kind                                 string
	From, To, Change                     string
	Improved, Regressed, First, Unscored string
}

// compareSection is a titled list of statements or actions.
type compareSection struct {
	Title string
	Lines []compareLine
}

type compareLine struct {
	ID, Score, Text string
}

func newCompareView(c model.Comparison, now time.Time) *compareView {
	v := &compareView{
		Title: fmt.Sprintf("%s (%s): %s compared with %s", c.To.Organisation, c.To.Audience.Title(), c.To.Period, c.From.Period),
		From:  c.From.Period, To: c.To.Period, Date: now.Format(longDate), at: now,
	}
	for _, m := range c.Measures {
		row := compareRow{Name: m.Name, Kind: "measure", From: meanText(m.From), To: meanText(m.To),
			Improved: fmt.Sprint(len(m.Improved)), Regressed: fmt.Sprint(len(m.Regressed)),
			First: fmt.Sprint(len(m.NewlyAssessed)), Unscored: fmt.Sprint(len(m.StillUnassessed))}
		if d, ok := m.ShownDelta(model.MeanDecimals); ok {
			row.Change = model.FormatChange(d)
		}
		v.Rows = append(v.Rows, row)
	}
	v.Rows = append(v.Rows, compareRow{Name: "Overall, all scores", Kind: "overall", From: meanText(c.OverallFrom), To: meanText(c.OverallTo)})
	like := compareRow{Name: fmt.Sprintf("Overall, like for like (%d %s)", c.Like.Statements, plural(c.Like.Statements, "statement", "statements")), Kind: "like", From: "–", To: "–"}
	if d, ok := c.Like.Change(); ok {
		like.From, like.To, like.Change = model.FormatMean(c.Like.From.Mean), model.FormatMean(c.Like.To.Mean), model.FormatChange(d)
	}
	v.Rows = append(v.Rows, like)
	v.Like = c.Like.Sentence(c.From.Period, c.To.Period)
	v.LikeNote = "Each period's own overall is the mean of its measure means over all its scores, as its board report shows it; " +
		"the two are not comparable when different statements were scored. The like-for-like overall uses only the statements scored in both periods, so its change is the one to read."
	stmts := func(list []model.StatementChange, both bool) []compareLine {
		out := make([]compareLine, len(list))
		for i, s := range list {
			sc := s.To.String()
			if both {
				sc = s.From.String() + "→" + s.To.String()
			}
			out[i] = compareLine{ID: s.StatementID, Score: sc, Text: s.Text}
			if n := s.MarkNote(); n != "" {
				// A statement mapped from another framework's wording.
				out[i].Text += " (" + n + "; not like for like)"
			}
		}
		return out
	}
	acts := func(list []model.ActionChange) []compareLine {
		out := make([]compareLine, len(list))
		for i, a := range list {
			t := a.To.Title
			if a.To.Owner != "" {
				t += " (" + a.To.Owner + ")"
			}
			out[i] = compareLine{ID: a.To.StatementID, Text: t}
		}
		return out
	}
	refs := func(list []model.StatementRef) []compareLine {
		out := make([]compareLine, len(list))
		for i, r := range list {
			out[i] = compareLine{ID: r.StatementID, Score: r.Score.String(),
				Text: fmt.Sprintf("%s (%d evidence, %d open actions)", r.Text, r.Evidence, r.LiveActions)}
		}
		return out
	}
	var unmatched []compareLine
	for _, u := range c.Like.Unmatched {
		where := "scored in " + u.Period + " only"
		if u.NotInCriteria {
			where = "only in " + u.Period + "'s criteria"
		}
		if u.Reworded {
			where = "reworded between the periods, not like for like"
		}
		unmatched = append(unmatched, compareLine{ID: u.StatementID, Score: u.Score.String(), Text: u.Text + " (" + where + ")"})
	}
	for _, s := range []compareSection{
		{"Regressed", stmts(c.Regressed(), true)},
		{"Improved", stmts(c.Improved(), true)},
		{"Scored for the first time", stmts(c.NewlyAssessed(), false)},
		{"Scored last time, not now", stmts(c.NoLongerScored(), true)},
		{"Left out of the like-for-like overall", unmatched},
		{"Actions completed", acts(c.Closed)},
		{"Actions dropped", acts(c.Dropped)},
		{"Not comparable: only in " + c.To.Period + "'s criteria", refs(c.Added)},
		{"Not comparable: only in " + c.From.Period + "'s criteria", refs(c.Retired)},
	} {
		if len(s.Lines) > 0 {
			v.Sections = append(v.Sections, s)
		}
	}
	v.Summary = c.Summary()
	return v
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

var compareHead = []string{"Measure", "", "", "Change", "Improved", "Regressed", "First scored", "Still unassessed"}

func (v *compareView) head() []string {
	h := append([]string(nil), compareHead...)
	h[1], h[2] = v.From, v.To
	return h
}

func (r compareRow) cells() []string {
	return []string{r.Name, r.From, r.To, r.Change, r.Improved, r.Regressed, r.First, r.Unscored}
}

// writeCompare writes c in format (text, md, html or pdf).
func writeCompare(w io.Writer, format string, c model.Comparison, now time.Time) error {
	v := newCompareView(c, now)
	switch format {
	case "text":
		return v.text(w)
	case "md":
		return v.markdown(w)
	case "html":
		return execHTML(w, compareTemplate(), v, "compare")
	case "pdf":
		return writeComparePDF(w, v)
	}
	return fmt.Errorf("export compare: unknown format %q", format)
}

// oneLine makes user text safe for a terminal line: control characters
// (escape sequences included) become spaces, runs of space one space.
func oneLine(s string) string { return plain(s, 1<<30) }

// textTable writes rows as aligned plain-text columns; columns after the
// first are right-aligned, as numbers are.
func textTable(w *bufio.Writer, rows [][]string) {
	widths := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
}

func (v *compareView) text(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(oneLine(v.Title) + "\n\n")
	rows := [][]string{oneLines(v.head())}
	for _, r := range v.Rows {
		rows = append(rows, oneLines(r.cells()))
	}
	textTable(bw, rows)
	if v.Like != "" {
		bw.WriteString("\n" + oneLine(v.Like) + "\n")
	}
	for _, s := range v.Sections {
		bw.WriteString("\n" + oneLine(s.Title) + ":\n")
		for _, l := range s.Lines {
			fmt.Fprintf(bw, "  %-8s %-5s %s\n", oneLine(l.ID), l.Score, oneLine(l.Text))
		}
	}
	fmt.Fprintf(bw, "\nSummary:\n%s\n", oneLine(v.Summary))
	return flush(bw, "compare")
}

func oneLines(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = oneLine(c)
	}
	return out
}

func flush(bw *bufio.Writer, what string) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

func (v *compareView) markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", mdLine(v.Title))
	fmt.Fprintf(bw, "Written %s.\n\n", v.Date)
	var rows [][]string
	for _, r := range v.Rows {
		cells := r.cells()
		for i := range cells {
			cells[i] = mdCell(cells[i])
		}
		if r.Kind != "measure" {
			cells[0] = "**" + cells[0] + "**"
		}
		rows = append(rows, cells)
	}
	head := v.head()
	head[1], head[2] = mdCell(head[1]), mdCell(head[2])
	mdTable(bw, head, rows)
	if v.Like != "" {
		fmt.Fprintf(bw, "\n%s\n", mdLine(v.Like))
	}
	fmt.Fprintf(bw, "\n_%s_\n", mdLine(v.LikeNote))
	for _, s := range v.Sections {
		fmt.Fprintf(bw, "\n## %s\n\n", mdLine(s.Title))
		for _, l := range s.Lines {
			score := ""
			if l.Score != "" {
				score = " (" + l.Score + ")"
			}
			fmt.Fprintf(bw, "- **%s**%s: %s\n", mdLine(l.ID), score, mdLine(l.Text))
		}
	}
	fmt.Fprintf(bw, "\n## Summary\n\n%s\n", mdLine(v.Summary))
	return flush(bw, "compare")
}

// execHTML runs an HTML template into w.
func execHTML(w io.Writer, t *template.Template, data any, what string) error {
	if err := t.Execute(w, data); err != nil {
		return fmt.Errorf("write HTML %s: %w", what, err)
	}
	return nil
}

// docCSS is the style of the compare and trend pages: the report's A4
// layout and its wrapping rules (see reportHTML).
const docCSS = `@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.35; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #999; break-after: avoid; }
p { margin: 4pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
th { background: #eee; }
.num { text-align: right; white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; }
.note { color: #444; font-style: italic; }
ul { margin: 2pt 0 6pt; padding-left: 14pt; }
li { margin: 1pt 0; }
.id { font-weight: bold; white-space: nowrap; }
@media print { body { padding: 0; max-width: none; } }`

// compareTemplate is parsed the first time it is used, not when the program starts:
// every command paid for parsing it before.
var compareTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("compare").Funcs(template.FuncMap{
		"css": func() template.CSS { return template.CSS(docCSS) },
	}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{css}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>Written {{.Date}}.</p>
<table>
<thead><tr><th>Measure</th><th class="num">{{.From}}</th><th class="num">{{.To}}</th><th class="num">Change</th><th class="num">Improved</th><th class="num">Regressed</th><th class="num">First scored</th><th class="num">Still unassessed</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr{{if ne .Kind "measure"}} class="total"{{end}}>{{if eq .Kind "measure"}}<td>{{.Name}}</td>{{else}}<th>{{.Name}}</th>{{end}}<td class="num">{{.From}}</td><td class="num">{{.To}}</td><td class="num">{{.Change}}</td><td class="num">{{.Improved}}</td><td class="num">{{.Regressed}}</td><td class="num">{{.First}}</td><td class="num">{{.Unscored}}</td></tr>
{{- end}}
</tbody>
</table>
{{- if .Like}}
<p>{{.Like}}</p>
{{- end}}
<p class="note">{{.LikeNote}}</p>
{{- range .Sections}}
<h2>{{.Title}}</h2>
<ul>
{{- range .Lines}}
<li><span class="id">{{.ID}}</span>{{if .Score}} ({{.Score}}){{end}}: {{.Text}}</li>
{{- end}}
</ul>
{{- end}}
<h2>Summary</h2>
<p>{{.Summary}}</p>
</body>
</html>
`))
})

// trendDoc is a trend laid out for export.
type trendDoc struct {
	Title string
	Date  string
	at    time.Time
	*trendView
}

func newTrendDoc(t model.TrendTable, now time.Time) *trendDoc {
	last := t.Periods[len(t.Periods)-1]
	return &trendDoc{
		Title:     fmt.Sprintf("%s (%s): mean score per measure by period", last.Organisation, last.Audience.Title()),
		Date:      now.Format(longDate),
		at:        now,
		trendView: newTrendView(t, 0),
	}
}

// writeTrend writes t in format (text, md, html or pdf).
func writeTrend(w io.Writer, format string, t model.TrendTable, now time.Time) error {
	d := newTrendDoc(t, now)
	switch format {
	case "text":
		return d.text(w)
	case "md":
		return d.markdown(w)
	case "html":
		return execHTML(w, trendTemplate(), d, "trend")
	case "pdf":
		return writeTrendPDF(w, d)
	}
	return fmt.Errorf("export trend: unknown format %q", format)
}

func (d *trendDoc) head() []string {
	return append(append([]string{"Measure"}, d.Periods...), "Change")
}

func (d *trendDoc) cells(l trendLine) []string {
	row := []string{l.Name}
	for _, p := range l.Points {
		row = append(row, trendCell(p))
	}
	return append(row, l.Change)
}

func (d *trendDoc) text(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(oneLine(d.Title) + "\n\n")
	rows := [][]string{oneLines(d.head())}
	for _, l := range d.Rows {
		rows = append(rows, oneLines(d.cells(l)))
	}
	textTable(bw, rows)
	bw.WriteString("\n" + trendNote + "\n")
	if d.Like != "" {
		bw.WriteString("\n" + oneLine(d.Like) + "\n")
	}
	return flush(bw, "trend")
}

func (d *trendDoc) markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\nWritten %s.\n\n%s\n\n", mdLine(d.Title), d.Date, trendNote)
	head := d.head()
	for i := range head {
		head[i] = mdCell(head[i])
	}
	var rows [][]string
	for _, l := range d.Rows {
		cells := d.cells(l)
		for i := range cells {
			cells[i] = mdCell(cells[i])
		}
		if l.Overall {
			cells[0] = "**Overall**"
		}
		rows = append(rows, cells)
	}
	mdTable(bw, head, rows)
	if d.Like != "" {
		fmt.Fprintf(bw, "\n%s\n", mdLine(d.Like))
	}
	return flush(bw, "trend")
}

// trendTemplate is parsed the first time it is used, not when the program starts:
// every command paid for parsing it before.
var trendTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("trend").Funcs(template.FuncMap{
		"css":       func() template.CSS { return template.CSS(docCSS) },
		"trendNote": func() string { return trendNote },
		"trendCell": trendCell,
	}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{css}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>Written {{.Date}}.</p>
<p>{{trendNote}}</p>
<table>
<thead><tr><th>Measure</th>{{range .Periods}}<th class="num">{{.}}</th>{{end}}<th class="num">Change</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr{{if .Overall}} class="total"{{end}}>{{if .Overall}}<th>Overall</th>{{else}}<td>{{.Name}}</td>{{end}}{{range .Points}}<td class="num">{{trendCell .}}</td>{{end}}<td class="num">{{.Change}}</td></tr>
{{- end}}
</tbody>
</table>
{{- if .Like}}
<p>{{.Like}}</p>
{{- end}}
</body>
</html>
`))
})
