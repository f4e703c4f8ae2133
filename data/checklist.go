package data

import (
	"context"
	"fmt"
	"strings"

	"wgll/model"
)

// storedTicks reads the ticks column. The workbook may come from anyone,
// so pairs that do not parse are dropped rather than trusted or allowed to
// make the assessment unreadable.
func storedTicks(s string) model.Ticks {
	if ts, err := model.ParseTicks(s); err == nil {
		return ts
	}
	var ok []string
	for _, f := range strings.Fields(s) {
		if _, err := model.ParseTicks(f); err == nil {
			ok = append(ok, f)
		}
	}
	ts, _ := model.ParseTicks(strings.Join(ok, " "))
	return ts
}

// SetTick ticks (on) or clears element element (from 1) of level level of
// a statement's checklist. The element must exist in the checklist of the
// criteria the assessment was made with. Like every edit it is one
// IMMEDIATE transaction with its change-log row, so Undo reverses it;
// setting a tick to what it already is changes nothing.
func (s *Store) SetTick(ctx context.Context, assessmentID int64, statementID string, level, element int, on bool) (model.Response, error) {
	var out model.Response
	verb := "tick"
	if !on {
		verb = "untick"
	}
	err := s.edit(ctx, fmt.Sprintf("%s element %d of level %d of %s", verb, element, level, statementID), func(e *editTx) error {
		c, err := s.checkStatement(ctx, e.tx, assessmentID, statementID)
		if err != nil {
			return err
		}
		st, _, _ := c.Statement(statementID)
		if !st.HasChecklist() {
			return invalid("statement %s has no checklist in assessment %d's criteria", statementID, assessmentID)
		}
		if n := len(st.Elements(level)); element < 1 || element > n {
			return invalid("statement %s's checklist has no element %d at level %d (that level has %d)", statementID, element, level, n)
		}
		cur, exists, err := e.response(assessmentID, statementID)
		if err != nil {
			return err
		}
		next := cur.Ticks.With(level, element, on)
		if next == cur.Ticks {
			out = cur
			return nil
		}
		out, err = e.setResponseField(assessmentID, cur, exists, "ticks", cur.Ticks.String(), next.String())
		return err
	})
	return out, err
}

// SetScoreReason saves why the board's score differs from the one its
// checklist ticks suggest (see model.NeedsReason). baseVersion is the
// response version the editor started from; if someone has changed the
// response since and their reason differs, nothing is written and a
// *model.ConflictError carries theirs, as SetRationale does.
func (s *Store) SetScoreReason(ctx context.Context, assessmentID int64, statementID, reason string, baseVersion int64) (model.Response, error) {
	var out model.Response
	err := s.edit(ctx, "save the reason for "+statementID+"'s score", func(e *editTx) error {
		if _, err := s.checkStatement(ctx, e.tx, assessmentID, statementID); err != nil {
			return err
		}
		cur, exists, err := e.response(assessmentID, statementID)
		if err != nil {
			return err
		}
		if cur.ScoreReason == reason {
			out = cur
			return nil
		}
		if cur.Version != baseVersion {
			by, err := e.lastChanger(assessmentID, "response", statementID, "score_reason", cur.UpdatedBy)
			if err != nil {
				return err
			}
			return &model.ConflictError{What: "reason for " + statementID + "'s score", Theirs: cur.ScoreReason, By: by, Version: cur.Version}
		}
		out, err = e.setResponseField(assessmentID, cur, exists, "score_reason", cur.ScoreReason, reason)
		return err
	})
	return out, err
}
