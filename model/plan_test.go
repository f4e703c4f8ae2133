package model

import (
	"strings"
	"testing"
	"time"

	"wgll/criteria"
)

// planCriteria is a framework of two measures with three and two
// organisation statements, in framework order P1, P2, P3, Q1, Q2.
func planCriteria() *criteria.Criteria {
	return &criteria.Criteria{
		Measures: []criteria.Measure{
			{Key: "p", Name: "Pea", Statements: []criteria.Statement{
				{ID: "P1", Audience: criteria.Organisation, Text: "p one"},
				{ID: "P2", Audience: criteria.Organisation, Text: "p two"},
				{ID: "P3", Audience: criteria.Organisation, Text: "p three"},
			}},
			{Key: "q", Name: "Queue", Statements: []criteria.Statement{
				{ID: "Q1", Audience: criteria.Organisation, Text: "q one"},
				{ID: "Q2", Audience: criteria.Organisation, Text: "q two"},
			}},
		},
	}
}

func planAssessment(scores map[string]Score) *Assessment {
	a := NewAssessment(Header{ID: 1, Organisation: "Org", Audience: criteria.Organisation, Period: "2026/27"}, planCriteria())
	for sid, s := range scores {
		a.PutResponse(Response{StatementID: sid, Score: s})
	}
	return a
}

func TestGap(t *testing.T) {
	tests := []struct {
		name   string
		score  Score
		target Target
		gap    int
		ok     bool
	}{
		{"below target", 2, Target{Level: 4}, 2, true},
		{"one short", 3, Target{Level: 4}, 1, true},
		{"at target", 4, Target{Level: 4}, 0, true},
		{"above target is no gap, not a negative one", 5, Target{Level: 3}, 0, true},
		{"not scored: unknown", NotAssessed, Target{Level: 3}, 0, false},
		{"no target: unknown", 2, Target{}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gap, ok := Gap(tc.score, tc.target)
			if gap != tc.gap || ok != tc.ok {
				t.Errorf("Gap(%d, %v) = %d, %v; want %d, %v", tc.score, tc.target, gap, ok, tc.gap, tc.ok)
			}
		})
	}
}

func TestTargetFor(t *testing.T) {
	a := planAssessment(nil)
	a.Targets = map[string]Target{"P1": {Level: 5}, "P2": {Level: NotAssessed}}
	a.MeasureTargets = map[string]Target{"p": {Level: 3, Due: day("2027-03-31")}}
	tests := []struct {
		sid         string
		want        Target
		fromMeasure bool
		ok          bool
	}{
		{"P1", Target{Level: 5}, false, true},
		{"P2", Target{Level: 3, Due: day("2027-03-31")}, true, true}, // a cleared statement target falls back
		{"P3", Target{Level: 3, Due: day("2027-03-31")}, true, true},
		{"Q1", Target{}, false, false},
		{"nope", Target{}, false, false},
	}
	for _, tc := range tests {
		got, from, ok := a.TargetFor(tc.sid)
		if got != tc.want || from != tc.fromMeasure || ok != tc.ok {
			t.Errorf("TargetFor(%s) = %v, %v, %v; want %v, %v, %v", tc.sid, got, from, ok, tc.want, tc.fromMeasure, tc.ok)
		}
	}
}

func TestValidTarget(t *testing.T) {
	tests := []struct {
		t    Target
		want string
	}{
		{Target{Level: 3}, ""},
		{Target{Level: 0}, ""},
		{Target{Level: 6}, "not 1 to 5"},
		{Target{Level: -1}, "not 1 to 5"},
		{Target{Level: 2, Due: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "not a real date"},
	}
	for _, tc := range tests {
		err := ValidTarget(tc.t, 5)
		if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("ValidTarget(%v) = %v, want %q", tc.t, err, tc.want)
		}
	}
}

// TestPlanRanking checks each step of PlanRule in turn: every case is built
// so that only the step it names separates the statements.
func TestPlanRanking(t *testing.T) {
	target4 := map[string]Target{"p": {Level: 4}, "q": {Level: 4}}
	overdue := Action{Title: "late", Status: StatusOpen, Due: day("2026-10-01")}
	tests := []struct {
		name     string
		scores   map[string]Score
		evidence []Evidence
		actions  []Action
		want     []string
	}{
		{
			name:   "larger gap first, whatever the framework order",
			scores: map[string]Score{"P1": 3, "P2": 1, "Q1": 2, "Q2": 4, "P3": 4},
			want:   []string{"P2", "Q1", "P1"},
		},
		{
			name:     "equal gaps: stale evidence before sound",
			scores:   map[string]Score{"P1": 3, "P2": 3, "P3": 4, "Q1": 4, "Q2": 4},
			evidence: []Evidence{{ID: 1, StatementID: "P1", Title: "ok"}, {ID: 2, StatementID: "P2", Title: "old", ReviewBy: day("2026-01-01")}},
			want:     []string{"P2", "P1"},
		},
		{
			name:     "equal gaps: low confidence counts as weak",
			scores:   map[string]Score{"P1": 3, "P2": 3, "P3": 4, "Q1": 4, "Q2": 4},
			evidence: []Evidence{{ID: 1, StatementID: "P2", Title: "hunch", Confidence: ConfidenceLow}},
			want:     []string{"P2", "P1"},
		},
		{
			name:     "equal gaps: carried evidence not confirmed is weak, even linked from elsewhere",
			scores:   map[string]Score{"P1": 3, "P2": 3, "P3": 4, "Q1": 4, "Q2": 4},
			evidence: []Evidence{{ID: 1, StatementID: "Q2", Title: "paper", NeedsReview: true, Also: "P2"}},
			want:     []string{"P2", "P1"},
		},
		{
			name:    "equal gaps and evidence: more overdue actions first",
			scores:  map[string]Score{"P1": 3, "P2": 3, "P3": 3, "Q1": 4, "Q2": 4},
			actions: []Action{withSID(overdue, "P3"), withSID(overdue, "P3"), withSID(overdue, "P2")},
			want:    []string{"P3", "P2", "P1"},
		},
		{
			name:     "gap outranks weak evidence, weak evidence outranks overdue actions",
			scores:   map[string]Score{"P1": 2, "P2": 3, "P3": 3, "Q1": 4, "Q2": 4},
			evidence: []Evidence{{ID: 1, StatementID: "P3", Title: "old", NeedsReview: true}},
			actions:  []Action{withSID(overdue, "P2"), withSID(overdue, "P2")},
			want:     []string{"P1", "P3", "P2"},
		},
		{
			name:    "done and dropped actions are not overdue",
			scores:  map[string]Score{"P1": 3, "P2": 3, "P3": 4, "Q1": 4, "Q2": 4},
			actions: []Action{{StatementID: "P2", Title: "x", Status: StatusDone, Due: day("2026-01-01")}},
			want:    []string{"P1", "P2"},
		},
		{
			name:   "everything tied: framework order",
			scores: map[string]Score{"Q1": 3, "P3": 3, "P1": 3, "P2": 4, "Q2": 4},
			want:   []string{"P1", "P3", "Q1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := planAssessment(tc.scores)
			a.MeasureTargets = target4
			for _, e := range tc.evidence {
				a.PutEvidence(e)
			}
			for i, x := range tc.actions {
				x.ID = int64(i + 1)
				a.PutAction(x)
			}
			p := BuildPlan(a, today)
			var got []string
			for _, it := range p.Items {
				got = append(got, it.StatementID)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("ranked %v, want %v", got, tc.want)
			}
		})
	}
}

func withSID(x Action, sid string) Action { x.StatementID = sid; return x }

func TestPlanFlagsAndReadiness(t *testing.T) {
	a := planAssessment(map[string]Score{"P1": 2, "P2": 2, "P3": 5, "Q1": 1})
	a.MeasureTargets = map[string]Target{"p": {Level: 4, Due: day("2027-03-31")}, "q": {Level: 3}}
	a.Targets = map[string]Target{"Q2": {Level: 2}}
	a.PutAction(Action{ID: 1, StatementID: "P1", Title: "in time", Status: StatusOpen, Due: day("2027-03-31")})
	a.PutAction(Action{ID: 2, StatementID: "P2", Title: "too late", Status: StatusInProgress, Due: day("2027-04-01")})
	a.PutAction(Action{ID: 3, StatementID: "P2", Title: "done", Status: StatusDone, Due: day("2027-01-01")})
	a.PutAction(Action{ID: 4, StatementID: "Q1", Title: "no target date", Status: StatusOpen, Due: day("2027-01-01")})
	p := BuildPlan(a, today)
	if len(p.Items) != 3 || p.Met != 1 || strings.Join(p.Unscored, ",") != "Q2" {
		t.Fatalf("items %d, met %d, unscored %v", len(p.Items), p.Met, p.Unscored)
	}
	noAction := map[string]bool{}
	for _, it := range p.Items {
		noAction[it.StatementID] = it.NoAction()
	}
	if noAction["P1"] || noAction["P2"] || noAction["Q1"] {
		t.Errorf("no-action flags %v: each gap has a live action", noAction)
	}
	want := []Readiness{{MeasureKey: "p", Name: "Pea", Gaps: 2, Covered: 1}, {MeasureKey: "q", Name: "Queue", Gaps: 1, Covered: 0}}
	for i, r := range p.Readiness {
		if r != want[i] {
			t.Errorf("readiness %d = %+v, want %+v", i, r, want[i])
		}
	}
	if s := p.Readiness[0].Share(); s != 0.5 {
		t.Errorf("share %v", s)
	}
	// Dropping the only live action flags the gap.
	a.PutAction(Action{ID: 1, StatementID: "P1", Title: "in time", Status: StatusDropped, Due: day("2027-03-31")})
	p = BuildPlan(a, today)
	if p.NoAction() != 1 || p.Items[0].StatementID != "P1" || !p.Items[0].NoAction() {
		t.Errorf("after dropping P1's action: %d without action, first %s", p.NoAction(), p.Items[0].StatementID)
	}
}

func TestStaleRule(t *testing.T) {
	now := time.Date(2026, 11, 22, 23, 59, 0, 0, time.UTC)
	tests := []struct {
		name string
		e    Evidence
		want StaleReason
		weak bool
	}{
		{"no dates, not carried", Evidence{}, NotStale, false},
		{"review-by in the future", Evidence{ReviewBy: day("2026-12-01")}, NotStale, false},
		{"review-by today is not past", Evidence{ReviewBy: day("2026-11-22")}, NotStale, false},
		{"review-by yesterday", Evidence{ReviewBy: day("2026-11-21")}, StaleOverdue, true},
		{"carried, not confirmed", Evidence{NeedsReview: true}, StaleCarried, true},
		{"carried and past review-by", Evidence{NeedsReview: true, ReviewBy: day("2025-01-01")}, StaleBoth, true},
		{"low confidence is weak but not stale", Evidence{Confidence: ConfidenceLow}, NotStale, true},
		{"medium confidence is sound", Evidence{Confidence: ConfidenceMedium}, NotStale, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Staleness(now); got != tc.want {
				t.Errorf("Staleness = %v, want %v", got, tc.want)
			}
			if got := tc.e.Weak(now); got != tc.weak {
				t.Errorf("Weak = %v, want %v", got, tc.weak)
			}
		})
	}
}

func TestStaleListingAndCounts(t *testing.T) {
	a := planAssessment(nil)
	a.PutEvidence(Evidence{ID: 1, StatementID: "P1", Title: "fresh", ReviewBy: day("2027-01-01")})
	a.PutEvidence(Evidence{ID: 2, StatementID: "P2", Title: "old", Owner: "Ann", ReviewBy: day("2026-01-01"), Also: "P3 Q1"})
	a.PutEvidence(Evidence{ID: 3, StatementID: "Q2", Title: "carried", NeedsReview: true})
	list := a.StaleEvidence(today)
	if len(list) != 2 || list[0].ID != 2 || list[0].MeasureKey != "p" || list[1].ID != 3 || list[1].Reason != StaleCarried {
		t.Fatalf("stale listing %+v", list)
	}
	ms := a.Measures()
	// Item 2 supports P2 and P3 but counts once in p; it also counts in q.
	if p, q := a.StaleCount(ms[0], today), a.StaleCount(ms[1], today); p != 1 || q != 2 {
		t.Errorf("stale per measure p=%d q=%d, want 1 and 2", p, q)
	}
	for sid, want := range map[string]bool{"P1": false, "P2": true, "P3": true, "Q1": true, "Q2": true} {
		if got := a.HasStale(sid, today); got != want {
			t.Errorf("HasStale(%s) = %v", sid, got)
		}
	}
	if got := strings.Join(a.Evidence["P2"][0].Supports(), ","); got != "P2,P3,Q1" {
		t.Errorf("Supports = %s", got)
	}
}

func TestRollUps(t *testing.T) {
	tests := []struct {
		r      RollUp
		values []float64
		want   float64
		ok     bool
	}{
		{RollUpMean, []float64{2, 3, 4.5}, 3.1666666666666665, true},
		{RollUpMedian, []float64{4.5, 2, 3}, 3, true},
		{RollUpMedian, []float64{4, 1, 2, 3}, 2.5, true},
		{RollUpMin, []float64{3, 1.5, 4}, 1.5, true},
		{RollUpMean, nil, 0, false},
		{RollUpMin, nil, 0, false},
	}
	for _, tc := range tests {
		got, ok := tc.r.Apply(tc.values)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s%v = %v, %v; want %v, %v", tc.r, tc.values, got, ok, tc.want, tc.ok)
		}
	}
	for in, want := range map[string]RollUp{"": RollUpMean, "mean": RollUpMean, "median": RollUpMedian, "min": RollUpMin, "minimum": RollUpMin} {
		if got, err := ParseRollUp(in); err != nil || got != want {
			t.Errorf("ParseRollUp(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseRollUp("max"); err == nil || !strings.Contains(err.Error(), "mean, median or min") {
		t.Errorf("ParseRollUp(max) = %v", err)
	}
}

func TestRollUpMeasures(t *testing.T) {
	one := planAssessment(map[string]Score{"P1": 2, "P2": 4, "Q1": 1})
	one.Organisation = "One"
	two := planAssessment(map[string]Score{"P1": 4})
	two.Organisation = "Two"
	three := planAssessment(map[string]Score{"P1": 5, "P2": 5, "Q1": 3})
	three.Organisation = "Three"
	tests := []struct {
		r                 RollUp
		pValue, qValue    float64
		pSpread, qSpread  string
		pScored, qScoredN int
	}{
		// p means: 3, 4, 5; q means: 1, (none), 3.
		{RollUpMean, 4, 2, "3.0–5.0", "1.0–3.0", 3, 2},
		{RollUpMedian, 4, 2, "3.0–5.0", "1.0–3.0", 3, 2},
		{RollUpMin, 3, 1, "3.0–5.0", "1.0–3.0", 3, 2},
	}
	for _, tc := range tests {
		got := RollUpMeasures([]*Assessment{one, two, three}, tc.r, today)
		p, q := got[0], got[1]
		if p.Value != tc.pValue || q.Value != tc.qValue || p.SpreadText() != tc.pSpread || q.SpreadText() != tc.qSpread || p.Scored != tc.pScored || q.Scored != tc.qScoredN {
			t.Errorf("%s: p=%+v q=%+v", tc.r, p, q)
		}
		if q.Members[1].Has || !q.Members[0].Has || q.Members[1].Organisation != "Two" {
			t.Errorf("%s: member Two has no q score: %+v", tc.r, q.Members)
		}
		if p.Spread() != 2 {
			t.Errorf("%s: spread %v", tc.r, p.Spread())
		}
	}
	if RollUpMeasures(nil, RollUpMean, today) != nil {
		t.Error("no members gives no rows")
	}
}

func TestSignOffRules(t *testing.T) {
	d := day("2026-04-30")
	tests := []struct {
		name string
		s    SignOff
		want string
	}{
		{"assured only", SignOff{AssuredBy: "A. Khan, CIO", AssuredOn: d}, ""},
		{"assured and approved", SignOff{AssuredBy: "A. Khan", AssuredOn: d, ApprovedBy: ApprovalBoard, ApprovedOn: d, MinuteRef: "B/26/031"}, ""},
		{"nobody", SignOff{AssuredOn: d}, "names nobody"},
		{"blank name", SignOff{AssuredBy: "  ", AssuredOn: d}, "names nobody"},
		{"no date", SignOff{AssuredBy: "A"}, "no date"},
		{"unknown body", SignOff{AssuredBy: "A", AssuredOn: d, ApprovedBy: "council"}, "not committee or board"},
		{"approval without minute", SignOff{AssuredBy: "A", AssuredOn: d, ApprovedBy: ApprovalCommittee, ApprovedOn: d}, "minute reference"},
		{"minute without body", SignOff{AssuredBy: "A", AssuredOn: d, MinuteRef: "x"}, "without who approved"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Validate()
			if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("Validate = %v, want %q", err, tc.want)
			}
		})
	}
	s := SignOff{AssuredBy: "A. Khan, CIO", AssuredOn: d, ApprovedBy: ApprovalBoard, ApprovedOn: day("2026-05-14"), MinuteRef: "B/26/031", SignedBy: "sec"}
	if got := s.Summary(); got != "Assured by A. Khan, CIO on 2026-04-30; approved by the board on 2026-05-14 (minute B/26/031)" {
		t.Errorf("Summary = %q", got)
	}
	if msg := s.LockedMessage(7); !strings.Contains(msg, "A. Khan, CIO") || !strings.Contains(msg, "wgll assessment unlock 7 --reason") {
		t.Errorf("LockedMessage = %q", msg)
	}
	if (SignOff{}).Signed() || !s.Signed() {
		t.Error("Signed")
	}
	if ValidUnlockReason(" ") == nil || ValidUnlockReason("fix") != nil {
		t.Error("unlock reason rule")
	}
}

func TestCellText(t *testing.T) {
	a := planAssessment(map[string]Score{"P1": 2, "P2": 4, "P3": 5})
	a.MeasureTargets = map[string]Target{"p": {Level: 4}}
	a.PutEvidence(Evidence{ID: 1, StatementID: "P3", Title: "carried", NeedsReview: true})
	tests := []struct {
		sid  string
		v    HeatmapView
		want string
	}{
		{"P1", ViewScore, "2"}, {"P1", ViewTarget, "4"}, {"P1", ViewGap, "-2"},
		{"P2", ViewGap, "0"}, {"P3", ViewGap, "0!"}, {"P3", ViewScore, "5!"},
		{"Q1", ViewScore, "·"}, {"Q1", ViewTarget, "·"}, {"Q1", ViewGap, "·"},
	}
	for _, tc := range tests {
		if got := a.CellText(tc.sid, tc.v, today); got != tc.want {
			t.Errorf("CellText(%s, %s) = %q, want %q", tc.sid, tc.v, got, tc.want)
		}
	}
	if ViewGap.Next() != ViewScore || ViewScore.Next() != ViewTarget {
		t.Error("Next does not cycle")
	}
}

func TestLinks(t *testing.T) {
	tests := []struct {
		in   []string
		want Links
	}{
		{nil, ""}, {[]string{" A1 ", "", "B1", "A1"}, "A1 B1"}, {[]string{"B1", "A1"}, "B1 A1"},
	}
	for _, tc := range tests {
		if got := LinksOf(tc.in...); got != tc.want {
			t.Errorf("LinksOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if l := Links("A1 B1"); !l.Has("B1") || l.Has("B") || len(l.IDs()) != 2 {
		t.Error("Has/IDs")
	}
}

func TestICSGridChoosesPeriodAndRollUp(t *testing.T) {
	mk := func(id int64, org, period string, scores map[string]Score) *Assessment {
		a := planAssessment(scores)
		a.ID, a.Organisation, a.Period = id, org, period
		return a
	}
	as := []*Assessment{
		mk(1, "One", "2026/27", map[string]Score{"P1": 2, "Q1": 1}),
		mk(2, "Two", "2026/27", map[string]Score{"P1": 4, "Q1": 3}),
		mk(3, "Three", "2026/27", map[string]Score{"P1": 5}),
		mk(4, "One", "2027/28", map[string]Score{"P1": 1}), // next year, just begun
	}
	tests := []struct {
		period string
		r      RollUp
		rows   int
		label  string
		p      float64
		spread string
	}{
		{"", RollUpMean, 1, "ICS mean", 1, "1.0–1.0"},
		{"2026/27", RollUpMean, 3, "ICS mean", 11.0 / 3, "2.0–5.0"},
		{"2026/27", RollUpMedian, 3, "ICS median", 4, "2.0–5.0"},
		{"2026/27", RollUpMin, 3, "ICS min", 2, "2.0–5.0"},
	}
	for _, tc := range tests {
		g, rolled := ICSGrid(as, tc.period, tc.r, today)
		if len(g.Rows) != tc.rows || g.Mean.Label != tc.label || g.Mean.Cells[0].Mean != tc.p || rolled[0].SpreadText() != tc.spread {
			t.Errorf("%q %s: %d rows, %s %v, spread %s", tc.period, tc.r, len(g.Rows), g.Mean.Label, g.Mean.Cells[0].Mean, rolled[0].SpreadText())
		}
	}
	if got := Periods(as); strings.Join(got, " ") != "2027/28 2026/27" {
		t.Errorf("Periods = %v", got)
	}
}

func TestHeatmapMarksStale(t *testing.T) {
	a := planAssessment(map[string]Score{"P1": 2})
	a.PutEvidence(Evidence{ID: 1, StatementID: "P2", Title: "old", ReviewBy: day("2026-01-01"), Also: "Q1"})
	h := a.BuildHeatmap(today)
	got := map[string]bool{}
	for _, r := range h.Rows {
		for _, c := range r.Cells {
			got[c.StatementID] = c.Stale
		}
	}
	want := map[string]bool{"P1": false, "P2": true, "P3": false, "Q1": true, "Q2": false}
	for sid, w := range want {
		if got[sid] != w {
			t.Errorf("%s stale %v, want %v", sid, got[sid], w)
		}
	}
}

func TestPublishedFor(t *testing.T) {
	b := &Benchmark{Providers: []ProviderScores{
		{Provider: "Northfield Valley NHS Foundation Trust", Setting: SettingAcute, Scores: MeasureScores{"well-led": 3.1}},
		{Provider: "Northfield Valley NHS Foundation Trust", Setting: SettingCommunity, Scores: MeasureScores{"well-led": 2.2}},
		{Provider: "Riverside Community Trust", Setting: SettingCommunity},
		{Provider: "Riverside Community Trust East", Setting: SettingCommunity},
	}}
	tests := []struct {
		org     string
		setting CareSetting
		want    string
		score   float64
		ok      bool
	}{
		{"northfield valley nhs foundation trust", SettingCommunity, "Northfield Valley NHS Foundation Trust", 2.2, true},
		{"Northfield Valley NHS Foundation Trust", SettingNone, "Northfield Valley NHS Foundation Trust", 3.1, true},
		{"Northfield Valley", SettingAcute, "Northfield Valley NHS Foundation Trust", 3.1, true},
		{"Riverside Community Trust", SettingCommunity, "Riverside Community Trust", 0, true}, // exact wins
		{"Riverside", SettingCommunity, "", 0, false},                                         // two trusts: no guess
		{"Elsewhere", SettingAcute, "", 0, false},
	}
	for _, tc := range tests {
		p, ok := b.PublishedFor(tc.org, tc.setting)
		if ok != tc.ok || p.Provider != tc.want || p.Scores["well-led"] != tc.score {
			t.Errorf("PublishedFor(%q, %s) = %q %v %v", tc.org, tc.setting, p.Provider, p.Scores, ok)
		}
	}
	var none *Benchmark
	if _, ok := none.PublishedFor("x", SettingAcute); ok {
		t.Error("nil benchmark")
	}
}
