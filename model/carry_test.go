package model

import (
	"testing"
	"time"
)

func TestPlanCarry(t *testing.T) {
	from := period2024()
	p := PlanCarry(from, editionTwo())

	wantPrev := map[string]Score{"WL-O1": 2, "WL-O2": 3, "SP-O1": 3, "SP-O2": 3, "SP-O3": 1}
	if len(p.Previous) != len(wantPrev) {
		t.Errorf("Previous = %v, want %v", p.Previous, wantPrev)
	}
	for id, s := range wantPrev {
		if p.Previous[id] != s {
			t.Errorf("Previous[%s] = %v, want %v", id, p.Previous[id], s)
		}
	}
	if len(p.Evidence) != 1 {
		t.Fatalf("Evidence = %+v, want only WL-O1's item (SU-O2 is retired)", p.Evidence)
	}
	if e := p.Evidence[0]; e.ID != 10 || !e.NeedsReview || !e.AddedAt.Equal(time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)) || e.AddedBy != "ann" {
		t.Errorf("carried evidence = %+v, want item 10 marked for review with its original date and author", e)
	}
	var carried []int64
	for _, x := range p.Actions {
		carried = append(carried, x.ID)
		if x.Owner == "" {
			t.Errorf("action %d lost its owner", x.ID)
		}
	}
	// Statement order of the earlier assessment: WL-O1, then SP-O1, SP-O2.
	if len(carried) != 3 || carried[0] != 21 || carried[1] != 20 || carried[2] != 22 {
		t.Errorf("carried actions = %v, want [21 20 22]", carried)
	}
	if p.LeftBehind != 1 {
		t.Errorf("LeftBehind = %d, want 1 (the done action)", p.LeftBehind)
	}
	if len(p.Unmatched) != 1 || p.Unmatched[0].StatementID != "SU-O2" || p.Unmatched[0].Score != 2 {
		t.Errorf("Unmatched = %+v, want SU-O2", p.Unmatched)
	}
	want := []string{
		"SU-O2 (support-people) is not in the new criteria: score 2, one evidence item and one open action not carried over",
		"SU-O3 (support-people) is new in these criteria: nothing to carry, score it afresh",
		"measure renamed: Support people → Support workforce",
	}
	if got := p.Report(); !equalStrings(got, want) {
		t.Errorf("Report:\n got %q\nwant %q", got, want)
	}
	// Nothing in the earlier assessment changes.
	if from.Evidence["WL-O1"][0].NeedsReview {
		t.Error("planning marked the earlier assessment's evidence for review")
	}
}

func TestPlanCarrySameCriteria(t *testing.T) {
	p := PlanCarry(period2024(), editionOne())
	if len(p.Unmatched) != 0 || len(p.Added) != 0 || len(p.Report()) != 0 {
		t.Errorf("same criteria: unmatched %v, added %v, report %q; want none", p.Unmatched, p.Added, p.Report())
	}
	if len(p.Evidence) != 2 || len(p.Actions) != 4 {
		t.Errorf("same criteria: %d evidence, %d actions; want 2 and 4", len(p.Evidence), len(p.Actions))
	}
}

func TestPlanCarryMeasureChanges(t *testing.T) {
	next := editionOne()
	next.Measures = append(next.Measures[:1], next.Measures[2:]...) // retire safe-practice
	next.Measures = append(next.Measures, editionTwo().Measures[0])
	next.Measures[2].Key, next.Measures[2].Name = "improve-care", "Improve care"
	next.Measures[2].Statements = nil
	p := PlanCarry(period2024(), next)
	if !equalStrings(p.RetiredMeasures, []string{"safe-practice"}) || !equalStrings(p.NewMeasures, []string{"improve-care"}) {
		t.Errorf("retired %v new %v; want [safe-practice] [improve-care]", p.RetiredMeasures, p.NewMeasures)
	}
	if len(p.Unmatched) != 3 {
		t.Errorf("Unmatched = %d statements, want the three safe-practice ones", len(p.Unmatched))
	}
}

func TestCarryKeepsTrustAndDropsRetiredLinks(t *testing.T) {
	from := period2024()
	from.PutEvidence(Evidence{ID: 99, StatementID: "WL-O1", Title: "paper", Owner: "Ann", Confidence: ConfidenceHigh,
		ReviewBy: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Also: LinksOf("SU-O2", "SP-O1")})
	p := PlanCarry(from, editionTwo())
	for _, e := range p.Evidence {
		if e.ID != 99 {
			continue
		}
		if !e.NeedsReview || e.Owner != "Ann" || e.Confidence != ConfidenceHigh || e.ReviewBy.IsZero() {
			t.Errorf("carried item lost its trust fields: %+v", e)
		}
		if e.Also != "SP-O1" {
			t.Errorf("links after carry %v, want SP-O1 only (SU-O2 is retired)", e.Also)
		}
		return
	}
	t.Fatal("item 99 not carried")
}
