package model

import (
	"slices"
	"testing"
	"time"

	"wgll/criteria"
)

func TestSameOrganisation(t *testing.T) {
	for _, tt := range []struct {
		p, q string
		want bool
	}{
		{"St Mary's NHS FT", "st mary's nhs ft", true},
		{"  St Mary's  NHS FT ", "St Mary's NHS FT", true},
		{"St Mary's\tNHS FT", "St Mary's NHS FT", true},
		{"St Mary's", "St Marys", false},
		{"Northshire", "Northshire ICS", false},
		{"", "", true},
	} {
		if got := SameOrganisation(tt.p, tt.q); got != tt.want {
			t.Errorf("SameOrganisation(%q, %q) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
	}
	a := Header{Organisation: "Northshire FT", Audience: criteria.Organisation}
	b := Header{Organisation: "NORTHSHIRE  FT", Audience: criteria.Organisation}
	c := Header{Organisation: "Northshire FT", Audience: criteria.ICS}
	if !SameGroup(a, b) || SameGroup(a, c) {
		t.Errorf("SameGroup: same org and audience %v (want true), other audience %v (want false)", SameGroup(a, b), SameGroup(a, c))
	}
}

func TestNextPeriod(t *testing.T) {
	for p, want := range map[string]string{
		"2026/27":  "2027/28",
		"2099/00":  "2100/01",
		" 2026/27": "2027/28",
		"2026":     "2027",
		"2026/28":  "", // not a financial year
		"2026/2a":  "",
		"Q1 2026":  "",
		"":         "",
		"2026/-7":  "",
	} {
		if got := NextPeriod(p); got != want {
			t.Errorf("NextPeriod(%q) = %q, want %q", p, got, want)
		}
	}
	for d, want := range map[string]string{"2026-03-31": "2025/26", "2026-04-01": "2026/27", "2026-12-01": "2026/27"} {
		tm, _ := ParseDate(d)
		if got := FinancialYear(tm); got != want {
			t.Errorf("FinancialYear(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestCompareHeaders(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	hs := []Header{
		{ID: 4, Period: "2026/27", CreatedAt: t0},
		{ID: 3, Period: "2025/26", CreatedAt: t0.Add(time.Hour)},
		{ID: 2, Period: "2025/26", CreatedAt: t0},
		{ID: 1, Period: "2025/26", CreatedAt: t0},
		{ID: 5, Period: "2024/25", CreatedAt: t0.Add(48 * time.Hour)},
	}
	slices.SortFunc(hs, CompareHeaders)
	var got []int64
	for _, h := range hs {
		got = append(got, h.ID)
	}
	if want := []int64{5, 1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}
