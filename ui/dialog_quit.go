package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// quitWarning stops a quit that would lose what is being typed: its draft
// could not be written. Staying is the default; quitting needs a second,
// deliberate key.
type quitWarning struct{ err error }

func newQuitWarning(err error) *quitWarning { return &quitWarning{err: err} }

func (q *quitWarning) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case k.String() == "s", key.Matches(k, km.Back), k.String() == "enter":
		return actStay{}, nil
	case k.String() == "Q":
		return actQuit{}, nil
	}
	return nil, nil
}

func (q *quitWarning) view(st Styles, l layout) string {
	lines := []string{st.Error.Render("Your typing is not saved"), ""}
	lines = append(lines, wrapLines(oneLine(q.err.Error()), l.dialogText, 3)...)
	lines = append(lines, "", "Quitting now loses what you typed since the last draft was saved.", "",
		"s, enter or esc stay · Q or ctrl+c quit and lose it")
	return joinLines(lines)
}

func (q *quitWarning) keys(km KeyMap) []key.Binding {
	return []key.Binding{hint("s", "stay"), hint("Q", "quit, losing it")}
}
