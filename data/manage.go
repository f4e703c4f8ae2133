package data

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"wgll/model"
)

// RenameAssessment changes assessment id's organisation and period (an
// empty value keeps the current one). Each changed field is one logged
// update, so undo can take it back. Renaming onto the organisation, audience
// and period of another assessment is refused, as is renaming a signed-off
// assessment.
func (s *Store) RenameAssessment(ctx context.Context, id int64, organisation, period string) (model.Header, error) {
	var out model.Header
	err := s.edit(ctx, fmt.Sprintf("rename assessment %d", id), func(e *editTx) error {
		h, err := scanHeader(e.tx.QueryRowContext(ctx, `SELECT `+headerColumns+` FROM assessments WHERE id = ?`, id))
		if err != nil {
			return fmt.Errorf("assessment %d: %w", id, ErrNotFound)
		}
		next := h
		if strings.TrimSpace(organisation) != "" {
			next.Organisation = organisation
		}
		if strings.TrimSpace(period) != "" {
			next.Period = period
		}
		if next, err = ValidateHeader(next); err != nil {
			return err
		}
		var other int64
		if err := e.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM assessments
			WHERE id != ? AND lower(trim(organisation)) = lower(?) AND audience = ? AND lower(trim(period)) = lower(?)`,
			id, next.Organisation, string(next.Audience), next.Period).Scan(&other); err != nil {
			return err
		}
		if other != 0 {
			return invalid("assessment %d is already %s (%s audience); choose another name or period", other, next.Title(), next.Audience)
		}
		for _, f := range []kv{{"organisation", next.Organisation}, {"period", next.Period}} {
			old := map[string]string{"organisation": h.Organisation, "period": h.Period}[f.col]
			if old == f.val {
				continue
			}
			// f.col is one of the two literal names above.
			if _, err := e.tx.ExecContext(ctx, `UPDATE assessments SET `+f.col+` = ?, updated_at = ? WHERE id = ?`, f.val, e.now, id); err != nil {
				return err
			}
			if _, err := e.log(change{assessmentID: id, entity: "assessment", entityID: strconv.FormatInt(id, 10), op: "update", field: f.col, old: old, new: f.val}); err != nil {
				return err
			}
		}
		out = next
		out.UpdatedAt = parseTime(e.now)
		return nil
	})
	return out, err
}

// DeletedAssessment says what DeleteAssessment removed and where the copy
// taken first is (model.DeletedAssessment, so that the app can name it).
type DeletedAssessment = model.DeletedAssessment

// DeleteAssessment removes assessment id with everything recorded against
// it, after copying the whole workbook next to itself
// (FILE.before-delete-ID-TIMESTAMP), which is the way back: the change log
// records the delete but undo cannot reverse it. A signed-off assessment
// is refused; unlock it first. Assessments carried forward from it keep
// their content and lose only their "last time" scores.
func (s *Store) DeleteAssessment(ctx context.Context, id int64) (DeletedAssessment, error) {
	var out DeletedAssessment
	so, err := s.SignOffOf(ctx, id)
	if err != nil {
		return out, err
	}
	if so.Signed() {
		// Refused before the copy is taken, so a refusal leaves no file.
		return out, refuse(fmt.Sprintf("assessment %d", id), ErrLocked, "%s", strings.TrimPrefix(so.LockedMessage(id), fmt.Sprintf("assessment %d ", id)))
	}
	backup := s.uniqueName(fmt.Sprintf("%s.before-delete-%d-%s", s.abs, id, s.nowUTC().Format("20060102T150405Z")))
	if err := s.vacuumInto(ctx, backup); err != nil {
		return out, fmt.Errorf("back up %s before deleting assessment %d: %w; nothing was deleted", s.path, id, err)
	}
	out.Backup = backup
	err = s.edit(ctx, fmt.Sprintf("delete assessment %d", id), func(e *editTx) error {
		h, err := scanHeader(e.tx.QueryRowContext(ctx, `SELECT `+headerColumns+` FROM assessments WHERE id = ?`, id))
		if err != nil {
			return fmt.Errorf("assessment %d: %w", id, ErrNotFound)
		}
		out.Header = h
		if err := e.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM responses WHERE assessment_id = ?1 AND score > 0),
			(SELECT count(*) FROM evidence WHERE assessment_id = ?1), (SELECT count(*) FROM actions WHERE assessment_id = ?1)`, id).
			Scan(&out.Responses, &out.Evidence, &out.Actions); err != nil {
			return err
		}
		j, _ := json.Marshal(assessmentJSON{ID: h.ID, Organisation: h.Organisation, Audience: string(h.Audience), Period: h.Period,
			CareSetting: string(h.CareSetting), CarriedFrom: h.CarriedFrom, CreatedAt: formatTime(h.CreatedAt)})
		// Logged first: the log checks the lock before anything is removed.
		if _, err := e.log(change{assessmentID: id, entity: "assessment", entityID: strconv.FormatInt(id, 10), op: "delete",
			old: string(j), new: "backup: " + backup}); err != nil {
			return err
		}
		if _, err = e.tx.ExecContext(ctx, `DELETE FROM assessments WHERE id = ?`, id); err != nil {
			return err
		}
		return dropUnusedCriteriaTexts(ctx, e.tx)
	})
	if err != nil {
		return out, err
	}
	s.cmu.Lock()
	delete(s.crit, id)
	s.cmu.Unlock()
	return out, nil
}
