package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// shown is what the editor draws, line by line, without styling or the
// padding to its width.
func shown(t *textEdit) []string {
	var out []string
	for _, l := range strings.Split(ansi.Strip(t.View(newStyles(true, false))), "\n") {
		out = append(out, strings.TrimRight(l, " "))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
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
		{"breaks after the last space that fits", "the board reviews progress", 12, []string{"the board", "reviews", "progress"}},
		{"hard line breaks kept", "one\ntwo\nthree", 10, []string{"one", "two", "three"}},
		{"wide characters", "日本語のテキスト", 6, []string{"日本語", "のテキ", "スト"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTextEdit(true)
			e.SetWidth(tt.width)
			e.SetHeight(len(tt.want) + 1)
			e.SetValue(tt.text)
			if got := shown(&e); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEditorWordAndPageMovement: alt+left/right (and ctrl+left/right)
// move by word, pgup/pgdown by page, as people expect of an editor.
func TestEditorWordAndPageMovement(t *testing.T) {
	e := newTextEdit(true)
	e.SetWidth(40)
	e.SetHeight(3)
	e.Focus()
	e.SetValue("one two three")
	e.Update(tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModAlt})
	e.Update(tea.KeyPressMsg{Code: 'X', Text: "X"})
	if got := e.Value(); got != "one two Xthree" {
		t.Errorf("alt+left then X: %q", got)
	}
	e.Update(tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModCtrl})
	e.Update(tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModCtrl})
	e.Update(tea.KeyPressMsg{Code: 'Y', Text: "Y"})
	if got := e.Value(); got != "one Ytwo Xthree" {
		t.Errorf("ctrl+left twice then Y: %q", got)
	}
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprintf("line %02d", i))
	}
	e.SetValue(strings.Join(lines, "\n"))
	e.Update(tea.KeyPressMsg{Code: tea.KeyPgUp})
	e.Update(tea.KeyPressMsg{Code: tea.KeyPgUp})
	if e.area.Line() >= 19 {
		t.Errorf("pgup did not move up: line %d", e.area.Line())
	}
	if got := e.position(); !strings.HasSuffix(got, "of 20") {
		t.Errorf("no scroll position: %q", got)
	}
}

func TestSingleLineFieldKeepsLineBreaks(t *testing.T) {
	// A one-line field opened on text with a line break (from an import)
	// is a multi-line field, so that editing it keeps the break.
	f := newTextField("title", "Title", "", "first paragraph\nsecond", true)
	e := &f.input
	e.SetWidth(40)
	e.Focus()
	e.Update(tea.KeyPressMsg{Code: '!', Text: "!"})
	if got := e.Value(); got != "first paragraph\nsecond!" {
		t.Fatalf("value %q: a line break from elsewhere was lost", got)
	}
	if got := shown(e); len(got) < 2 || got[0] != "first paragraph" || got[1] != "second!" {
		t.Errorf("shown as %q, want both lines", got)
	}
}

func TestEditorSanitisesWhatEnters(t *testing.T) {
	for _, multi := range []bool{true, false} {
		e := newTextEdit(multi)
		e.SetWidth(60)
		e.Focus()
		e.SetValue("set\x1b]52;c;ZXZpbA==\x07 \u202eok")
		e.Update(tea.PasteMsg{Content: " pasted\x1b[2J\u200b"})
		if got := e.Value(); strings.ContainsAny(got, "\x1b\u202e\u200b\a") || strings.Contains(got, "ZXZpbA") {
			t.Errorf("multi %v: control text got in: %q", multi, got)
		}
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
		{long, 10, strings.TrimSpace(long[:2*10+32])},
		{strings.Repeat("é", 200), 10, strings.Repeat("é", (2*10+32)/2)},
		{strings.Repeat("x", 40) + "\x1b]52;c;ZXZpbA==\x07", 10, strings.Repeat("x", 40)},
	} {
		if got := oneLineMax(tt.in, tt.width); got != tt.want {
			t.Errorf("oneLineMax(%.20q…, %d) = %.30q…, want %.30q…", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a longer line", 10, "a longer …"},
		{"x", 0, ""},
		{"café au lait", 6, "café …"},
		{"日本語テキスト", 7, "日本語…"},
		{"title — link · note", 12, "title — lin…"},
		{"e\u0301e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301…"},
		{"Zoë Ångström", 20, "Zoë Ångström"},
	} {
		got := truncate(tt.in, tt.width)
		if got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		if ansi.StringWidth(got) > max(tt.width, 0) {
			t.Errorf("truncate(%q, %d) is %d wide", tt.in, tt.width, ansi.StringWidth(got))
		}
	}
}

func TestFitsWidth(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  bool
	}{
		{"", 0, true},
		{"abc", 3, true},
		{"abcd", 3, false},
		{"\x1b[1;38;5;42mabc\x1b[m", 3, true},
		{"\x1b[7m› title — owner\x1b[0m", 15, true},
		{"\x1b[7m› title — owner\x1b[0m", 14, false},
		{"日本", 10, false}, // not surely narrow: measured properly instead
	} {
		if got := fitsWidth(tt.in, tt.width); got != tt.want {
			t.Errorf("fitsWidth(%q, %d) = %v, want %v", tt.in, tt.width, got, tt.want)
		}
		if tt.want && ansi.StringWidth(tt.in) > tt.width {
			t.Errorf("fitsWidth(%q, %d) said it fits but it is %d wide", tt.in, tt.width, ansi.StringWidth(tt.in))
		}
	}
}

func TestNarrowAgreesWithAnsi(t *testing.T) {
	for r := rune(0); r < 0x2600; r++ {
		if narrow(r) && ansi.StringWidth(string(r)) != 1 {
			t.Errorf("narrow(%U) but ansi measures %d columns", r, ansi.StringWidth(string(r)))
		}
	}
}

// TestLongStoredRationaleIsNotCut: a rationale longer than the textarea
// holds is not opened for editing (which would cut it on save).
func TestLongStoredRationaleIsNotCut(t *testing.T) {
	f, a := seeded(t)
	long := strings.Repeat("line\n", 10050)
	f.assessments[a.ID].Responses["WL-O1"] = model.Response{StatementID: "WL-O1", Score: 2, Rationale: long, Version: 3}
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter")
	if hs.app.editing() || !strings.Contains(hs.text(), "longer than the editor holds") {
		t.Fatalf("editing %v:\n%s", hs.app.editing(), hs.text())
	}
	hs.keys("esc")
	if f.assessments[a.ID].Responses["WL-O1"].Rationale != long {
		t.Fatal("the long rationale changed")
	}
}

// TestEditorMadeOnFirstUse: the multi-line editor's textarea is made when
// it is first used, not with the app (0.5 to 0.8 ms of every start), and
// one made late behaves as one made at once: the limit set before it,
// styled on its first view.
func TestEditorMadeOnFirstUse(t *testing.T) {
	a := New(Config{})
	if a.sc.statement.ta.made {
		t.Error("the statement screen's editor was made with the app")
	}
	e := newTextEdit(true)
	e.setLimit(5)
	if e.Value() != "" || e.position() != "" || e.Update(tea.KeyPressMsg{Code: 'x', Text: "x"}) {
		t.Error("an editor not made yet should be empty and take no keys")
	}
	e.Blur()
	if e.made {
		t.Error("reading an empty editor made it")
	}
	e.SetValue("abcdefgh")
	if got := e.Value(); got != "abcde" {
		t.Errorf("value %q, want the limit set before it was made (abcde)", got)
	}
	e.Focus()
	if !e.Update(tea.KeyPressMsg{Code: tea.KeyBackspace}) || e.Value() != "abcd" {
		t.Errorf("after backspace %q, want abcd", e.Value())
	}
	st := newStyles(true, true)
	e.View(st)
	if !e.styled {
		t.Error("the first view of a late-made editor did not style it")
	}
}
