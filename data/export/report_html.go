package export

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"

	"wgll/model"
)

// WriteReportHTML writes the board report for a as one self-contained HTML
// page: inline CSS, no scripts, nothing fetched from the network, laid out
// to print on A4. Heatmap cells show the score as text as well as colour,
// with a legend. Every piece of user text is escaped by html/template, and
// only http and https evidence links become links; other references are
// shown as text.
func WriteReportHTML(w io.Writer, a *model.Assessment, now time.Time) error {
	return WriteReportHTMLWith(w, a, ReportExtras{}, now)
}

// WriteReportHTMLWith is WriteReportHTML with the optional parts in x: a
// DMA national mean column beside each measure, and a Trend section with a
// table of each measure's mean per period and a small bar chart per
// measure, drawn in HTML and CSS alone, each bar labelled with its number.
func WriteReportHTMLWith(w io.Writer, a *model.Assessment, x ReportExtras, now time.Time) error {
	return writeReportHTML(w, buildReportWith(a, x, now))
}

// writeReportHTML writes r as HTML, its actions and evidence as they are
// read.
func writeReportHTML(w io.Writer, r *report) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := reportTemplate().Execute(bw, r)
	if err == nil {
		err = r.err
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return nil
}

// keepWords escapes user text for HTML and wraps every word that holds a
// hyphen, slash or dash ("2025-08", "in-progress", "SP-O2,") in a nowrap
// span, so a browser breaks lines only at spaces: it treats a hyphen as a
// place to break, and CSS alone cannot say otherwise. Tokens longer than
// maxKeptWord (a long URL) are left breakable, so they can never force a
// table wider than the page.
func keepWords(s string) template.HTML {
	var b strings.Builder
	b.Grow(len(s) + 16)
	start := -1
	flushWord := func(end int) {
		w := s[start:end]
		if len(w) <= maxKeptWord && strings.ContainsAny(w, "-/–—") {
			b.WriteString(`<span class="nw">`)
			template.HTMLEscape(&b, []byte(w))
			b.WriteString(`</span>`)
		} else if len(w) > maxKeptWord {
			// A long link or path breaks after a slash before anywhere else.
			for i, part := range strings.SplitAfter(w, "/") {
				if i > 0 {
					b.WriteString("<wbr>")
				}
				template.HTMLEscape(&b, []byte(part))
			}
		} else {
			template.HTMLEscape(&b, []byte(w))
		}
		start = -1
	}
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				flushWord(i)
			}
			b.WriteRune(r)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		flushWord(len(s))
	}
	return template.HTML(b.String())
}

// maxKeptWord is the longest token keepWords keeps whole, in bytes: about
// a third of an A4 line.
const maxKeptWord = 32

// webLink reports whether s is an absolute http or https URL, the only kind
// the report makes clickable.
func webLink(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// reportTemplate is parsed the first time it is used, not when the program starts:
// every command paid for parsing it before.
var reportTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"mean":  meanText,
		"share": shareText,
		"open":  openText,
		"ids":   ids,
		"gap":   gapText,
		"score": scoreText,
		"date":  model.FormatDate,
		"web":   webLink,
		"cls": func(s model.Score) string {
			return fmt.Sprintf("s%d", int(s))
		},
		"wrap":             keepWords,
		"gapNote":          func() string { return gapExplanation },
		"rationaleNote":    func() string { return rationaleNote },
		"resourcesHeading": func() string { return resourcesHeading },
		"resourcesNote":    func() string { return resourcesNote },
		"noResources":      func() string { return noResources },
		"emptyResources":   emptyResourcesText,
		"rationaleBy":      rationaleBy,
		"noRationale":      noRationale,
		"trendNote":        func() string { return trendNote },
		"agreedNote":       func() string { return agreedNote },
		"trendCell":        trendCell,
		"overdue":          overdueText,
		"summary":          summarySentence,
		"actionsSentence":  actionSentence,
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"pad":         func(n, have int) []int { return make([]int, max(0, n-have)) },
		"measureName": measureHeading,
	}).Parse(reportHTML))
})

const reportHTML = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digital maturity board report: {{.Organisation}} · {{.Period}}</title>
<style>
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.35; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; page-break-after: avoid; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt; page-break-after: avoid; break-after: avoid; }
p { margin: 4pt 0; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2pt 12pt; margin: 6pt 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
/* Cells wrap only at spaces: a column is never narrower than its longest
   word (overflow-wrap: break-word does not lower the minimum width, as
   anywhere did), so "Owner" and "medium" stay whole. Dates, numbers,
   states and priorities never wrap at all (a hyphen is a break point to a
   browser). Only a link, one long token, may break where it must. */
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; hyphens: manual; white-space: pre-wrap; }
th { background: #eee; }
td.num, td.nowrap, th.nowrap { white-space: nowrap; }
td.num { text-align: right; }
th.num { text-align: right; }
td.link { overflow-wrap: anywhere; width: 28%; }
td.id { white-space: nowrap; font-weight: bold; }
.nw { white-space: nowrap; }
.rationale { margin: 2pt 0 8pt 10pt; padding-left: 6pt; border-left: 3px solid #ccc; white-space: pre-wrap; overflow-wrap: break-word; }
.rationale.none, td.none { color: #555; font-style: italic; }
.stmt { margin: 8pt 0 0; page-break-after: avoid; break-after: avoid; }
.by { color: #444; font-size: 9.5pt; }
.note { color: #444; font-style: italic; }
table.heatmap td.cell { text-align: center; font-weight: bold; width: 2.2em; }
.s0 { background: #f2f2f2; color: #555; }
.s1 { background: #f4a3a3; }
.s2 { background: #f8c68f; }
.s3 { background: #fbe59a; }
.s4 { background: #c5e3a0; }
.s5 { background: #8fcf9c; }
.legend span { display: inline-block; border: 1px solid #bbb; padding: 1pt 5pt; margin: 0 4pt 2pt 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(85mm, 1fr)); gap: 6pt 12pt; margin: 6pt 0; }
.chart { page-break-inside: avoid; break-inside: avoid; }
.chart h3 { margin: 4pt 0 2pt; }
.bar-row { display: grid; grid-template-columns: 16mm 1fr 12mm; align-items: center; gap: 4pt; margin: 1pt 0; }
.bar-track { background: #f2f2f2; border: 1px solid #ccc; height: 9pt; }
.bar { display: block; height: 100%; background: #4a7bb7; }
.bar-num { text-align: right; font-variant-numeric: tabular-nums; }
.bar-none { color: #555; font-style: italic; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } h2.section { page-break-before: auto; } }
</style>
</head>
<body>
<h1>Digital maturity board report</h1>
<dl class="facts">
<dt>Organisation</dt><dd>{{.Organisation}}</dd>
<dt>Audience</dt><dd>{{.Audience}}</dd>
{{- if .CareSetting}}
<dt>Care setting</dt><dd>{{.CareSetting}}</dd>
{{- end}}
<dt>Period</dt><dd>{{.Period}}</dd>
<dt>Report date</dt><dd>{{.Date}}</dd>
<dt>Framework</dt><dd>{{.Framework}}</dd>
{{- if .AssuredBy}}
<dt>Assured by</dt><dd>{{.AssuredBy}}</dd>
{{- end}}
</dl>
{{- if .Note}}
<p class="note">{{.Note}}</p>
{{- end}}

<h2>Summary</h2>
<p>{{summary .}}</p>

<h2>Heatmap</h2>
<table class="heatmap">
<thead><tr><th>Measure</th>{{range seq .Heatmap.Width}}<th class="num">{{.}}</th>{{end}}<th class="num">Mean</th><th class="num">Assessed</th><th class="num">Open actions</th></tr></thead>
<tbody>
{{- range .Heatmap.Rows}}
<tr><th scope="row">{{wrap .Measure.Name}}</th>
{{- range .Cells}}<td class="cell {{cls .Score}}" title="{{.StatementID}}: {{index $.Statements .StatementID}}">{{.Score}}</td>{{end}}
{{- range pad $.Heatmap.Width (len .Cells)}}<td></td>{{end}}
<td class="num">{{mean .Stats}}</td><td class="num">{{share .Stats}}</td><td class="num">{{open .Stats}}</td></tr>
{{- end}}
<tr><th scope="row">Overall</th>{{range seq .Heatmap.Width}}<td></td>{{end}}<td class="num">{{mean .Overall}}</td><td class="num">{{share .Overall}}</td><td class="num">{{open .Overall}}</td></tr>
</tbody>
</table>
<p class="legend">Scores: {{range .Scale}}<span class="s{{.Level}}">{{.Level}} {{.Label}}</span>{{end}}<span class="s0">· not assessed</span></p>
<p class="note">Each cell is one statement of the measure, in framework order; the number is its score.</p>

<h2>Measures</h2>
<table>
<thead><tr><th>Measure</th><th class="num">Mean</th>{{if .Bench}}<th class="num">{{.Bench.Heading}}</th>{{end}}<th class="num">Assessed</th><th>Strongest</th><th>Weakest</th><th class="num">Evidence</th><th class="num">Open actions</th></tr></thead>
<tbody>
{{- range .Measures}}
<tr><td>{{wrap .Stats.Name}}</td><td class="num">{{mean .Stats}}</td>{{if $.Bench}}<td class="num">{{.DMA}}</td>{{end}}<td class="num">{{share .Stats}}</td><td>{{wrap (ids .Strongest)}}</td><td>{{wrap (ids .Weakest)}}</td><td class="num">{{.Stats.Evidence}}</td><td class="num">{{open .Stats}}</td></tr>
{{- end}}
<tr><th>Overall</th><td class="num">{{mean .Overall}}</td>{{if .Bench}}<td></td>{{end}}<td class="num">{{share .Overall}}</td><td></td><td></td><td class="num">{{.Overall.Evidence}}</td><td class="num">{{open .Overall}}</td></tr>
</tbody>
</table>
<p class="note">Strongest and weakest list the highest- and lowest-scored statements, with their score.</p>
{{- if .Bench}}
<p class="note">{{.Bench.Note}}</p>
{{- end}}
{{- with .Trend}}

<h2>Trend</h2>
<p>{{trendNote}}</p>
<table>
<thead><tr><th>Measure</th>{{range .Periods}}<th class="num">{{.}}</th>{{end}}<th class="num">Change</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{if .Overall}}<th>Overall</th>{{else}}<td>{{wrap .Name}}</td>{{end}}{{range .Points}}<td class="num">{{trendCell .}}</td>{{end}}<td class="num">{{.Change}}</td></tr>
{{- end}}
</tbody>
</table>
{{- if .Like}}
<p>{{.Like}}</p>
{{- end}}
<div class="charts">
{{- range .Rows}}
<div class="chart">
<h3>{{wrap .Name}}</h3>
{{- range .Points}}
<div class="bar-row"><span>{{.Period}}</span>{{if .Bar}}<span class="bar-track"><span class="bar" style="width: {{printf "%.1f" .Width}}%"></span></span><span class="bar-num">{{.Text}}</span>{{else}}<span class="bar-none">{{.Text}}</span><span></span>{{end}}</div>
{{- end}}
</div>
{{- end}}
</div>
{{- end}}
{{- if .Agreed}}

<h2>How the scores were agreed</h2>
<p>{{agreedNote}}</p>
<table>
<thead><tr><th>Statement</th><th class="num">Agreed</th><th>How</th><th>Votes</th><th class="num">Median</th><th class="num">Range</th><th>Disagreement</th><th>Dissent</th></tr></thead>
<tbody>
{{- range .Agreed}}
<tr><td><strong>{{.StatementID}}</strong> {{.Statement}}</td><td class="num">{{.Score}}</td><td>{{.How}}</td><td>{{.Counts}}</td><td class="num">{{.Median}}</td><td class="num">{{.Range}}</td><td>{{.Disagree}}</td><td>{{.Dissent}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}

<h2>The largest gaps</h2>
<p>{{gapNote}}</p>
{{- if .Gaps}}
<table>
<thead><tr><th class="num">#</th><th>Statement</th><th>Measure</th><th class="nowrap">Score</th><th class="num">Gap</th><th class="num">Open actions</th></tr></thead>
<tbody>
{{- range .Gaps}}
<tr><td class="num">{{.Rank}}</td><td><b class="nw">{{.StatementID}}</b> {{wrap .Statement}}</td><td>{{wrap .Measure}}</td><td class="nowrap {{cls .Score}}">{{score .Score}}</td><td class="num">{{gap .}}</td><td class="num">{{.LiveActions}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>No gaps: every statement is at the top level.</p>
{{- end}}

<h2>Actions</h2>
<p>{{actionsSentence .Counts}}</p>
{{- range .HTMLActions}}
{{- if .First}}
{{- if .Close}}
</tbody>
</table>
{{- end}}
<h3>{{measureName .Measure}}</h3>
<table>
<thead><tr><th>Statement</th><th>Action</th><th>Owner</th><th class="nowrap">Due</th><th class="nowrap">Status</th><th class="nowrap">Priority</th><th class="num">Days overdue</th></tr></thead>
<tbody>
{{- end}}
<tr><td><b class="nw">{{.StatementID}}</b> {{wrap .Statement}}</td><td>{{wrap .Action}}</td><td>{{wrap .Owner}}</td><td class="nowrap">{{date .Due}}</td><td class="nowrap">{{.Status}}</td><td class="nowrap">{{.Priority}}</td><td class="num">{{overdue .DaysOverdue}}</td></tr>
{{- end}}
{{- if .ActionsWritten}}
</tbody>
</table>
{{- else}}
<p>No actions recorded yet.</p>
{{- end}}

<h2>Evidence index</h2>
{{- range .HTMLEvidence}}
{{- if .First}}
<table>
<thead><tr><th>Statement</th><th>Evidence</th><th>Link or reference</th><th>Added by</th><th class="nowrap">Added</th><th>Needs review</th></tr></thead>
<tbody>
{{- end}}
<tr><td class="id">{{.StatementID}}</td><td><b>{{wrap .Item.Title}}</b>{{if .Item.Detail}}<br>{{wrap .Item.Detail}}{{end}}</td><td class="link">{{if web .Item.Link}}<a href="{{.Item.Link}}">{{wrap .Item.Link}}</a>{{else}}{{wrap .Item.Link}}{{end}}</td><td>{{wrap .Item.AddedBy}}</td><td class="nowrap">{{date .Item.AddedAt}}</td><td>{{if .Item.NeedsReview}}yes{{end}}</td></tr>
{{- end}}
{{- if .EvidenceWritten}}
</tbody>
</table>
{{- else}}
<p>No evidence recorded yet.</p>
{{- end}}

<h2>Rationales</h2>
<p>{{rationaleNote}}</p>
{{- if not .Rationales}}
<p>The criteria have no statements for this audience.</p>
{{- end}}
{{- range .Rationales}}
<h3>{{.Measure}}</h3>
{{- range .Items}}
<p class="stmt"><b class="nw">{{.StatementID}}</b> {{wrap .Statement}} <span class="by">Score: {{$.ScoreLabel .Score}}.{{with rationaleBy .}} {{.}}.{{end}}</span></p>
{{- if .Rationale}}
<div class="rationale">{{wrap .Rationale}}</div>
{{- else}}
<div class="rationale none">{{noRationale .}}</div>
{{- end}}
{{- end}}
{{- end}}

<h2>{{resourcesHeading}}</h2>
<p>{{resourcesNote}}</p>
{{- if .Resources}}
<table>
<thead><tr><th class="num">#</th><th>Statement</th><th>Resource</th><th>Kind</th><th>Why follow it</th><th>Link</th></tr></thead>
<tbody>
{{- range .Resources}}
<tr><td class="num">{{if .First}}{{.Rank}}{{end}}</td><td>{{if .First}}<b class="nw">{{.StatementID}}</b> {{wrap .Statement}}{{end}}</td>
{{- if .None}}<td colspan="4" class="none">{{noResources}}</td>
{{- else}}<td><b>{{wrap .Res.Title}}</b></td><td>{{wrap .KindTitle}}</td><td>{{wrap .Res.Note}}</td><td class="link">{{with .Link}}<a href="{{.}}">{{wrap .}}</a>{{else}}{{wrap .Res.URL}}{{end}}</td>
{{- end}}</tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>{{emptyResources $}}</p>
{{- end}}
</body>
</html>
`
