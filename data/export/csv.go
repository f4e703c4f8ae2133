package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"wgll/model"
)

// actionHeaders are the column titles of the CSV and XLSX action lists.
var actionHeaders = []string{
	"Action ID", "Assessment", "Measure", "Statement ID", "Statement", "Action",
	"Owner", "Due", "Status", "Priority", "Created", "Updated", "Days overdue",
}

// textCells are the row's cells as text, in actionHeaders order, before any
// formula guard.
func (r ActionRow) textCells() []string {
	return []string{
		strconv.FormatInt(r.ActionID, 10),
		r.Assessment,
		r.Measure,
		r.StatementID,
		r.Statement,
		r.Action,
		r.Owner,
		model.FormatDate(r.Due),
		string(r.Status),
		string(r.Priority),
		formatTime(r.Created),
		formatTime(r.Updated),
		strconv.Itoa(r.DaysOverdue),
	}
}

// WriteCSV writes rows as an RFC 4180 CSV file that Excel opens correctly:
// UTF-8 with a byte order mark, CRLF line ends, a header row, and every cell
// passed through SafeCell. Fields holding a comma, quote, CR or LF are
// quoted, with their text kept byte for byte.
func WriteCSV(w io.Writer, rows []ActionRow) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	writeCSVRecord(bw, actionHeaders)
	for _, r := range rows {
		writeCSVRecord(bw, r.textCells())
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func writeCSVRecord(w *bufio.Writer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		f = SafeCell(f)
		if !needsQuotes(f) {
			w.WriteString(f)
			continue
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(f, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteString("\r\n")
}

// needsQuotes reports whether a CSV field must be quoted: it holds a comma,
// quote or line break, or starts or ends with white space (which some
// readers trim). One pass over the bytes: this runs for every cell of a
// 20,000-row export.
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(f)
	last, _ := utf8.DecodeLastRuneInString(f)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return true
	}
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}
