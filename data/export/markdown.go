package export

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"wgll/model"
)

// mdCell makes user text safe inside a Markdown table cell: HTML special
// characters become entities (so <script> is shown, never run), Markdown
// punctuation and pipes are backslash-escaped (so a pipe never splits a
// cell and text never turns bold or into a link), and line breaks become
// <br> (so a newline never ends the row). Other control characters become
// spaces.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '|', '`', '*', '_', '[', ']', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\u2028', '\u2029':
			b.WriteString("<br>")
		default:
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				b.WriteByte(' ')
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdLine is mdCell for a heading or a line of prose: line breaks become
// spaces, since a heading cannot hold <br>.
func mdLine(s string) string {
	return strings.ReplaceAll(mdCell(strings.Join(strings.Fields(s), " ")), "<br>", " ")
}

// mdTable writes a Markdown table; the header cells are trusted text and
// every body cell must already be escaped with mdCell.
func mdTable(w *bufio.Writer, header []string, rows [][]string) {
	w.WriteString("| " + strings.Join(header, " | ") + " |\n")
	w.WriteString("|" + strings.Repeat(" --- |", len(header)) + "\n")
	for _, r := range rows {
		mdRow(w, r)
	}
}

// mdRow writes one body row of a table; an empty cell is written as a
// space, so that every cell shows.
func mdRow(w *bufio.Writer, r []string) {
	w.WriteString("| ")
	for i, c := range r {
		if i > 0 {
			w.WriteString(" | ")
		}
		if c == "" {
			c = " "
		}
		w.WriteString(c)
	}
	w.WriteString(" |\n")
}

// WriteMarkdown writes rows as Markdown ready to paste into a board paper:
// a heading per assessment, then one section and table per measure, in the
// order of rows. Hostile text (pipes, newlines, HTML) is escaped so every
// table keeps its shape.
func WriteMarkdown(w io.Writer, rows []ActionRow) error {
	return writeMarkdown(w, SliceRows(rows)(true))
}

// writeMarkdown is WriteMarkdown for rows as they are read.
func writeMarkdown(w io.Writer, rows iter.Seq2[ActionRow, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	n, err := writeActionSections(bw, rows, 1)
	if err != nil {
		return err
	}
	if n == 0 {
		bw.WriteString("# Actions\n\nNo actions match.\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write Markdown: %w", err)
	}
	return nil
}

// writeActionSections writes the rows grouped by assessment (heading level
// level, only when level is 1) and measure (level+1): a section starts
// when a row's assessment or measure differs from the one before, so the
// rows stream through. It returns how many rows it wrote.
func writeActionSections(w *bufio.Writer, rows iter.Seq2[ActionRow, error], level int) (int, error) {
	hashes := strings.Repeat("#", level)
	var prev ActionRow
	n := 0
	for r, err := range rows {
		if err != nil {
			return n, err
		}
		newAssessment := n == 0 || r.AssessmentID != prev.AssessmentID
		if level == 1 && newAssessment {
			if n > 0 {
				w.WriteString("\n")
			}
			fmt.Fprintf(w, "# Actions: %s\n", mdLine(r.Assessment))
		}
		if newAssessment || r.MeasureKey != prev.MeasureKey {
			fmt.Fprintf(w, "\n%s# %s\n\n", hashes, mdLine(measureHeading(r.Measure)))
			mdTable(w, actionMDHeader, nil)
		}
		mdRow(w, []string{
			"**" + mdCell(r.StatementID) + "** " + mdCell(r.Statement),
			mdCell(r.Action),
			mdCell(r.Owner),
			model.FormatDate(r.Due),
			mdCell(string(r.Status)),
			mdCell(string(r.Priority)),
			overdueText(r.DaysOverdue),
		})
		prev = r
		n++
	}
	return n, nil
}

// actionMDHeader is the header of the Markdown action tables.
var actionMDHeader = []string{"Statement", "Action", "Owner", "Due", "Status", "Priority", "Days overdue"}

func overdueText(days int) string {
	if days <= 0 {
		return ""
	}
	return strconv.Itoa(days)
}
