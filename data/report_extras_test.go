package data

import (
	"slices"
	"testing"

	"wgll/criteria"
	"wgll/model"
)

func TestReportExtras(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	mk := func(org string, aud criteria.Audience, period string) model.Header {
		t.Helper()
		h, err := s.CreateAssessment(ctx, model.Header{Organisation: org, Audience: aud, Period: period, CareSetting: model.SettingAcute}, criteria.BuiltinTOML())
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	older := mk("Northshire NHS Trust", criteria.Organisation, "2025/26")
	// The same organisation written another way is the same organisation.
	oldest := mk("  northshire  NHS trust", criteria.Organisation, "2024/25")
	cur := mk("Northshire NHS Trust", criteria.Organisation, "2026/27")
	mk("Northshire NHS Trust", criteria.Organisation, "2027/28") // later: not in the trend
	mk("Northshire NHS Trust", criteria.ICS, "2025/26")          // other audience
	mk("Southshire NHS Trust", criteria.Organisation, "2025/26") // other organisation
	a, err := s.Assessment(ctx, cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	x, err := s.ReportExtras(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, h := range x.History {
		got = append(got, h.ID)
	}
	slices.Sort(got)
	want := []int64{older.ID, oldest.ID, cur.ID}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("history = %v, want %v (same organisation and audience, up to the reported period)", got, want)
	}
	if x.History[0] != a {
		t.Error("the reported assessment itself is not the first of its history")
	}
	if x.Benchmark == nil || x.Benchmark.Year != 2025 {
		t.Errorf("benchmark = %+v, want the built-in 2025 means when none is imported", x.Benchmark)
	}
	if _, err := s.ReportExtras(ctx, nil); err == nil {
		t.Error("no assessment: no error")
	}
}
