package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"wgll/criteria"
	"wgll/model"
)

// MaxHeaderText is the longest organisation name or period label accepted,
// in characters.
const MaxHeaderText = 200

// ValidateHeader checks the parts of a header a person types and returns it
// with organisation and period trimmed: both are required and at most
// MaxHeaderText characters, the audience must be organisation or ics, and
// the care setting one of model.CareSettings or none.
func ValidateHeader(h model.Header) (model.Header, error) {
	h.Organisation = strings.TrimSpace(h.Organisation)
	h.Period = strings.TrimSpace(h.Period)
	switch {
	case h.Organisation == "":
		return h, invalid("the organisation name is empty; type the organisation's name")
	case utf8.RuneCountInString(h.Organisation) > MaxHeaderText:
		return h, invalid("the organisation name is longer than %d characters; shorten it", MaxHeaderText)
	case h.Period == "":
		return h, invalid("the period is empty; type a period such as 2026/27")
	case utf8.RuneCountInString(h.Period) > MaxHeaderText:
		return h, invalid("the period is longer than %d characters; shorten it", MaxHeaderText)
	case !h.Audience.Valid():
		return h, invalid("audience %q is not organisation or ics", h.Audience)
	}
	if h.CareSetting != model.SettingNone {
		ok := false
		for _, cs := range model.CareSettings {
			ok = ok || cs == h.CareSetting
		}
		if !ok {
			return h, invalid("care setting %q is not one of acute, community, mental-health, ambulance, icb", h.CareSetting)
		}
	}
	return h, nil
}

const headerColumns = `id, organisation, audience, period, care_setting, COALESCE(carried_from, 0), created_at, updated_at`

func scanHeader(sc interface{ Scan(...any) error }) (model.Header, error) {
	var h model.Header
	var aud, cs, created, updated string
	if err := scanLenient(sc, &h.ID, &h.Organisation, &aud, &h.Period, &cs, &h.CarriedFrom, &created, &updated); err != nil {
		return h, err
	}
	h.Audience = criteria.Audience(aud)
	h.CareSetting = model.CareSetting(cs)
	h.CreatedAt = parseTime(created)
	h.UpdatedAt = parseTime(updated)
	return h, nil
}

// Assessments lists every assessment in the workbook, newest period first,
// with how many of its statements are scored.
func (s *Store) Assessments(ctx context.Context) ([]model.Header, error) {
	return s.list(ctx, s.db, true)
}

// AssessmentsAt lists every assessment as Assessments does, with the data
// version (DataVersion) read just before, both through the write
// connection: what the app's first list reads. The version comes first,
// so a change by anyone else after it makes the next poll see a newer
// one. Read through the pool, the first list needed a connection of its
// own, since DataVersion takes the one opening left idle for the writer:
// on a fresh process a new connection and its parse of the schema are 1
// to 2 ms before the list can reach the app's first frame.
func (s *Store) AssessmentsAt(ctx context.Context) (version int64, hs []model.Header, err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	version, w, err := s.dataVersion(ctx)
	if err != nil {
		// As for a version the app cannot read: 0, and the list as ever.
		hs, err = s.list(ctx, s.db, true)
		return 0, hs, err
	}
	hs, err = s.list(ctx, w, true)
	return version, hs, err
}

// Headers lists every assessment as Assessments does, each with its
// number of statements and whether it can be read, but without counting
// what is scored (Assessed is 0): for a command that only picks
// assessments, such as 'wgll heatmap --by organisation'.
func (s *Store) Headers(ctx context.Context) ([]model.Header, error) {
	return s.list(ctx, s.db, false)
}

// HeadersOf lists the assessments of one audience as Headers does, newest
// period first, with only what picks them: the id, organisation,
// audience, period, number of statements and whether it can be read (the
// care setting, carried-from and times are left empty). 'wgll heatmap --by
// organisation' picks xl's 420 member assessments from it in a third of
// the time Headers takes to read all 430 whole.
func (s *Store) HeadersOf(ctx context.Context, aud criteria.Audience) ([]model.Header, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, organisation, audience, period, '', 0, '', '', COALESCE(criteria_id, 0), 0
		FROM assessments WHERE audience = ? ORDER BY period DESC, organisation, id DESC`, string(aud))
	if err != nil {
		return nil, s.translate("list assessments", err)
	}
	return s.listed(ctx, s.db, rows)
}

// list reads every header in one pass with what fillProgress needs: the
// criteria text each assessment uses and, with scored, the count of scored
// statements the store keeps (assessment_counts), so that a list of
// hundreds of assessments is one query, never a count of responses.
func (s *Store) list(ctx context.Context, q querier, scored bool) ([]model.Header, error) {
	query := `SELECT ` + headerColumns + `, COALESCE(criteria_id, 0), 0 FROM assessments ORDER BY period DESC, organisation, id DESC`
	if scored {
		query = `SELECT ` + headerColumns + `, COALESCE(criteria_id, 0),
			COALESCE((SELECT scored FROM assessment_counts c WHERE c.assessment_id = assessments.id), 0)
			FROM assessments ORDER BY period DESC, organisation, id DESC`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, s.translate("list assessments", err)
	}
	return s.listed(ctx, q, rows)
}

// listed reads the rows of a list query (scanListed's columns) and fills
// in each header's progress, reading criteria texts through q once the
// rows are closed.
func (s *Store) listed(ctx context.Context, q querier, rows *sql.Rows) ([]model.Header, error) {
	defer rows.Close()
	var out []model.Header
	var texts []int64
	for rows.Next() {
		h, textID, err := scanListed(rows)
		if err != nil {
			return nil, s.translate("read an assessment", err)
		}
		out = append(out, h)
		texts = append(texts, textID)
	}
	if err := rows.Err(); err != nil {
		return nil, s.translate("list assessments", err)
	}
	rows.Close()
	if err := s.fillProgress(ctx, q, out, texts); err != nil {
		return nil, s.translate("count what is assessed", err)
	}
	return out, nil
}

// scanListed reads a row of list: the header, then its criteria text and
// its scored count.
func scanListed(sc interface{ Scan(...any) error }) (model.Header, int64, error) {
	var h model.Header
	var aud, cs, created, updated string
	var textID int64
	if err := scanLenient(sc, &h.ID, &h.Organisation, &aud, &h.Period, &cs, &h.CarriedFrom, &created, &updated, &textID, &h.Assessed); err != nil {
		return h, 0, err
	}
	h.Audience = criteria.Audience(aud)
	h.CareSetting = model.CareSetting(cs)
	h.CreatedAt = parseTime(created)
	h.UpdatedAt = parseTime(updated)
	return h, textID, nil
}

// fillProgress sets Statements and Unreadable on each header from the
// criteria text it uses (texts, in the same order): the "of y" of the
// picker's "x of y assessed". The assessments of a workbook share a few
// criteria texts (schema 7), so each text is read and parsed once, and
// listing hundreds of assessments reads no text twice. An assessment whose
// criteria cannot be read has the reason in Unreadable instead (as
// criteriaOf reports it).
func (s *Store) fillProgress(ctx context.Context, q querier, hs []model.Header, texts []int64) error {
	// Hundreds of assessments share a text: each text's count per
	// audience is worked out once.
	type counted struct {
		c   *criteria.Criteria
		aud criteria.Audience
	}
	totals := map[counted]int{}
	for i := range hs {
		c, err := s.criteriaText(ctx, q, texts[i])
		var ue *UnreadableError
		if errors.As(s.unreadable(hs[i].ID, err), &ue) {
			hs[i].Unreadable = ue.Reason
			continue
		}
		if err != nil {
			return err
		}
		k := counted{c, hs[i].Audience}
		n, ok := totals[k]
		if !ok {
			n = c.StatementCount(hs[i].Audience)
			totals[k] = n
		}
		hs[i].Statements = n
		s.cmu.Lock()
		if s.crit[hs[i].ID] == nil {
			s.crit[hs[i].ID] = c
		}
		s.cmu.Unlock()
	}
	return nil
}

// LoadReadable loads every assessment whose header keep accepts, for work
// that reads many at once (a trend, an ICS grid, an export of all): an
// assessment that cannot be read is left out and returned in skipped, so
// that the caller can say so, rather than failing the whole.
func (s *Store) LoadReadable(ctx context.Context, keep func(model.Header) bool) (loaded []*model.Assessment, skipped []model.Header, err error) {
	hs, err := s.Assessments(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, h := range hs {
		if !keep(h) {
			continue
		}
		if h.Unreadable != "" {
			skipped = append(skipped, h)
			continue
		}
		a, err := s.Assessment(ctx, h.ID)
		var ue *UnreadableError
		if errors.As(err, &ue) { // damaged since it was listed
			h.Unreadable = ue.Reason
			skipped = append(skipped, h)
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		loaded = append(loaded, a)
	}
	return loaded, skipped, nil
}

// assessmentJSON is how an assessment appears in the change log.
type assessmentJSON struct {
	ID           int64  `json:"id"`
	Organisation string `json:"organisation"`
	Audience     string `json:"audience"`
	Period       string `json:"period"`
	CareSetting  string `json:"care_setting"`
	CarriedFrom  int64  `json:"carried_from"`
	Criteria     string `json:"criteria"`
	CreatedAt    string `json:"created_at"`
	// Source is the file an imported assessment came from, or the id of
	// the assessment a carried-forward one started from.
	Source string `json:"source,omitempty"`
}

// CreateAssessment adds an assessment made with criteriaTOML, which must be
// a valid criteria file and is stored byte for byte. h.ID is ignored; the
// stored header (trimmed, with its id and times) is returned.
func (s *Store) CreateAssessment(ctx context.Context, h model.Header, criteriaTOML []byte) (model.Header, error) {
	if err := s.need(RoleFacilitator, "create assessment "+h.Title()); err != nil {
		return model.Header{}, err
	}
	h, err := ValidateHeader(h)
	if err != nil {
		return h, err
	}
	c, err := criteria.Parse("criteria", criteriaTOML)
	if err != nil {
		return h, fmt.Errorf("create assessment %s: the criteria are not valid (%w): %v", h.Title(), ErrInvalid, err)
	}
	err = s.edit(ctx, "create assessment "+h.Title(), func(e *editTx) error {
		if h.CarriedFrom != 0 {
			var n int
			if err := e.tx.QueryRowContext(ctx, `SELECT count(*) FROM assessments WHERE id = ?`, h.CarriedFrom).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("assessment %d to carry forward from: %w", h.CarriedFrom, ErrNotFound)
			}
		}
		var carried any
		if h.CarriedFrom != 0 {
			carried = h.CarriedFrom
		}
		textID, err := criteriaTextID(ctx, e.tx, string(criteriaTOML))
		if err != nil {
			return err
		}
		res, err := e.tx.ExecContext(ctx, `INSERT INTO assessments
			(organisation, audience, period, care_setting, carried_from, criteria_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			h.Organisation, string(h.Audience), h.Period, string(h.CareSetting), carried, textID, e.now, e.now)
		if err != nil {
			return err
		}
		if h.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		h.CreatedAt, h.UpdatedAt = parseTime(e.now), parseTime(e.now)
		j, _ := json.Marshal(assessmentJSON{
			ID: h.ID, Organisation: h.Organisation, Audience: string(h.Audience), Period: h.Period,
			CareSetting: string(h.CareSetting), CarriedFrom: h.CarriedFrom,
			Criteria: c.Framework.Name + " " + c.Framework.Version, CreatedAt: e.now,
		})
		_, err = e.log(change{assessmentID: h.ID, entity: "assessment", entityID: strconv.FormatInt(h.ID, 10), op: "insert", new: string(j), version: 1})
		return err
	})
	if err != nil {
		return model.Header{}, err
	}
	s.cmu.Lock()
	s.crit[h.ID] = c
	s.cmu.Unlock()
	return h, nil
}

// CriteriaTOML returns the exact criteria text assessment id was made with.
func (s *Store) CriteriaTOML(ctx context.Context, id int64) ([]byte, error) {
	var raw string
	err := scanLenient(s.db.QueryRowContext(ctx, `SELECT (SELECT toml FROM criteria_texts WHERE id = a.criteria_id)
		FROM assessments a WHERE a.id = ?`, id), &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read the criteria of assessment %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read the criteria of assessment %d: %w", id, err)
	}
	return []byte(raw), nil
}

// querier is what both *sql.DB and *sql.Tx offer for reading.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// criteriaOf returns the parsed criteria and audience of assessment id. The
// criteria of an assessment never change, so they are parsed once per Store.
// Criteria that no longer parse (damaged in the file) give an
// *UnreadableError for this assessment alone.
func (s *Store) criteriaOf(ctx context.Context, q querier, id int64) (*criteria.Criteria, criteria.Audience, error) {
	var aud string
	var textID int64
	s.cmu.Lock()
	c := s.crit[id]
	s.cmu.Unlock()
	err := scanLenient(q.QueryRowContext(ctx, `SELECT COALESCE(criteria_id, 0), audience FROM assessments WHERE id = ?`, id), &textID, &aud)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", fmt.Errorf("assessment %d does not exist (perhaps it was removed): %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, "", err
	}
	if c == nil {
		if c, err = s.criteriaText(ctx, q, textID); err != nil {
			return nil, "", s.unreadable(id, err)
		}
	}
	s.cmu.Lock()
	s.crit[id] = c
	s.cmu.Unlock()
	return c, criteria.Audience(aud), nil
}

// emptyAssessment reads assessment id's header and criteria: the
// assessment with nothing in it yet, for a read to fill.
func (s *Store) emptyAssessment(ctx context.Context, q querier, id int64) (*model.Assessment, error) {
	h, err := scanHeader(q.QueryRowContext(ctx, `SELECT `+headerColumns+` FROM assessments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("load assessment %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load assessment %d: %w", id, err)
	}
	c, _, err := s.criteriaOf(ctx, q, id)
	var ue *UnreadableError
	if errors.As(err, &ue) {
		return nil, ue // says everything already
	}
	if err != nil {
		return nil, fmt.Errorf("load assessment %d: %w", id, err)
	}
	return model.NewAssessment(h, c), nil
}

// criteriaProblem is why stored criteria cannot be used: one line, safe to
// print, the reason the assessments made with them are unreadable.
type criteriaProblem string

func (p criteriaProblem) Error() string { return string(p) }

// unreadable turns a criteriaProblem of assessment id into the
// *UnreadableError that reports it; any other error is returned as it is.
func (s *Store) unreadable(id int64, err error) error {
	var p criteriaProblem
	if errors.As(err, &p) {
		return &UnreadableError{ID: id, Reason: string(p), Backups: backupDir(s.abs)}
	}
	return err
}

// criteriaText returns the parsed criteria of criteria_texts row textID (0
// for none), parsing each row once per Store. Criteria that are missing or
// do not parse give a criteriaProblem.
func (s *Store) criteriaText(ctx context.Context, q querier, textID int64) (*criteria.Criteria, error) {
	s.cmu.Lock()
	c := s.critText[textID]
	s.cmu.Unlock()
	if c != nil {
		return c, nil
	}
	var raw string
	if textID != 0 {
		err := scanLenient(q.QueryRowContext(ctx, `SELECT toml FROM criteria_texts WHERE id = ?`, textID), &raw)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	c, err := parseStoredCriteria(raw)
	if err != nil {
		return nil, criteriaProblem(err.Error())
	}
	s.cmu.Lock()
	s.critText[textID] = c
	s.cmu.Unlock()
	return c, nil
}

// parseStoredCriteria parses the criteria stored with an assessment. Its
// error is the reason the assessment is unreadable: one line, safe to print.
func parseStoredCriteria(raw string) (*criteria.Criteria, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("no criteria are stored with it")
	}
	c, err := criteria.Parse("stored criteria", []byte(raw))
	if err != nil {
		msg := strings.TrimSuffix(err.Error(), "; fix the TOML on this line")
		if rest, ok := strings.CutPrefix(msg, "stored criteria:"); ok {
			if line, what, ok := strings.Cut(rest, ": "); ok {
				msg = "line " + line + ": " + what
			}
		}
		return nil, errors.New("its stored criteria are damaged (" + plainLine(msg, 160) + ")")
	}
	return c, nil
}

// checkStatement makes sure statementID is one of the assessment's
// statements for its audience.
func (s *Store) checkStatement(ctx context.Context, q querier, assessmentID int64, statementID string) (*criteria.Criteria, error) {
	c, aud, err := s.criteriaOf(ctx, q, assessmentID)
	if err != nil {
		return nil, err
	}
	st, _, ok := c.Statement(statementID)
	if !ok || st.Audience != aud {
		return nil, invalid("statement %q is not one of assessment %d's %s statements", statementID, assessmentID, aud)
	}
	return c, nil
}

// Assessment loads assessment id with its criteria (parsed from the copy
// stored with it), responses, evidence, actions and, when it was carried
// forward, the previous assessment's scores.
func (s *Store) Assessment(ctx context.Context, id int64) (*model.Assessment, error) {
	return s.load(ctx, id, true)
}

// AssessmentActions loads assessment id like Assessment but without its
// evidence, for work that needs only scores and actions (an action list
// export): on a large workbook evidence is most of what there is to read.
func (s *Store) AssessmentActions(ctx context.Context, id int64) (*model.Assessment, error) {
	return s.load(ctx, id, false)
}

func (s *Store) load(ctx context.Context, id int64, evidence bool) (*model.Assessment, error) {
	a, err := s.loadTx(ctx, id, evidence)
	return a, s.damaged(err)
}

// damaged says what to do about damage a read met that the check on
// opening did not reach (a large workbook is not read whole then); an
// assessment already found unreadable says everything itself, and any
// other error is returned as it is.
func (s *Store) damaged(err error) error {
	var ue *UnreadableError
	if c := sqliteCode(err); (c == codeCorrupt || c == codeNotADB) && !errors.As(err, &ue) {
		return s.translate("read", err)
	}
	return err
}

func (s *Store) loadTx(ctx context.Context, id int64, evidence bool) (*model.Assessment, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load assessment %d: %w", id, err)
	}
	defer tx.Rollback()
	a, err := s.emptyAssessment(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	c, h := a.Criteria, a.Header
	if err := s.loadResponses(ctx, tx, a); err != nil {
		return nil, fmt.Errorf("load the responses of assessment %d: %w", id, err)
	}
	if evidence {
		if err := loadEvidence(ctx, tx, a); err != nil {
			return nil, fmt.Errorf("load the evidence of assessment %d: %w", id, err)
		}
	}
	if err := loadActions(ctx, tx, a); err != nil {
		return nil, fmt.Errorf("load the actions of assessment %d: %w", id, err)
	}
	if err := loadAgreements(ctx, tx, a); err != nil {
		return nil, fmt.Errorf("load the workshop agreements of assessment %d: %w", id, err)
	}
	if err := loadPlanData(ctx, tx, a); err != nil {
		return nil, fmt.Errorf("load the targets and sign-off of assessment %d: %w", id, err)
	}
	if h.CarriedFrom != 0 {
		a.Previous = map[string]model.Score{}
		rows, err := tx.QueryContext(ctx, `SELECT statement_id, score FROM responses WHERE assessment_id = ? AND score > 0`, h.CarriedFrom)
		if err != nil {
			return nil, fmt.Errorf("load the previous scores of assessment %d: %w", id, err)
		}
		defer rows.Close()
		for rows.Next() {
			var sid string
			var sc int
			if err := rows.Scan(&sid, &sc); err != nil {
				return nil, fmt.Errorf("load the previous scores of assessment %d: %w", id, err)
			}
			a.Previous[sid] = model.Score(sc)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("load the previous scores of assessment %d: %w", id, err)
		}
		if len(c.Mapping) > 0 {
			// Carried across a framework refresh: "last time" follows the
			// mapping from the earlier framework's ids.
			fc, _, err := s.criteriaOf(ctx, tx, h.CarriedFrom)
			if err != nil {
				return nil, fmt.Errorf("load the previous criteria of assessment %d: %w", id, err)
			}
			if sm := model.MapStatements(fc, c, h.Audience); sm.ByMapping {
				a.Previous = sm.MapScores(a.Previous)
			}
		}
	}
	return a, nil
}

func (s *Store) loadResponses(ctx context.Context, q querier, a *model.Assessment) error {
	return loadResponsesOf(ctx, q, a, SchemaVersion())
}

// loadResponsesOf is loadResponses from a workbook of the given schema,
// which may be older than this build's when it is another file read to
// import it.
func loadResponsesOf(ctx context.Context, q querier, a *model.Assessment, schema int) error {
	cols := responseColumns
	if schema < schemaChecklist {
		cols = responseColumnsV2
	}
	rows, err := q.QueryContext(ctx, `SELECT `+cols+` FROM responses WHERE assessment_id = ?`, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanResponse(rows)
		if err != nil {
			return err
		}
		a.Responses[r.StatementID] = r
	}
	return rows.Err()
}

func loadEvidence(ctx context.Context, q querier, a *model.Assessment) error {
	return loadEvidenceOf(ctx, q, a, SchemaVersion())
}

// loadEvidenceOf is loadEvidence from a workbook of the given schema, which
// may be older than this build's when it is another file read to import it.
func loadEvidenceOf(ctx context.Context, q querier, a *model.Assessment, schema int) error {
	cols := evidenceColumns
	if schema < schemaPlan {
		cols = evidenceColumnsV2
	}
	rows, err := q.QueryContext(ctx, `SELECT `+cols+` FROM evidence WHERE assessment_id = ? ORDER BY statement_id, id`, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvidence(rows)
		if err != nil {
			return err
		}
		a.Evidence[e.StatementID] = append(a.Evidence[e.StatementID], e.Evidence)
	}
	return rows.Err()
}

func loadActions(ctx context.Context, q querier, a *model.Assessment) error {
	rows, err := q.QueryContext(ctx, `SELECT `+actionColumns+` FROM actions WHERE assessment_id = ? ORDER BY statement_id, id`, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		x, err := scanAction(rows)
		if err != nil {
			return err
		}
		a.Actions[x.StatementID] = append(a.Actions[x.StatementID], x.Action)
	}
	return rows.Err()
}
