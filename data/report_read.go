package data

// The board report's read (issue 16). The report loaded its assessment
// whole, every evidence item and action with their notes, and each
// earlier period's for the trend: 315 MB and 6 s for the Markdown of the
// xl demo's newest assessment. It now reads a summary, the plan's
// support, and its actions and evidence a row at a time as the writers
// in data/export ask for them, all in one read-only snapshot.

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"time"

	"wgll/data/export"
	"wgll/model"
)

// ReportRead is what Store.ExportReport hands its write: the assessment
// as a summary (scores, rationales, agreements, targets and each
// statement's counts), its improvement plan, and its actions and evidence
// as sources that read them from the workbook when ranged over. They are
// valid until write returns.
type ReportRead struct {
	Assessment *model.Assessment
	Plan       model.Plan
	Items      export.ReportItems
}

// statementEvidence yields statement sid's evidence in assessment aid, in
// the order added, as it reads it (the statement screen and the board
// report both read it so); an error ends it, yielded once.
func statementEvidence(ctx context.Context, q querier, aid int64, sid string) iter.Seq2[model.Evidence, error] {
	return func(yield func(model.Evidence, error) bool) {
		rows, err := q.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM evidence WHERE assessment_id = ? AND statement_id = ? ORDER BY id`, aid, sid)
		if err != nil {
			yield(model.Evidence{}, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEvidence(rows)
			if err != nil {
				yield(model.Evidence{}, err)
				return
			}
			if !yield(e.Evidence, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(model.Evidence{}, err)
		}
	}
}

// ExportReport reads assessment id for its board report on the day of
// now, in one read-only snapshot, and calls write with it.
func (s *Store) ExportReport(ctx context.Context, id int64, now time.Time, write func(ReportRead) error) error {
	return s.damaged(s.exportReport(ctx, id, now, write))
}

func (s *Store) exportReport(ctx context.Context, id int64, now time.Time, write func(ReportRead) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("load assessment %d: %w", id, err)
	}
	defer tx.Rollback()
	a, err := s.summary(ctx, tx, id, now, true)
	if err != nil {
		return err
	}
	sup, err := planSupport(ctx, tx, id, model.PlanGaps(a), now)
	if err != nil {
		return fmt.Errorf("read the plan of assessment %d: %w", id, err)
	}
	q, err := newActionQuery(ctx, tx, a, ActionExport{Now: now})
	if err != nil {
		return fmt.Errorf("read the actions of assessment %d: %w", id, err)
	}
	evidence := func(sid string) iter.Seq2[model.Evidence, error] {
		return func(yield func(model.Evidence, error) bool) {
			for e, err := range statementEvidence(ctx, tx, id, sid) {
				if err != nil {
					err = fmt.Errorf("read the evidence of assessment %d: %w", id, err)
				}
				if !yield(e, err) {
					return
				}
			}
		}
	}
	return write(ReportRead{Assessment: a, Plan: model.BuildPlanFrom(a, sup, now), Items: export.ReportItems{Actions: q.rows, Evidence: evidence}})
}
