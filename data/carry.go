package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"wgll/criteria"
	"wgll/model"
)

// CarryForward starts a new period's assessment from assessment fromID. The
// new assessment is made with criteriaTOML (which may differ from the
// earlier criteria), has no scores (the earlier ones show as "last time"
// through Header.CarriedFrom), takes over the earlier evidence on every
// statement the new criteria still have, with its original date and author
// and marked for review, and the open and in-progress actions with their
// owners; done and dropped actions stay behind. Nothing in the earlier
// assessment changes.
//
// h gives the new period (required) and may override the care setting; the
// organisation and audience are the earlier assessment's. The returned lines
// report what the new criteria could not match, so nothing is dropped
// silently. Everything is written in one transaction, logged as one change
// that Undo reverses by removing the new period.
func (s *Store) CarryForward(ctx context.Context, fromID int64, h model.Header, criteriaTOML []byte) (model.Header, []string, error) {
	from, err := s.Assessment(ctx, fromID)
	if err != nil {
		return model.Header{}, nil, fmt.Errorf("carry forward from assessment %d: %w", fromID, err)
	}
	next, err := criteria.Parse("criteria", criteriaTOML)
	if err != nil {
		return model.Header{}, nil, fmt.Errorf("carry forward from assessment %d: the criteria are not valid (%w): %v", fromID, ErrInvalid, err)
	}
	if h.Organisation != "" && !model.SameOrganisation(h.Organisation, from.Organisation) {
		return model.Header{}, nil, invalid("a carried-forward assessment keeps the organisation %q; start a new assessment for %q instead", from.Organisation, h.Organisation)
	}
	if h.Audience != "" && h.Audience != from.Audience {
		return model.Header{}, nil, invalid("a carried-forward assessment keeps the audience %s; start a new assessment for %s instead", from.Audience, h.Audience)
	}
	h.ID = 0
	h.Organisation, h.Audience, h.CarriedFrom = from.Organisation, from.Audience, fromID
	if h.CareSetting == model.SettingNone {
		h.CareSetting = from.CareSetting
	}
	h.CreatedAt, h.UpdatedAt = s.nowUTC(), s.nowUTC()
	if h, err = ValidateHeader(h); err != nil {
		return h, nil, err
	}
	if strings.EqualFold(h.Period, from.Period) {
		return h, nil, invalid("the new period %q is the same as assessment %d's; give the next period, such as --period 2027/28", h.Period, fromID)
	}
	// Across a framework refresh the next criteria's mapping decides which
	// statement continues which; within one framework it is by id.
	plan, sm := model.PlanCarryMapped(from, next)
	err = s.Bulk(ctx, func(b *Batch) error {
		if id, err := findAssessment(ctx, b, h.Organisation, h.Audience, h.Period); err != nil {
			return err
		} else if id != 0 {
			return invalid("%s already has an assessment for %s (%s audience): assessment %d; open that one instead", h.Organisation, h.Period, h.Audience, id)
		}
		var err error
		if h, err = b.AddAssessment(h, criteriaTOML); err != nil {
			return err
		}
		if err := b.logAdded("carry-forward", h, next.Framework.Name+" "+next.Framework.Version, strconv.FormatInt(fromID, 10)); err != nil {
			return err
		}
		for _, e := range plan.Evidence {
			e.Version = 0
			if _, err := b.AddEvidence(h.ID, e); err != nil {
				return fmt.Errorf("copy evidence %d: %w", e.ID, err)
			}
		}
		for _, x := range plan.Actions {
			x.Version = 0
			if _, err := b.AddAction(h.ID, x); err != nil {
				return fmt.Errorf("copy action %d: %w", x.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return model.Header{}, nil, fmt.Errorf("carry forward from assessment %d: %w", fromID, err)
	}
	report := plan.Report()
	if line := sm.Summary(); line != "" {
		report = append([]string{line}, report...)
	}
	return h, report, nil
}

// findAssessment returns the id of the assessment with this organisation,
// audience and period (organisation and period ignoring case and outer
// space), or 0.
func findAssessment(ctx context.Context, b *Batch, org string, aud criteria.Audience, period string) (int64, error) {
	var id int64
	err := b.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM assessments
		WHERE lower(trim(organisation)) = lower(trim(?)) AND audience = ? AND lower(trim(period)) = lower(trim(?))`,
		org, string(aud), period).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("look for an assessment of %s for %s: %w", org, period, err)
	}
	return id, nil
}
