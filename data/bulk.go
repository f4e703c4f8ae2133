package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"wgll/criteria"
	"wgll/model"
)

// Bulk runs fn with a Batch that writes rows straight into the workbook in
// one IMMEDIATE transaction: everything fn added is committed together when
// fn returns nil, and nothing is when it returns an error.
//
// Bulk exists to load generated or imported content quickly (the demo
// workbooks, tens of thousands of rows, in well under a second instead of one
// fsync'ed transaction per row). It deliberately writes no change-log rows:
// what it loads is a starting point, not an edit a person made, so there is
// nothing for undo to take back. It must not be used for a user's edits; use
// the per-edit methods, which log every change, for those.
func (s *Store) Bulk(ctx context.Context, fn func(b *Batch) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	w, err := s.writer(ctx)
	if err != nil {
		return fmt.Errorf("load rows: %w", err)
	}
	if err := s.need(RoleFacilitator, "load rows"); err != nil {
		return err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return s.translate("load rows", err)
	}
	defer tx.Rollback()
	b := &Batch{ctx: ctx, tx: tx, s: s}
	defer b.close()
	if err := fn(b); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.translate("load rows", err)
	}
	if s.onCommit != nil {
		s.onCommit()
	}
	return nil
}

// Batch adds rows inside one Bulk transaction. Its methods take the times,
// authors and versions given to them as they are, so that generated content
// can carry any history; a zero time means the store's clock now, an empty
// author the store's user and a zero version 1. A Batch is valid only inside
// the function passed to Bulk and is not safe for concurrent use.
type Batch struct {
	ctx   context.Context
	tx    *sql.Tx
	s     *Store
	stmts map[string]*sql.Stmt
	// auds records each assessment added or looked up in this batch with
	// its audience's statement ids, so that rows for unknown statements are
	// refused as the per-edit methods refuse them.
	auds map[int64]map[string]bool
	// logged is the change-log edit of a Bulk that records itself (an
	// import, a carry-forward), made on its first logAdded.
	logged *editTx
}

// logAdded records in the change log that assessment h was added as a
// whole by op ("import" or "carry-forward"), from source (the file imported
// or the assessment carried forward), all in this Bulk's one edit: undo then
// removes every assessment the Bulk added, with everything in them, as one
// step, unless someone has changed them since (see checkUndoable).
func (b *Batch) logAdded(op string, h model.Header, criteriaName, source string) error {
	if b.logged == nil {
		b.logged = &editTx{ctx: b.ctx, tx: b.tx, s: b.s, now: formatTime(b.s.nowUTC())}
	}
	j, _ := json.Marshal(assessmentJSON{
		ID: h.ID, Organisation: h.Organisation, Audience: string(h.Audience), Period: h.Period,
		CareSetting: string(h.CareSetting), CarriedFrom: h.CarriedFrom,
		Criteria: criteriaName, CreatedAt: formatTime(h.CreatedAt), Source: source,
	})
	_, err := b.logged.log(change{assessmentID: h.ID, entity: "assessment", entityID: strconv.FormatInt(h.ID, 10), op: op, new: string(j), version: 1})
	if err != nil {
		return b.s.translate("record the "+op+" in the change log", err)
	}
	return nil
}

const (
	bulkInsertAssessment = `INSERT INTO assessments
		(organisation, audience, period, care_setting, carried_from, criteria_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	bulkUpsertResponse = `INSERT INTO responses
		(assessment_id, statement_id, score, rationale, updated_by, updated_at, version, ticks, score_reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (assessment_id, statement_id) DO UPDATE SET
			score = excluded.score, rationale = excluded.rationale,
			ticks = excluded.ticks, score_reason = excluded.score_reason,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at,
			version = excluded.version`
	bulkInsertEvidence = `INSERT INTO evidence
		(assessment_id, statement_id, title, detail, link, added_by, added_at, needs_review, updated_by, updated_at, version,
		 effective_date, review_by, confidence, owner, also_statements)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	bulkInsertAction = `INSERT INTO actions
		(assessment_id, statement_id, title, owner, due, status, priority, created_by, created_at, updated_by, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// stmt prepares query once per batch; the demo's tens of thousands of rows
// then cost one parse each kind rather than one per row.
func (b *Batch) stmt(query string) (*sql.Stmt, error) {
	if st, ok := b.stmts[query]; ok {
		return st, nil
	}
	st, err := b.tx.PrepareContext(b.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare bulk statement: %w", err)
	}
	if b.stmts == nil {
		b.stmts = map[string]*sql.Stmt{}
	}
	b.stmts[query] = st
	return st, nil
}

func (b *Batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// AddAssessment adds an assessment made with criteriaTOML, which must be a
// valid criteria file; h.ID is ignored and the stored header is returned.
func (b *Batch) AddAssessment(h model.Header, criteriaTOML []byte) (model.Header, error) {
	h, err := ValidateHeader(h)
	if err != nil {
		return h, err
	}
	if h.CarriedFrom != 0 {
		if _, err := b.statements(h.CarriedFrom); err != nil {
			return h, fmt.Errorf("add assessment %s carried forward from %d: %w", h.Title(), h.CarriedFrom, err)
		}
	}
	c, err := criteria.Parse("criteria", criteriaTOML)
	if err != nil {
		return h, fmt.Errorf("add assessment %s: the criteria are not valid (%w): %v", h.Title(), ErrInvalid, err)
	}
	now := b.s.nowUTC()
	if h.CreatedAt.IsZero() {
		h.CreatedAt = now
	}
	if h.UpdatedAt.IsZero() {
		h.UpdatedAt = h.CreatedAt
	}
	var carried any
	if h.CarriedFrom != 0 {
		carried = h.CarriedFrom
	}
	textID, err := criteriaTextID(b.ctx, b.tx, string(criteriaTOML))
	if err != nil {
		return h, b.s.translate("store the criteria of assessment "+h.Title(), err)
	}
	st, err := b.stmt(bulkInsertAssessment)
	if err != nil {
		return h, err
	}
	res, err := st.ExecContext(b.ctx, h.Organisation, string(h.Audience), h.Period, string(h.CareSetting),
		carried, textID, formatTime(h.CreatedAt), formatTime(h.UpdatedAt))
	if err != nil {
		return h, b.s.translate("add assessment "+h.Title(), err)
	}
	if h.ID, err = res.LastInsertId(); err != nil {
		return h, fmt.Errorf("read the new assessment's id: %w", err)
	}
	b.remember(h.ID, c, h.Audience)
	return h, nil
}

func (b *Batch) remember(id int64, c *criteria.Criteria, a criteria.Audience) {
	ids := map[string]bool{}
	for _, m := range c.ForAudience(a) {
		for _, st := range m.Statements {
			ids[st.ID] = true
		}
	}
	if b.auds == nil {
		b.auds = map[int64]map[string]bool{}
	}
	b.auds[id] = ids
}

// statements returns the statement ids of an assessment, reading its
// criteria from the file the first time it is used in this batch.
func (b *Batch) statements(id int64) (map[string]bool, error) {
	if ids, ok := b.auds[id]; ok {
		return ids, nil
	}
	var aud string
	var textID int64
	err := scanLenient(b.tx.QueryRowContext(b.ctx, `SELECT COALESCE(criteria_id, 0), audience FROM assessments WHERE id = ?`, id), &textID, &aud)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("assessment %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("look up assessment %d: %w", id, err)
	}
	c, err := b.s.criteriaText(b.ctx, b.tx, textID)
	if err != nil {
		return nil, b.s.unreadable(id, err)
	}
	b.remember(id, c, criteria.Audience(aud))
	return b.auds[id], nil
}

func (b *Batch) checkStatement(assessmentID int64, statementID string) error {
	ids, err := b.statements(assessmentID)
	if err != nil {
		return err
	}
	if !ids[statementID] {
		return invalid("statement %q is not in assessment %d's criteria for its audience", statementID, assessmentID)
	}
	return nil
}

func (b *Batch) author(name string) string {
	if strings.TrimSpace(name) == "" {
		return b.s.user
	}
	return name
}

func (b *Batch) at(t string) string {
	if t == "" {
		return formatTime(b.s.nowUTC())
	}
	return t
}

func version(v int64) int64 {
	if v <= 0 {
		return 1
	}
	return v
}

// PutResponse records r's score, rationale, checklist ticks and score reason for its statement, replacing
// any earlier response.
func (b *Batch) PutResponse(assessmentID int64, r model.Response) error {
	if err := b.checkStatement(assessmentID, r.StatementID); err != nil {
		return err
	}
	if r.Score < model.NotAssessed || r.Score > 5 {
		return invalid("score %d for %s is not 0 (not assessed) to 5", int(r.Score), r.StatementID)
	}
	st, err := b.stmt(bulkUpsertResponse)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(b.ctx, assessmentID, r.StatementID, int(r.Score), r.Rationale,
		b.author(r.UpdatedBy), b.at(formatTime(r.UpdatedAt)), version(r.Version), r.Ticks.String(), r.ScoreReason)
	return b.s.translate("record the response for "+r.StatementID, err)
}

// AddEvidence adds e (its ID is ignored) and returns the new item's id.
// UpdatedAt defaults to AddedAt.
func (b *Batch) AddEvidence(assessmentID int64, e model.Evidence) (int64, error) {
	if err := b.checkStatement(assessmentID, e.StatementID); err != nil {
		return 0, err
	}
	if strings.TrimSpace(e.Title) == "" {
		return 0, invalid("evidence for %s needs a title", e.StatementID)
	}
	added := b.at(formatTime(e.AddedAt))
	updated := formatTime(e.UpdatedAt)
	if updated == "" {
		updated = added
	}
	review := 0
	if e.NeedsReview {
		review = 1
	}
	st, err := b.stmt(bulkInsertEvidence)
	if err != nil {
		return 0, err
	}
	by := b.author(e.AddedBy)
	e, err = normalizeTrust(e)
	if err != nil {
		return 0, err
	}
	for _, sid := range e.Also.IDs() {
		if err := b.checkStatement(assessmentID, sid); err != nil {
			return 0, err
		}
	}
	res, err := st.ExecContext(b.ctx, assessmentID, e.StatementID, e.Title, e.Detail, e.Link,
		by, added, review, by, updated, version(e.Version),
		model.FormatDate(e.EffectiveDate), model.FormatDate(e.ReviewBy), string(e.Confidence), e.Owner, string(e.Also))
	if err != nil {
		return 0, b.s.translate("add evidence for "+e.StatementID, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("read the new evidence id: %w", err)
	}
	return id, nil
}

// AddAction adds a (its ID is ignored) and returns the new action's id. An
// empty status is open and an empty priority medium; UpdatedAt defaults to
// CreatedAt.
func (b *Batch) AddAction(assessmentID int64, a model.Action) (int64, error) {
	if err := b.checkStatement(assessmentID, a.StatementID); err != nil {
		return 0, err
	}
	if strings.TrimSpace(a.Title) == "" {
		return 0, invalid("an action for %s needs a title", a.StatementID)
	}
	if a.Status == "" {
		a.Status = model.StatusOpen
	}
	if !a.Status.Valid() {
		return 0, invalid("action status %q is not one of open, in-progress, done, dropped", a.Status)
	}
	if a.Priority == "" {
		a.Priority = model.PriorityMedium
	}
	if !a.Priority.Valid() {
		return 0, invalid("action priority %q is not one of high, medium, low", a.Priority)
	}
	created := b.at(formatTime(a.CreatedAt))
	updated := formatTime(a.UpdatedAt)
	if updated == "" {
		updated = created
	}
	st, err := b.stmt(bulkInsertAction)
	if err != nil {
		return 0, err
	}
	by := b.s.user
	res, err := st.ExecContext(b.ctx, assessmentID, a.StatementID, a.Title, a.Owner,
		model.FormatDate(a.Due), string(a.Status), string(a.Priority), by, created, by, updated, version(a.Version))
	if err != nil {
		return 0, b.s.translate("add an action for "+a.StatementID, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("read the new action id: %w", err)
	}
	return id, nil
}
