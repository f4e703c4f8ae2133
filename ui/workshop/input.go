package workshop

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"wgll/ui"
)

// lineInput is a one-line text field: a reason, a dissent note, an
// action's title. It takes printable text and paste, backspace and
// ctrl+u; newlines in a paste become spaces, since every field here is one
// line.
type lineInput struct {
	label string
	value []rune
	limit int
}

func newInput(label string, limit int) *lineInput {
	return &lineInput{label: label, limit: limit}
}

// Value is the text typed, trimmed.
func (in *lineInput) Value() string { return strings.TrimSpace(string(in.value)) }

// SetValue replaces the text.
func (in *lineInput) SetValue(s string) { in.value = []rune(clean(s)) }

// update applies a key press or paste; it reports whether it used msg.
func (in *lineInput) update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.insert(strings.Join(strings.Fields(msg.Content), " "))
		return true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "backspace":
			if len(in.value) > 0 {
				in.value = in.value[:len(in.value)-1]
			}
			return true
		case "ctrl+u":
			in.value = nil
			return true
		case "space":
			in.insert(" ")
			return true
		}
		if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
			in.insert(msg.Text)
			return true
		}
	}
	return false
}

func (in *lineInput) insert(s string) {
	s = strings.ReplaceAll(ui.Sanitize(s), "\n", " ")
	for _, r := range s {
		if in.limit > 0 && utf8.RuneCountInString(string(in.value)) >= in.limit {
			return
		}
		in.value = append(in.value, r)
	}
}

// view draws "label: text█", showing the end of a text too long for width.
func (in *lineInput) view(st Styles, width int, focused bool) string {
	label := st.Label.Render(in.label + ": ")
	room := width - ansi.StringWidth(label) - 1
	text := string(in.value)
	if room > 0 && ansi.StringWidth(text) > room {
		text = ansi.TruncateLeft(text, ansi.StringWidth(text)-room+1, "…")
	}
	if focused {
		text += st.Mask.Render(" ")
	}
	return label + text
}
