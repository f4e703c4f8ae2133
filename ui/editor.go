package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// textEdit is the app's text editor: a Bubbles textarea for the rationale
// and every multi-line field, a Bubbles textinput for one-line fields. It
// keeps everything it holds sanitised: a value set and a paste go through
// Sanitize on the way in (typed keys are printable already), and a
// bracketed paste keeps its line breaks whether the terminal sends CR,
// CRLF or LF. The clipboard keys of the components are off: a terminal
// paste arrives as tea.PasteMsg, which is sanitised here, while the
// components' own clipboard read would bypass it.
type textEdit struct {
	multiline bool
	// area is made on first use (ready): the statement screen's editor
	// was made with the app, and a textarea's 325 KB and first use of its
	// code were 0.5 to 0.8 ms of every start, before the terminal's set-up.
	area        textarea.Model
	made        bool
	line        textinput.Model
	placeholder string
	// limit bounds what the editor holds, in runes.
	limit int
	// styled is set once the components are styled; styledFor says for
	// which background and colour choice.
	styled    bool
	styledFor [2]bool
}

// maxEditRunes bounds what one editor holds: far above any real rationale
// or a large paste (a 1 MB paste fits whole), so that nothing stored is ever
// cut when it is opened for editing.
const maxEditRunes = 4 << 20

// newTextEdit returns an empty editor.
func newTextEdit(multiline bool) textEdit {
	t := textEdit{multiline: multiline, limit: maxEditRunes}
	if !multiline {
		l := textinput.New()
		l.Prompt = ""
		l.CharLimit = maxEditRunes
		l.KeyMap.Paste.SetEnabled(false)
		l.KeyMap.AcceptSuggestion.SetEnabled(false)
		l.KeyMap.NextSuggestion.SetEnabled(false)
		l.KeyMap.PrevSuggestion.SetEnabled(false)
		l.SetWidth(40)
		t.line = l
	}
	return t
}

// setLimit bounds the editor to n runes.
func (t *textEdit) setLimit(n int) {
	t.limit = n
	t.line.CharLimit = n
	if t.made {
		t.area.CharLimit = n
	}
}

// ready makes the multi-line editor's textarea, once.
func (t *textEdit) ready() *textarea.Model {
	if !t.made {
		a := textarea.New()
		a.ShowLineNumbers = false
		a.Prompt = ""
		a.CharLimit = t.limit
		a.MaxHeight = 0
		a.MaxWidth = 0
		a.KeyMap.Paste.SetEnabled(false)
		a.KeyMap.CopySelection.SetEnabled(false)
		a.SetWidth(40)
		a.SetHeight(1)
		t.area, t.made = a, true
	}
	return &t.area
}

// Value is the text.
func (t *textEdit) Value() string {
	if t.multiline {
		if !t.made {
			return ""
		}
		return t.area.Value()
	}
	return t.line.Value()
}

// editLines is the most lines the textarea holds (bubbles' own cap).
const editLines = 10000

// fits reports whether s can be edited whole: the textarea holds at most
// editLines lines and the editor limit runes.
func (t *textEdit) fits(s string) bool {
	s = Sanitize(pasteLines(s))
	return (!t.multiline || strings.Count(s, "\n") < editLines) && utf8.RuneCountInString(s) <= t.limit
}

// SetValue replaces the text, sanitised, and puts the cursor at its end.
func (t *textEdit) SetValue(s string) {
	s = Sanitize(pasteLines(s))
	if r := []rune(s); len(r) > t.limit {
		s = string(r[:t.limit])
	}
	if t.multiline {
		t.ready().SetValue(s)
		return
	}
	t.line.SetValue(s)
	t.line.CursorEnd()
}

// Focus gives the editor the keyboard.
func (t *textEdit) Focus() {
	if t.multiline {
		t.ready().Focus()
	} else {
		t.line.Focus()
	}
}

// Blur takes the keyboard away.
func (t *textEdit) Blur() {
	if t.made {
		t.area.Blur()
	}
	t.line.Blur()
}

// SetWidth sets the width in cells.
func (t *textEdit) SetWidth(w int) {
	w = max(4, w)
	if t.multiline {
		if a := t.ready(); a.Width() != w {
			a.SetWidth(w)
		}
		return
	}
	t.line.SetWidth(w)
}

// SetHeight sets the number of lines shown (multi-line only).
func (t *textEdit) SetHeight(h int) {
	if h = max(1, h); t.multiline && t.ready().Height() != h {
		t.area.SetHeight(h)
	}
}

// pasteLines turns the line breaks of a bracketed paste into newlines:
// most terminals (and tmux) send CR for each, some CRLF, and Sanitize drops
// a bare CR, so three pasted lines would arrive as one.
func pasteLines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// Update applies a key press or paste; it reports whether the text changed.
func (t *textEdit) Update(msg tea.Msg) bool {
	switch m := msg.(type) {
	case tea.PasteMsg:
		msg = tea.PasteMsg{Content: Sanitize(pasteLines(m.Content))}
	case tea.KeyPressMsg:
	default:
		return false
	}
	before := t.Value()
	if t.multiline {
		if !t.made || !t.area.Focused() {
			return false
		}
		t.area, _ = t.area.Update(msg)
	} else {
		if !t.line.Focused() {
			return false
		}
		t.line, _ = t.line.Update(msg)
	}
	return t.Value() != before
}

// style gives the components the app's styles: no colour of their own,
// the app's cursor and placeholder.
func (t *textEdit) style(st *Styles) {
	key := [2]bool{st.isDark, st.color}
	if t.styled && t.styledFor == key || t.multiline && !t.made {
		return // an editor not made yet is styled when it is
	}
	t.styled, t.styledFor = true, key
	plain := lipgloss.NewStyle()
	if t.multiline {
		s := t.area.Styles()
		for _, ss := range []*textarea.StyleState{&s.Focused, &s.Blurred} {
			ss.Base, ss.Text, ss.CursorLine, ss.EndOfBuffer, ss.Prompt = plain, plain, plain, plain, plain
			ss.Placeholder = st.Subtle
			ss.Selection = st.Selected
		}
		s.Cursor.Blink = false
		s.Cursor.Color = nil
		t.area.SetStyles(s)
		t.area.Placeholder = t.placeholder
		return
	}
	s := t.line.Styles()
	for _, ss := range []*textinput.StyleState{&s.Focused, &s.Blurred} {
		ss.Text, ss.Prompt = plain, plain
		ss.Placeholder = st.Subtle
	}
	s.Cursor.Blink = false
	s.Cursor.Color = nil
	t.line.SetStyles(s)
	t.line.Placeholder = t.placeholder
}

// View draws the editor; the cursor is shown in reverse video when focused.
func (t *textEdit) View(st Styles) string {
	if t.multiline {
		t.ready()
	}
	t.style(&st)
	if t.multiline {
		return t.area.View()
	}
	w := t.line.Width()
	v := t.line.View()
	if !fitsWidth(v, w+1) {
		v = ansi.Truncate(v, w+1, "")
	}
	return v
}

// position says where the cursor is in a long text, "line 3 of 40", or
// "" when it all fits.
func (t *textEdit) position() string {
	if !t.multiline || !t.made {
		return ""
	}
	n := t.area.LineCount()
	info := t.area.LineInfo()
	if n <= 1 && info.Height <= t.area.Height() {
		return ""
	}
	return fmt.Sprintf("line %d of %d", t.area.Line()+1, n)
}
