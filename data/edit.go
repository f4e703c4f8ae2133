package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"wgll/model"
)

// editTx is one edit: an IMMEDIATE transaction on the write connection,
// the time it happens at, and the change-log group its rows belong to.
type editTx struct {
	ctx    context.Context
	tx     *sql.Tx
	s      *Store
	now    string
	editID int64
	// open records the assessments found not signed off in this edit.
	open map[int64]bool
}

// edit runs fn as one edit: begin IMMEDIATE (waiting up to busyTimeout for
// another writer), fn, commit. Nothing fn wrote survives an error. Errors
// are wrapped with what, except conflicts and refusals, which already say
// everything.
func (s *Store) edit(ctx context.Context, what string, fn func(e *editTx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	w, err := s.writer(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := s.mayWrite(what); err != nil {
		return err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return s.translate(what, err)
	}
	defer tx.Rollback()
	e := &editTx{ctx: ctx, tx: tx, s: s, now: formatTime(s.nowUTC())}
	if err := fn(e); err != nil {
		var ce *model.ConflictError
		var fe *fileError
		if errors.As(err, &ce) || errors.As(err, &fe) || errors.Is(err, ErrUndoOvertaken) || errors.Is(err, ErrNothingToUndo) {
			return err
		}
		return s.translate(what, err)
	}
	if err := tx.Commit(); err != nil {
		return s.translate(what, err)
	}
	if s.onCommit != nil {
		s.onCommit()
	}
	return nil
}

// change is one change-log row to write.
type change struct {
	assessmentID int64
	entity       string
	entityID     string
	op           string
	field        string
	old, new     string
	version      int64
	undoOf       int64
}

// log appends c to the change log in the edit's transaction and returns it
// as a model.Change.
func (e *editTx) log(c change) (model.Change, error) {
	if err := e.unlocked(c); err != nil {
		return model.Change{}, err
	}
	if e.editID == 0 {
		if err := e.tx.QueryRowContext(e.ctx, `SELECT COALESCE(MAX(edit_id), 0) + 1 FROM changes`).Scan(&e.editID); err != nil {
			return model.Change{}, err
		}
	}
	var undoOf any
	if c.undoOf != 0 {
		undoOf = c.undoOf
	}
	res, err := e.tx.ExecContext(e.ctx, `INSERT INTO changes
		(edit_id, changed_at, changed_by, assessment_id, entity, entity_id, operation, field, old_value, new_value, entity_version, undo_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.editID, e.now, e.s.user, c.assessmentID, c.entity, c.entityID, c.op, c.field, c.old, c.new, c.version, undoOf)
	if err != nil {
		return model.Change{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return model.Change{}, err
	}
	return model.Change{
		ID: id, At: parseTime(e.now), User: e.s.user, AssessmentID: c.assessmentID,
		Entity: c.entity, EntityID: c.entityID, Op: c.op, Field: c.field, Old: c.old, New: c.new, UndoOf: c.undoOf,
	}, nil
}

// touch records that the assessment was edited now.
func (e *editTx) touch(assessmentID int64) error {
	_, err := e.tx.ExecContext(e.ctx, `UPDATE assessments SET updated_at = ? WHERE id = ?`, e.now, assessmentID)
	return err
}
