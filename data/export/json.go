package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"time"

	"wgll/model"
)

// JSONSchema names the version of the JSON action list. It changes only if
// a field is removed or changes meaning; new fields may be added.
const JSONSchema = "wgll.actions/v1"

// jsonAction is one action in the JSON action list. Field names are part
// of the documented schema: do not rename them.
type jsonAction struct {
	AssessmentID int64   `json:"assessment_id"`
	Assessment   string  `json:"assessment"`
	Organisation string  `json:"organisation"`
	Period       string  `json:"period"`
	ID           int64   `json:"id"`
	MeasureKey   string  `json:"measure_key"`
	Measure      string  `json:"measure"`
	StatementID  string  `json:"statement_id"`
	Statement    string  `json:"statement"`
	Title        string  `json:"title"`
	Owner        string  `json:"owner"`
	Due          *string `json:"due"`
	Status       string  `json:"status"`
	Priority     string  `json:"priority"`
	CreatedAt    string  `json:"created_at"`
	UpdatedAt    string  `json:"updated_at"`
	Overdue      bool    `json:"overdue"`
	DaysOverdue  int     `json:"days_overdue"`
}

// WriteJSON writes rows as the JSON action list (schema JSONSchema):
//
//	{"schema": "wgll.actions/v1", "actions": [{...}, ...]}
//
// Each action carries assessment_id, assessment, organisation, period, id,
// measure_key, measure, statement_id, statement, title, owner, due
// (YYYY-MM-DD or null), status, priority, created_at and updated_at (RFC 3339
// with nanoseconds, or "" if unknown), overdue and days_overdue. Text is
// written whole, so nothing is lost; actions is [] when there are none.
func WriteJSON(w io.Writer, rows []ActionRow) error {
	return writeJSON(w, SliceRows(rows)(true))
}

// writeJSON is WriteJSON for rows as they are read: each action is encoded
// and written on its own, indented as encoding the whole document with
// SetIndent("", "  ") would, byte for byte, so memory does not hold the
// list.
func writeJSON(w io.Writer, rows iter.Seq2[ActionRow, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	schema, _ := json.Marshal(JSONSchema)
	bw.WriteString("{\n  \"schema\": ")
	bw.Write(schema)
	bw.WriteString(",\n  \"actions\": [")
	n := 0
	for r, err := range rows {
		if err != nil {
			return err
		}
		one.Reset()
		if err := enc.Encode(jsonOf(&r)); err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
		n++
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// jsonOf is row r as the JSON action list writes it.
func jsonOf(r *ActionRow) jsonAction {
	j := jsonAction{
		AssessmentID: r.AssessmentID,
		Assessment:   r.Assessment,
		Organisation: r.Organisation,
		Period:       r.Period,
		ID:           r.ActionID,
		MeasureKey:   r.MeasureKey,
		Measure:      r.Measure,
		StatementID:  r.StatementID,
		Statement:    r.Statement,
		Title:        r.Action,
		Owner:        r.Owner,
		Status:       string(r.Status),
		Priority:     string(r.Priority),
		CreatedAt:    rfc3339(r.Created),
		UpdatedAt:    rfc3339(r.Updated),
		Overdue:      r.DaysOverdue > 0,
		DaysOverdue:  r.DaysOverdue,
	}
	if !r.Due.IsZero() {
		d := r.Due.Format(model.DateLayout)
		j.Due = &d
	}
	return j
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}
