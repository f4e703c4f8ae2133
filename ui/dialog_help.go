package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpDialog is the ? overlay: every key by context, keys and meanings in
// aligned columns (help.Model's full view), scrolled when it does not fit.
// It closes on esc, ? or q and never quits: in front of a room, q after ?
// means "close this", not "end the session".
type helpDialog struct {
	groups []helpGroup
	scroll scroller
	lines  []string
	width  int
	rows   int
}

func newHelpDialog(km KeyMap) *helpDialog { return &helpDialog{groups: km.fullHelp()} }

func (h *helpDialog) resize(l layout) {
	if h.width != l.dialogText {
		h.width, h.lines = l.dialogText, nil
	}
	h.rows = max(1, l.dialogRows)
}

// layout lays the groups out: two side by side where they fit, each a
// title over aligned key and meaning columns.
func (h *helpDialog) layout(st Styles) []string {
	if h.lines != nil {
		return h.lines
	}
	hm := help.New()
	hm.Styles.FullKey = st.HelpKey
	hm.Styles.FullDesc = lipgloss.NewStyle()
	hm.Styles.Ellipsis = st.Help
	block := func(g helpGroup) string {
		return st.Label.Render(g.title) + "\n" + hm.FullHelpView([][]key.Binding{g.keys})
	}
	var out []string
	for i := 0; i < len(h.groups); {
		left := block(h.groups[i])
		if i+1 < len(h.groups) {
			right := block(h.groups[i+1])
			colW := h.width/2 - 1
			if lipgloss.Width(left) <= colW && lipgloss.Width(right) <= colW {
				both := lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(colW+2).Render(left), right)
				out = append(out, strings.Split(both, "\n")...)
				out = append(out, "")
				i += 2
				continue
			}
		}
		hm.SetWidth(h.width)
		out = append(out, strings.Split(block(h.groups[i]), "\n")...)
		out = append(out, "")
		i++
	}
	h.lines = out[:len(out)-1]
	return h.lines
}

func (h *helpDialog) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, km.Back) || key.Matches(msg, km.Help) || key.Matches(msg, km.Quit) {
			return actClose{}, nil
		}
		h.scroll.scrollKey(msg, km, h.lines, h.width, h.rows)
	case tea.MouseWheelMsg:
		h.scroll.wheel(msg, h.lines, h.width, h.rows)
	}
	return nil, nil
}

func (h *helpDialog) view(st Styles, l layout) string {
	h.resize(l)
	all := h.layout(st)
	lines := []string{st.Title.Render("Keys") + "  " + st.Subtle.Render("(esc, ? or q closes)"), ""}
	lines = append(lines, h.scroll.window(all, h.width, h.rows)...)
	if ind := h.scroll.indicator(len(all), h.rows); ind != "" {
		lines = append(lines, "", st.Help.Render(ind+" · ↑/↓ scroll"))
	}
	return strings.Join(lines, "\n")
}

func (h *helpDialog) keys(km KeyMap) []key.Binding {
	return []key.Binding{km.Up, km.Down, hint("esc/?/q", "close")}
}
