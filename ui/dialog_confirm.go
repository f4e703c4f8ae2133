package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// confirm asks a yes/no question and returns yes or no as its action.
type confirm struct {
	title, label, hint string
	yes, no            action
}

// newConfirm returns a question answered with y, or n/esc.
func newConfirm(title, label, hint string, yes, no action) *confirm {
	return &confirm{title: title, label: label, hint: hint, yes: yes, no: no}
}

func (c *confirm) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, km.Yes):
		return c.yes, nil
	case key.Matches(k, km.No):
		return c.no, nil
	}
	return nil, nil
}

func (c *confirm) view(st Styles, l layout) string {
	return st.Title.Render(ansi.Truncate(oneLine(c.title), l.dialogText, "…")) + "\n" +
		ansi.Truncate(oneLine(c.label), l.dialogText, "…") + "\n\n" + c.hint
}

func (c *confirm) keys(km KeyMap) []key.Binding { return []key.Binding{km.Yes, km.No} }
