// Package export turns assessments into files people send on: action lists
// as CSV, XLSX, Markdown and JSON, and the board report as Markdown and HTML.
//
// It depends only on the domain (model) and the framework (criteria): every
// writer takes an in-memory *model.Assessment, or rows built from one, and
// writes bytes. Nothing here knows about SQLite, so the command line and the
// app can export whatever they have loaded.
//
// Text from users is treated as hostile everywhere: spreadsheet cells are
// guarded against formula injection (SafeCell), Markdown table cells are
// escaped so a pipe or newline never breaks a table, and HTML is escaped by
// html/template.
package export

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"wgll/model"
)

// Filter selects which actions an export includes. The zero Filter selects
// every action.
type Filter struct {
	// Statuses keeps actions in any of these states; empty keeps all.
	Statuses []model.ActionStatus
	// Owner keeps actions whose owner equals it, ignoring case and
	// surrounding spaces; empty keeps all.
	Owner string
	// Measure keeps actions under the measure with this key; empty keeps all.
	Measure string
	// Overdue keeps only live actions past their due date.
	Overdue bool
}

// ActionRow is one action with everything an export shows about it,
// flattened so that every format writes the same facts.
type ActionRow struct {
	AssessmentID int64
	// Assessment is the assessment's title, "Organisation · Period".
	Assessment   string
	Organisation string
	Period       string
	ActionID     int64
	// MeasureKey and Measure are the stable key and current name of the
	// statement's measure; both are empty if the statement is not in the
	// assessment's criteria.
	MeasureKey  string
	Measure     string
	StatementID string
	Statement   string
	// Action is the action's title.
	Action   string
	Owner    string
	Due      time.Time // zero when there is no due date
	Status   model.ActionStatus
	Priority model.Priority
	Created  time.Time
	Updated  time.Time
	// DaysOverdue is how many days past due a live action is; 0 otherwise.
	DaysOverdue int

	measureOrder int
}

// ActionRows lists the actions of a that pass f, sorted by measure order
// (framework order; statements missing from the criteria last), then due
// date (actions with no due date last), then action id.
func ActionRows(a *model.Assessment, f Filter, now time.Time) []ActionRow {
	infos, unknown := StatementInfos(a)
	n := 0
	for _, list := range a.Actions {
		n += len(list)
	}
	rows := make([]ActionRow, 0, n)
	for sid, list := range a.Actions {
		r := ActionRow{
			AssessmentID: a.ID,
			Assessment:   a.Title(),
			Organisation: a.Organisation,
			Period:       a.Period,
			StatementID:  sid,
			measureOrder: unknown,
		}
		if in, ok := infos[sid]; ok {
			r.MeasureKey, r.Measure, r.Statement = in.MeasureKey, in.Measure, in.Statement
			r.measureOrder = in.Order
		}
		for _, x := range list {
			if !f.keeps(x, r.MeasureKey, now) {
				continue
			}
			rows = append(rows, RowOf(r, x, now))
		}
	}
	// Sort positions rather than the rows themselves: a row is a few
	// hundred bytes, and moving 20,000 of them around dominated the export.
	perm := make([]int, len(rows))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(i, j int) int { return compareRows(&rows[i], &rows[j]) })
	sorted := make([]ActionRow, len(rows))
	for i, p := range perm {
		sorted[i] = rows[p]
	}
	return sorted
}

// RowOf is row base (the assessment's and statement's columns) with
// action x's.
func RowOf(base ActionRow, x model.Action, now time.Time) ActionRow {
	row := base
	row.ActionID = x.ID
	row.Action = x.Title
	row.Owner = x.Owner
	row.Due = x.Due
	row.Status = x.Status
	row.Priority = x.Priority
	row.Created = x.CreatedAt
	row.Updated = x.UpdatedAt
	row.DaysOverdue = x.DaysOverdue(now)
	return row
}

func compareRows(p, q *ActionRow) int {
	if c := cmp.Compare(p.measureOrder, q.measureOrder); c != 0 {
		return c
	}
	switch {
	case p.Due.IsZero() && !q.Due.IsZero():
		return 1
	case !p.Due.IsZero() && q.Due.IsZero():
		return -1
	}
	if c := p.Due.Compare(q.Due); c != 0 {
		return c
	}
	return cmp.Compare(p.ActionID, q.ActionID)
}

func (f Filter) keeps(x model.Action, measureKey string, now time.Time) bool {
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, x.Status) {
		return false
	}
	if o := strings.TrimSpace(f.Owner); o != "" && !strings.EqualFold(o, strings.TrimSpace(x.Owner)) {
		return false
	}
	if f.Measure != "" && f.Measure != measureKey {
		return false
	}
	if f.Overdue && !x.Overdue(now) {
		return false
	}
	return true
}

// ParseStatuses reads a comma-separated list of action states such as
// "open,in-progress". An empty string is no states (every action).
func ParseStatuses(s string) ([]model.ActionStatus, error) {
	var out []model.ActionStatus
	for _, part := range strings.Split(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		st := model.ActionStatus(part)
		if !st.Valid() {
			return nil, fmt.Errorf("unknown status %q; use one or more of %s, separated by commas", part, statusList())
		}
		if !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out, nil
}

func statusList() string {
	names := make([]string, len(model.ActionStatuses))
	for i, s := range model.ActionStatuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// SafeCell guards a spreadsheet text cell against formula injection: text
// that begins with =, +, -, @, tab, carriage return or NUL is something
// Excel and its kin would run as a formula, so it gets a leading apostrophe.
// Every other text is returned as it is. Quoting a CSV field does not help;
// only the prefix does.
func SafeCell(s string) string {
	if s != "" && formulaStart(s[0]) {
		return "'" + s
	}
	return s
}

// formulaStart reports whether text starting with byte b is what a
// spreadsheet would run as a formula (see SafeCell).
func formulaStart(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r', 0:
		return true
	}
	return false
}

// timeLayout is how created and updated times appear in spreadsheets and
// tables: minutes are precise enough to read, and Excel parses it.
const timeLayout = "2006-01-02 15:04"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// appendTime appends formatTime(t) to dst. Years of four digits, which are
// all a workbook holds, are written digit by digit: time.AppendFormat was
// a tenth of the CSV export's time.
func appendTime(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return dst
	}
	t = t.UTC()
	y, mo, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(dst, timeLayout)
	}
	h, mi, _ := t.Clock()
	return append(appendYMD(dst, y, int(mo), d), ' ', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10))
}

// appendDate appends model.FormatDate(t) to dst, as appendTime does.
func appendDate(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return dst
	}
	y, mo, d := t.Date()
	if y < 0 || y > 9999 {
		return append(dst, model.FormatDate(t)...)
	}
	return appendYMD(dst, y, int(mo), d)
}

// appendYMD appends YYYY-MM-DD for a year of at most four digits.
func appendYMD(dst []byte, y, m, d int) []byte {
	return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// longDate is how the report writes its own date: "22 November 2026".
const longDate = "2 January 2006"
