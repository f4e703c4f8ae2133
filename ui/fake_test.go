package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sort"
	"sync"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// testCriteria is a small framework built by hand: three measures for the
// organisation audience (one with none), a five-level scale.
func testCriteria() *criteria.Criteria {
	st := func(id, text, guide string) criteria.Statement {
		return criteria.Statement{ID: id, Audience: criteria.Organisation, Text: text, Guidance: guide, Source: "test"}
	}
	return &criteria.Criteria{
		Framework: criteria.Framework{Name: "Test framework", Version: "1", NotAssessed: "Not assessed"},
		Scale: []criteria.Level{
			{Level: 1, Label: "Initial", Descriptor: "Little or nothing is in place."},
			{Level: 2, Label: "Developing", Descriptor: "Plans exist and some elements are in place."},
			{Level: 3, Label: "Defined", Descriptor: "Every element is in place in most of the organisation."},
			{Level: 4, Label: "Managed", Descriptor: "Every element is in place everywhere and measured."},
			{Level: 5, Label: "Optimised", Descriptor: "Every element is in place, measured and improving."},
		},
		Measures: []criteria.Measure{
			{Key: "well-led", Name: "Well led", SuccessMeasure: "Boards lead digital transformation and own it.", Statements: []criteria.Statement{
				st("WL-O1", "The board has a digital and data strategy with wide clinical input, reviewed every year.", "A board paper approving the strategy; minutes showing clinical input."),
				st("WL-O2", "A chief information officer or chief clinical information officer sits on or attends the board.", "Board membership list."),
				st("WL-O3", "Digital and cyber risks are on the board assurance framework.", "The board assurance framework."),
				st("WL-O4", "Board members take part in digital leadership development.", "Training records."),
			}},
			{Key: "smart-foundations", Name: "Ensure smart foundations", SuccessMeasure: "Digital, data and infrastructure are reliable, modern and secure.", Statements: []criteria.Statement{
				st("SF-O1", "There is a plan to move to cloud hosting.", "The plan."),
				st("SF-O2", "Staff use one real-time electronic care record across the organisation.", "EPR coverage figures."),
				st("SF-O3", "Infrastructure is secure and resilient, with tested recovery.", "Recovery test reports."),
			}},
			{Key: "healthy-populations", Name: "Healthy populations", SuccessMeasure: "Population health models are digitally driven.", Statements: []criteria.Statement{
				{ID: "HP-I1", Audience: criteria.ICS, Text: "ICS-wide population health analytics.", Guidance: "Dashboards."},
			}},
		},
	}
}

// fakeStore is an in-memory Store for tests: versions, conflicts, drafts
// and a simple undo stack behave like the real one's.
type fakeStore struct {
	mu          sync.Mutex
	crit        *criteria.Criteria
	now         time.Time
	nextID      int64
	assessments map[int64]*model.Assessment
	drafts      map[string]model.Draft
	version     int64
	undo        []func() model.Change
	calls       []string
	// wholeReads counts reads of a whole assessment (Assessment), which
	// the screens must not need (issue 16).
	wholeReads int
	// failWith makes every write fail with this error when set.
	failWith error
	// draftErr makes SaveDraft fail (a full disk) when set.
	draftErr error
	// nextCrit, when set, is the criteria CarryForward makes the new
	// period with (changed criteria).
	nextCrit *criteria.Criteria
	// createdTOML is the criteria text the last CreateAssessment or
	// CarryForward got.
	createdTOML []byte
	// carryGate, when set, holds CarryForward until it is closed or the
	// call's context is cancelled (a long carry); carryCtx is that
	// context.
	carryGate chan struct{}
	carryCtx  context.Context
}

func newFakeStore() *fakeStore {
	return &fakeStore{crit: testCriteria(), now: time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC),
		assessments: map[int64]*model.Assessment{}, drafts: map[string]model.Draft{},
		version: 1} // SQLite's data_version is never 0; the app reads 0 as unknown
}

func (f *fakeStore) Path() string { return "/tmp/test.wgll" }
func (f *fakeStore) User() string { return "tester" }

func (f *fakeStore) record(call string) {
	f.calls = append(f.calls, call)
}

// bump marks a committed write.
func (f *fakeStore) bump() { f.version++ }

func (f *fakeStore) Assessments(ctx context.Context) ([]model.Header, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var hs []model.Header
	for _, a := range f.assessments {
		h := a.Header
		o := model.Overall(a.AllStats(f.now))
		h.Assessed, h.Statements = o.Assessed, o.Total
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].ID < hs[j].ID })
	return hs, nil
}

func (f *fakeStore) CreateAssessment(ctx context.Context, h model.Header, criteriaTOML []byte) (model.Header, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("CreateAssessment")
	f.createdTOML = criteriaTOML
	if f.failWith != nil {
		return model.Header{}, f.failWith
	}
	f.nextID++
	h.ID = f.nextID
	h.CreatedAt, h.UpdatedAt = f.now, f.now
	f.assessments[h.ID] = model.NewAssessment(h, f.crit)
	f.bump()
	return h, nil
}

// add puts an assessment straight into the store (for test setup).
func (f *fakeStore) add(org, period string) *model.Assessment {
	h, _ := f.CreateAssessment(context.Background(), model.Header{Organisation: org, Audience: criteria.Organisation, Period: period}, nil)
	f.calls = nil
	return f.assessments[h.ID]
}

// clone deep-copies an assessment so the app never shares memory with the
// store, as with a real file.
func clone(a *model.Assessment) *model.Assessment {
	c := model.NewAssessment(a.Header, a.Criteria)
	for k, v := range a.Responses {
		c.Responses[k] = v
	}
	for k, v := range a.Evidence {
		c.Evidence[k] = append([]model.Evidence(nil), v...)
	}
	for k, v := range a.Actions {
		c.Actions[k] = append([]model.Action(nil), v...)
	}
	if a.Previous != nil {
		c.Previous = map[string]model.Score{}
		for k, v := range a.Previous {
			c.Previous[k] = v
		}
	}
	c.Agreements, c.PreviousAgreements = maps.Clone(a.Agreements), maps.Clone(a.PreviousAgreements)
	return c
}

func (f *fakeStore) Assessment(ctx context.Context, id int64) (*model.Assessment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("Assessment %d", id))
	f.wholeReads++
	a, ok := f.assessments[id]
	if !ok {
		return nil, fmt.Errorf("assessment %d: %w", id, model.ErrNotFound)
	}
	return clone(a), nil
}

func (f *fakeStore) get(id int64) (*model.Assessment, error) {
	if f.failWith != nil {
		return nil, f.failWith
	}
	a, ok := f.assessments[id]
	if !ok {
		return nil, fmt.Errorf("assessment %d: %w", id, model.ErrNotFound)
	}
	return a, nil
}

func (f *fakeStore) SetScore(ctx context.Context, aid int64, sid string, score model.Score) (model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("SetScore %s %d", sid, score))
	a, err := f.get(aid)
	if err != nil {
		return model.Response{}, err
	}
	old := a.Responses[sid]
	r := old
	r.StatementID, r.Score, r.Version, r.UpdatedBy = sid, score, old.Version+1, "tester"
	a.PutResponse(r)
	f.bump()
	f.undo = append(f.undo, func() model.Change {
		cur := a.Responses[sid]
		cur.Score, cur.Version = old.Score, cur.Version+1
		a.PutResponse(cur)
		return model.Change{Entity: "response", EntityID: sid, Op: "update", Field: "score", Old: fmt.Sprint(int(score)), New: fmt.Sprint(int(old.Score))}
	})
	return r, nil
}

func (f *fakeStore) SetRationale(ctx context.Context, aid int64, sid, text string, base int64) (model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SetRationale " + sid)
	a, err := f.get(aid)
	if err != nil {
		return model.Response{}, err
	}
	cur := a.Responses[sid]
	if cur.Version != base {
		return model.Response{}, &model.ConflictError{What: "rationale for " + sid, Theirs: cur.Rationale, By: cur.UpdatedBy, Version: cur.Version}
	}
	r := cur
	r.StatementID, r.Rationale, r.Version, r.UpdatedBy = sid, text, cur.Version+1, "tester"
	a.PutResponse(r)
	f.bump()
	return r, nil
}

func (f *fakeStore) SetTick(ctx context.Context, aid int64, sid string, level, element int, on bool) (model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("SetTick %s %d.%d %v", sid, level, element, on))
	a, err := f.get(aid)
	if err != nil {
		return model.Response{}, err
	}
	old := a.Responses[sid]
	r := old
	r.StatementID, r.Ticks, r.Version, r.UpdatedBy = sid, old.Ticks.With(level, element, on), old.Version+1, "tester"
	a.PutResponse(r)
	f.bump()
	f.undo = append(f.undo, func() model.Change {
		cur := a.Responses[sid]
		cur.Ticks, cur.Version = old.Ticks, cur.Version+1
		a.PutResponse(cur)
		return model.Change{Entity: "response", EntityID: sid, Op: "update", Field: "ticks", Old: r.Ticks.String(), New: old.Ticks.String()}
	})
	return r, nil
}

func (f *fakeStore) SetScoreReason(ctx context.Context, aid int64, sid, reason string, base int64) (model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SetScoreReason " + sid)
	a, err := f.get(aid)
	if err != nil {
		return model.Response{}, err
	}
	cur := a.Responses[sid]
	if cur.Version != base {
		return model.Response{}, &model.ConflictError{What: "reason for " + sid + "'s score", Theirs: cur.ScoreReason, By: cur.UpdatedBy, Version: cur.Version}
	}
	r := cur
	r.StatementID, r.ScoreReason, r.Version, r.UpdatedBy = sid, reason, cur.Version+1, "tester"
	a.PutResponse(r)
	f.bump()
	return r, nil
}

func (f *fakeStore) SaveEvidence(ctx context.Context, aid int64, e model.Evidence) (model.Evidence, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SaveEvidence " + e.Title)
	a, err := f.get(aid)
	if err != nil {
		return model.Evidence{}, err
	}
	if e.ID == 0 {
		f.nextID++
		e.ID, e.Version, e.AddedBy, e.AddedAt = f.nextID, 1, "tester", f.now
	} else {
		for _, x := range a.Evidence[e.StatementID] {
			if x.ID == e.ID && x.Version != e.Version {
				return model.Evidence{}, &model.ConflictError{What: fmt.Sprintf("evidence %d", e.ID), Theirs: x.Title, Version: x.Version}
			}
		}
		e.Version++
	}
	a.PutEvidence(e)
	f.bump()
	return e, nil
}

func (f *fakeStore) DeleteEvidence(ctx context.Context, aid, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("DeleteEvidence %d", id))
	a, err := f.get(aid)
	if err != nil {
		return err
	}
	a.RemoveEvidence(id)
	f.bump()
	return nil
}

func (f *fakeStore) SaveAction(ctx context.Context, aid int64, x model.Action) (model.Action, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SaveAction " + x.Title + " " + string(x.Status))
	a, err := f.get(aid)
	if err != nil {
		return model.Action{}, err
	}
	if x.ID == 0 {
		f.nextID++
		x.ID, x.Version, x.CreatedAt = f.nextID, 1, f.now
	} else {
		x.Version++
	}
	a.PutAction(x)
	f.bump()
	return x, nil
}

func (f *fakeStore) DeleteAction(ctx context.Context, aid, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("DeleteAction %d", id))
	a, err := f.get(aid)
	if err != nil {
		return err
	}
	a.RemoveAction(id)
	f.bump()
	return nil
}

func (f *fakeStore) Undo(ctx context.Context) (model.Change, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Undo")
	if len(f.undo) == 0 {
		return model.Change{}, errors.New("nothing to undo")
	}
	u := f.undo[len(f.undo)-1]
	f.undo = f.undo[:len(f.undo)-1]
	f.bump()
	return u(), nil
}

func (f *fakeStore) SaveDraft(ctx context.Context, d model.Draft) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SaveDraft " + d.Key)
	if f.draftErr != nil {
		return f.draftErr
	}
	f.drafts[d.Key] = d
	return nil
}

func (f *fakeStore) Drafts(ctx context.Context) ([]model.Draft, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ds []model.Draft
	for _, d := range f.drafts {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].Key < ds[j].Key })
	return ds, nil
}

func (f *fakeStore) DiscardDraft(ctx context.Context, key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("DiscardDraft " + key)
	delete(f.drafts, key)
	return nil
}

func (f *fakeStore) DataVersion(ctx context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.version, nil
}

// external changes the store as another process would.
func (f *fakeStore) external(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn()
	f.bump()
}

// CarryForward starts a new period from assessment fromID as the real
// store does: the plan from model.PlanCarry, made with nextCrit when set.
func (f *fakeStore) CarryForward(ctx context.Context, fromID int64, h model.Header, criteriaTOML []byte) (model.Header, []string, error) {
	f.mu.Lock()
	gate := f.carryGate
	f.carryCtx = ctx
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return model.Header{}, nil, ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("CarryForward %d %s", fromID, h.Period))
	f.createdTOML = criteriaTOML
	if f.failWith != nil {
		return model.Header{}, nil, f.failWith
	}
	from, ok := f.assessments[fromID]
	if !ok {
		return model.Header{}, nil, fmt.Errorf("assessment %d: %w", fromID, model.ErrNotFound)
	}
	crit := f.crit
	if f.nextCrit != nil {
		crit = f.nextCrit
	}
	plan := model.PlanCarry(from, crit)
	f.nextID++
	nh := model.Header{ID: f.nextID, Organisation: from.Organisation, Audience: from.Audience, Period: h.Period,
		CareSetting: h.CareSetting, CarriedFrom: from.ID, CreatedAt: f.now, UpdatedAt: f.now}
	a := model.NewAssessment(nh, crit)
	a.Previous = plan.Previous
	for _, e := range plan.Evidence {
		f.nextID++
		e.ID, e.Version = f.nextID, 1
		a.PutEvidence(e)
	}
	for _, x := range plan.Actions {
		f.nextID++
		x.ID, x.Version = f.nextID, 1
		a.PutAction(x)
	}
	f.assessments[nh.ID] = a
	f.bump()
	return nh, plan.Report(), nil
}
