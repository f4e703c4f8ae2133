package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// View draws the app in the alternate screen, with mouse clicks and the
// wheel reported.
func (a *App) View() tea.View {
	if a.stillOpening() {
		// Nothing yet, and in the normal screen: a workbook that cannot be
		// opened ends the program with the terminal as it was.
		return tea.NewView("")
	}
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "wgll"
	return v
}

// render draws the whole screen as text: breadcrumb, body (with the
// dialogs layered over it), status, help. It reads only in-memory state;
// nothing here touches the store.
func (a *App) render() string {
	if a.screen == screenHosted {
		return a.sc.hosted.m.Render()
	}
	l := a.lay
	if l.tooSmall {
		msg := fmt.Sprintf("Please enlarge the window\n(need at least %dx%d, have %dx%d)", minWidth, minHeight, a.width, a.height)
		if a.width < 30 {
			msg = fmt.Sprintf("Enlarge to %dx%d\n(have %dx%d)", minWidth, minHeight, a.width, a.height)
		}
		return lipgloss.Place(max(1, a.width), max(1, a.height), lipgloss.Center, lipgloss.Center, msg)
	}
	body := a.current().view(a)
	if len(a.dialogs) > 0 {
		body = a.layered(body)
	}
	lines := make([]string, 0, l.height)
	lines = append(lines, a.breadcrumb())
	lines = append(lines, fitLines(body, l.bodyHeight)...)
	lines = append(lines, a.statusLine(), a.helpLine())
	for i := range lines {
		if fitsWidth(lines[i], l.width) {
			continue
		}
		lines[i] = ansi.Truncate(lines[i], l.width, "…")
	}
	return strings.Join(lines, "\n")
}

// helpLine is the short help for the current context, drawn by
// help.Model: as many keys as fit, then an ellipsis saying there are more
// (? lists them all).
func (a *App) helpLine() string {
	bs := a.keysFor()
	const sep, tail = 3, 2 // " · " and " …"
	used, n := 0, 0
	for i, b := range bs {
		h := b.Help()
		w := ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc)
		if i > 0 {
			w += sep
		}
		room := a.width
		if i < len(bs)-1 {
			room -= tail
		}
		if used+w > room {
			break
		}
		used += w
		n++
	}
	line := a.help.ShortHelpView(bs[:n])
	if n < len(bs) {
		line += a.styles.Help.Render(" …")
	}
	return line
}

// fitLines splits s into exactly n lines, cutting or padding.
func fitLines(s string, n int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

// wrapLines wraps s to w columns and keeps at most n lines (0 for all),
// marking a cut with an ellipsis. s must already be sanitised.
func wrapLines(s string, w, n int) []string {
	if w < 1 {
		w = 1
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, strings.Split(ansi.Wrap(para, w, " -"), "\n")...)
	}
	if n > 0 && len(out) > n {
		out = out[:n]
		out[n-1] = ansi.Truncate(out[n-1], w-1, "") + "…"
	}
	return out
}

// breadcrumb is organisation › measure › statement.
func (a *App) breadcrumb() string {
	parts := []string{"wgll"}
	crumbs := a.current().breadcrumb(a)
	if a.a != nil && a.screen >= screenOverview {
		parts = []string{oneLine(a.a.Title())}
	}
	parts = append(parts, crumbs...)
	if a.readOnly && a.a != nil && a.screen >= screenOverview {
		// The note is what matters most: the names give way to it.
		note := " · " + readOnlyNote
		head := ansi.Truncate(strings.Join(parts, " › "), max(1, a.width-ansi.StringWidth(note)), "…")
		return a.styles.Breadcrumb.Render(ansi.Truncate(head+note, a.width, "…"))
	}
	return a.styles.Breadcrumb.Render(ansi.Truncate(strings.Join(parts, " › "), a.width, "…"))
}

// statusLine shows the latest result or error, or where the data lives.
func (a *App) statusLine() string {
	if a.status != "" {
		st := a.styles.Status
		if a.statusErr {
			st = a.styles.StatusErr
			return st.Render(ansi.Truncate("✗ "+a.status, a.width, "…"))
		}
		return st.Render(ansi.Truncate(a.status, a.width, "…"))
	}
	if a.longWhat != "" {
		return a.styles.Status.Render(ansi.Truncate(a.longWhat, a.width, "…"))
	}
	if p := a.workProgress(); p != "" {
		return a.styles.Status.Render(ansi.Truncate(p, a.width, "…"))
	}
	if a.readOnly && a.a != nil && a.screen >= screenOverview {
		return a.styles.Subtle.Render(ansi.Truncate(readOnlyNote+" · esc on the overview goes back to it", a.width, "…"))
	}
	info := "workbook " + oneLine(a.store.Path())
	if u := oneLine(a.store.User()); u != "" {
		info += " · " + u
	}
	return a.styles.Subtle.Render(ansi.Truncate(info, a.width, "…"))
}

// window returns the first index to show so that cursor is visible in a
// list of n items with room for h.
func window(cursor, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	start := cursor - h/2
	return max(0, min(start, n-h))
}

// listRow draws one row of a list, highlighted when selected.
func (a *App) listRow(selected bool, row string, w int) string {
	// Clip before measuring: ansi.Truncate measures the whole string, and a
	// row may carry a long note.
	row = truncate(clipBytes(row, w), w-2)
	if selected {
		return "› " + a.styles.Selected.Render(row)
	}
	return "  " + row
}

// levelText is a score and its level's label, "3 Established", or "not
// assessed".
func (a *App) levelText(sc model.Score) string {
	if !sc.Assessed() {
		return "not assessed"
	}
	if l, ok := a.a.Criteria.Level(int(sc)); ok {
		return sc.String() + " " + oneLine(l.Label)
	}
	return sc.String()
}

// rowCache keeps the drawn lines of a long list (a statement may have 500
// evidence items) so that moving the cursor redraws only the rows whose
// look changed. Its key names everything a line depends on; a new key
// empties it.
type rowCache struct {
	key   string
	lines []string
}

// rows returns the cache's lines for key, emptied if the key changed.
func (c *rowCache) rows(key string, n int) []string {
	if c.key != key || len(c.lines) != n {
		c.key, c.lines = key, make([]string, n)
	}
	return c.lines
}

// joinLines joins lines with newlines.
func joinLines(lines []string) string { return strings.Join(lines, "\n") }
