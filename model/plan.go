package model

import (
	"slices"
	"time"
)

// PlanRule is the improvement plan's ranking rule as the README, the plan's
// outputs and the app state it. Keep it in step with comparePlanItems.
const PlanRule = "Gaps are ranked by (1) gap to target, largest first; then (2) statements whose evidence is stale or low-confidence before those whose evidence is sound; then (3) the number of open overdue actions, most first; ties keep framework order."

// PlanItem is one gap in the improvement plan: a scored statement below its
// target, with what the board has to close it.
type PlanItem struct {
	StatementID string
	MeasureKey  string
	Text        string
	Score       Score
	Target      Target
	// FromMeasure is set when the target is the measure's default.
	FromMeasure bool
	Gap         int
	// Evidence counts the items supporting the statement; Weak those of
	// them stale or of low confidence.
	Evidence int
	Weak     int
	// Actions are the statement's open and in-progress actions, soonest
	// due first; Overdue counts those past their due date.
	Actions []Action
	Overdue int
	// order is the statement's place in the framework, the last tie-break.
	order int
}

// NoAction reports whether nobody has yet planned anything for the gap:
// the plan flags these.
func (p PlanItem) NoAction() bool { return len(p.Actions) == 0 }

// ReadyByTarget reports whether some open action on the gap is due on or
// before the target date. A gap whose target has no date cannot be ready.
func (p PlanItem) ReadyByTarget() bool {
	if p.Target.Due.IsZero() {
		return false
	}
	for _, x := range p.Actions {
		if !x.Due.IsZero() && !x.Due.After(p.Target.Due) {
			return true
		}
	}
	return false
}

// Readiness is, for one measure, how many of its gaps have an action due
// before the target date. It is not a forecast: wgll cannot know whether
// the actions will close the gaps, only whether any are planned in time.
type Readiness struct {
	MeasureKey string
	Name       string
	// Gaps counts the measure's gaps; Covered those with an open action
	// due on or before the target date.
	Gaps    int
	Covered int
}

// Share is Covered as a fraction of Gaps; 0 when there are none.
func (r Readiness) Share() float64 {
	if r.Gaps == 0 {
		return 0
	}
	return float64(r.Covered) / float64(r.Gaps)
}

// Plan is the improvement plan for an assessment on one day.
type Plan struct {
	// Items are the gaps, ranked by PlanRule.
	Items []PlanItem
	// Readiness has one entry per measure, in framework order.
	Readiness []Readiness
	// Unscored lists statements with a target but no score yet: their gap
	// cannot be known until they are scored.
	Unscored []string
	// Met counts statements scored at or above their target.
	Met int
}

// NoAction counts the gaps with no open action.
func (p Plan) NoAction() int {
	n := 0
	for _, it := range p.Items {
		if it.NoAction() {
			n++
		}
	}
	return n
}

// PlanSupport is what the plan needs of one gap beyond its score and
// target: how many evidence items support the statement (filed under it or
// linked to it), how many of those are weak, and its actions (the plan
// keeps the live ones, in the order given, before sorting by due date).
type PlanSupport struct {
	Evidence, Weak int
	Actions        []Action
}

// AddEvidence counts e as supporting evidence on the day of now.
func (p *PlanSupport) AddEvidence(e Evidence, now time.Time) {
	p.Evidence++
	if e.Weak(now) {
		p.Weak++
	}
}

// PlanGaps lists the statements a's plan lists as gaps (scored below their
// target), in framework order: the statements whose PlanSupport a store
// reads for BuildPlanFrom.
func PlanGaps(a *Assessment) []string {
	var out []string
	for _, m := range a.Measures() {
		for _, s := range m.Statements {
			if t, _, ok := a.TargetFor(s.ID); ok {
				if gap, known := Gap(a.Score(s.ID), t); known && gap != 0 {
					out = append(out, s.ID)
				}
			}
		}
	}
	return out
}

// BuildPlan works out a's improvement plan on the day of now, from a's
// evidence and action lists (a whole assessment).
func BuildPlan(a *Assessment, now time.Time) Plan {
	return buildPlan(a, now, false, func(sid string) PlanSupport {
		var sup PlanSupport
		for _, e := range a.EvidenceFor(sid) {
			sup.AddEvidence(e, now)
		}
		sup.Actions = a.Actions[sid]
		return sup
	})
}

// BuildPlanFrom is BuildPlan for an assessment read as a summary (scores,
// targets, sign-off): each gap's evidence counts and actions come from
// support, keyed by statement id (issue 16: the plan no longer reads every
// evidence item and action). A gap missing from support has none. The
// plan takes support's action lists over (a gap's live actions are
// sorted in place rather than copied: on the xl demo they are tens of
// thousands), so support must not be used after.
func BuildPlanFrom(a *Assessment, support map[string]PlanSupport, now time.Time) Plan {
	return buildPlan(a, now, true, func(sid string) PlanSupport { return support[sid] })
}

// buildPlan is the plan with each gap's support from support; with own
// set it may keep and reorder the action lists support gives.
func buildPlan(a *Assessment, now time.Time, own bool, support func(sid string) PlanSupport) Plan {
	var p Plan
	order := 0
	for _, m := range a.Measures() {
		r := Readiness{MeasureKey: m.Key, Name: m.Name}
		for _, s := range m.Statements {
			order++
			t, fromMeasure, ok := a.TargetFor(s.ID)
			if !ok {
				continue
			}
			gap, known := Gap(a.Score(s.ID), t)
			switch {
			case !known:
				p.Unscored = append(p.Unscored, s.ID)
				continue
			case gap == 0:
				p.Met++
				continue
			}
			sup := support(s.ID)
			it := PlanItem{StatementID: s.ID, MeasureKey: m.Key, Text: s.Text, Score: a.Score(s.ID),
				Target: t, FromMeasure: fromMeasure, Gap: gap, order: order, Evidence: sup.Evidence, Weak: sup.Weak}
			if own {
				// Keep the live ones in place, in the order given.
				it.Actions = sup.Actions[:0:len(sup.Actions)]
			}
			for _, x := range sup.Actions {
				if !x.Status.Live() {
					continue
				}
				it.Actions = append(it.Actions, x)
				if x.Overdue(now) {
					it.Overdue++
				}
			}
			if len(it.Actions) == 0 {
				it.Actions = nil
			}
			slices.SortStableFunc(it.Actions, compareDue)
			r.Gaps++
			if it.ReadyByTarget() {
				r.Covered++
			}
			p.Items = append(p.Items, it)
		}
		p.Readiness = append(p.Readiness, r)
	}
	slices.SortStableFunc(p.Items, comparePlanItems)
	return p
}

// comparePlanItems is PlanRule: gap, then weak evidence, then overdue
// actions, then framework order.
func comparePlanItems(x, y PlanItem) int {
	if x.Gap != y.Gap {
		return y.Gap - x.Gap
	}
	if wx, wy := x.Weak > 0, y.Weak > 0; wx != wy {
		if wx {
			return -1
		}
		return 1
	}
	if x.Overdue != y.Overdue {
		return y.Overdue - x.Overdue
	}
	return x.order - y.order
}

// compareDue orders actions soonest due first, undated last.
func compareDue(x, y Action) int {
	switch {
	case x.Due.Equal(y.Due):
		return 0
	case x.Due.IsZero():
		return 1
	case y.Due.IsZero():
		return -1
	case x.Due.Before(y.Due):
		return -1
	}
	return 1
}
