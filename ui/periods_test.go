package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"wgll/criteria"
	"wgll/model"
)

// period is one assessment of a fixture: its period and scores, and its
// actions by title and status (all on WL-O1).
type period struct {
	label   string
	scores  map[string]model.Score
	actions map[string]model.ActionStatus
}

// history is a store holding several periods of one organisation (in the
// order given, so ids follow it) and, with other set, one assessment of
// another organisation.
func history(t *testing.T, other bool, ps ...period) *fakeStore {
	t.Helper()
	f := newFakeStore()
	ctx := context.Background()
	for _, p := range ps {
		a := f.add("Northshire Hospitals NHS FT", p.label)
		a.CareSetting = model.SettingAcute
		for sid, sc := range p.scores {
			if _, err := f.SetScore(ctx, a.ID, sid, sc); err != nil {
				t.Fatal(err)
			}
		}
		for title, st := range p.actions {
			if _, err := f.SaveAction(ctx, a.ID, model.Action{StatementID: "WL-O1", Title: title, Owner: "CIO", Status: st, Priority: model.PriorityHigh}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if other {
		f.add("Southdale Community Trust", "2026/27")
	}
	f.undo, f.calls = nil, nil
	return f
}

// twoYears is the usual compare fixture: WL-O1 improved, WL-O2 regressed,
// WL-O3 newly assessed, SF-O1 no longer scored, one action closed.
func twoYears(t *testing.T) *fakeStore {
	return history(t, false,
		period{"2025/26", map[string]model.Score{"WL-O1": 1, "WL-O2": 3, "SF-O1": 2}, map[string]model.ActionStatus{"Refresh the strategy": model.StatusOpen}},
		period{"2026/27", map[string]model.Score{"WL-O1": 3, "WL-O2": 2, "WL-O3": 4}, map[string]model.ActionStatus{"Refresh the strategy": model.StatusDone}},
	)
}

func (hs *harness) calledWith(prefix string) bool {
	for _, c := range hs.store.calls {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

func TestNewPeriod(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fakeStore)
		keys  []string
		typed string
		after []string
		check func(t *testing.T, hs *harness)
	}{
		{"carries the newest forward to the next period", nil, []string{"n", "enter", "enter", "enter", "enter"}, "", nil, func(t *testing.T, hs *harness) {
			if !hs.calledWith("CarryForward 1 2027/28") {
				t.Fatalf("calls = %v", hs.store.calls)
			}
			a := hs.app.a
			if hs.app.screen != screenOverview || a.Period != "2027/28" || a.CarriedFrom != 1 || a.CareSetting != model.SettingAcute {
				t.Fatalf("screen %v, open %+v", hs.app.screen, a.Header)
			}
			if a.Score("WL-O1") != 0 || a.Previous["WL-O1"] != 2 {
				t.Errorf("scores must start empty with last time's beside them: now %v, last %v", a.Score("WL-O1"), a.Previous["WL-O1"])
			}
			if !strings.Contains(hs.text(), "Started 2027/28 from 2026/27: 1 evidence item(s) to review, 1 open action(s) carried") {
				t.Errorf("status:\n%s", hs.text())
			}
			hs.keys("enter")
			if v := hs.text(); !strings.Contains(v, "Sc  Last") || !strings.Contains(v, "WL-O1   ·   2 ") {
				t.Errorf("measure view has no Last column:\n%s", v)
			}
			hs.keys("enter")
			if v := hs.text(); !strings.Contains(v, "last time: 2 Developing") {
				t.Errorf("statement view lacks last time:\n%s", v)
			}
		}},
		{"start fresh prefills the next period", nil, []string{"n", "right", "enter"}, "", []string{"ctrl+s"}, func(t *testing.T, hs *harness) {
			if !hs.calledWith("CreateAssessment") || hs.calledWith("CarryForward") {
				t.Fatalf("calls = %v", hs.store.calls)
			}
			a := hs.app.a
			if a.Organisation != "Northshire Hospitals NHS FT" || a.Period != "2027/28" || a.Previous != nil {
				t.Errorf("created %+v", a.Header)
			}
		}},
		{"changed criteria list what was not matched", func(f *fakeStore) {
			c := testCriteria()
			c.Measures[0].Statements = c.Measures[0].Statements[:3]
			c.Measures[1].Statements = append(c.Measures[1].Statements, criteria.Statement{ID: "SF-O9", Audience: criteria.Organisation, Text: "New statement."})
			f.nextCrit = c
		}, []string{"n", "enter", "enter", "enter", "enter"}, "", nil, func(t *testing.T, hs *harness) {
			v := hs.text()
			if hs.app.testNotice() == nil || !strings.Contains(v, "WL-O4 (well-led) is not in the new criteria") || !strings.Contains(v, "SF-O9 (smart-foundations) is new") {
				t.Fatalf("no unmatched report:\n%s", v)
			}
			hs.keys("3")
			if hs.app.screen != screenOverview || hs.app.a.Score("WL-O1") != 0 {
				t.Error("keys went past the report")
			}
			hs.keys("enter")
			if hs.app.testNotice() != nil {
				t.Error("enter did not close the report")
			}
		}},
		{"a period already assessed is refused", nil, []string{"n", "enter", "ctrl+u"}, "2026/27", []string{"ctrl+s"}, func(t *testing.T, hs *harness) {
			if hs.calledWith("CarryForward") || !strings.Contains(hs.text(), "2026/27 already has an assessment: choose another period") {
				t.Errorf("calls %v:\n%s", hs.store.calls, hs.text())
			}
		}},
		{"a malformed period is refused", nil, []string{"n", "enter", "ctrl+u"}, "2027/29", []string{"ctrl+s"}, func(t *testing.T, hs *harness) {
			if hs.calledWith("CarryForward") || !strings.Contains(hs.text(), "does not run into the next year") {
				t.Errorf("calls %v:\n%s", hs.store.calls, hs.text())
			}
		}},
		{"esc cancels", nil, []string{"n", "esc"}, "", nil, func(t *testing.T, hs *harness) {
			if hs.app.topForm() != nil || hs.app.screen != screenOverview || hs.calledWith("CarryForward") || hs.calledWith("Create") {
				t.Errorf("form %v screen %v calls %v", hs.app.topForm(), hs.app.screen, hs.store.calls)
			}
		}},
		{"a store error shows in the status line", func(f *fakeStore) { f.failWith = errors.New("disk full") }, []string{"n", "enter", "ctrl+s"}, "", nil, func(t *testing.T, hs *harness) {
			if !strings.Contains(hs.text(), "✗ carry 2026/27 forward: disk full") || hs.app.a.Period != "2026/27" {
				t.Errorf("view:\n%s", hs.text())
			}
			if f := hs.app.topForm(); f == nil || f.kind != formCarry || !strings.Contains(f.err, "disk full") {
				t.Errorf("the form should be back with the error:\n%s", hs.text())
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := seeded(t)
			f.assessments[1].CareSetting = model.SettingAcute
			if tt.setup != nil {
				tt.setup(f)
			}
			hs := newHarness(t, f, 100, 30)
			hs.keys(tt.keys...)
			hs.typeText(tt.typed)
			hs.keys(tt.after...)
			tt.check(t, hs)
		})
	}
}

func TestNewPeriodFromPicker(t *testing.T) {
	f := history(t, true, period{label: "2025/26"}, period{label: "2026/27"})
	hs := newHarness(t, f, 100, 30)
	if hs.app.screen != screenPicker {
		t.Fatalf("screen %v", hs.app.screen)
	}
	// The first item is the older period; the default is still the newest.
	hs.keys("n")
	if f := hs.app.topForm(); f == nil || f.kind != formStart || f.fields[0].value() != "2" || len(f.fields[0].choices) != 3 {
		t.Fatalf("start dialog %+v", hs.app.topForm())
	}
	hs.keys("esc", "G", "n")
	if f := hs.app.topForm(); f == nil || len(f.fields[0].choices) != 2 || !strings.Contains(hs.text(), "Southdale Community Trust") {
		t.Fatalf("start dialog for the highlighted organisation:\n%s", hs.text())
	}
	hs.keys("right", "enter", "esc")
	if hs.app.screen != screenPicker || hs.app.topForm() != nil {
		t.Errorf("esc on the form from the picker should go back to it: screen %v", hs.app.screen)
	}
}

func TestCompareScreen(t *testing.T) {
	f := twoYears(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("G", "enter", "c")
	if hs.app.screen != screenCompare {
		t.Fatalf("screen %v:\n%s", hs.app.screen, hs.text())
	}
	v := hs.text()
	for _, want := range []string{
		"› Compare with 2025/26", "What moved from 2025/26 to 2026/27", "▲ 1 improved", "▼ 1 regressed", "+ 1 newly assessed",
		"- 1 scored last time, not now", "✓ 1 action(s) closed",
		"Well led                              2.0      3.0    ▲ +1.0",
		"Ensure smart foundations              2.0        –         –",
		"Between 2025/26 and 2026/27 the overall mean",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("compare lacks %q:\n%s", want, v)
		}
	}
	hs.keys("G")
	v = hs.text()
	for _, want := range []string{"Actions closed since 2025/26 (1)", "WL-O1   Refresh the strategy — CIO (was open)", "Unmatched statements (0)", "of "} {
		if !strings.Contains(v, want) {
			t.Errorf("end of compare lacks %q:\n%s", want, v)
		}
	}
	all := ansi.Strip(strings.Join(hs.app.sc.compare.lines(hs.app), "\n"))
	for _, want := range []string{"WL-O1   1 → 3  ▲ +2", "WL-O2   3 → 2  ▼ -1", "WL-O3   · → 4", "SF-O1   2 → ·", "Still unassessed (3)"} {
		if !strings.Contains(all, want) {
			t.Errorf("compare lines lack %q:\n%s", want, all)
		}
	}
	hs.keys("g")
	if hs.app.sc.compare.rep.scroll.offset() != 0 {
		t.Errorf("home left offset %d", hs.app.sc.compare.rep.scroll.offset())
	}
	hs.keys("j", "j")
	if hs.app.sc.compare.rep.scroll.offset() != 2 {
		t.Errorf("j j: offset %d", hs.app.sc.compare.rep.scroll.offset())
	}
	hs.keys("esc")
	if hs.app.screen != screenOverview {
		t.Errorf("esc: screen %v", hs.app.screen)
	}
}

func TestCompareChoosesEarlier(t *testing.T) {
	tests := []struct {
		name     string
		open     []string // keys in the picker
		keys     []string
		wantFrom string
		status   string
	}{
		{"default is the period before", []string{"G", "enter"}, []string{"c", "enter"}, "2025/26", ""},
		{"another earlier period can be chosen", []string{"G", "enter"}, []string{"c", "right", "enter"}, "2024/25", ""},
		{"only one earlier: no question", []string{"j", "enter"}, []string{"c"}, "2024/25", ""},
		{"the first period has nothing to compare with", []string{"enter"}, []string{"c"}, "", "Nothing earlier to compare with"},
		{"esc cancels", []string{"G", "enter"}, []string{"c", "esc"}, "", "Cancelled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := history(t, true, period{label: "2024/25"}, period{label: "2025/26"}, period{label: "2026/27"})
			hs := newHarness(t, f, 80, 24)
			hs.keys(tt.open...)
			if tt.open[0] == "G" {
				// The other organisation is last; the newest period is above it.
				hs.keys("esc", "G", "k", "enter")
			}
			hs.keys(tt.keys...)
			if tt.wantFrom == "" {
				if hs.app.screen == screenCompare || !strings.Contains(hs.text(), tt.status) {
					t.Fatalf("screen %v:\n%s", hs.app.screen, hs.text())
				}
				return
			}
			if hs.app.screen != screenCompare || hs.app.sc.compare.cmp.From.Period != tt.wantFrom || hs.app.sc.compare.cmp.To.ID != hs.app.a.ID {
				t.Fatalf("screen %v, compare %+v", hs.app.screen, hs.app.sc.compare.cmp)
			}
		})
	}
}

func TestTrendScreen(t *testing.T) {
	f := history(t, true,
		period{label: "2024/25", scores: map[string]model.Score{"WL-O1": 1, "WL-O2": 1}},
		period{label: "2025/26", scores: map[string]model.Score{"WL-O1": 2, "WL-O2": 3}},
		period{label: "2026/27", scores: map[string]model.Score{"WL-O1": 4, "WL-O2": 4, "SF-O1": 3}},
	)
	hs := newHarness(t, f, 80, 24)
	hs.keys("G", "k", "enter", "t")
	if hs.app.screen != screenTrend {
		t.Fatalf("screen %v:\n%s", hs.app.screen, hs.text())
	}
	v := hs.text()
	for _, want := range []string{"› Trend", "Trend over 3 periods: 2024/25 to 2026/27", "2024/25  2025/26  2026/27",
		"Well led                  ▁▃▆        1.0      2.5      4.0    ▲ +3.0",
		"Ensure smart foundations  ··▄          –        –      3.0         –",
		"Overall                   ▁▃▅        1.0      2.5      3.5    ▲ +2.5",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("trend lacks %q:\n%s", want, v)
		}
	}
	hs.keys("G")
	if v := hs.text(); !strings.Contains(v, "2026/27 ██████████████████████████████") || !strings.Contains(v, "Overall") {
		t.Errorf("end of trend lacks the bars:\n%s", v)
	}
	hs.keys("esc", "esc", "G", "enter", "t")
	if hs.app.screen == screenTrend || !strings.Contains(hs.text(), "A trend needs two or more periods of Southdale Community Trust") {
		t.Errorf("one period: screen %v\n%s", hs.app.screen, hs.text())
	}
}

func TestWrapWords(t *testing.T) {
	tests := []struct {
		s    string
		w    int
		want []string
	}{
		{"improved: WL-O1 (1→3), SF-O2 (3→4).", 20, []string{"improved: WL-O1", "(1→3), SF-O2 (3→4)."}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"  ", 10, nil},
	}
	for _, tt := range tests {
		if got := wrapWords(tt.s, tt.w); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
	}
}

func TestHbar(t *testing.T) {
	tests := []struct {
		v    float64
		w    int
		want string
	}{
		{5, 10, "██████████"},
		{2.5, 10, "█████     "},
		{1, 4, "▊   "},
		{0, 3, "   "},
		{9, 3, "███"},
	}
	for _, tt := range tests {
		if got := hbar(tt.v, 5, tt.w); got != tt.want {
			t.Errorf("hbar(%v, 5, %d) = %q, want %q", tt.v, tt.w, got, tt.want)
		}
	}
}

func TestMoveText(t *testing.T) {
	tests := []struct {
		from, to float64
		want     string
	}{
		{2.83, 3.25, "▲ +0.5"},
		{3.0, 2.7, "▼ -0.3"},
		{2.04, 2.01, "= 0.0"},
		{1, 5, "▲ +4.0"},
	}
	for _, tt := range tests {
		if got := moveText(model.ShownChange(tt.from, tt.to, 1)); got != tt.want {
			t.Errorf("move %v→%v = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// testBenchmark is a hand-made benchmark with acute means for two measures.
func testBenchmark() *model.Benchmark {
	return &model.Benchmark{Year: 2025, National: map[model.CareSetting]model.Means{
		model.SettingAcute: {Setting: model.SettingAcute, Entries: 134, Scores: model.MeasureScores{"well-led": 2.83, "smart-foundations": 2.645}},
	}}
}

func TestBenchmarkColumn(t *testing.T) {
	tests := []struct {
		name    string
		setting model.CareSetting
		bench   *model.Benchmark
		w, h    int
		want    []string
		not     []string
	}{
		{"acute shows the national mean", model.SettingAcute, testBenchmark(), 80, 24,
			[]string{"DMA 2025", "2.5     2.83     2/4", "4.0     2.65     1/3", "   –     0/0", "DMA 2025: national mean, acute trusts, 2025 (DMA scale"}, nil},
		{"narrow screens keep Done and drop the benchmark", model.SettingAcute, testBenchmark(), 60, 16, []string{"Done", "2/4"}, []string{"DMA 2025", "2.83"}},
		{"no care setting, no column", model.SettingNone, testBenchmark(), 80, 24, []string{"Done"}, []string{"DMA"}},
		{"a setting the benchmark lacks, no column", model.SettingCommunity, testBenchmark(), 80, 24, nil, []string{"DMA"}},
		{"no benchmark, no column", model.SettingAcute, nil, 80, 24, nil, []string{"DMA"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, a := seeded(t)
			f.assessments[a.ID].CareSetting = tt.setting
			hs := newHarness(t, f, tt.w, tt.h, func(c *Config) { c.Benchmark = tt.bench })
			v := hs.text()
			for _, w := range tt.want {
				if !strings.Contains(v, w) {
					t.Errorf("overview lacks %q:\n%s", w, v)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(v, w) {
					t.Errorf("overview has %q:\n%s", w, v)
				}
			}
		})
	}
}

func TestNewKeysInHelp(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 120, 40)
	hs.keys("?")
	v := hs.text()
	km := DefaultKeyMap()
	for _, b := range []key.Binding{km.Export, km.Compare, km.Trend, km.New} {
		if h := b.Help(); !strings.Contains(v, h.Key+" "+h.Desc) {
			t.Errorf("help lacks %q:\n%s", h.Key+" "+h.Desc, v)
		}
	}
}

func TestNextPeriod(t *testing.T) {
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	tests := []struct{ in, want string }{
		{"2026/27", "2027/28"},
		{"2099/00", "2100/01"},
		{"2026", "2027"},
		{"Spring review", "2026/27"},
	}
	for _, tt := range tests {
		if got := nextPeriod(tt.in, now); got != tt.want {
			t.Errorf("nextPeriod(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
