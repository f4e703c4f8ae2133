package data

// The improvement plan's read (issue 16). The plan screen used to read the
// whole assessment to count each gap's evidence and list its actions; on
// the xl demo that is every one of 100,000 evidence items and 100,000
// actions with all their text. PlanSupport reads only what the plan shows,
// for the gaps only: the few columns that decide whether evidence is weak
// (counted as they are read, never held), and the live actions' title,
// owner, due date and state. The plan lists every live action of every
// gap, so those rows it does need.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"wgll/model"
)

// PlanSupport reads, for each of statements sids of assessment id (the
// gaps, model.PlanGaps), the evidence counts and live actions the plan
// shows, weak evidence judged on the day of now; see model.BuildPlanFrom.
// Actions carry their id, statement, title, owner, due date and state only.
func (s *Store) PlanSupport(ctx context.Context, id int64, sids []string, now time.Time) (map[string]model.PlanSupport, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read the plan of assessment %d: %w", id, err)
	}
	defer tx.Rollback()
	return planSupport(ctx, tx, id, sids, now)
}

// planSupport is PlanSupport in transaction tx.
func planSupport(ctx context.Context, tx *sql.Tx, id int64, sids []string, now time.Time) (map[string]model.PlanSupport, error) {
	out := make(map[string]model.PlanSupport, len(sids))
	if len(sids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(sids)
	if err != nil {
		return nil, err
	}
	want := make(map[string]bool, len(sids))
	for _, sid := range sids {
		want[sid] = true
	}
	// Evidence supports the statement it is filed under and those it is
	// linked to (model.Evidence.Supports): the gaps' own items, and any
	// item with links. Items alike in everything that decides where they
	// count and whether they are weak are read once, with their number (a
	// hundred rows for the 100,000 items of the xl demo's newest
	// assessment), and judged by model.Evidence.Weak itself.
	from, args, err := assessmentRows(ctx, tx, "evidence", id)
	if err != nil {
		return nil, fmt.Errorf("count the evidence of assessment %d's gaps: %w", id, err)
	}
	err = eachRow(ctx, tx, `SELECT statement_id, also_statements, needs_review, review_by, confidence, count(*) FROM `+from+`
		AND (statement_id IN (SELECT value FROM json_each(?)) OR also_statements <> '')
		GROUP BY statement_id, also_statements, needs_review, review_by, confidence`,
		append(args, string(list)), func(rows *sql.Rows) error {
			var e model.Evidence
			var also, review, conf string
			var needs, n int
			if err := scanLenient(rows, &e.StatementID, &also, &needs, &review, &conf, &n); err != nil {
				return err
			}
			e.Also, e.NeedsReview, e.Confidence = model.Links(also), needs != 0, model.Confidence(conf)
			e.ReviewBy, _ = model.ParseDate(review)
			// As model.Assessment.EvidenceFor counts it: once for the
			// statement it is filed under, once for each other statement
			// it links to, however often a damaged file repeats a link.
			var counted []string
			for _, sid := range e.Supports() {
				if !want[sid] || slices.Contains(counted, sid) {
					continue
				}
				counted = append(counted, sid)
				sup := out[sid]
				for range n {
					sup.AddEvidence(e, now)
				}
				out[sid] = sup
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("count the evidence of assessment %d's gaps: %w", id, err)
	}
	from, args, err = assessmentRows(ctx, tx, "actions", id)
	if err != nil {
		return nil, fmt.Errorf("read the actions of assessment %d's gaps: %w", id, err)
	}
	err = eachRow(ctx, tx, `SELECT id, statement_id, title, owner, due, status FROM `+from+`
		AND statement_id IN (SELECT value FROM json_each(?)) AND status IN (?, ?) ORDER BY id`,
		append(args, string(list), string(model.StatusOpen), string(model.StatusInProgress)), func(rows *sql.Rows) error {
			var x model.Action
			var due, status string
			if err := scanLenient(rows, &x.ID, &x.StatementID, &x.Title, &x.Owner, &due, &status); err != nil {
				return err
			}
			x.Due, _ = model.ParseDate(due)
			x.Status = model.ActionStatus(status)
			sup := out[x.StatementID]
			sup.Actions = append(sup.Actions, x)
			out[x.StatementID] = sup
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the actions of assessment %d's gaps: %w", id, err)
	}
	return out, nil
}
