package data

import (
	"strconv"

	"wgll/model"
)

// PutTarget sets a statement's target inside a Bulk load, as SetTarget
// would but without a change-log row (see Bulk).
func (b *Batch) PutTarget(assessmentID int64, statementID string, t model.Target) error {
	if err := b.checkStatement(assessmentID, statementID); err != nil {
		return err
	}
	return b.putTarget(assessmentID, scopeStatement, statementID, t)
}

// PutMeasureTarget sets a measure's default target inside a Bulk load.
func (b *Batch) PutMeasureTarget(assessmentID int64, measureKey string, t model.Target) error {
	return b.putTarget(assessmentID, scopeMeasure, measureKey, t)
}

func (b *Batch) putTarget(assessmentID int64, scope, key string, t model.Target) error {
	if err := model.ValidTarget(t, 5); err != nil {
		return invalid("%v", err)
	}
	_, err := b.tx.ExecContext(b.ctx, `INSERT INTO targets (assessment_id, scope, target_key, level, due, updated_by, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1)
		ON CONFLICT (assessment_id, scope, target_key) DO UPDATE SET level = excluded.level, due = excluded.due`,
		assessmentID, scope, key, int(t.Level), model.FormatDate(t.Due), b.s.user, formatTime(b.s.nowUTC()))
	return b.s.translate("set the target of "+key, err)
}

// PutSignOff records a sign-off inside a Bulk load, locking the assessment
// for every later edit. SignedBy defaults to the store's user and SignedAt
// to its clock.
func (b *Batch) PutSignOff(assessmentID int64, so model.SignOff) error {
	if err := so.Validate(); err != nil {
		return invalid("%v", err)
	}
	if _, err := b.statements(assessmentID); err != nil {
		return err
	}
	by, at := b.author(so.SignedBy), b.at(formatTime(so.SignedAt))
	_, err := b.tx.ExecContext(b.ctx, `INSERT INTO signoffs
		(assessment_id, assured_by, assured_on, approved_by, approved_on, minute_ref, signed_by, signed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		assessmentID, so.AssuredBy, model.FormatDate(so.AssuredOn), string(so.ApprovedBy), model.FormatDate(so.ApprovedOn), so.MinuteRef, by, at)
	return b.s.translate("sign off assessment "+strconv.FormatInt(assessmentID, 10), err)
}
