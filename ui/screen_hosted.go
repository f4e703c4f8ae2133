package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// Hosted is a screen made by another package that the app shows whole, in
// place of its own frame: the workshop's facilitator screen (ui/workshop),
// which imports this package and so cannot be imported by it. While it
// shows, it gets every key and every message the app does not own; the
// app's own poll of the workbook keeps running beside it.
type Hosted interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (tea.Model, tea.Cmd)
	// Render draws the whole terminal, of the size last set.
	Render() string
	SetSize(width, height int)
}

// HostedLeftMsg is what a hosted screen sends when it is done: the app
// goes back to the screen it came from, on StatementID, rereads the
// assessment (the workshop changed its scores) and shows Status.
type HostedLeftMsg struct {
	StatementID string
	Status      string
}

// WorkshopFunc makes the facilitator's screen for the open assessment,
// starting (or resuming) its workshop at statement statementID.
type WorkshopFunc func(a *model.Assessment, statementID string, isDark bool) Hosted

// hostedScreen shows a Hosted screen; back is where esc returns to.
type hostedScreen struct {
	m    Hosted
	back screenID
}

// startWorkshop opens the facilitator's screen from the highlighted
// statement (w on the overview or a measure).
func (a *App) startWorkshop() tea.Cmd {
	if a.workshop == nil {
		return a.setStatus("Workshops are not available here", true)
	}
	sid := a.curStatementID()
	if sid == "" {
		return a.setStatus("Highlight a measure with statements to start a workshop", true)
	}
	s := a.sc.hosted
	s.m, s.back = a.workshop(a.a, sid, a.styles.isDark), a.screen
	s.m.SetSize(a.width, a.height)
	a.screen = screenHosted
	return s.m.Init()
}

// route handles msg while the hosted screen shows; ok is false for what
// the app's own Update should still see.
func (s *hostedScreen) route(a *App, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		s.m.SetSize(msg.Width, msg.Height)
		return nil, true
	case tea.BackgroundColorMsg:
		_, cmd := s.m.Update(msg)
		a.setStyles(newStyles(msg.IsDark(), a.color))
		return cmd, true
	case HostedLeftMsg:
		a.screen, s.m = s.back, nil
		for i, m := range a.measures {
			for j, st := range m.Statements {
				if st.ID == msg.StatementID {
					a.measureIdx, a.stmtIdx = i, j
				}
			}
		}
		return tea.Batch(a.reload(), a.setStatus(msg.Status, false)), true
	case tea.KeyPressMsg:
		if key.Matches(msg, a.keys.ForceQuit) {
			return tea.Quit, true
		}
	case tea.MouseMsg:
		return nil, true
	}
	if cmd, ok := a.handleResult(msg); ok {
		return cmd, true
	}
	if cmd, ok := a.handleLive(msg); ok {
		return cmd, true
	}
	_, cmd := s.m.Update(msg)
	return cmd, true
}

// The screen methods: the hosted screen draws and routes itself, so these
// are only what the app asks of every screen.
func (s *hostedScreen) update(*App, tea.KeyPressMsg) tea.Cmd { return nil }
func (s *hostedScreen) view(*App) string                     { return s.m.Render() }
func (s *hostedScreen) breadcrumb(*App) []string             { return []string{"Workshop"} }
func (s *hostedScreen) keys(*App) []key.Binding              { return nil }
