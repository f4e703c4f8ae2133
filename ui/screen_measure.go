package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// measureScreen lists one measure's statements for scoring with one key
// each. Its cursor is the shared position's statement (App.stmtIdx).
type measureScreen struct {
}

// rows is where the list starts in the body (after the title, the success
// measure, a gap on a roomy screen and the column heads), how many rows
// each statement takes, and the first statement shown.
func (s *measureScreen) rows(a *App) (listTop, per, start int) {
	m, _ := a.curMeasure()
	listTop = 1 + len(wrapLines(Sanitize(m.SuccessMeasure), a.lay.width-2, 2)) + 1
	per = 1
	if a.lay.roomy {
		listTop++
		per = 3 // two wrapped lines and a gap
	}
	avail := (a.lay.bodyHeight - listTop) / per
	return listTop, per, window(a.stmtIdx, len(m.Statements), avail)
}

func (s *measureScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	m, _ := a.curMeasure()
	switch {
	case a.move(k, &a.stmtIdx, len(m.Statements), a.lay.bodyHeight-4):
	case key.Matches(k, a.keys.Open) && len(m.Statements) > 0:
		a.screen = screenStatement
		a.sc.statement.enter(a)
	case key.Matches(k, a.keys.Back):
		a.screen = screenOverview
	case key.Matches(k, a.keys.Score), key.Matches(k, a.keys.Clear):
		return a.scoreAndMove(k)
	case key.Matches(k, a.keys.AddEvidence) && len(m.Statements) > 0:
		return a.sc.statement.openEvidenceForm(a, emptyEvidence)
	case key.Matches(k, a.keys.AddAction) && len(m.Statements) > 0:
		return a.sc.statement.openActionForm(a, emptyAction)
	}
	return nil
}

// mouse opens the statement clicked; the wheel moves the cursor.
func (s *measureScreen) mouse(a *App, m tea.MouseMsg) tea.Cmd {
	st, _ := a.curMeasure()
	switch m := m.(type) {
	case tea.MouseClickMsg:
		listTop, per, start := s.rows(a)
		row := m.Mouse().Y - 1 - listTop
		if row < 0 || row%per > 1 {
			return nil
		}
		i := start + row/per
		if i < len(st.Statements) {
			a.stmtIdx = i
			a.screen = screenStatement
			a.sc.statement.enter(a)
		}
	case tea.MouseWheelMsg:
		if m.Mouse().Button == tea.MouseWheelUp {
			a.stmtIdx = max(0, a.stmtIdx-1)
		} else {
			a.stmtIdx = min(len(st.Statements)-1, a.stmtIdx+1)
		}
	}
	return nil
}

func (s *measureScreen) view(a *App) string {
	st := a.styles
	m, ok := a.curMeasure()
	if !ok {
		return ""
	}
	w := a.lay.width
	lines := []string{st.Title.Render(ansi.Truncate(oneLine(m.Name), w, "…"))}
	for _, l := range wrapLines(Sanitize(m.SuccessMeasure), w-2, 2) {
		lines = append(lines, st.Subtle.Render(l))
	}
	if a.lay.roomy {
		lines = append(lines, "")
	}
	idW := 6
	for _, s := range m.Statements {
		idW = max(idW, ansi.StringWidth(oneLine(s.ID)))
	}
	cellW := 3
	if a.lay.roomy {
		cellW = 5
	}
	// The counts column is as wide as its widest figure, so a statement
	// with thousands of items never shows a cut number.
	counts := make([]string, len(m.Statements))
	countsW := 9
	for i, stm := range m.Statements {
		counts[i] = fmt.Sprintf("%d  %d", a.a.Items(stm.ID, a.now()).Evidence, a.openActions(stm.ID))
		countsW = max(countsW, len(counts[i])+1)
	}
	// lastW is the "Last" column of a carried-forward assessment: last
	// period's score beside this one's.
	lastW, lastHead := 0, ""
	if a.a.Previous != nil {
		lastW, lastHead = 5, " Last"
	}
	textW := max(10, w-2-idW-1-cellW-lastW-1-1-countsW)
	lines = append(lines, st.Label.Render(padRight("  "+padRight("ID", idW)+" "+center("Sc", cellW)+lastHead+" "+padRight("Statement", textW)+" ", w-countsW)+padLeft("Ev  Act", countsW)))
	listTop, per, start := s.rows(a)
	avail := (a.lay.bodyHeight - listTop) / per
	for i := start; i < len(m.Statements) && i < start+avail; i++ {
		stm := m.Statements[i]
		sc := a.a.Score(stm.ID)
		mark := "  "
		id := padRight(oneLine(stm.ID), idW)
		if i == a.stmtIdx {
			mark = "› "
			id = st.Selected.Render(id)
		}
		text := oneLine(stm.Text)
		cell := st.cellStyle(int(sc)).Render(center(sc.String(), cellW))
		if lastW > 0 {
			cell += " " + st.Subtle.Render(center(a.a.Previous[stm.ID].String(), lastW-1))
		}
		if per == 1 {
			lines = append(lines, mark+id+" "+cell+" "+padRight(ansi.Truncate(text, textW, "…"), textW)+" "+padLeft(counts[i], countsW-1))
			continue
		}
		wl := wrapLines(text, textW, 2)
		lines = append(lines, mark+id+" "+cell+" "+padRight(wl[0], textW)+" "+padLeft(counts[i], countsW-1))
		if len(wl) > 1 {
			lines = append(lines, strings.Repeat(" ", 2+idW+1+cellW+lastW+1)+wl[1])
		} else {
			lines = append(lines, "")
		}
		lines = append(lines, "")
	}
	if len(m.Statements) == 0 {
		lines = append(lines, "  This measure has no statements for this audience.")
	}
	return strings.Join(lines, "\n")
}

func (s *measureScreen) breadcrumb(a *App) []string {
	if m, ok := a.curMeasure(); ok {
		return []string{oneLine(m.Name)}
	}
	return nil
}

func (s *measureScreen) keys(a *App) []key.Binding {
	return []key.Binding{hint("↑/↓", "move"), hint("1-5", "score"), hint("enter", "open"), hint("esc", "back"), hint("u", "undo"),
		hint("?", "keys"), hint("q", "quit"), hint("0", "clear"), hint("e", "evidence"), hint("a", "action")}
}
