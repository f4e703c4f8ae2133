package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// Each test here is a defect named in issue 9 or 15 that the app had.

// longCriteria gives WL-O1 a long statement, long guidance and long
// descriptors, as the built-in WGLL framework has.
func longCriteria(f *fakeStore) {
	long := " It is reviewed every year by the board, with clinical, staff, patient and carer voices heard, and its delivery is reported to the board each quarter."
	f.crit.Measures[0].Statements[0].Text += long
	f.crit.Measures[0].Statements[0].Guidance += long
	for i := range f.crit.Scale {
		f.crit.Scale[i].Descriptor += " Delivery is resourced, owned by a named executive, measured against agreed standards and reported to the board."
	}
}

// TestStatementShowsTextAndDescriptorInFull: at 80x24 and 100x30 the
// statement and the current level's descriptor are whole, not cut; at
// 100x30 every level is.
func TestStatementShowsTextAndDescriptorInFull(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		f, a := seeded(t)
		longCriteria(f)
		hs := newHarness(t, f, size[0], size[1])
		hs.keys("enter", "enter")
		flat := strings.Join(strings.Fields(hs.text()), " ")
		s := f.crit.Measures[0].Statements[0]
		if !strings.Contains(flat, s.Text) {
			t.Errorf("%dx%d: statement cut:\n%s", size[0], size[1], hs.text())
		}
		cur, _ := f.assessments[a.ID].Criteria.Level(2)
		if !strings.Contains(flat, cur.Descriptor) {
			t.Errorf("%dx%d: current descriptor cut:\n%s", size[0], size[1], hs.text())
		}
		if size[0] == 100 {
			for _, l := range f.crit.Scale {
				if !strings.Contains(flat, l.Descriptor) {
					t.Errorf("100x30: level %d not in full:\n%s", l.Level, hs.text())
				}
			}
		}
		// v shows every level in full at any size.
		hs.keys("v")
		flat = strings.Join(strings.Fields(hs.text()), " ")
		for _, l := range f.crit.Scale {
			if !strings.Contains(flat, l.Descriptor) {
				t.Errorf("%dx%d v: level %d not in full", size[0], size[1], l.Level)
			}
		}
	}
}

// TestNextStatementFromTheStatementView: ] and [ move through the
// statements, across measures, without going back to the list.
func TestNextStatementFromTheStatementView(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter")
	for _, want := range []string{"WL-O2", "WL-O3", "WL-O4", "SF-O1"} {
		hs.keys("]")
		if got := hs.app.curStatementID(); got != want || hs.app.screen != screenStatement {
			t.Fatalf("] went to %s (screen %v), want %s", got, hs.app.screen, want)
		}
	}
	hs.keys("[")
	if got := hs.app.curStatementID(); got != "WL-O4" {
		t.Fatalf("[ went to %s, want WL-O4", got)
	}
	// m: a score on the statement view moves on.
	hs.keys("m", "4")
	if f.assessments[1].Score("WL-O4") != 4 || hs.app.curStatementID() != "SF-O1" {
		t.Errorf("m then 4: WL-O4 = %v, now on %s", f.assessments[1].Score("WL-O4"), hs.app.curStatementID())
	}
}

// TestLongRationaleScrolls: a saved rationale longer than the pane can be
// read to its end outside the editor.
func TestLongRationaleScrolls(t *testing.T) {
	f, a := seeded(t)
	var lines []string
	for i := 1; i <= 30; i++ {
		lines = append(lines, "Line "+strings.Repeat("x", i%3)+string(rune('A'+i%26))+" number "+itoa(i))
	}
	if _, err := f.SetRationale(context.Background(), a.ID, "WL-O1", strings.Join(lines, "\n"), 2); err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter")
	if strings.Contains(hs.text(), "number 30") {
		t.Fatal("the whole rationale fits: the test needs a longer one")
	}
	if !strings.Contains(hs.text(), "lines 1-") {
		t.Errorf("no scroll indicator:\n%s", hs.text())
	}
	hs.keys("G")
	if !strings.Contains(hs.text(), "number 30") {
		t.Errorf("end of the rationale not reachable:\n%s", hs.text())
	}
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/10)) + string(rune('0'+i%10)))
}

// TestValidationErrorMovesFocus: the focus goes to the field at fault.
func TestValidationErrorMovesFocus(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "a")
	hs.typeText("Train the board")
	hs.keys("tab", "tab")
	hs.typeText("soon")
	hs.keys("tab", "tab", "ctrl+s")
	fm := hs.app.topForm()
	if fm == nil || fm.fields[fm.focus].name != "due" {
		t.Fatalf("focus not on the due date after its error: %+v", fm)
	}
	// And an empty title takes the focus back to the title.
	for range 15 {
		hs.keys("backspace")
	}
	hs.keys("shift+tab", "shift+tab")
	for range 20 {
		hs.keys("backspace")
	}
	hs.keys("tab", "ctrl+s")
	if fm.fields[fm.focus].name != "title" {
		t.Errorf("focus on %s after a missing title", fm.fields[fm.focus].name)
	}
}

// TestEscOnChangedFormAsks: esc on a changed form asks; n goes back to it
// with the text, y discards it; esc on an untouched form just closes.
func TestEscOnChangedFormAsks(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "e")
	hs.keys("esc")
	if hs.app.topForm() != nil {
		t.Fatal("esc on an untouched form left it open")
	}
	hs.keys("e")
	hs.typeText("Minutes")
	hs.keys("esc")
	if !strings.Contains(hs.text(), "Discard your changes?") {
		t.Fatalf("esc did not ask:\n%s", hs.text())
	}
	hs.keys("n")
	if fm := hs.app.topForm(); fm == nil || fm.values()["title"] != "Minutes" {
		t.Fatal("n did not go back to the form with its text")
	}
	hs.keys("esc", "y")
	if hs.app.topForm() != nil || len(f.assessments[a.ID].Evidence["WL-O1"]) != 1 {
		t.Fatal("y did not discard")
	}
}

// TestSavingKeepsStoredBytes: saving an edited item keeps a field's
// stored text when the person did not change it, even where the editor
// showed it sanitised (issue 15 item 7).
func TestSavingKeepsStoredBytes(t *testing.T) {
	f, a := seeded(t)
	raw := "Board paper\u200b 2026\x1b[1m-03"
	ev := f.assessments[a.ID].Evidence["WL-O1"][0]
	ev.Detail = raw
	f.assessments[a.ID].Evidence["WL-O1"][0] = ev
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "tab", "enter", "enter")
	// Change only the title.
	hs.typeText(" (final)")
	hs.keys("ctrl+s")
	got := f.assessments[a.ID].Evidence["WL-O1"][0]
	if got.Title != "Board paper 2026-03 (final)" {
		t.Fatalf("title = %q", got.Title)
	}
	if got.Detail != raw {
		t.Errorf("untouched detail rewritten: %q, want %q", got.Detail, raw)
	}
}

// TestMouseOpens: a click on a heatmap row opens the measure, on a
// statement row the statement; the wheel moves.
func TestMouseOpens(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	// Body row 2 (screen row 3) is the first measure; row 3 the second.
	hs.send(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if hs.app.screen != screenMeasure || hs.app.measureIdx != 1 {
		t.Fatalf("click on the second measure: screen %v measure %d", hs.app.screen, hs.app.measureIdx)
	}
	hs.keys("esc")
	hs.send(tea.MouseClickMsg{X: 5, Y: 3, Button: tea.MouseLeft})
	if hs.app.measureIdx != 0 || hs.app.screen != screenMeasure {
		t.Fatalf("click on the first measure: %v %d", hs.app.screen, hs.app.measureIdx)
	}
	hs.send(tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if hs.app.stmtIdx != 1 {
		t.Fatalf("wheel: statement %d", hs.app.stmtIdx)
	}
	// The measure's list starts after the title, success measure and head.
	hs.send(tea.MouseClickMsg{X: 5, Y: 1 + 3 + 2, Button: tea.MouseLeft})
	if hs.app.screen != screenStatement || hs.app.curStatementID() != "WL-O3" {
		t.Fatalf("click on WL-O3: screen %v on %s\n%s", hs.app.screen, hs.app.curStatementID(), ansi.Strip(hs.view()))
	}
	// On the statement screen a click on a tab shows the pane and a click
	// on a row opens the item.
	hs.keys("[", "[")
	top := len(hs.app.sc.statement.top(hs.app, hs.app.lay.topW, hs.app.lay.topH, false))
	hs.send(tea.MouseClickMsg{X: 14, Y: 1 + top, Button: tea.MouseLeft})
	if hs.app.sc.statement.pane != paneEvidence {
		t.Fatalf("click on the evidence tab: pane %v\n%s", hs.app.sc.statement.pane, ansi.Strip(hs.view()))
	}
	hs.send(tea.MouseClickMsg{X: 5, Y: 1 + top + 1, Button: tea.MouseLeft})
	if _, ok := hs.app.top().(*itemView); !ok {
		t.Fatalf("click on an evidence row did not open it:\n%s", ansi.Strip(hs.view()))
	}
}

// TestPasteKeepsLineBreaks: a bracketed paste with CR, CRLF or LF line
// breaks keeps them (tmux sends CR: three lines arrived as one).
func TestPasteKeepsLineBreaks(t *testing.T) {
	for _, text := range []string{"one\rtwo\rthree", "one\r\ntwo\r\nthree", "one\ntwo\nthree"} {
		f, a := seeded(t)
		hs := newHarness(t, f, 80, 24)
		hs.keys("enter", "enter", "enter", "ctrl+u")
		hs.send(tea.PasteMsg{Content: text})
		hs.keys("esc")
		if got := f.assessments[a.ID].Responses["WL-O1"].Rationale; got != "Strategy approved in March.one\ntwo\nthree" && got != "one\ntwo\nthree" {
			t.Errorf("paste %q saved as %q", text, got)
		}
	}
}

// TestItemViewAndLink: enter on an evidence item shows all its text; o
// opens a web link through Config.OpenURL, says where none can, and never
// hands on a link that is not a web address; enter there edits.
func TestItemViewAndLink(t *testing.T) {
	f, a := seeded(t)
	long := strings.Repeat("The minutes record the vote and who spoke for it. ", 12) + "THE END"
	ev := f.assessments[a.ID].Evidence["WL-O1"][0]
	ev.Detail, ev.Link = long, "https://example.nhs.uk/board/minutes"
	f.assessments[a.ID].Evidence["WL-O1"][0] = ev
	var opened []string
	openErr := error(nil)
	hs := newHarness(t, f, 100, 30, func(c *Config) {
		c.OpenURL = func(u string) error { opened = append(opened, u); return openErr }
	})
	hs.keys("enter", "enter", "tab", "enter")
	flat := strings.Join(strings.Fields(hs.text()), " ")
	if !strings.Contains(flat, "THE END") || !strings.Contains(flat, "example.nhs.uk/board/minutes") {
		t.Fatalf("item view lacks the full text:\n%s", hs.text())
	}
	hs.keys("o")
	if len(opened) != 1 || opened[0] != "https://example.nhs.uk/board/minutes" || !strings.Contains(hs.text(), "Opened https://example.nhs.uk") {
		t.Fatalf("o: opened %v\n%s", opened, hs.text())
	}
	openErr = errNoBrowser
	hs.keys("o")
	if !strings.Contains(hs.text(), "the link is https://example.nhs.uk/board/minutes") {
		t.Errorf("no browser: link not printed:\n%s", hs.text())
	}
	hs.keys("enter")
	if fm := hs.app.topForm(); fm == nil || fm.kind != formEvidence || fm.id != ev.ID {
		t.Fatalf("enter in the item view did not edit: %+v", fm)
	}
	hs.keys("esc")
	// A document reference, or a crafted scheme, is never opened.
	for _, link := range []string{"item 7", "javascript:alert(1)", "file:///etc/passwd"} {
		ev.Link = link
		f.assessments[a.ID].Evidence["WL-O1"][0] = ev
		hs.app.a.Evidence["WL-O1"][0] = ev
		n := len(opened)
		hs.keys("o")
		if len(opened) != n {
			t.Errorf("%q was handed to the browser", link)
		}
	}
}

// TestSearchJumps: / finds statements, evidence and actions and enter
// goes to the hit.
func TestSearchJumps(t *testing.T) {
	tests := []struct {
		query, sid string
		pane       pane
	}{
		{"cloud hosting", "SF-O1", paneRationale},
		{"paper 2026-03", "WL-O1", paneEvidence},
		{"refresh strategy", "WL-O1", paneActions},
	}
	for _, tt := range tests {
		f, _ := seeded(t)
		hs := newHarness(t, f, 80, 24)
		hs.keys("/")
		hs.typeText(tt.query)
		if !strings.Contains(hs.text(), "found") {
			t.Fatalf("%q: no hits shown:\n%s", tt.query, hs.text())
		}
		hs.keys("enter")
		if hs.app.screen != screenStatement || hs.app.curStatementID() != tt.sid || hs.app.sc.statement.pane != tt.pane {
			t.Errorf("%q: screen %v on %s pane %v, want %s pane %v", tt.query, hs.app.screen, hs.app.curStatementID(), hs.app.sc.statement.pane, tt.sid, tt.pane)
		}
	}
}

// TestRationaleKeptUnlessChanged: an imported rationale with bytes the
// sanitiser drops is not rewritten when the editor is opened and closed;
// changed, the save says what it left out (issue 15 item 7).
func TestRationaleKeptUnlessChanged(t *testing.T) {
	f, a := seeded(t)
	raw := "Approved\u200b in March\x1b[1m."
	f.assessments[a.ID].Responses["WL-O1"] = model.Response{StatementID: "WL-O1", Score: 2, Rationale: raw, Version: 5}
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter", "esc")
	if got := f.assessments[a.ID].Responses["WL-O1"].Rationale; got != raw || f.count("SetRationale") != 0 {
		t.Fatalf("unchanged rationale rewritten: %q (%d saves)", got, f.count("SetRationale"))
	}
	hs.keys("enter")
	hs.typeText(" Again.")
	hs.keys("esc")
	if got := f.assessments[a.ID].Responses["WL-O1"].Rationale; got != "Approved in March. Again." {
		t.Fatalf("changed rationale = %q", got)
	}
	if !strings.Contains(hs.text(), "hidden characters left out") {
		t.Errorf("the save did not say what it left out:\n%s", hs.text())
	}
}

// TestRemoteNeverRunsHostPrograms: over 'wgll serve' o prints the link
// and ctrl+o is refused: the host's browser and editor are not the
// caller's, and an editor can run commands.
func TestRemoteNeverRunsHostPrograms(t *testing.T) {
	f, a := seeded(t)
	ev := f.assessments[a.ID].Evidence["WL-O1"][0]
	ev.Link = "https://example.nhs.uk/x"
	f.assessments[a.ID].Evidence["WL-O1"][0] = ev
	t.Setenv("EDITOR", "/bin/false")
	hs := newHarness(t, f, 80, 24, func(c *Config) { c.Remote = true })
	hs.keys("enter", "enter", "tab", "o")
	if !strings.Contains(hs.text(), "the link is https://example.nhs.uk/x") {
		t.Errorf("o over a shared connection:\n%s", hs.text())
	}
	hs.keys("shift+tab", "enter", "ctrl+o")
	if !strings.Contains(hs.text(), "ctrl+o is off") {
		t.Errorf("ctrl+o over a shared connection:\n%s", hs.text())
	}
}

// TestHelpLineAt80Columns: the statement view's help line keeps esc, undo,
// ? and q at 80 columns and ends in an ellipsis when keys are left out
// (the defect: cut with no ellipsis, losing exactly those four).
func TestHelpLineAt80Columns(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	for _, keys := range [][]string{{"enter"}, {"enter"}, {"tab"}, {"tab"}} {
		hs.keys(keys...)
		lines := strings.Split(hs.text(), "\n")
		last := lines[len(lines)-1]
		for _, want := range []string{"esc back", "u undo", "q quit"} {
			if !strings.Contains(last, want) {
				t.Errorf("after %v the help line lacks %q: %q", keys, want, last)
			}
		}
		if !strings.Contains(last, "? ") {
			t.Errorf("after %v the help line lacks ?: %q", keys, last)
		}
		if !strings.HasSuffix(last, "…") {
			t.Errorf("after %v the cut help line has no ellipsis: %q", keys, last)
		}
	}
}

// TestHelpOverlayColumns: the ? overlay lists keys and meanings in aligned
// columns, each key on the line of its meaning (it flowed as paragraphs,
// splitting keys from their meanings).
func TestHelpOverlayColumns(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 100, 30)
	hs.keys("?")
	col := -1
	for _, want := range []string{"1-5       score", "0         clear score", "e         add evidence", "a         add action"} {
		found := false
		for _, l := range strings.Split(hs.text(), "\n") {
			if i := strings.Index(l, want); i >= 0 {
				i = ansi.StringWidth(l[:i])
				found = true
				if col >= 0 && i != col {
					t.Errorf("%q starts at column %d, the others at %d", want, i, col)
				}
				col = i
			}
		}
		if !found {
			t.Errorf("overlay lacks the aligned row %q:\n%s", want, hs.text())
		}
	}
}

// TestEvidenceDetailIsMultiLine: evidence detail takes several lines
// (enter breaks the line there) and keeps them (it was one line).
func TestEvidenceDetailIsMultiLine(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "e")
	hs.typeText("Minutes")
	hs.keys("tab")
	hs.typeText("First point")
	hs.keys("enter")
	hs.typeText("Second point")
	hs.keys("ctrl+s")
	ev := f.assessments[a.ID].Evidence["WL-O1"]
	if got := ev[len(ev)-1]; got.Title != "Minutes" || got.Detail != "First point\nSecond point" {
		t.Fatalf("saved %+v", got)
	}
}
