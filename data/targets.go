package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"wgll/model"
)

// The scopes of a target row: one statement's own target, or a measure's
// default for its statements.
const (
	scopeStatement = "statement"
	scopeMeasure   = "measure"
)

// targetID is a target's entity id in the change log: "statement/WL-O1"
// or "measure/well-led".
func targetID(scope, key string) string { return scope + "/" + key }

// SetTarget sets (or, with level 0, clears) the target of one statement.
func (s *Store) SetTarget(ctx context.Context, assessmentID int64, statementID string, t model.Target) (model.Target, error) {
	return s.setTarget(ctx, assessmentID, scopeStatement, statementID, t)
}

// SetMeasureTarget sets (or clears) the default target of a measure's
// statements: a statement without a target of its own takes it.
func (s *Store) SetMeasureTarget(ctx context.Context, assessmentID int64, measureKey string, t model.Target) (model.Target, error) {
	return s.setTarget(ctx, assessmentID, scopeMeasure, measureKey, t)
}

func (s *Store) setTarget(ctx context.Context, assessmentID int64, scope, key string, t model.Target) (model.Target, error) {
	if !t.Due.IsZero() {
		t.Due = model.Day(t.Due)
	}
	if !t.Set() {
		t = model.Target{} // a cleared target keeps no date
	}
	err := s.edit(ctx, "set the target of "+key, func(e *editTx) error {
		c, aud, err := s.criteriaOf(ctx, e.tx, assessmentID)
		if err != nil {
			return err
		}
		if scope == scopeStatement {
			if _, err := s.checkStatement(ctx, e.tx, assessmentID, key); err != nil {
				return err
			}
		} else {
			found := false
			var keys []string
			for _, m := range c.ForAudience(aud) {
				found = found || m.Key == key
				keys = append(keys, m.Key)
			}
			if !found {
				return invalid("measure %q is not one of assessment %d's measures; use one of: %s", key, assessmentID, strings.Join(keys, ", "))
			}
		}
		if err := model.ValidTarget(t, c.MaxLevel()); err != nil {
			return invalid("%v", err)
		}
		var level, version int64
		var due string
		err = e.tx.QueryRowContext(ctx, `SELECT level, due, version FROM targets WHERE assessment_id = ? AND scope = ? AND target_key = ?`,
			assessmentID, scope, key).Scan(&level, &due, &version)
		exists := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if !exists {
			if _, err := e.tx.ExecContext(ctx, `INSERT INTO targets (assessment_id, scope, target_key, updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, 0)`,
				assessmentID, scope, key, s.user, e.now); err != nil {
				return err
			}
		}
		diff := diffFields(
			[]kv{{"level", strconv.FormatInt(level, 10)}, {"due", due}},
			[]kv{{"level", strconv.Itoa(int(t.Level))}, {"due", model.FormatDate(t.Due)}})
		for _, d := range diff {
			version++
			// d.col is "level" or "due", the two literal names above.
			if _, err := e.tx.ExecContext(ctx, `UPDATE targets SET `+d.col+` = ?, updated_by = ?, updated_at = ?, version = ? WHERE assessment_id = ? AND scope = ? AND target_key = ?`,
				d.new, s.user, e.now, version, assessmentID, scope, key); err != nil {
				return err
			}
			if _, err := e.log(change{assessmentID: assessmentID, entity: "target", entityID: targetID(scope, key), op: "update", field: d.col, old: d.old, new: d.new, version: version}); err != nil {
				return err
			}
		}
		if len(diff) > 0 {
			return e.touch(assessmentID)
		}
		return nil
	})
	return t, err
}

// loadPlanData fills in a's targets and sign-off.
func loadPlanData(ctx context.Context, q querier, a *model.Assessment) error {
	rows, err := q.QueryContext(ctx, `SELECT scope, target_key, level, due FROM targets WHERE assessment_id = ? AND level > 0`, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var scope, key, due string
		var level int
		if err := rows.Scan(&scope, &key, &level, &due); err != nil {
			return err
		}
		t := model.Target{Level: model.Score(level)}
		t.Due, _ = model.ParseDate(due)
		switch scope {
		case scopeStatement:
			if a.Targets == nil {
				a.Targets = map[string]model.Target{}
			}
			a.Targets[key] = t
		case scopeMeasure:
			if a.MeasureTargets == nil {
				a.MeasureTargets = map[string]model.Target{}
			}
			a.MeasureTargets[key] = t
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	so, _, err := readSignOff(ctx, q, a.ID)
	a.SignOff = so
	return err
}

// reverseTargetOrRename undoes an update to a target or to an assessment's
// organisation or period, which the general undo cannot: a target is keyed
// by scope and key rather than a row id, and an assessment row keeps no
// version or author. handled is false for any other change.
func (e *editTx) reverseTargetOrRename(c loggedChange, inv *change) (handled bool, err error) {
	switch c.Entity {
	case "target":
		scope, key, _ := strings.Cut(c.EntityID, "/")
		err = e.tx.QueryRowContext(e.ctx, `UPDATE targets SET `+c.Field+` = ?, updated_by = ?, updated_at = ?, version = version + 1
			WHERE assessment_id = ? AND scope = ? AND target_key = ? RETURNING version`,
			c.Old, e.s.user, e.now, c.AssessmentID, scope, key).Scan(&inv.version)
	case "assessment":
		_, err = e.tx.ExecContext(e.ctx, `UPDATE assessments SET `+c.Field+` = ?, updated_at = ? WHERE id = ?`, c.Old, e.now, c.AssessmentID)
	default:
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("undo the change to %s: %w", describeChange(c.Change), err)
	}
	return true, e.touch(c.AssessmentID)
}
