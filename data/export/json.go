package export

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"wgll/model"
)

// JSONSchema names the version of the JSON action list. It changes only if
// a field is removed or changes meaning; new fields may be added.
const JSONSchema = "wgll.actions/v1"

// jsonDoc is the JSON action list: a schema name and the actions.
type jsonDoc struct {
	Schema  string       `json:"schema"`
	Actions []jsonAction `json:"actions"`
}

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
	doc := jsonDoc{Schema: JSONSchema, Actions: make([]jsonAction, 0, len(rows))}
	for _, r := range rows {
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
		doc.Actions = append(doc.Actions, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}
