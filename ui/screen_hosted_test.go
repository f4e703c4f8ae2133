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
