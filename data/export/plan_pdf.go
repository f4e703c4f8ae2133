package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"wgll/model"
)

// writePlanPDF writes the plan as an A4 PDF for the board pack, on the
// board report's PDF engine: title and sign-off, the ranking rule, the gaps
// in rank order (a gap with no open action flagged in words) and readiness
// per measure.
func writePlanPDF(w io.Writer, a *model.Assessment, p model.Plan, now time.Time) error {
	title := "Improvement plan: " + a.Organisation + " · " + a.Period
	d := newPDF(title, a.Organisation+" · "+a.Period+" · Improvement plan", now)
	d.para(pdfText(title), "B", pdfSizeTitle, pdfInk, 0)
	d.facts([][2]string{
		{"As at", now.Format(longDate)},
		{"Sign-off", pdfText(a.SignOff.Summary())},
		{"Gaps", fmt.Sprintf("%s; %d without an action; %d at or above target; %d with a target but not scored yet",
			count(len(p.Items), "gap to close", "gaps to close"), p.NoAction(), p.Met, len(p.Unscored))},
	})
	d.para(model.PlanRule, "I", pdfSizeSmall+0.5, pdfGrey, 0)
	d.heading("Gaps, ranked", pdfSizeH1)
	if len(p.Items) == 0 {
		d.para("No gaps: set targets to build a plan.", "", pdfSizeBody, pdfInk, 0)
	} else {
		cols := []pdfCol{
			{Head: "#", Right: true, NoWrap: true}, {Head: "Statement", NoWrap: true, Bold: true}, {Head: "Text", Weight: 3},
			{Head: "Score", Center: true, NoWrap: true}, {Head: "Target", Weight: 1.1}, {Head: "Gap", Center: true, NoWrap: true},
			{Head: "Evidence", Weight: 1.2}, {Head: "Actions", Weight: 3},
		}
		var rows [][]pdfCell
		for i, it := range p.Items {
			acts := make([]string, 0, len(it.Actions))
			for _, x := range it.Actions {
				acts = append(acts, pdfText(actionText(x, now)))
			}
			actCell := pdfCell{Text: strings.Join(acts, "; ")}
			if it.NoAction() {
				actCell = pdfCell{Text: NoActionFlag, Bold: true}
			}
			fill := scoreFill[max(0, min(int(it.Score), len(scoreFill)-1))]
			rows = append(rows, []pdfCell{
				{Text: strconv.Itoa(i + 1)}, {Text: pdfText(it.StatementID)}, {Text: pdfText(it.Text)},
				{Text: it.Score.String(), Fill: &fill, Bold: true}, {Text: pdfText(targetText(it))}, {Text: strconv.Itoa(it.Gap), Bold: true},
				{Text: evidenceText(it)}, actCell,
			})
		}
		d.table(cols, rows, tableStyle{size: pdfSizeTable, minW: 6})
	}
	d.heading("Readiness", pdfSizeH1)
	d.para("The share of each measure's gaps with an open action due on or before the target date. It is not a forecast: whether the actions close the gaps is for the board to judge.", "", pdfSizeBody, pdfInk, 0)
	var rows [][]pdfCell
	for _, r := range p.Readiness {
		rows = append(rows, []pdfCell{{Text: pdfText(r.Name)}, {Text: strconv.Itoa(r.Gaps)}, {Text: strconv.Itoa(r.Covered)}, {Text: pct(r)}})
	}
	d.table([]pdfCol{{Head: "Measure", Weight: 1, Bold: true}, {Head: "Gaps", Right: true, NoWrap: true}, {Head: "With an action in time", Right: true, NoWrap: true}, {Head: "Readiness", NoWrap: true}},
		rows, tableStyle{size: pdfSizeTable, minW: 6})
	if len(p.Unscored) > 0 {
		d.para("Target set but not scored yet: "+pdfText(strings.Join(p.Unscored, ", ")), "", pdfSizeSmall+0.5, pdfGrey, 0)
	}
	return d.output(w, "plan")
}

// fmtPlanJSON is the plan's JSON, labelled with its own schema.
var fmtPlanJSON = Format{Name: "json", Label: "JSON: for other programs (schema " + PlanJSONSchema + ")"}
