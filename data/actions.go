package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"wgll/model"
)

const actionColumns = `id, statement_id, title, owner, due, status, priority, created_by, created_at, updated_by, updated_at, version`

// actionRow is an action as stored: model.Action plus who made and last
// changed it.
type actionRow struct {
	model.Action
	CreatedBy, UpdatedBy string
}

func scanAction(sc interface{ Scan(...any) error }) (actionRow, error) {
	var r actionRow
	var due, status, priority, created, updated string
	if err := scanLenient(sc, &r.ID, &r.StatementID, &r.Title, &r.Owner, &due, &status, &priority, &r.CreatedBy, &created, &r.UpdatedBy, &updated, &r.Version); err != nil {
		return r, err
	}
	r.Due, _ = model.ParseDate(due)
	r.Status, r.Priority = model.ActionStatus(status), model.Priority(priority)
	r.CreatedAt, r.UpdatedAt = parseTime(created), parseTime(updated)
	return r, nil
}

func actionFields(a model.Action) []kv {
	return []kv{
		{"statement_id", a.StatementID},
		{"title", a.Title},
		{"owner", a.Owner},
		{"due", model.FormatDate(a.Due)},
		{"status", string(a.Status)},
		{"priority", string(a.Priority)},
	}
}

// actionJSON is how an action appears in the change log.
type actionJSON struct {
	ID           int64  `json:"id"`
	AssessmentID int64  `json:"assessment_id"`
	StatementID  string `json:"statement_id"`
	Title        string `json:"title"`
	Owner        string `json:"owner"`
	Due          string `json:"due"`
	Status       string `json:"status"`
	Priority     string `json:"priority"`
	CreatedBy    string `json:"created_by"`
	CreatedAt    string `json:"created_at"`
	UpdatedBy    string `json:"updated_by"`
	UpdatedAt    string `json:"updated_at"`
	Version      int64  `json:"version"`
}

func (r actionRow) json(assessmentID int64) string {
	b, _ := json.Marshal(actionJSON{
		ID: r.ID, AssessmentID: assessmentID, StatementID: r.StatementID, Title: r.Title, Owner: r.Owner,
		Due: model.FormatDate(r.Due), Status: string(r.Status), Priority: string(r.Priority),
		CreatedBy: r.CreatedBy, CreatedAt: formatTime(r.CreatedAt), UpdatedBy: r.UpdatedBy, UpdatedAt: formatTime(r.UpdatedAt), Version: r.Version,
	})
	return string(b)
}

func (e *editTx) action(assessmentID, id int64) (actionRow, error) {
	r, err := scanAction(e.tx.QueryRowContext(e.ctx, `SELECT `+actionColumns+` FROM actions WHERE id = ? AND assessment_id = ?`, id, assessmentID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, refuse(fmt.Sprintf("action %d", id), ErrNotFound, "it no longer exists (someone may have deleted it); your text was kept as a draft")
	}
	return r, err
}

// normalizeAction fills the defaults (status open, priority medium), checks
// the title, status and priority, and makes Due a calendar day.
func normalizeAction(a model.Action) (model.Action, error) {
	if strings.TrimSpace(a.Title) == "" {
		return a, invalid("the action has no title; say what will be done")
	}
	if a.Status == "" {
		a.Status = model.StatusOpen
	}
	if !a.Status.Valid() {
		return a, invalid("action status %q is not one of open, in-progress, done, dropped", a.Status)
	}
	if a.Priority == "" {
		a.Priority = model.PriorityMedium
	}
	if !a.Priority.Valid() {
		return a, invalid("action priority %q is not one of high, medium, low", a.Priority)
	}
	if !a.Due.IsZero() {
		a.Due = model.Day(a.Due)
		if y := a.Due.Year(); y < 1900 || y > 9999 {
			return a, invalid("due date %s is not a real date; use YYYY-MM-DD", model.FormatDate(a.Due))
		}
	}
	return a, nil
}

// SaveAction adds an action (a.ID == 0) or updates it, on the same terms as
// SaveEvidence. Status and priority must be known values (empty means open
// and medium); Due is stored as YYYY-MM-DD.
func (s *Store) SaveAction(ctx context.Context, assessmentID int64, a model.Action) (model.Action, error) {
	a, err := normalizeAction(a)
	if err != nil {
		return a, err
	}
	var out model.Action
	err = s.edit(ctx, "save an action for "+a.StatementID, func(e *editTx) error {
		if _, err := s.checkStatement(ctx, e.tx, assessmentID, a.StatementID); err != nil {
			return err
		}
		if a.ID == 0 {
			var err error
			out, err = e.insertAction(assessmentID, a)
			return err
		}
		cur, err := e.action(assessmentID, a.ID)
		if err != nil {
			return err
		}
		diff := diffFields(actionFields(cur.Action), actionFields(a))
		if len(diff) == 0 {
			out = cur.Action
			return nil
		}
		if cur.Version != a.Version {
			theirs := describe(cur.Title, "Owner: "+cur.Owner, "Due: "+model.FormatDate(cur.Due), "Status: "+string(cur.Status)+", priority "+string(cur.Priority))
			return &model.ConflictError{What: fmt.Sprintf("action %d", a.ID), Theirs: theirs, By: cur.UpdatedBy, Version: cur.Version}
		}
		if _, err := e.update("actions", "action", assessmentID, a.ID, cur.Version, diff); err != nil {
			return err
		}
		cur, err = e.action(assessmentID, a.ID)
		out = cur.Action
		return err
	})
	return out, err
}

// insertAction adds a normalised action to the assessment and logs it; a
// workshop's captured actions are added the same way.
func (e *editTx) insertAction(assessmentID int64, a model.Action) (model.Action, error) {
	res, err := e.tx.ExecContext(e.ctx, `INSERT INTO actions
		(assessment_id, statement_id, title, owner, due, status, priority, created_by, created_at, updated_by, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		assessmentID, a.StatementID, a.Title, a.Owner, model.FormatDate(a.Due), string(a.Status), string(a.Priority), e.s.user, e.now, e.s.user, e.now)
	if err != nil {
		return a, err
	}
	r, err := logInsert(e, assessmentID, "action", res, e.action)
	return r.Action, err
}

// DeleteAction removes action id from the assessment; Undo can put it back.
func (s *Store) DeleteAction(ctx context.Context, assessmentID, id int64) error {
	return s.edit(ctx, fmt.Sprintf("delete action %d", id), func(e *editTx) error {
		return deleteLogged(e, assessmentID, id, "actions", "action", e.action)
	})
}

// sqlDated is true in SQL of an action whose due date is a date, as the
// action itself reads it (scanAction): not "" or the zero date, and not a
// date that is no date (2026-02-30 in a hand-edited file, which date()
// would move to March). Exports and the overdue count both use it.
const sqlDated = `date(due) IS due AND due <> '0001-01-01'`
