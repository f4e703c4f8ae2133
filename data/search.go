package data

// Search through SQL (issue 16). The / dialog used to read the whole
// assessment (every evidence item and action, hundreds of MB on the xl
// demo) to search it in memory. Search finds the hits in SQL instead and
// returns only the first few the dialog shows, with a count of the rest,
// so its memory follows the dialog, not the workbook. The rule is
// model.SearchAssessment's; the tests hold the two to the same answers.

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
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
// and how many there are. It reads them in two steps in one snapshot:
// where every match is (statement, kind and id: integers, so a word in
// every item costs no strings) and then the titles of those it returns.
// One ordered query with a count over the window would sort every match
// with its title, three times slower on the xl demo.
func (s *Store) searchItems(ctx context.Context, q model.SearchQuery) ([]model.SearchHit, int, error) {
	ids := make([]string, len(q.Statements))
	for i, st := range q.Statements {
		ids[i] = st.ID
	}
	order, err := json.Marshal(ids)
	if err != nil {
		return nil, 0, err
	}
	evCond, evArgs := matchWords(q.Words, "e.title", "e.detail", "e.link", "e.added_by")
	acCond, acArgs := matchWords(q.Words, "x.title", "x.owner", "x.status")
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	evFrom, evArgs0, err := itemsFrom(ctx, tx, "evidence", "e", q.AssessmentID)
	if err != nil {
		return nil, 0, err
	}
	acFrom, acArgs0, err := itemsFrom(ctx, tx, "actions", "x", q.AssessmentID)
	if err != nil {
		return nil, 0, err
	}
	// m holds every match as three integers (SQLite's own temporary
	// table); the count and the first few in order are read from it, so
	// Go sees only the rows it returns.
	query := `WITH o(sid, pos) AS MATERIALIZED (SELECT value, key FROM json_each(?)),
		m(pos, kind, id) AS MATERIALIZED (
			SELECT o.pos, 1, e.id FROM ` + evFrom + ` AND (` + evCond + `)
			UNION ALL
			SELECT o.pos, 2, x.id FROM ` + acFrom + ` AND (` + acCond + `))
		SELECT pos, kind, id, (SELECT count(*) FROM m) FROM m ORDER BY pos, kind, id LIMIT ?`
	args := append([]any{string(order)}, evArgs0...)
	args = append(args, evArgs...)
	args = append(args, acArgs0...)
	args = append(args, acArgs...)
	keep := max(q.Limit, 0)
	args = append(args, max(1, keep))

	var first []itemAt
	total := 0
	err = eachRow(ctx, tx, query, args, func(rows *sql.Rows) error {
		var at itemAt
		if err := rows.Scan(&at.pos, &at.kind, &at.id, &total); err != nil {
			return err
		}
		first = append(first, at)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	first = firstOf(first, keep)
	titles, err := itemTitles(ctx, tx, first)
	if err != nil {
		return nil, 0, err
	}
	out := make([]model.SearchHit, 0, len(first))
	for _, at := range first {
		h := model.SearchHit{Kind: model.HitEvidence, StatementID: ids[at.pos], ID: at.id}
		if at.kind == 2 {
			h.Kind = model.HitAction
		}
		h.Title = titles[at]
		out = append(out, h)
	}
	return out, total, nil
}

// itemsFrom is the FROM and WHERE start of the scan of assessment id's
// rows of table (evidence or actions, as alias), joined to the statements
// searched (o), and its arguments. Reading a large assessment's rows
// through the statement index visits the table in statement order, which
// on the xl demo reads each page many times (three times the time of
// reading them in order); so when the assessment's rows fill most of their
// id range, as they do when an assessment is written or carried forward at
// once, the range is read in id order instead, and the index only for an
// assessment whose rows are scattered among others'.
func itemsFrom(ctx context.Context, tx *sql.Tx, table, alias string, id int64) (string, []any, error) {
	lo, hi, dense, err := idRange(ctx, tx, table, id)
	if err != nil {
		return "", nil, err
	}
	if dense {
		return table + ` ` + alias + ` NOT INDEXED CROSS JOIN o ON ` + alias + `.statement_id = o.sid
			WHERE ` + alias + `.id BETWEEN ? AND ? AND ` + alias + `.assessment_id = ?`, []any{lo, hi, id}, nil
	}
	return `o JOIN ` + table + ` ` + alias + ` ON ` + alias + `.assessment_id = ? AND ` + alias + `.statement_id = o.sid
		WHERE 1`, []any{id}, nil
}

// idRange is the range of ids of assessment id's rows in table, and
// whether they fill at least half of it (then reading the range in id
// order is the fast way to read them all).
func idRange(ctx context.Context, tx *sql.Tx, table string, id int64) (lo, hi int64, dense bool, err error) {
	var n int64
	err = scanLenient(tx.QueryRowContext(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), 0), count(*) FROM `+table+` WHERE assessment_id = ?`, id),
		&lo, &hi, &n)
	return lo, hi, err == nil && n > 0 && 2*n >= hi-lo+1, err
}

// assessmentRows is the FROM and WHERE start of a scan of assessment id's
// rows of table, in id order when they are dense (idRange), and its
// arguments.
func assessmentRows(ctx context.Context, tx *sql.Tx, table string, id int64) (string, []any, error) {
	lo, hi, dense, err := idRange(ctx, tx, table, id)
	if err != nil {
		return "", nil, err
	}
	if dense {
		return table + ` NOT INDEXED WHERE id BETWEEN ? AND ? AND assessment_id = ?`, []any{lo, hi, id}, nil
	}
	return table + ` WHERE assessment_id = ?`, []any{id}, nil
}

// itemAt is where a matching item is: the place of its statement among
// those searched, its kind (1 evidence, 2 action) and its id.
type itemAt struct {
	pos  int
	kind int
	id   int64
}

// firstOf sorts items in the order hits are listed and keeps the first n.
func firstOf(items []itemAt, n int) []itemAt {
	slices.SortFunc(items, func(x, y itemAt) int {
		if c := cmp.Compare(x.pos, y.pos); c != 0 {
			return c
		}
		if c := cmp.Compare(x.kind, y.kind); c != 0 {
			return c
		}
		return cmp.Compare(x.id, y.id)
	})
	return items[:min(n, len(items))]
}

// itemTitles reads the titles of the items in at.
func itemTitles(ctx context.Context, tx *sql.Tx, at []itemAt) (map[itemAt]string, error) {
	out := make(map[itemAt]string, len(at))
	for kind, table := range map[int]string{1: "evidence", 2: "actions"} {
		var ids []int64
		byID := map[int64]itemAt{}
		for _, a := range at {
			if a.kind == kind {
				ids = append(ids, a.id)
				byID[a.id] = a
			}
		}
		if len(ids) == 0 {
			continue
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return nil, err
		}
		err = eachRow(ctx, tx, `SELECT id, title FROM `+table+` WHERE id IN (SELECT value FROM json_each(?))`,
			[]any{string(list)}, func(rows *sql.Rows) error {
				var id int64
				var title string
				if err := scanLenient(rows, &id, &title); err != nil {
					return err
				}
				out[byID[id]] = title
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// likeLimit is the longest word matched with LIKE; SQLite refuses longer
// patterns (SQLITE_MAX_LIKE_PATTERN_LENGTH is 50,000 bytes), and instr has
// no such limit.
const likeLimit = 1000

// matchWords is the SQL condition that every word is in one of the
// columns, and its arguments. A word cannot span two columns (it holds no
// space, and model's SearchText joins the fields with one), so testing
// each column alone is the same as testing them joined, without building
// the joined text for every row. ASCII words use LIKE, which folds ASCII
// case as it compares (three times faster than instr(lower(...))), with %,
// _ and \ escaped so they match only themselves; other words, and very
// long ones, are found with instr over Go's lower case.
func matchWords(words []string, cols ...string) (string, []any) {
	var conds []string
	var args []any
	for _, w := range words {
		var alts []string
		if isASCII(w) && len(w) <= likeLimit {
			pat := "%" + likeEscaper.Replace(w) + "%"
			for _, c := range cols {
				alts = append(alts, c+` LIKE ? ESCAPE '\'`)
				args = append(args, pat)
			}
		} else {
			// LIKE first on the word's longest ASCII run, so that Go's
			// fold runs only on rows that can match (a tenth of the time
			// for "santé" on the xl demo). Sound because only ASCII
			// letters fold to ASCII letters, bar the Kelvin sign (to k)
			// and dotted İ (to i plus a dot): runs holding k or i are not
			// used.
			pre := asciiRun(w)
			for _, c := range cols {
				if len(pre) >= 2 && len(pre) <= likeLimit {
					alts = append(alts, "("+c+` LIKE ? ESCAPE '\' AND instr(`+foldFunc+"("+c+"), ?) > 0)")
					args = append(args, "%"+likeEscaper.Replace(pre)+"%", w)
					continue
				}
				alts = append(alts, "instr("+foldFunc+"("+c+"), ?) > 0")
				args = append(args, w)
			}
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	return strings.Join(conds, " AND "), args
}

// likeEscaper escapes LIKE's wildcards and its escape character.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// asciiRun is the longest run of w's bytes that are ASCII and not k or i.
func asciiRun(w string) string {
	best, start := "", 0
	for i := 0; i <= len(w); i++ {
		if i == len(w) || w[i] >= utf8.RuneSelf || w[i] == 'k' || w[i] == 'i' {
			if i-start > len(best) {
				best = w[start:i]
			}
			start = i + 1
		}
	}
	return best
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
