package model

import (
	"fmt"
	"math"
	"testing"
)

func ids(list []StatementChange) []string {
	out := []string{}
	for _, s := range list {
		out = append(out, s.StatementID)
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCompareMeasures(t *testing.T) {
	c := Compare(period2024(), period2025(), today)
	tests := []struct {
		key                                                  string
		name, fromName                                       string
		from, to                                             float64
		improved, regressed, newly, noLonger, still, unchngd []string
	}{
		{key: "well-led", name: "Well led", fromName: "Well led", from: 2.5, to: 8.0 / 3,
			improved: []string{"WL-O1"}, regressed: []string{}, newly: []string{"WL-O3"}, noLonger: []string{}, still: []string{}, unchngd: []string{"WL-O2"}},
		{key: "safe-practice", name: "Safe practice", fromName: "Safe practice", from: 7.0 / 3, to: 2,
			improved: []string{}, regressed: []string{"SP-O1", "SP-O2"}, newly: []string{}, noLonger: []string{"SP-O3"}, still: []string{}, unchngd: []string{}},
		{key: "support-people", name: "Support workforce", fromName: "Support people", from: 2, to: 4,
			improved: []string{}, regressed: []string{}, newly: []string{}, noLonger: []string{}, still: []string{"SU-O1"}, unchngd: []string{}},
	}
	if len(c.Measures) != len(tests) {
		t.Fatalf("got %d measures, want %d", len(c.Measures), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			m := c.Measures[i]
			if m.Key != tt.key || m.Name != tt.name || m.FromName != tt.fromName {
				t.Errorf("measure = %q %q %q, want %q %q %q", m.Key, m.Name, m.FromName, tt.key, tt.name, tt.fromName)
			}
			if math.Abs(m.From.Mean-tt.from) > 1e-9 || math.Abs(m.To.Mean-tt.to) > 1e-9 {
				t.Errorf("means %v → %v, want %v → %v", m.From.Mean, m.To.Mean, tt.from, tt.to)
			}
			if d, ok := m.Delta(); !ok || math.Abs(d-(tt.to-tt.from)) > 1e-9 {
				t.Errorf("Delta = %v, %v; want %v", d, ok, tt.to-tt.from)
			}
			for _, g := range []struct {
				what      string
				got, want []string
			}{
				{"improved", ids(m.Improved), tt.improved},
				{"regressed", ids(m.Regressed), tt.regressed},
				{"newly assessed", ids(m.NewlyAssessed), tt.newly},
				{"no longer scored", ids(m.NoLongerScored), tt.noLonger},
				{"still unassessed", ids(m.StillUnassessed), tt.still},
				{"unchanged", ids(m.Unchanged), tt.unchngd},
			} {
				if !equalStrings(g.got, g.want) {
					t.Errorf("%s = %v, want %v", g.what, g.got, g.want)
				}
			}
		})
	}
	if m := c.Measures[2]; !m.Renamed() || c.Measures[0].Renamed() {
		t.Errorf("Renamed: support-people %v, well-led %v; want true, false", m.Renamed(), c.Measures[0].Renamed())
	}
	if len(c.Added) != 1 || c.Added[0].StatementID != "SU-O3" || c.Added[0].Score != 4 {
		t.Errorf("Added = %+v, want SU-O3 scored 4", c.Added)
	}
	if len(c.Retired) != 1 || c.Retired[0].StatementID != "SU-O2" || c.Retired[0].Evidence != 1 || c.Retired[0].LiveActions != 1 {
		t.Errorf("Retired = %+v, want SU-O2 with 1 evidence item and 1 live action", c.Retired)
	}
	if math.Abs(c.OverallFrom.Mean-(2.5+7.0/3+2)/3) > 1e-9 || math.Abs(c.OverallTo.Mean-(8.0/3+2+4)/3) > 1e-9 {
		t.Errorf("overall %v → %v", c.OverallFrom.Mean, c.OverallTo.Mean)
	}
}

func TestCompareLikeForLike(t *testing.T) {
	c := Compare(period2024(), period2025(), today)
	l := c.Like
	if l.Statements != 4 || math.Abs(l.From.Mean-2.75) > 1e-9 || math.Abs(l.To.Mean-2.5) > 1e-9 {
		t.Errorf("like for like = %d statements, %v → %v; want 4, 2.75 → 2.5", l.Statements, l.From.Mean, l.To.Mean)
	}
	if d, ok := l.Change(); !ok || math.Abs(d-(-0.3)) > 1e-9 {
		t.Errorf("Change = %v, %v; want -0.3 (2.8 to 2.5 as shown)", d, ok)
	}
	var got []string
	for _, u := range l.Unmatched {
		got = append(got, fmt.Sprintf("%s %s %s %v", u.StatementID, u.Period, u.Score, u.NotInCriteria))
	}
	want := []string{"WL-O3 2025/26 2 false", "SP-O3 2024/25 1 false", "SU-O3 2025/26 4 true", "SU-O2 2024/25 2 true"}
	if !equalStrings(got, want) {
		t.Errorf("Unmatched = %q, want %q", got, want)
	}
	empty := Compare(period2023(), periodAssessment(9, "2024/25", editionOne(), nil), today)
	if _, ok := empty.Like.Change(); ok || empty.Like.Statements != 0 {
		t.Errorf("nothing scored in both: Like = %+v, want no change", empty.Like)
	}
}

func TestFormatChange(t *testing.T) {
	for d, want := range map[float64]string{0.5: "+0.5", -0.3: "-0.3", 0: "0.0", -0.04: "0.0", 0.04: "0.0", 0.333: "+0.3"} {
		if got := FormatChange(d); got != want {
			t.Errorf("FormatChange(%v) = %q, want %q", d, got, want)
		}
	}
	// 1.83 to 2.17 is +0.4 as shown (1.8 to 2.2), never +0.33.
	if got := FormatChange(MeanChange(1.83, 2.17)); got != "+0.4" {
		t.Errorf("MeanChange(1.83, 2.17) = %q, want +0.4", got)
	}
}

func TestCompareActions(t *testing.T) {
	c := Compare(period2024(), period2025(), today)
	if len(c.Closed) != 1 || c.Closed[0].From.ID != 20 || c.Closed[0].To.ID != 30 {
		t.Errorf("Closed = %+v, want action 20 closed as 30 (title matched ignoring case and space)", c.Closed)
	}
	if len(c.Dropped) != 1 || c.Dropped[0].From.ID != 22 {
		t.Errorf("Dropped = %+v, want action 22", c.Dropped)
	}
}

func TestCompareSummary(t *testing.T) {
	blank := func(period string) *Assessment { return periodAssessment(9, period, editionOne(), nil) }
	tests := []struct {
		name     string
		from, to *Assessment
		want     string
	}{
		{
			name: "changed criteria",
			from: period2024(), to: period2025(),
			// Like for like over WL-O1, WL-O2, SP-O1 and SP-O2: Well led
			// 2.5 to 3.0, Safe practice 3.0 to 2.0, so overall 2.75 to 2.5.
			// Each period's own overall (2.3 and 2.9) set three measures
			// against three different statement sets.
			want: "Between 2024/25 and 2025/26 the overall mean fell from 2.8 to 2.5, like for like over the four statements scored in both periods; " +
				"four statements scored in only one period are left out of it. " +
				"Well led rose from 2.5 to 2.7; Safe practice fell from 2.3 to 2.0; Support workforce rose from 2.0 to 4.0. " +
				"Two statements regressed: SP-O1 (3→2), SP-O2 (3→2). " +
				"One statement improved: WL-O1 (2→3). " +
				"One statement was scored for the first time: WL-O3 (2). " +
				"One statement scored last time is not scored now: SP-O3 (1→·). " +
				"One statement is still unassessed. " +
				"One action was completed since 2024/25. " +
				"The criteria changed: Support people is now Support workforce; one statement was added (SU-O3); one statement was retired (SU-O2).",
		},
		{
			name: "same criteria, means held, first scores",
			from: periodAssessment(1, "2023/24", editionOne(), map[string]Score{"WL-O1": 2, "WL-O2": 3}),
			to:   periodAssessment(2, "2024/25", editionOne(), map[string]Score{"WL-O1": 3, "WL-O2": 2, "SP-O1": 4}),
			// The defect of issue 12: each period's own overall (2.5, then
			// the mean of 2.5 and 4.0) said "rose from 2.5 to 3.3", setting two
			// measures against one. Like for like nothing moved.
			want: "Between 2023/24 and 2024/25 the overall mean held at 2.5, like for like over the two statements scored in both periods; " +
				"one statement scored in only one period is left out of it. " +
				"Well led held at 2.5; Safe practice was scored for the first time at 4.0. " +
				"One statement regressed: WL-O2 (3→2). One statement improved: WL-O1 (2→3). " +
				"One statement was scored for the first time: SP-O1 (4). " +
				"Five statements are still unassessed.",
		},
		{
			name: "nothing scored",
			from: blank("2023/24"), to: blank("2024/25"),
			want: "No statement regressed. No statement improved. Eight statements are still unassessed.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compare(tt.from, tt.to, today).Summary(); got != tt.want {
				t.Errorf("Summary:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestFormatScore(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want string
	}{{3.25, 1, "3.3"}, {2.25, 1, "2.3"}, {2.0, 1, "2.0"}, {8.0 / 3, 1, "2.7"}, {2.825, 2, "2.83"}, {1.9, 2, "1.90"}, {-0.35, 1, "-0.4"}}
	for _, tt := range tests {
		if got := FormatScore(tt.v, tt.d); got != tt.want {
			t.Errorf("FormatScore(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "no items"}, {1, "one item"}, {10, "ten items"}, {11, "11 items"}}
	for _, tt := range tests {
		if got := count(tt.n, "item", "items"); got != tt.want {
			t.Errorf("count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
