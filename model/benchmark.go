package model

import (
	"sort"
	"strings"
)

// MeasureKeys are the stable keys of the seven What Good Looks Like
// measures, in framework order. Benchmarks are keyed by them.
var MeasureKeys = []string{
	"well-led", "smart-foundations", "safe-practice", "support-people",
	"empower-people", "improve-care", "healthy-populations",
}

// dmaNames maps the measure (pillar) names used by the national Digital
// Maturity Assessment, past and present, to our measure keys.
var dmaNames = map[string]string{
	"well led":                   "well-led",
	"ensure smart foundations":   "smart-foundations",
	"ensuring smart foundations": "smart-foundations",
	"smart foundations":          "smart-foundations",
	"safe practice":              "safe-practice",
	"support workforce":          "support-people",
	"support people":             "support-people",
	"empower people":             "empower-people",
	"empower citizens":           "empower-people",
	"improve care":               "improve-care",
	"healthy populations":        "healthy-populations",
}

// MeasureKeyForDMA returns our measure key for a DMA pillar name such as
// "Ensure Smart Foundations" or "Support Workforce", ignoring case, hyphens
// and extra space.
func MeasureKeyForDMA(name string) (string, bool) {
	n := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(name, "-", " ")), " "))
	k, ok := dmaNames[n]
	return k, ok
}

// SettingSecondary names the benchmark group of all secondary care entries
// (acute, community, mental health and ambulance together). It is a
// benchmark group, not a setting an assessment can have.
const SettingSecondary CareSetting = "secondary"

// SettingLabel is a care setting or benchmark group as a person reads it.
func SettingLabel(s CareSetting) string {
	switch s {
	case SettingAcute:
		return "Acute"
	case SettingCommunity:
		return "Community"
	case SettingMentalHealth:
		return "Mental health"
	case SettingAmbulance:
		return "Ambulance"
	case SettingICB:
		return "ICB"
	case SettingSecondary:
		return "All secondary care"
	case SettingNone:
		return "Not set"
	}
	return string(s)
}

// ParseCareSetting reads a care setting from its key ("mental-health") or
// a label as the DMA writes it ("Mental Health"), ignoring case.
func ParseCareSetting(s string) (CareSetting, bool) {
	n := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "-", " ")), " "))
	for _, c := range append(CareSettings, SettingSecondary) {
		if n == strings.ReplaceAll(string(c), "-", " ") || n == strings.ToLower(SettingLabel(c)) {
			return c, true
		}
	}
	switch n {
	case "ics", "icb/ics", "integrated care board":
		return SettingICB, true
	case "all", "all secondary", "secondary care":
		return SettingSecondary, true
	}
	return "", false
}

// MeasureScores holds one score per measure key. A measure with no entry
// has no score.
type MeasureScores map[string]float64

// Means is a benchmark group's mean score per measure: a care setting
// nationally, or one ICS.
type Means struct {
	// Setting is the care setting or SettingSecondary; for an ICS group it
	// is SettingNone and ICS names the system.
	Setting CareSetting
	ICS     string
	// Entries is how many published entries the means are taken over.
	Entries int
	Scores  MeasureScores
}

// ProviderScores are one organisation's published DMA pillar scores for one
// care setting. ICBs appear with Setting SettingICB and Provider set to the
// ICB's name.
type ProviderScores struct {
	Region   string
	ICS      string
	Provider string
	Setting  CareSetting
	Scores   MeasureScores
	// Comparable holds the published overall score over comparable domains
	// by DMA year (2024, 2025), when the file has it.
	Comparable map[int]float64
}

// Benchmark is a year's national Digital Maturity Assessment results: means
// per care setting and per ICS, and optionally every provider's scores. Its
// scores are on the DMA's own 1 to 5 scale, not this workbook's.
type Benchmark struct {
	// Year is the DMA round, such as 2025; Source names where it came from.
	Year   int
	Source string
	// National holds the means per care setting, SettingSecondary included.
	National map[CareSetting]Means
	// ICS holds the mean of each ICS's providers' scores, by ICS name.
	ICS map[string]Means
	// Providers are the published scores, in file order; empty for the
	// built-in benchmark.
	Providers []ProviderScores
}

// NationalMean returns the national mean of measure key for setting s.
func (b *Benchmark) NationalMean(s CareSetting, key string) (float64, bool) {
	if b == nil {
		return 0, false
	}
	m, ok := b.National[s]
	if !ok {
		return 0, false
	}
	v, ok := m.Scores[key]
	return v, ok
}

// FindProviders returns the providers whose name contains name, ignoring
// case; an exact match wins outright. One provider may have a row per care
// setting.
func (b *Benchmark) FindProviders(name string) []ProviderScores {
	want := strings.ToLower(strings.TrimSpace(name))
	var exact, partial []ProviderScores
	for _, p := range b.Providers {
		n := strings.ToLower(p.Provider)
		switch {
		case n == want:
			exact = append(exact, p)
		case want != "" && strings.Contains(n, want):
			partial = append(partial, p)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return partial
}

// ICSNames lists the ICS names with means, sorted.
func (b *Benchmark) ICSNames() []string {
	out := make([]string, 0, len(b.ICS))
	for n := range b.ICS {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// MeanScores is the unweighted mean per measure over the given scores,
// counting only measures each entry has; it is how the DMA forms national
// and ICS means.
func MeanScores(entries []MeasureScores) MeasureScores {
	sum := map[string]float64{}
	n := map[string]int{}
	for _, e := range entries {
		for k, v := range e {
			sum[k] += v
			n[k]++
		}
	}
	out := MeasureScores{}
	for k, s := range sum {
		out[k] = s / float64(n[k])
	}
	return out
}

// Scores returns a's mean per measure key for the assessed measures, on
// this workbook's 1 to 5 scale, for setting beside a benchmark.
func (a *Assessment) Scores() MeasureScores {
	out := MeasureScores{}
	for _, m := range a.Measures() {
		if st := a.Stats(m, a.UpdatedAt); st.HasMean() {
			out[m.Key] = st.Mean
		}
	}
	return out
}
