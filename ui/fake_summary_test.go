package ui

import (
	"context"
	"fmt"
	"time"

	"wgll/model"
)

// The fake's screen-sized reads are made from its whole assessments with
// model.Summarise, so tests see what the real store's summaries give. An
// opening or a reload is recorded as "Assessment ID", as a whole load was.

func (f *fakeStore) summary(id int64, now time.Time, sid string) (*model.Assessment, error) {
	f.record(fmt.Sprintf("Assessment %d", id))
	a, ok := f.assessments[id]
	if !ok {
		return nil, fmt.Errorf("assessment %d: %w", id, model.ErrNotFound)
	}
	return model.Summarise(a, now, sid), nil
}

func (f *fakeStore) AssessmentOverview(ctx context.Context, id int64, sid string) (*model.Assessment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.summary(id, f.now, sid)
	if err != nil {
		return nil, err
	}
	a.SetActionCounts(nil, time.Time{})
	a.ActionsPending, a.StaleItems = true, nil
	return a, nil
}

func (f *fakeStore) AssessmentSummary(ctx context.Context, id int64, now time.Time, sid string) (*model.Assessment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.summary(id, now, sid)
}

func (f *fakeStore) ActionCounts(ctx context.Context, id int64, now time.Time) (map[string]model.ItemCounts, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.assessments[id]
	if !ok {
		return nil, fmt.Errorf("assessment %d: %w", id, model.ErrNotFound)
	}
	return model.Summarise(a, now, "").Counts, nil
}

func (f *fakeStore) StatementItems(ctx context.Context, aid int64, sid string) ([]model.Evidence, []model.Action, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("StatementItems %d %s", aid, sid))
	a, ok := f.assessments[aid]
	if !ok {
		return nil, nil, fmt.Errorf("assessment %d: %w", aid, model.ErrNotFound)
	}
	return append([]model.Evidence(nil), a.Evidence[sid]...), append([]model.Action(nil), a.Actions[sid]...), nil
}

func (f *fakeStore) Summaries(ctx context.Context, ids []int64, now time.Time) ([]*model.Assessment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Summaries")
	var out []*model.Assessment
	for _, id := range ids {
		a, err := f.summary(id, now, "")
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// Scores is the assessments' scores only, as the real store reads them:
// no rationale, target, evidence or action.
func (f *fakeStore) Scores(ctx context.Context, ids []int64) ([]*model.Assessment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Scores")
	var out []*model.Assessment
	for _, id := range ids {
		src, ok := f.assessments[id]
		if !ok {
			return nil, fmt.Errorf("assessment %d: %w", id, model.ErrNotFound)
		}
		a := model.NewAssessment(src.Header, src.Criteria)
		a.Counts = map[string]model.ItemCounts{}
		for sid, r := range src.Responses {
			if r.Score > 0 {
				a.Responses[sid] = model.Response{StatementID: sid, Score: r.Score}
			}
		}
		out = append(out, a)
	}
	return out, nil
}

func (f *fakeStore) CompareSummaries(ctx context.Context, fromID, toID int64, now time.Time) (*model.Assessment, *model.Assessment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	from, err := f.summary(fromID, now, "")
	if err != nil {
		return nil, nil, err
	}
	to, err := f.summary(toID, now, "")
	if err != nil {
		return nil, nil, err
	}
	// Compare reads the lists only for matching actions across periods;
	// they are not marked loaded, so counts still come from Counts.
	for k, v := range f.assessments[fromID].Actions {
		from.Actions[k] = append([]model.Action(nil), v...)
	}
	for k, v := range f.assessments[toID].Actions {
		to.Actions[k] = append([]model.Action(nil), v...)
	}
	return from, to, nil
}

func (f *fakeStore) StaleItems(ctx context.Context, id int64) ([]model.Evidence, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.assessments[id]
	if !ok {
		return nil, fmt.Errorf("assessment %d: %w", id, model.ErrNotFound)
	}
	return model.Summarise(a, f.now, "").StaleItems, nil
}

// Search runs the search rule over the fake's whole assessment, as the
// store's SQL does over the file.
func (f *fakeStore) Search(ctx context.Context, q model.SearchQuery) (model.SearchResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("Search %d %q", q.AssessmentID, q.Words))
	if err := ctx.Err(); err != nil {
		return model.SearchResult{}, err
	}
	a, ok := f.assessments[q.AssessmentID]
	if !ok {
		return model.SearchResult{}, fmt.Errorf("assessment %d: %w", q.AssessmentID, model.ErrNotFound)
	}
	return model.SearchAssessment(a, q), nil
}

// PlanSupport counts the gaps' evidence and lists their actions from the
// fake's whole assessment, as the store does in SQL.
func (f *fakeStore) PlanSupport(ctx context.Context, id int64, sids []string, now time.Time) (map[string]model.PlanSupport, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(fmt.Sprintf("PlanSupport %d", id))
	a, ok := f.assessments[id]
	if !ok {
		return nil, fmt.Errorf("assessment %d: %w", id, model.ErrNotFound)
	}
	out := map[string]model.PlanSupport{}
	for _, sid := range sids {
		var sup model.PlanSupport
		for _, e := range a.EvidenceFor(sid) {
			sup.AddEvidence(e, now)
		}
		for _, x := range a.Actions[sid] {
			if x.Status.Live() {
				sup.Actions = append(sup.Actions, x)
			}
		}
		out[sid] = sup
	}
	return out, nil
}
