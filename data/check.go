package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"wgll/model"
)

// DataVersion returns PRAGMA data_version of the write connection. It
// changes when another process (or another Store) commits to the workbook,
// and not for this Store's own edits, so polling it every half second tells
// the app when to reload.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	v, _, err := s.dataVersion(ctx)
	return v, err
}

// dataVersion reads PRAGMA data_version on the write connection, which it
// returns too; the caller holds wmu.
func (s *Store) dataVersion(ctx context.Context) (int64, *sql.Conn, error) {
	w, err := s.writer(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("read the data version: %w", err)
	}
	var v int64
	if err := w.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, nil, fmt.Errorf("read the data version of %s: %w", s.path, err)
	}
	return v, w, nil
}

// CheckReport is what Check found.
type CheckReport struct {
	Path string
	// Integrity is what PRAGMA integrity_check said: ["ok"] when all is well.
	Integrity     []string
	SchemaVersion int
	ApplicationID uint32
	Assessments   int64
	Responses     int64
	Evidence      int64
	Actions       int64
	Changes       int64
	Drafts        int64
	// Unreadable are the assessments that cannot be read (their stored
	// criteria are damaged, or their rows cannot be loaded), each with
	// the reason in its Unreadable field. The rest of the file may be
	// sound: Integrity says so separately.
	Unreadable []model.Header
	// Miscounted is how many statements' tallies of evidence and actions
	// (what opening an assessment reads instead of counting) differ from
	// the items themselves; Recount puts them right.
	Miscounted int64
}

// OK reports whether the workbook is wholly sound: the integrity check
// passed and every assessment can be read.
func (r CheckReport) OK() bool {
	return len(r.Integrity) == 1 && r.Integrity[0] == "ok" && len(r.Unreadable) == 0 && r.Miscounted == 0
}

// Check runs SQLite's full integrity check, loads every assessment to find
// any that cannot be read, and counts what the workbook holds.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{Path: s.path}
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return r, fmt.Errorf("check %s: %w", s.path, err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return r, fmt.Errorf("check %s: %w", s.path, err)
		}
		r.Integrity = append(r.Integrity, line)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("check %s: %w", s.path, err)
	}
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return r, fmt.Errorf("check %s: %w", s.path, err)
	}
	r.ApplicationID = uint32(appID)
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&r.SchemaVersion); err != nil {
		return r, fmt.Errorf("check %s: %w", s.path, err)
	}
	err = s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM assessments), (SELECT count(*) FROM responses), (SELECT count(*) FROM evidence),
		(SELECT count(*) FROM actions), (SELECT count(*) FROM changes), (SELECT count(*) FROM drafts)`).
		Scan(&r.Assessments, &r.Responses, &r.Evidence, &r.Actions, &r.Changes, &r.Drafts)
	if err != nil {
		return r, fmt.Errorf("count the contents of %s: %w", s.path, err)
	}
	if r.Miscounted, err = miscounted(ctx, s.db); err != nil {
		return r, fmt.Errorf("recount the evidence and actions of %s: %w", s.path, err)
	}
	hs, err := s.Assessments(ctx)
	if err != nil {
		return r, fmt.Errorf("check %s: %w", s.path, err)
	}
	for _, h := range hs {
		if h.Unreadable == "" {
			_, err := s.Assessment(ctx, h.ID)
			if err == nil {
				continue
			}
			var ue *UnreadableError
			if !errors.As(err, &ue) {
				h.Unreadable = plainLine(err.Error(), 160)
			} else {
				h.Unreadable = ue.Reason
			}
		}
		r.Unreadable = append(r.Unreadable, h)
	}
	return r, nil
}
