package data

import (
	"context"
	"database/sql"
	"errors"

	"wgll/criteria"
)

// statementTotals returns, per assessment id, how many statements its own
// criteria give its audience: the "of y" of the picker's "x of y assessed".
// The assessments of a workbook share a few criteria texts (schema 7), so
// each text is read and parsed once, and listing hundreds of assessments
// reads no text twice.
//
// An assessment whose criteria cannot be read is in unreadable with the
// reason instead (as criteriaOf reports it).
func (s *Store) statementTotals(ctx context.Context) (totals map[int64]int, unreadable map[int64]string, err error) {
	type row struct {
		id, textID int64
		aud        criteria.Audience
	}
	var rows []row
	err = eachRow(ctx, s.db, `SELECT id, COALESCE(criteria_id, 0), audience FROM assessments ORDER BY id`, nil, func(r *sql.Rows) error {
		var x row
		var aud string
		if err := r.Scan(&x.id, &x.textID, &aud); err != nil {
			return err
		}
		x.aud = criteria.Audience(aud)
		rows = append(rows, x)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	totals, unreadable = map[int64]int{}, map[int64]string{}
	for _, x := range rows {
		c, err := s.criteriaText(ctx, s.db, x.textID)
		var ue *UnreadableError
		if errors.As(s.unreadable(x.id, err), &ue) {
			unreadable[x.id] = ue.Reason
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		totals[x.id] = c.StatementCount(x.aud)
		s.cmu.Lock()
		if s.crit[x.id] == nil {
			s.crit[x.id] = c
		}
		s.cmu.Unlock()
	}
	return totals, unreadable, nil
}
