package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/model"
)

// icsScreen is the ICS view: the organisation assessments of one period
// by measures, with the members rolled up (mean, median or minimum) and
// each measure's spread. [ and ] change the period, r the roll-up; enter
// opens the member under the cursor read-only (readonly.go); esc on its
// overview comes back here. It opens from the picker with i.
type icsScreen struct {
	as      []*model.Assessment
	periods []string
	period  int
	rollup  int
	cursor  int
}

// icsMsg is every organisation assessment of the workbook, loaded.
type icsMsg struct {
	as  []*model.Assessment
	err error
}

// icsCmd reads the scores of every organisation-audience assessment, for
// every period the view can show, under c (a long read: esc cancels it).
// The grid and the spreads show means only, so it reads scores alone, as
// 'wgll heatmap --by organisation' does: the 420 of the xl demo took 0.2
// to 0.3 s as summaries (with every statement's counts and the stale
// items), the time of a key press or two.
func icsCmd(c context.Context, s Store) tea.Cmd {
	return func() tea.Msg {
		hs, err := s.Assessments(c)
		if err != nil {
			return icsMsg{err: fmt.Errorf("list assessments: %w", err)}
		}
		var ids []int64
		for _, h := range hs {
			if h.Audience == criteria.Organisation && h.Unreadable == "" {
				ids = append(ids, h.ID)
			}
		}
		out, err := s.Scores(c, ids)
		if err != nil {
			return icsMsg{err: fmt.Errorf("read the organisations' assessments: %w", err)}
		}
		return icsMsg{as: out}
	}
}

func (s *icsScreen) apply(a *App, msg icsMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if len(msg.as) == 0 {
		return a.setStatus("No organisation assessments to compare; bring members in with wgll import", true)
	}
	s.as, s.periods, s.period, s.cursor = msg.as, model.Periods(msg.as), 0, 0
	a.screen = screenICS
	return a.setStatus(fmt.Sprintf("%d organisation assessments", len(msg.as)), false)
}

func (s *icsScreen) grid(a *App) (model.MeasureGrid, []model.MeasureRollUp) {
	if len(s.periods) == 0 {
		return model.MeasureGrid{}, nil
	}
	return model.ICSGrid(s.as, s.periods[s.period], model.RollUps[s.rollup], a.now())
}

func (s *icsScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	g, _ := s.grid(a)
	switch {
	case key.Matches(k, a.keys.Back):
		a.screen = screenPicker
		return loadHeadersCmd(a.store)
	case a.move(k, &s.cursor, len(g.Rows), 5):
	case key.Matches(k, a.keys.NextStatement):
		// Periods are listed newest first: ] goes back a year.
		s.period, s.cursor = min(len(s.periods)-1, s.period+1), 0
	case key.Matches(k, a.keys.PrevStatement):
		s.period, s.cursor = max(0, s.period-1), 0
	case k.String() == "r":
		s.rollup = (s.rollup + 1) % len(model.RollUps)
		return a.setStatus("ICS row: "+model.RollUps[s.rollup].Title(), false)
	case key.Matches(k, a.keys.Open) && s.cursor < len(g.Rows):
		return a.openFromICS(g.Rows[s.cursor].Header)
	}
	return nil
}

func (s *icsScreen) view(a *App) string {
	g, rolled := s.grid(a)
	if len(g.Rows) == 0 {
		return "\n  No organisation assessments."
	}
	st := a.styles
	r := model.RollUps[s.rollup]
	lines := []string{st.Title.Render(fmt.Sprintf("Organisations by measure · %s · ICS row: %s", oneLine(s.periods[s.period]), r.Title()))}
	grid := strings.Split(strings.TrimRight(Sanitize(g.RenderFit(a.width-2)), "\n"), "\n") // "› " before each row
	for i, l := range grid {
		mark := "  "
		if i-1 == s.cursor && i >= 1 && i <= len(g.Rows) {
			mark = "› "
			l = st.Selected.Render(l)
		}
		lines = append(lines, mark+l)
	}
	lines = append(lines, "", st.Label.Render("  Spread (lowest–highest member)"))
	for _, m := range rolled {
		v := m.SpreadText()
		if v == "" {
			v = "not scored"
		}
		lines = append(lines, fmt.Sprintf("  %s  %s (%d of %d scored)", padRight(oneLine(m.Name), 26), v, m.Scored, len(g.Rows)))
	}
	if len(s.periods) > 1 {
		lines = append(lines, "", st.Subtle.Render("  Periods: "+oneLine(strings.Join(s.periods, ", "))+" ([ ] to change)"))
	}
	return strings.Join(lines, "\n")
}

func (s *icsScreen) breadcrumb(*App) []string { return []string{"ICS view"} }

func (s *icsScreen) keys(a *App) []key.Binding {
	k := a.keys
	return []key.Binding{k.Up, k.Down, hint("enter", "open member"), hint("[ ]", "period"), hint("r", "roll-up"), k.Back, k.Help, k.Quit}
}
