package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// notice is an information dialog: a title and lines to read, scrolled
// with the movement keys and closed with enter or esc.
type notice struct {
	title string
	// lines are shown wrapped; they are sanitised when drawn.
	lines  []string
	scroll scroller
	// wrapped caches lines wrapped to width.
	wrapped []string
	width   int
	rows    int
}

// newNotice returns a notice of lines.
func newNotice(title string, lines []string) *notice {
	return &notice{title: title, lines: lines}
}

func (n *notice) resize(l layout) {
	if n.width != l.dialogText {
		n.width, n.wrapped = l.dialogText, nil
	}
	n.rows = l.dialogRows
}

// text is the notice's lines wrapped to the dialog.
func (n *notice) text() []string {
	if n.wrapped == nil {
		for _, l := range n.lines {
			for _, wl := range wrapLines(Sanitize(l), n.width-2, 0) {
				n.wrapped = append(n.wrapped, "  "+wl)
			}
		}
	}
	return n.wrapped
}

func (n *notice) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, km.Back) || key.Matches(msg, km.Open) {
			return actNoticeClosed{}, nil
		}
		n.scroll.scrollKey(msg, km, n.text(), n.width, n.rows)
	case tea.MouseWheelMsg:
		n.scroll.wheel(msg, n.text(), n.width, n.rows)
	}
	return nil, nil
}

func (n *notice) view(st Styles, l layout) string {
	n.resize(l)
	all := n.text()
	lines := []string{st.Title.Render(oneLine(n.title)), ""}
	lines = append(lines, n.scroll.window(all, n.width, n.rows)...)
	hint := "enter or esc close"
	if ind := n.scroll.indicator(len(all), n.rows); ind != "" {
		hint = ind + " · ↑/↓ scroll · " + hint
	}
	lines = append(lines, "", st.Help.Render(hint))
	return strings.Join(lines, "\n")
}

func (n *notice) keys(km KeyMap) []key.Binding {
	return []key.Binding{km.Up, km.Down, hint("enter/esc", "close")}
}
