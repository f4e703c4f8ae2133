package export

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"wgll/criteria"
	"wgll/model"
)

// GapLimit is how many gaps the board report lists.
const GapLimit = 10

// gapExplanation is printed above the gap table in both report formats.
const gapExplanation = "Up to ten statements furthest from the top of the scale. A statement's gap is the top level of the scale minus its score, so the lowest scores come first. " +
	"Statements not yet assessed have no score and so no measurable gap; they fill any remaining places, in framework order, " +
	"because an unassessed statement is a gap in what the board knows."

// report is everything the board report shows, computed once and written
// by either format.
type report struct {
	Organisation string
	Audience     string
	Period       string
	CareSetting  string
	Date         string
	Framework    string
	Note         string
	MaxLevel     int
	Scale        []criteria.Level
	Heatmap      model.Heatmap
	Measures     []measureLine
	Overall      model.MeasureStats
	Counts       model.ActionCounts
	Gaps         []gapLine
	// actions and evidence are every action and evidence item, read as
	// the report writes them (report_items.go); evidenceOf is the
	// statements whose evidence the index lists, in order.
	actions    RowSource
	evidence   EvidenceSource
	evidenceOf []evidenceStatement
	// err is the first error reading actions or evidence, for the HTML
	// template, which cannot return one from a range; htmlActions and
	// htmlEvidence count what its ranges wrote.
	err                       error
	htmlActions, htmlEvidence int
	// Statements maps statement ids to their text, for heatmap tooltips.
	Statements map[string]string
	// Bench is the national mean column, nil without a benchmark for the
	// assessment's care setting.
	Bench *benchColumn
	// Trend is nil with fewer than two periods.
	Trend *trendView
	// Agreed is how a board workshop agreed each statement it scored
	// (report_workshop.go); empty without one.
	Agreed []agreedLine
	// AssuredBy names who assured the scores, "" when not known.
	AssuredBy string
	// Rationales are the reasons for each score, by measure.
	Rationales []rationaleGroup
	// Resources is the appendix: the criteria's resources behind each of
	// the Gaps, in the same order (report_resources.go).
	Resources []resourceLine
	// plan is the improvement plan (model.BuildPlan), now what dates it.
	plan model.Plan
	now  time.Time
}

// rationaleGroup is one measure's statements with their scores and reasons.
type rationaleGroup struct {
	Measure string
	Items   []rationaleLine
}

// rationaleLine is one statement's score and the board's reason for it.
// Every statement is listed, so the section is also the index of every
// statement and its score.
type rationaleLine struct {
	StatementID string
	Statement   string
	Score       model.Score
	// Rationale is the text as typed, line breaks kept; "" when the score
	// has no recorded reason.
	Rationale string
	By        string
	At        time.Time
}

// scored is a statement and its score.
type scored struct {
	ID    string
	Text  string
	Score model.Score
}

type measureLine struct {
	Stats     model.MeasureStats
	Strongest []scored
	Weakest   []scored
	// DMA is the national mean with the DMA's two decimals, "–" when the benchmark
	// lacks the measure; only shown when report.Bench is set.
	DMA string
}

type gapLine struct {
	Rank        int
	Measure     string
	StatementID string
	Statement   string
	Score       model.Score
	// Gap is MaxLevel minus Score, or -1 when not assessed.
	Gap         int
	LiveActions int
	// resources are the statement's knowledge base from the criteria.
	resources []criteria.Resource
}

type evidenceLine struct {
	Measure     string
	StatementID string
	Statement   string
	Item        model.Evidence
}

// evidenceStatement is a statement whose evidence the index lists, in
// framework order.
type evidenceStatement struct {
	Measure, StatementID, Statement string
}

func buildReport(a *model.Assessment, now time.Time) *report {
	return buildReportWith(a, ReportExtras{}, now)
}

// buildReportWith builds the report of a whole assessment a, its actions
// and evidence from its lists.
func buildReportWith(a *model.Assessment, x ReportExtras, now time.Time) *report {
	return newReport(a, x, wholeItems(a, now), model.BuildPlan(a, now), now)
}

// newReport builds the report of a, a whole assessment or a summary,
// whose actions and evidence items reads.
func newReport(a *model.Assessment, x ReportExtras, items ReportItems, plan model.Plan, now time.Time) *report {
	r := &report{
		Organisation: a.Organisation,
		Audience:     a.Audience.Title(),
		Period:       a.Period,
		CareSetting:  string(a.CareSetting),
		Date:         now.Format(longDate),
		Heatmap:      a.BuildHeatmap(now),
		Counts:       a.CountActions(now),
		actions:      items.Actions,
		evidence:     items.Evidence,
		Statements:   map[string]string{},
		AssuredBy:    strings.TrimSpace(x.AssuredBy),
		plan:         plan,
		now:          now,
	}
	if r.AssuredBy == "" && a.SignOff.Signed() {
		r.AssuredBy = a.SignOff.Short() // the recorded sign-off (plan.go)
	}
	if c := a.Criteria; c != nil {
		r.Framework = strings.TrimSpace(c.Framework.Name + " " + c.Framework.Version)
		r.Note = c.Framework.Note
		r.MaxLevel = c.MaxLevel()
		r.Scale = slices.Clone(c.Scale)
		slices.SortFunc(r.Scale, func(p, q criteria.Level) int { return cmp.Compare(p.Level, q.Level) })
	}
	r.Overall = r.Heatmap.Overall
	var gaps, unassessed []gapLine
	for _, row := range r.Heatmap.Rows {
		m := row.Measure
		line := measureLine{Stats: row.Stats}
		group := rationaleGroup{Measure: m.Name}
		for _, s := range m.Statements {
			resp := a.Responses[s.ID]
			group.Items = append(group.Items, rationaleLine{
				StatementID: s.ID, Statement: s.Text, Score: resp.Score,
				Rationale: strings.TrimSpace(resp.Rationale), By: resp.UpdatedBy, At: resp.UpdatedAt,
			})
			r.Statements[s.ID] = s.Text
			sc := a.Score(s.ID)
			live := a.Items(s.ID, now).Live()
			g := gapLine{Measure: m.Name, StatementID: s.ID, Statement: s.Text, Score: sc, Gap: -1, LiveActions: live, resources: s.Resources}
			if !sc.Assessed() {
				unassessed = append(unassessed, g)
			} else {
				if g.Gap = r.MaxLevel - int(sc); g.Gap > 0 {
					gaps = append(gaps, g)
				}
				it := scored{ID: s.ID, Text: s.Text, Score: sc}
				switch {
				case len(line.Strongest) == 0 || sc > line.Strongest[0].Score:
					line.Strongest = []scored{it}
				case sc == line.Strongest[0].Score:
					line.Strongest = append(line.Strongest, it)
				}
				switch {
				case len(line.Weakest) == 0 || sc < line.Weakest[0].Score:
					line.Weakest = []scored{it}
				case sc == line.Weakest[0].Score:
					line.Weakest = append(line.Weakest, it)
				}
			}
			r.evidenceOf = append(r.evidenceOf, evidenceStatement{Measure: m.Name, StatementID: s.ID, Statement: s.Text})
		}
		r.Measures = append(r.Measures, line)
		if len(group.Items) > 0 {
			r.Rationales = append(r.Rationales, group)
		}
	}
	// Stable: equal gaps keep framework order.
	slices.SortStableFunc(gaps, func(p, q gapLine) int { return cmp.Compare(q.Gap, p.Gap) })
	all := append(gaps, unassessed...)
	for i := 0; i < len(all) && i < GapLimit; i++ {
		all[i].Rank = i + 1
		r.Gaps = append(r.Gaps, all[i])
	}
	r.Resources = resourceLines(r.Gaps)
	r.addBenchmark(a, x.Benchmark)
	r.addTrend(a, x.History)
	r.addAgreements(a)
	return r
}

func ids(list []scored) string {
	if len(list) == 0 {
		return ""
	}
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = s.ID
	}
	return fmt.Sprintf("%s (%d)", strings.Join(parts, ", "), int(list[0].Score))
}

// meanText is a mean as every table shows it: model.FormatMean, "–" when
// nothing is scored.
func meanText(st model.MeasureStats) string {
	if !st.HasMean() {
		return "–"
	}
	return model.FormatMean(st.Mean)
}

func shareText(st model.MeasureStats) string {
	return fmt.Sprintf("%d of %d (%.0f%%)", st.Assessed, st.Total, st.Share()*100)
}

func gapText(g gapLine) string {
	if g.Gap < 0 {
		return "unknown"
	}
	return fmt.Sprintf("%d", g.Gap)
}

func scoreText(s model.Score) string {
	if !s.Assessed() {
		return "not assessed"
	}
	return s.String()
}

// plain flattens text for the fixed-width heatmap grid: no line breaks and
// no control characters, cut to width runes.
func plain(s string, width int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > width {
		rs := []rune(s)
		s = string(rs[:width-1]) + "…"
	}
	return s
}

// WriteReportMarkdown writes the board report for a as Markdown: the
// organisation, period and date; the heatmap as a text grid; per-measure
// figures; the ten largest gaps; every action; an index of evidence; the
// rationales; and an appendix of the criteria's resources behind the
// largest gaps. All user text is escaped so it cannot break a table or inject HTML.
func WriteReportMarkdown(w io.Writer, a *model.Assessment, now time.Time) error {
	return WriteReportMarkdownWith(w, a, ReportExtras{}, now)
}

// WriteReportMarkdownWith is WriteReportMarkdown with the optional parts in
// x: a DMA national mean column beside each measure, and a Trend section
// (a table of each measure's mean per period) after the measures.
func WriteReportMarkdownWith(w io.Writer, a *model.Assessment, x ReportExtras, now time.Time) error {
	return writeReportMarkdown(w, buildReportWith(a, x, now))
}

// writeReportMarkdown writes r as Markdown, its actions and evidence as
// they are read.
func writeReportMarkdown(w io.Writer, r *report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Digital maturity board report: %s\n\n", mdLine(r.Organisation))
	facts := [][2]string{
		{"Organisation", mdLine(r.Organisation)},
		{"Audience", mdLine(r.Audience)},
		{"Period", mdLine(r.Period)},
		{"Report date", r.Date},
		{"Framework", mdLine(r.Framework)},
	}
	if r.CareSetting != "" {
		facts = append(facts[:3], append([][2]string{{"Care setting", mdLine(r.CareSetting)}}, facts[3:]...)...)
	}
	if r.AssuredBy != "" {
		facts = append(facts, [2]string{"Assured by", mdLine(r.AssuredBy)})
	}
	for _, f := range facts {
		fmt.Fprintf(bw, "- **%s:** %s\n", f[0], f[1])
	}
	if r.Note != "" {
		fmt.Fprintf(bw, "\n_%s_\n", mdLine(r.Note))
	}

	bw.WriteString("\n## Summary\n\n")
	fmt.Fprintf(bw, "%s\n", summarySentence(r))

	bw.WriteString("\n## Heatmap\n\n")
	grid := heatmapGrid(r)
	fence := "```"
	for strings.Contains(grid, fence) {
		fence += "`"
	}
	fmt.Fprintf(bw, "%stext\n%s%s\n\n", fence, grid, fence)
	fmt.Fprintf(bw, "%s\n", mdLine(legendText(r)))

	bw.WriteString("\n## Measures\n\n")
	var rows [][]string
	for _, m := range r.Measures {
		row := []string{mdCell(m.Stats.Name), meanText(m.Stats)}
		if r.Bench != nil {
			row = append(row, m.DMA)
		}
		rows = append(rows, append(row,
			shareText(m.Stats), mdCell(ids(m.Strongest)), mdCell(ids(m.Weakest)),
			fmt.Sprint(m.Stats.Evidence), openText(m.Stats),
		))
	}
	overall := []string{"**Overall**", meanText(r.Overall)}
	head := []string{"Measure", "Mean"}
	if r.Bench != nil {
		overall = append(overall, "")
		head = append(head, mdCell(r.Bench.Heading))
	}
	rows = append(rows, append(overall, shareText(r.Overall), "", "", fmt.Sprint(r.Overall.Evidence), openText(r.Overall)))
	mdTable(bw, append(head, "Assessed", "Strongest", "Weakest", "Evidence", "Open actions"), rows)
	bw.WriteString("\nStrongest and weakest list the highest- and lowest-scored statements, with their score.\n")
	if r.Bench != nil {
		fmt.Fprintf(bw, "\n_%s_\n", mdLine(r.Bench.Note))
	}

	if t := r.Trend; t != nil {
		fmt.Fprintf(bw, "\n## Trend\n\n%s\n\n", trendNote)
		head := []string{"Measure"}
		for _, p := range t.Periods {
			head = append(head, mdCell(p))
		}
		rows = rows[:0]
		for _, l := range t.Rows {
			name := mdCell(l.Name)
			if l.Overall {
				name = "**Overall**"
			}
			row := []string{name}
			for _, p := range l.Points {
				row = append(row, trendCell(p))
			}
			rows = append(rows, append(row, l.Change))
		}
		mdTable(bw, append(head, "Change"), rows)
		if t.Like != "" {
			fmt.Fprintf(bw, "\n%s\n", mdLine(t.Like))
		}
	}

	writeAgreedMarkdown(bw, r)

	fmt.Fprintf(bw, "\n## The largest gaps\n\n%s\n\n", gapExplanation)
	if len(r.Gaps) == 0 {
		bw.WriteString("No gaps: every statement is at the top level.\n")
	} else {
		rows = rows[:0]
		for _, g := range r.Gaps {
			rows = append(rows, []string{
				fmt.Sprint(g.Rank), "**" + mdCell(g.StatementID) + "** " + mdCell(g.Statement), mdCell(g.Measure),
				scoreText(g.Score), gapText(g), fmt.Sprint(g.LiveActions),
			})
		}
		mdTable(bw, []string{"#", "Statement", "Measure", "Score", "Gap", "Open actions"}, rows)
	}

	writePlanSection(bw, r.plan, r.now)
	bw.WriteString("\n## Actions\n")
	fmt.Fprintf(bw, "\n%s\n", actionSentence(r.Counts))
	if _, err := writeActionSections(bw, r.actions(true), 2); err != nil {
		return fmt.Errorf("write report: %w", err)
	}

	bw.WriteString("\n## Evidence index\n\n")
	n := 0
	for e, err := range r.evidenceLines() {
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if n == 0 {
			mdTable(bw, []string{"Statement", "Evidence", "Link or reference", "Added by", "Added", "Needs review"}, nil)
		}
		n++
		item := mdCell(e.Item.Title)
		if e.Item.Detail != "" {
			item += ": " + mdCell(e.Item.Detail)
		}
		review := ""
		if e.Item.NeedsReview {
			review = "yes"
		}
		mdRow(bw, []string{
			mdCell(e.StatementID), item, mdCell(e.Item.Link), mdCell(e.Item.AddedBy),
			model.FormatDate(e.Item.AddedAt), review,
		})
	}
	if n == 0 {
		bw.WriteString("No evidence recorded yet.\n")
	}

	bw.WriteString("\n## Rationales\n\n" + rationaleNote + "\n")
	if len(r.Rationales) == 0 {
		bw.WriteString("\nThe criteria have no statements for this audience.\n")
	}
	for _, g := range r.Rationales {
		fmt.Fprintf(bw, "\n### %s\n", mdLine(g.Measure))
		for _, it := range g.Items {
			fmt.Fprintf(bw, "\n**%s** %s  \n_Score: %s._", mdLine(it.StatementID), mdLine(it.Statement), mdLine(r.ScoreLabel(it.Score)))
			if by := rationaleBy(it); by != "" {
				fmt.Fprintf(bw, " _%s._", mdLine(by))
			}
			bw.WriteString("\n\n")
			if it.Rationale == "" {
				bw.WriteString("> _" + noRationale(it) + "_\n")
				continue
			}
			// Two trailing spaces keep each typed line break a line break.
			lines := strings.Split(strings.ReplaceAll(it.Rationale, "\r\n", "\n"), "\n")
			for i, l := range lines {
				switch l = mdPara(l); {
				case l == "":
					bw.WriteString(">\n")
				case i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "":
					bw.WriteString("> " + l + "  \n")
				default:
					bw.WriteString("> " + l + "\n")
				}
			}
		}
	}
	writeResourcesMarkdown(bw, r)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// ScoreLabel is a score with its level's label: "4 Established", or "not
// assessed".
func (r *report) ScoreLabel(s model.Score) string {
	if !s.Assessed() {
		return "not assessed"
	}
	for _, l := range r.Scale {
		if l.Level == int(s) && l.Label != "" {
			return fmt.Sprintf("%d %s", int(s), l.Label)
		}
	}
	return s.String()
}

// mdPara is mdLine for a line of a paragraph: a leading "-", "+", "=" or
// "1." is escaped too, so user text never turns into a list or heading.
func mdPara(s string) string {
	s = mdLine(s)
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return "\\" + s
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// noRationale is what stands in for a missing rationale.
func noRationale(it rationaleLine) string {
	if !it.Score.Assessed() {
		return "Not assessed yet."
	}
	return "No rationale recorded."
}

// rationaleNote introduces the Rationales section in every format.
const rationaleNote = "Every statement with its score and the board's reason for it, as recorded, by measure in framework order."

// rationaleBy says who recorded a score and when: "Recorded by amira on
// 2026-01-12", or "" when neither is known.
func rationaleBy(it rationaleLine) string {
	by, at := strings.TrimSpace(it.By), model.FormatDate(it.At)
	switch {
	case by != "" && at != "":
		return "Recorded by " + by + " on " + at
	case by != "":
		return "Recorded by " + by
	case at != "":
		return "Recorded on " + at
	}
	return ""
}

func openText(st model.MeasureStats) string {
	if st.Overdue > 0 {
		return fmt.Sprintf("%d (%d overdue)", st.OpenActions, st.Overdue)
	}
	return fmt.Sprint(st.OpenActions)
}

func summarySentence(r *report) string {
	o := r.Overall
	s := fmt.Sprintf("%d of %d statements assessed (%.0f%%).", o.Assessed, o.Total, o.Share()*100)
	if o.HasMean() {
		s = fmt.Sprintf("Overall mean score %s out of %d (the mean of the measure means). ", model.FormatMean(o.Mean), r.MaxLevel) + s
	}
	return s + fmt.Sprintf(" %d evidence items; %d open actions, %d of them overdue.", o.Evidence, o.OpenActions, o.Overdue)
}

func actionSentence(c model.ActionCounts) string {
	return fmt.Sprintf("%d open, %d in progress, %d done, %d dropped; %d overdue.", c.Open, c.InProgress, c.Done, c.Dropped, c.Overdue)
}

func legendText(r *report) string {
	parts := make([]string, 0, len(r.Scale)+1)
	for _, l := range r.Scale {
		parts = append(parts, fmt.Sprintf("%d %s", l.Level, l.Label))
	}
	parts = append(parts, "· not assessed")
	return "Scores: " + strings.Join(parts, "; ") + ". Columns are the measure's statements in framework order."
}

// heatmapGrid lays the heatmap out as fixed-width text, one line per
// measure, ending in a newline.
func heatmapGrid(r *report) string {
	nameW := len("Measure")
	for _, row := range r.Heatmap.Rows {
		nameW = max(nameW, utf8.RuneCountInString(plain(row.Measure.Name, 32)))
	}
	pad := func(s string, w int) string {
		return s + strings.Repeat(" ", max(0, w-utf8.RuneCountInString(s)))
	}
	var b strings.Builder
	b.WriteString(pad("Measure", nameW))
	for i := 1; i <= r.Heatmap.Width; i++ {
		fmt.Fprintf(&b, " %2d", i)
	}
	b.WriteString("   Mean  Assessed  Open\n")
	for _, row := range append(r.Heatmap.Rows, model.HeatmapRow{Measure: criteria.Measure{Name: "Overall"}, Stats: r.Overall}) {
		b.WriteString(pad(plain(row.Measure.Name, 32), nameW))
		for i := 0; i < r.Heatmap.Width; i++ {
			cell := ""
			if i < len(row.Cells) {
				cell = row.Cells[i].Score.String()
			}
			b.WriteString("  " + pad(cell, 1))
		}
		fmt.Fprintf(&b, "   %4s  %8s  %4d\n", meanText(row.Stats), fmt.Sprintf("%.0f%%", row.Stats.Share()*100), row.Stats.OpenActions)
	}
	return b.String()
}
