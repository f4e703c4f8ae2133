package data

import (
	"context"
	"database/sql"
	"errors"

	"wgll/criteria"
)

// statementTotals returns, per assessment id, how many statements its own
// criteria give its audience: the "of y" of the picker's "x of y assessed".
//
// Every assessment stores its criteria text (about 37 KB), and an ICS's
// workbook holds hundreds of assessments made with the same text; reading
// and hashing each copy in Go cost 80 MB of allocation on every start. So
// the copies are grouped by audience and byte length, one of each group is
// read and parsed, and SQLite itself checks that the others are byte for
// byte the same (no copy reaches Go); only one that differs is read.
//
// An assessment whose criteria cannot be read is in unreadable with the
// reason instead (as criteriaOf reports it); a copy the same as it is too.
func (s *Store) statementTotals(ctx context.Context) (totals map[int64]int, unreadable map[int64]string, err error) {
	type group struct {
		aud criteria.Audience
		n   int64
	}
	groups := map[group][]int64{}
	var order []group
	err = eachRow(ctx, s.db, `SELECT id, audience, COALESCE(octet_length(criteria_toml), -1) FROM assessments ORDER BY id`, nil, func(rows *sql.Rows) error {
		var id, n int64
		var aud string
		if err := rows.Scan(&id, &aud, &n); err != nil {
			return err
		}
		g := group{criteria.Audience(aud), n}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], id)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	totals, unreadable = map[int64]int{}, map[int64]string{}
	one := func(id int64) (*criteria.Criteria, error) {
		c, aud, err := s.criteriaOf(ctx, s.db, id)
		var ue *UnreadableError
		if errors.As(err, &ue) {
			unreadable[id] = ue.Reason
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		totals[id] = c.StatementCount(aud)
		return c, nil
	}
	for _, g := range order {
		ids := groups[g]
		rep := ids[0]
		c, err := one(rep)
		if err != nil {
			return nil, nil, err
		}
		if len(ids) == 1 {
			continue
		}
		differ := map[int64]bool{}
		err = eachRow(ctx, s.db, `SELECT id FROM assessments
			WHERE audience = ? AND octet_length(criteria_toml) = ? AND id <> ?
			AND criteria_toml IS NOT (SELECT criteria_toml FROM assessments WHERE id = ?)`,
			[]any{string(g.aud), g.n, rep, rep}, func(rows *sql.Rows) error {
				var id int64
				if err := rows.Scan(&id); err != nil {
					return err
				}
				differ[id] = true
				return nil
			})
		if err != nil {
			return nil, nil, err
		}
		for _, id := range ids[1:] {
			switch {
			case differ[id]:
				if _, err := one(id); err != nil {
					return nil, nil, err
				}
			case c == nil:
				unreadable[id] = unreadable[rep]
			default:
				totals[id] = totals[rep]
				s.cmu.Lock()
				if s.crit[id] == nil {
					s.crit[id] = c
				}
				s.cmu.Unlock()
			}
		}
	}
	return totals, unreadable, nil
}
