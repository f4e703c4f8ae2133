package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"wgll/model"
)

// planFormats are the plan's formats in formats.go's terms, text first.
var planFormats = []Format{fmtText, fmtMD, fmtCSV, fmtXLSX,
	{Name: "json", Label: "JSON: for other programs (schema " + PlanJSONSchema + ")"}, fmtPDF}

// PlanFormats are the formats WritePlan writes: the Plan kind's entry in
// the one list of formats (formats.go).
var PlanFormats = FormatNames(Plan)

// PlanJSONSchema names the version of the JSON plan; new fields may be
// added, none is removed or changes meaning within a version.
const PlanJSONSchema = "wgll.plan/v1"

// WritePlan writes a's improvement plan on the day of now in format (one of
// PlanFormats). Warnings are for the XLSX writer's cut cells.
func WritePlan(w io.Writer, format string, a *model.Assessment, now time.Time) (warnings []string, err error) {
	return WritePlanOf(w, format, a, model.BuildPlan(a, now), now)
}

// WritePlanOf is WritePlan of plan p, already built (model.BuildPlanFrom
// on a summary of a, which then need not hold its evidence and actions).
func WritePlanOf(w io.Writer, format string, a *model.Assessment, p model.Plan, now time.Time) (warnings []string, err error) {
	switch format {
	case "text", "":
		return nil, writePlanText(w, a, p, now)
	case "md":
		return nil, writePlanMarkdown(w, a, p, now)
	case "csv":
		return nil, writePlanCSV(w, a, p, now)
	case "json":
		return nil, writePlanJSON(w, a, p, now)
	case "xlsx":
		return writePlanXLSX(w, a, p, now)
	case "pdf":
		return nil, writePlanPDF(w, a, p, now)
	}
	return nil, fmt.Errorf("plan format %q is not one of %s", format, strings.Join(PlanFormats, ", "))
}

// planText flattens stored text to one safe line for a terminal or a text
// file: control characters (escape sequences' ESC among them) become
// spaces, and bidirectional and zero-width characters, which make text read
// other than it is stored, are dropped.
func planText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			return ' '
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c,
			r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func measureName(a *model.Assessment, key string) string {
	if m, ok := a.Criteria.Measure(key); ok {
		return m.Name
	}
	return key
}

func targetText(it model.PlanItem) string {
	s := it.Target.String()
	if it.FromMeasure {
		s += " (measure default)"
	}
	return s
}

func evidenceText(it model.PlanItem) string {
	s := count(it.Evidence, "evidence item", "evidence items")
	if it.Weak > 0 {
		s += fmt.Sprintf(", %d stale or low-confidence", it.Weak)
	}
	return s
}

func actionText(x model.Action, now time.Time) string {
	var parts []string
	if x.Owner != "" {
		parts = append(parts, "owner "+planText(x.Owner))
	}
	if !x.Due.IsZero() {
		parts = append(parts, "due "+model.FormatDate(x.Due))
	}
	if d := x.DaysOverdue(now); d > 0 {
		parts = append(parts, count(d, "day overdue", "days overdue"))
	}
	s := planText(x.Title)
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func pct(r model.Readiness) string {
	if r.Gaps == 0 {
		return "no gaps"
	}
	return fmt.Sprintf("%d of %d gaps (%.0f%%)", r.Covered, r.Gaps, 100*r.Share())
}

// NoActionFlag marks a gap with no open action, in words rather than colour.
const NoActionFlag = "NO ACTION YET"

func writePlanText(w io.Writer, a *model.Assessment, p model.Plan, now time.Time) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Improvement plan: %s (%s), %s\n", planText(a.Organisation), a.Audience, planText(a.Period))
	fmt.Fprintf(b, "As at %s. %s.\n", model.FormatDate(now), planText(a.SignOff.Summary()))
	fmt.Fprintf(b, "%s\n\n", model.PlanRule)
	fmt.Fprintf(b, "%s to close; %d without an action; %d at or above target; %d with a target but not scored yet.\n\n",
		count(len(p.Items), "gap", "gaps"), p.NoAction(), p.Met, len(p.Unscored))
	for i, it := range p.Items {
		fmt.Fprintf(b, "%d. %s · %s · score %s, target %s: gap %d\n", i+1, it.StatementID, planText(measureName(a, it.MeasureKey)), it.Score, targetText(it), it.Gap)
		fmt.Fprintf(b, "   %s\n", planText(it.Text))
		fmt.Fprintf(b, "   %s\n", evidenceText(it))
		if it.NoAction() {
			fmt.Fprintf(b, "   %s\n", NoActionFlag)
		}
		for _, x := range it.Actions {
			fmt.Fprintf(b, "   - %s\n", actionText(x, now))
		}
	}
	if len(p.Items) == 0 {
		b.WriteString("No gaps: set targets (wgll target) to build a plan.\n")
	}
	b.WriteString("\nReadiness: gaps with an open action due by the target date\n")
	width := 0
	for _, r := range p.Readiness {
		width = max(width, utf8.RuneCountInString(planText(r.Name)))
	}
	for _, r := range p.Readiness {
		name := planText(r.Name)
		fmt.Fprintf(b, "  %s%s  %s\n", name, strings.Repeat(" ", width-utf8.RuneCountInString(name)), pct(r))
	}
	if len(p.Unscored) > 0 {
		fmt.Fprintf(b, "\nTarget set but not scored yet: %s\n", strings.Join(p.Unscored, ", "))
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write the plan: %w", err)
	}
	return nil
}

func writePlanMarkdown(w io.Writer, a *model.Assessment, p model.Plan, now time.Time) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Improvement plan: %s, %s\n\n", mdLine(a.Organisation), mdLine(a.Period))
	fmt.Fprintf(b, "As at %s. %s.\n\n", model.FormatDate(now), mdLine(a.SignOff.Summary()))
	fmt.Fprintf(b, "*How the plan is ranked:* %s\n\n", mdLine(model.PlanRule))
	fmt.Fprintf(b, "%s to close; %d without an action; %d at or above target; %d with a target but not scored yet.\n\n",
		count(len(p.Items), "gap", "gaps"), p.NoAction(), p.Met, len(p.Unscored))
	var rows [][]string
	for i, it := range p.Items {
		acts := make([]string, 0, len(it.Actions))
		for _, x := range it.Actions {
			acts = append(acts, mdCell(actionText(x, now)))
		}
		if it.NoAction() {
			acts = append(acts, "**"+NoActionFlag+"**")
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), mdCell(it.StatementID), mdCell(measureName(a, it.MeasureKey)), mdCell(it.Text),
			it.Score.String(), mdCell(targetText(it)), strconv.Itoa(it.Gap), mdCell(evidenceText(it)), strings.Join(acts, "<br>")})
	}
	if len(rows) > 0 {
		mdTable(b, []string{"#", "Statement", "Measure", "Text", "Score", "Target", "Gap", "Evidence", "Actions"}, rows)
	} else {
		b.WriteString("No gaps: set targets to build a plan.\n")
	}
	b.WriteString("\n## Readiness\n\nThe share of each measure's gaps with an open action due by the target date. It is not a forecast: whether the actions close the gaps is for the board to judge.\n\n")
	var rr [][]string
	for _, r := range p.Readiness {
		rr = append(rr, []string{mdCell(r.Name), strconv.Itoa(r.Gaps), strconv.Itoa(r.Covered), pct(r)})
	}
	mdTable(b, []string{"Measure", "Gaps", "With an action in time", "Readiness"}, rr)
	if len(p.Unscored) > 0 {
		fmt.Fprintf(b, "\nTarget set but not scored yet: %s\n", mdCell(strings.Join(p.Unscored, ", ")))
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write the plan: %w", err)
	}
	return nil
}

// planHeaders are the columns of the CSV and XLSX plans: one row per action
// of each gap, or one row for a gap with none.
var planHeaders = []string{"Rank", "Statement ID", "Measure", "Statement", "Score", "Target", "Target date", "Target from",
	"Gap", "Evidence", "Weak evidence", "Overdue actions", "Flag", "Action ID", "Action", "Owner", "Due", "Status", "Days overdue"}

func planRows(a *model.Assessment, p model.Plan, now time.Time) [][]string {
	var out [][]string
	for i, it := range p.Items {
		from := "statement"
		if it.FromMeasure {
			from = "measure"
		}
		base := []string{strconv.Itoa(i + 1), it.StatementID, measureName(a, it.MeasureKey), it.Text, it.Score.String(),
			it.Target.Level.String(), model.FormatDate(it.Target.Due), from, strconv.Itoa(it.Gap),
			strconv.Itoa(it.Evidence), strconv.Itoa(it.Weak), strconv.Itoa(it.Overdue)}
		if it.NoAction() {
			out = append(out, append(append([]string(nil), base...), NoActionFlag, "", "", "", "", "", ""))
			continue
		}
		for _, x := range it.Actions {
			out = append(out, append(append([]string(nil), base...), "", strconv.FormatInt(x.ID, 10), x.Title, x.Owner,
				model.FormatDate(x.Due), string(x.Status), strconv.Itoa(x.DaysOverdue(now))))
		}
	}
	return out
}

func writePlanCSV(w io.Writer, a *model.Assessment, p model.Plan, now time.Time) error {
	b := bufio.NewWriter(w)
	b.WriteString("\uFEFF")
	writeCSVRecord(b, planHeaders)
	for _, r := range planRows(a, p, now) {
		for i := range r {
			r[i] = SafeCell(r[i])
		}
		writeCSVRecord(b, r)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write the plan as CSV: %w", err)
	}
	return nil
}

// planJSON is the JSON plan (schema PlanJSONSchema). Field names are part
// of the documented schema: do not rename them.
type planJSON struct {
	Schema       string          `json:"schema"`
	AssessmentID int64           `json:"assessment_id"`
	Organisation string          `json:"organisation"`
	Period       string          `json:"period"`
	AsAt         string          `json:"as_at"`
	SignOff      *signOffJSON    `json:"sign_off"`
	Rule         string          `json:"rule"`
	Gaps         []planGapJSON   `json:"gaps"`
	Readiness    []readinessJSON `json:"readiness"`
	Unscored     []string        `json:"unscored_with_target"`
	Met          int             `json:"met"`
}

type signOffJSON struct {
	AssuredBy  string `json:"assured_by"`
	AssuredOn  string `json:"assured_on"`
	ApprovedBy string `json:"approved_by,omitempty"`
	ApprovedOn string `json:"approved_on,omitempty"`
	MinuteRef  string `json:"minute_ref,omitempty"`
}

type planGapJSON struct {
	Rank          int              `json:"rank"`
	StatementID   string           `json:"statement_id"`
	MeasureKey    string           `json:"measure_key"`
	Statement     string           `json:"statement"`
	Score         int              `json:"score"`
	Target        int              `json:"target"`
	TargetDate    *string          `json:"target_date"`
	TargetFrom    string           `json:"target_from"`
	Gap           int              `json:"gap"`
	Evidence      int              `json:"evidence"`
	WeakEvidence  int              `json:"weak_evidence"`
	Overdue       int              `json:"overdue_actions"`
	NoAction      bool             `json:"no_action"`
	ReadyByTarget bool             `json:"action_due_by_target"`
	Actions       []planActionJSON `json:"actions"`
}

type planActionJSON struct {
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	Owner       string  `json:"owner"`
	Due         *string `json:"due"`
	Status      string  `json:"status"`
	DaysOverdue int     `json:"days_overdue"`
}

type readinessJSON struct {
	MeasureKey string  `json:"measure_key"`
	Measure    string  `json:"measure"`
	Gaps       int     `json:"gaps"`
	Covered    int     `json:"with_action_by_target"`
	Share      float64 `json:"share"`
}

func dateOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := model.FormatDate(t)
	return &s
}

func writePlanJSON(w io.Writer, a *model.Assessment, p model.Plan, now time.Time) error {
	doc := planJSON{Schema: PlanJSONSchema, AssessmentID: a.ID, Organisation: a.Organisation, Period: a.Period,
		AsAt: model.FormatDate(now), Rule: model.PlanRule, Gaps: []planGapJSON{}, Readiness: []readinessJSON{},
		Unscored: append([]string{}, p.Unscored...), Met: p.Met}
	if so := a.SignOff; so.Signed() {
		doc.SignOff = &signOffJSON{AssuredBy: so.AssuredBy, AssuredOn: model.FormatDate(so.AssuredOn),
			ApprovedBy: string(so.ApprovedBy), ApprovedOn: model.FormatDate(so.ApprovedOn), MinuteRef: so.MinuteRef}
	}
	for i, it := range p.Items {
		g := planGapJSON{Rank: i + 1, StatementID: it.StatementID, MeasureKey: it.MeasureKey, Statement: it.Text,
			Score: int(it.Score), Target: int(it.Target.Level), TargetDate: dateOrNil(it.Target.Due), TargetFrom: "statement",
			Gap: it.Gap, Evidence: it.Evidence, WeakEvidence: it.Weak, Overdue: it.Overdue, NoAction: it.NoAction(),
			ReadyByTarget: it.ReadyByTarget(), Actions: []planActionJSON{}}
		if it.FromMeasure {
			g.TargetFrom = "measure"
		}
		for _, x := range it.Actions {
			g.Actions = append(g.Actions, planActionJSON{ID: x.ID, Title: x.Title, Owner: x.Owner, Due: dateOrNil(x.Due),
				Status: string(x.Status), DaysOverdue: x.DaysOverdue(now)})
		}
		doc.Gaps = append(doc.Gaps, g)
	}
	for _, r := range p.Readiness {
		doc.Readiness = append(doc.Readiness, readinessJSON{MeasureKey: r.MeasureKey, Measure: r.Name, Gaps: r.Gaps, Covered: r.Covered, Share: r.Share()})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the plan: %w", err)
	}
	if _, err := w.Write(append(out, '\n')); err != nil {
		return fmt.Errorf("write the plan: %w", err)
	}
	return nil
}

const (
	planSheet      = "Plan"
	readinessSheet = "Readiness"
)

func writePlanXLSX(w io.Writer, a *model.Assessment, p model.Plan, now time.Time) ([]string, error) {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f}
	if err := f.SetSheetName("Sheet1", planSheet); err != nil {
		return nil, fmt.Errorf("write XLSX: name sheet: %w", err)
	}
	if _, err := f.NewSheet(readinessSheet); err != nil {
		return nil, fmt.Errorf("write XLSX: add sheet: %w", err)
	}
	if err := x.styles(); err != nil {
		return nil, err
	}
	numeric := map[int]bool{0: true, 4: true, 5: true, 8: true, 9: true, 10: true, 11: true, 13: true, 18: true}
	dates := map[int]bool{6: true, 16: true}
	widths := make([]int, len(planHeaders))
	for i, h := range planHeaders {
		if err := x.text(planSheet, i+1, 1, h, "header "+h, x.top); err != nil {
			return nil, err
		}
		widths[i] = len(h) + 3
	}
	rows := planRows(a, p, now)
	for ri, r := range rows {
		for ci, s := range r {
			widths[ci] = max(widths[ci], longestLine(s))
			col, row := ci+1, ri+2
			switch {
			case s == "":
			case numeric[ci]:
				if n, err := strconv.Atoi(s); err == nil {
					if err := x.set(planSheet, col, row, n, 0); err != nil {
						return nil, err
					}
					continue
				}
				if err := x.text(planSheet, col, row, s, "plan cell", x.top); err != nil {
					return nil, err
				}
			case dates[ci]:
				d, _ := model.ParseDate(s)
				if err := x.set(planSheet, col, row, wallClock(d), x.date); err != nil {
					return nil, err
				}
			default:
				if err := x.text(planSheet, col, row, s, fmt.Sprintf("the %s of gap %s", strings.ToLower(planHeaders[ci]), r[1]), x.top); err != nil {
					return nil, err
				}
			}
		}
	}
	for i, wd := range widths {
		col := colName(i + 1)
		if err := f.SetColWidth(planSheet, col, col, float64(min(max(wd, 8), 60))+1); err != nil {
			return nil, fmt.Errorf("write XLSX: set column width: %w", err)
		}
	}
	if err := f.SetCellStyle(planSheet, "A1", cellName(len(planHeaders), 1), x.header); err != nil {
		return nil, fmt.Errorf("write XLSX: style header: %w", err)
	}
	if err := f.SetPanes(planSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("write XLSX: freeze header: %w", err)
	}
	if err := f.AutoFilter(planSheet, "A1:"+cellName(len(planHeaders), len(rows)+1), nil); err != nil {
		return nil, fmt.Errorf("write XLSX: add filter: %w", err)
	}
	for i, h := range []string{"Measure key", "Measure", "Gaps", "With an action due by the target date", "Readiness"} {
		if err := x.text(readinessSheet, i+1, 1, h, "header "+h, x.top); err != nil {
			return nil, err
		}
	}
	for i, r := range p.Readiness {
		row := i + 2
		if err := x.text(readinessSheet, 1, row, r.MeasureKey, "measure key", x.top); err != nil {
			return nil, err
		}
		if err := x.text(readinessSheet, 2, row, r.Name, "measure name", x.top); err != nil {
			return nil, err
		}
		if err := x.set(readinessSheet, 3, row, r.Gaps, 0); err != nil {
			return nil, err
		}
		if err := x.set(readinessSheet, 4, row, r.Covered, 0); err != nil {
			return nil, err
		}
		if r.Gaps > 0 {
			if err := x.set(readinessSheet, 5, row, r.Share(), x.pct); err != nil {
				return nil, err
			}
		}
	}
	notes := []string{"Ranking: " + model.PlanRule, "Sign-off: " + a.SignOff.Summary(), "As at " + model.FormatDate(now)}
	for i, n := range notes {
		if err := x.text(readinessSheet, 1, len(p.Readiness)+3+i, n, "note", x.top); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle(readinessSheet, "A1", "E1", x.header); err != nil {
		return nil, fmt.Errorf("write XLSX: style header: %w", err)
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return nil, fmt.Errorf("write XLSX: %w", err)
	}
	return x.warnings, nil
}

// writePlanSection is the board report's improvement plan: the rule, the
// ranked gaps with their actions and readiness per measure. It writes
// nothing for an assessment with no targets, whose plan would be empty.
func writePlanSection(b *bufio.Writer, p model.Plan, now time.Time) {
	if len(p.Items) == 0 && len(p.Unscored) == 0 && p.Met == 0 {
		return
	}
	b.WriteString("\n## Improvement plan\n\n")
	fmt.Fprintf(b, "%s to close; %d without an action. *Ranked:* %s\n\n", count(len(p.Items), "gap", "gaps"), p.NoAction(), mdLine(model.PlanRule))
	var rows [][]string
	for i, it := range p.Items {
		acts := make([]string, 0, len(it.Actions))
		for _, x := range it.Actions {
			acts = append(acts, mdCell(actionText(x, now)))
		}
		if it.NoAction() {
			acts = append(acts, "**"+NoActionFlag+"**")
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), mdCell(it.StatementID), it.Score.String(), mdCell(targetText(it)), strconv.Itoa(it.Gap), mdCell(evidenceText(it)), strings.Join(acts, "<br>")})
	}
	if len(rows) > 0 {
		mdTable(b, []string{"#", "Statement", "Score", "Target", "Gap", "Evidence", "Actions"}, rows)
	}
	b.WriteString("\nReadiness (gaps with an open action due by the target date): ")
	var parts []string
	for _, r := range p.Readiness {
		parts = append(parts, mdCell(r.Name)+" "+pct(r))
	}
	b.WriteString(strings.Join(parts, "; ") + ".\n")
}
