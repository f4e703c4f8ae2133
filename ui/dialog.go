package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// dialog is a box drawn over the screen that takes the keyboard while it
// is on top of the stack. It keeps its own state and never touches App:
// what it asks for comes back as a typed action (actions.go) that
// App.apply interprets. See doc.go for how to add one.
type dialog interface {
	// update handles a key press, a paste or a mouse wheel event.
	update(msg tea.Msg, km KeyMap) (action, tea.Cmd)
	// view draws the text inside the box, l.dialogText wide and at most
	// l.bodyHeight-2 lines.
	view(st Styles, l layout) string
	// keys is the short help while the dialog is on top.
	keys(km KeyMap) []key.Binding
}

// resizer is a dialog with inputs to size when the terminal changes.
type resizer interface {
	resize(l layout)
}

// push opens d on top of the stack.
func (a *App) push(d dialog) {
	if r, ok := d.(resizer); ok {
		r.resize(a.lay)
	}
	a.dialogs = append(a.dialogs, d)
}

// pop closes the top dialog.
func (a *App) pop() {
	if n := len(a.dialogs); n > 0 {
		a.dialogs[n-1] = nil
		a.dialogs = a.dialogs[:n-1]
	}
}

// top is the dialog on top of the stack, or nil.
func (a *App) top() dialog {
	if n := len(a.dialogs); n > 0 {
		return a.dialogs[n-1]
	}
	return nil
}

// topForm is the form on top of the stack, or nil.
func (a *App) topForm() *form {
	f, _ := a.top().(*form)
	return f
}

// findForm is the uppermost form in the stack (a confirm may sit on it).
func (a *App) findForm() *form {
	for i := len(a.dialogs) - 1; i >= 0; i-- {
		if f, ok := a.dialogs[i].(*form); ok {
			return f
		}
	}
	return nil
}

// removeDialog takes d out of the stack wherever it is.
func (a *App) removeDialog(d dialog) {
	for i := range a.dialogs {
		if a.dialogs[i] == d {
			a.dialogs = append(a.dialogs[:i], a.dialogs[i+1:]...)
			return
		}
	}
}

// dialogOf is the first dialog of type T in the stack.
func dialogOf[T dialog](a *App) (T, bool) {
	for i := len(a.dialogs) - 1; i >= 0; i-- {
		if d, ok := a.dialogs[i].(T); ok {
			return d, true
		}
	}
	var zero T
	return zero, false
}

// layered draws the stack's dialogs over body with the Lip Gloss
// compositor, each box centred, the top one last.
func (a *App) layered(body string) string {
	l := a.lay
	lines := fitLines(body, l.bodyHeight)
	for i := range lines {
		lines[i] = padRight(lines[i], l.width)
	}
	layers := []*lipgloss.Layer{lipgloss.NewLayer(strings.Join(lines, "\n"))}
	for i, d := range a.dialogs {
		box := a.styles.Dialog.Width(l.dialogW).Render(d.view(a.styles, l))
		bl := strings.Split(box, "\n")
		if len(bl) > l.bodyHeight {
			bl = append(bl[:l.bodyHeight-1], bl[len(bl)-1])
		}
		box = strings.Join(bl, "\n")
		x := max(0, (l.width-lipgloss.Width(box))/2)
		y := max(0, (l.bodyHeight-len(bl))/2)
		layers = append(layers, lipgloss.NewLayer(box).X(x).Y(y).Z(i+1))
	}
	return lipgloss.NewCompositor(layers...).Render()
}
