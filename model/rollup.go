package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// RollUp is how an ICS view combines its members' scores for one measure.
type RollUp string

// The roll-ups. Mean is the default because the national Digital Maturity
// Assessment reports means; median resists one outlying member; minimum
// shows the weakest member, which is where a system's risk is.
const (
	RollUpMean   RollUp = "mean"
	RollUpMedian RollUp = "median"
	RollUpMin    RollUp = "min"
)

// RollUps lists the roll-ups in the order a user cycles through them.
var RollUps = []RollUp{RollUpMean, RollUpMedian, RollUpMin}

// ParseRollUp reads a --rollup value; "" is the mean.
func ParseRollUp(s string) (RollUp, error) {
	switch RollUp(s) {
	case "", RollUpMean:
		return RollUpMean, nil
	case RollUpMedian, RollUpMin:
		return RollUp(s), nil
	case "minimum":
		return RollUpMin, nil
	}
	return "", fmt.Errorf("roll-up %q is not mean, median or min", s)
}

// Title names the roll-up in a legend.
func (r RollUp) Title() string {
	switch r {
	case RollUpMedian:
		return "median"
	case RollUpMin:
		return "minimum (weakest member)"
	}
	return "mean"
}

// Apply combines values by r. ok is false for no values.
func (r RollUp) Apply(values []float64) (v float64, ok bool) {
	if len(values) == 0 {
		return 0, false
	}
	switch r {
	case RollUpMin:
		return slices.Min(values), true
	case RollUpMedian:
		s := slices.Clone(values)
		slices.Sort(s)
		n := len(s)
		if n%2 == 1 {
			return s[n/2], true
		}
		return (s[n/2-1] + s[n/2]) / 2, true
	}
	sum := 0.0
	for _, x := range values {
		sum += x
	}
	return sum / float64(len(values)), true
}

// MemberScore is one member organisation's mean for one measure.
type MemberScore struct {
	Organisation string
	// AssessmentID is the member's assessment for the period.
	AssessmentID int64
	Mean         float64
	// Has is false when the member scored nothing in the measure.
	Has bool
}

// MeasureRollUp is one measure of the ICS view: each member's mean, the
// roll-up over members who scored it, and the spread between them.
type MeasureRollUp struct {
	Key     string
	Name    string
	Members []MemberScore
	// Value is the roll-up; Scored counts the members it is over, and
	// HasValue is false when none of them scored the measure.
	Value    float64
	HasValue bool
	Scored   int
	// Min and Max are the lowest and highest member means: the spread.
	Min, Max float64
}

// Spread is Max minus Min; 0 with fewer than two members scored.
func (m MeasureRollUp) Spread() float64 {
	if m.Scored < 2 {
		return 0
	}
	return m.Max - m.Min
}

// SpreadText is the spread as a view writes it: "2.1–3.8", or "" when
// no member scored the measure.
func (m MeasureRollUp) SpreadText() string {
	if !m.HasValue {
		return ""
	}
	return FormatMean(m.Min) + "–" + FormatMean(m.Max)
}

// RollUpMeasures rolls the members' measure means up by r, one entry per
// measure of the first member's criteria (members of one ICS assess against
// the same framework; a measure another member lacks counts it as not
// scored). Members are listed in the order given.
func RollUpMeasures(members []*Assessment, r RollUp, now time.Time) []MeasureRollUp {
	if len(members) == 0 {
		return nil
	}
	var out []MeasureRollUp
	for _, m := range members[0].Measures() {
		mr := MeasureRollUp{Key: m.Key, Name: m.Name}
		var vals []float64
		for _, a := range members {
			ms := MemberScore{Organisation: a.Organisation, AssessmentID: a.ID}
			if am, ok := a.Criteria.Measure(m.Key); ok {
				if st := a.Stats(am, now); st.HasMean() {
					ms.Mean, ms.Has = st.Mean, true
					vals = append(vals, st.Mean)
				}
			}
			mr.Members = append(mr.Members, ms)
		}
		mr.Value, mr.HasValue = r.Apply(vals)
		if mr.HasValue {
			mr.Scored, mr.Min, mr.Max = len(vals), slices.Min(vals), slices.Max(vals)
		}
		out = append(out, mr)
	}
	return out
}

// Periods lists the distinct periods of assessments, newest first.
func Periods(assessments []*Assessment) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range assessments {
		if !seen[a.Period] {
			seen[a.Period] = true
			out = append(out, a.Period)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

// ICSGrid is OrganisationGrid for one period (the newest when period is
// ""), with the bottom row rolled up by r instead of always the mean, and
// the roll-up of each measure with its spread. Choosing the period matters:
// one member starting next year's assessment would otherwise hide every
// member's complete rows.
func ICSGrid(assessments []*Assessment, period string, r RollUp, now time.Time) (MeasureGrid, []MeasureRollUp) {
	if period == "" {
		if ps := Periods(assessments); len(ps) > 0 {
			period = ps[0]
		}
	}
	var in []*Assessment
	for _, a := range assessments {
		if a.Period == period {
			in = append(in, a)
		}
	}
	g := OrganisationGrid(in)
	if g.Mean == nil {
		return g, nil
	}
	members := make([]*Assessment, 0, len(g.Rows))
	byID := map[int64]*Assessment{}
	for _, a := range in {
		byID[a.ID] = a
	}
	for _, row := range g.Rows {
		members = append(members, byID[row.Header.ID])
	}
	rolled := RollUpMeasures(members, r, now)
	byKey := map[string]MeasureRollUp{}
	for _, m := range rolled {
		byKey[m.Key] = m
	}
	row := GridRow{Label: "ICS " + string(r), Cells: make([]MeasureStats, len(g.Columns))}
	var out []MeasureRollUp
	for i, c := range g.Columns {
		row.Cells[i].Key, row.Cells[i].Name = c.Key, c.Name
		m, ok := byKey[c.Key]
		if !ok {
			// A measure only later members have: roll it up over them.
			m = MeasureRollUp{Key: c.Key, Name: c.Name}
			var vals []float64
			for _, a := range members {
				if am, ok := a.Criteria.Measure(c.Key); ok {
					if st := a.Stats(am, now); st.HasMean() {
						vals = append(vals, st.Mean)
					}
				}
			}
			m.Value, m.HasValue = r.Apply(vals)
			if m.HasValue {
				m.Scored, m.Min, m.Max = len(vals), slices.Min(vals), slices.Max(vals)
			}
		}
		if m.HasValue {
			row.Cells[i].Mean, row.Cells[i].Assessed, row.Cells[i].Total = m.Value, m.Scored, m.Scored
		}
		out = append(out, m)
	}
	g.Mean = &row
	return g, out
}

// PublishedFor finds a member's published DMA scores in b: the provider
// whose name is the organisation's (ignoring case), else the only one whose
// name contains it, and of those the row for the member's care setting
// when it has one. ok is false when b has no provider rows or none match
// without doubt; guessing between two trusts would mislead a board.
func (b *Benchmark) PublishedFor(organisation string, setting CareSetting) (ProviderScores, bool) {
	if b == nil {
		return ProviderScores{}, false
	}
	found := b.FindProviders(organisation)
	names := map[string]bool{}
	for _, p := range found {
		names[strings.ToLower(p.Provider)] = true
	}
	if len(found) == 0 || len(names) > 1 {
		return ProviderScores{}, false
	}
	for _, p := range found {
		if p.Setting == setting {
			return p, true
		}
	}
	return found[0], true
}
