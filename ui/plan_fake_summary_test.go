package ui

import (
	"context"
	"time"

	"wgll/model"
)

// planFake's summaries carry the targets and the sign-off as its whole
// assessments do (the app opens from summaries; see loading.go).

func (p *planFake) withPlan(a *model.Assessment, id int64) *model.Assessment {
	p.mu.Lock()
	defer p.mu.Unlock()
	src := p.assessments[id]
	a.Targets, a.MeasureTargets, a.SignOff = src.Targets, src.MeasureTargets, p.signed[id]
	return a
}

func (p *planFake) AssessmentOverview(ctx context.Context, id int64, sid string) (*model.Assessment, error) {
	a, err := p.fakeStore.AssessmentOverview(ctx, id, sid)
	if err != nil {
		return nil, err
	}
	return p.withPlan(a, id), nil
}

func (p *planFake) AssessmentSummary(ctx context.Context, id int64, now time.Time, sid string) (*model.Assessment, error) {
	a, err := p.fakeStore.AssessmentSummary(ctx, id, now, sid)
	if err != nil {
		return nil, err
	}
	return p.withPlan(a, id), nil
}

func (p *planFake) Summaries(ctx context.Context, ids []int64, now time.Time) ([]*model.Assessment, error) {
	as, err := p.fakeStore.Summaries(ctx, ids, now)
	for _, a := range as {
		p.withPlan(a, a.ID)
	}
	return as, err
}
