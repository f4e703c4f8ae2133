package data

// The action list export read as it is written (issue 16). An export of
// 100,000 actions loaded the whole assessment, built a row per action and
// sorted them, which took 400 MB for the XLSX and twice the time sqlite3
// takes to print the same columns. Here SQLite filters, orders and hands
// over one row at a time, and the writers in data/export write each as it
// comes.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"wgll/data/export"
	"wgll/model"
)

// ActionExport says what Store.ExportActions reads.
type ActionExport struct {
	// Filter selects the actions, as export.ActionRows applies it.
	Filter export.Filter
	// Now decides what is overdue.
	Now time.Time
	// Counts reads the assessment as AssessmentSummary does (scores and
	// each statement's evidence and action counts, for the XLSX Summary
	// sheet); without it only the header and criteria are read, which is
	// all the other formats show.
	Counts bool
}

// ExportActions reads assessment id's action list for an export, in one
// read-only snapshot: write gets the assessment (without its evidence and
// actions; see ActionExport.Counts) and a RowSource of the actions that
// pass the filter, in export.ActionRows' order, which yields them from the
// workbook one at a time. The source is valid until write returns.
func (s *Store) ExportActions(ctx context.Context, id int64, opt ActionExport, write func(a *model.Assessment, rows export.RowSource) error) error {
	return s.damaged(s.exportActions(ctx, id, opt, write))
}

func (s *Store) exportActions(ctx context.Context, id int64, opt ActionExport, write func(*model.Assessment, export.RowSource) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("load assessment %d: %w", id, err)
	}
	defer tx.Rollback()
	var a *model.Assessment
	if opt.Counts {
		// The summary without its stale-evidence candidates, which no
		// export shows (reading them was a fifth of the XLSX's reads),
		// then the action counts on the day of Now.
		if a, err = s.summaryWith(ctx, tx, id, time.Time{}, true, true); err != nil {
			return err
		}
		counts := map[string]model.ItemCounts{}
		if err := countActions(ctx, tx, id, opt.Now, counts); err != nil {
			return fmt.Errorf("count the actions of assessment %d: %w", id, err)
		}
		a.SetActionCounts(counts, opt.Now)
	} else if a, err = s.emptyAssessment(ctx, tx, id); err != nil {
		return err
	}
	q, err := newActionQuery(ctx, tx, a, opt)
	if err != nil {
		return fmt.Errorf("read the actions of assessment %d: %w", id, err)
	}
	return write(a, q.rows)
}

// actionQuery is one export's actions query and what turns its rows into
// export rows.
type actionQuery struct {
	ctx  context.Context
	tx   *sql.Tx
	a    *model.Assessment
	opt  ActionExport
	none bool // the assessment has no actions
	// where and args select the rows; order is the ORDER BY clause.
	where, order string
	args         []any
	// bases holds, per statement id, the row's assessment and statement
	// columns, so that each row copies them instead of building them.
	bases   map[string]export.ActionRow
	infos   map[string]export.StatementInfo
	unknown int
}

// rangeDensity: an assessment whose actions are at least a third of the
// rows between its lowest and highest id is read along the table (a
// range of the primary key) rather than through actions_by_statement,
// which visits the table once per statement in id order: on the xl demo
// that read every page fifty times and took three times as long.
const rangeDensity = 3

func newActionQuery(ctx context.Context, tx *sql.Tx, a *model.Assessment, opt ActionExport) (*actionQuery, error) {
	q := &actionQuery{ctx: ctx, tx: tx, a: a, opt: opt, bases: map[string]export.ActionRow{}}
	q.infos, q.unknown = export.StatementInfos(a)
	var n, lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), min(id), max(id) FROM actions WHERE assessment_id = ?`, a.ID).Scan(&n, &lo, &hi); err != nil {
		return nil, err
	}
	if n.Int64 == 0 {
		q.none = true
		return q, nil
	}
	var where []string
	if n.Int64*rangeDensity >= hi.Int64-lo.Int64+1 {
		// The unary + keeps SQLite from choosing the index for this term.
		where = append(where, `id BETWEEN ? AND ? AND +assessment_id = ?`)
		q.args = append(q.args, lo.Int64, hi.Int64, a.ID)
	} else {
		where = append(where, `assessment_id = ?`)
		q.args = append(q.args, a.ID)
	}
	if st := opt.Filter.Statuses; len(st) > 0 {
		where = append(where, `status IN (`+marks(len(st))+`)`)
		for _, x := range st {
			q.args = append(q.args, string(x))
		}
	}
	if key := opt.Filter.Measure; key != "" {
		var ids []string
		for sid, in := range q.infos {
			if in.MeasureKey == key {
				ids = append(ids, sid)
			}
		}
		if len(ids) == 0 {
			q.none = true
			return q, nil
		}
		where = append(where, `statement_id IN (`+marks(len(ids))+`)`)
		for _, sid := range ids {
			q.args = append(q.args, sid)
		}
	}
	q.where = strings.Join(where, " AND ")
	// Export order: the statement's measure in framework order (missing
	// statements last), then the due date with undated last, then id, as
	// ActionRows sorts. Undated is what model.ParseDate reads as the zero
	// time: "", anything but a real YYYY-MM-DD date (date(due) IS due
	// holds exactly for those) and 0001-01-01, which is the zero time.
	var b strings.Builder
	var ordArgs []any
	if a.Criteria != nil {
		for i, m := range a.Criteria.Measures {
			var ids []any
			for _, s := range m.Statements {
				if in, ok := q.infos[s.ID]; ok && in.Order == i {
					ids = append(ids, s.ID)
				}
			}
			if len(ids) == 0 {
				continue
			}
			fmt.Fprintf(&b, ` WHEN statement_id IN (%s) THEN %d`, marks(len(ids)), i)
			ordArgs = append(ordArgs, ids...)
		}
	}
	measure := strconv.Itoa(q.unknown) // no statement is in the criteria
	if b.Len() > 0 {
		measure = fmt.Sprintf(`CASE%s ELSE %d END`, b.String(), q.unknown)
	}
	const dated = sqlDated
	b.Reset()
	if q.unknown < 16 && lo.Int64 >= 0 && hi.Int64 < 1<<32 {
		// The three as one integer (measure in bits 59-62, the date as
		// YYYYMMDD in bits 32-58, undated as 2^27-1, the id below), which
		// SQLite's sorter compares fastest: about 30 ms of the xl CSV's
		// 0.5 s.
		fmt.Fprintf(&b, `((%s) << 59) | (iif(%s, CAST(replace(due, '-', '') AS INTEGER), %d) << 32) | id`, measure, dated, 1<<27-1)
	} else {
		// '~' sorts after every digit.
		fmt.Fprintf(&b, `%s, iif(%s, due, '~'), id`, measure, dated)
	}
	q.order = b.String()
	q.args = append(q.args, ordArgs...)
	return q, nil
}

// marks is n comma-separated query parameters.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// rows is the export.RowSource of the query.
func (q *actionQuery) rows(ordered bool) iter.Seq2[export.ActionRow, error] {
	return func(yield func(export.ActionRow, error) bool) {
		if q.none {
			return
		}
		query := `SELECT id, statement_id, title, owner, due, status, priority, created_at, updated_at FROM actions WHERE ` + q.where
		args := q.args
		if ordered {
			query += ` ORDER BY ` + q.order
		} else {
			args = args[:len(args)-strings.Count(q.order, "?")]
		}
		rows, err := q.tx.QueryContext(q.ctx, query, args...)
		if err != nil {
			yield(export.ActionRow{}, fmt.Errorf("read the actions of assessment %d: %w", q.a.ID, err))
			return
		}
		defer rows.Close()
		// Scanned as strings: the driver hands text over as strings, so
		// these take its values as they are (sql.RawBytes copied them).
		var (
			id                                                         int64
			sid, title, owner, due, status, priority, created, updated string
		)
		f, now := q.opt.Filter, q.opt.Now
		for rows.Next() {
			// scanLenient: a value of another type (a NULL or a number
			// written by another tool) is read as loadActions reads it.
			if err := scanLenient(rows, &id, &sid, &title, &owner, &due, &status, &priority, &created, &updated); err != nil {
				yield(export.ActionRow{}, fmt.Errorf("read an action of assessment %d: %w", q.a.ID, err))
				return
			}
			base := q.base(sid)
			x := model.Action{
				ID: id, StatementID: base.StatementID, Title: title, Owner: owner,
				Status: model.ActionStatus(status), Priority: model.Priority(priority),
				CreatedAt: parseTime(created), UpdatedAt: parseTime(updated),
			}
			x.Due, _ = model.ParseDate(due)
			if !f.Keeps(x, base.MeasureKey, now) {
				continue
			}
			if !yield(export.RowOf(base, x, now), nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(export.ActionRow{}, fmt.Errorf("read the actions of assessment %d: %w", q.a.ID, err))
		}
	}
}

// base is the assessment's and statement sid's columns of a row, made once
// per statement.
func (q *actionQuery) base(sid string) export.ActionRow {
	if r, ok := q.bases[sid]; ok {
		return r
	}
	a := q.a
	r := export.ActionRow{AssessmentID: a.ID, Assessment: a.Title(), Organisation: a.Organisation, Period: a.Period, StatementID: sid}
	if in, ok := q.infos[sid]; ok {
		r.MeasureKey, r.Measure, r.Statement = in.MeasureKey, in.Measure, in.Statement
	}
	q.bases[sid] = r
	return r
}

// NewestReadable is the id of the newest assessment (the first that
// Assessments lists) whose criteria can be read, or of the newest of all
// when none can (loading it then says why); ok is false when the workbook
// has none. It reads no more than it must: listing every assessment with
// its progress, as Assessments does, took a tenth of an export's time.
func (s *Store) NewestReadable(ctx context.Context) (id int64, ok bool, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM assessments ORDER BY period DESC, organisation, id DESC`)
	if err != nil {
		return 0, false, s.translate("list assessments", err)
	}
	var ids []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			rows.Close()
			return 0, false, s.translate("list assessments", err)
		}
		ids = append(ids, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, false, s.translate("list assessments", err)
	}
	if len(ids) == 0 {
		return 0, false, nil
	}
	for _, x := range ids {
		_, _, err := s.criteriaOf(ctx, s.db, x)
		var ue *UnreadableError
		if errors.As(err, &ue) {
			continue
		}
		if err != nil {
			return 0, false, s.translate("read assessment "+strconv.FormatInt(x, 10), err)
		}
		return x, true, nil
	}
	return ids[0], true, nil
}
