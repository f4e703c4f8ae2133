package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screenID names a screen. The screens are switched in one place:
// App.screen says which is showing, App.current returns it.
type screenID int

const (
	screenLoading screenID = iota
	screenSetup
	screenPicker
	screenOverview
	screenMeasure
	screenStatement
	// screenCompare and screenTrend are read-only reports on the open
	// assessment's organisation; esc goes back to the overview.
	screenCompare
	screenTrend
	// screenPlan is the improvement plan (p); screenICS the organisations
	// of one period by measures (i from the picker).
	screenPlan
	screenICS
	// screenHosted is a screen from another package shown whole: the
	// workshop's facilitator (screen_hosted.go).
	screenHosted
)

// screen is one screen of the app. It keeps its own state (cursors,
// caches, a scroll position) and reads what is shared from the App it is
// given. See doc.go for how to add one.
type screen interface {
	// update handles a key press that no dialog, input or global key took.
	update(a *App, k tea.KeyPressMsg) tea.Cmd
	// view draws the body: a.lay.width wide, at most a.lay.bodyHeight lines.
	view(a *App) string
	// breadcrumb is the path shown on the top line, after the assessment.
	breadcrumb(a *App) []string
	// keys is the short help for the screen as it stands.
	keys(a *App) []key.Binding
}

// typist is a screen that may have a text input focused; while it does,
// every key goes to the screen before the global keys (so q types a q).
type typist interface {
	typing() bool
	// input takes a paste or another message for the focused input.
	input(a *App, msg tea.Msg) tea.Cmd
}

// mouser is a screen that answers mouse clicks and the wheel.
type mouser interface {
	mouse(a *App, m tea.MouseMsg) tea.Cmd
}

// screens holds one of each screen, made once: a screen keeps its state
// while another is showing.
type screens struct {
	loading, setup *noteScreen
	picker         *pickerScreen
	overview       *overviewScreen
	measure        *measureScreen
	statement      *statementScreen
	compare        *compareScreen
	trend          *trendScreen
	plan           *planScreen
	ics            *icsScreen
	hosted         *hostedScreen
}

// newScreens makes every screen; register a new one here.
func newScreens() screens {
	return screens{
		loading:   &noteScreen{text: "Opening the workbook…"},
		setup:     &noteScreen{text: "Start an assessment: tell wgll whose it is and for which period."},
		picker:    &pickerScreen{},
		overview:  &overviewScreen{},
		measure:   &measureScreen{},
		statement: newStatementScreen(),
		compare:   &compareScreen{},
		trend:     &trendScreen{},
		plan:      &planScreen{},
		ics:       &icsScreen{},
		hosted:    &hostedScreen{},
	}
}

// current is the screen showing.
func (a *App) current() screen {
	switch a.screen {
	case screenSetup:
		return a.sc.setup
	case screenPicker:
		return a.sc.picker
	case screenOverview:
		return a.sc.overview
	case screenMeasure:
		return a.sc.measure
	case screenStatement:
		return a.sc.statement
	case screenCompare:
		return a.sc.compare
	case screenTrend:
		return a.sc.trend
	case screenPlan:
		return a.sc.plan
	case screenICS:
		return a.sc.ics
	case screenHosted:
		return a.sc.hosted
	}
	return a.sc.loading
}

// noteScreen is a screen that only says something: loading, and the
// background of the first assessment form.
type noteScreen struct{ text string }

func (s *noteScreen) update(*App, tea.KeyPressMsg) tea.Cmd { return nil }
func (s *noteScreen) view(*App) string                     { return "\n  " + s.text }
func (s *noteScreen) breadcrumb(a *App) []string {
	if a.screen == screenSetup {
		return []string{"New assessment"}
	}
	return nil
}
func (s *noteScreen) keys(a *App) []key.Binding {
	return []key.Binding{a.keys.Help, a.keys.ForceQuit}
}
