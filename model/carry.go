package model

import (
	"fmt"

	"wgll/criteria"
)

// CarryPlan says what a new period's assessment takes over from an earlier
// one when it is started with the same or changed criteria. Nothing is
// silently dropped: whatever cannot be matched by statement id is listed.
type CarryPlan struct {
	// Previous holds the earlier score of every statement the new criteria
	// still have (for the "last time" column).
	Previous map[string]Score
	// Evidence is the earlier evidence on matched statements, marked for
	// review and keeping its original date and author. IDs are the earlier
	// items' ids; the store gives the copies new ones.
	Evidence []Evidence
	// Actions are the earlier open and in-progress actions on matched
	// statements, with their owners. Done and dropped actions stay behind.
	Actions []Action
	// LeftBehind counts done and dropped actions on matched statements.
	LeftBehind int
	// Unmatched lists statements of the earlier assessment that the new
	// criteria do not have, with what was recorded against them; their
	// evidence and actions are not carried.
	Unmatched []StatementRef
	// Added lists statements only the new criteria have.
	Added []StatementRef
	// Renamed lists measures whose name changed, as "old → new".
	Renamed []string
	// NewMeasures and RetiredMeasures are measure keys found in only the
	// new or only the earlier criteria.
	NewMeasures, RetiredMeasures []string
}

// PlanCarry works out what a new assessment for the same audience, made with
// criteria next, takes over from the earlier assessment from.
func PlanCarry(from *Assessment, next *criteria.Criteria) CarryPlan {
	p := CarryPlan{Previous: map[string]Score{}}
	nextMeasures := next.ForAudience(from.Audience)
	nextStmt := map[string]bool{}
	nextKeys := map[string]string{}
	for _, m := range nextMeasures {
		nextKeys[m.Key] = m.Name
		for _, s := range m.Statements {
			nextStmt[s.ID] = true
		}
	}
	fromStmt := map[string]bool{}
	fromKeys := map[string]bool{}
	for _, m := range from.Measures() {
		fromKeys[m.Key] = true
		if name, ok := nextKeys[m.Key]; !ok {
			p.RetiredMeasures = append(p.RetiredMeasures, m.Key)
		} else if name != m.Name {
			p.Renamed = append(p.Renamed, m.Name+" → "+name)
		}
		for _, s := range m.Statements {
			fromStmt[s.ID] = true
			if !nextStmt[s.ID] {
				p.Unmatched = append(p.Unmatched, statementRef(from, m.Key, s))
				continue
			}
			if sc := from.Score(s.ID); sc.Assessed() {
				p.Previous[s.ID] = sc
			}
			for _, e := range from.Evidence[s.ID] {
				e.NeedsReview = true
				e.Also = keepStatements(e.Also, nextStmt)
				p.Evidence = append(p.Evidence, e)
			}
			for _, x := range from.Actions[s.ID] {
				if x.Status.Live() {
					p.Actions = append(p.Actions, x)
				} else {
					p.LeftBehind++
				}
			}
		}
	}
	for _, m := range nextMeasures {
		if !fromKeys[m.Key] {
			p.NewMeasures = append(p.NewMeasures, m.Key)
		}
		for _, s := range m.Statements {
			if !fromStmt[s.ID] {
				p.Added = append(p.Added, StatementRef{StatementID: s.ID, MeasureKey: m.Key, Text: s.Text})
			}
		}
	}
	return p
}

// Report lists, one line each, what the new criteria could not match and
// how they differ, for the person starting the new period to read.
func (p CarryPlan) Report() []string {
	var out []string
	for _, r := range p.Unmatched {
		out = append(out, fmt.Sprintf("%s (%s) is not in the new criteria: score %s, %s and %s not carried over",
			r.StatementID, r.MeasureKey, r.Score, count(r.Evidence, "evidence item", "evidence items"), count(r.LiveActions, "open action", "open actions")))
	}
	for _, r := range p.Added {
		out = append(out, fmt.Sprintf("%s (%s) is new in these criteria: nothing to carry, score it afresh", r.StatementID, r.MeasureKey))
	}
	for _, r := range p.Renamed {
		out = append(out, "measure renamed: "+r)
	}
	for _, k := range p.NewMeasures {
		out = append(out, "measure "+k+" is new in these criteria")
	}
	for _, k := range p.RetiredMeasures {
		out = append(out, "measure "+k+" is not in the new criteria")
	}
	return out
}

// keepStatements is the linked statements the new criteria still have.
func keepStatements(l Links, in map[string]bool) Links {
	var out []string
	for _, id := range l.IDs() {
		if in[id] {
			out = append(out, id)
		}
	}
	return LinksOf(out...)
}
