package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"wgll/criteria"
	"wgll/model"
)

// threeYears is the trend and golden fixture: three periods of one trust,
// the newest carried forward from the one before.
func threeYears(t *testing.T) *fakeStore {
	f := history(t, false,
		period{"2024/25", map[string]model.Score{"WL-O1": 1, "WL-O2": 2, "SF-O1": 2}, map[string]model.ActionStatus{"Refresh the strategy": model.StatusOpen}},
		period{"2025/26", map[string]model.Score{"WL-O1": 1, "WL-O2": 3, "WL-O4": 2, "SF-O1": 2, "SF-O2": 3}, map[string]model.ActionStatus{"Refresh the strategy": model.StatusOpen, "Train the board": model.StatusOpen}},
		period{"2026/27", map[string]model.Score{"WL-O1": 3, "WL-O2": 2, "WL-O3": 4, "SF-O2": 4}, map[string]model.ActionStatus{"Refresh the strategy": model.StatusDone, "Train the board": model.StatusInProgress}},
	)
	byPeriod := map[string]*model.Assessment{}
	for _, a := range f.assessments {
		byPeriod[a.Period] = a
	}
	a := byPeriod["2026/27"]
	a.CarriedFrom = byPeriod["2025/26"].ID
	a.Previous = map[string]model.Score{"WL-O1": 1, "WL-O2": 3, "WL-O4": 2, "SF-O1": 2, "SF-O2": 3}
	return f
}

// TestGoldenYearOnYear pins the year-on-year screens at 80x24 without
// colour: compare, trend, the overview with the national benchmark, and
// the measure view with last time's scores.
func TestGoldenYearOnYear(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"compare", []string{"c", "enter"}},
		{"compare_scrolled", []string{"c", "enter", "pgdown"}},
		{"trend", []string{"t"}},
		{"overview_benchmark", nil},
		{"measure_last_time", []string{"enter"}},
		{"start_dialog", []string{"n"}},
		{"carry_form", []string{"n", "enter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := threeYears(t)
			hs := newHarness(t, f, 80, 24, func(c *Config) { c.Benchmark = testBenchmark() })
			hs.keys("G", "enter")
			hs.keys(tt.keys...)
			golden.RequireEqual(t, hs.view())
		})
	}
}

// TestYearOnYearLayoutFits checks the new screens and dialogs fill the
// terminal exactly at the sizes the app supports.
func TestYearOnYearLayoutFits(t *testing.T) {
	sizes := []struct{ w, h int }{{60, 16}, {80, 24}, {120, 40}, {200, 60}}
	paths := [][]string{nil, {"enter"}, {"enter", "enter"}, {"c", "enter"}, {"c", "enter", "G"}, {"t"}, {"t", "G"}, {"n"}, {"n", "enter"}, {"x"}, {"n", "enter", "ctrl+s"}}
	for _, sz := range sizes {
		for _, p := range paths {
			f := threeYears(t)
			f.nextCrit = testCriteria()
			f.nextCrit.Measures[0].Statements = f.nextCrit.Measures[0].Statements[:2]
			hs := newHarness(t, f, sz.w, sz.h, func(c *Config) {
				c.Benchmark = testBenchmark()
				c.Export = func(context.Context, ExportRequest) ([]string, error) { return nil, nil }
			})
			hs.keys("G", "enter")
			hs.keys(p...)
			lines := strings.Split(hs.view(), "\n")
			if len(lines) != sz.h {
				t.Errorf("%dx%d %v: %d lines", sz.w, sz.h, p, len(lines))
			}
			for i, l := range lines {
				if w := lipWidth(l); w > sz.w {
					t.Errorf("%dx%d %v: line %d is %d wide: %q", sz.w, sz.h, p, i, w, l)
				}
			}
		}
	}
}

// TestHostileStringsOnYearOnYearScreens stores escape sequences, bidi
// controls and carriage returns in everything the new screens and dialogs
// draw, and checks none reaches the terminal.
func TestHostileStringsOnYearOnYearScreens(t *testing.T) {
	hostile := "A\x1b[2JB\x1b]52;c;ZXZpbA==\x07C\x1b]0;pwned\x07D\rE\aF\u202eG"
	setting := model.CareSetting(hostile)
	build := func() *fakeStore {
		f := newFakeStore()
		c := f.crit
		for i := range c.Scale {
			c.Scale[i].Label += hostile
		}
		for i := range c.Measures {
			c.Measures[i].Name += hostile
			for j := range c.Measures[i].Statements {
				c.Measures[i].Statements[j].Text += hostile
				c.Measures[i].Statements[j].ID += hostile
			}
		}
		next := testCriteria()
		next.Measures[0].Name = "Renamed" + hostile
		next.Measures[1].Statements = append(next.Measures[1].Statements, criteria.Statement{ID: "NEW" + hostile, Audience: criteria.Organisation, Text: hostile})
		f.nextCrit = next
		ctx := context.Background()
		var ids []int64
		for i, p := range []string{"2025/26" + hostile, "2026/27" + hostile} {
			h, _ := f.CreateAssessment(ctx, model.Header{Organisation: "Org" + hostile, Audience: criteria.Organisation, Period: p, CareSetting: setting}, nil)
			ids = append(ids, h.ID)
			sid := c.Measures[0].Statements[i].ID
			f.SetScore(ctx, h.ID, sid, model.Score(2+i))
			f.SaveAction(ctx, h.ID, model.Action{StatementID: c.Measures[0].Statements[0].ID, Title: hostile, Owner: hostile, Status: []model.ActionStatus{model.StatusOpen, model.StatusDone}[i]})
			f.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sid, Title: hostile})
		}
		f.assessments[ids[1]].Previous = map[string]model.Score{c.Measures[0].Statements[0].ID: 2}
		return f
	}
	bench := &model.Benchmark{Year: 2025, National: map[model.CareSetting]model.Means{setting: {Scores: model.MeasureScores{"well-led": 2.5}}}}
	export := func(context.Context, ExportRequest) ([]string, error) {
		return []string{hostile, hostile}, nil
	}
	paths := [][]string{
		nil, {"enter"}, {"enter", "enter"}, {"c"}, {"c", "G"}, {"c", "pgdown"}, {"t"}, {"t", "G"}, {"n"}, {"n", "enter"},
		{"n", "enter", "ctrl+s"}, {"n", "enter", "ctrl+s", "G"}, {"n", "right", "enter"}, {"x"}, {"x", "ctrl+s"}, {"x", "tab", "tab", "ctrl+u", "enter"},
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for _, p := range paths {
			hs := newHarness(t, build(), size[0], size[1], func(c *Config) { c.Benchmark = bench; c.Export = export })
			hs.keys("G", "enter")
			hs.keys(p...)
			out := sgr.ReplaceAllString(hs.view(), "")
			checkClean(t, strings.Join(p, " "), out)
			if strings.Contains(out, "pwned") || strings.Contains(out, "ZXZpbA") {
				t.Errorf("%v: escape-sequence payload reached the screen", p)
			}
			if p != nil && p[0] == "c" && hs.app.screen != screenCompare {
				t.Errorf("%v: the compare screen did not open", p)
			}
			if p != nil && p[0] == "t" && hs.app.screen != screenTrend {
				t.Errorf("%v: the trend screen did not open", p)
			}
		}
	}
}
