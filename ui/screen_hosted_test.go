package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// fakeHosted records what reaches it and leaves on esc.
type fakeHosted struct {
	a      *model.Assessment
	sid    string
	w, h   int
	keys   []string
	others int
}

type fakeHostedTick struct{}

func (f *fakeHosted) Init() tea.Cmd { return func() tea.Msg { return fakeHostedTick{} } }
func (f *fakeHosted) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		f.keys = append(f.keys, msg.String())
		if msg.String() == "esc" {
			return nil, func() tea.Msg { return HostedLeftMsg{StatementID: "SF-O1", Status: "Left the workshop"} }
		}
	case fakeHostedTick:
		f.others++
	}
	return nil, nil
}
func (f *fakeHosted) Render() string   { return "FACILITATOR " + f.sid + strings.Repeat("\n", f.h-1) }
func (f *fakeHosted) SetSize(w, h int) { f.w, f.h = w, h }

// w on the overview opens the hosted facilitator's screen from the
// highlighted statement; it then gets every key (q included) and its own
// messages, draws the whole terminal, and esc comes back to the overview
// on the statement it left, reloading the assessment.
func TestWorkshopKeyHostsFacilitator(t *testing.T) {
	f, _ := seeded(t)
	var fh *fakeHosted
	hs := newHarness(t, f, 100, 30, func(c *Config) {
		c.Workshop = func(a *model.Assessment, sid string, isDark bool) Hosted {
			fh = &fakeHosted{a: a, sid: sid}
			return fh
		}
	})
	hs.keys("w")
	if fh == nil || hs.app.screen != screenHosted || fh.sid != "WL-O1" || fh.w != 100 || fh.h != 30 || fh.others != 1 {
		t.Fatalf("after w: screen %v, hosted %+v", hs.app.screen, fh)
	}
	if v := hs.view(); !strings.HasPrefix(v, "FACILITATOR WL-O1") {
		t.Errorf("the hosted screen does not draw the terminal:\n%s", v)
	}
	hs.keys("q", "r", "1")
	if strings.Join(fh.keys, ",") != "q,r,1" || hs.app.screen != screenHosted {
		t.Errorf("keys reached the host: %v, screen %v", fh.keys, hs.app.screen)
	}
	hs.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if fh.w != 120 || fh.h != 40 {
		t.Errorf("resize not passed on: %dx%d", fh.w, fh.h)
	}
	hs.keys("esc")
	if hs.app.screen != screenOverview || hs.app.curStatementID() != "SF-O1" || !strings.Contains(hs.text(), "Left the workshop") {
		t.Errorf("after esc: screen %v on %s\n%s", hs.app.screen, hs.app.curStatementID(), hs.text())
	}
}

// Without a workshop function, w says so and stays put.
func TestWorkshopKeyUnavailable(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("w")
	if hs.app.screen != screenOverview || !strings.Contains(hs.text(), "not available") {
		t.Errorf("screen %v:\n%s", hs.app.screen, hs.text())
	}
}

// The statement screen says how a workshop agreed its score, and that it
// has changed since when it has.
func TestStatementShowsHowAgreed(t *testing.T) {
	f, a := seeded(t)
	f.assessments[a.ID].Agreements = map[string]model.Agreement{
		"WL-O1": {WorkshopID: 1, StatementID: "WL-O1", Score: 2, Round: 2, Suggested: true, Tally: model.NewTally([]int{2, 2, 3}, 5, model.RuleDefault)},
		"WL-O2": {WorkshopID: 1, StatementID: "WL-O2", Score: 4, Round: 1, Suggested: true, Tally: model.NewTally([]int{4}, 5, model.RuleDefault)},
	}
	hs := newHarness(t, f, 100, 30)
	hs.keys("enter", "enter")
	if v := hs.text(); !strings.Contains(v, "Agreed 2 in workshop 1") || !strings.Contains(v, "from round 2 (median 2, range 2 to 3, 3 scored)") || strings.Contains(v, "Changed since") {
		t.Errorf("WL-O1:\n%s", v)
	}
	hs.keys("]")
	if v := hs.text(); strings.Contains(v, "agreed in workshop") {
		t.Errorf("last time's agreement without a last time:\n%s", v)
	}
	if v := hs.text(); !strings.Contains(v, "Agreed 4 in workshop 1") || !strings.Contains(v, "Changed since the workshop. Agreed 4") {
		t.Errorf("WL-O2:\n%s", v)
	}
}

// A period carried forward says which of last time's scores a workshop
// agreed.
func TestStatementShowsLastTimesAgreement(t *testing.T) {
	f, a := seeded(t)
	x := f.assessments[a.ID]
	x.CarriedFrom = 99
	x.Previous = map[string]model.Score{"WL-O1": 3, "WL-O2": 1}
	x.PreviousAgreements = map[string]model.Agreement{
		"WL-O1": {WorkshopID: 7, StatementID: "WL-O1", Score: 3},
		"WL-O2": {WorkshopID: 7, StatementID: "WL-O2", Score: 4},
	}
	hs := newHarness(t, f, 100, 30)
	hs.keys("enter", "enter")
	if v := hs.text(); !strings.Contains(v, "last time: 3 Defined, agreed in workshop 7") {
		t.Errorf("WL-O1:\n%s", v)
	}
	hs.keys("]")
	if v := hs.text(); strings.Contains(v, "agreed in workshop") {
		t.Errorf("WL-O2's last score was not the agreed one:\n%s", v)
	}
}
