package export

import (
	"bufio"
	"fmt"

	"wgll/model"
)

// The board report's workshop section: for each statement whose score a
// board workshop agreed, how it was agreed. It is left out when no
// statement was agreed in a workshop.

// agreedNote is printed above the workshop table in both report formats.
const agreedNote = "Scores agreed in a board workshop: each member voted blind, the votes were revealed at once, " +
	"and the board agreed a score from the last round's distribution (never an average of the first round). " +
	"Counts are votes per level, then \"don't know\". " + model.MedianRounding

// agreedLine is one statement's row of the workshop section, formatted.
type agreedLine struct {
	StatementID string
	Statement   string
	Score       string
	// How says round, whether the score is the suggested one, and when.
	How      string
	Counts   string
	Median   string
	Range    string
	Disagree string
	Dissent  string
}

// addAgreements fills r.Agreed from a's agreements, in framework order.
func (r *report) addAgreements(a *model.Assessment) {
	if len(a.Agreements) == 0 {
		return
	}
	for _, row := range r.Heatmap.Rows {
		for _, s := range row.Measure.Statements {
			ag, ok := a.Agreements[s.ID]
			if !ok {
				continue
			}
			how := fmt.Sprintf("workshop %d, %s, round %d", ag.WorkshopID, ag.AgreedAt.Format(model.DateLayout), ag.Round)
			if !ag.Suggested {
				how += ", chosen over the median"
			}
			score := fmt.Sprint(int(ag.Score))
			if !ag.Standing(a.Score(s.ID)) {
				score += " (changed since to " + scoreText(a.Score(s.ID)) + ")"
			}
			dis := "no"
			if ag.Tally.Disagree {
				dis = "yes"
			}
			r.Agreed = append(r.Agreed, agreedLine{StatementID: s.ID, Statement: s.Text, Score: score, How: how,
				Counts: ag.Tally.CountsText(), Median: ag.Tally.MedianText(), Range: ag.Tally.RangeText(), Disagree: dis, Dissent: ag.Dissent})
		}
	}
}

// writeAgreedMarkdown writes the workshop section, if there is one.
func writeAgreedMarkdown(bw *bufio.Writer, r *report) {
	if len(r.Agreed) == 0 {
		return
	}
	fmt.Fprintf(bw, "\n## How the scores were agreed\n\n%s\n\n", mdLine(agreedNote))
	var rows [][]string
	for _, l := range r.Agreed {
		rows = append(rows, []string{"**" + mdCell(l.StatementID) + "** " + mdCell(l.Statement), mdCell(l.Score), mdCell(l.How),
			mdCell(l.Counts), l.Median, l.Range, l.Disagree, mdCell(l.Dissent)})
	}
	mdTable(bw, []string{"Statement", "Agreed", "How", "Votes", "Median", "Range", "Disagreement", "Dissent"}, rows)
}

// pdfAgreed is the workshop section of the PDF board report, if there is
// one.
func pdfAgreed(d *pdfDoc, r *report) {
	if len(r.Agreed) == 0 {
		return
	}
	d.heading("How the scores were agreed", pdfSizeH1)
	d.para(agreedNote, "", pdfSizeBody, pdfInk, 0)
	cols := []pdfCol{{Head: "ID", NoWrap: true, Bold: true}, {Head: "Statement", Weight: 3}, {Head: "Agreed", Weight: 1},
		{Head: "How", Weight: 2}, {Head: "Votes", Weight: 2}, {Head: "Median", Right: true, NoWrap: true}, {Head: "Range", NoWrap: true},
		{Head: "Disagree", NoWrap: true}, {Head: "Dissent", Weight: 2}}
	var rows [][]pdfCell
	for _, l := range r.Agreed {
		rows = append(rows, []pdfCell{{Text: pdfText(l.StatementID)}, {Text: pdfText(l.Statement)}, {Text: pdfText(l.Score)},
			{Text: pdfText(l.How)}, {Text: pdfText(l.Counts)}, {Text: l.Median}, {Text: l.Range}, {Text: l.Disagree}, {Text: pdfText(l.Dissent)}})
	}
	d.table(cols, rows, tableStyle{size: pdfSizeTable})
}
