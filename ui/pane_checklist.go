package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/criteria"
	"wgll/model"
)

// This file is the statement screen's checklist and resources panes. The
// checklist lists, per level, the elements that must all be met; ticking
// them suggests the score by model.SuggestScore, and a score that departs
// from the suggestion asks for a reason (form_reason.go). The resources
// are the knowledge base behind the statement; o opens one.

// clItem is one element of the checklist, as the cursor moves over them.
type clItem struct {
	level, element int // element counts from 1 within the level
	text           string
}

// checklistItems lists the statement's elements in level order.
func checklistItems(stm criteria.Statement, c *criteria.Criteria) []clItem {
	var out []clItem
	for _, l := range c.Scale {
		for i, e := range stm.Elements(l.Level) {
			out = append(out, clItem{level: l.Level, element: i + 1, text: e})
		}
	}
	return out
}

// checklistKey handles a key on the checklist pane: move, and space or x
// to tick the element under the cursor.
func (s *statementScreen) checklistKey(a *App, k tea.KeyPressMsg) tea.Cmd {
	stm, ok := a.curStatement()
	if !ok {
		return nil
	}
	items := checklistItems(stm, a.a.Criteria)
	switch {
	case a.move(k, &s.clCursor, len(items), a.lay.paneH/2):
	case key.Matches(k, a.keys.Tick):
		if s.clCursor < 0 || s.clCursor >= len(items) {
			return nil
		}
		it := items[s.clCursor]
		on := !a.a.Responses[stm.ID].Ticks.Has(it.level, it.element)
		return tickCmd(a.store, a.a.ID, stm.ID, it.level, it.element, on)
	}
	return nil
}

// resourcesKey handles a key on the resources pane: move, and o to open.
func (s *statementScreen) resourcesKey(a *App, k tea.KeyPressMsg) tea.Cmd {
	stm, ok := a.curStatement()
	if !ok {
		return nil
	}
	switch {
	case a.move(k, &s.resCursor, len(stm.Resources), 3):
	case key.Matches(k, a.keys.OpenLink):
		if s.resCursor < 0 || s.resCursor >= len(stm.Resources) {
			return nil
		}
		r := stm.Resources[s.resCursor]
		return tea.Batch(a.setStatus("Opening "+oneLine(r.Title)+"…", false), openURLCmd(a.openURL, oneLine(r.Title), r.URL))
	}
	return nil
}

// claimed reports whether the screen takes k before the global keys: x
// ticks on the checklist pane rather than opening the export dialog.
func (a *App) claimed(k tea.KeyPressMsg) bool {
	return a.screen == screenStatement && a.sc.statement.pane == paneChecklist && !a.sc.statement.ed.active && key.Matches(k, a.keys.Tick)
}

// suggestion is the checklist's suggested score for the current statement.
func (a *App) suggestion(stm criteria.Statement) (model.Score, bool) {
	return model.SuggestScore(stm, a.maxScore(), a.a.Responses[stm.ID].Ticks)
}

// askReason opens the reason form when statement sid's new score departs
// from what its ticked checklist suggests.
func (a *App) askReason(sid string) tea.Cmd {
	stm, _, ok := a.a.Criteria.Statement(sid)
	if !ok || a.screen != screenStatement || a.top() != nil {
		return nil
	}
	r := a.a.Responses[sid]
	if !model.NeedsReason(stm, a.maxScore(), r) {
		return nil
	}
	sug, _ := a.suggestion(stm)
	a.push(newReasonForm(stm, r.Score, sug, r, a.a.Criteria))
	return nil
}

// openReason opens the reason form for the current statement (w).
func (a *App) openReason() tea.Cmd {
	stm, ok := a.curStatement()
	if !ok {
		return nil
	}
	r := a.a.Responses[stm.ID]
	if !model.NeedsReason(stm, a.maxScore(), r) {
		return a.setStatus("The score matches the checklist (or nothing is ticked): no reason is needed", false)
	}
	sug, _ := a.suggestion(stm)
	a.push(newReasonForm(stm, r.Score, sug, r, a.a.Criteria))
	return nil
}

// tickStatus says what a tick did and what the checklist now suggests.
func (a *App) tickStatus(sid string, r model.Response) string {
	stm, _, ok := a.a.Criteria.Statement(sid)
	if !ok {
		return "Saved the checklist"
	}
	sug, _ := model.SuggestScore(stm, a.maxScore(), r.Ticks)
	msg := fmt.Sprintf("%s: the checklist suggests %s", oneLine(sid), a.levelText(sug))
	if model.NeedsReason(stm, a.maxScore(), r) {
		msg += fmt.Sprintf("; scored %s, so a reason is needed (w)", a.levelText(r.Score))
	}
	return msg
}

// applyReason applies a saved reason, or reopens the form on a conflict.
func (a *App) applyReason(msg reasonSavedMsg) tea.Cmd {
	if ce, ok := asConflict(msg.err); ok {
		stm, _, _ := a.a.Criteria.Statement(msg.sid)
		r := a.a.Responses[msg.sid]
		r.Version, r.ScoreReason = ce.Version, msg.text
		sug, _ := a.suggestion(stm)
		f := newReasonForm(stm, r.Score, sug, r, a.a.Criteria)
		f.theirs = Sanitize(ce.Theirs)
		a.push(f)
		return a.fail(ce)
	}
	if msg.err != nil {
		return a.fail(msg.err)
	}
	a.ownSave(msg.version)
	a.a.PutResponse(msg.resp)
	a.rebuild()
	return a.setStatus("Saved the reason for "+oneLine(msg.sid)+"'s score", false)
}

// checklistTab is the checklist tab's label: elements met of all.
func checklistTab(stm criteria.Statement, c *criteria.Criteria, ts model.Ticks) string {
	met, total := 0, 0
	for _, it := range checklistItems(stm, c) {
		total++
		if ts.Has(it.level, it.element) {
			met++
		}
	}
	if total == 0 {
		return "Checklist"
	}
	return fmt.Sprintf("Checklist %d/%d", met, total)
}

// checklistLines draws the checklist pane w wide in h lines: the
// suggestion and the score, then each level with its elements, every
// element in full so the room can read it.
func (s *statementScreen) checklistLines(a *App, w, h int) []string {
	st := a.styles
	stm, ok := a.curStatement()
	if !ok {
		return nil
	}
	items := checklistItems(stm, a.a.Criteria)
	if len(items) == 0 {
		return []string{st.Subtle.Render(ansi.Truncate("No checklist for this statement: score it against the scale (v shows every level).", w, "…"))}
	}
	s.clCursor = clamp(s.clCursor, len(items))
	r := a.a.Responses[stm.ID]
	sug, _ := a.suggestion(stm)
	head := "Checklist suggests " + a.levelText(sug)
	if r.Score.Assessed() {
		head += " · scored " + a.levelText(r.Score)
	}
	lines := []string{st.Label.Render(ansi.Truncate(head, w, "…"))}
	switch {
	case model.NeedsReason(stm, a.maxScore(), r) && strings.TrimSpace(r.ScoreReason) == "":
		lines = append(lines, st.Error.Render(ansi.Truncate("The score differs from the checklist: press w to say why.", w, "…")))
	case model.NeedsReason(stm, a.maxScore(), r):
		for _, l := range wrapLines("Reason: "+Sanitize(r.ScoreReason), w, 2) {
			lines = append(lines, st.Subtle.Render(l))
		}
	}
	// Every element's lines, and where the cursor's start and end.
	var body []string
	// starts are the lines where a heading or an element begins: the
	// window only ever starts on one, never half-way through an element.
	var starts []int
	curStart, curEnd, curHead, headAt := 0, 0, 0, 0
	level := -1
	for i, it := range items {
		if it.level != level {
			level, headAt = it.level, len(body)
			starts = append(starts, headAt)
			met, total := model.LevelMet(stm, level, r.Ticks)
			label := ""
			if l, ok := a.a.Criteria.Level(level); ok {
				label = " " + oneLine(l.Label)
			}
			mark := ""
			if met == total {
				mark = " ✓"
			}
			body = append(body, st.Label.Render(ansi.Truncate(fmt.Sprintf("Level %d%s · %d of %d met%s", level, label, met, total, mark), w, "…")))
		}
		box := "[ ] "
		if r.Ticks.Has(it.level, it.element) {
			box = "[x] "
		}
		cur := i == s.clCursor
		if cur {
			curStart, curHead = len(body), headAt
		}
		starts = append(starts, len(body))
		for j, l := range wrapLines(Sanitize(it.text), w-6, 0) {
			prefix := "  " + box
			if j > 0 {
				prefix = "      "
			}
			if cur && j == 0 {
				prefix = "› " + box
			}
			if cur {
				l = st.Selected.Render(l)
			}
			body = append(body, prefix+l)
		}
		if cur {
			curEnd = len(body)
		}
	}
	rows := max(1, h-len(lines)-1)
	start := 0
	if len(body) > rows {
		// Show the cursor's level from its heading when that fits with
		// the cursor's element, else from the element; then fill the
		// window, starting on a boundary.
		want := curHead
		if curEnd-want > rows {
			want = curStart
		}
		limit := min(want, len(body)-rows)
		for _, b := range starts {
			if b <= limit {
				start = b
			}
		}
	}
	end := min(len(body), start+rows)
	lines = append(lines, body[start:end]...)
	hint := "space/x tick · ↑/↓ move"
	if len(body) > rows {
		hint = fmt.Sprintf("lines %d-%d of %d · ", start+1, end, len(body)) + hint
	}
	return append(lines, st.Subtle.Render(ansi.Truncate(hint, w, "…")))
}

// resourceLines draws the resources pane: each resource's kind and title,
// its address and its note.
func (s *statementScreen) resourceLines(a *App, w, h int) []string {
	st := a.styles
	stm, ok := a.curStatement()
	if !ok {
		return nil
	}
	if len(stm.Resources) == 0 {
		return []string{st.Subtle.Render("No resources listed for this statement.")}
	}
	s.resCursor = clamp(s.resCursor, len(stm.Resources))
	var body []string
	curStart := 0
	for i, r := range stm.Resources {
		cur := i == s.resCursor
		if cur {
			curStart = len(body)
		}
		title := criteria.ResourceKind(oneLine(string(r.Kind))).Title() + ": " + oneLine(r.Title)
		body = append(body, a.listRow(cur, title, w))
		// The whole address, broken across lines, so it can be read out
		// or copied.
		for _, l := range strings.Split(ansi.Hardwrap(oneLine(r.URL), max(1, w-4), false), "\n") {
			body = append(body, "    "+l)
		}
		if n := Sanitize(r.Note); n != "" {
			for _, l := range wrapLines(n, w-4, 2) {
				body = append(body, "    "+st.Subtle.Render(l))
			}
		}
	}
	rows := max(1, h-1)
	start := 0
	if len(body) > rows {
		start = max(0, min(curStart, len(body)-rows))
	}
	out := body[start:min(len(body), start+rows)]
	return append(out, st.Subtle.Render(ansi.Truncate("o opens the selected one in the browser · ↑/↓ move", w, "…")))
}
