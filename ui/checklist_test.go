package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"wgll/criteria"
	"wgll/model"
)

// withChecklist gives WL-O1 of the seeded assessment a checklist for
// levels 2 to 5 and two resources, as the built-in criteria do.
func withChecklist(t *testing.T) (*fakeStore, *model.Assessment) {
	t.Helper()
	f, a := seeded(t)
	c := f.assessments[a.ID].Criteria
	st := &c.Measures[0].Statements[0]
	st.Checklist = []criteria.LevelElements{
		{Level: 2, Elements: []string{"A strategy is drafted with clinical leads involved", "The draft has been shared with the ICS digital lead"}},
		{Level: 3, Elements: []string{"The board has approved the strategy and it is part of the organisation's strategy", "Records show clinicians and staff from across services helped write it"}},
		{Level: 4, Elements: []string{"Progress against the strategy is reported to the board with measures"}},
		{Level: 5, Elements: []string{"Other organisations have drawn on the strategy or its method"}},
	}
	st.Resources = []criteria.Resource{
		{Title: "Digital Maturity Assessment", Kind: criteria.KindMeasurement, URL: "https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/", Note: "NHS England's yearly self-assessment against the seven success measures."},
		{Title: "NHS Providers Digital Boards: questions for boards", Kind: criteria.KindGuidance, URL: "https://nhsproviders.org/building-a-digital-strategy/questions-for-boards", Note: "Questions a board can ask of its digital strategy."},
	}
	return f, a
}

// toChecklist and toResources are the keys from the overview to WL-O1's
// checklist and resources panes.
var (
	toChecklist = []string{"enter", "enter", "tab", "tab", "tab"}
	toResources = []string{"enter", "enter", "o"}
)

func TestChecklistGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"checklist_80x24", 80, 24, append(append([]string(nil), toChecklist...), "space", "down", "x", "down", "down", "down")},
		{"checklist_160x45", 160, 45, append(append([]string(nil), toChecklist...), "space", "down", "x", "down", "down", "down")},
		{"resources_80x24", 80, 24, toResources},
		{"resources_160x45", 160, 45, toResources},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := withChecklist(t)
			hs := newHarness(t, f, tt.w, tt.h)
			hs.keys(tt.keys...)
			golden.RequireEqual(t, hs.view())
		})
	}
}

func TestChecklistTicksAndSuggests(t *testing.T) {
	f, a := withChecklist(t)
	hs := newHarness(t, f, 100, 30)
	hs.keys(toChecklist...)
	if v := hs.text(); !strings.Contains(v, "[Checklist 0/6]") || !strings.Contains(v, "Checklist suggests 1 Initial · scored 2 Developing") {
		t.Fatalf("checklist pane:\n%s", v)
	}
	// space ticks, x ticks too (and does not open the export dialog).
	hs.keys("space", "down", "x")
	if !hs.calledWith("SetTick WL-O1 2.1 true") || !hs.calledWith("SetTick WL-O1 2.2 true") || hs.app.top() != nil {
		t.Fatalf("calls %v, dialog %v", f.calls, hs.app.top())
	}
	if got := f.assessments[a.ID].Responses["WL-O1"].Ticks; got != "2.1 2.2" {
		t.Fatalf("ticks = %q", got)
	}
	v := hs.text()
	for _, want := range []string{"[Checklist 2/6]", "Checklist suggests 2 Developing · scored 2 Developing", "Level 2 Developing · 2 of 2 met ✓", "[x] A strategy is drafted", "Level 3 Defined · 0 of 2 met"} {
		if !strings.Contains(v, want) {
			t.Errorf("after two ticks the pane lacks %q:\n%s", want, v)
		}
	}
	// A gap at level 3 caps the suggestion, whatever is ticked above it.
	hs.keys("down", "down", "down", "space")
	if v := hs.text(); !strings.Contains(v, "Checklist suggests 2 Developing") || !strings.Contains(v, "Level 4 Managed · 1 of 1 met") {
		t.Errorf("with level 4 met and level 3 not, the suggestion must stay 2:\n%s", v)
	}
	// Space again clears it; undo puts it back.
	hs.keys("space")
	if f.assessments[a.ID].Responses["WL-O1"].Ticks.Has(4, 1) {
		t.Error("space did not clear the tick")
	}
	hs.keys("u")
	if !f.assessments[a.ID].Responses["WL-O1"].Ticks.Has(4, 1) {
		t.Errorf("undo did not put the tick back: %q", f.assessments[a.ID].Responses["WL-O1"].Ticks)
	}
	// Elsewhere x still exports.
	hs.keys("tab")
	hs.keys("x")
	if hs.app.top() == nil {
		t.Error("x on the resources pane did not open the export dialog")
	}
}

func TestScoreAgainstTheChecklistAsksWhy(t *testing.T) {
	f, a := withChecklist(t)
	hs := newHarness(t, f, 100, 30)
	hs.keys(toChecklist...)
	hs.keys("space", "down", "space") // level 2 met: suggests 2
	hs.keys("4")
	fm := hs.app.topForm()
	if fm == nil || fm.kind != formReason || !strings.Contains(hs.text(), "Why 4 Managed?") || !strings.Contains(hs.text(), "its ticked checklist suggests 2") {
		t.Fatalf("scoring 4 against a suggestion of 2 did not ask why:\n%s", hs.text())
	}
	// esc leaves the reason unsaved and the pane asks for it; w reopens.
	hs.keys("esc")
	if v := hs.text(); hs.app.top() != nil || !strings.Contains(v, "press w to say why") {
		t.Fatalf("after esc:\n%s", v)
	}
	hs.keys("w")
	if fm := hs.app.topForm(); fm == nil || fm.kind != formReason {
		t.Fatal("w did not reopen the reason form")
	}
	// An empty reason is refused; a real one is saved and shown.
	hs.keys("enter")
	if hs.app.topForm() == nil || !strings.Contains(hs.text(), "a reason is needed") {
		t.Fatalf("an empty reason was accepted:\n%s", hs.text())
	}
	hs.typeText("Progress reports start next month; the board agreed the measures")
	hs.keys("enter")
	if hs.app.top() != nil || !hs.calledWith("SetScoreReason WL-O1") {
		t.Fatalf("reason not saved: calls %v", f.calls)
	}
	r := f.assessments[a.ID].Responses["WL-O1"]
	if r.Score != 4 || r.ScoreReason != "Progress reports start next month; the board agreed the measures" {
		t.Errorf("response = %+v", r)
	}
	if v := hs.text(); !strings.Contains(v, "Reason: Progress reports start next month") {
		t.Errorf("the reason is not shown:\n%s", v)
	}
	// Scoring what the checklist suggests asks nothing.
	hs.keys("2")
	if hs.app.top() != nil {
		t.Error("a score that matches the suggestion asked for a reason")
	}
	// Another departing score asks again, starting from the reason kept.
	hs.keys("5")
	fm = hs.app.topForm()
	if fm == nil || fm.kind != formReason || fm.fields[0].value() != "Progress reports start next month; the board agreed the measures" {
		t.Fatalf("scoring 5 did not ask again with the kept reason: %+v", fm)
	}
}

func TestResourcesOpen(t *testing.T) {
	f, a := withChecklist(t)
	var opened []string
	hs := newHarness(t, f, 100, 30, func(c *Config) {
		c.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	})
	hs.keys(toResources...)
	v := hs.text()
	for _, want := range []string{"[Resources (2)]", "How it is measured: Digital Maturity Assessment", "https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/", "NHS England's yearly self-assessment", "Guidance: NHS Providers Digital Boards"} {
		if !strings.Contains(v, want) {
			t.Errorf("resources pane lacks %q:\n%s", want, v)
		}
	}
	hs.keys("down", "o")
	if len(opened) != 1 || opened[0] != "https://nhsproviders.org/building-a-digital-strategy/questions-for-boards" {
		t.Fatalf("opened %q", opened)
	}
	if !strings.Contains(hs.text(), "Opened NHS Providers Digital Boards") {
		t.Errorf("status:\n%s", hs.text())
	}
	// A hostile address in a workbook's criteria is never passed on.
	f.assessments[a.ID].Criteria.Measures[0].Statements[0].Resources[0].URL = "javascript:alert(1)"
	hs.keys("up", "o")
	if len(opened) != 1 || !strings.Contains(hs.text(), "does not start with https://") {
		t.Errorf("a javascript: address was opened (%q):\n%s", opened, hs.text())
	}
}

func TestSetupChoosesFramework(t *testing.T) {
	f := newFakeStore()
	hs := newHarness(t, f, 100, 30)
	if hs.app.screen != screenSetup {
		t.Fatalf("screen %v", hs.app.screen)
	}
	v := hs.text()
	if !strings.Contains(v, "Framework") || !strings.Contains(v, "the criteria wgll was started with") {
		t.Fatalf("setup form has no framework choice:\n%s", v)
	}
	hs.typeText("Northshire Hospitals NHS FT")
	hs.keys("tab", "tab", "tab", "tab", "right")
	if !strings.Contains(hs.text(), "What Good Looks Like, wgll-2021.2") {
		t.Fatalf("right did not pick the built-in wgll-2021:\n%s", hs.text())
	}
	hs.keys("right")
	if !strings.Contains(hs.text(), "What Good Looks Like v3 (alpha), wgll-v3-alpha.1") {
		t.Fatalf("right did not pick v3-alpha:\n%s", hs.text())
	}
	hs.keys("ctrl+s")
	_, v3, _ := criteria.BuiltinNamed("v3-alpha")
	if !hs.calledWith("CreateAssessment") || string(f.createdTOML) != string(v3) {
		t.Errorf("created with %d bytes of criteria, want v3-alpha's %d", len(f.createdTOML), len(v3))
	}
}

func TestCarryChoosesFramework(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 100, 30)
	hs.keys("n", "enter") // carry the newest forward
	if fm := hs.app.topForm(); fm == nil || fm.kind != formCarry {
		t.Fatalf("no carry form:\n%s", hs.text())
	}
	hs.keys("tab", "tab", "right", "right")
	if !strings.Contains(hs.text(), "What Good Looks Like v3 (alpha), wgll-v3-alpha.1") {
		t.Fatalf("the carry form does not offer v3-alpha:\n%s", hs.text())
	}
	hs.keys("ctrl+s")
	_, v3, _ := criteria.BuiltinNamed("v3-alpha")
	if !hs.calledWith("CarryForward 1 2027/28") || string(f.createdTOML) != string(v3) {
		t.Errorf("carried with %d bytes of criteria, want v3-alpha's %d (calls %v)", len(f.createdTOML), len(v3), f.calls)
	}
}
