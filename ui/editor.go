package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// textEdit is a small text editor, single-line for form fields or
// multi-line for the rationale. It is written here rather than taken from
// bubbles (whose textarea and textinput pull in a clipboard module this
// project does not carry) and it keeps everything it draws sanitised: typed
// and pasted text goes through Sanitize on the way in.
type textEdit struct {
	runes       []rune
	pos         int
	multiline   bool
	focused     bool
	width       int
	height      int
	placeholder string
	limit       int
	// top is the first visual line shown (multi-line).
	top int
}

// maxEditRunes bounds what one editor holds: far above any real rationale
// or a large paste (a 1 MB paste fits whole), so that nothing stored is ever
// cut when it is opened for editing.
const maxEditRunes = 4 << 20

// newTextEdit returns an empty editor.
func newTextEdit(multiline bool) textEdit {
	return textEdit{multiline: multiline, width: 40, height: 1, limit: maxEditRunes}
}

// Value is the text.
func (t *textEdit) Value() string { return string(t.runes) }

// SetValue replaces the text and puts the cursor at its end.
func (t *textEdit) SetValue(s string) {
	t.runes = []rune(Sanitize(s))
	if len(t.runes) > t.limit {
		t.runes = t.runes[:t.limit]
	}
	t.pos = len(t.runes)
}

// Focus gives the editor the keyboard; Blur takes it away.
func (t *textEdit) Focus() { t.focused = true }

// Blur takes the keyboard away.
func (t *textEdit) Blur() { t.focused = false }

// SetWidth and SetHeight size the editor in cells.
func (t *textEdit) SetWidth(w int) { t.width = max(4, w) }

// SetHeight sets the number of lines shown (multi-line only).
func (t *textEdit) SetHeight(h int) { t.height = max(1, h) }

// insert puts s at the cursor.
func (t *textEdit) insert(s string) {
	r := []rune(Sanitize(s))
	if room := t.limit - len(t.runes); len(r) > room {
		r = r[:max(0, room)]
	}
	t.runes = append(t.runes[:t.pos], append(r, t.runes[t.pos:]...)...)
	t.pos += len(r)
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

// lineStart and lineEnd are the bounds of the logical line at the cursor.
func (t *textEdit) lineStart() int {
	i := t.pos
	for i > 0 && t.runes[i-1] != '\n' {
		i--
	}
	return i
}

func (t *textEdit) lineEnd() int {
	i := t.pos
	for i < len(t.runes) && t.runes[i] != '\n' {
		i++
	}
	return i
}

// Update applies a key press or paste; it reports whether the text changed.
func (t *textEdit) Update(msg tea.Msg) bool {
	if !t.focused {
		return false
	}
	before := len(t.runes)
	beforeText := ""
	if p, ok := msg.(tea.PasteMsg); ok {
		t.insert(pasteLines(p.Content))
		return true
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false
	}
	beforeText = string(t.runes)
	switch k.String() {
	case "left", "ctrl+b":
		t.pos = max(0, t.pos-1)
	case "right", "ctrl+f":
		t.pos = min(len(t.runes), t.pos+1)
	case "home", "ctrl+a":
		t.pos = t.lineStart()
	case "end", "ctrl+e":
		t.pos = t.lineEnd()
	case "up":
		t.vertical(-1)
	case "down":
		t.vertical(1)
	case "backspace", "ctrl+h":
		if t.pos > 0 {
			t.runes = append(t.runes[:t.pos-1], t.runes[t.pos:]...)
			t.pos--
		}
	case "delete", "ctrl+d":
		if t.pos < len(t.runes) {
			t.runes = append(t.runes[:t.pos], t.runes[t.pos+1:]...)
		}
	case "ctrl+u":
		s := t.lineStart()
		t.runes = append(t.runes[:s], t.runes[t.pos:]...)
		t.pos = s
	case "ctrl+k":
		e := t.lineEnd()
		t.runes = append(t.runes[:t.pos], t.runes[e:]...)
	case "ctrl+w", "alt+backspace":
		s := t.pos
		for s > 0 && t.runes[s-1] == ' ' {
			s--
		}
		for s > 0 && t.runes[s-1] != ' ' && t.runes[s-1] != '\n' {
			s--
		}
		t.runes = append(t.runes[:s], t.runes[t.pos:]...)
		t.pos = s
	case "enter":
		if t.multiline {
			t.insert("\n")
		}
	default:
		if k.Text != "" && k.Mod&^tea.ModShift == 0 {
			t.insert(k.Text)
		}
	}
	return len(t.runes) != before || string(t.runes) != beforeText
}

// vertical moves the cursor up or down one logical line, keeping the column.
func (t *textEdit) vertical(d int) {
	if !t.multiline {
		return
	}
	col := t.pos - t.lineStart()
	if d < 0 {
		s := t.lineStart()
		if s == 0 {
			t.pos = 0
			return
		}
		t.pos = s - 1
		ps := t.lineStart()
		t.pos = min(ps+col, s-1)
		return
	}
	e := t.lineEnd()
	if e == len(t.runes) {
		t.pos = e
		return
	}
	t.pos = e + 1
	ne := t.lineEnd()
	t.pos = min(e+1+col, ne)
}

// visual splits the text into display lines of at most width cells and
// returns them with the cursor's line and cell column. A multi-line editor
// wraps at the last space that fits, so words stay whole; a single-line
// editor keeps everything on one line and shows a stored line break as ↵
// (form fields keep line breaks that came from elsewhere rather than lose
// them).
func (t *textEdit) visual() (lines [][]rune, curLine, curCol int) {
	type span struct{ start, end int }
	var spans []span
	if !t.multiline {
		spans = []span{{0, len(t.runes)}}
	} else {
		for start := 0; ; {
			e := start
			for e < len(t.runes) && t.runes[e] != '\n' {
				e++
			}
			for s := start; ; {
				w, i, lastSpace := 0, s, -1
				for i < e {
					rw := ansi.StringWidth(string(t.runes[i]))
					if w+rw > t.width {
						break
					}
					if t.runes[i] == ' ' {
						lastSpace = i
					}
					w += rw
					i++
				}
				if i >= e {
					spans = append(spans, span{s, e})
					break
				}
				brk := i
				if lastSpace >= s {
					brk = lastSpace + 1
				}
				if brk == s { // a character wider than the editor
					brk = s + 1
				}
				spans = append(spans, span{s, brk})
				s = brk
			}
			if e >= len(t.runes) {
				break
			}
			start = e + 1
		}
	}
	lines = make([][]rune, len(spans))
	for k, sp := range spans {
		line := t.runes[sp.start:sp.end]
		if !t.multiline {
			line = []rune(strings.ReplaceAll(string(line), "\n", "↵"))
		}
		lines[k] = line
		// The cursor sits on the last line whose span holds it: at a soft
		// wrap that is the start of the next line.
		if sp.start <= t.pos && t.pos <= sp.end {
			curLine = k
			curCol = ansi.StringWidth(string(line[:t.pos-sp.start]))
		}
	}
	if t.multiline && curCol >= t.width {
		// The cursor is just past a full line: show it at the start of an
		// empty line below.
		lines = append(lines[:curLine+1], append([][]rune{nil}, lines[curLine+1:]...)...)
		curLine, curCol = curLine+1, 0
	}
	return lines, curLine, curCol
}

// View draws the editor; the cursor is shown in reverse video when focused.
func (t *textEdit) View(st Styles) string {
	if len(t.runes) == 0 && !t.focused && t.placeholder != "" {
		return st.Subtle.Render(ansi.Truncate(t.placeholder, t.width, "…"))
	}
	lines, cl, cc := t.visual()
	cursor := st.Cursor
	render := func(line []rune, withCursor bool, col int) string {
		s := string(line)
		if !withCursor {
			return s
		}
		left := ansi.Cut(s, 0, col)
		rest := ansi.Cut(s, col, ansi.StringWidth(s))
		ch := " "
		if rest != "" {
			r := []rune(rest)
			ch, rest = string(r[0]), string(r[1:])
		}
		return left + cursor.Render(ch) + rest
	}
	if !t.multiline {
		line := lines[0]
		// Scroll horizontally so the cursor stays in view.
		start := 0
		if cc >= t.width {
			start = cc - t.width + 1
		}
		out := render(line, t.focused, cc)
		if start > 0 {
			out = ansi.Cut(out, start, start+t.width)
		} else {
			out = ansi.Truncate(out, t.width, "")
		}
		if len(line) == 0 && !t.focused && t.placeholder != "" {
			return st.Subtle.Render(ansi.Truncate(t.placeholder, t.width, "…"))
		}
		return out
	}
	if cl < t.top {
		t.top = cl
	}
	if cl >= t.top+t.height {
		t.top = cl - t.height + 1
	}
	var b strings.Builder
	for i := t.top; i < t.top+t.height; i++ {
		if i > t.top {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(render(lines[i], t.focused && i == cl, cc))
		}
	}
	return b.String()
}
