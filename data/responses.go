package data

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"wgll/model"
)

const responseColumns = `statement_id, score, rationale, updated_by, updated_at, version, ticks, score_reason`

// responseColumnsV2 reads the same from a workbook older than
// schemaChecklist, which has no ticks or score reasons.
const responseColumnsV2 = `statement_id, score, rationale, updated_by, updated_at, version, '', ''`

// The schema versions that added columns an import from an older workbook
// must do without.
const (
	schemaChecklist = 3 // responses.ticks, responses.score_reason
	schemaPlan      = 6 // the evidence trust fields
	// schemaCriteriaTexts moved each assessment's criteria text to its own
	// table, criteria_texts.
	schemaCriteriaTexts = 7
)

func scanResponse(sc interface{ Scan(...any) error }) (model.Response, error) {
	var r model.Response
	var score int
	var at, ticks string
	if err := scanLenient(sc, &r.StatementID, &score, &r.Rationale, &r.UpdatedBy, &at, &r.Version, &ticks, &r.ScoreReason); err != nil {
		return r, err
	}
	r.Ticks = storedTicks(ticks)
	r.Score = model.Score(score)
	r.UpdatedAt = parseTime(at)
	return r, nil
}

// response reads the stored response (Version 0 and ok false if none).
func (e *editTx) response(assessmentID int64, statementID string) (model.Response, bool, error) {
	r, err := scanResponse(e.tx.QueryRowContext(e.ctx, `SELECT `+responseColumns+` FROM responses WHERE assessment_id = ? AND statement_id = ?`, assessmentID, statementID))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Response{StatementID: statementID}, false, nil
	}
	return r, err == nil, err
}

// setResponseField writes one field of a response (creating the row if
// needed), bumps its version and logs the change.
func (e *editTx) setResponseField(assessmentID int64, cur model.Response, exists bool, field, old, new string) (model.Response, error) {
	if !exists {
		if _, err := e.tx.ExecContext(e.ctx, `INSERT INTO responses (assessment_id, statement_id, updated_by, updated_at, version) VALUES (?, ?, ?, ?, 0)`,
			assessmentID, cur.StatementID, e.s.user, e.now); err != nil {
			return cur, err
		}
	}
	// field is one of the literal column names below, never user input.
	q := map[string]string{
		"score":        `UPDATE responses SET score = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE assessment_id = ? AND statement_id = ?`,
		"rationale":    `UPDATE responses SET rationale = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE assessment_id = ? AND statement_id = ?`,
		"ticks":        `UPDATE responses SET ticks = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE assessment_id = ? AND statement_id = ?`,
		"score_reason": `UPDATE responses SET score_reason = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE assessment_id = ? AND statement_id = ?`,
	}[field]
	if _, err := e.tx.ExecContext(e.ctx, q, new, e.s.user, e.now, assessmentID, cur.StatementID); err != nil {
		return cur, err
	}
	r, _, err := e.response(assessmentID, cur.StatementID)
	if err != nil {
		return r, err
	}
	if _, err := e.log(change{assessmentID: assessmentID, entity: "response", entityID: cur.StatementID, op: "update", field: field, old: old, new: new, version: r.Version}); err != nil {
		return r, err
	}
	return r, e.touch(assessmentID)
}

// SetScore scores a statement; score 0 (model.NotAssessed) clears it. The
// score must be on the assessment's scale and the statement one of its
// statements. Setting the score it already has changes nothing.
func (s *Store) SetScore(ctx context.Context, assessmentID int64, statementID string, score model.Score) (model.Response, error) {
	var out model.Response
	err := s.edit(ctx, "score "+statementID, func(e *editTx) error {
		var err error
		out, err = e.setScore(assessmentID, statementID, score)
		return err
	})
	return out, err
}

// setScore is SetScore inside an edit, so that a workshop's agreement sets
// the score by the same path (and change-log row) in its own transaction.
func (e *editTx) setScore(assessmentID int64, statementID string, score model.Score) (model.Response, error) {
	c, err := e.s.checkStatement(e.ctx, e.tx, assessmentID, statementID)
	if err != nil {
		return model.Response{}, err
	}
	max := c.MaxLevel()
	if max == 0 {
		max = 5
	}
	if score < model.NotAssessed || int(score) > max {
		return model.Response{}, invalid("score %d for %s is not 1 to %d (or 0 to clear it)", int(score), statementID, max)
	}
	cur, exists, err := e.response(assessmentID, statementID)
	if err != nil {
		return cur, err
	}
	if exists && cur.Score == score {
		return cur, nil
	}
	return e.setResponseField(assessmentID, cur, exists, "score", strconv.Itoa(int(cur.Score)), strconv.Itoa(int(score)))
}

// SetRationale saves the rationale for a statement. baseVersion is the
// response version the editor started from (0 for a statement with no
// response). If the response has changed since and its stored rationale
// differs from text, nothing is written and a *model.ConflictError carries
// the stored text, so the caller can keep both.
func (s *Store) SetRationale(ctx context.Context, assessmentID int64, statementID, text string, baseVersion int64) (model.Response, error) {
	var out model.Response
	err := s.edit(ctx, "save the rationale for "+statementID, func(e *editTx) error {
		if _, err := s.checkStatement(ctx, e.tx, assessmentID, statementID); err != nil {
			return err
		}
		cur, exists, err := e.response(assessmentID, statementID)
		if err != nil {
			return err
		}
		if cur.Rationale == text {
			out = cur
			return nil
		}
		if cur.Version != baseVersion {
			by, err := e.lastChanger(assessmentID, "response", statementID, "rationale", cur.UpdatedBy)
			if err != nil {
				return err
			}
			return &model.ConflictError{What: "rationale for " + statementID, Theirs: cur.Rationale, By: by, Version: cur.Version}
		}
		out, err = e.setResponseField(assessmentID, cur, exists, "rationale", cur.Rationale, text)
		return err
	})
	return out, err
}

// lastChanger is who last changed the field (or the entity, when field is
// ""), from the change log; fallback if the log has nothing.
func (e *editTx) lastChanger(assessmentID int64, entity, entityID, field, fallback string) (string, error) {
	var by string
	err := e.tx.QueryRowContext(e.ctx, `SELECT changed_by FROM changes
		WHERE assessment_id = ? AND entity = ? AND entity_id = ? AND (? = '' OR field = ? OR field = '')
		ORDER BY id DESC LIMIT 1`, assessmentID, entity, entityID, field, field).Scan(&by)
	if errors.Is(err, sql.ErrNoRows) {
		return fallback, nil
	}
	return by, err
}
