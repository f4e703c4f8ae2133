package data

import (
	"context"
	"fmt"
	"strings"

	"wgll/model"
)

// SaveDraft stores unsaved text under d.Key for this Store's user,
// replacing any earlier draft with that key. Drafts are not edits: they are
// not in the change log and cannot be undone.
func (s *Store) SaveDraft(ctx context.Context, d model.Draft) error {
	if strings.TrimSpace(d.Key) == "" {
		return invalid("a draft needs a key such as rationale/3/WL-O1")
	}
	return s.write(ctx, "save the draft "+d.Key, `INSERT INTO drafts (user_name, draft_key, assessment_id, label, text, saved_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_name, draft_key) DO UPDATE SET
			assessment_id = excluded.assessment_id, label = excluded.label, text = excluded.text, saved_at = excluded.saved_at`,
		s.user, d.Key, d.AssessmentID, d.Label, d.Text, formatTime(s.nowUTC()))
}

// Drafts lists this user's drafts, most recently saved first.
func (s *Store) Drafts(ctx context.Context) ([]model.Draft, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT draft_key, assessment_id, user_name, label, text, saved_at FROM drafts
		WHERE user_name = ? ORDER BY saved_at DESC, draft_key`, s.user)
	if err != nil {
		return nil, fmt.Errorf("list drafts: %w", err)
	}
	defer rows.Close()
	var out []model.Draft
	for rows.Next() {
		var d model.Draft
		var at string
		if err := rows.Scan(&d.Key, &d.AssessmentID, &d.User, &d.Label, &d.Text, &at); err != nil {
			return nil, fmt.Errorf("read a draft: %w", err)
		}
		d.SavedAt = parseTime(at)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list drafts: %w", err)
	}
	return out, nil
}

// DiscardDraft removes this user's draft with the given key; a missing
// draft is not an error.
func (s *Store) DiscardDraft(ctx context.Context, key string) error {
	return s.write(ctx, "discard the draft "+key, `DELETE FROM drafts WHERE user_name = ? AND draft_key = ?`, s.user, key)
}

// write runs one statement as its own transaction on the write connection.
func (s *Store) write(ctx context.Context, what, query string, args ...any) error {
	return s.edit(ctx, what, func(e *editTx) error {
		_, err := e.tx.ExecContext(ctx, query, args...)
		return err
	})
}
