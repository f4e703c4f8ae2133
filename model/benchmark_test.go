package model

import (
	"math"
	"testing"
)

func TestMeasureKeyForDMA(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Well Led", "well-led", true},
		{"Ensure Smart Foundations", "smart-foundations", true},
		{"Ensuring Smart Foundations", "smart-foundations", true},
		{" support  workforce ", "support-people", true},
		{"Support People", "support-people", true},
		{"Empower Citizens", "empower-people", true},
		{"Improve care", "improve-care", true},
		{"Healthy-Populations", "healthy-populations", true},
		{"2025 Average", "", false},
	}
	for _, tt := range tests {
		got, ok := MeasureKeyForDMA(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MeasureKeyForDMA(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseCareSetting(t *testing.T) {
	tests := []struct {
		in   string
		want CareSetting
		ok   bool
	}{
		{"Acute", SettingAcute, true},
		{"mental-health", SettingMentalHealth, true},
		{"Mental Health", SettingMentalHealth, true},
		{"ICB", SettingICB, true},
		{"ics", SettingICB, true},
		{"secondary", SettingSecondary, true},
		{"All secondary care", SettingSecondary, true},
		{"primary", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseCareSetting(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseCareSetting(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMeanScoresAndLookups(t *testing.T) {
	m := MeanScores([]MeasureScores{{"well-led": 2, "safe-practice": 3}, {"well-led": 3}, {"well-led": 4, "safe-practice": 2}})
	if math.Abs(m["well-led"]-3) > 1e-9 || math.Abs(m["safe-practice"]-2.5) > 1e-9 || len(m) != 2 {
		t.Errorf("MeanScores = %v, want well-led 3, safe-practice 2.5 (missing entries not counted)", m)
	}
	b := &Benchmark{
		National: map[CareSetting]Means{SettingAcute: {Setting: SettingAcute, Scores: MeasureScores{"well-led": 2.83}}},
		Providers: []ProviderScores{
			{Provider: "NORTHSHIRE NHS TRUST", Setting: SettingAcute},
			{Provider: "NORTHSHIRE NHS TRUST", Setting: SettingCommunity},
			{Provider: "SOUTH NORTHSHIRE NHS TRUST", Setting: SettingAcute},
		},
	}
	if v, ok := b.NationalMean(SettingAcute, "well-led"); !ok || v != 2.83 {
		t.Errorf("NationalMean = %v %v", v, ok)
	}
	if _, ok := b.NationalMean(SettingAmbulance, "well-led"); ok {
		t.Error("NationalMean for a missing setting reported ok")
	}
	if got := b.FindProviders("northshire nhs trust"); len(got) != 2 {
		t.Errorf("exact match found %d rows, want 2", len(got))
	}
	if got := b.FindProviders("northshire"); len(got) != 3 {
		t.Errorf("partial match found %d rows, want 3", len(got))
	}
	var nilB *Benchmark
	if _, ok := nilB.NationalMean(SettingAcute, "well-led"); ok {
		t.Error("nil benchmark reported a mean")
	}
}

func TestAssessmentScores(t *testing.T) {
	s := period2025().Scores()
	if len(s) != 3 || math.Abs(s["support-people"]-4) > 1e-9 || math.Abs(s["safe-practice"]-2) > 1e-9 {
		t.Errorf("Scores = %v", s)
	}
}
