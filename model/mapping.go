package model

import (
	"fmt"
	"strings"

	"wgll/criteria"
)

// Mark says how a statement of a later period relates to the earlier
// period's statements, the way the Digital Maturity Assessment compares
// only comparable domains year on year.
type Mark string

// The marks a comparison across two frameworks gives.
const (
	// MarkComparable: the same question; scores compare like for like.
	MarkComparable Mark = "comparable"
	// MarkReworded: it continues earlier statements but asks something
	// different enough (or joins several) that scores are not like for
	// like; the earlier score is shown for reference only.
	MarkReworded Mark = "reworded"
	// MarkNew: nothing earlier corresponds; score it afresh.
	MarkNew Mark = "new"
	// MarkRetired: an earlier statement nothing later continues.
	MarkRetired Mark = "retired"
)

// StatementMap relates the statements of earlier criteria to later ones
// for one audience.
type StatementMap struct {
	// Target is the later statement id each earlier one continues in;
	// retired earlier statements are absent.
	Target map[string]string
	// Sources lists, for each later statement id, the earlier ids it
	// continues, in the earlier framework's order.
	Sources map[string][]string
	// Marks holds the mark of every later statement (comparable,
	// reworded or new) and of every retired earlier one, by id. Later
	// and earlier ids may coincide only when they name the same statement.
	Marks map[string]Mark
	// Retired lists the earlier statement ids nothing continues, in the
	// earlier framework's order.
	Retired []string
	// ByMapping is true when the later criteria's [[mapping]] decided,
	// false when statements were matched by id.
	ByMapping bool
	// FromVersion is the earlier framework's version.
	FromVersion string
}

// MapStatements works out how statements of criteria from continue in
// criteria to, for audience a. When to carries a [[mapping]] for from's
// framework version (see criteria.MapsFromVersion), its entries decide; a mapping
// entry whose ids are not statements of audience a in the two files is
// ignored, so its earlier statement counts as retired. Otherwise a
// statement continues under the same id: comparable when its text is
// unchanged, reworded when it is not.
func MapStatements(from, to *criteria.Criteria, a criteria.Audience) StatementMap {
	sm := StatementMap{Target: map[string]string{}, Sources: map[string][]string{}, Marks: map[string]Mark{}, FromVersion: from.Framework.Version}
	fromText := statementTexts(from, a)
	toText := statementTexts(to, a)
	change := map[string]criteria.ChangeKind{}
	useMapping := to.MapsFromVersion(from.Framework.Version)
	sm.ByMapping = useMapping
	if useMapping {
		for _, e := range to.Mapping {
			_, okFrom := fromText[e.From]
			_, okTo := toText[e.To]
			if e.Change == criteria.Retired || !okFrom || !okTo {
				continue
			}
			sm.Target[e.From] = e.To
			change[e.To] = mergeChange(change[e.To], e.Change)
		}
	} else {
		for id, text := range fromText {
			if t, ok := toText[id]; ok {
				sm.Target[id] = id
				if t == text {
					change[id] = criteria.Comparable
				} else {
					change[id] = criteria.Reworded
				}
			}
		}
	}
	for _, id := range statementIDs(from, a) {
		if t, ok := sm.Target[id]; ok {
			sm.Sources[t] = append(sm.Sources[t], id)
		} else {
			sm.Retired = append(sm.Retired, id)
		}
	}
	for _, id := range statementIDs(to, a) {
		switch src := sm.Sources[id]; {
		case len(src) == 0:
			sm.Marks[id] = MarkNew
		case len(src) == 1 && change[id] == criteria.Comparable:
			sm.Marks[id] = MarkComparable
		default:
			sm.Marks[id] = MarkReworded
		}
	}
	for _, id := range sm.Retired {
		if _, clash := sm.Marks[id]; !clash {
			sm.Marks[id] = MarkRetired
		}
	}
	return sm
}

// mergeChange keeps the weaker of two changes that meet on one statement.
func mergeChange(a, b criteria.ChangeKind) criteria.ChangeKind {
	if a == "" {
		return b
	}
	if a == criteria.Comparable && b == criteria.Comparable {
		return a
	}
	return criteria.Reworded
}

// Comparable reports whether later statement id can be compared like for
// like with its earlier counterpart.
func (sm StatementMap) Comparable(id string) bool { return sm.Marks[id] == MarkComparable }

// PreviousScore is the earlier score of later statement id: the score of
// the statement it continues, or, when it joins several, the lowest of
// their scores, so that a merge never overstates where the board stood.
func (sm StatementMap) PreviousScore(id string, scores map[string]Score) Score {
	out := NotAssessed
	for _, src := range sm.Sources[id] {
		if s := scores[src]; s.Assessed() && (!out.Assessed() || s < out) {
			out = s
		}
	}
	return out
}

// MapScores turns earlier scores, keyed by earlier ids, into the
// "last time" scores of the later statements.
func (sm StatementMap) MapScores(scores map[string]Score) map[string]Score {
	out := map[string]Score{}
	for id := range sm.Sources {
		if s := sm.PreviousScore(id, scores); s.Assessed() {
			out[id] = s
		}
	}
	return out
}

func statementTexts(c *criteria.Criteria, a criteria.Audience) map[string]string {
	out := map[string]string{}
	for _, m := range c.Measures {
		for _, s := range m.Statements {
			if s.Audience == a {
				out[s.ID] = s.Text
			}
		}
	}
	return out
}

func statementIDs(c *criteria.Criteria, a criteria.Audience) []string {
	var out []string
	for _, m := range c.Measures {
		for _, s := range m.Statements {
			if s.Audience == a {
				out = append(out, s.ID)
			}
		}
	}
	return out
}

// Count is how many later statements carry mark m (or, for MarkRetired,
// how many earlier statements are retired).
func (sm StatementMap) Count(m Mark) int {
	n := 0
	for _, v := range sm.Marks {
		if v == m {
			n++
		}
	}
	return n
}

// Summary says in one line how the statements were matched, for the
// person carrying an assessment forward; "" when matched by id.
func (sm StatementMap) Summary() string {
	if !sm.ByMapping {
		return ""
	}
	return fmt.Sprintf("statements matched through the mapping from %s: %d comparable, %d reworded (last time's score shown for reference only), %d new, %d retired",
		sm.FromVersion, sm.Count(MarkComparable), sm.Count(MarkReworded), sm.Count(MarkNew), sm.Count(MarkRetired))
}

// PlanCarryMapped is PlanCarry across a framework refresh: when the next
// criteria map statements from the earlier framework, evidence and live
// actions move to the statement that continues theirs (marked for review
// as always), "last time" scores follow the mapping, retired statements
// are listed as unmatched and unmapped new ones as added. Without a
// mapping it is PlanCarry. The StatementMap says how each statement was
// matched.
func PlanCarryMapped(from *Assessment, next *criteria.Criteria) (CarryPlan, StatementMap) {
	p := PlanCarry(from, next)
	sm := MapStatements(from.Criteria, next, from.Audience)
	if !sm.ByMapping {
		return p, sm
	}
	p.Previous = sm.MapScores(scoresOf(from))
	p.Evidence, p.Actions, p.LeftBehind, p.Unmatched, p.Added = nil, nil, 0, nil, nil
	for _, m := range from.Measures() {
		for _, s := range m.Statements {
			to, ok := sm.Target[s.ID]
			if !ok {
				p.Unmatched = append(p.Unmatched, statementRef(from, m.Key, s))
				continue
			}
			for _, e := range from.Evidence[s.ID] {
				e.NeedsReview, e.StatementID = true, to
				p.Evidence = append(p.Evidence, e)
			}
			for _, x := range from.Actions[s.ID] {
				if x.Status.Live() {
					x.StatementID = to
					p.Actions = append(p.Actions, x)
				} else {
					p.LeftBehind++
				}
			}
		}
	}
	for _, m := range next.ForAudience(from.Audience) {
		for _, s := range m.Statements {
			if sm.Marks[s.ID] == MarkNew {
				p.Added = append(p.Added, StatementRef{StatementID: s.ID, MeasureKey: m.Key, Text: s.Text})
			}
		}
	}
	return p, sm
}

// scoresOf is every assessed score of a, by statement id.
func scoresOf(a *Assessment) map[string]Score {
	out := map[string]Score{}
	for id, r := range a.Responses {
		if r.Score.Assessed() {
			out[id] = r.Score
		}
	}
	return out
}

// Marked lists the compared statements that carry mark m (comparable or
// reworded), across measures.
func (c Comparison) Marked(m Mark) []StatementChange {
	return c.collect(func(mc MeasureChange) []StatementChange {
		var out []StatementChange
		for _, l := range [][]StatementChange{mc.Improved, mc.Regressed, mc.Unchanged, mc.NewlyAssessed, mc.NoLongerScored, mc.StillUnassessed} {
			for _, sc := range l {
				if sc.Mark == m {
					out = append(out, sc)
				}
			}
		}
		return out
	})
}

// MarkNote says, for a reader of a comparison, when a statement's two
// scores are not like for like: "reworded from WL-O1, WL-O7" (the earlier
// statements it continues, which may have had other ids); "" when the
// scores compare like for like.
func (c StatementChange) MarkNote() string {
	if c.Mark != MarkReworded {
		return ""
	}
	return "reworded from " + strings.Join(c.FromIDs, ", ")
}
