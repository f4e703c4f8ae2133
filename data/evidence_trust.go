package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"wgll/model"
)

// normalizeTrust checks an evidence item's trust fields and puts them in
// their stored form: dates as calendar days, the owner trimmed, the links
// without blanks, repeats or the item's own statement.
func normalizeTrust(ev model.Evidence) (model.Evidence, error) {
	if !ev.Confidence.Valid() {
		return ev, invalid("evidence confidence %q is not high, medium or low", ev.Confidence)
	}
	for _, d := range []*time.Time{&ev.EffectiveDate, &ev.ReviewBy} {
		if d.IsZero() {
			continue
		}
		*d = model.Day(*d)
		if y := d.Year(); y < 1900 || y > 9999 {
			return ev, invalid("evidence date %s is not a real date; use YYYY-MM-DD", model.FormatDate(*d))
		}
	}
	ev.Owner = strings.TrimSpace(ev.Owner)
	var also []string
	for _, id := range ev.Also.IDs() {
		if id != ev.StatementID {
			also = append(also, id)
		}
	}
	ev.Also = model.LinksOf(also...)
	return ev, nil
}

// checkLinks makes sure every statement an item is linked to is one of the
// assessment's statements.
func (s *Store) checkLinks(ctx context.Context, q querier, assessmentID int64, ev model.Evidence) error {
	for _, sid := range ev.Also.IDs() {
		if _, err := s.checkStatement(ctx, q, assessmentID, sid); err != nil {
			return err
		}
	}
	return nil
}

// ConfirmEvidence records that someone has looked at evidence item id and
// it still holds: a carried-forward item stops needing review, and a new
// review-by date (when reviewBy is not zero) replaces the old one. It is a
// deliberate act of its own, not a side effect of editing the item. An
// item whose review-by date has passed cannot be confirmed without a new
// one, since it would stay stale.
func (s *Store) ConfirmEvidence(ctx context.Context, assessmentID, id int64, reviewBy time.Time) (model.Evidence, error) {
	var out model.Evidence
	err := s.edit(ctx, fmt.Sprintf("confirm evidence %d", id), func(e *editTx) error {
		cur, err := e.evidence(assessmentID, id)
		if err != nil {
			return err
		}
		next := cur.Evidence
		next.NeedsReview = false
		if !reviewBy.IsZero() {
			next.ReviewBy = model.Day(reviewBy)
		}
		now := s.nowUTC()
		if next.Staleness(now) != model.NotStale {
			return invalid("evidence %d was due for review by %s; confirm it with a new review-by date (YYYY-MM-DD, after today)", id, model.FormatDate(next.ReviewBy))
		}
		diff := diffFields(evidenceFields(cur.Evidence), evidenceFields(next))
		if len(diff) == 0 {
			out = cur.Evidence
			return nil
		}
		if _, err := e.update("evidence", "evidence", assessmentID, id, cur.Version, diff); err != nil {
			return err
		}
		cur, err = e.evidence(assessmentID, id)
		out = cur.Evidence
		return err
	})
	return out, err
}

// LinkEvidence makes evidence item id support statementID as well as the
// statement it is filed under; linking it again changes nothing.
func (s *Store) LinkEvidence(ctx context.Context, assessmentID, id int64, statementID string) (model.Evidence, error) {
	return s.relink(ctx, assessmentID, id, statementID, true)
}

// UnlinkEvidence stops evidence item id supporting statementID. The
// statement it is filed under cannot be unlinked: delete the item instead.
func (s *Store) UnlinkEvidence(ctx context.Context, assessmentID, id int64, statementID string) (model.Evidence, error) {
	return s.relink(ctx, assessmentID, id, statementID, false)
}

func (s *Store) relink(ctx context.Context, assessmentID, id int64, statementID string, link bool) (model.Evidence, error) {
	verb := "unlink"
	if link {
		verb = "link"
	}
	var out model.Evidence
	err := s.edit(ctx, fmt.Sprintf("%s evidence %d and %s", verb, id, statementID), func(e *editTx) error {
		cur, err := e.evidence(assessmentID, id)
		if err != nil {
			return err
		}
		if statementID == cur.StatementID {
			if link {
				out = cur.Evidence
				return nil
			}
			return invalid("evidence %d is filed under %s; it cannot be unlinked from its own statement (delete it instead)", id, statementID)
		}
		if _, err := s.checkStatement(ctx, e.tx, assessmentID, statementID); err != nil {
			return err
		}
		ids := cur.Also.IDs()
		if link {
			ids = append(ids, statementID)
		} else {
			kept := ids[:0]
			for _, x := range ids {
				if x != statementID {
					kept = append(kept, x)
				}
			}
			ids = kept
		}
		next := cur.Evidence
		next.Also = model.LinksOf(ids...)
		diff := diffFields(evidenceFields(cur.Evidence), evidenceFields(next))
		if len(diff) == 0 {
			out = cur.Evidence
			return nil
		}
		if _, err := e.update("evidence", "evidence", assessmentID, id, cur.Version, diff); err != nil {
			return err
		}
		cur, err = e.evidence(assessmentID, id)
		out = cur.Evidence
		return err
	})
	return out, err
}

// StaleEntry is one stale evidence item in the workbook-wide listing.
type StaleEntry struct {
	Header model.Header
	model.StaleItem
}

// StaleEvidence lists the stale evidence of assessment id on the store's
// day, or of every assessment when id is 0 (newest period first, as
// Assessments lists them).
func (s *Store) StaleEvidence(ctx context.Context, id int64) ([]StaleEntry, error) {
	var ids []int64
	if id != 0 {
		ids = []int64{id}
	} else {
		hs, err := s.Assessments(ctx)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			ids = append(ids, h.ID)
		}
	}
	var out []StaleEntry
	for _, aid := range ids {
		a, err := s.staleCandidates(ctx, aid)
		if err != nil {
			return nil, fmt.Errorf("list stale evidence of assessment %s: %w", strconv.FormatInt(aid, 10), err)
		}
		for _, it := range a.StaleEvidence(s.nowUTC()) {
			out = append(out, StaleEntry{Header: a.Header, StaleItem: it})
		}
	}
	return out, nil
}

// staleCandidates is assessment id with, as its evidence, only the items
// that are or can become stale (past or with a review-by date, or carried
// forward unconfirmed), whole, read from the index that holds only those
// (evidence_stale) in the order a whole read gives: listing the stale
// evidence of the xl workbook's newest assessment read its 100,000 items
// and 100,000 actions (2 s, 170 MB) for a few thousand.
func (s *Store) staleCandidates(ctx context.Context, id int64) (*model.Assessment, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, err := s.emptyAssessment(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT `+evidenceColumns+` FROM evidence INDEXED BY evidence_stale
		WHERE assessment_id = ? AND `+sqlStaleCandidate+` ORDER BY statement_id, id`, []any{id},
		func(rows *sql.Rows) error {
			e, err := scanEvidence(rows)
			if err != nil {
				return err
			}
			a.Evidence[e.StatementID] = append(a.Evidence[e.StatementID], e.Evidence)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// EvidenceAssessment returns the assessment evidence item id belongs to:
// item ids are unique across the workbook, so a command can name an item
// by its id alone.
func (s *Store) EvidenceAssessment(ctx context.Context, id int64) (int64, error) {
	var aid int64
	err := s.db.QueryRowContext(ctx, `SELECT assessment_id FROM evidence WHERE id = ?`, id).Scan(&aid)
	if err != nil {
		return 0, fmt.Errorf("evidence %d: %w (see the ID column of 'wgll evidence list')", id, ErrNotFound)
	}
	return aid, nil
}
