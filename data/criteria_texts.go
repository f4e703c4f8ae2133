package data

import (
	"context"
	"database/sql"
	"errors"
)

// The criteria text of each assessment lives in criteria_texts, one row per
// distinct text (schema 7): hundreds of assessments made with the same file
// share a row, so listing them never reads the text, and the text is
// parsed once per row (Store.criteriaOf).

// execQuerier is what a transaction offers for reading and writing.
type execQuerier interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// criteriaTextID returns the id of the criteria_texts row holding toml
// exactly, adding the row if there is none. Rows of another length are
// passed over on the length SQLite keeps in each row's header, so the
// text of only a same-length row is read and compared.
func criteriaTextID(ctx context.Context, tx execQuerier, toml string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM criteria_texts WHERE octet_length(toml) = ? AND toml = ? ORDER BY id LIMIT 1`,
		len(toml), toml).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO criteria_texts (toml) VALUES (?)`, toml)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// dropUnusedCriteriaTexts deletes the criteria texts no assessment names
// any more, after assessments are deleted or their criteria replaced.
func dropUnusedCriteriaTexts(ctx context.Context, tx execQuerier) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM criteria_texts WHERE id NOT IN
		(SELECT criteria_id FROM assessments WHERE criteria_id IS NOT NULL)`)
	return err
}
