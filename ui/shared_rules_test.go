package ui

import (
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// The app uses the shared rules of package model: an organisation written
// with other case or spacing is the same organisation (it was matched
// exactly here, and case-insensitively by the report), and the next period
// is model.NextPeriod.
func TestAppUsesSharedRules(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	hs := []model.Header{
		{ID: 1, Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: "2025/26", CreatedAt: t0},
		{ID: 2, Organisation: " northshire  NHS trust", Audience: criteria.Organisation, Period: "2024/25", CreatedAt: t0},
		{ID: 3, Organisation: "Northshire NHS Trust", Audience: criteria.ICS, Period: "2025/26", CreatedAt: t0},
	}
	got := sameGroup(hs, "Northshire NHS Trust", criteria.Organisation)
	if len(got) != 2 || got[0].ID != 2 || got[1].ID != 1 {
		t.Errorf("sameGroup = %+v, want ids 2 then 1", got)
	}
	if p := nextPeriod("2099/00", t0); p != "2100/01" {
		t.Errorf("nextPeriod(2099/00) = %q", p)
	}
	if p := nextPeriod("Q3", t0); p != "2025/26" {
		t.Errorf("nextPeriod(Q3) = %q, want the financial year of now", p)
	}
}
