package model

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTrend(t *testing.T) {
	// Given out of order on purpose: Trend sorts by period.
	tr := Trend([]*Assessment{period2025(), period2023(), period2024()})
	var periods []string
	for _, h := range tr.Periods {
		periods = append(periods, h.Period)
	}
	if !equalStrings(periods, []string{"2023/24", "2024/25", "2025/26"}) {
		t.Fatalf("periods = %v", periods)
	}
	tests := []struct {
		key, name string
		means     []float64 // -1: no score
		change    float64
	}{
		{"well-led", "Well led", []float64{1, 2.5, 8.0 / 3}, 8.0/3 - 1},
		{"safe-practice", "Safe practice", []float64{-1, 7.0 / 3, 2}, 2 - 7.0/3},
		{"support-people", "Support workforce", []float64{2, 2, 4}, 2},
	}
	if len(tr.Rows) != len(tests) {
		t.Fatalf("got %d rows", len(tr.Rows))
	}
	for i, tt := range tests {
		r := tr.Rows[i]
		if r.Key != tt.key || r.Name != tt.name {
			t.Errorf("row %d = %s %q, want %s %q", i, r.Key, r.Name, tt.key, tt.name)
		}
		for j, want := range tt.means {
			p := r.Points[j]
			if want < 0 && p.Stats.HasMean() || want >= 0 && math.Abs(p.Stats.Mean-want) > 1e-9 {
				t.Errorf("%s %s mean = %v, want %v", tt.key, periods[j], p.Stats.Mean, want)
			}
		}
		if d, ok := r.Change(); !ok || math.Abs(d-tt.change) > 1e-9 {
			t.Errorf("%s change = %v %v, want %v", tt.key, d, ok, tt.change)
		}
	}
}

func TestTrendRender(t *testing.T) {
	got := Trend([]*Assessment{period2023(), period2024(), period2025()}).Render()
	want := strings.Join([]string{
		"Measure            trend  2023/24  2024/25  2025/26  change",
		"Well led           ▁▃▃        1.0      2.5      2.7    +1.7",
		"Safe practice      ·▃▂          –      2.3      2.0    -0.3",
		"Support workforce  ▂▂▆        2.0      2.0      4.0    +2.0",
		"Overall            ▁▃▄        1.5      2.3      2.9    +1.4",
		"Scores 1 to 5; bars ▁ (1) to █ (5); · or – not scored.",
		"",
	}, "\n")
	if got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
}

func TestTrendMissingMeasure(t *testing.T) {
	old := period2023()
	old.Criteria = editionOne()
	old.Criteria.Measures = old.Criteria.Measures[:1] // only well-led existed then
	r := Trend([]*Assessment{old, period2024()})
	sp := r.Rows[1]
	if sp.Key != "safe-practice" || sp.Points[0].Present || !sp.Points[1].Present {
		t.Errorf("safe-practice points = %+v, want absent then present", sp.Points)
	}
	if _, ok := sp.Change(); ok {
		t.Error("a measure scored in one period only has no change")
	}
	if line := strings.Split(r.Render(), "\n")[2]; !strings.HasPrefix(line, "Safe practice ") || strings.Contains(line, "–") || !strings.HasSuffix(line, "2.3") {
		t.Errorf("absent period should render blank, got %q", line)
	}
}

func TestPeriodGrid(t *testing.T) {
	got := PeriodGrid([]*Assessment{period2025(), period2023(), period2024()}).Render()
	want := strings.Join([]string{
		"           WL    SP    SW",
		"2023/24   1.0     –   2.0",
		"2024/25   2.5   2.3   2.0",
		"2025/26   2.7   2.0   4.0",
		"Mean scores 1 to 5; – not scored. WL Well led · SP Safe practice · SW Support workforce",
		"",
	}, "\n")
	if got != want {
		t.Errorf("PeriodGrid:\n%s\nwant:\n%s", got, want)
	}
}

func TestOrganisationGrid(t *testing.T) {
	other := periodAssessment(7, "2025/26", editionTwo(), map[string]Score{"WL-O1": 1, "SP-O1": 4, "SP-O2": 3})
	other.Organisation = "Eastshire Trust"
	stale := periodAssessment(8, "2024/25", editionTwo(), map[string]Score{"WL-O1": 5})
	stale.Organisation = "Westshire Trust" // not in the newest period: left out
	g := OrganisationGrid([]*Assessment{period2025(), other, stale, period2024()})
	if len(g.Rows) != 2 || g.Rows[0].Label != "Eastshire Trust" || g.Mean == nil {
		t.Fatalf("rows = %+v", g.Rows)
	}
	// Well led: Eastshire 1.0, Northshire 8/3 → mean 1.83; Safe practice:
	// 3.5 and 2.0 → 2.75; Support workforce: only Northshire, 4.0.
	wantMeans := []float64{(1 + 8.0/3) / 2, 2.75, 4}
	for i, w := range wantMeans {
		if c := g.Mean.Cells[i]; math.Abs(c.Mean-w) > 1e-9 {
			t.Errorf("ICS mean of %s = %v, want %v", g.Columns[i].Key, c.Mean, w)
		}
	}
	if g.Mean.Cells[2].Assessed != 1 {
		t.Errorf("support workforce mean is over %d organisations, want 1", g.Mean.Cells[2].Assessed)
	}
	out := g.Render()
	for _, want := range []string{"Eastshire Trust        1.0   3.5     –", "ICS mean               1.8   2.8   4.0", "───"} {
		if !strings.Contains(out, want) {
			t.Errorf("Render lacks %q:\n%s", want, out)
		}
	}
}

// TestGridRenderFit: within a width, long row labels are cut with "…" so
// that every measure still shows (found: at 80 columns the ICS view of the
// xl demo, whose member names run to 55 characters, showed three of seven
// measures); a grid that fits, or no width, is as Render draws it.
func TestGridRenderFit(t *testing.T) {
	long := periodAssessment(7, "2025/26", editionTwo(), map[string]Score{"WL-O1": 1, "SP-O1": 4, "SP-O2": 3})
	long.Organisation = "The Ashcombe Fields Mental Health NHS Foundation Trust"
	g := OrganisationGrid([]*Assessment{period2025(), long})
	if g.RenderFit(0) != g.Render() || g.RenderFit(200) != g.Render() {
		t.Error("a grid that fits should render as Render does")
	}
	const width = 40
	out := g.RenderFit(width)
	heads := strings.SplitN(out, "\n", 2)[0]
	for _, c := range g.Columns {
		if !strings.Contains(heads, c.Short) {
			t.Errorf("measure %s is missing at %d columns:\n%s", c.Short, width, out)
		}
	}
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if strings.HasPrefix(line, "Mean scores") {
			continue // the legend wraps as text
		}
		if n := utf8.RuneCountInString(line); n > width {
			t.Errorf("%d runes wide, over %d: %q", n, width, line)
		}
	}
	if !strings.Contains(out, "The Ashcombe Fields M…") || !strings.Contains(out, "1.0") {
		t.Errorf("the long name should be cut, its scores kept:\n%s", out)
	}
}
