package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// pane is the focused pane of the statement screen.
type pane int

const (
	paneRationale pane = iota
	paneEvidence
	paneActions
	// paneChecklist and paneResources come after the first three, so that
	// tab reaches evidence and actions as it always has.
	paneChecklist
	paneResources
	paneCount
)

// editor is the rationale being edited.
type editor struct {
	active bool
	sid    string
	// base is the response version the edit started from; original the
	// text it started with.
	base     int64
	original string
	conflict *model.ConflictError
	// note says what a save leaves out of the stored text, if anything.
	note string
}

// statementScreen is one statement in full, its scale, and three panes:
// the rationale (edited in place), the evidence and the actions.
type statementScreen struct {
	pane               pane
	evCursor, acCursor int
	// want is the item a search jumped to, selected when the statement's
	// items come (dialog_search.go).
	want searchHit
	// clCursor and resCursor are the checklist element and resource
	// under the cursor (pane_checklist.go).
	clCursor, resCursor int
	// evRows and acRows cache the list lines; App.rowsGen counts changes
	// to the open assessment, which invalidate them.
	evRows, acRows rowCache
	ed             editor
	ta             textEdit
	// allLevels shows every level's descriptor in full in place of the
	// panes (v).
	allLevels bool
	// moveOn makes a score go on to the next statement (m).
	moveOn bool
	// rationale scrolls a saved rationale longer than the pane.
	rationale scroller
	// ratKey, ratLines and ratRows are the saved rationale wrapped for the
	// pane, and the rows it was last shown in.
	ratKey   string
	ratLines []string
	ratW     int
	ratRows  int
	// tabsRow is the body row of the tab row, as last drawn (for clicks).
	tabsRow int
	// topKey and topLines cache the statement top: it changes only with
	// the statement, its score, the size, the styles or an edit.
	topKey   string
	topLines []string
}

var (
	emptyEvidence model.Evidence
	emptyAction   model.Action
)

func newStatementScreen() *statementScreen {
	return &statementScreen{ta: newTextEdit(true)}
}

// enter resets the screen for the statement at the shared position.
func (s *statementScreen) enter(a *App) {
	s.pane = paneRationale
	s.evCursor, s.acCursor, s.clCursor, s.resCursor = 0, 0, 0, 0
	s.rationale, s.ratRows, s.want = scroller{}, 0, searchHit{}
}

func (s *statementScreen) typing() bool { return s.ed.active }

// dropEditor stops editing without saving, for an assessment that is no
// longer in the workbook (App.gone).
func (s *statementScreen) dropEditor() {
	s.ed.active = false
	s.ta.Blur()
}

// input passes a paste or other message to the rationale editor.
func (s *statementScreen) input(a *App, msg tea.Msg) tea.Cmd {
	if s.ed.active && s.ta.Update(msg) {
		return a.typed()
	}
	return nil
}

func (s *statementScreen) curEvidence(a *App) (model.Evidence, bool) {
	list := a.a.Evidence[a.curStatementID()]
	if s.evCursor < 0 || s.evCursor >= len(list) {
		return model.Evidence{}, false
	}
	return list[s.evCursor], true
}

func (s *statementScreen) curAction(a *App) (model.Action, bool) {
	list := a.a.Actions[a.curStatementID()]
	if s.acCursor < 0 || s.acCursor >= len(list) {
		return model.Action{}, false
	}
	return list[s.acCursor], true
}

// keep returns a function that puts the list cursors back on the same
// items after the assessment is swapped for a fresh copy.
func (s *statementScreen) keep(a *App) func() {
	e, _ := s.curEvidence(a)
	x, _ := s.curAction(a)
	return func() {
		for i, y := range a.a.Evidence[a.curStatementID()] {
			if y.ID == e.ID {
				s.evCursor = i
			}
		}
		for i, y := range a.a.Actions[a.curStatementID()] {
			if y.ID == x.ID {
				s.acCursor = i
			}
		}
		s.clamp(a)
	}
}

// clamp keeps the list cursors inside their lists.
func (s *statementScreen) clamp(a *App) {
	sid := a.curStatementID()
	s.evCursor = clamp(s.evCursor, len(a.a.Evidence[sid]))
	s.acCursor = clamp(s.acCursor, len(a.a.Actions[sid]))
}

func (s *statementScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	if s.ed.active {
		return s.editorKey(a, k)
	}
	sid := a.curStatementID()
	switch {
	case key.Matches(k, a.keys.Back):
		if s.allLevels {
			s.allLevels = false
			return nil
		}
		a.screen = screenMeasure
		return nil
	case key.Matches(k, a.keys.NextStatement):
		return a.step(1)
	case key.Matches(k, a.keys.PrevStatement):
		return a.step(-1)
	case key.Matches(k, a.keys.AllLevels):
		s.allLevels = !s.allLevels
		return nil
	case key.Matches(k, a.keys.MoveOn):
		s.moveOn = !s.moveOn
		if s.moveOn {
			return a.setStatus("A score now moves on to the next statement (m turns it off)", false)
		}
		return a.setStatus("A score now stays on this statement (m moves on again)", false)
	case key.Matches(k, a.keys.NextPane):
		s.pane = (s.pane + 1) % paneCount
		return nil
	case key.Matches(k, a.keys.PrevPane):
		s.pane = (s.pane + paneCount - 1) % paneCount
		return nil
	case key.Matches(k, a.keys.Score), key.Matches(k, a.keys.Clear):
		if s.moveOn {
			return a.scoreAndMove(k)
		}
		return a.score(k)
	case key.Matches(k, a.keys.AddEvidence):
		s.pane = paneEvidence
		return s.openEvidenceForm(a, emptyEvidence)
	case key.Matches(k, a.keys.AddAction):
		s.pane = paneActions
		return s.openActionForm(a, emptyAction)
	case key.Matches(k, a.keys.Reason):
		return a.openReason()
	case key.Matches(k, a.keys.OpenLink) && s.pane != paneResources && s.pane != paneEvidence:
		// o from any other pane shows the resources; o there opens one,
		// and o on an evidence item opens its link.
		s.pane = paneResources
		return nil
	}
	page := a.lay.paneH
	switch s.pane {
	case paneChecklist:
		if key.Matches(k, a.keys.Reason) {
			return a.openReason()
		}
		return s.checklistKey(a, k)
	case paneResources:
		return s.resourcesKey(a, k)
	case paneRationale:
		if key.Matches(k, a.keys.Edit) || k.String() == "r" {
			return s.startEditing(a, a.a.Responses[sid].Rationale)
		}
		if s.ratRows > 0 {
			s.rationale.scrollKey(k, a.keys, s.rationaleText(a.a.Responses[sid].Rationale, s.ratW), s.ratW, s.ratRows)
		}
	case paneEvidence:
		list := a.a.Evidence[sid]
		switch {
		case a.move(k, &s.evCursor, len(list), page-2):
		case key.Matches(k, a.keys.Edit):
			if e, ok := s.curEvidence(a); ok {
				a.push(newEvidenceView(e))
			}
		case key.Matches(k, a.keys.OpenLink):
			if e, ok := s.curEvidence(a); ok && e.Link != "" {
				return a.openLink(e.Link)
			}
		case key.Matches(k, a.keys.Delete):
			if e, ok := s.curEvidence(a); ok {
				a.push(newConfirm(fmt.Sprintf("Delete %s %d?", kindEvidence, e.ID), deleteEvidenceLabel(e), "y delete · n or esc keep", actDelete{what: kindEvidence, id: e.ID}, actKept{}))
			}
		default:
			if e, ok := s.curEvidence(a); ok {
				return a.trustKey(k, e)
			}
		}
	case paneActions:
		list := a.a.Actions[sid]
		switch {
		case a.move(k, &s.acCursor, len(list), page-2):
		case key.Matches(k, a.keys.Edit):
			if x, ok := s.curAction(a); ok {
				a.push(newActionView(x, func() string { return model.FormatDate(a.now()) }, x.DaysOverdue(a.now())))
			}
		case key.Matches(k, a.keys.Delete):
			if x, ok := s.curAction(a); ok {
				a.push(newConfirm(fmt.Sprintf("Delete %s %d?", kindAction, x.ID), x.Title, "y delete · n or esc keep", actDelete{what: kindAction, id: x.ID}, actKept{}))
			}
		case key.Matches(k, a.keys.CycleStatus):
			if x, ok := s.curAction(a); ok {
				x.Status = nextStatus(x.Status)
				return actionCmd(a.store, a.a.ID, x)
			}
		}
	}
	return nil
}

// mouse: a click on a tab shows that pane, on a list row selects it; the
// wheel moves in the pane.
func (s *statementScreen) mouse(a *App, m tea.MouseMsg) tea.Cmd {
	if s.ed.active {
		return nil
	}
	sid := a.curStatementID()
	switch m := m.(type) {
	case tea.MouseClickMsg:
		y := m.Mouse().Y - 1
		x := m.Mouse().X
		if a.lay.split {
			x -= a.lay.topW + 3
		}
		if x < 0 {
			return nil
		}
		tabsRow := 0
		if !a.lay.split {
			tabsRow = len(s.top(a, a.lay.topW, a.lay.topH, false))
		}
		s.tabsRow = tabsRow
		if y == s.tabsRow {
			for i, w := range s.tabWidths(a) {
				if x < w {
					s.pane = pane(i)
					return nil
				}
				x -= w + 1
			}
			return nil
		}
		row := y - s.tabsRow - 1
		if row < 0 {
			return nil
		}
		h := a.lay.bodyHeight - s.tabsRow - 1
		switch s.pane {
		case paneEvidence:
			list := a.a.Evidence[sid]
			if i := window(s.evCursor, len(list), h) + row; i < len(list) {
				s.evCursor = i
				a.push(newEvidenceView(list[i]))
			}
		case paneActions:
			list := a.a.Actions[sid]
			if i := window(s.acCursor, len(list), h) + row; i < len(list) {
				s.acCursor = i
				a.push(newActionView(list[i], func() string { return model.FormatDate(a.now()) }, list[i].DaysOverdue(a.now())))
			}
		}
	case tea.MouseWheelMsg:
		d := 1
		if m.Mouse().Button == tea.MouseWheelUp {
			d = -1
		}
		switch s.pane {
		case paneRationale:
			if d < 0 {
				s.rationale.vp.ScrollUp(3)
			} else {
				s.rationale.vp.ScrollDown(3)
			}
		case paneEvidence:
			s.evCursor = clamp(s.evCursor+d, len(a.a.Evidence[sid]))
		case paneActions:
			s.acCursor = clamp(s.acCursor+d, len(a.a.Actions[sid]))
		}
	}
	return nil
}

// nextStatus is the status after s in the cycle open → in-progress → done
// → dropped → open.
func nextStatus(s model.ActionStatus) model.ActionStatus {
	for i, v := range model.ActionStatuses {
		if v == s {
			return model.ActionStatuses[(i+1)%len(model.ActionStatuses)]
		}
	}
	return model.StatusOpen
}

// --- rationale editor ----------------------------------------------------

// startEditing opens the rationale editor on text.
func (s *statementScreen) startEditing(a *App, text string) tea.Cmd {
	sid := a.curStatementID()
	if !s.ta.fits(text) {
		// Editing would cut it, and saving would store the cut.
		return a.setStatus(fmt.Sprintf("This rationale is longer than the editor holds (%d lines); it is left as it is", editLines), true)
	}
	s.ed = editor{active: true, sid: sid, base: a.a.Responses[sid].Version, original: Sanitize(a.a.Responses[sid].Rationale)}
	s.pane = paneRationale
	s.ta.SetValue(Sanitize(text))
	a.draftSavedText = s.ed.original
	s.ta.Focus()
	return nil
}

// editorKey handles a key while the rationale editor has focus: esc, tab
// and ctrl+s save; everything else is typing.
func (s *statementScreen) editorKey(a *App, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Back), key.Matches(k, a.keys.Save):
		return s.saveRationale(a)
	case key.Matches(k, a.keys.NextPane):
		cmd := s.saveRationale(a)
		s.pane = paneEvidence
		return cmd
	case key.Matches(k, a.keys.External):
		sid := s.ed.sid
		return a.editExternally(s.ta.Value(), func(text string) {
			if s.ed.active && s.ed.sid == sid {
				s.ta.SetValue(text)
			}
		})
	}
	return s.input(a, k)
}

// saveRationale stops editing and saves the text if it changed.
func (s *statementScreen) saveRationale(a *App) tea.Cmd {
	text := s.ta.Value()
	ed := s.ed
	s.ed.active = false
	s.ta.Blur()
	if text == ed.original && ed.conflict == nil {
		return discardDraftCmd(a.store, a.rationaleKey(ed.sid))
	}
	a.setStatus("Saving rationale…", false)
	// Keep the editor state until the save is confirmed, so a conflict can
	// reopen it with the user's text.
	s.ed.sid = ed.sid
	if raw := a.a.Responses[ed.sid].Rationale; raw != ed.original && ed.conflict == nil {
		s.ed.note = " (hidden characters left out)"
	}
	return rationaleCmd(a.store, a.a.ID, ed.sid, text, ed.base)
}

// applyRationale applies a rationale save, or reopens the editor on a
// conflict with both texts showing.
func (s *statementScreen) applyRationale(a *App, msg rationaleSavedMsg) tea.Cmd {
	if ce, ok := asConflict(msg.err); ok {
		s.ed = editor{active: true, sid: msg.sid, base: ce.Version, original: Sanitize(ce.Theirs), conflict: ce}
		a.screen, s.pane = screenStatement, paneRationale
		s.ta.SetValue(msg.text)
		s.ta.Focus()
		return tea.Batch(a.fail(ce), a.saveDraftNow())
	}
	if msg.err != nil {
		// Reopen the editor so the text is not lost.
		if a.curStatementID() == msg.sid && a.screen == screenStatement {
			s.ed.active = true
			s.ta.SetValue(msg.text)
			s.ta.Focus()
		}
		return tea.Batch(a.fail(msg.err), a.saveDraftNow())
	}
	a.ownSave(msg.version)
	note := s.ed.note
	s.ed = editor{}
	a.a.PutResponse(msg.resp)
	a.rebuild()
	return tea.Batch(discardDraftCmd(a.store, a.rationaleKey(msg.sid)), a.setStatus("Saved rationale for "+oneLine(msg.sid)+note, false))
}

// editItem opens the form for evidence or action id of the statement.
func (s *statementScreen) editItem(a *App, what itemKind, id int64) tea.Cmd {
	sid := a.curStatementID()
	if what == kindEvidence {
		for _, e := range a.a.Evidence[sid] {
			if e.ID == id {
				return s.openEvidenceForm(a, e)
			}
		}
	} else {
		for _, x := range a.a.Actions[sid] {
			if x.ID == id {
				return s.openActionForm(a, x)
			}
		}
	}
	return a.setStatus(fmt.Sprintf("%s %d is gone: someone deleted it", what, id), true)
}

// --- forms ---------------------------------------------------------------

func (s *statementScreen) openEvidenceForm(a *App, e model.Evidence) tea.Cmd {
	sid := a.curStatementID()
	if e.ID != 0 {
		sid = e.StatementID
	}
	f := newEvidenceForm(sid, e)
	f.draftKey = a.itemDraftKey(kindEvidence, sid, e.ID)
	a.push(f)
	a.draftSavedText = f.draftText()
	return nil
}

func (s *statementScreen) openActionForm(a *App, x model.Action) tea.Cmd {
	sid := a.curStatementID()
	if x.ID != 0 {
		sid = x.StatementID
	}
	f := newActionForm(sid, x)
	f.draftKey = a.itemDraftKey(kindAction, sid, x.ID)
	a.push(f)
	a.draftSavedText = f.draftText()
	return nil
}

// --- drawing -------------------------------------------------------------

// top draws the statement, its guidance and the scale w wide in at most
// budget lines. The statement and the current level's descriptor are
// always whole; guidance and the other levels wrap where there is room,
// then shrink to a line each, then give way (v shows them all).
func (s *statementScreen) top(a *App, w, budget int, all bool) []string {
	k := fmt.Sprintf("%s/%d/%d/%d/%v/%d/%d", a.curStatementID(), a.a.ID, w, budget, all, a.rowsGen, a.stylesGen)
	if k != s.topKey {
		s.topKey, s.topLines = k, s.drawTop(a, w, budget, all)
	}
	return s.topLines
}

// drawTop lays the statement top out (see top).
func (s *statementScreen) drawTop(a *App, w, budget int, all bool) []string {
	st := a.styles
	stm, ok := a.curStatement()
	if !ok {
		return nil
	}
	sc := a.a.Score(stm.ID)
	label := "not assessed"
	if l, ok := a.a.Criteria.Level(int(sc)); ok && sc.Assessed() {
		label = oneLine(l.Label)
	}
	first := st.Title.Render(oneLine(stm.ID)) + "  score " + st.cellStyle(int(sc)).Render(" "+sc.String()+" ") + " " + label
	if a.a.Previous != nil {
		last := "  · last time: " + a.levelText(a.a.Previous[stm.ID])
		if ag, ok := a.a.PreviousAgreements[stm.ID]; ok && ag.Standing(a.a.Previous[stm.ID]) {
			last += fmt.Sprintf(", agreed in workshop %d", ag.WorkshopID)
		}
		first += st.Subtle.Render(last)
	}
	head := []string{first}
	head = append(head, wrapLines(Sanitize(stm.Text), w, 0)...)
	if ag, ok := a.a.Agreements[stm.ID]; ok {
		how := ag.HowAgreed()
		if !ag.Standing(sc) {
			how = "Changed since the workshop. " + how
		}
		head = append(head, st.Subtle.Render(ansi.Truncate(how, w, "…")))
	}

	var guide []string
	if g := Sanitize(stm.Guidance); g != "" {
		for i, l := range wrapLines("Guidance: "+g, w, 0) {
			if i == 0 {
				l = st.Label.Render("Guidance:") + strings.TrimPrefix(l, "Guidance:")
			}
			guide = append(guide, st.Subtle.Render(l))
		}
	}
	// Each level wrapped in full, and cut to one line.
	type lvl struct {
		full    []string
		short   string
		current bool
	}
	var levels []lvl
	for _, l := range a.a.Criteria.Scale {
		text := fmt.Sprintf("%d %s — %s", l.Level, oneLine(l.Label), oneLine(l.Descriptor))
		cur := l.Level == int(sc)
		var full []string
		for i, wl := range wrapLines(text, w-2, 0) {
			mark := "  "
			if i == 0 && cur {
				mark = "▶ "
			}
			if cur {
				wl = st.Current.Render(wl)
			}
			full = append(full, mark+wl)
		}
		short := "  " + ansi.Truncate(text, w-2, "…")
		if cur {
			short = full[0]
		}
		levels = append(levels, lvl{full: full, short: short, current: cur})
	}
	gap := 0
	if a.lay.roomy {
		gap = 1
	}
	build := func(guideN int, wrapOthers, others bool) []string {
		out := append([]string(nil), head...)
		if guideN != 0 {
			g := guide
			if guideN > 0 && len(g) > guideN {
				g = append(append([]string(nil), g[:guideN-1]...), ansi.Truncate(g[guideN-1], w-1, "")+"…")
			}
			out = append(out, g...)
		}
		for range gap {
			out = append(out, "")
		}
		shown := false
		for _, l := range levels {
			switch {
			case l.current:
				out = append(out, l.full...)
				shown = true
			case !others:
			case wrapOthers:
				out = append(out, l.full...)
			default:
				out = append(out, l.short)
			}
		}
		if !others || (!shown && len(levels) == 0) {
			hint := fmt.Sprintf("Scale 1 to %d: press a digit to score · v shows every level", a.maxScore())
			if shown {
				hint = "v shows every level in full"
			}
			out = append(out, st.Subtle.Render(ansi.Truncate(hint, w, "…")))
		}
		return out
	}
	for _, try := range []struct {
		guideN             int
		wrapOthers, others bool
	}{{-1, true, true}, {-1, false, true}, {2, false, true}, {1, false, true}, {1, false, false}, {0, false, false}} {
		if all {
			// v: every level in full comes before the guidance.
			try.guideN, try.wrapOthers, try.others = min(try.guideN, 0), true, true
		}
		lines := build(try.guideN, try.wrapOthers, try.others)
		if len(lines) <= budget {
			return lines
		}
	}
	lines := build(0, false, false)
	if len(lines) > budget {
		lines = lines[:max(1, budget)]
		lines[len(lines)-1] = ansi.Truncate(lines[len(lines)-1], w-1, "") + "…"
	}
	return lines
}

func (s *statementScreen) view(a *App) string {
	l := a.lay
	if s.allLevels {
		return strings.Join(s.top(a, l.width, l.bodyHeight, true), "\n")
	}
	if l.split {
		left := fitLines(strings.Join(s.top(a, l.topW, l.topH, false), "\n"), l.bodyHeight)
		s.tabsRow = 0
		right := fitLines(s.panes(a, l.paneW, l.paneH), l.bodyHeight)
		out := make([]string, len(left))
		for i := range left {
			out[i] = padRight(ansi.Truncate(left[i], l.topW, "…"), l.topW) + " │ " + right[i]
		}
		return strings.Join(out, "\n")
	}
	top := s.top(a, l.topW, l.topH, false)
	s.tabsRow = len(top)
	return strings.Join(top, "\n") + "\n" + s.panes(a, l.paneW, l.bodyHeight-len(top))
}

// tabNames are the panes' tab labels.
func (s *statementScreen) tabNames(a *App) []string {
	sid := a.curStatementID()
	stm, _ := a.curStatement()
	c := a.a.Items(sid, a.now())
	return []string{"Rationale", fmt.Sprintf("Evidence (%d)", c.Evidence), fmt.Sprintf("Actions (%d)", c.Actions()),
		checklistTab(stm, a.a.Criteria, a.a.Responses[sid].Ticks), fmt.Sprintf("Resources (%d)", len(stm.Resources))}
}

// tabWidths is how wide each tab is drawn.
func (s *statementScreen) tabWidths(a *App) []int {
	var out []int
	for _, n := range s.tabNames(a) {
		out = append(out, ansi.StringWidth(n)+2)
	}
	return out
}

// panes draws the tab row and the focused pane, w wide and h high.
func (s *statementScreen) panes(a *App, w, h int) string {
	st := a.styles
	sid := a.curStatementID()
	var tabs []string
	for i, n := range s.tabNames(a) {
		if pane(i) == s.pane {
			tabs = append(tabs, st.PaneOn.Render("["+n+"]"))
		} else {
			tabs = append(tabs, st.PaneOff.Render(" "+n+" "))
		}
	}
	lines := []string{strings.Join(tabs, " ")}
	rows := h - 1
	switch s.pane {
	case paneRationale:
		lines = append(lines, s.rationaleLines(a, w, rows)...)
	case paneChecklist:
		lines = append(lines, s.checklistLines(a, w, rows)...)
	case paneResources:
		lines = append(lines, s.resourceLines(a, w, rows)...)
	case paneEvidence:
		lines = append(lines, s.evidenceLines(a, sid, w, rows)...)
	case paneActions:
		lines = append(lines, s.actionLines(a, sid, w, rows)...)
	}
	return strings.Join(lines, "\n")
}

func (s *statementScreen) rationaleLines(a *App, w, h int) []string {
	st := a.styles
	if s.ed.active {
		var lines []string
		if c := s.ed.conflict; c != nil {
			by := oneLine(c.By)
			if by == "" {
				by = "someone else"
			}
			lines = append(lines, st.Error.Render(ansi.Truncate("Stored now, by "+by+" (theirs):", w, "…")))
			lines = append(lines, wrapLines(Sanitize(c.Theirs), w, 3)...)
			lines = append(lines, st.Error.Render("Yours (edit to merge, esc saves):"))
		}
		s.ta.SetWidth(w)
		rows := max(1, h-len(lines)-1)
		s.ta.SetHeight(rows)
		lines = append(lines, strings.Split(s.ta.View(st), "\n")...)
		if pos := s.ta.position(); pos != "" {
			lines = append(lines, st.Subtle.Render(ansi.Truncate(pos+" · ctrl+o edits in $EDITOR", w, "…")))
		}
		return lines
	}
	r := a.a.Responses[a.curStatementID()].Rationale
	if strings.TrimSpace(Sanitize(r)) == "" {
		return []string{st.Subtle.Render("No rationale yet: press enter to write why this score.")}
	}
	all := s.rationaleText(r, w)
	if len(all) <= h {
		return all
	}
	rows := max(1, h-1)
	s.ratRows = rows
	out := append([]string(nil), s.rationale.window(all, w, rows)...)
	return append(out, st.Subtle.Render(ansi.Truncate(s.rationale.indicator(len(all), rows)+" · ↑/↓ pgup/pgdn scroll · enter edits", w, "…")))
}

// rationaleText is the saved rationale r wrapped to w, cached.
func (s *statementScreen) rationaleText(r string, w int) []string {
	if k := fmt.Sprintf("%d/%s", w, r); k != s.ratKey {
		s.ratKey, s.ratLines, s.ratW = k, wrapLines(Sanitize(r), w, 0), w
	}
	return s.ratLines
}

func (s *statementScreen) evidenceLines(a *App, sid string, w, h int) []string {
	st := a.styles
	list := a.a.Evidence[sid]
	if len(list) == 0 {
		return []string{st.Subtle.Render("No evidence yet: press e to add some.")}
	}
	cache := s.evRows.rows(fmt.Sprintf("%s/%d/%d/%d", sid, w, a.rowsGen, a.stylesGen), len(list))
	var lines []string
	start := window(s.evCursor, len(list), h)
	for i := start; i < len(list) && i < start+h; i++ {
		if i != s.evCursor && cache[i] != "" {
			lines = append(lines, cache[i])
			continue
		}
		e := list[i]
		row := trustRow(e, oneLineMax(e.Title, w), a.now(), w)
		if e.AddedBy != "" {
			row += " (" + oneLineMax(e.AddedBy, w) + ")"
		}
		if e.Link != "" {
			row += " — " + oneLineMax(e.Link, w)
		}
		if e.Detail != "" {
			row += " · " + oneLineMax(e.Detail, w)
		}
		line := a.listRow(i == s.evCursor, row, w)
		if i != s.evCursor {
			cache[i] = line
		}
		lines = append(lines, line)
	}
	return lines
}

func (s *statementScreen) actionLines(a *App, sid string, w, h int) []string {
	st := a.styles
	list := a.a.Actions[sid]
	if len(list) == 0 {
		return []string{st.Subtle.Render("No actions yet: press a to add one.")}
	}
	now := a.now()
	cache := s.acRows.rows(fmt.Sprintf("%s/%d/%d/%d/%s", sid, w, a.rowsGen, a.stylesGen, model.FormatDate(now)), len(list))
	var lines []string
	start := window(s.acCursor, len(list), h)
	for i := start; i < len(list) && i < start+h; i++ {
		if i != s.acCursor && cache[i] != "" {
			lines = append(lines, cache[i])
			continue
		}
		x := list[i]
		row := fmt.Sprintf("[%s] %s %s", oneLine(string(x.Status)), oneLine(string(x.Priority)), oneLineMax(x.Title, w))
		if x.Owner != "" {
			row += " — " + oneLineMax(x.Owner, w)
		}
		if !x.Due.IsZero() {
			row += " · due " + model.FormatDate(x.Due)
		}
		if d := x.DaysOverdue(now); d > 0 {
			row += fmt.Sprintf(" (%d days overdue)", d)
		}
		line := a.listRow(i == s.acCursor, row, w)
		if x.Overdue(now) && i != s.acCursor {
			line = st.Overdue.Render(line)
		}
		if i != s.acCursor {
			cache[i] = line
		}
		lines = append(lines, line)
	}
	return lines
}

func (s *statementScreen) breadcrumb(a *App) []string {
	var out []string
	if m, ok := a.curMeasure(); ok {
		out = append(out, oneLine(m.Name))
	}
	return append(out, oneLine(a.curStatementID()))
}

func (s *statementScreen) keys(a *App) []key.Binding {
	if s.ed.active {
		return []key.Binding{hint("esc/ctrl+s", "save"), hint("tab", "save, next pane"), a.keys.External, hint("alt+←/→", "word"), hint("pgup/pgdn", "page")}
	}
	// The keys a room needs most come first, in short words, so that esc,
	// undo, ? and q fit at 80 columns; the rest follow as room allows.
	bs := []key.Binding{hint("1-5", "score"), hint("]", "next"), hint("esc", "back"), hint("u", "undo"), hint("?", "keys"), hint("q", "quit"), hint("tab", "pane")}
	switch s.pane {
	case paneChecklist:
		bs = append(bs, hint("space/x", "tick"), hint("w", "why"))
	case paneResources:
		bs = append(bs, hint("o", "open"))
	case paneRationale:
		bs = append(bs, hint("enter", "edit"))
	default:
		bs = append(bs, hint("enter", "view"), hint("d", "delete"))
		if s.pane == paneEvidence {
			bs = append(bs, hint("o", "open"))
		}
	}
	if s.pane == paneEvidence {
		bs = append(bs, hint("c", "confirm"), hint("l", "link"))
	}
	if s.pane == paneActions {
		bs = append(bs, hint("s", "status"))
	}
	return append(bs, hint("e", "evidence"), hint("a", "action"), hint("[", "previous"), hint("v", "all levels"), hint("m", "move on"))
}
