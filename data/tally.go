package data

import (
	"context"
	"fmt"
)

// The tally of each statement's evidence and actions by state
// (statement_counts, schema 7) is kept by triggers in the workbook itself,
// so every writer keeps it, wgll or not. It is derived data: Check
// recounts it, and Recount rebuilds it should it ever disagree (a tool
// that dropped the triggers, say).

// tallyRecount is the tally counted from the evidence and actions tables.
const tallyRecount = `SELECT assessment_id, statement_id, sum(ev), sum(op), sum(ip), sum(dn), sum(dr) FROM (
		SELECT assessment_id, statement_id, 1 AS ev, 0 AS op, 0 AS ip, 0 AS dn, 0 AS dr FROM evidence
		UNION ALL
		SELECT assessment_id, statement_id, 0, status = 'open', status = 'in-progress', status = 'done', status = 'dropped' FROM actions
	) GROUP BY assessment_id, statement_id`

// scoredRecount is each assessment's count of scored statements, counted.
const scoredRecount = `SELECT assessment_id, count(*) FROM responses WHERE score > 0 GROUP BY assessment_id`

// miscounted is how many statements' tallies, and assessments' counts of
// scored statements, differ from a recount.
func miscounted(ctx context.Context, q querier) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `WITH recount (a, s, ev, op, ip, dn, dr) AS (`+tallyRecount+`),
			scored (a, n) AS (`+scoredRecount+`)
		SELECT (SELECT count(*) FROM (
			SELECT a, s, ev, op, ip, dn, dr FROM recount
			EXCEPT SELECT assessment_id, statement_id, evidence, open, in_progress, done, dropped FROM statement_counts
			UNION ALL
			SELECT assessment_id, statement_id, evidence, open, in_progress, done, dropped FROM statement_counts
			WHERE evidence + open + in_progress + done + dropped <> 0
			EXCEPT SELECT a, s, ev, op, ip, dn, dr FROM recount))
		+ (SELECT count(*) FROM (
			SELECT a, n FROM scored EXCEPT SELECT assessment_id, scored FROM assessment_counts
			UNION ALL
			SELECT assessment_id, scored FROM assessment_counts WHERE scored <> 0 EXCEPT SELECT a, n FROM scored))`).Scan(&n)
	return n, err
}

// Recount rebuilds the tally of every statement's evidence and actions,
// and every assessment's count of scored statements, from the items
// themselves, in one transaction, and returns how many it corrected.
func (s *Store) Recount(ctx context.Context) (int64, error) {
	var fixed int64
	err := s.edit(ctx, "recount the evidence and actions", func(e *editTx) error {
		var err error
		if fixed, err = miscounted(ctx, e.tx); err != nil || fixed == 0 {
			return err
		}
		for _, q := range []string{
			`DELETE FROM statement_counts`,
			`INSERT INTO statement_counts (assessment_id, statement_id, evidence, open, in_progress, done, dropped) ` + tallyRecount,
			`DELETE FROM assessment_counts`,
			`INSERT INTO assessment_counts (assessment_id, scored) ` + scoredRecount,
		} {
			if _, err := e.tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("recount the evidence and actions of %s: %w", s.path, err)
	}
	return fixed, nil
}
