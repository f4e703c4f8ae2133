package data

import (
	"database/sql"
	"strconv"
)

// Evidence items and actions are saved the same way: an insert is read back
// and logged whole, a delete logs the whole row it removes. The helpers here
// hold that shared half; SaveEvidence, SaveAction and the deletes keep what
// differs (columns, validation, how a conflict is described).

// loggedRow is an evidence or action row as the change log records it.
type loggedRow interface {
	json(assessmentID int64) string
	rowVersion() int64
}

func (r evidenceRow) rowVersion() int64 { return r.Version }
func (r actionRow) rowVersion() int64   { return r.Version }

// logInsert reads back the row an INSERT just added to the assessment, logs
// it and marks the assessment changed.
func logInsert[R loggedRow](e *editTx, assessmentID int64, entity string, res sql.Result, load func(assessmentID, id int64) (R, error)) (R, error) {
	var zero R
	id, err := res.LastInsertId()
	if err != nil {
		return zero, err
	}
	r, err := load(assessmentID, id)
	if err != nil {
		return zero, err
	}
	if _, err := e.log(change{assessmentID: assessmentID, entity: entity, entityID: strconv.FormatInt(id, 10), op: "insert", new: r.json(assessmentID), version: r.rowVersion()}); err != nil {
		return zero, err
	}
	return r, e.touch(assessmentID)
}

// deleteLogged removes row id of table from the assessment, logging the
// whole row so that Undo can put it back.
func deleteLogged[R loggedRow](e *editTx, assessmentID, id int64, table, entity string, load func(assessmentID, id int64) (R, error)) error {
	cur, err := load(assessmentID, id)
	if err != nil {
		return err
	}
	if _, err := e.tx.ExecContext(e.ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := e.log(change{assessmentID: assessmentID, entity: entity, entityID: strconv.FormatInt(id, 10), op: "delete", old: cur.json(assessmentID), version: cur.rowVersion()}); err != nil {
		return err
	}
	return e.touch(assessmentID)
}
