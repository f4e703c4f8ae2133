package model

import (
	"reflect"
	"testing"
	"time"

	"wgll/criteria"
)

const oldFramework = `[framework]
name = "Old"
version = "old-1"

[[scale]]
level = 1
label = "Low"
descriptor = "Little."

[[scale]]
level = 2
label = "High"
descriptor = "Much."

[[measure]]
key = "m1"
name = "Measure one"

[[measure.statement]]
id = "A-O1"
audience = "organisation"
text = "One."

[[measure.statement]]
id = "A-O2"
audience = "organisation"
text = "Two."

[[measure.statement]]
id = "A-O3"
audience = "organisation"
text = "Three."

[[measure.statement]]
id = "A-O4"
audience = "organisation"
text = "Four."

[[measure.statement]]
id = "A-O5"
audience = "organisation"
text = "Five."
`

// newFramework continues A-O1 as N-O1 like for like, joins A-O2 and A-O3
// into N-O2, rewords A-O5 as N-O4, retires A-O4 and adds N-O3.
const newFramework = `[framework]
name = "New"
version = "new-1"
maps_from = "old-1"

[[scale]]
level = 1
label = "Low"
descriptor = "Little."

[[scale]]
level = 2
label = "High"
descriptor = "Much."

[[measure]]
key = "m1"
name = "Measure one"

[[measure.statement]]
id = "N-O1"
audience = "organisation"
text = "One, as before."

[[measure.statement]]
id = "N-O2"
audience = "organisation"
text = "Two and three."

[[measure.statement]]
id = "N-O3"
audience = "organisation"
text = "Brand new."

[[measure.statement]]
id = "N-O4"
audience = "organisation"
text = "Five, asked differently."

[[mapping]]
from = "A-O1"
to = "N-O1"
change = "comparable"

[[mapping]]
from = "A-O2"
to = "N-O2"
change = "comparable"

[[mapping]]
from = "A-O3"
to = "N-O2"
change = "comparable"

[[mapping]]
from = "A-O4"
change = "retired"

[[mapping]]
from = "A-O5"
to = "N-O4"
change = "reworded"
`

func parse(t *testing.T, src string) *criteria.Criteria {
	t.Helper()
	c, err := criteria.Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMapStatementsByMapping(t *testing.T) {
	sm := MapStatements(parse(t, oldFramework), parse(t, newFramework), criteria.Organisation)
	if !sm.ByMapping {
		t.Fatal("the mapping was not used")
	}
	want := map[string]Mark{
		"N-O1": MarkComparable, "N-O2": MarkReworded, "N-O3": MarkNew, "N-O4": MarkReworded, "A-O4": MarkRetired,
	}
	if !reflect.DeepEqual(sm.Marks, want) {
		t.Errorf("Marks = %v, want %v", sm.Marks, want)
	}
	if !reflect.DeepEqual(sm.Retired, []string{"A-O4"}) || !reflect.DeepEqual(sm.Sources["N-O2"], []string{"A-O2", "A-O3"}) {
		t.Errorf("Retired %v, Sources[N-O2] %v", sm.Retired, sm.Sources["N-O2"])
	}
	prev := sm.MapScores(map[string]Score{"A-O1": 2, "A-O2": 2, "A-O3": 1, "A-O4": 2})
	if want := map[string]Score{"N-O1": 2, "N-O2": 1}; !reflect.DeepEqual(prev, want) {
		t.Errorf("MapScores = %v, want %v (a join takes the lowest score)", prev, want)
	}
	if got := sm.Summary(); got != "statements matched through the mapping from old-1: 1 comparable, 2 reworded (last time's score shown for reference only), 1 new, 1 retired" {
		t.Errorf("Summary = %q", got)
	}
}

func TestMapStatementsByID(t *testing.T) {
	old := parse(t, oldFramework)
	next := parse(t, oldFramework)
	next.Framework.Version = "old-2"
	next.Measures[0].Statements[1].Text = "Two, reworded."
	next.Measures[0].Statements = next.Measures[0].Statements[:4] // A-O5 retired
	next.Measures[0].Statements = append(next.Measures[0].Statements, criteria.Statement{ID: "A-O6", Audience: criteria.Organisation, Text: "Six."})
	sm := MapStatements(old, next, criteria.Organisation)
	want := map[string]Mark{"A-O1": MarkComparable, "A-O2": MarkReworded, "A-O3": MarkComparable, "A-O4": MarkComparable, "A-O6": MarkNew, "A-O5": MarkRetired}
	if sm.ByMapping || !reflect.DeepEqual(sm.Marks, want) {
		t.Errorf("ByMapping %v, Marks = %v, want %v", sm.ByMapping, sm.Marks, want)
	}
	// A mapping for some other framework is not applied.
	other := parse(t, newFramework)
	other.Framework.MapsFrom = "something-else"
	if sm := MapStatements(old, other, criteria.Organisation); sm.ByMapping || sm.Marks["N-O1"] != MarkNew {
		t.Errorf("a mapping from another framework was used: %v", sm.Marks)
	}
}

func mappedPeriods(t *testing.T) (*Assessment, *Assessment) {
	t.Helper()
	from := NewAssessment(Header{ID: 1, Organisation: "Trust", Audience: criteria.Organisation, Period: "2025/26"}, parse(t, oldFramework))
	for id, s := range map[string]Score{"A-O1": 1, "A-O2": 2, "A-O3": 1, "A-O4": 2, "A-O5": 1} {
		from.Responses[id] = Response{StatementID: id, Score: s}
	}
	day := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	from.Evidence["A-O3"] = []Evidence{{ID: 7, StatementID: "A-O3", Title: "Board paper", AddedBy: "ann", AddedAt: day}}
	from.Evidence["A-O4"] = []Evidence{{ID: 8, StatementID: "A-O4", Title: "Old policy"}}
	from.Actions["A-O1"] = []Action{{ID: 9, StatementID: "A-O1", Title: "Name a lead", Owner: "bob", Status: StatusOpen}, {ID: 10, StatementID: "A-O1", Title: "Done thing", Status: StatusDone}}
	to := NewAssessment(Header{ID: 2, Organisation: "Trust", Audience: criteria.Organisation, Period: "2026/27", CarriedFrom: 1}, parse(t, newFramework))
	for id, s := range map[string]Score{"N-O1": 2, "N-O2": 2, "N-O3": 1, "N-O4": 1} {
		to.Responses[id] = Response{StatementID: id, Score: s}
	}
	return from, to
}

func TestPlanCarryMapped(t *testing.T) {
	from, to := mappedPeriods(t)
	p, sm := PlanCarryMapped(from, to.Criteria)
	if !sm.ByMapping {
		t.Fatal("mapping not used")
	}
	if want := map[string]Score{"N-O1": 1, "N-O2": 1, "N-O4": 1}; !reflect.DeepEqual(p.Previous, want) {
		t.Errorf("Previous = %v, want %v", p.Previous, want)
	}
	if len(p.Evidence) != 1 || p.Evidence[0].StatementID != "N-O2" || !p.Evidence[0].NeedsReview || p.Evidence[0].AddedBy != "ann" {
		t.Errorf("Evidence = %+v, want A-O3's item moved to N-O2, marked for review", p.Evidence)
	}
	if len(p.Actions) != 1 || p.Actions[0].StatementID != "N-O1" || p.Actions[0].Owner != "bob" || p.LeftBehind != 1 {
		t.Errorf("Actions = %+v, LeftBehind %d; want the open action moved to N-O1 and the done one left", p.Actions, p.LeftBehind)
	}
	if len(p.Unmatched) != 1 || p.Unmatched[0].StatementID != "A-O4" || p.Unmatched[0].Evidence != 1 {
		t.Errorf("Unmatched = %+v, want A-O4 with its evidence item", p.Unmatched)
	}
	if len(p.Added) != 1 || p.Added[0].StatementID != "N-O3" {
		t.Errorf("Added = %+v, want N-O3", p.Added)
	}
	if from.Evidence["A-O3"][0].StatementID != "A-O3" || from.Evidence["A-O3"][0].NeedsReview {
		t.Error("planning changed the earlier assessment")
	}
	// Without a mapping it is PlanCarry.
	q, sm2 := PlanCarryMapped(from, from.Criteria)
	if sm2.ByMapping || !reflect.DeepEqual(q, PlanCarry(from, from.Criteria)) {
		t.Error("PlanCarryMapped without a mapping differs from PlanCarry")
	}
}

func TestCompareMarks(t *testing.T) {
	from, to := mappedPeriods(t)
	c := Compare(from, to, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
	marks := map[string]Mark{}
	froms := map[string]Score{}
	for _, m := range []Mark{MarkComparable, MarkReworded} {
		for _, sc := range c.Marked(m) {
			marks[sc.StatementID] = sc.Mark
			froms[sc.StatementID] = sc.From
		}
	}
	if want := map[string]Mark{"N-O1": MarkComparable, "N-O2": MarkReworded, "N-O4": MarkReworded}; !reflect.DeepEqual(marks, want) {
		t.Errorf("marks = %v, want %v", marks, want)
	}
	if want := map[string]Score{"N-O1": 1, "N-O2": 1, "N-O4": 1}; !reflect.DeepEqual(froms, want) {
		t.Errorf("earlier scores = %v, want %v", froms, want)
	}
	if len(c.Added) != 1 || c.Added[0].StatementID != "N-O3" {
		t.Errorf("Added = %+v, want N-O3 (new)", c.Added)
	}
	if len(c.Retired) != 1 || c.Retired[0].StatementID != "A-O4" {
		t.Errorf("Retired = %+v, want A-O4", c.Retired)
	}
	imp := c.Improved()
	if len(imp) != 2 || imp[0].StatementID != "N-O1" || !reflect.DeepEqual(imp[1].FromIDs, []string{"A-O2", "A-O3"}) {
		t.Fatalf("Improved = %+v", imp)
	}
	if imp[0].MarkNote() != "" || imp[1].MarkNote() != "reworded from A-O2, A-O3" {
		t.Errorf("MarkNote = %q, %q", imp[0].MarkNote(), imp[1].MarkNote())
	}
	// Like for like uses only the comparable statement, N-O1 (1 to 2);
	// the reworded ones are listed as left out.
	if c.Like.Statements != 1 || c.Like.From.Mean != 1 || c.Like.To.Mean != 2 {
		t.Errorf("like for like over %d statements, %v to %v; want N-O1 alone", c.Like.Statements, c.Like.From.Mean, c.Like.To.Mean)
	}
	reworded := 0
	for _, u := range c.Like.Unmatched {
		if u.Reworded {
			reworded++
		}
	}
	if reworded != 2 {
		t.Errorf("Unmatched = %+v; want N-O2 and N-O4 marked reworded", c.Like.Unmatched)
	}
}

func TestMapsFromMatchesEditions(t *testing.T) {
	next := parse(t, newFramework)
	next.Framework.MapsFrom = "old"
	for v, want := range map[string]bool{"old": true, "old.1": true, "old.12": true, "older": false, "old-1": false, "": false, "new-1": false} {
		if got := next.MapsFromVersion(v); got != want {
			t.Errorf("MapsFromVersion(%q) = %v, want %v", v, got, want)
		}
	}
}
