package export

import (
	"bufio"
	"fmt"
	"strings"

	"wgll/criteria"
)

// resourcesHeading and resourcesNote open the board report's appendix in
// every format.
const (
	resourcesHeading = "Appendix: Resources for the weakest statements"
	resourcesNote    = "The public standards, measures, guidance, blueprints and templates the criteria list behind each statement listed under \"The largest gaps\", in the same order, so the people closing a gap know where to start."
	// noResources stands in for a statement whose criteria list none.
	noResources = "None listed in the criteria."
)

// resourceLine is one row of the appendix: a gap's statement with one of
// its resources, or with none.
type resourceLine struct {
	Rank        int
	StatementID string
	Statement   string
	// First is set on a statement's first row, which alone names it.
	First bool
	// None is set when the statement has no resources; Res is then empty.
	None bool
	Res  criteria.Resource
}

// resourceLines lists the resources behind gaps, in the gaps' order. It
// is empty when no gap has any, so the appendix then says so once rather
// than once per statement.
func resourceLines(gaps []gapLine) []resourceLine {
	var out []resourceLine
	found := false
	for _, g := range gaps {
		line := resourceLine{Rank: g.Rank, StatementID: g.StatementID, Statement: g.Statement, First: true}
		if len(g.resources) == 0 {
			line.None = true
			out = append(out, line)
			continue
		}
		found = true
		for _, res := range g.resources {
			line.Res = res
			out = append(out, line)
			line.First = false
		}
	}
	if !found {
		return nil
	}
	return out
}

// KindTitle is the resource's kind as a person reads it.
func (l resourceLine) KindTitle() string {
	if l.None {
		return ""
	}
	return l.Res.Kind.Title()
}

// Link is the resource's URL when it is a web address the report may make
// clickable, else "".
func (l resourceLine) Link() string {
	if !webLink(l.Res.URL) {
		return ""
	}
	return strings.TrimSpace(l.Res.URL)
}

// emptyResourcesText is what the appendix says when no gap has resources.
func emptyResourcesText(r *report) string {
	if len(r.Gaps) == 0 {
		return "No gaps, so no resources to list."
	}
	return "The criteria list no resources for these statements."
}

// writeResourcesMarkdown writes the appendix as a Markdown table.
func writeResourcesMarkdown(bw *bufio.Writer, r *report) {
	fmt.Fprintf(bw, "\n## %s\n\n%s\n\n", resourcesHeading, resourcesNote)
	if len(r.Resources) == 0 {
		bw.WriteString(emptyResourcesText(r) + "\n")
		return
	}
	var rows [][]string
	for _, l := range r.Resources {
		rank, stmt := "", ""
		if l.First {
			rank, stmt = fmt.Sprint(l.Rank), "**"+mdCell(l.StatementID)+"** "+mdCell(l.Statement)
		}
		if l.None {
			rows = append(rows, []string{rank, stmt, "_" + noResources + "_", "", "", ""})
			continue
		}
		link := mdCell(l.Res.URL)
		if u := l.Link(); u != "" && !strings.ContainsAny(u, " <>") {
			link = "<" + u + ">"
		}
		rows = append(rows, []string{rank, stmt, mdCell(l.Res.Title), mdCell(l.KindTitle()), mdCell(l.Res.Note), link})
	}
	mdTable(bw, []string{"#", "Statement", "Resource", "Kind", "Why follow it", "Link"}, rows)
}

// pdfResources is the appendix in the PDF report.
func pdfResources(d *pdfDoc, r *report) {
	d.ensure(lineH(pdfSizeH1) + 6*lineH(pdfSizeBody))
	d.heading(resourcesHeading, pdfSizeH1)
	d.para(resourcesNote, "", pdfSizeBody, pdfInk, 0)
	if len(r.Resources) == 0 {
		d.para(emptyResourcesText(r), "", pdfSizeBody, pdfInk, 0)
		return
	}
	cols := []pdfCol{{Head: "#", Right: true, NoWrap: true}, {Head: "ID", NoWrap: true, Bold: true}, {Head: "Resource", Weight: 2},
		{Head: "Kind", Weight: 0.8}, {Head: "Why follow it", Weight: 2}, {Head: "Link", Weight: 1.6}}
	rows := make([][]pdfCell, 0, len(r.Resources))
	for _, l := range r.Resources {
		rank, id := "", ""
		if l.First {
			rank, id = fmt.Sprint(l.Rank), pdfText(l.StatementID)
		}
		if l.None {
			rows = append(rows, []pdfCell{{Text: rank}, {Text: id}, {Text: noResources}, {}, {}, {}})
			continue
		}
		rows = append(rows, []pdfCell{{Text: rank}, {Text: id}, {Text: pdfText(l.Res.Title)}, {Text: pdfText(l.KindTitle())},
			{Text: pdfText(l.Res.Note)}, {Text: pdfText(l.Res.URL), Link: l.Link()}})
	}
	d.table(cols, rows, tableStyle{size: pdfSizeTable})
}
