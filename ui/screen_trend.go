package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// trendScreen is the mean per measure over every period of the open
// assessment's organisation.
type trendScreen struct {
	trend *model.TrendTable
	rep   report
}

// show replaces the trend and scrolls back to the top.
func (t *trendScreen) show(tt model.TrendTable) {
	t.trend = &tt
	t.rep.reset()
}

func (t *trendScreen) lines(a *App) []string {
	return t.rep.get(a, func() []string {
		if t.trend == nil {
			return []string{}
		}
		return trendLines(*t.trend, a.styles, a.lay.width, a.maxScore())
	})
}

func (t *trendScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	t.rep.key(a, k, t.lines(a))
	return nil
}

func (t *trendScreen) mouse(a *App, m tea.MouseMsg) tea.Cmd {
	t.rep.mouse(a, m, t.lines(a))
	return nil
}

func (t *trendScreen) view(a *App) string { return t.rep.view(a, t.lines(a)) }

func (t *trendScreen) breadcrumb(*App) []string { return []string{"Trend"} }

func (t *trendScreen) keys(a *App) []key.Binding { return reportKeys(a) }
