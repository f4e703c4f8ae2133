package model

import (
	"testing"

	"wgll/criteria"
)

// fiveLevels has a checklist for levels 2 to 5; level 2 and 4 have two
// elements, 3 and 5 one.
var fiveLevels = criteria.Statement{ID: "X-O1", Audience: criteria.Organisation, Text: "x.", Checklist: []criteria.LevelElements{
	{Level: 2, Elements: []string{"a named lead", "a plan"}},
	{Level: 3, Elements: []string{"in place everywhere"}},
	{Level: 4, Elements: []string{"measured", "reported to the board"}},
	{Level: 5, Elements: []string{"improved from evidence"}},
}}

func ticks(t *testing.T, s string) Ticks {
	t.Helper()
	ts, err := ParseTicks(s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestSuggestScore(t *testing.T) {
	tests := []struct {
		name, ticks string
		want        Score
	}{
		{"nothing ticked is the floor", "", 1},
		{"half of level 2", "2.1", 1},
		{"all of level 2", "2.1 2.2", 2},
		{"levels 2 and 3", "2.1 2.2 3.1", 3},
		{"everything", "2.1 2.2 3.1 4.1 4.2 5.1", 5},
		{"a gap at level 3 caps the score at 2", "2.1 2.2 4.1 4.2 5.1", 2},
		{"a gap at level 2 caps the score at 1", "2.2 3.1 4.1 4.2 5.1", 1},
		{"a part-met level 4 stops at 3", "2.1 2.2 3.1 4.2 5.1", 3},
		{"ticks for elements that do not exist count for nothing", "2.1 2.3 3.1", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := SuggestScore(fiveLevels, 5, ticks(t, tt.ticks))
			if !ok || got != tt.want {
				t.Errorf("SuggestScore(%q) = %v, %v; want %v, true", tt.ticks, got, ok, tt.want)
			}
		})
	}
	withFloor := fiveLevels
	withFloor.Checklist = append([]criteria.LevelElements{{Level: 1, Elements: []string{"the need is recognised"}}}, fiveLevels.Checklist...)
	if got, ok := SuggestScore(withFloor, 5, ticks(t, "2.1 2.2")); !ok || got != NotAssessed {
		t.Errorf("with level 1 unmet: SuggestScore = %v, %v; want not assessed, true", got, ok)
	}
	if got, ok := SuggestScore(criteria.Statement{ID: "Y"}, 5, ticks(t, "2.1")); ok || got != NotAssessed {
		t.Errorf("no checklist: SuggestScore = %v, %v; want not assessed, false", got, ok)
	}
}

func TestNeedsReason(t *testing.T) {
	tests := []struct {
		name  string
		r     Response
		st    criteria.Statement
		wants bool
	}{
		{"score matches the suggestion", Response{Score: 2, Ticks: ticks(t, "2.1 2.2")}, fiveLevels, false},
		{"score above the suggestion", Response{Score: 4, Ticks: ticks(t, "2.1 2.2")}, fiveLevels, true},
		{"score below the suggestion", Response{Score: 1, Ticks: ticks(t, "2.1 2.2")}, fiveLevels, true},
		{"no ticks: the board is not using the checklist", Response{Score: 4}, fiveLevels, false},
		{"not scored", Response{Ticks: ticks(t, "2.1")}, fiveLevels, false},
		{"no checklist", Response{Score: 3, Ticks: ticks(t, "2.1")}, criteria.Statement{ID: "Y"}, false},
	}
	for _, tt := range tests {
		if got := NeedsReason(tt.st, 5, tt.r); got != tt.wants {
			t.Errorf("%s: NeedsReason = %v, want %v", tt.name, got, tt.wants)
		}
	}
}

func TestTicks(t *testing.T) {
	ts := ticks(t, " 3.1 2.2  2.1 3.1 ")
	if got := ts.String(); got != "2.1 2.2 3.1" {
		t.Errorf("String() = %q, want sorted and without duplicates", got)
	}
	if !ts.Has(2, 2) || ts.Has(4, 1) {
		t.Error("Has is wrong")
	}
	on := ts.With(4, 1, true)
	off := on.With(2, 1, false)
	if on.String() != "2.1 2.2 3.1 4.1" || off.String() != "2.2 3.1 4.1" || ts.String() != "2.1 2.2 3.1" {
		t.Errorf("With: on %q, off %q, original %q", on, off, ts)
	}
	for _, bad := range []string{"2", "x.1", "0.1", "2.0", "100.1", "2.1.1", "2.-1", "+2.1"} {
		if _, err := ParseTicks(bad); err == nil {
			t.Errorf("ParseTicks(%q) accepted it", bad)
		}
	}
	if got, err := ParseTicks(""); got != "" || err != nil {
		t.Errorf("ParseTicks(\"\") = %q, %v", got, err)
	}
	var back Ticks
	if err := back.UnmarshalText([]byte("3.1 2.1")); err != nil || back != "2.1 3.1" {
		t.Errorf("UnmarshalText = %q, %v", back, err)
	}
	if err := back.UnmarshalText([]byte("2.1 evil")); err == nil {
		t.Error("UnmarshalText accepted a bad tick")
	}
	if met, total := LevelMet(fiveLevels, 4, ticks(t, "4.2 4.7")); met != 1 || total != 2 {
		t.Errorf("LevelMet = %d of %d, want 1 of 2", met, total)
	}
}
