package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"wgll/model"
)

// pdfSection writes one section of the board report. The report is the
// list reportSections; a later section (the workshop record, the
// improvement plan) is one more function added to the list.
type pdfSection func(d *pdfDoc, r *report)

// reportSections are the board report's sections, in order.
var reportSections = []pdfSection{
	pdfTitleBlock,
	pdfSummary,
	pdfHeatmap,
	pdfMeasures,
	pdfTrend,
	pdfAgreed,
	pdfGaps,
	pdfPlan,
	pdfActions,
	pdfEvidence,
	pdfRationales,
	pdfResources,
}

// WriteReportPDF writes the board report for a as an A4 PDF for the board
// pack: a title block (organisation, period, date, framework and who
// assured it when x says), then the summary, the heatmap with the score as
// a digit in every cell, the measures, the trend and DMA benchmark when x
// has them, the largest gaps, every action, the evidence index, the
// rationale of every score and an appendix of the resources behind the
// largest gaps. Every page after the first carries a running
// header, every page its number; tables repeat their header row on each
// page and break lines only at spaces. The Go fonts are embedded.
func WriteReportPDF(w io.Writer, a *model.Assessment, x ReportExtras, now time.Time) error {
	return writeReportPDF(w, buildReportWith(a, x, now))
}

// writeReportPDF writes r as a PDF, its actions and evidence as they are
// read.
func writeReportPDF(w io.Writer, r *report) error {
	now := r.now
	d := newPDF("Digital maturity board report: "+r.Organisation+" · "+r.Period,
		r.Organisation+" · "+r.Period+" · Digital maturity board report", now)
	for _, s := range reportSections {
		s(d, r)
		if r.err != nil {
			return fmt.Errorf("write PDF report: %w", r.err)
		}
	}
	return d.output(w, "report")
}

func pdfTitleBlock(d *pdfDoc, r *report) {
	d.font("B", pdfSizeTitle, pdfInk)
	h := lineH(pdfSizeTitle)
	d.f.Text(pdfMargin, d.y()+h*0.78, "Digital maturity board report")
	d.f.SetY(d.y() + h + 1)
	d.para(r.Organisation, "B", pdfSizeH1, pdfInk, 0)
	facts := [][2]string{{"Organisation", r.Organisation}, {"Audience", r.Audience}}
	if r.CareSetting != "" {
		facts = append(facts, [2]string{"Care setting", r.CareSetting})
	}
	facts = append(facts, [2]string{"Period", r.Period}, [2]string{"Report date", r.Date}, [2]string{"Framework", r.Framework})
	if r.AssuredBy != "" {
		facts = append(facts, [2]string{"Assured by", r.AssuredBy})
	}
	d.facts(facts)
	if r.Note != "" {
		d.para(r.Note, "I", pdfSizeSmall+0.5, pdfGrey, 0)
	}
}

func pdfSummary(d *pdfDoc, r *report) {
	d.heading("Summary", pdfSizeH1)
	d.para(summarySentence(r), "", pdfSizeBody, pdfInk, 0)
}

func pdfHeatmap(d *pdfDoc, r *report) {
	d.heading("Heatmap", pdfSizeH1)
	cols := []pdfCol{{Head: "Measure", Weight: 1, Bold: true}}
	for i := 1; i <= r.Heatmap.Width; i++ {
		cols = append(cols, pdfCol{Head: fmt.Sprint(i), NoWrap: true, Center: true})
	}
	cols = append(cols, pdfCol{Head: "Mean", Right: true, NoWrap: true}, pdfCol{Head: "Assessed", Right: true, NoWrap: true}, pdfCol{Head: "Open actions", Right: true, NoWrap: true})
	var rows [][]pdfCell
	for _, row := range r.Heatmap.Rows {
		cells := []pdfCell{{Text: pdfText(row.Measure.Name)}}
		for i := 0; i < r.Heatmap.Width; i++ {
			if i >= len(row.Cells) {
				cells = append(cells, pdfCell{})
				continue
			}
			sc := row.Cells[i].Score
			fill := scoreFill[max(0, min(int(sc), len(scoreFill)-1))]
			cells = append(cells, pdfCell{Text: sc.String(), Fill: &fill, Bold: sc.Assessed()})
		}
		cells = append(cells, pdfCell{Text: meanText(row.Stats)}, pdfCell{Text: shareText(row.Stats)}, pdfCell{Text: openText(row.Stats)})
		rows = append(rows, cells)
	}
	overall := []pdfCell{{Text: "Overall"}}
	for i := 0; i < r.Heatmap.Width; i++ {
		overall = append(overall, pdfCell{})
	}
	rows = append(rows, append(overall, pdfCell{Text: meanText(r.Overall), Bold: true}, pdfCell{Text: shareText(r.Overall)}, pdfCell{Text: openText(r.Overall)}))
	d.table(cols, rows, tableStyle{size: pdfSizeTable, minW: 6})
	d.para(legendText(r), "", pdfSizeSmall+0.5, pdfGrey, 0)
	d.para("Each cell is one statement of the measure, in framework order; the number is its score, so the grid reads without colour.", "I", pdfSizeSmall+0.5, pdfGrey, 0)
}

func pdfMeasures(d *pdfDoc, r *report) {
	d.heading("Measures", pdfSizeH1)
	cols := []pdfCol{{Head: "Measure", Weight: 2}, {Head: "Mean", Right: true, NoWrap: true}}
	if r.Bench != nil {
		cols = append(cols, pdfCol{Head: r.Bench.Heading, Right: true, Weight: 1})
	}
	cols = append(cols, pdfCol{Head: "Assessed", Right: true, NoWrap: true}, pdfCol{Head: "Strongest", Weight: 1.5}, pdfCol{Head: "Weakest", Weight: 1.5},
		pdfCol{Head: "Evidence", Right: true, NoWrap: true}, pdfCol{Head: "Open actions", Right: true, NoWrap: true})
	var rows [][]pdfCell
	line := func(name string, st model.MeasureStats, dma, strong, weak string, bold bool) []pdfCell {
		cells := []pdfCell{{Text: pdfText(name), Bold: bold}, {Text: meanText(st), Bold: bold}}
		if r.Bench != nil {
			cells = append(cells, pdfCell{Text: dma})
		}
		return append(cells, pdfCell{Text: shareText(st)}, pdfCell{Text: strong}, pdfCell{Text: weak},
			pdfCell{Text: fmt.Sprint(st.Evidence)}, pdfCell{Text: openText(st)})
	}
	for _, m := range r.Measures {
		rows = append(rows, line(m.Stats.Name, m.Stats, m.DMA, pdfText(ids(m.Strongest)), pdfText(ids(m.Weakest)), false))
	}
	rows = append(rows, line("Overall", r.Overall, "", "", "", true))
	d.table(cols, rows, tableStyle{size: pdfSizeTable})
	d.para("Strongest and weakest list the highest- and lowest-scored statements, with their score.", "I", pdfSizeSmall+0.5, pdfGrey, 0)
	if r.Bench != nil {
		d.para(r.Bench.Note, "I", pdfSizeSmall+0.5, pdfGrey, 0)
	}
}

func pdfTrend(d *pdfDoc, r *report) {
	if r.Trend == nil {
		return
	}
	d.heading("Trend", pdfSizeH1)
	d.lead(trendNote, "", pdfSizeBody, pdfInk)
	pdfTrendTable(d, r.Trend)
}

// pdfTrendTable is the trend as a table with a bar per point, shared by
// the report and the trend export.
func pdfTrendTable(d *pdfDoc, t *trendView) {
	cols := []pdfCol{{Head: "Measure", Weight: 1}}
	for _, p := range t.Periods {
		cols = append(cols, pdfCol{Head: pdfText(p), Right: true, NoWrap: true})
	}
	cols = append(cols, pdfCol{Head: "Change", Right: true, NoWrap: true})
	var rows [][]pdfCell
	for _, l := range t.Rows {
		cells := []pdfCell{{Text: pdfText(l.Name), Bold: l.Overall}}
		for _, p := range l.Points {
			cells = append(cells, pdfCell{Text: trendCell(p), Bold: l.Overall})
		}
		rows = append(rows, append(cells, pdfCell{Text: l.Change, Bold: l.Overall}))
	}
	d.table(cols, rows, tableStyle{size: pdfSizeTable, minW: 14})
	if t.Like != "" {
		d.para(t.Like, "", pdfSizeBody, pdfInk, 0)
	}
	pdfTrendBars(d, t)
}

// pdfTrendBars draws each measure's means as labelled horizontal bars, two
// measures to a row; every bar carries its number.
func pdfTrendBars(d *pdfDoc, t *trendView) {
	const colW = pdfBodyW/2 - 4
	lh := lineH(pdfSizeSmall + 0.5)
	labelW, numW := 16.0, 9.0
	d.font("", pdfSizeSmall+0.5, pdfInk)
	for _, p := range t.Periods {
		labelW = max(labelW, d.width("", pdfSizeSmall+0.5, pdfText(p))+2)
	}
	blockH := lh*1.2 + float64(len(t.Periods))*lh + 2
	for i := 0; i < len(t.Rows); i += 2 {
		d.ensure(blockH)
		y0 := d.y()
		for k := 0; k < 2 && i+k < len(t.Rows); k++ {
			l := t.Rows[i+k]
			x := pdfMargin + float64(k)*(colW+8)
			y := y0
			d.font("B", pdfSizeSmall+0.5, pdfInk)
			d.f.Text(x, y+lh*0.8, d.clip(pdfText(l.Name), colW))
			y += lh * 1.2
			for _, p := range l.Points {
				d.font("", pdfSizeSmall+0.5, pdfInk)
				d.f.Text(x, y+lh*0.78, pdfText(p.Period))
				trackX, trackW := x+labelW, colW-labelW-numW
				if p.Bar {
					d.f.SetFillColor(242, 242, 242)
					d.f.SetDrawColor(204, 204, 204)
					d.f.Rect(trackX, y+0.6, trackW, lh-1.2, "FD")
					d.f.SetFillColor(pdfBarFill.r, pdfBarFill.g, pdfBarFill.b)
					d.f.Rect(trackX, y+0.6, trackW*p.Width/100, lh-1.2, "F")
					d.textIn(p.Text, "", pdfSizeSmall+0.5, trackX+trackW, numW, y+lh*0.78, 'R')
				} else {
					d.font("I", pdfSizeSmall+0.5, pdfGrey)
					d.f.Text(trackX, y+lh*0.78, p.Text)
				}
				y += lh
			}
		}
		d.f.SetY(y0 + blockH)
	}
}

func pdfGaps(d *pdfDoc, r *report) {
	d.heading("The largest gaps", pdfSizeH1)
	d.lead(gapExplanation, "", pdfSizeBody, pdfInk)
	if len(r.Gaps) == 0 {
		d.para("No gaps: every statement is at the top level.", "", pdfSizeBody, pdfInk, 0)
		return
	}
	cols := []pdfCol{{Head: "#", Right: true, NoWrap: true}, {Head: "ID", NoWrap: true, Bold: true}, {Head: "Statement", Weight: 3},
		{Head: "Measure", Weight: 1}, {Head: "Score", NoWrap: true}, {Head: "Gap", Right: true, NoWrap: true}, {Head: "Open actions", Right: true, NoWrap: true}}
	var rows [][]pdfCell
	for _, g := range r.Gaps {
		fill := scoreFill[max(0, min(int(g.Score), len(scoreFill)-1))]
		rows = append(rows, []pdfCell{{Text: fmt.Sprint(g.Rank)}, {Text: pdfText(g.StatementID)}, {Text: pdfText(g.Statement)},
			{Text: pdfText(g.Measure)}, {Text: scoreText(g.Score), Fill: &fill}, {Text: gapText(g)}, {Text: fmt.Sprint(g.LiveActions)}})
	}
	d.table(cols, rows, tableStyle{size: pdfSizeTable})
}

// pdfPlan is the improvement plan (model.BuildPlan), as the Markdown
// report has it: the ranked gaps with their targets, evidence and actions,
// NO ACTION YET where there is none, and readiness per measure. It is left
// out when the assessment has no targets.
func pdfPlan(d *pdfDoc, r *report) {
	p := r.plan
	if len(p.Items) == 0 && len(p.Unscored) == 0 && p.Met == 0 {
		return
	}
	d.heading("Improvement plan", pdfSizeH1)
	d.lead(fmt.Sprintf("%s to close; %d without an action. Ranked: %s", count(len(p.Items), "gap", "gaps"), p.NoAction(), model.PlanRule), "", pdfSizeBody, pdfInk)
	if len(p.Items) > 0 {
		cols := []pdfCol{{Head: "#", Right: true, NoWrap: true}, {Head: "Statement", NoWrap: true, Bold: true}, {Head: "Score", NoWrap: true},
			{Head: "Target", Weight: 1}, {Head: "Gap", Right: true, NoWrap: true}, {Head: "Evidence", Weight: 1}, {Head: "Actions", Weight: 2.5}}
		var rows [][]pdfCell
		for i, it := range p.Items {
			acts := make([]string, 0, len(it.Actions)+1)
			for _, x := range it.Actions {
				acts = append(acts, actionText(x, r.now))
			}
			if it.NoAction() {
				acts = append(acts, NoActionFlag)
			}
			rows = append(rows, []pdfCell{{Text: fmt.Sprint(i + 1)}, {Text: pdfText(it.StatementID)}, {Text: it.Score.String()},
				{Text: pdfText(targetText(it))}, {Text: fmt.Sprint(it.Gap)}, {Text: evidenceText(it)}, {Text: pdfText(strings.Join(acts, "\n"))}})
		}
		d.table(cols, rows, tableStyle{size: pdfSizeTable})
	}
	parts := make([]string, 0, len(p.Readiness))
	for _, rd := range p.Readiness {
		parts = append(parts, rd.Name+" "+pct(rd))
	}
	d.para("Readiness (gaps with an open action due by the target date): "+strings.Join(parts, "; ")+".", "", pdfSizeBody, pdfInk, 0)
}

func pdfActions(d *pdfDoc, r *report) {
	// The heading, its sentence and the first measure's heading and rows
	// go on one page.
	d.ensure(lineH(pdfSizeH1) + lineH(pdfSizeH2) + 16*lineH(pdfSizeBody))
	d.heading("Actions", pdfSizeH1)
	d.lead(actionSentence(r.Counts), "", pdfSizeBody, pdfInk)
	cols := []pdfCol{{Head: "ID", NoWrap: true, Bold: true}, {Head: "Statement", Weight: 2.2}, {Head: "Action", Weight: 2.2}, {Head: "Owner", Weight: 1.1},
		{Head: "Due", NoWrap: true}, {Head: "Status", NoWrap: true}, {Head: "Priority", NoWrap: true}, {Head: "Days overdue", Right: true, NoWrap: true}}
	// One table a measure, read twice from the workbook: once to fit
	// every measure's columns, once to draw them.
	cells := func(a ActionRow) []pdfCell {
		return []pdfCell{{Text: pdfText(a.StatementID)}, {Text: pdfText(a.Statement)}, {Text: pdfText(a.Action)}, {Text: pdfText(a.Owner)},
			{Text: model.FormatDate(a.Due)}, {Text: string(a.Status)}, {Text: string(a.Priority)}, {Text: overdueText(a.DaysOverdue)}}
	}
	st := tableStyle{size: pdfSizeTable}
	fits := map[string]*colFit{}
	for a, err := range r.actions(false) {
		if err != nil {
			r.fail(err)
			return
		}
		f := fits[a.MeasureKey]
		if f == nil {
			f = d.newFit(cols, st)
			fits[a.MeasureKey] = f
		}
		f.add(cells(a))
	}
	if len(fits) == 0 {
		d.para("No actions recorded yet.", "", pdfSizeBody, pdfInk, 0)
		return
	}
	// A measure of at most shortTable actions is gathered and drawn whole
	// (pdfDoc.table keeps it on one page); a longer one row by row.
	var (
		t       *pdfTable
		short   [][]pdfCell
		gather  bool
		started bool
		cur     string
		headed  tableStyle
	)
	flush := func() {
		if t != nil {
			t.end()
			t = nil
		}
		if gather {
			d.table(cols, short, headed)
			short, gather = nil, false
		}
	}
	for a, err := range r.actions(true) {
		if err != nil {
			r.fail(err)
			return
		}
		if !started || a.MeasureKey != cur {
			flush()
			started, cur = true, a.MeasureKey
			headed = st
			headed.heading = measureHeading(a.Measure)
			f := fits[cur]
			if gather = f == nil || f.rows <= shortTable; !gather {
				f.st = headed
				t = d.beginTable(f, nil)
			}
		}
		if c := cells(a); gather {
			short = append(short, c)
		} else {
			t.row(c)
		}
	}
	flush()
}

func pdfEvidence(d *pdfDoc, r *report) {
	d.heading("Evidence index", pdfSizeH1)
	cols := []pdfCol{{Head: "Statement", NoWrap: true, Bold: true}, {Head: "Evidence", Weight: 2.5}, {Head: "Link or reference", Weight: 1.6},
		{Head: "Added by", Weight: 0.9}, {Head: "Added", NoWrap: true}, {Head: "Needs review", NoWrap: true}}
	rows := func(yield func([]pdfCell) bool) {
		for e, err := range r.evidenceLines() {
			if err != nil {
				r.fail(err)
				return
			}
			if !yield(evidenceCells(e)) {
				return
			}
		}
	}
	if n := d.tableOf(cols, rows, tableStyle{size: pdfSizeTable}); n == 0 && r.err == nil {
		d.para("No evidence recorded yet.", "", pdfSizeBody, pdfInk, 0)
	}
}

// evidenceCells is one row of the PDF's evidence index.
func evidenceCells(e evidenceLine) []pdfCell {
	item := e.Item.Title
	if e.Item.Detail != "" {
		item += "\n" + e.Item.Detail
	}
	review := ""
	if e.Item.NeedsReview {
		review = "yes"
	}
	link := ""
	if webLink(e.Item.Link) {
		link = strings.TrimSpace(e.Item.Link)
	}
	return []pdfCell{{Text: pdfText(e.StatementID)}, {Text: pdfText(item)}, {Text: pdfText(e.Item.Link), Link: link},
		{Text: pdfText(e.Item.AddedBy)}, {Text: model.FormatDate(e.Item.AddedAt)}, {Text: review}}
}

func pdfRationales(d *pdfDoc, r *report) {
	// The heading, its sentence and the first measure's heading and rows
	// go on one page.
	d.ensure(lineH(pdfSizeH1) + lineH(pdfSizeH2) + 16*lineH(pdfSizeBody))
	d.heading("Rationales", pdfSizeH1)
	d.lead(rationaleNote, "", pdfSizeBody, pdfInk)
	if len(r.Rationales) == 0 {
		d.para("The criteria have no statements for this audience.", "", pdfSizeBody, pdfInk, 0)
		return
	}
	for _, g := range r.Rationales {
		d.heading(g.Measure, pdfSizeH2)
		for _, it := range g.Items {
			d.ensure(3 * lineH(pdfSizeBody))
			d.para(it.StatementID+"  "+it.Statement, "B", pdfSizeBody, pdfInk, 0)
			meta := "Score: " + r.ScoreLabel(it.Score) + "."
			if by := rationaleBy(it); by != "" {
				meta += " " + by + "."
			}
			d.f.SetY(d.y() - lineH(pdfSizeBody)*0.3)
			d.para(meta, "I", pdfSizeSmall+0.5, pdfGrey, 0)
			if it.Rationale == "" {
				d.para(noRationale(it), "I", pdfSizeBody, pdfGrey, 5)
			} else {
				d.para(it.Rationale, "", pdfSizeBody, pdfInk, 5)
			}
		}
	}
}

// writeComparePDF writes a comparison as PDF: the measures table with the
// like-for-like overall, then each list and the summary.
func writeComparePDF(w io.Writer, v *compareView) error {
	d := newPDF(v.Title, v.Title, v.at)
	d.para(v.Title, "B", pdfSizeH1, pdfInk, 0)
	d.para("Written "+v.Date+".", "", pdfSizeBody, pdfGrey, 0)
	cols := []pdfCol{{Head: "Measure", Weight: 1}}
	for _, h := range v.head()[1:] {
		cols = append(cols, pdfCol{Head: pdfText(h), Right: true, NoWrap: len(h) < 9})
	}
	var rows [][]pdfCell
	for _, r := range v.Rows {
		cells := []pdfCell{}
		for _, c := range r.cells() {
			cells = append(cells, pdfCell{Text: pdfText(c), Bold: r.Kind != "measure"})
		}
		rows = append(rows, cells)
	}
	d.table(cols, rows, tableStyle{size: pdfSizeTable, minW: 12})
	if v.Like != "" {
		d.para(v.Like, "", pdfSizeBody, pdfInk, 0)
	}
	d.para(v.LikeNote, "I", pdfSizeSmall+0.5, pdfGrey, 0)
	for _, s := range v.Sections {
		var rows [][]pdfCell
		for _, l := range s.Lines {
			rows = append(rows, []pdfCell{{Text: pdfText(l.ID)}, {Text: l.Score}, {Text: pdfText(l.Text)}})
		}
		d.table([]pdfCol{{Head: "Statement", NoWrap: true, Bold: true}, {Head: "Score", NoWrap: true}, {Head: "Text", Weight: 1}}, rows, tableStyle{size: pdfSizeTable, heading: s.Title})
	}
	d.heading("Summary", pdfSizeH1)
	d.para(v.Summary, "", pdfSizeBody, pdfInk, 0)
	return d.output(w, "compare")
}

// writeTrendPDF writes a trend as PDF: the table and a bar per point.
func writeTrendPDF(w io.Writer, t *trendDoc) error {
	d := newPDF(t.Title, t.Title, t.at)
	d.para(t.Title, "B", pdfSizeH1, pdfInk, 0)
	d.para("Written "+t.Date+".", "", pdfSizeBody, pdfGrey, 0)
	d.lead(trendNote, "", pdfSizeBody, pdfInk)
	pdfTrendTable(d, t.trendView)
	return d.output(w, "trend")
}
