package data_test

import (
	"context"
	"reflect"
	"testing"

	"wgll/data/demo"
	"wgll/model"
)

// thinPlan is a plan with each action cut to the fields the plan shows,
// as PlanSupport reads them.
func thinPlan(p model.Plan) model.Plan {
	for i, it := range p.Items {
		if it.Actions == nil {
			continue
		}
		acts := make([]model.Action, len(it.Actions))
		for j, x := range it.Actions {
			acts[j] = model.Action{ID: x.ID, StatementID: x.StatementID, Title: x.Title, Owner: x.Owner, Due: x.Due, Status: x.Status}
		}
		p.Items[i].Actions = acts
	}
	return p
}

// TestPlanSupportMatchesTheWholePlan: the plan built from a summary and
// PlanSupport is the plan built from the whole assessment, on every
// assessment of the small and large demos (targets, weak and linked
// evidence, overdue actions), with a link to a gap added twice by a
// damaged file counted once.
func TestPlanSupportMatchesTheWholePlan(t *testing.T) {
	ctx := context.Background()
	st := openDemo(t, demo.Small)
	hs, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check := func(size string) int {
		t.Helper()
		gaps := 0
		for _, h := range hs {
			whole, err := st.Assessment(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := st.AssessmentOverview(ctx, h.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			ids := model.PlanGaps(sum)
			sup, err := st.PlanSupport(ctx, h.ID, ids, summaryNow)
			if err != nil {
				t.Fatal(err)
			}
			got, want := model.BuildPlanFrom(sum, sup, summaryNow), thinPlan(model.BuildPlan(whole, summaryNow))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s assessment %d: plan from PlanSupport\n%+v\nwant\n%+v", size, h.ID, got, want)
			}
			gaps += len(got.Items)
		}
		return gaps
	}
	if check("small") == 0 {
		t.Fatal("the small demo has no gaps: the test proves nothing")
	}
	// Evidence filed elsewhere, linked to a gap (twice, as a damaged or
	// hand-edited file might), and stale: counted once, as weak.
	for _, h := range hs {
		sum, err := st.AssessmentOverview(ctx, h.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		gaps := model.PlanGaps(sum)
		if len(gaps) < 2 {
			continue
		}
		if _, err := st.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: gaps[0], Title: "Linked", NeedsReview: true,
			Also: model.Links(gaps[1] + " " + gaps[1] + " " + gaps[0])}); err != nil {
			t.Fatal(err)
		}
	}
	check("small, with links")
}
