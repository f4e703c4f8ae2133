package export

import (
	"bufio"
	"fmt"
	"io"
	"iter"
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
	return writeCSV(w, SliceRows(rows)(true))
}

// writeCSV is WriteCSV for rows as they are read. Each row is appended
// to one reused buffer, numbers and times formatted in place and the
// columns a statement's rows share encoded once, so the export allocates
// nothing per row of its own (issue 16: the CSV of 100,000 actions must
// cost at most 1.5 times what sqlite3 -csv takes for the same columns).
func writeCSV(w io.Writer, rows iter.Seq2[ActionRow, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\uFEFF")
	writeCSVRecord(bw, actionHeaders)
	c := csvRows{shared: map[string]*csvShared{}}
	for r, err := range rows {
		if err != nil {
			return err
		}
		c.line = c.row(c.line[:0], &r)
		bw.Write(c.line)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// csvRows encodes rows for writeCSV.
type csvRows struct {
	line []byte
	// shared holds, per statement id, the encoded assessment, measure,
	// statement id and statement columns, with the text they encode.
	shared map[string]*csvShared
}

type csvShared struct {
	assessment, measure, statement string
	enc                            []byte
}

// row appends r to dst as writeCSVRecord writes r.textCells(), byte for
// byte.
func (c *csvRows) row(dst []byte, r *ActionRow) []byte {
	if r.ActionID < 0 {
		dst = append(dst, '\'') // SafeCell: "-1" starts with a minus
	}
	dst = strconv.AppendInt(dst, r.ActionID, 10)
	sh := c.shared[r.StatementID]
	if sh == nil || sh.assessment != r.Assessment || sh.measure != r.Measure || sh.statement != r.Statement {
		sh = &csvShared{assessment: r.Assessment, measure: r.Measure, statement: r.Statement}
		for _, f := range [...]string{r.Assessment, r.Measure, r.StatementID, r.Statement} {
			sh.enc = append(sh.enc, ',')
			sh.enc = appendCSVField(sh.enc, f)
		}
		c.shared[r.StatementID] = sh
	}
	dst = append(dst, sh.enc...)
	dst = append(dst, ',')
	dst = appendCSVField(dst, r.Action)
	dst = append(dst, ',')
	dst = appendCSVField(dst, r.Owner)
	dst = append(dst, ',')
	dst = appendDate(dst, r.Due)
	dst = append(dst, ',')
	dst = appendCSVField(dst, string(r.Status))
	dst = append(dst, ',')
	dst = appendCSVField(dst, string(r.Priority))
	dst = append(dst, ',')
	dst = appendTime(dst, r.Created)
	dst = append(dst, ',')
	dst = appendTime(dst, r.Updated)
	dst = append(dst, ',')
	if r.DaysOverdue < 0 {
		dst = append(dst, '\'')
	}
	dst = strconv.AppendInt(dst, int64(r.DaysOverdue), 10)
	return append(dst, "\r\n"...)
}

func writeCSVRecord(w *bufio.Writer, fields []string) {
	var line []byte
	for i, f := range fields {
		if i > 0 {
			line = append(line, ',')
		}
		line = appendCSVField(line, f)
	}
	w.Write(append(line, "\r\n"...))
}

// appendCSVField appends one field: SafeCell's guard, then quoted if it
// needs it, as writing SafeCell(f) would, without building the guarded
// copy.
func appendCSVField(dst []byte, f string) []byte {
	guard := f != "" && formulaStart(f[0])
	if !needsQuotes(f, guard) {
		if guard {
			dst = append(dst, '\'')
		}
		return append(dst, f...)
	}
	dst = append(dst, '"')
	if guard {
		dst = append(dst, '\'')
	}
	for {
		i := strings.IndexByte(f, '"')
		if i < 0 {
			break
		}
		dst = append(dst, f[:i+1]...)
		dst = append(dst, '"')
		f = f[i+1:]
	}
	dst = append(dst, f...)
	return append(dst, '"')
}

// needsQuotes reports whether a CSV field must be quoted: it holds a comma,
// quote or line break, or starts or ends with white space (which some
// readers trim). guarded says the field is written after SafeCell's
// apostrophe, which is then its first character. One pass over the bytes:
// this runs for every cell of a 100,000-row export.
func needsQuotes(f string, guarded bool) bool {
	if f == "" {
		return false
	}
	if !guarded {
		if first, _ := utf8.DecodeRuneInString(f); unicode.IsSpace(first) {
			return true
		}
	}
	if last, _ := utf8.DecodeLastRuneInString(f); unicode.IsSpace(last) {
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
