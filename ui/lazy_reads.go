package ui

import (
	"context"
	"time"

	"wgll/model"
)

// The screen-sized reads of LazyStore (see store.go): like Assessment, they
// read the file once it exists and say there is no workbook before.

// AssessmentOverview reads an assessment's scores and evidence counts.
func (l *LazyStore) AssessmentOverview(ctx context.Context, id int64, sid string) (*model.Assessment, error) {
	if st := l.Opened(); st != nil {
		return st.AssessmentOverview(ctx, id, sid)
	}
	return nil, errNoWorkbook
}

// AssessmentSummary reads an assessment's scores and every count.
func (l *LazyStore) AssessmentSummary(ctx context.Context, id int64, now time.Time, sid string) (*model.Assessment, error) {
	if st := l.Opened(); st != nil {
		return st.AssessmentSummary(ctx, id, now, sid)
	}
	return nil, errNoWorkbook
}

// ActionCounts counts an assessment's actions per statement.
func (l *LazyStore) ActionCounts(ctx context.Context, id int64, now time.Time) (map[string]model.ItemCounts, error) {
	if st := l.Opened(); st != nil {
		return st.ActionCounts(ctx, id, now)
	}
	return nil, errNoWorkbook
}

// StatementItems reads one statement's evidence and actions.
func (l *LazyStore) StatementItems(ctx context.Context, aid int64, sid string) ([]model.Evidence, []model.Action, error) {
	if st := l.Opened(); st != nil {
		return st.StatementItems(ctx, aid, sid)
	}
	return nil, nil, errNoWorkbook
}

// Summaries reads assessments' scores and evidence counts.
func (l *LazyStore) Summaries(ctx context.Context, ids []int64, now time.Time) ([]*model.Assessment, error) {
	if st := l.Opened(); st != nil {
		return st.Summaries(ctx, ids, now)
	}
	return nil, errNoWorkbook
}

// Scores reads assessments' scores only.
func (l *LazyStore) Scores(ctx context.Context, ids []int64) ([]*model.Assessment, error) {
	if st := l.Opened(); st != nil {
		return st.Scores(ctx, ids)
	}
	return nil, errNoWorkbook
}

// CompareSummaries reads two assessments for a comparison.
func (l *LazyStore) CompareSummaries(ctx context.Context, fromID, toID int64, now time.Time) (*model.Assessment, *model.Assessment, error) {
	if st := l.Opened(); st != nil {
		return st.CompareSummaries(ctx, fromID, toID, now)
	}
	return nil, nil, errNoWorkbook
}

// StaleItems reads the evidence that is or can become stale.
func (l *LazyStore) StaleItems(ctx context.Context, id int64) ([]model.Evidence, error) {
	if st := l.Opened(); st != nil {
		return st.StaleItems(ctx, id)
	}
	return nil, errNoWorkbook
}

// Search searches the file once it exists.
func (l *LazyStore) Search(ctx context.Context, q model.SearchQuery) (model.SearchResult, error) {
	if st := l.Opened(); st != nil {
		return st.Search(ctx, q)
	}
	return model.SearchResult{}, errNoWorkbook
}

// PlanSupport reads the plan's gaps once the file exists.
func (l *LazyStore) PlanSupport(ctx context.Context, id int64, sids []string, now time.Time) (map[string]model.PlanSupport, error) {
	if st := l.Opened(); st != nil {
		return st.PlanSupport(ctx, id, sids, now)
	}
	return nil, errNoWorkbook
}
