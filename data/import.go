package data

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// AssessmentJSONFormat names the full-assessment JSON document that Import
// reads besides workbook files.
const AssessmentJSONFormat = "wgll-assessments/1"

// AssessmentsDoc is a lossless JSON copy of whole assessments: header, the
// exact criteria they were made with, scores, evidence and actions. It is
// what one organisation sends an ICS when it cannot send its workbook.
type AssessmentsDoc struct {
	Format      string           `json:"format"`
	Assessments []AssessmentJSON `json:"assessments"`
}

// AssessmentJSON is one assessment in an AssessmentsDoc. Times are RFC 3339.
type AssessmentJSON struct {
	assessmentHead
	Evidence []model.Evidence `json:"evidence"`
	Actions  []model.Action   `json:"actions"`
}

// assessmentHead is an AssessmentJSON's fields before its evidence and
// actions, which WriteAssessmentsJSON writes row by row after them.
type assessmentHead struct {
	ID           int64             `json:"id"`
	Organisation string            `json:"organisation"`
	Audience     criteria.Audience `json:"audience"`
	Period       string            `json:"period"`
	CareSetting  model.CareSetting `json:"care_setting"`
	CarriedFrom  int64             `json:"carried_from,omitempty"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
	CriteriaTOML string            `json:"criteria_toml"`
	Responses    []model.Response  `json:"responses"`
}

// sourceAssessment is an assessment read from an import file.
type sourceAssessment struct {
	a   *model.Assessment
	raw []byte
}

// ImportConflict is an assessment not imported because this workbook
// already has one for the same organisation, audience and period with
// different content.
type ImportConflict struct {
	Header     model.Header
	ExistingID int64
	// Differences says which parts differ: "criteria", "care setting",
	// "scores", "evidence", "actions".
	Differences []string
}

// ImportResult says what Import did with one file.
type ImportResult struct {
	File string
	// Added are the new assessments as stored here (new ids).
	Added []model.Header
	// Unchanged are the file's assessments this workbook already holds
	// with the same content.
	Unchanged []model.Header
	Conflicts []ImportConflict
}

// Import brings the assessments of another workbook (opened read-only and
// never written) or of an AssessmentsDoc JSON file into this workbook, with
// their evidence and actions. Assessments are matched by organisation,
// audience and period: one already here with the same content is left as it
// is, so importing a file twice changes nothing; one with different content
// is reported as a conflict and not overwritten. A file's new assessments
// are added together in one transaction, logged as one change that Undo
// reverses by removing them.
func (s *Store) Import(ctx context.Context, path string) (ImportResult, error) {
	if abs, err := filepath.Abs(path); err == nil && abs == s.abs {
		return ImportResult{File: path}, invalid("%s is this workbook; import another organisation's workbook or JSON file", path)
	}
	src, err := ReadImport(ctx, path)
	if err != nil {
		return ImportResult{File: path}, err
	}
	return s.ImportFrom(ctx, src)
}

// ImportSource is an import file read whole and checked: every assessment
// in it, with criteria that parse. Reading it is separate from adding it
// (ImportFrom) so that a caller can refuse a bad file before it opens, and
// perhaps creates, the workbook to import into.
type ImportSource struct {
	path, abs string
	list      []sourceAssessment
	// Added, when set, counts the items (scores, evidence and actions)
	// ImportFrom has added, for the progress a long import shows: an ICS's
	// 430 assessments take 10 s, most of it the newest's 200,000 items.
	Added *atomic.Int64
}

// Items is how many scores, evidence items and actions the file holds.
func (src *ImportSource) Items() int {
	n := 0
	for _, sa := range src.list {
		n += len(sa.a.Responses)
		for _, es := range sa.a.Evidence {
			n += len(es)
		}
		for _, xs := range sa.a.Actions {
			n += len(xs)
		}
	}
	return n
}

// Path is the file as given to ReadImport.
func (src *ImportSource) Path() string { return src.path }

// Len is how many assessments the file holds.
func (src *ImportSource) Len() int { return len(src.list) }

// ReadImport reads and checks a file for Import: another wgll workbook
// (opened read-only, never written) or an AssessmentsDoc JSON file. No
// workbook need be open.
func ReadImport(ctx context.Context, path string) (*ImportSource, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	list, err := readImport(ctx, path, abs)
	if err != nil {
		return nil, err
	}
	return &ImportSource{path: path, abs: abs, list: list}, nil
}

// ImportFrom adds what ReadImport read, as Import does.
func (s *Store) ImportFrom(ctx context.Context, in *ImportSource) (ImportResult, error) {
	path := in.path
	res := ImportResult{File: path}
	if in.abs == s.abs {
		return res, invalid("%s is this workbook; import another organisation's workbook or JSON file", path)
	}
	src := in.list
	existing, err := s.Assessments(ctx)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	byKey := map[string]int64{}
	for _, h := range existing {
		byKey[importKey(h)] = h.ID
	}
	var toAdd []sourceAssessment
	// newID maps the file's assessment ids to this workbook's.
	newID := map[int64]int64{}
	for _, sa := range src {
		id, ok := byKey[importKey(sa.a.Header)]
		if !ok {
			byKey[importKey(sa.a.Header)] = -1
			toAdd = append(toAdd, sa)
			continue
		}
		if id < 0 {
			res.Conflicts = append(res.Conflicts, ImportConflict{Header: sa.a.Header, Differences: []string{"the file has this organisation, audience and period twice"}})
			continue
		}
		have, err := s.Assessment(ctx, id)
		var ue *UnreadableError
		if errors.As(err, &ue) {
			res.Conflicts = append(res.Conflicts, ImportConflict{Header: sa.a.Header, ExistingID: id, Differences: []string{"the assessment here cannot be read: " + ue.Reason}})
			continue
		}
		if err != nil {
			return res, fmt.Errorf("import %s: %w", path, err)
		}
		raw, err := s.CriteriaTOML(ctx, id)
		if err != nil {
			return res, fmt.Errorf("import %s: %w", path, err)
		}
		if diff := differences(sourceAssessment{have, raw}, sa); len(diff) > 0 {
			res.Conflicts = append(res.Conflicts, ImportConflict{Header: sa.a.Header, ExistingID: id, Differences: diff})
		} else {
			res.Unchanged = append(res.Unchanged, have.Header)
			newID[sa.a.ID] = id
		}
	}
	if len(toAdd) == 0 {
		return res, nil
	}
	err = s.Bulk(ctx, func(b *Batch) error {
		for _, sa := range toAdd {
			h := sa.a.Header
			srcID := h.ID
			// Keep the carried-from link only when its target is here too.
			h.CarriedFrom = newID[h.CarriedFrom]
			stored, err := b.AddAssessment(h, sa.raw)
			if err != nil {
				return fmt.Errorf("add %s: %w", h.Title(), err)
			}
			newID[srcID] = stored.ID
			if err := copyContent(b, stored.ID, sa.a, in.Added); err != nil {
				return fmt.Errorf("add %s: %w", h.Title(), err)
			}
			if err := b.logAdded("import", stored, sa.a.Criteria.Framework.Name+" "+sa.a.Criteria.Framework.Version, path); err != nil {
				return err
			}
			res.Added = append(res.Added, stored)
		}
		return nil
	})
	if err != nil {
		return ImportResult{File: path}, fmt.Errorf("import %s: %w; nothing from it was added", path, err)
	}
	return res, nil
}

// copyContent adds a's responses, evidence and actions to assessment id,
// keeping their authors and times, counting each into added (when set).
func copyContent(b *Batch, id int64, a *model.Assessment, added *atomic.Int64) error {
	count := func() {
		if added != nil {
			added.Add(1)
		}
	}
	sids := make([]string, 0, len(a.Responses))
	for sid := range a.Responses {
		sids = append(sids, sid)
	}
	sort.Strings(sids)
	for _, sid := range sids {
		r := a.Responses[sid]
		r.Version = 0
		if err := b.PutResponse(id, r); err != nil {
			return err
		}
		count()
	}
	for _, e := range flatEvidence(a) {
		e.Version = 0
		if _, err := b.AddEvidence(id, e); err != nil {
			return err
		}
		count()
	}
	for _, x := range flatActions(a) {
		x.Version = 0
		if _, err := b.AddAction(id, x); err != nil {
			return err
		}
		count()
	}
	return nil
}

func importKey(h model.Header) string {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	// The organisation is matched as everywhere (model.OrganisationKey).
	return model.OrganisationKey(h.Organisation) + "\x00" + string(h.Audience) + "\x00" + norm(h.Period)
}

func flatEvidence(a *model.Assessment) []model.Evidence {
	var out []model.Evidence
	for _, list := range a.Evidence {
		out = append(out, list...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func flatActions(a *model.Assessment) []model.Action {
	var out []model.Action
	for _, list := range a.Actions {
		out = append(out, list...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// differences lists which parts of two assessments with the same key
// differ, comparing content only (not ids, versions or who stored a copy).
func differences(have, in sourceAssessment) []string {
	var out []string
	if !bytes.Equal(have.raw, in.raw) {
		out = append(out, "criteria")
	}
	if have.a.CareSetting != in.a.CareSetting {
		out = append(out, "care setting")
	}
	resp := func(a *model.Assessment) []string {
		var l []string
		for sid, r := range a.Responses {
			if r.Score.Assessed() || r.Rationale != "" {
				l = append(l, fmt.Sprintf("%s\x00%d\x00%s", sid, r.Score, r.Rationale))
			}
		}
		return l
	}
	ev := func(a *model.Assessment) []string {
		var l []string
		for _, e := range flatEvidence(a) {
			l = append(l, strings.Join([]string{e.StatementID, e.Title, e.Detail, e.Link, e.AddedBy, e.AddedAt.UTC().Format(time.RFC3339), fmt.Sprint(e.NeedsReview)}, "\x00"))
		}
		return l
	}
	ac := func(a *model.Assessment) []string {
		var l []string
		for _, x := range flatActions(a) {
			l = append(l, strings.Join([]string{x.StatementID, x.Title, x.Owner, model.FormatDate(x.Due), string(x.Status), string(x.Priority)}, "\x00"))
		}
		return l
	}
	for _, p := range []struct {
		what string
		f    func(*model.Assessment) []string
	}{{"scores", resp}, {"evidence", ev}, {"actions", ac}} {
		if !sameSet(p.f(have.a), p.f(in.a)) {
			out = append(out, p.what)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	sort.Strings(a)
	sort.Strings(b)
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// readImport reads the assessments of a workbook or JSON file.
func readImport(ctx context.Context, path, abs string) ([]sourceAssessment, error) {
	if isOpenHere(abs) {
		// A workbook this process has open: read it through SQLite only,
		// since opening and closing a descriptor on it with package os
		// would drop the locks SQLite holds on it here.
		return readWorkbook(ctx, path, abs)
	}
	head := make([]byte, len(sqliteMagic))
	f, err := os.Open(abs)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	n, _ := f.Read(head)
	f.Close()
	if n == len(sqliteMagic) && bytes.Equal(head, sqliteMagic) {
		return readWorkbook(ctx, path, abs)
	}
	return readAssessmentsJSON(path)
}

// readWorkbook reads every assessment of another workbook through a
// read-only connection that writes nothing to it.
func readWorkbook(ctx context.Context, path, abs string) ([]sourceAssessment, error) {
	db, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("open %s to import it: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var appID, ver int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return nil, refuse(path, ErrNotWorkbook, "cannot be read as a workbook (%v); import a wgll workbook or JSON file", err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver); err != nil {
		return nil, refuse(path, ErrNotWorkbook, "cannot be read as a workbook (%v)", err)
	}
	switch {
	case uint32(appID) != ApplicationID:
		return nil, refuse(path, ErrNotWorkbook, "not a wgll workbook (another program's SQLite file); import a wgll workbook or JSON file")
	case ver > SchemaVersion():
		return nil, refuse(path, ErrNewerSchema, "made by a newer wgll (schema %d, this build reads up to %d); upgrade wgll", ver, SchemaVersion())
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer tx.Rollback()
	// Before schema 7 each assessment row held its criteria text.
	critColumn := `criteria_toml`
	if ver >= schemaCriteriaTexts {
		critColumn = `(SELECT toml FROM criteria_texts WHERE id = criteria_id)`
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+headerColumns+`, COALESCE(`+critColumn+`, '') FROM assessments ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read the assessments of %s: %w", path, err)
	}
	var out []sourceAssessment
	for rows.Next() {
		var h model.Header
		var aud, cs, created, updated, raw string
		if err := rows.Scan(&h.ID, &h.Organisation, &aud, &h.Period, &cs, &h.CarriedFrom, &created, &updated, &raw); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read an assessment of %s: %w", path, err)
		}
		h.Audience, h.CareSetting = criteria.Audience(aud), model.CareSetting(cs)
		h.CreatedAt, h.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, sourceAssessment{a: &model.Assessment{Header: h}, raw: []byte(raw)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the assessments of %s: %w", path, err)
	}
	for _, sa := range out {
		c, err := criteria.Parse(fmt.Sprintf("%s: criteria of assessment %d", path, sa.a.ID), sa.raw)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
		a := model.NewAssessment(sa.a.Header, c)
		if err := loadResponsesOf(ctx, tx, a, ver); err != nil {
			return nil, fmt.Errorf("read the responses of %s: %w", path, err)
		}
		if err := loadEvidenceOf(ctx, tx, a, ver); err != nil {
			return nil, fmt.Errorf("read the evidence of %s: %w", path, err)
		}
		if err := loadActions(ctx, tx, a); err != nil {
			return nil, fmt.Errorf("read the actions of %s: %w", path, err)
		}
		*sa.a = *a
	}
	return out, nil
}

// readAssessmentsJSON reads an AssessmentsDoc.
func readAssessmentsJSON(path string) ([]sourceAssessment, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	var doc AssessmentsDoc
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, refuse(path, ErrInvalid, "neither a wgll workbook nor a %s JSON file (%v)", AssessmentJSONFormat, err)
	}
	if doc.Format != AssessmentJSONFormat {
		return nil, refuse(path, ErrInvalid, "JSON format is %q, expected %q; export it with a wgll that writes whole assessments", doc.Format, AssessmentJSONFormat)
	}
	var out []sourceAssessment
	for i, j := range doc.Assessments {
		c, err := criteria.Parse(fmt.Sprintf("%s: assessments[%d].criteria_toml", path, i), []byte(j.CriteriaTOML))
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
		a := model.NewAssessment(model.Header{ID: j.ID, Organisation: j.Organisation, Audience: j.Audience, Period: j.Period,
			CareSetting: j.CareSetting, CarriedFrom: j.CarriedFrom, CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt}, c)
		for _, r := range j.Responses {
			a.PutResponse(r)
		}
		for _, e := range j.Evidence {
			a.PutEvidence(e)
		}
		for _, x := range j.Actions {
			a.PutAction(x)
		}
		out = append(out, sourceAssessment{a: a, raw: []byte(j.CriteriaTOML)})
	}
	return out, nil
}

// ExportAssessmentsJSON writes assessments ids (all when none are given) as
// an AssessmentsDoc, the file Import reads.
func (s *Store) ExportAssessmentsJSON(ctx context.Context, ids ...int64) ([]byte, error) {
	var b bytes.Buffer
	if err := s.WriteAssessmentsJSON(ctx, &b, ids...); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteAssessmentsJSON is ExportAssessmentsJSON written to w as it is
// read, one assessment, one evidence item and one action at a time, so
// that exporting an ICS's workbook of hundreds of assessments, one of them
// with 100,000 items, holds a row in memory, not the workbook (the xl
// demo's 430 took 873 MB): the bytes are those json.MarshalIndent gives
// the whole document.
func (s *Store) WriteAssessmentsJSON(ctx context.Context, w io.Writer, ids ...int64) error {
	if len(ids) == 0 {
		hs, err := s.Headers(ctx)
		if err != nil {
			return err
		}
		for _, h := range hs {
			ids = append(ids, h.ID)
		}
	}
	format, _ := json.Marshal(AssessmentJSONFormat)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"format\": %s,\n  \"assessments\": [", format)
	for i, id := range ids {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		if err := s.writeAssessmentJSON(ctx, bw, id); err != nil {
			return err
		}
	}
	if len(ids) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// writeAssessmentJSON writes assessment id as an element of the document's
// assessments (indented as json.MarshalIndent indents it there), reading
// its evidence and actions row by row in one snapshot, in id order.
func (s *Store) writeAssessmentJSON(ctx context.Context, w *bufio.Writer, id int64) error {
	fail := func(err error) error { return fmt.Errorf("export assessment %d: %w", id, err) }
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	a, err := s.emptyAssessment(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	if err := s.loadResponses(ctx, tx, a); err != nil {
		return fail(err)
	}
	raw, err := s.CriteriaTOML(ctx, id)
	if err != nil {
		return fail(err)
	}
	h := assessmentHead{ID: a.ID, Organisation: a.Organisation, Audience: a.Audience, Period: a.Period, CareSetting: a.CareSetting,
		CarriedFrom: a.CarriedFrom, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, CriteriaTOML: string(raw), Responses: []model.Response{}}
	for _, r := range a.Responses {
		h.Responses = append(h.Responses, r)
	}
	sort.Slice(h.Responses, func(x, y int) bool { return h.Responses[x].StatementID < h.Responses[y].StatementID })
	head, err := json.MarshalIndent(h, "    ", "  ")
	if err != nil {
		return fail(err)
	}
	w.Write(bytes.TrimSuffix(head, []byte("\n    }")))
	w.WriteString(",\n      \"evidence\": ")
	err = writeJSONArray(ctx, tx, w, `SELECT `+evidenceColumns+` FROM evidence WHERE assessment_id = ? ORDER BY id`, id, func(rows *sql.Rows) (any, error) {
		e, err := scanEvidence(rows)
		return e.Evidence, err
	})
	if err != nil {
		return fail(err)
	}
	w.WriteString(",\n      \"actions\": ")
	err = writeJSONArray(ctx, tx, w, `SELECT `+actionColumns+` FROM actions WHERE assessment_id = ? ORDER BY id`, id, func(rows *sql.Rows) (any, error) {
		x, err := scanAction(rows)
		return x.Action, err
	})
	if err != nil {
		return fail(err)
	}
	w.WriteString("\n    }")
	return nil
}

// writeJSONArray writes the rows of query (for assessment id) as a JSON
// array nested as an assessment's evidence and actions are, each element
// as scan makes it; no rows is null, as a nil slice marshals.
func writeJSONArray(ctx context.Context, tx *sql.Tx, w *bufio.Writer, query string, id int64, scan func(*sql.Rows) (any, error)) error {
	n := 0
	err := eachRow(ctx, tx, query, []any{id}, func(rows *sql.Rows) error {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(v, "        ", "  ")
		if err != nil {
			return err
		}
		if n == 0 {
			w.WriteString("[\n        ")
		} else {
			w.WriteString(",\n        ")
		}
		n++
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 {
		w.WriteString("null")
	} else {
		w.WriteString("\n      ]")
	}
	return nil
}
