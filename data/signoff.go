package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"wgll/model"
)

// ErrLocked: the assessment is signed off, so the write was refused. The
// error's text says who signed it off and how to unlock it. It is
// model.ErrLocked, so the app can recognise it without importing data.
var ErrLocked = model.ErrLocked

// signOffJSON is how a sign-off appears in the change log.
type signOffJSON struct {
	AssuredBy  string `json:"assured_by"`
	AssuredOn  string `json:"assured_on"`
	ApprovedBy string `json:"approved_by,omitempty"`
	ApprovedOn string `json:"approved_on,omitempty"`
	MinuteRef  string `json:"minute_ref,omitempty"`
	SignedBy   string `json:"signed_by"`
	SignedAt   string `json:"signed_at"`
}

func signOffText(so model.SignOff) string {
	b, _ := json.Marshal(signOffJSON{
		AssuredBy: so.AssuredBy, AssuredOn: model.FormatDate(so.AssuredOn),
		ApprovedBy: string(so.ApprovedBy), ApprovedOn: model.FormatDate(so.ApprovedOn), MinuteRef: so.MinuteRef,
		SignedBy: so.SignedBy, SignedAt: formatTime(so.SignedAt),
	})
	return string(b)
}

// readSignOff reads assessment id's sign-off; ok is false when it has none.
func readSignOff(ctx context.Context, q querier, id int64) (so model.SignOff, ok bool, err error) {
	var assuredOn, approvedBy, approvedOn, signedAt string
	err = q.QueryRowContext(ctx, `SELECT assured_by, assured_on, approved_by, approved_on, minute_ref, signed_by, signed_at
		FROM signoffs WHERE assessment_id = ?`, id).Scan(&so.AssuredBy, &assuredOn, &approvedBy, &approvedOn, &so.MinuteRef, &so.SignedBy, &signedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return so, false, nil
	}
	if err != nil {
		return so, false, err
	}
	so.AssuredOn, _ = model.ParseDate(assuredOn)
	so.ApprovedOn, _ = model.ParseDate(approvedOn)
	so.ApprovedBy, so.SignedAt = model.ApprovalBody(approvedBy), parseTime(signedAt)
	return so, true, nil
}

// unlocked is the write lock: it refuses a change-log row, and with it the
// whole edit, when the assessment the row is about is signed off. Every
// edit logs what it changes, so checking here covers every write without
// each store method remembering to. Rows about the sign-off itself pass,
// or nothing could be signed off or unlocked. Each assessment is checked
// once per edit.
func (e *editTx) unlocked(c change) error {
	if c.entity == "signoff" || c.assessmentID == 0 || e.open[c.assessmentID] {
		return nil
	}
	so, locked, err := readSignOff(e.ctx, e.tx, c.assessmentID)
	if err != nil {
		return err
	}
	if locked {
		return refuse("assessment "+strconv.FormatInt(c.assessmentID, 10), ErrLocked, "%s", strings.TrimPrefix(so.LockedMessage(c.assessmentID), fmt.Sprintf("assessment %d ", c.assessmentID)))
	}
	if e.open == nil {
		e.open = map[int64]bool{}
	}
	e.open[c.assessmentID] = true
	return nil
}

// SignOff records who assured assessment id (and, optionally, who approved
// it) and locks it: from now on every write to it is refused until Unlock.
// SignedBy and SignedAt are the store's user and clock. Signing off an
// assessment already signed off is refused; unlock it first.
func (s *Store) SignOff(ctx context.Context, id int64, so model.SignOff) (model.SignOff, error) {
	so.AssuredBy, so.MinuteRef = strings.TrimSpace(so.AssuredBy), strings.TrimSpace(so.MinuteRef)
	if !so.AssuredOn.IsZero() {
		so.AssuredOn = model.Day(so.AssuredOn)
	}
	if !so.ApprovedOn.IsZero() {
		so.ApprovedOn = model.Day(so.ApprovedOn)
	}
	if err := so.Validate(); err != nil {
		return so, invalid("%v", err)
	}
	err := s.edit(ctx, fmt.Sprintf("sign off assessment %d", id), func(e *editTx) error {
		if _, _, err := s.criteriaOf(ctx, e.tx, id); err != nil {
			return err
		}
		if cur, ok, err := readSignOff(ctx, e.tx, id); err != nil {
			return err
		} else if ok {
			return refuse(fmt.Sprintf("assessment %d", id), ErrLocked, "is already signed off (%s); unlock it first with wgll assessment unlock %d --reason TEXT", cur.Summary(), id)
		}
		so.SignedBy, so.SignedAt = s.user, parseTime(e.now)
		if _, err := e.tx.ExecContext(ctx, `INSERT INTO signoffs
			(assessment_id, assured_by, assured_on, approved_by, approved_on, minute_ref, signed_by, signed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, so.AssuredBy, model.FormatDate(so.AssuredOn), string(so.ApprovedBy), model.FormatDate(so.ApprovedOn), so.MinuteRef, so.SignedBy, e.now); err != nil {
			return err
		}
		_, err := e.log(change{assessmentID: id, entity: "signoff", entityID: strconv.FormatInt(id, 10), op: "insert", new: signOffText(so), version: 1})
		return err
	})
	return so, err
}

// Unlock removes assessment id's sign-off so that it can be changed again.
// The reason is required and goes into the change log beside the sign-off
// it ends.
func (s *Store) Unlock(ctx context.Context, id int64, reason string) (model.SignOff, error) {
	reason = strings.TrimSpace(reason)
	if err := model.ValidUnlockReason(reason); err != nil {
		return model.SignOff{}, invalid("%v", err)
	}
	var was model.SignOff
	err := s.edit(ctx, fmt.Sprintf("unlock assessment %d", id), func(e *editTx) error {
		if _, _, err := s.criteriaOf(ctx, e.tx, id); err != nil {
			return err
		}
		so, ok, err := readSignOff(ctx, e.tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return invalid("assessment %d is not signed off, so there is nothing to unlock", id)
		}
		was = so
		if _, err := e.tx.ExecContext(ctx, `DELETE FROM signoffs WHERE assessment_id = ?`, id); err != nil {
			return err
		}
		_, err = e.log(change{assessmentID: id, entity: "signoff", entityID: strconv.FormatInt(id, 10), op: "update", field: "unlock", old: signOffText(so), new: reason})
		return err
	})
	return was, err
}

// SignOffOf returns assessment id's sign-off (Signed false when none).
func (s *Store) SignOffOf(ctx context.Context, id int64) (model.SignOff, error) {
	so, _, err := readSignOff(ctx, s.db, id)
	if err != nil {
		return so, fmt.Errorf("read the sign-off of assessment %d: %w", id, err)
	}
	return so, nil
}
