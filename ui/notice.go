package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// notice is an information dialog: a title and lines to read, scrolled
// with the movement keys and closed with enter or esc.
type notice struct {
	title string
	// lines are shown wrapped; they must already be one line each and are
	// sanitised when drawn.
	lines  []string
	offset int
}

// noticeRows is how many wrapped lines of a notice fit on screen.
func (a *App) noticeRows() int {
	return max(1, a.lay.bodyHeight-6)
}

// noticeLines wraps the notice's lines to the dialog's width.
func (a *App) noticeLines() []string {
	w := a.dialogWidth() - 4
	var out []string
	for _, l := range a.notice.lines {
		out = append(out, wrapLines(Sanitize(l), w-2, 0)...)
	}
	return out
}

// noticeKey scrolls or closes the notice.
func (a *App) noticeKey(k tea.KeyPressMsg) tea.Cmd {
	n := len(a.noticeLines())
	rows := a.noticeRows()
	last := max(0, n-rows)
	switch {
	case key.Matches(k, a.keys.Back), key.Matches(k, a.keys.Open):
		a.notice = nil
		return a.offerDrafts()
	case key.Matches(k, a.keys.Up):
		a.notice.offset--
	case key.Matches(k, a.keys.Down):
		a.notice.offset++
	case key.Matches(k, a.keys.PageUp):
		a.notice.offset -= rows
	case key.Matches(k, a.keys.PageDown):
		a.notice.offset += rows
	case key.Matches(k, a.keys.Home):
		a.notice.offset = 0
	case key.Matches(k, a.keys.End):
		a.notice.offset = last
	}
	a.notice.offset = max(0, min(a.notice.offset, last))
	return nil
}

// noticeView draws the notice's visible lines.
func (a *App) noticeView() string {
	st := a.styles
	all := a.noticeLines()
	rows := a.noticeRows()
	lines := []string{st.Title.Render(oneLine(a.notice.title)), ""}
	end := min(len(all), a.notice.offset+rows)
	for _, l := range all[a.notice.offset:end] {
		lines = append(lines, "  "+l)
	}
	hint := "enter or esc close"
	if len(all) > rows {
		hint = fmt.Sprintf("lines %d-%d of %d · ↑/↓ scroll · ", a.notice.offset+1, end, len(all)) + hint
	}
	lines = append(lines, "", st.Help.Render(hint))
	return strings.Join(lines, "\n")
}
