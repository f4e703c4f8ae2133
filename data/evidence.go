package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"wgll/model"
)

// kv is one column and its value as text, as the change log records it.
type kv struct{ col, val string }

const evidenceColumns = `id, statement_id, title, detail, link, added_by, added_at, needs_review, updated_by, updated_at, version, effective_date, review_by, confidence, owner, also_statements`

// evidenceColumnsV2 reads a workbook of schema 2 or older (another
// organisation's, opened read-only to import it) as if it had the trust
// fields, all empty.
const evidenceColumnsV2 = `id, statement_id, title, detail, link, added_by, added_at, needs_review, updated_by, updated_at, version, '', '', '', '', ''`

// evidenceRow is an evidence row as stored: model.Evidence plus who last
// changed it.
type evidenceRow struct {
	model.Evidence
	UpdatedBy string
}

func scanEvidence(sc interface{ Scan(...any) error }) (evidenceRow, error) {
	var r evidenceRow
	var added, updated, effective, reviewBy, conf, also string
	var review int
	if err := scanLenient(sc, &r.ID, &r.StatementID, &r.Title, &r.Detail, &r.Link, &r.AddedBy, &added, &review, &r.UpdatedBy, &updated, &r.Version,
		&effective, &reviewBy, &conf, &r.Owner, &also); err != nil {
		return r, err
	}
	r.AddedAt, r.UpdatedAt, r.NeedsReview = parseTime(added), parseTime(updated), review != 0
	r.EffectiveDate, _ = model.ParseDate(effective)
	r.ReviewBy, _ = model.ParseDate(reviewBy)
	r.Confidence, r.Also = model.Confidence(conf), model.Links(also)
	return r, nil
}

// evidenceFields are the columns an edit may change, in a fixed order.
func evidenceFields(e model.Evidence) []kv {
	return []kv{
		{"statement_id", e.StatementID},
		{"title", e.Title},
		{"detail", e.Detail},
		{"link", e.Link},
		{"needs_review", boolText(e.NeedsReview)},
		{"effective_date", model.FormatDate(e.EffectiveDate)},
		{"review_by", model.FormatDate(e.ReviewBy)},
		{"confidence", string(e.Confidence)},
		{"owner", e.Owner},
		{"also_statements", string(e.Also)},
	}
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// evidenceJSON is how an evidence row appears in the change log.
type evidenceJSON struct {
	ID           int64  `json:"id"`
	AssessmentID int64  `json:"assessment_id"`
	StatementID  string `json:"statement_id"`
	Title        string `json:"title"`
	Detail       string `json:"detail"`
	Link         string `json:"link"`
	AddedBy      string `json:"added_by"`
	AddedAt      string `json:"added_at"`
	NeedsReview  bool   `json:"needs_review"`
	UpdatedBy    string `json:"updated_by"`
	UpdatedAt    string `json:"updated_at"`
	Version      int64  `json:"version"`
	// The trust fields of schema 3; absent from older change-log rows.
	EffectiveDate string `json:"effective_date,omitempty"`
	ReviewBy      string `json:"review_by,omitempty"`
	Confidence    string `json:"confidence,omitempty"`
	Owner         string `json:"owner,omitempty"`
	Also          string `json:"also_statements,omitempty"`
}

func (r evidenceRow) json(assessmentID int64) string {
	b, _ := json.Marshal(evidenceJSON{
		ID: r.ID, AssessmentID: assessmentID, StatementID: r.StatementID, Title: r.Title, Detail: r.Detail, Link: r.Link,
		AddedBy: r.AddedBy, AddedAt: formatTime(r.AddedAt), NeedsReview: r.NeedsReview,
		UpdatedBy: r.UpdatedBy, UpdatedAt: formatTime(r.UpdatedAt), Version: r.Version,
		EffectiveDate: model.FormatDate(r.EffectiveDate), ReviewBy: model.FormatDate(r.ReviewBy),
		Confidence: string(r.Confidence), Owner: r.Owner, Also: string(r.Also),
	})
	return string(b)
}

func (e *editTx) evidence(assessmentID, id int64) (evidenceRow, error) {
	r, err := scanEvidence(e.tx.QueryRowContext(e.ctx, `SELECT `+evidenceColumns+` FROM evidence WHERE id = ? AND assessment_id = ?`, id, assessmentID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, refuse(fmt.Sprintf("evidence %d", id), ErrNotFound, "it no longer exists (someone may have deleted it); your text was kept as a draft")
	}
	return r, err
}

// describe is a stored item as one text a person can read and keep.
func describe(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// SaveEvidence adds evidence (e.ID == 0; AddedBy and AddedAt are filled in)
// or updates it. An update expects e.Version to be the stored version: if
// the item has changed since and differs from e, nothing is written and a
// *model.ConflictError carries the stored text. A missing item gives
// ErrNotFound. The title is required.
func (s *Store) SaveEvidence(ctx context.Context, assessmentID int64, ev model.Evidence) (model.Evidence, error) {
	if strings.TrimSpace(ev.Title) == "" {
		return ev, invalid("the evidence has no title; give it a short title")
	}
	ev, err := normalizeTrust(ev)
	if err != nil {
		return ev, err
	}
	var out model.Evidence
	err = s.edit(ctx, "save evidence for "+ev.StatementID, func(e *editTx) error {
		if _, err := s.checkStatement(ctx, e.tx, assessmentID, ev.StatementID); err != nil {
			return err
		}
		if err := s.checkLinks(ctx, e.tx, assessmentID, ev); err != nil {
			return err
		}
		if ev.ID == 0 {
			res, err := e.tx.ExecContext(ctx, `INSERT INTO evidence
				(assessment_id, statement_id, title, detail, link, added_by, added_at, needs_review, updated_by, updated_at, version,
				 effective_date, review_by, confidence, owner, also_statements)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
				assessmentID, ev.StatementID, ev.Title, ev.Detail, ev.Link, s.user, e.now, boolText(ev.NeedsReview), s.user, e.now,
				model.FormatDate(ev.EffectiveDate), model.FormatDate(ev.ReviewBy), string(ev.Confidence), ev.Owner, string(ev.Also))
			if err != nil {
				return err
			}
			r, err := logInsert(e, assessmentID, "evidence", res, e.evidence)
			out = r.Evidence
			return err
		}
		cur, err := e.evidence(assessmentID, ev.ID)
		if err != nil {
			return err
		}
		diff := diffFields(evidenceFields(cur.Evidence), evidenceFields(ev))
		if len(diff) == 0 {
			out = cur.Evidence
			return nil
		}
		if cur.Version != ev.Version {
			return &model.ConflictError{What: fmt.Sprintf("evidence %d", ev.ID), Theirs: describe(cur.Title, cur.Detail, cur.Link), By: cur.UpdatedBy, Version: cur.Version}
		}
		if _, err := e.update("evidence", "evidence", assessmentID, ev.ID, cur.Version, diff); err != nil {
			return err
		}
		cur, err = e.evidence(assessmentID, ev.ID)
		out = cur.Evidence
		return err
	})
	return out, err
}

// fieldChange is one column an update changes.
type fieldChange struct{ col, old, new string }

func diffFields(old, new []kv) []fieldChange {
	var out []fieldChange
	for i := range old {
		if old[i].val != new[i].val {
			out = append(out, fieldChange{old[i].col, old[i].val, new[i].val})
		}
	}
	return out
}

// updatable are the columns of each table an update (or its undo) may set;
// a column name reaches SQL only after it is found here.
var updatable = map[string]map[string]bool{
	"responses": {"score": true, "rationale": true, "ticks": true, "score_reason": true},
	"evidence": {"statement_id": true, "title": true, "detail": true, "link": true, "needs_review": true,
		"effective_date": true, "review_by": true, "confidence": true, "owner": true, "also_statements": true},
	"actions":     {"statement_id": true, "title": true, "owner": true, "due": true, "status": true, "priority": true},
	"targets":     {"level": true, "due": true},
	"assessments": {"organisation": true, "period": true},
}

// update sets the changed columns of row id in table, sets its version to
// fromVersion+1, and logs one change per column. It returns that version.
func (e *editTx) update(table, entity string, assessmentID, id int64, fromVersion int64, diff []fieldChange) (int64, error) {
	set := []string{"updated_by = ?", "updated_at = ?", "version = ?"}
	args := []any{e.s.user, e.now, fromVersion + 1}
	for _, d := range diff {
		if !updatable[table][d.col] {
			return 0, fmt.Errorf("column %s of %s cannot be changed", d.col, table)
		}
		set = append(set, d.col+" = ?")
		args = append(args, d.new)
	}
	args = append(args, id, assessmentID)
	res, err := e.tx.ExecContext(e.ctx, `UPDATE `+table+` SET `+strings.Join(set, ", ")+` WHERE id = ? AND assessment_id = ?`, args...)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return 0, fmt.Errorf("update %s %d: %d rows changed (%v)", entity, id, n, err)
	}
	for _, d := range diff {
		if _, err := e.log(change{assessmentID: assessmentID, entity: entity, entityID: strconv.FormatInt(id, 10), op: "update", field: d.col, old: d.old, new: d.new, version: fromVersion + 1}); err != nil {
			return 0, err
		}
	}
	return fromVersion + 1, e.touch(assessmentID)
}

// DeleteEvidence removes evidence item id from the assessment. The change
// log keeps the whole item, so Undo can put it back.
func (s *Store) DeleteEvidence(ctx context.Context, assessmentID, id int64) error {
	return s.edit(ctx, fmt.Sprintf("delete evidence %d", id), func(e *editTx) error {
		return deleteLogged(e, assessmentID, id, "evidence", "evidence", e.evidence)
	})
}
