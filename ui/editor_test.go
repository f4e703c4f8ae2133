package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func visualStrings(t *textEdit) []string {
	lines, _, _ := t.visual()
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return out
}

func TestEditorWrapsAtWords(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"fits", "short line", 20, []string{"short line"}},
		{"breaks after the last space that fits", "the board reviews progress", 12, []string{"the board ", "reviews ", "progress"}},
		{"a word longer than the line is cut", "abcdefghij klm", 4, []string{"abcd", "efgh", "ij ", "klm"}},
		{"hard line breaks kept", "one\ntwo\n", 10, []string{"one", "two", ""}},
		{"wide characters", "日本語のテキスト", 6, []string{"日本語", "のテキ", "スト"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTextEdit(true)
			e.SetWidth(tt.width)
			e.SetValue(tt.text)
			e.pos = 0
			if got := visualStrings(&e); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEditorCursorAtWrap(t *testing.T) {
	e := newTextEdit(true)
	e.SetWidth(10)
	e.SetValue("the board reviews")
	tests := []struct{ pos, line, col int }{
		{0, 0, 0},
		{9, 0, 9},  // on the space that ends the first line
		{10, 1, 0}, // the start of "reviews" is on the next line
		{17, 1, 7}, // the end of the text
	}
	for _, tt := range tests {
		e.pos = tt.pos
		_, l, c := e.visual()
		if l != tt.line || c != tt.col {
			t.Errorf("pos %d: cursor at line %d col %d, want %d,%d", tt.pos, l, c, tt.line, tt.col)
		}
	}
	// A cursor just past an exactly full line moves to a fresh line.
	e.SetValue("0123456789")
	lines, l, c := e.visual()
	if len(lines) != 2 || l != 1 || c != 0 {
		t.Errorf("full line: %d lines, cursor %d,%d; want 2 lines, cursor 1,0", len(lines), l, c)
	}
}

func TestSingleLineFieldKeepsLineBreaks(t *testing.T) {
	e := newTextEdit(false)
	e.SetWidth(40)
	e.SetValue("first paragraph\nsecond")
	e.Focus()
	e.Update(tea.KeyPressMsg{Code: '!', Text: "!"})
	if got := e.Value(); got != "first paragraph\nsecond!" {
		t.Fatalf("value %q: a line break from elsewhere was lost", got)
	}
	if got := visualStrings(&e); len(got) != 1 || got[0] != "first paragraph↵second!" {
		t.Errorf("shown as %q, want one line with ↵", got)
	}
}

func TestEditorHoldsALargePaste(t *testing.T) {
	e := newTextEdit(true)
	e.Focus()
	big := strings.Repeat("evidence ", 120000) // about 1 MB
	e.Update(tea.PasteMsg{Content: big})
	if got := e.Value(); got != big {
		t.Fatalf("paste of %d bytes kept %d", len(big), len(got))
	}
}

func TestOneLineMax(t *testing.T) {
	long := strings.Repeat("note ", 2000)
	for _, tt := range []struct {
		in    string
		width int
		want  string
	}{
		{"short", 40, "short"},
		{"two\nlines", 40, "two lines"},
		{long, 10, strings.TrimSpace(long[:4*10+64])},
		{strings.Repeat("é", 200), 10, strings.Repeat("é", (4*10+64)/2)},
		{strings.Repeat("x", 100) + "\x1b]52;c;ZXZpbA==\x07", 10, strings.Repeat("x", 100)},
	} {
		if got := oneLineMax(tt.in, tt.width); got != tt.want {
			t.Errorf("oneLineMax(%.20q…, %d) = %.30q…, want %.30q…", tt.in, tt.width, got, tt.want)
		}
	}
}
