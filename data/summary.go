package data

// Screen-sized reads (issue 16). The app's screens show an assessment's
// scores and a few counts per statement, one statement's evidence and
// actions at a time, and other periods' scores; reading the whole
// assessment for them made opening, comparing and the ICS views grow with
// the workbook. The reads here return what a screen shows, counted or
// filtered in SQL, so their cost follows the screen, not the file.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// AssessmentSummary loads assessment id for the screens: its header,
// criteria, responses and previous scores, and per statement the counts of
// evidence and actions (overdue counted on the day of now), without the
// evidence and actions themselves. When statementID is not empty that
// statement's evidence and actions are loaded too, in the same snapshot
// (the statement on screen when the app reloads). See model.ItemCounts.
func (s *Store) AssessmentSummary(ctx context.Context, id int64, now time.Time, statementID string) (*model.Assessment, error) {
	return s.readSummary(ctx, id, statementID, func(tx *sql.Tx) (*model.Assessment, error) {
		return s.summary(ctx, tx, id, now, true)
	})
}

// AssessmentOverview is AssessmentSummary without the action counts and
// the stale candidates, which read every action and evidence row and take
// longest: the app shows the overview from it at once and reads
// ActionCounts and StaleItems behind it (ActionsPending is set).
func (s *Store) AssessmentOverview(ctx context.Context, id int64, statementID string) (*model.Assessment, error) {
	return s.readSummary(ctx, id, statementID, func(tx *sql.Tx) (*model.Assessment, error) {
		return s.summaryWith(ctx, tx, id, time.Time{}, true, true)
	})
}

// readSummary reads assessment id with read in one read-only snapshot,
// and with it the items of statementID, the statement on screen, if any.
func (s *Store) readSummary(ctx context.Context, id int64, statementID string, read func(*sql.Tx) (*model.Assessment, error)) (*model.Assessment, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load assessment %d: %w", id, err)
	}
	defer tx.Rollback()
	a, err := read(tx)
	if err != nil {
		return nil, err
	}
	if statementID != "" {
		ev, acts, err := statementItems(ctx, tx, id, statementID)
		if err != nil {
			return nil, fmt.Errorf("load statement %s of assessment %d: %w", statementID, id, err)
		}
		a.SetItems(statementID, ev, acts)
	}
	return a, nil
}

// ActionCounts counts each statement's actions in assessment id by state,
// overdue on the day of now, for model.Assessment.SetActionCounts.
func (s *Store) ActionCounts(ctx context.Context, id int64, now time.Time) (map[string]model.ItemCounts, error) {
	counts := map[string]model.ItemCounts{}
	if err := countActions(ctx, s.db, id, now, counts); err != nil {
		return nil, fmt.Errorf("count the actions of assessment %d: %w", id, err)
	}
	return counts, nil
}

// summary reads one assessment's header, criteria, responses, previous
// scores and, with counts set, its per-statement counts.
func (s *Store) summary(ctx context.Context, q querier, id int64, now time.Time, counts bool) (*model.Assessment, error) {
	return s.summaryWith(ctx, q, id, now, counts, false)
}

// summaryWith is summary; with noActions it counts evidence only and
// leaves the actions pending.
func (s *Store) summaryWith(ctx context.Context, q querier, id int64, now time.Time, counts, noActions bool) (*model.Assessment, error) {
	a, err := s.emptyAssessment(ctx, q, id)
	if err != nil {
		return nil, err
	}
	c, h := a.Criteria, a.Header
	a.Counts, a.CountedAt = map[string]model.ItemCounts{}, now
	// Everything but the evidence and actions is read as load reads it.
	if err := s.loadResponses(ctx, q, a); err != nil {
		return nil, fmt.Errorf("load the responses of assessment %d: %w", id, err)
	}
	if err := loadAgreements(ctx, q, a); err != nil {
		return nil, fmt.Errorf("load the workshop agreements of assessment %d: %w", id, err)
	}
	if err := loadPlanData(ctx, q, a); err != nil {
		return nil, fmt.Errorf("load the targets and sign-off of assessment %d: %w", id, err)
	}
	if h.CarriedFrom != 0 {
		a.Previous = map[string]model.Score{}
		err := eachRow(ctx, q, `SELECT statement_id, score FROM responses WHERE assessment_id = ? AND score > 0`,
			[]any{h.CarriedFrom}, func(rows *sql.Rows) error {
				var sid string
				var sc int
				if err := rows.Scan(&sid, &sc); err != nil {
					return err
				}
				a.Previous[sid] = model.Score(sc)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("load the previous scores of assessment %d: %w", id, err)
		}
		if len(c.Mapping) > 0 {
			// Carried across a framework refresh: "last time" follows the
			// mapping from the earlier framework's ids.
			fc, _, err := s.criteriaOf(ctx, q, h.CarriedFrom)
			if err != nil {
				return nil, fmt.Errorf("load the previous criteria of assessment %d: %w", id, err)
			}
			if sm := model.MapStatements(fc, c, h.Audience); sm.ByMapping {
				a.Previous = sm.MapScores(a.Previous)
			}
		}
	}
	if counts && !noActions {
		if err := staleItems(ctx, q, a); err != nil {
			return nil, fmt.Errorf("read the evidence due for review in assessment %d: %w", id, err)
		}
	}
	switch {
	case counts && noActions:
		a.ActionsPending = true
		if err := countEvidence(ctx, q, a.ID, a.Counts); err != nil {
			return nil, fmt.Errorf("count the evidence of assessment %d: %w", id, err)
		}
	case counts:
		if err := countItems(ctx, q, a.ID, now, a.Counts); err != nil {
			return nil, fmt.Errorf("count the evidence and actions of assessment %d: %w", id, err)
		}
	}
	return a, nil
}

// countItems fills counts with each statement's evidence and action
// counts in assessment id: the tally the store keeps (statement_counts,
// one row a statement) and the overdue actions counted from their index.
func countItems(ctx context.Context, q querier, id int64, now time.Time, counts map[string]model.ItemCounts) error {
	if err := countEvidence(ctx, q, id, counts); err != nil {
		return err
	}
	return countActions(ctx, q, id, now, counts)
}

// countEvidence sets each statement's evidence count in assessment id,
// from the tally the store keeps.
func countEvidence(ctx context.Context, q querier, id int64, counts map[string]model.ItemCounts) error {
	return eachRow(ctx, q, `SELECT statement_id, evidence FROM statement_counts WHERE assessment_id = ? AND evidence > 0`,
		[]any{id}, func(rows *sql.Rows) error {
			var sid string
			var n int
			if err := rows.Scan(&sid, &n); err != nil {
				return err
			}
			c := counts[sid]
			c.Evidence = n
			counts[sid] = c
			return nil
		})
}

// countActions adds each statement's action counts in assessment id to
// counts: by state from the tally the store keeps, and the live actions
// due before the day of now (none when now is zero) from the index of live
// actions by due date, which holds only the live ones with a date.
func countActions(ctx context.Context, q querier, id int64, now time.Time, counts map[string]model.ItemCounts) error {
	err := eachRow(ctx, q, `SELECT statement_id, open, in_progress, done, dropped FROM statement_counts
		WHERE assessment_id = ? AND open + in_progress + done + dropped > 0`,
		[]any{id}, func(rows *sql.Rows) error {
			var sid string
			var open, inProgress, done, dropped int
			if err := rows.Scan(&sid, &open, &inProgress, &done, &dropped); err != nil {
				return err
			}
			c := counts[sid]
			c.Open += open
			c.InProgress += inProgress
			c.Done += done
			c.Dropped += dropped
			counts[sid] = c
			return nil
		})
	if err != nil || now.IsZero() {
		return err
	}
	// A live action is overdue when its due day is before today's (the
	// store writes due dates as YYYY-MM-DD, which sort as dates), and its
	// due date is a date (sqlDated).
	return eachRow(ctx, q, `SELECT statement_id, count(*) FROM actions INDEXED BY actions_live_due
		WHERE assessment_id = ? AND status IN ('open', 'in-progress') AND due <> '' AND due < ?2 AND `+sqlDated+`
		GROUP BY statement_id`,
		[]any{id, model.FormatDate(model.Day(now))}, func(rows *sql.Rows) error {
			var sid string
			var n int
			if err := rows.Scan(&sid, &n); err != nil {
				return err
			}
			c := counts[sid]
			c.Overdue += n
			counts[sid] = c
			return nil
		})
}

// StaleItems reads the evidence of assessment id that is or can become
// stale, for a summary read without it (model.Assessment.StaleItems); the
// app reads it behind the overview with the action counts.
func (s *Store) StaleItems(ctx context.Context, id int64) ([]model.Evidence, error) {
	a := &model.Assessment{Header: model.Header{ID: id}}
	if err := staleItems(ctx, s.db, a); err != nil {
		return nil, fmt.Errorf("read the evidence due for review in assessment %d: %w", id, err)
	}
	return a.StaleItems, nil
}

// sqlStaleCandidate is true in SQL of an evidence item that is or can
// become stale (marked for review, or with a review-by date): the
// condition of the evidence_stale index (migration 007), which a query
// must repeat to read through it.
const sqlStaleCandidate = `(needs_review <> 0 OR review_by <> '')`

// staleItems reads the evidence items of a that are or can become stale
// (model.Assessment.StaleItems), from the index that holds only those.
func staleItems(ctx context.Context, q querier, a *model.Assessment) error {
	return eachRow(ctx, q, `SELECT id, statement_id, also_statements, needs_review, review_by FROM evidence INDEXED BY evidence_stale
		WHERE assessment_id = ? AND `+sqlStaleCandidate, []any{a.ID}, func(rows *sql.Rows) error {
		var e model.Evidence
		var also, review string
		var needs int
		if err := rows.Scan(&e.ID, &e.StatementID, &also, &needs, &review); err != nil {
			return err
		}
		e.Also, e.NeedsReview = model.Links(also), needs != 0
		e.ReviewBy, _ = model.ParseDate(review)
		a.StaleItems = append(a.StaleItems, e)
		return nil
	})
}

// StatementItems loads one statement's evidence and actions, each in the
// order they were added: what the statement screen shows when it opens.
func (s *Store) StatementItems(ctx context.Context, assessmentID int64, statementID string) ([]model.Evidence, []model.Action, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, fmt.Errorf("load statement %s: %w", statementID, err)
	}
	defer tx.Rollback()
	ev, acts, err := statementItems(ctx, tx, assessmentID, statementID)
	if err != nil {
		return nil, nil, fmt.Errorf("load statement %s of assessment %d: %w", statementID, assessmentID, err)
	}
	return ev, acts, nil
}

func statementItems(ctx context.Context, q querier, aid int64, sid string) ([]model.Evidence, []model.Action, error) {
	var ev []model.Evidence
	for e, err := range statementEvidence(ctx, q, aid, sid) {
		if err != nil {
			return nil, nil, err
		}
		ev = append(ev, e)
	}
	var acts []model.Action
	err := eachRow(ctx, q, `SELECT `+actionColumns+` FROM actions WHERE assessment_id = ? AND statement_id = ? ORDER BY id`,
		[]any{aid, sid}, func(rows *sql.Rows) error {
			x, err := scanAction(rows)
			acts = append(acts, x.Action)
			return err
		})
	if err != nil {
		return nil, nil, err
	}
	return ev, acts, nil
}

// Summaries loads assessments ids as AssessmentOverview does, scores and
// evidence counts with the action counts pending, in one read snapshot, in
// the order given: the trend's periods, which show means only.
func (s *Store) Summaries(ctx context.Context, ids []int64, now time.Time) ([]*model.Assessment, error) {
	return s.summaries(ctx, ids, now)
}

// Scores loads assessments ids, in the order given, with their scores
// only: no rationale, agreement or target, and no evidence or action is
// counted (their counts read zero). It is what the ICS heatmap by
// organisation reads: the headers and the scores each in one query, the
// scores from an index alone (schema 7), and each criteria text parsed
// once.
func (s *Store) Scores(ctx context.Context, ids []int64) ([]*model.Assessment, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load assessments: %w", err)
	}
	defer tx.Rollback()
	list, _ := json.Marshal(ids)
	byID := make(map[int64]*model.Assessment, len(ids))
	texts := make(map[int64]int64, len(ids))
	// Each assessment's criteria text with its header: the ICS heatmap's
	// 42 assessments share one or two texts, read and parsed once
	// (criteriaText), where asking for each assessment's text id was a
	// query apiece.
	err = eachRow(ctx, tx, `SELECT `+headerColumns+`, COALESCE(criteria_id, 0), 0 FROM assessments WHERE id IN (SELECT value FROM json_each(?))`,
		[]any{string(list)}, func(rows *sql.Rows) error {
			h, textID, err := scanListed(rows)
			if err != nil {
				return err
			}
			byID[h.ID], texts[h.ID] = &model.Assessment{Header: h}, textID
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load assessments: %w", err)
	}
	out := make([]*model.Assessment, 0, len(ids))
	built := make(map[int64]bool, len(ids))
	type audienceOf struct {
		c   *criteria.Criteria
		aud criteria.Audience
	}
	statements := map[audienceOf]int{}
	for _, id := range ids {
		a := byID[id]
		if a == nil {
			return nil, fmt.Errorf("load assessment %d: %w", id, ErrNotFound)
		}
		if built[id] { // named twice: the same assessment twice
			out = append(out, a)
			continue
		}
		built[id] = true
		c, err := s.criteriaText(ctx, tx, texts[id])
		if err != nil {
			return nil, fmt.Errorf("load assessment %d: %w", id, s.unreadable(id, err))
		}
		a = model.NewAssessment(a.Header, c)
		// Sized for a score to every statement, which is what a scored
		// assessment has: from empty the map grew four times.
		k := audienceOf{c, a.Audience}
		n, ok := statements[k]
		if !ok {
			for _, m := range c.ForAudience(a.Audience) {
				n += len(m.Statements)
			}
			statements[k] = n
		}
		a.Responses = make(map[string]model.Response, n)
		a.Counts = map[string]model.ItemCounts{}
		byID[id] = a
		out = append(out, a)
	}
	// One row per assessment, its scores as a JSON object (SQLite quotes
	// the statement ids): the ICS grid of xl reads 42 rows, not 2,100, and
	// the per-row cost of the driver was most of the read.
	err = eachRow(ctx, tx, `SELECT assessment_id, json_group_object(statement_id, CAST(score AS INTEGER)) FROM responses
		WHERE assessment_id IN (SELECT value FROM json_each(?)) AND score > 0 GROUP BY assessment_id`,
		[]any{string(list)}, func(rows *sql.Rows) error {
			var aid int64
			var scores []byte
			if err := rows.Scan(&aid, &scores); err != nil {
				return err
			}
			var byStatement map[string]int
			if err := json.Unmarshal(scores, &byStatement); err != nil {
				return fmt.Errorf("the scores of assessment %d: %w", aid, err)
			}
			a := byID[aid]
			for sid, sc := range byStatement {
				a.Responses[sid] = model.Response{StatementID: sid, Score: model.Score(sc)}
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load the scores: %w", err)
	}
	return out, nil
}

func (s *Store) summaries(ctx context.Context, ids []int64, now time.Time) ([]*model.Assessment, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load assessments: %w", err)
	}
	defer tx.Rollback()
	out := make([]*model.Assessment, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := s.summaryWith(ctx, tx, id, now, true, true)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// CompareSummaries loads two assessments for model.Compare: summaries of
// both, with only the actions Compare matches across periods (those live in
// from, and those done or dropped in to that may be the same action). The
// actions are not marked loaded, so counts still come from the store.
func (s *Store) CompareSummaries(ctx context.Context, fromID, toID int64, now time.Time) (from, to *model.Assessment, err error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, fmt.Errorf("load assessments to compare: %w", err)
	}
	defer tx.Rollback()
	// Compare shows scores, and counts only for the statements one period
	// has and the other lacks; counting every action of a large assessment
	// would cost more than the rest together, so the measures' action
	// figures are left pending and only those statements' are counted.
	if from, err = s.summaryWith(ctx, tx, fromID, now, true, true); err != nil {
		return nil, nil, err
	}
	if to, err = s.summaryWith(ctx, tx, toID, now, true, true); err != nil {
		return nil, nil, err
	}
	if err := countUnmatched(ctx, tx, from, to, now); err != nil {
		return nil, nil, fmt.Errorf("count the actions of statements only one period has: %w", err)
	}
	type key [2]string
	var keys []key
	err = eachRow(ctx, tx, `SELECT `+actionColumns+` FROM actions WHERE assessment_id = ? AND status IN ('open', 'in-progress') ORDER BY statement_id, id`,
		[]any{fromID}, func(rows *sql.Rows) error {
			x, err := scanAction(rows)
			if err != nil {
				return err
			}
			from.Actions[x.StatementID] = append(from.Actions[x.StatementID], x.Action)
			keys = append(keys, key{x.StatementID, strings.ToLower(strings.Join(strings.Fields(x.Title), " "))})
			return nil
		})
	if err != nil {
		return nil, nil, fmt.Errorf("load the live actions of assessment %d: %w", fromID, err)
	}
	if len(keys) == 0 {
		return from, to, nil
	}
	// Compare matches actions by statement and title ignoring case and
	// runs of space, and only within the same statement, so only the
	// closed actions of the statements that have a live one in from are
	// looked at. SQLite's lower() folds ASCII only, so a title with a
	// character outside printable ASCII (a letter with an accent, a tab or
	// newline: GLOB '*[^ -~]*'), a doubled space or a surrounding one is
	// always read and left to Compare to match; every other title matches
	// exactly when its lower() is one of the keys. The conditions are on
	// columns of actions_by_state, so the index alone says which rows
	// match, and only those are read.
	raw, _ := json.Marshal(keys)
	err = eachRow(ctx, tx, `SELECT `+actionColumns+` FROM actions INDEXED BY actions_by_state
		WHERE assessment_id = ? AND statement_id IN (SELECT DISTINCT value ->> 0 FROM json_each(?2)) AND status IN ('done', 'dropped') AND (
			(statement_id, lower(title)) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?2))
			OR title GLOB '*[^ -~]*' OR instr(title, '  ') OR title <> trim(title))
		ORDER BY statement_id, id`,
		[]any{toID, string(raw)}, func(rows *sql.Rows) error {
			x, err := scanAction(rows)
			if err != nil {
				return err
			}
			to.Actions[x.StatementID] = append(to.Actions[x.StatementID], x.Action)
			return nil
		})
	if err != nil {
		return nil, nil, fmt.Errorf("load the closed actions of assessment %d: %w", toID, err)
	}
	return from, to, nil
}

// countUnmatched counts the actions of the statements only one of from and
// to has, from the store's tally, for Compare's added and retired
// statements.
func countUnmatched(ctx context.Context, q querier, from, to *model.Assessment, now time.Time) error {
	ids := func(a *model.Assessment) map[string]bool {
		out := map[string]bool{}
		for _, m := range a.Measures() {
			for _, st := range m.Statements {
				out[st.ID] = true
			}
		}
		return out
	}
	inFrom, inTo := ids(from), ids(to)
	for _, side := range []struct {
		a           *model.Assessment
		mine, other map[string]bool
	}{{from, inFrom, inTo}, {to, inTo, inFrom}} {
		var only []string
		for sid := range side.mine {
			if !side.other[sid] {
				only = append(only, sid)
			}
		}
		if len(only) == 0 {
			continue
		}
		counts := map[string]model.ItemCounts{}
		if err := countActions(ctx, q, side.a.ID, now, counts); err != nil {
			return err
		}
		for _, sid := range only {
			c := side.a.Counts[sid]
			x := counts[sid]
			c.Open, c.InProgress, c.Done, c.Dropped, c.Overdue = x.Open, x.InProgress, x.Done, x.Dropped, x.Overdue
			side.a.Counts[sid] = c
		}
	}
	return nil
}

// eachRow runs query and calls fn for every row.
func eachRow(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
