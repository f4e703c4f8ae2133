package model

import (
	"time"

	"wgll/criteria"
)

// The fixtures below are two editions of a small framework and three
// periods of one organisation's assessment. Edition two renames "Support
// people" to "Support workforce", retires SU-O2 and adds SU-O3. Every figure
// the tests expect was worked out by hand from these scores.

func editionOne() *criteria.Criteria {
	return &criteria.Criteria{
		Framework: criteria.Framework{Name: "Test", Version: "1"},
		Measures: []criteria.Measure{
			{Key: "well-led", Name: "Well led", Statements: []criteria.Statement{
				{ID: "WL-O1", Audience: criteria.Organisation, Text: "Board owns digital"},
				{ID: "WL-O2", Audience: criteria.Organisation, Text: "Strategy"},
				{ID: "WL-O3", Audience: criteria.Organisation, Text: "CCIO on the board"},
				{ID: "WL-I1", Audience: criteria.ICS, Text: "ICS strategy"},
			}},
			{Key: "safe-practice", Name: "Safe practice", Statements: []criteria.Statement{
				{ID: "SP-O1", Audience: criteria.Organisation, Text: "Clinical safety officer"},
				{ID: "SP-O2", Audience: criteria.Organisation, Text: "Patching"},
				{ID: "SP-O3", Audience: criteria.Organisation, Text: "Cyber plan"},
			}},
			{Key: "support-people", Name: "Support people", Statements: []criteria.Statement{
				{ID: "SU-O1", Audience: criteria.Organisation, Text: "Digital skills"},
				{ID: "SU-O2", Audience: criteria.Organisation, Text: "Old statement"},
			}},
		},
	}
}

func editionTwo() *criteria.Criteria {
	c := editionOne()
	c.Framework.Version = "2"
	c.Measures[2] = criteria.Measure{Key: "support-people", Name: "Support workforce", FormerNames: []string{"Support people"}, Statements: []criteria.Statement{
		{ID: "SU-O1", Audience: criteria.Organisation, Text: "Digital skills for all"},
		{ID: "SU-O3", Audience: criteria.Organisation, Text: "Usable systems"},
	}}
	return c
}

func periodAssessment(id int64, period string, c *criteria.Criteria, scores map[string]Score) *Assessment {
	a := NewAssessment(Header{ID: id, Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: period,
		CreatedAt: time.Date(2020+int(id), 4, 1, 0, 0, 0, 0, time.UTC)}, c)
	for sid, s := range scores {
		a.PutResponse(Response{StatementID: sid, Score: s})
	}
	return a
}

// period2024 is the earlier assessment: edition one.
func period2024() *Assessment {
	a := periodAssessment(2, "2024/25", editionOne(), map[string]Score{
		"WL-O1": 2, "WL-O2": 3, "SP-O1": 3, "SP-O2": 3, "SP-O3": 1, "SU-O2": 2, "WL-I1": 5,
	})
	a.PutEvidence(Evidence{ID: 10, StatementID: "WL-O1", Title: "Board minutes", AddedBy: "ann", AddedAt: time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)})
	a.PutEvidence(Evidence{ID: 11, StatementID: "SU-O2", Title: "Old survey", AddedBy: "bob", AddedAt: time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC)})
	a.PutAction(Action{ID: 20, StatementID: "SP-O1", Title: "Appoint CSO", Owner: "Cath", Status: StatusOpen})
	a.PutAction(Action{ID: 21, StatementID: "WL-O1", Title: "Board training", Owner: "Dev", Status: StatusInProgress})
	a.PutAction(Action{ID: 22, StatementID: "SP-O2", Title: "Patch policy", Owner: "Eve", Status: StatusOpen})
	a.PutAction(Action{ID: 23, StatementID: "SU-O2", Title: "Old action", Owner: "Fay", Status: StatusOpen})
	a.PutAction(Action{ID: 24, StatementID: "WL-O2", Title: "Publish strategy", Owner: "Gus", Status: StatusDone})
	return a
}

// period2025 is the later assessment: edition two.
func period2025() *Assessment {
	a := periodAssessment(3, "2025/26", editionTwo(), map[string]Score{
		"WL-O1": 3, "WL-O2": 3, "WL-O3": 2, "SP-O1": 2, "SP-O2": 2, "SU-O3": 4,
	})
	a.CarriedFrom = 2
	a.PutAction(Action{ID: 30, StatementID: "SP-O1", Title: "  appoint  cso ", Owner: "Cath", Status: StatusDone})
	a.PutAction(Action{ID: 31, StatementID: "WL-O1", Title: "Board training", Owner: "Dev", Status: StatusInProgress})
	a.PutAction(Action{ID: 32, StatementID: "SP-O2", Title: "Patch policy", Owner: "Eve", Status: StatusDropped})
	a.PutAction(Action{ID: 33, StatementID: "WL-O3", Title: "Recruit CCIO", Owner: "Hal", Status: StatusDone})
	return a
}

// period2023 is the oldest assessment: edition one, barely started.
func period2023() *Assessment {
	return periodAssessment(1, "2023/24", editionOne(), map[string]Score{"WL-O1": 1, "WL-O2": 1, "SU-O2": 2})
}
