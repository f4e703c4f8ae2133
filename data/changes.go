package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"wgll/model"
)

const changeColumns = `id, edit_id, changed_at, changed_by, assessment_id, entity, entity_id, operation, field, old_value, new_value, entity_version, COALESCE(undo_of, 0)`

// loggedChange is a change-log row as stored.
type loggedChange struct {
	model.Change
	editID  int64
	version int64
}

func scanChange(sc interface{ Scan(...any) error }) (loggedChange, error) {
	var c loggedChange
	var at string
	err := sc.Scan(&c.ID, &c.editID, &at, &c.User, &c.AssessmentID, &c.Entity, &c.EntityID, &c.Op, &c.Field, &c.Old, &c.New, &c.version, &c.UndoOf)
	c.At = parseTime(at)
	return c, err
}

// History lists the change log, newest first; limit <= 0 means all of it.
func (s *Store) History(ctx context.Context, limit int) ([]model.Change, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+changeColumns+` FROM changes ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read the change log: %w", err)
	}
	defer rows.Close()
	var out []model.Change
	for rows.Next() {
		c, err := scanChange(rows)
		if err != nil {
			return nil, fmt.Errorf("read the change log: %w", err)
		}
		out = append(out, c.Change)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the change log: %w", err)
	}
	return out, nil
}

// Undo reverses this user's most recent edit that has not been undone yet
// (all the fields one save changed, together), logs the reversal, and
// returns its change-log entry (UndoOf names the change undone). Calling it
// again undoes the edit before. It returns ErrNothingToUndo when there is
// none, and ErrUndoOvertaken, changing nothing, when someone else has
// changed the same item since: undoing would overwrite their work.
func (s *Store) Undo(ctx context.Context) (model.Change, error) {
	var out model.Change
	err := s.edit(ctx, "undo", func(e *editTx) error {
		var editID sql.NullInt64
		err := e.tx.QueryRowContext(ctx, `SELECT MAX(edit_id) FROM changes c
			WHERE changed_by = ? AND undo_of IS NULL
			AND (entity IN ('response', 'evidence', 'action', 'target') OR (entity = 'assessment' AND operation IN ('insert', 'update', 'import', 'carry-forward')))
			AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.undo_of = c.id)`, s.user).Scan(&editID)
		if err != nil {
			return err
		}
		if !editID.Valid {
			return fmt.Errorf("%w: %s has no change left to undo in %s", ErrNothingToUndo, s.user, s.path)
		}
		rows, err := e.tx.QueryContext(ctx, `SELECT `+changeColumns+` FROM changes WHERE edit_id = ? ORDER BY id DESC`, editID.Int64)
		if err != nil {
			return err
		}
		var group []loggedChange
		for rows.Next() {
			c, err := scanChange(rows)
			if err != nil {
				rows.Close()
				return err
			}
			group = append(group, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Check every item first, so an undo is all or nothing.
		checked := map[string]bool{}
		for _, c := range group {
			key := c.Entity + "/" + c.EntityID
			if checked[key] {
				continue
			}
			checked[key] = true
			if err := e.checkUndoable(c); err != nil {
				return err
			}
		}
		for _, c := range group {
			inv, err := e.reverse(c)
			if err != nil {
				return fmt.Errorf("undo change %d: %w", c.ID, err)
			}
			if out, err = e.log(inv); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// table is the table an entity lives in.
var table = map[string]string{"response": "responses", "evidence": "evidence", "action": "actions", "assessment": "assessments", "target": "targets"}

// exists reports whether the entity a change is about exists now.
func (e *editTx) exists(c loggedChange) (bool, error) {
	var q string
	args := []any{c.EntityID}
	switch c.Entity {
	case "response":
		q = `SELECT count(*) FROM responses WHERE assessment_id = ? AND statement_id = ?`
		args = []any{c.AssessmentID, c.EntityID}
	case "evidence", "action", "assessment":
		q = `SELECT count(*) FROM ` + table[c.Entity] + ` WHERE id = ?`
	case "target":
		q = `SELECT count(*) FROM targets WHERE assessment_id = ? AND scope || '/' || target_key = ?`
		args = []any{c.AssessmentID, c.EntityID}
	default:
		return false, fmt.Errorf("change %d is about %q, which this wgll cannot undo", c.ID, c.Entity)
	}
	var n int
	err := e.tx.QueryRowContext(e.ctx, q, args...).Scan(&n)
	return n > 0, err
}

// checkUndoable refuses to undo c if that would overwrite someone's later
// work: a later change to the same field (or to the whole item) that has
// not itself been undone.
func (e *editTx) checkUndoable(c loggedChange) error {
	what := describeChange(c.Change)
	var by string
	err := e.tx.QueryRowContext(e.ctx, `SELECT l.changed_by FROM changes l
		WHERE l.assessment_id = ? AND l.entity = ? AND l.entity_id = ? AND l.id > ? AND l.edit_id != ?
		AND (l.field = ? OR l.field = '' OR ? = '')
		AND l.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.undo_of = l.id)
		ORDER BY l.id DESC LIMIT 1`,
		c.AssessmentID, c.Entity, c.EntityID, c.ID, c.editID, c.Field, c.Field).Scan(&by)
	if err == nil {
		return fmt.Errorf("%w: %s was changed by %s since; nothing was changed", ErrUndoOvertaken, what, by)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	ok, err := e.exists(c)
	if err != nil {
		return err
	}
	if wholeAssessment[c.Op] {
		return e.checkWholeUndoable(c, ok)
	}
	switch {
	case c.Op == "delete" && ok:
		return fmt.Errorf("%w: %s is back already; nothing was changed", ErrUndoOvertaken, what)
	case c.Op != "delete" && !ok:
		return fmt.Errorf("%w: %s was deleted since; nothing was changed", ErrUndoOvertaken, what)
	case c.Entity == "assessment" && c.Op == "insert":
		var n int
		if err := e.tx.QueryRowContext(e.ctx, `SELECT (SELECT count(*) FROM responses WHERE assessment_id = ?1)
			+ (SELECT count(*) FROM evidence WHERE assessment_id = ?1) + (SELECT count(*) FROM actions WHERE assessment_id = ?1)`, c.AssessmentID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: %s has scores, evidence or actions now; nothing was changed", ErrUndoOvertaken, what)
		}
	}
	return nil
}

// wholeAssessment are the operations that added an assessment with its
// content at once; undo removes it whole.
var wholeAssessment = map[string]bool{"import": true, "carry-forward": true}

// checkWholeUndoable refuses to undo an import or carry-forward once the
// assessment it added has been changed by another edit that is not itself
// undone (by anyone, so also the user's own edits undone first, in order),
// or carried forward in its turn: removing it would take that work with it.
func (e *editTx) checkWholeUndoable(c loggedChange, exists bool) error {
	what := describeChange(c.Change)
	if !exists {
		return fmt.Errorf("%w: %s was deleted since; nothing was changed", ErrUndoOvertaken, what)
	}
	var by string
	err := e.tx.QueryRowContext(e.ctx, `SELECT l.changed_by FROM changes l
		WHERE l.assessment_id = ? AND l.id > ? AND l.edit_id != ?
		AND l.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.undo_of = l.id)
		ORDER BY l.id DESC LIMIT 1`, c.AssessmentID, c.ID, c.editID).Scan(&by)
	if err == nil {
		return fmt.Errorf("%w: %s was changed by %s since; nothing was changed", ErrUndoOvertaken, what, by)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var next int64
	// Periods added by the same import (a file's later period carried
	// forward from its earlier one) go together.
	err = e.tx.QueryRowContext(e.ctx, `SELECT a.id FROM assessments a WHERE a.carried_from = ?
		AND NOT EXISTS (SELECT 1 FROM changes x WHERE x.edit_id = ? AND x.entity = 'assessment' AND x.entity_id = CAST(a.id AS TEXT))
		LIMIT 1`, c.EntityID, c.editID).Scan(&next)
	if err == nil {
		return fmt.Errorf("%w: %s has been carried forward since (assessment %d); nothing was changed", ErrUndoOvertaken, what, next)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

// reverse applies the inverse of c and returns the change to log for it.
func (e *editTx) reverse(c loggedChange) (change, error) {
	inv := change{assessmentID: c.AssessmentID, entity: c.Entity, entityID: c.EntityID, field: c.Field, undoOf: c.ID}
	switch c.Op {
	case "update":
		tbl := table[c.Entity]
		if !updatable[tbl][c.Field] {
			return inv, fmt.Errorf("field %q of %s cannot be undone", c.Field, c.Entity)
		}
		inv.op, inv.old, inv.new = "update", c.New, c.Old
		if handled, err := e.reverseTargetOrRename(c, &inv); handled {
			return inv, err
		}
		var err error
		if c.Entity == "response" {
			err = e.tx.QueryRowContext(e.ctx, `UPDATE responses SET `+c.Field+` = ?, updated_by = ?, updated_at = ?, version = version + 1
				WHERE assessment_id = ? AND statement_id = ? RETURNING version`,
				c.Old, e.s.user, e.now, c.AssessmentID, c.EntityID).Scan(&inv.version)
		} else {
			err = e.tx.QueryRowContext(e.ctx, `UPDATE `+tbl+` SET `+c.Field+` = ?, updated_by = ?, updated_at = ?, version = version + 1
				WHERE id = ? RETURNING version`,
				c.Old, e.s.user, e.now, c.EntityID).Scan(&inv.version)
		}
		if err != nil {
			return inv, err
		}
		return inv, e.touch(c.AssessmentID)
	case "import", "carry-forward":
		// The assessment goes with everything in it (the schema cascades
		// to its responses, evidence and actions).
		inv.op, inv.old = "delete", c.New
		id, _ := strconv.ParseInt(c.EntityID, 10, 64)
		if _, err := e.tx.ExecContext(e.ctx, `DELETE FROM assessments WHERE id = ?`, id); err != nil {
			return inv, err
		}
		if err := dropUnusedCriteriaTexts(e.ctx, e.tx); err != nil {
			return inv, err
		}
		e.s.cmu.Lock()
		delete(e.s.crit, id)
		e.s.cmu.Unlock()
		return inv, nil
	case "insert":
		inv.op, inv.old = "delete", c.New
		id, _ := strconv.ParseInt(c.EntityID, 10, 64)
		switch c.Entity {
		case "evidence":
			r, err := e.evidence(c.AssessmentID, id)
			if err != nil {
				return inv, err
			}
			inv.old, inv.version = r.json(c.AssessmentID), r.Version
		case "action":
			r, err := e.action(c.AssessmentID, id)
			if err != nil {
				return inv, err
			}
			inv.old, inv.version = r.json(c.AssessmentID), r.Version
		case "assessment":
			inv.version = 0
		default:
			return inv, fmt.Errorf("cannot undo adding a %s", c.Entity)
		}
		if _, err := e.tx.ExecContext(e.ctx, `DELETE FROM `+table[c.Entity]+` WHERE id = ?`, id); err != nil {
			return inv, err
		}
		if c.Entity == "assessment" {
			if err := dropUnusedCriteriaTexts(e.ctx, e.tx); err != nil {
				return inv, err
			}
			e.s.cmu.Lock()
			delete(e.s.crit, id)
			e.s.cmu.Unlock()
			return inv, nil
		}
		return inv, e.touch(c.AssessmentID)
	case "delete":
		inv.op = "insert"
		var err error
		switch c.Entity {
		case "evidence":
			var j evidenceJSON
			if err = json.Unmarshal([]byte(c.Old), &j); err != nil {
				return inv, fmt.Errorf("read the deleted evidence from the change log: %w", err)
			}
			j.Version, j.UpdatedBy, j.UpdatedAt = j.Version+1, e.s.user, e.now
			inv.version = j.Version
			_, err = e.tx.ExecContext(e.ctx, `INSERT INTO evidence
				(id, assessment_id, statement_id, title, detail, link, added_by, added_at, needs_review, updated_by, updated_at, version,
				 effective_date, review_by, confidence, owner, also_statements)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				j.ID, c.AssessmentID, j.StatementID, j.Title, j.Detail, j.Link, j.AddedBy, j.AddedAt, boolText(j.NeedsReview), j.UpdatedBy, j.UpdatedAt, j.Version,
				j.EffectiveDate, j.ReviewBy, j.Confidence, j.Owner, j.Also)
			b, _ := json.Marshal(j)
			inv.new = string(b)
		case "action":
			var j actionJSON
			if err = json.Unmarshal([]byte(c.Old), &j); err != nil {
				return inv, fmt.Errorf("read the deleted action from the change log: %w", err)
			}
			j.Version, j.UpdatedBy, j.UpdatedAt = j.Version+1, e.s.user, e.now
			inv.version = j.Version
			_, err = e.tx.ExecContext(e.ctx, `INSERT INTO actions
				(id, assessment_id, statement_id, title, owner, due, status, priority, created_by, created_at, updated_by, updated_at, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				j.ID, c.AssessmentID, j.StatementID, j.Title, j.Owner, j.Due, j.Status, j.Priority, j.CreatedBy, j.CreatedAt, j.UpdatedBy, j.UpdatedAt, j.Version)
			b, _ := json.Marshal(j)
			inv.new = string(b)
		default:
			return inv, fmt.Errorf("cannot undo removing a %s", c.Entity)
		}
		if err != nil {
			return inv, err
		}
		return inv, e.touch(c.AssessmentID)
	}
	return inv, fmt.Errorf("change %d has unknown operation %q", c.ID, c.Op)
}

// describeChange names what a change was about, for messages.
func describeChange(c model.Change) string {
	switch c.Entity {
	case "response":
		if c.Field != "" {
			return "the " + c.Field + " of " + c.EntityID
		}
		return c.EntityID
	case "assessment":
		return "assessment " + c.EntityID
	}
	return c.Entity + " " + c.EntityID
}
