package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// compareScreen is the open assessment beside an earlier period: what
// improved, regressed, was newly scored, and the actions closed since.
type compareScreen struct {
	cmp *model.Comparison
	rep report
}

// show replaces the comparison and scrolls back to the top.
func (c *compareScreen) show(cmp model.Comparison) {
	c.cmp = &cmp
	c.rep.reset()
}

func (c *compareScreen) lines(a *App) []string {
	return c.rep.get(a, func() []string {
		if c.cmp == nil {
			return []string{}
		}
		return compareLines(*c.cmp, a.styles, a.lay.width)
	})
}

func (c *compareScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	c.rep.key(a, k, c.lines(a))
	return nil
}

func (c *compareScreen) mouse(a *App, m tea.MouseMsg) tea.Cmd {
	c.rep.mouse(a, m, c.lines(a))
	return nil
}

func (c *compareScreen) view(a *App) string { return c.rep.view(a, c.lines(a)) }

func (c *compareScreen) breadcrumb(*App) []string {
	if c.cmp == nil {
		return nil
	}
	return []string{"Compare with " + oneLine(c.cmp.From.Period)}
}

func (c *compareScreen) keys(a *App) []key.Binding { return reportKeys(a) }
