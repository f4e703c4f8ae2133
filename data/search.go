package data

// Search through SQL (issue 16). The / dialog used to read the whole
// assessment (every evidence item and action, hundreds of MB on the xl
// demo) to search it in memory. Search finds the hits in SQL instead and
// returns only the first few the dialog shows, with a count of the rest,
// so its memory follows the dialog, not the workbook. The rule is
// model.SearchAssessment's; the tests hold the two to the same answers.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"modernc.org/sqlite"

	"wgll/model"
)

// foldFunc is the SQL name of strings.ToLower. SQLite's lower() folds ASCII
// letters only, so a word such as "é" could not find "École" with it;
// words with other letters are matched through this function instead
// (slower: it calls into Go for every row).
const foldFunc = "wgll_lower"

func init() {
	err := sqlite.RegisterDeterministicScalarFunction(foldFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return strings.ToLower(v), nil
		case []byte:
			return strings.ToLower(string(v)), nil
		}
		return args[0], nil
	})
	if err != nil {
		panic(err) // registered twice: a programming error
	}
}

// Search runs q over the statements, evidence and actions of assessment
// q.AssessmentID: the statements from q.Statements (the caller holds them
// in memory), the items in SQL, reading only the hits it returns. Every
// word must appear in an item's title, detail, link or author (evidence)
// or title, owner or state (action), case-insensitively; characters such
// as % and _ are matched as themselves. Hits come in q.Statements' order:
// each statement, its evidence, then its actions, each in the order added.
func (s *Store) Search(ctx context.Context, q model.SearchQuery) (model.SearchResult, error) {
	var r model.SearchResult
	if len(q.Words) == 0 || len(q.Statements) == 0 {
		return r, nil
	}
	items, total, err := s.searchItems(ctx, q)
	if err != nil {
		return model.SearchResult{}, fmt.Errorf("search assessment %d: %w", q.AssessmentID, err)
	}
	// Merge the statements' own hits in front of their items. The first
	// Limit items in order are enough: the merged first Limit cannot hold
	// more items than that.
	r.Total = total
	next := 0
	for _, st := range q.Statements {
		if model.HasAllWords(st.Text, q.Words) {
			r.Total++
			if len(r.Hits) < q.Limit {
				r.Hits = append(r.Hits, model.SearchHit{Kind: model.HitStatement, StatementID: st.ID})
			}
		}
		for next < len(items) && items[next].StatementID == st.ID {
			if len(r.Hits) < q.Limit {
				r.Hits = append(r.Hits, items[next])
			}
			next++
		}
	}
	return r, nil
}

// searchItems finds the evidence and actions holding every word, filed
// under the statements searched, and returns the first q.Limit in order
// and how many there are.
func (s *Store) searchItems(ctx context.Context, q model.SearchQuery) ([]model.SearchHit, int, error) {
	ids := make([]string, len(q.Statements))
	for i, st := range q.Statements {
		ids[i] = st.ID
	}
	order, err := json.Marshal(ids)
	if err != nil {
		return nil, 0, err
	}
	fold := "lower"
	for _, w := range q.Words {
		if !isASCII(w) {
			fold = foldFunc
			break
		}
	}
	// instr, not LIKE: the words are found as typed, with no wildcards to
	// escape. One instr per word over the fields joined by spaces, as
	// model.Evidence.SearchText joins them.
	match := func(text string) (string, []any) {
		var conds []string
		var args []any
		for _, w := range q.Words {
			conds = append(conds, "instr("+fold+"("+text+"), ?) > 0")
			args = append(args, w)
		}
		return strings.Join(conds, " AND "), args
	}
	evCond, evArgs := match(`e.title || ' ' || e.detail || ' ' || e.link || ' ' || e.added_by`)
	acCond, acArgs := match(`x.title || ' ' || x.owner || ' ' || x.status`)
	query := `WITH o(sid, pos) AS (SELECT value, key FROM json_each(?))
		SELECT kind, id, sid, title, count(*) OVER () FROM (
			SELECT o.pos AS pos, 1 AS kind, e.id AS id, e.statement_id AS sid, e.title AS title
				FROM o JOIN evidence e ON e.assessment_id = ? AND e.statement_id = o.sid
				WHERE ` + evCond + `
			UNION ALL
			SELECT o.pos, 2, x.id, x.statement_id, x.title
				FROM o JOIN actions x ON x.assessment_id = ? AND x.statement_id = o.sid
				WHERE ` + acCond + `)
		ORDER BY pos, kind, id LIMIT ?`
	args := append([]any{string(order), q.AssessmentID}, evArgs...)
	args = append(args, q.AssessmentID)
	args = append(args, acArgs...)
	args = append(args, max(1, q.Limit))
	var out []model.SearchHit
	total := 0
	err = eachRow(ctx, s.db, query, args, func(rows *sql.Rows) error {
		var h model.SearchHit
		var kind int
		if err := rows.Scan(&kind, &h.ID, &h.StatementID, &h.Title, &total); err != nil {
			return err
		}
		h.Kind = model.HitEvidence
		if kind == 2 {
			h.Kind = model.HitAction
		}
		if len(out) < q.Limit {
			out = append(out, h)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
