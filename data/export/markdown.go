package export

import (
	"bufio"
	"fmt"
	"io"
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
		for i := range r {
			if r[i] == "" {
				r[i] = " "
			}
		}
		w.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
}

// WriteMarkdown writes rows as Markdown ready to paste into a board paper:
// a heading per assessment, then one section and table per measure, in the
// order of rows. Hostile text (pipes, newlines, HTML) is escaped so every
// table keeps its shape.
func WriteMarkdown(w io.Writer, rows []ActionRow) error {
	bw := bufio.NewWriter(w)
	if len(rows) == 0 {
		bw.WriteString("# Actions\n\nNo actions match.\n")
	}
	writeActionSections(bw, rows, 1)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write Markdown: %w", err)
	}
	return nil
}

// writeActionSections writes the rows grouped by assessment (heading level
// level, only when level is 1) and measure (level+1).
func writeActionSections(w *bufio.Writer, rows []ActionRow, level int) {
	hashes := strings.Repeat("#", level)
	for i := 0; i < len(rows); {
		if level == 1 && (i == 0 || rows[i].AssessmentID != rows[i-1].AssessmentID) {
			if i > 0 {
				w.WriteString("\n")
			}
			fmt.Fprintf(w, "# Actions: %s\n", mdLine(rows[i].Assessment))
		}
		j := i
		for j < len(rows) && rows[j].AssessmentID == rows[i].AssessmentID && rows[j].MeasureKey == rows[i].MeasureKey {
			j++
		}
		name := rows[i].Measure
		if name == "" {
			name = "Statements not in the criteria"
		}
		fmt.Fprintf(w, "\n%s# %s\n\n", hashes, mdLine(name))
		body := make([][]string, 0, j-i)
		for _, r := range rows[i:j] {
			body = append(body, []string{
				"**" + mdCell(r.StatementID) + "** " + mdCell(r.Statement),
				mdCell(r.Action),
				mdCell(r.Owner),
				model.FormatDate(r.Due),
				mdCell(string(r.Status)),
				mdCell(string(r.Priority)),
				overdueText(r.DaysOverdue),
			})
		}
		mdTable(w, []string{"Statement", "Action", "Owner", "Due", "Status", "Priority", "Days overdue"}, body)
		i = j
	}
}

func overdueText(days int) string {
	if days <= 0 {
		return ""
	}
	return strconv.Itoa(days)
}
