package model

import (
	"math"
	"testing"
	"time"

	"wgll/criteria"
)

// testCriteria is a small framework: two measures, three organisation
// statements and one ICS statement.
func testCriteria() *criteria.Criteria {
	return &criteria.Criteria{
		Scale: []criteria.Level{{Level: 1, Label: "One"}, {Level: 2, Label: "Two"}, {Level: 3, Label: "Three"}},
		Measures: []criteria.Measure{
			{Key: "a", Name: "Alpha", Statements: []criteria.Statement{
				{ID: "A1", Audience: criteria.Organisation, Text: "a one"},
				{ID: "A2", Audience: criteria.Organisation, Text: "a two"},
				{ID: "AI", Audience: criteria.ICS, Text: "a ics"},
			}},
			{Key: "b", Name: "Beta", Statements: []criteria.Statement{
				{ID: "B1", Audience: criteria.Organisation, Text: "b one"},
			}},
		},
	}
}

var today = time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC)

func day(s string) time.Time { t, _ := ParseDate(s); return t }

func TestStats(t *testing.T) {
	tests := []struct {
		name    string
		scores  map[string]Score
		actions []Action
		want    []MeasureStats
		overall float64
	}{
		{
			name: "nothing assessed",
			want: []MeasureStats{
				{Key: "a", Name: "Alpha", Total: 2},
				{Key: "b", Name: "Beta", Total: 1},
			},
		},
		{
			name:   "mean over assessed only, ics statements ignored",
			scores: map[string]Score{"A1": 2, "AI": 5, "B1": 3},
			want: []MeasureStats{
				{Key: "a", Name: "Alpha", Total: 2, Assessed: 1, Mean: 2},
				{Key: "b", Name: "Beta", Total: 1, Assessed: 1, Mean: 3},
			},
			overall: 2.5,
		},
		{
			name:   "mean of two and cleared score",
			scores: map[string]Score{"A1": 2, "A2": 5, "B1": NotAssessed},
			want: []MeasureStats{
				{Key: "a", Name: "Alpha", Total: 2, Assessed: 2, Mean: 3.5},
				{Key: "b", Name: "Beta", Total: 1},
			},
			overall: 3.5,
		},
		{
			name: "open and overdue actions",
			actions: []Action{
				{ID: 1, StatementID: "A1", Status: StatusOpen, Due: day("2026-11-21")},
				{ID: 2, StatementID: "A1", Status: StatusInProgress, Due: day("2026-11-22")},
				{ID: 3, StatementID: "A2", Status: StatusDone, Due: day("2020-01-01")},
				{ID: 4, StatementID: "B1", Status: StatusDropped},
				{ID: 5, StatementID: "B1", Status: StatusOpen},
			},
			want: []MeasureStats{
				{Key: "a", Name: "Alpha", Total: 2, OpenActions: 2, Overdue: 1},
				{Key: "b", Name: "Beta", Total: 1, OpenActions: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAssessment(Header{Audience: criteria.Organisation}, testCriteria())
			for id, s := range tt.scores {
				a.PutResponse(Response{StatementID: id, Score: s})
			}
			for _, x := range tt.actions {
				a.PutAction(x)
			}
			got := a.AllStats(today)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d measures, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("measure %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if o := Overall(got); math.Abs(o.Mean-tt.overall) > 1e-9 {
				t.Errorf("overall mean %v, want %v", o.Mean, tt.overall)
			}
		})
	}
}

func TestShare(t *testing.T) {
	for _, tt := range []struct {
		m    MeasureStats
		want float64
	}{
		{MeasureStats{}, 0},
		{MeasureStats{Total: 4, Assessed: 1}, 0.25},
		{MeasureStats{Total: 3, Assessed: 3}, 1},
	} {
		if got := tt.m.Share(); got != tt.want {
			t.Errorf("%+v.Share() = %v, want %v", tt.m, got, tt.want)
		}
	}
}

func TestHeatmap(t *testing.T) {
	a := NewAssessment(Header{Audience: criteria.Organisation}, testCriteria())
	a.PutResponse(Response{StatementID: "A2", Score: 4})
	h := a.BuildHeatmap(today)
	if h.Width != 2 || len(h.Rows) != 2 {
		t.Fatalf("grid %d rows x %d, want 2 x 2", len(h.Rows), h.Width)
	}
	if got := h.Rows[0].Cells; got[0] != (Cell{StatementID: "A1", Score: NotAssessed}) || got[1] != (Cell{StatementID: "A2", Score: 4}) {
		t.Errorf("row 0 cells %+v", got)
	}
	if h.Overall.Total != 3 || h.Overall.Assessed != 1 || h.Overall.Mean != 4 {
		t.Errorf("overall %+v", h.Overall)
	}
	ics := NewAssessment(Header{Audience: criteria.ICS}, testCriteria())
	if h := ics.BuildHeatmap(today); len(h.Rows[1].Cells) != 0 || h.Width != 1 {
		t.Errorf("ics grid: %+v", h)
	}
}

func TestDaysOverdue(t *testing.T) {
	for _, tt := range []struct {
		due    string
		status ActionStatus
		want   int
	}{
		{"", StatusOpen, 0},
		{"2026-11-22", StatusOpen, 0},
		{"2026-11-23", StatusOpen, 0},
		{"2026-11-21", StatusOpen, 1},
		{"2026-10-23", StatusInProgress, 30},
		{"2026-10-23", StatusDone, 0},
		{"2026-10-23", StatusDropped, 0},
	} {
		a := Action{Due: day(tt.due), Status: tt.status}
		if got := a.DaysOverdue(today); got != tt.want {
			t.Errorf("due %q %s: %d days overdue, want %d", tt.due, tt.status, got, tt.want)
		}
		if a.Overdue(today) != (tt.want > 0) {
			t.Errorf("due %q %s: Overdue disagrees with DaysOverdue", tt.due, tt.status)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in      string
		wantErr bool
	}{{"", false}, {"2026-02-28", false}, {"2024-02-29", false}, {"2026-02-30", true}, {"2026-00-10", true},
		{"2026-13-01", true}, {"2026-1-01x", true}, {"28/02/2026", true}, {"soon", true}, {"+026-02-28", true}} {
		d, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
		}
		if err == nil && FormatDate(d) != tt.in {
			t.Errorf("round trip %q gave %q", tt.in, FormatDate(d))
		}
	}
}

func TestPutAndRemove(t *testing.T) {
	a := NewAssessment(Header{}, testCriteria())
	a.PutEvidence(Evidence{ID: 1, StatementID: "A1", Title: "one"})
	a.PutEvidence(Evidence{ID: 2, StatementID: "A1", Title: "two"})
	a.PutEvidence(Evidence{ID: 1, StatementID: "A1", Title: "one, edited"})
	if got := a.Evidence["A1"]; len(got) != 2 || got[0].Title != "one, edited" || got[1].Title != "two" {
		t.Fatalf("evidence after puts: %+v", got)
	}
	a.RemoveEvidence(1)
	if got := a.Evidence["A1"]; len(got) != 1 || got[0].ID != 2 {
		t.Fatalf("evidence after remove: %+v", got)
	}
	a.PutAction(Action{ID: 7, StatementID: "B1", Title: "x"})
	a.PutAction(Action{ID: 7, StatementID: "B1", Title: "y"})
	if got := a.Actions["B1"]; len(got) != 1 || got[0].Title != "y" {
		t.Fatalf("actions after puts: %+v", got)
	}
	a.RemoveAction(7)
	a.RemoveAction(99)
	if len(a.Actions["B1"]) != 0 {
		t.Fatalf("action not removed")
	}
}

func TestEnums(t *testing.T) {
	if !StatusInProgress.Valid() || ActionStatus("later").Valid() {
		t.Error("ActionStatus.Valid")
	}
	if !StatusOpen.Live() || StatusDone.Live() {
		t.Error("ActionStatus.Live")
	}
	if PriorityHigh.Rank() >= PriorityLow.Rank() || Priority("x").Valid() {
		t.Error("Priority")
	}
	if Score(0).String() != "·" || Score(3).String() != "3" {
		t.Error("Score.String")
	}
}

func TestShownChange(t *testing.T) {
	for _, tt := range []struct {
		from, to float64
		decimals int
		want     float64
	}{
		{2.83, 3.25, 1, 0.5},    // shown as 2.8 and 3.3
		{2.5, 2.25, 1, -0.2},    // 2.5 and 2.3 (halves round up)
		{1.25, 3.3333, 2, 2.08}, // 1.25 and 3.33
		{3, 3, 1, 0},
	} {
		if got := ShownChange(tt.from, tt.to, tt.decimals); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("ShownChange(%v, %v, %d) = %v, want %v", tt.from, tt.to, tt.decimals, got, tt.want)
		}
	}
	m := MeasureChange{From: MeasureStats{Assessed: 1, Mean: 2.83}, To: MeasureStats{Assessed: 1, Mean: 3.25}}
	if d, ok := m.ShownDelta(1); !ok || math.Abs(d-0.5) > 1e-9 {
		t.Errorf("ShownDelta = %v, %v", d, ok)
	}
	if _, ok := (MeasureChange{To: MeasureStats{Assessed: 1, Mean: 3}}).ShownDelta(1); ok {
		t.Error("ShownDelta without an earlier score should not be ok")
	}
}

func TestCloneIsDeep(t *testing.T) {
	a := period2024()
	a.Previous = map[string]Score{"WL-O1": 1}
	c := a.Clone()
	c.PutResponse(Response{StatementID: "WL-O1", Score: 5})
	c.PutEvidence(Evidence{ID: 10, StatementID: "WL-O1", Title: "changed"})
	c.PutAction(Action{ID: 21, StatementID: "WL-O1", Title: "changed"})
	c.Previous["WL-O1"] = 4
	c.Period = "changed"
	if a.Score("WL-O1") != 2 || a.Evidence["WL-O1"][0].Title != "Board minutes" || a.Actions["WL-O1"][0].Title != "Board training" ||
		a.Previous["WL-O1"] != 1 || a.Period != "2024/25" {
		t.Errorf("editing the clone changed the original: %+v", a)
	}
	if c.Criteria != a.Criteria {
		t.Error("Clone copied the criteria; they are shared by design")
	}
	if (*Assessment)(nil).Clone() != nil {
		t.Error("Clone of nil is not nil")
	}
}
