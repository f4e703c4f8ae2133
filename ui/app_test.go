package ui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"wgll/criteria"
	"wgll/data/export"
	"wgll/model"
)

// harness drives an App without a program: it runs each command a message
// returns and feeds the results back, as the runtime would. Timers do not
// sleep: they are kept in pending for the test to fire.
type harness struct {
	t       *testing.T
	app     *App
	store   *fakeStore
	pending []tea.Msg
	// slow, when set, lets a command still running after it (an export
	// waiting on its context) go on in the background; what it returns
	// comes on late, for the test to send.
	slow time.Duration
	late chan tea.Msg
}

func newHarness(t *testing.T, store *fakeStore, w, h int, opts ...func(*Config)) *harness {
	t.Helper()
	hs := &harness{t: t, store: store}
	cfg := Config{Store: store, CriteriaTOML: []byte("# test"), Now: func() time.Time { return store.now }, NoColor: true,
		// The export package's one list, as the program passes it.
		ExportFormats: func(what string) []string { return export.FormatNames(export.Kind(what)) }}
	for _, o := range opts {
		o(&cfg)
	}
	hs.app = New(cfg)
	hs.app.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { hs.pending = append(hs.pending, msg); return nil }
	}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.app.Init())
	return hs
}

// run executes cmd and everything it leads to.
func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	wait := 5 * time.Second
	if hs.slow > 0 {
		wait = hs.slow
	}
	select {
	case msg = <-done:
	case <-time.After(wait):
		if hs.slow == 0 {
			hs.t.Fatal("a command blocked for 5s")
		}
		go func() { hs.late <- <-done }()
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			hs.run(c)
		}
	case tea.QuitMsg:
		hs.pending = append(hs.pending, msg)
	default:
		if isTerminalQuery(msg) {
			return
		}
		hs.send(msg)
	}
}

// isTerminalQuery reports messages that only a real terminal answers.
func isTerminalQuery(msg tea.Msg) bool {
	s := strings.ToLower(sprintT(msg))
	return strings.Contains(s, "backgroundcolor")
}

func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	_, cmd := hs.app.Update(msg)
	hs.run(cmd)
}

// keys sends key presses: single characters, or names like "enter".
func (hs *harness) keys(ks ...string) {
	hs.t.Helper()
	for _, k := range ks {
		hs.send(keyMsg(k))
	}
}

// typeText types s one character at a time.
func (hs *harness) typeText(s string) {
	hs.t.Helper()
	for _, r := range s {
		hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// fire delivers pending timer messages of the given kind.
func (hs *harness) fire(match func(tea.Msg) bool) int {
	n := 0
	var keep []tea.Msg
	msgs := hs.pending
	hs.pending = nil
	for _, m := range msgs {
		if match(m) {
			n++
			hs.send(m)
		} else {
			keep = append(keep, m)
		}
	}
	hs.pending = append(keep, hs.pending...)
	return n
}

func (hs *harness) view() string { return hs.app.View().Content }

// text is the view without the app's own styling.
func (hs *harness) text() string { return ansi.Strip(hs.view()) }

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// seeded is a store with one assessment holding a little of everything.
func seeded(t *testing.T) (*fakeStore, *model.Assessment) {
	t.Helper()
	f := newFakeStore()
	a := f.add("Northshire Hospitals NHS FT", "2026/27")
	ctx := context.Background()
	for sid, sc := range map[string]model.Score{"WL-O1": 2, "WL-O2": 3, "SF-O1": 4} {
		if _, err := f.SetScore(ctx, a.ID, sid, sc); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.SetRationale(ctx, a.ID, "WL-O1", "Strategy approved in March.", 1); err != nil {
		t.Fatal(err)
	}
	f.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: "WL-O1", Title: "Board paper 2026-03", Link: "item 7"})
	f.SaveAction(ctx, a.ID, model.Action{StatementID: "WL-O1", Title: "Refresh the strategy", Owner: "CIO",
		Due: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), Status: model.StatusOpen, Priority: model.PriorityHigh})
	f.undo, f.calls = nil, nil
	return f, a
}

func TestStartOpensSetupPickerOrAssessment(t *testing.T) {
	tests := []struct {
		name   string
		n      int
		screen screenID
		want   string
	}{
		{"empty workbook asks for a new assessment", 0, screenSetup, "New assessment"},
		{"one assessment opens straight away", 1, screenOverview, "Heatmap for the organisation statements"},
		{"several assessments show the picker", 2, screenPicker, "Assessments in this workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeStore()
			for i := 0; i < tt.n; i++ {
				f.add("Trust", []string{"2025/26", "2026/27"}[i])
			}
			hs := newHarness(t, f, 80, 24)
			if hs.app.screen != tt.screen {
				t.Fatalf("screen = %v, want %v", hs.app.screen, tt.screen)
			}
			if v := hs.text(); !strings.Contains(v, tt.want) {
				t.Errorf("view lacks %q:\n%s", tt.want, v)
			}
		})
	}
}

func TestSetupFormCreatesAssessment(t *testing.T) {
	tests := []struct {
		name    string
		org     string
		period  string
		wantErr string
	}{
		{"valid", "Northshire FT", "", ""},
		{"organisation missing", "", "", "organisation is required"},
		{"period not consecutive", "X", "2026/29", "does not run into the next year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeStore()
			hs := newHarness(t, f, 80, 24)
			hs.typeText(tt.org)
			if tt.period != "" {
				hs.keys("tab", "tab")
				for range 7 {
					hs.keys("backspace")
				}
				hs.typeText(tt.period)
			}
			hs.keys("ctrl+s")
			if tt.wantErr != "" {
				if !strings.Contains(hs.text(), tt.wantErr) {
					t.Fatalf("want error %q in view:\n%s", tt.wantErr, hs.view())
				}
				if len(f.assessments) != 0 {
					t.Fatal("an invalid form created an assessment")
				}
				return
			}
			if len(f.assessments) != 1 || hs.app.screen != screenOverview {
				t.Fatalf("assessments = %d, screen = %v", len(f.assessments), hs.app.screen)
			}
			a := f.assessments[1]
			if a.Organisation != tt.org || a.Period != "2026/27" {
				t.Errorf("created %q %q, want %q 2026/27 (the financial year of 15 June 2026)", a.Organisation, a.Period, tt.org)
			}
		})
	}
}

func TestMeasureScoringOneKeyPerStatement(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		want  map[string]model.Score
		after int // cursor afterwards
	}{
		{"score three in a row", []string{"enter", "5", "4", "1"}, map[string]model.Score{"WL-O1": 5, "WL-O2": 4, "WL-O3": 1}, 3},
		{"zero clears", []string{"enter", "0"}, map[string]model.Score{"WL-O1": 0}, 1},
		{"above the scale is refused", []string{"enter", "7"}, map[string]model.Score{"WL-O1": 2}, 0},
		{"j moves without scoring", []string{"enter", "j", "j", "3"}, map[string]model.Score{"WL-O3": 3, "WL-O1": 2}, 3},
		// Scoring the last statement of a measure goes on to the next
		// measure, so a second press scores SF-O1 instead of overwriting
		// WL-O4 (the defect: it overwrote silently).
		{"last statement moves to the next measure", []string{"enter", "G", "2", "3"}, map[string]model.Score{"WL-O4": 2, "SF-O1": 3}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, a := seeded(t)
			hs := newHarness(t, f, 80, 24)
			hs.keys(tt.keys...)
			for sid, want := range tt.want {
				if got := f.assessments[a.ID].Score(sid); got != want {
					t.Errorf("stored score of %s = %v, want %v", sid, got, want)
				}
				if got := hs.app.a.Score(sid); got != want {
					t.Errorf("shown score of %s = %v, want %v", sid, got, want)
				}
			}
			if tt.name == "last statement moves to the next measure" {
				if hs.app.measureIdx != 1 || hs.app.stmtIdx != tt.after || !strings.Contains(hs.text(), "Ensure smart foundations") {
					t.Errorf("measure %d statement %d, want measure 1 statement %d:\n%s", hs.app.measureIdx, hs.app.stmtIdx, tt.after, hs.text())
				}
				return
			}
			if hs.app.stmtIdx != tt.after {
				t.Errorf("cursor = %d, want %d", hs.app.stmtIdx, tt.after)
			}
		})
	}
}

func TestStatementEditing(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		text  string
		check func(t *testing.T, f *fakeStore, a *model.Assessment, hs *harness)
	}{
		{"rationale saved on esc", []string{"enter", "enter", "enter"}, " More detail.", func(t *testing.T, f *fakeStore, a *model.Assessment, hs *harness) {
			hs.keys("esc")
			if got := f.assessments[a.ID].Responses["WL-O1"].Rationale; got != "Strategy approved in March. More detail." {
				t.Errorf("rationale = %q", got)
			}
			if hs.app.editing() {
				t.Error("editor still open")
			}
		}},
		{"evidence added with e", []string{"enter", "enter", "e"}, "Minutes", func(t *testing.T, f *fakeStore, a *model.Assessment, hs *harness) {
			hs.keys("tab")
			hs.typeText("Shows the vote")
			hs.keys("ctrl+s")
			ev := f.assessments[a.ID].Evidence["WL-O1"]
			if len(ev) != 2 || ev[1].Title != "Minutes" || ev[1].Detail != "Shows the vote" {
				t.Fatalf("evidence = %+v", ev)
			}
			if hs.app.topForm() != nil || !strings.Contains(hs.text(), "Evidence (2)") {
				t.Errorf("form still open or count not updated:\n%s", hs.view())
			}
		}},
		{"action due date validated", []string{"enter", "enter", "a"}, "Train the board", func(t *testing.T, f *fakeStore, a *model.Assessment, hs *harness) {
			hs.keys("tab", "tab")
			hs.typeText("31/13/2026")
			hs.keys("ctrl+s")
			if !strings.Contains(hs.text(), "is not a date: write it as 2027-03-31") {
				t.Fatalf("no validation message:\n%s", hs.view())
			}
			for range 10 {
				hs.keys("backspace")
			}
			// 31/12/2026 was refused (the defect); every typed form reads.
			hs.typeText("31/12/2026")
			hs.keys("tab", "right", "tab", "right", "ctrl+s")
			acts := f.assessments[a.ID].Actions["WL-O1"]
			if len(acts) != 2 {
				t.Fatalf("actions = %+v", acts)
			}
			x := acts[1]
			if x.Title != "Train the board" || model.FormatDate(x.Due) != "2026-12-31" || x.Status != model.StatusInProgress || x.Priority != model.PriorityLow {
				t.Errorf("action = %+v", x)
			}
		}},
		{"delete asks first", []string{"enter", "enter", "tab", "d"}, "", func(t *testing.T, f *fakeStore, a *model.Assessment, hs *harness) {
			if !strings.Contains(hs.text(), "Delete evidence") {
				t.Fatalf("no confirmation:\n%s", hs.view())
			}
			hs.keys("n")
			if len(f.assessments[a.ID].Evidence["WL-O1"]) != 1 {
				t.Fatal("n deleted")
			}
			hs.keys("d", "y")
			if len(f.assessments[a.ID].Evidence["WL-O1"]) != 0 || len(hs.app.a.Evidence["WL-O1"]) != 0 {
				t.Fatal("y did not delete")
			}
		}},
		{"status cycles with s", []string{"enter", "enter", "tab", "tab", "s"}, "", func(t *testing.T, f *fakeStore, a *model.Assessment, hs *harness) {
			if got := f.assessments[a.ID].Actions["WL-O1"][0].Status; got != model.StatusInProgress {
				t.Errorf("status = %v", got)
			}
		}},
		{"score keys work on the statement", []string{"enter", "enter", "4"}, "", func(t *testing.T, f *fakeStore, a *model.Assessment, hs *harness) {
			if got := f.assessments[a.ID].Score("WL-O1"); got != 4 {
				t.Errorf("score = %v", got)
			}
			if !strings.Contains(hs.text(), "▶ 4 Managed") {
				t.Errorf("current level not highlighted:\n%s", hs.view())
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, a := seeded(t)
			hs := newHarness(t, f, 80, 24)
			hs.keys(tt.keys...)
			hs.typeText(tt.text)
			tt.check(t, f, a, hs)
		})
	}
}

func TestNavigationAndHelp(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	steps := []struct {
		keys   []string
		screen screenID
		crumb  string
	}{
		{[]string{"j", "enter"}, screenMeasure, "› Ensure smart foundations"},
		{[]string{"esc", "k", "enter"}, screenMeasure, "› Well led"},
		{[]string{"j", "enter"}, screenStatement, "› Well led › WL-O2"},
		{[]string{"esc", "esc"}, screenOverview, "Northshire Hospitals NHS FT · 2026/27"},
	}
	for _, s := range steps {
		hs.keys(s.keys...)
		if hs.app.screen != s.screen || !strings.Contains(strings.Split(hs.text(), "\n")[0], s.crumb) {
			t.Fatalf("after %v: screen %v, top line %q, want %v %q", s.keys, hs.app.screen, strings.Split(hs.text(), "\n")[0], s.screen, s.crumb)
		}
	}
	hs.keys("?")
	if !strings.Contains(hs.text(), "Keys") || !strings.Contains(hs.text(), "add evidence") {
		t.Fatalf("help overlay missing:\n%s", hs.view())
	}
	// The overlay closes on esc, ? or q, and q there never quits (the
	// defect: ? then q ended the session in front of the room).
	for _, k := range []string{"esc", "?", "q"} {
		hs.keys("?")
		hs.keys(k)
		if hs.app.helpOpen() {
			t.Fatalf("%s did not close help", k)
		}
		for _, m := range hs.pending {
			if _, ok := m.(tea.QuitMsg); ok {
				t.Fatalf("? then %s quit the app", k)
			}
		}
	}
	hs.keys("q")
	if len(hs.pending) == 0 {
		t.Fatal("q did not quit")
	}
}

func TestErrorsShowInStatusLine(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	f.failWith = errors.New("disk full")
	hs.keys("enter", "3")
	if !strings.Contains(hs.text(), "disk full") {
		t.Fatalf("error not shown:\n%s", hs.view())
	}
	if f.assessments[a.ID].Score("WL-O1") != 2 {
		t.Fatal("score changed despite error")
	}
}

func TestTooSmall(t *testing.T) {
	tests := []struct{ w, h int }{{59, 24}, {80, 15}, {20, 5}}
	for _, tt := range tests {
		f, _ := seeded(t)
		hs := newHarness(t, f, tt.w, tt.h)
		v := hs.view()
		if !strings.Contains(strings.ReplaceAll(v, "\n", " "), "nlarge") {
			t.Errorf("%dx%d: no request to enlarge:\n%s", tt.w, tt.h, v)
		}
		if strings.Contains(v, "Heatmap") {
			t.Errorf("%dx%d: drew the screen anyway", tt.w, tt.h)
		}
	}
}

// TestLayoutFits checks every screen at several sizes fits the terminal.
func TestLayoutFits(t *testing.T) {
	sizes := []struct{ w, h int }{{60, 16}, {80, 24}, {120, 40}, {200, 60}}
	paths := [][]string{nil, {"enter"}, {"enter", "enter"}, {"enter", "enter", "tab"}, {"enter", "enter", "tab", "tab"}, {"enter", "enter", "e"}, {"?"}}
	for _, sz := range sizes {
		for _, p := range paths {
			f, _ := seeded(t)
			hs := newHarness(t, f, sz.w, sz.h)
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

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"overview", nil},
		{"measure", []string{"enter"}},
		{"statement", []string{"enter", "enter"}},
		{"statement_actions", []string{"enter", "enter", "tab", "tab"}},
		{"evidence_form", []string{"enter", "enter", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := seeded(t)
			hs := newHarness(t, f, 80, 24)
			hs.keys(tt.keys...)
			golden.RequireEqual(t, hs.view())
		})
	}
}

func TestRenderHeatmapPlain(t *testing.T) {
	f, a := seeded(t)
	out := RenderHeatmap(f.assessments[a.ID], 80, false, f.now)
	if strings.ContainsRune(out, 0x1b) {
		t.Fatalf("plain heatmap has escapes: %q", out)
	}
	for _, want := range []string{"Well led", " 2  3  ·  · ", "2.5", "2/4", "1 (1 overdue)", "Overall", "Optimised", "Not assessed"} {
		if !strings.Contains(out, want) {
			t.Errorf("heatmap lacks %q:\n%s", want, out)
		}
	}
	if c := RenderHeatmap(f.assessments[a.ID], 80, true, f.now); !strings.ContainsRune(c, 0x1b) {
		t.Error("colour heatmap has no colour")
	}
}

// sgr matches the app's own styling sequences.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func TestHostileStringsNeverReachTheTerminal(t *testing.T) {
	hostile := "A\x1b[2JB\x1b]52;c;ZXZpbA==\x07C\x1b]0;pwned\x07D\rE\aF\u202eG"
	f := newFakeStore()
	f.crit = testCriteria()
	c := f.crit
	c.Framework.NotAssessed = hostile
	for i := range c.Scale {
		c.Scale[i].Label += hostile
		c.Scale[i].Descriptor += hostile
	}
	for i := range c.Measures {
		c.Measures[i].Name += hostile
		c.Measures[i].SuccessMeasure += hostile
		for j := range c.Measures[i].Statements {
			s := &c.Measures[i].Statements[j]
			s.Text += hostile
			s.Guidance += hostile
			s.Checklist = []criteria.LevelElements{{Level: 2, Elements: []string{hostile, "Met" + hostile}}, {Level: 3, Elements: []string{hostile}}}
			s.Resources = []criteria.Resource{{Title: hostile, Kind: criteria.ResourceKind(hostile), URL: "https://x.example/" + hostile, Note: hostile}}
		}
	}
	a := f.add("Org"+hostile, "2026/27"+hostile)
	a.CareSetting = model.CareSetting(hostile)
	ctx := context.Background()
	f.SetScore(ctx, a.ID, "WL-O1", 3)
	f.SetRationale(ctx, a.ID, "WL-O1", hostile, 1)
	f.SetTick(ctx, a.ID, "WL-O1", 2, 1, true)
	r := f.assessments[a.ID].Responses["WL-O1"]
	f.SetScoreReason(ctx, a.ID, "WL-O1", hostile, r.Version)
	f.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: "WL-O1", Title: hostile, Detail: hostile, Link: hostile, AddedBy: hostile})
	f.SaveAction(ctx, a.ID, model.Action{StatementID: "WL-O1", Title: hostile, Owner: hostile, Status: model.ActionStatus(hostile), Priority: model.Priority(hostile)})
	f.drafts["rationale/1/WL-O1"] = model.Draft{Key: "rationale/1/WL-O1", AssessmentID: a.ID, Label: hostile, Text: hostile}
	f.add("Second"+hostile, "2027/28"+hostile)

	paths := [][]string{
		nil, {"esc"}, {"r"}, {"d"}, {"d", "enter"}, {"d", "enter", "enter"}, {"d", "enter", "enter", "enter"},
		{"d", "enter", "enter", "tab"}, {"d", "enter", "enter", "tab", "enter"}, {"d", "enter", "enter", "tab", "d"}, {"d", "enter", "enter", "tab", "enter", "enter"}, {"d", "enter", "enter", "tab", "tab", "enter", "enter"}, {"d", "/", "A"},
		{"d", "enter", "enter", "tab", "tab"}, {"d", "enter", "enter", "tab", "tab", "enter"}, {"d", "?"},
		{"d", "enter", "enter", "tab", "tab", "tab"}, {"d", "enter", "enter", "tab", "tab", "tab", "w"},
		{"d", "enter", "enter", "tab", "tab", "tab", "tab"}, {"d", "enter", "enter", "o", "o"},
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for _, p := range paths {
			hs := newHarness(t, f, size[0], size[1])
			if hs.app.screen == screenPicker {
				hs.keys("enter")
			}
			hs.keys(p...)
			out := sgr.ReplaceAllString(hs.view(), "")
			checkClean(t, strings.Join(p, " "), out)
			if strings.Contains(out, "pwned") || strings.Contains(out, "ZXZpbA") {
				t.Errorf("%v: escape-sequence payload reached the screen", p)
			}
		}
	}
	if out := RenderHeatmap(f.assessments[a.ID], 80, false, f.now); strings.ContainsAny(out, "\x1b\r\a\u202e") {
		t.Errorf("RenderHeatmap let a control through: %q", out)
	}
}
