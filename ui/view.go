package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// View draws the app in the alternate screen.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = "wgll"
	return v
}

// render draws the whole screen as text: breadcrumb, body, status, help.
// It reads only in-memory state; nothing here touches the store.
func (a *App) render() string {
	l := a.lay
	if l.tooSmall {
		msg := fmt.Sprintf("Please enlarge the window\n(need at least %dx%d, have %dx%d)", minWidth, minHeight, a.width, a.height)
		if a.width < 30 {
			msg = fmt.Sprintf("Enlarge to %dx%d\n(have %dx%d)", minWidth, minHeight, a.width, a.height)
		}
		return lipgloss.Place(max(1, a.width), max(1, a.height), lipgloss.Center, lipgloss.Center, msg)
	}
	body := a.body()
	switch {
	case a.showHelp:
		body = a.overlay(body, a.helpView())
	case a.notice != nil:
		body = a.overlay(body, a.noticeView())
	case a.offering != nil:
		body = a.overlay(body, a.draftView())
	case a.confirm != nil:
		body = a.overlay(body, a.confirmView())
	case a.form != nil:
		body = a.overlay(body, a.form.view(a.styles, a.dialogWidth()-4))
	}
	lines := make([]string, 0, l.height)
	lines = append(lines, a.breadcrumb())
	lines = append(lines, fitLines(body, l.bodyHeight)...)
	lines = append(lines, a.statusLine(), a.helpLine())
	for i := range lines {
		if fitsWidth(lines[i], l.width) {
			continue
		}
		lines[i] = ansi.Truncate(lines[i], l.width, "…")
	}
	return strings.Join(lines, "\n")
}

// fitLines splits s into exactly n lines, cutting or padding.
func fitLines(s string, n int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

// wrapLines wraps s to w columns and keeps at most n lines (0 for all),
// marking a cut with an ellipsis. s must already be sanitised.
func wrapLines(s string, w, n int) []string {
	if w < 1 {
		w = 1
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, strings.Split(ansi.Wrap(para, w, " -"), "\n")...)
	}
	if n > 0 && len(out) > n {
		out = out[:n]
		out[n-1] = ansi.Truncate(out[n-1], w-1, "") + "…"
	}
	return out
}

// dialogWidth is the width of a dialog box.
func (a *App) dialogWidth() int {
	w := 76
	if a.lay.roomy {
		w = 100
	}
	return max(40, min(w, a.width-2))
}

// overlay draws box (given a border) centred over body.
func (a *App) overlay(body, content string) string {
	box := a.styles.Dialog.Width(a.dialogWidth()).Render(content)
	lines := fitLines(body, a.lay.bodyHeight)
	boxLines := strings.Split(box, "\n")
	if len(boxLines) > len(lines) {
		boxLines = boxLines[:len(lines)]
	}
	bw := 0
	for _, b := range boxLines {
		bw = max(bw, ansi.StringWidth(b))
	}
	x := max(0, (a.width-bw)/2)
	y := max(0, (len(lines)-len(boxLines))/2)
	for i, b := range boxLines {
		row := padRight(lines[y+i], a.width)
		lines[y+i] = ansi.Cut(row, 0, x) + b + ansi.Cut(row, x+bw, a.width)
	}
	return strings.Join(lines, "\n")
}

// breadcrumb is organisation › measure › statement.
func (a *App) breadcrumb() string {
	parts := []string{"wgll"}
	switch {
	case a.screen == screenSetup:
		parts = append(parts, "New assessment")
	case a.screen == screenPicker || a.a == nil:
		parts = append(parts, "Assessments")
	default:
		parts = []string{oneLine(a.a.Title())}
		if a.screen == screenMeasure || a.screen == screenStatement {
			if m, ok := a.curMeasure(); ok {
				parts = append(parts, oneLine(m.Name))
			}
		}
		if a.screen == screenStatement {
			parts = append(parts, oneLine(a.curStatementID()))
		}
		if a.screen == screenCompare && a.cmp != nil {
			parts = append(parts, "Compare with "+oneLine(a.cmp.From.Period))
		}
		if a.screen == screenTrend {
			parts = append(parts, "Trend")
		}
	}
	return a.styles.Breadcrumb.Render(ansi.Truncate(strings.Join(parts, " › "), a.width, "…"))
}

// statusLine shows the latest result or error, or where the data lives.
func (a *App) statusLine() string {
	if a.status != "" {
		st := a.styles.Status
		if a.statusErr {
			st = a.styles.StatusErr
			return st.Render(ansi.Truncate("✗ "+a.status, a.width, "…"))
		}
		return st.Render(ansi.Truncate(a.status, a.width, "…"))
	}
	info := "workbook " + oneLine(a.store.Path())
	if u := oneLine(a.store.User()); u != "" {
		info += " · " + u
	}
	return a.styles.Subtle.Render(ansi.Truncate(info, a.width, "…"))
}

// helpLine is the short help for the current context.
func (a *App) helpLine() string {
	var b strings.Builder
	used := 0
	for i, k := range a.keysFor() {
		h := k.Help()
		w := ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc)
		if i > 0 {
			w += 3 // " · "
		}
		if used+w > a.width {
			break
		}
		if i > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(a.styles.HelpKey.Render(h.Key) + " " + a.styles.Help.Render(h.Desc))
		used += w
	}
	return b.String()
}

// body draws the current screen in the rows between the chrome.
func (a *App) body() string {
	switch a.screen {
	case screenLoading:
		return "\n  Opening the workbook…"
	case screenSetup:
		return "\n  Start an assessment: tell wgll whose it is and for which period."
	case screenPicker:
		return a.pickerView()
	case screenOverview:
		return a.overviewView()
	case screenMeasure:
		return a.measureView()
	case screenStatement:
		return a.statementView()
	case screenCompare, screenTrend:
		return a.reportView()
	}
	return ""
}

// window returns the first index to show so that cursor is visible in a
// list of n items with room for h.
func window(cursor, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	start := cursor - h/2
	return max(0, min(start, n-h))
}

func (a *App) pickerView() string {
	st := a.styles
	lines := []string{st.Title.Render("Assessments in this workbook"), ""}
	if len(a.items) == 0 {
		lines = append(lines, "  None yet: press n to start one.")
	}
	h := a.lay.bodyHeight - 4
	start := window(a.pickCursor, len(a.items), h)
	if len(a.pickRows) != len(a.items) || a.pickRowsWidth != a.width {
		a.pickRows, a.pickRowsWidth = make([]string, len(a.items)), a.width
	}
	for i := start; i < len(a.items) && i < start+h; i++ {
		row := a.pickRows[i]
		if row == "" {
			it := a.items[i]
			pct := 0
			if it.total > 0 {
				pct = it.assessed * 100 / it.total
			}
			row = fmt.Sprintf("%s · %s · %s · %d%% assessed (%d/%d)", oneLineMax(it.header.Organisation, a.width), oneLineMax(it.header.Period, a.width),
				it.header.Audience.Title(), pct, it.assessed, it.total)
			row = truncate(row, a.width-4)
			a.pickRows[i] = row
		}
		if i == a.pickCursor {
			lines = append(lines, "› "+st.Selected.Render(row))
		} else {
			lines = append(lines, "  "+row)
		}
	}
	lines = append(lines, "", st.Subtle.Render("  n starts a new assessment"))
	return strings.Join(lines, "\n")
}

func (a *App) overviewView() string {
	st := a.styles
	head := "Heatmap for the " + strings.ToLower(a.a.Audience.Title()) + " statements"
	if a.a.Audience == "ics" {
		head = "Heatmap for the ICS statements"
	}
	if a.a.CareSetting != "" {
		head += " · care setting " + oneLine(string(a.a.CareSetting))
	}
	head += fmt.Sprintf(" · %d of %d assessed", a.heat.Overall.Assessed, a.heat.Overall.Total)
	lines := []string{st.Title.Render(ansi.Truncate(head, a.width, "…"))}
	if a.lay.roomy {
		lines = append(lines, "")
	}
	lines = append(lines, heatmapLines(a.a, a.heat, st, a.width, a.lay.bodyHeight-2, a.measureIdx, a.lay.roomy, newBenchColumn(a.bench, a.a))...)
	return strings.Join(lines, "\n")
}

func (a *App) measureView() string {
	st := a.styles
	m, ok := a.curMeasure()
	if !ok {
		return ""
	}
	w := a.width
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
	countsW := 9
	// lastW is the "Last" column of a carried-forward assessment: last
	// period's score beside this one's.
	lastW, lastHead := 0, ""
	if a.a.Previous != nil {
		lastW, lastHead = 5, " Last"
	}
	textW := max(10, w-2-idW-1-cellW-lastW-1-1-countsW)
	lines = append(lines, st.Label.Render(padRight("  "+padRight("ID", idW)+" "+center("Sc", cellW)+lastHead+" "+padRight("Statement", textW)+" ", w-countsW)+padLeft("Ev  Act", countsW)))
	per := 1
	if a.lay.roomy {
		per = 3 // two wrapped lines and a gap
	}
	avail := (a.lay.bodyHeight - len(lines)) / per
	start := window(a.stmtIdx, len(m.Statements), avail)
	for i := start; i < len(m.Statements) && i < start+avail; i++ {
		s := m.Statements[i]
		sc := a.a.Score(s.ID)
		mark := "  "
		id := padRight(oneLine(s.ID), idW)
		if i == a.stmtIdx {
			mark = "› "
			id = st.Selected.Render(id)
		}
		counts := fmt.Sprintf("%d  %d", len(a.a.Evidence[s.ID]), a.openActions(s.ID))
		text := oneLine(s.Text)
		cell := st.cellStyle(int(sc)).Render(center(sc.String(), cellW))
		if lastW > 0 {
			cell += " " + st.Subtle.Render(center(a.a.Previous[s.ID].String(), lastW-1))
		}
		if per == 1 {
			lines = append(lines, mark+id+" "+cell+" "+padRight(ansi.Truncate(text, textW, "…"), textW)+" "+padLeft(counts, countsW-1))
			continue
		}
		wl := wrapLines(text, textW, 2)
		lines = append(lines, mark+id+" "+cell+" "+padRight(wl[0], textW)+" "+padLeft(counts, countsW-1))
		if len(wl) > 1 {
			lines = append(lines, strings.Repeat(" ", 2+idW+1+cellW+lastW+1)+wl[1])
		}
		lines = append(lines, "")
	}
	if len(m.Statements) == 0 {
		lines = append(lines, "  This measure has no statements for this audience.")
	}
	return strings.Join(lines, "\n")
}

// openActions counts the live actions of statement sid.
func (a *App) openActions(sid string) int {
	n := 0
	for _, x := range a.a.Actions[sid] {
		if x.Status.Live() {
			n++
		}
	}
	return n
}

// paneSize is the width and height of the statement screen's pane area.
func (a *App) paneSize() (int, int) {
	if a.lay.split {
		return a.width - a.width*9/20 - 3, a.lay.bodyHeight - 1
	}
	return a.width - 2, max(4, a.lay.bodyHeight-a.statementTopHeight())
}

// minPaneRows is the least the statement screen keeps for its panes.
const minPaneRows = 5

// statementTopHeight is the rows the statement, guidance and scale take
// above the panes in the single-column layout.
func (a *App) statementTopHeight() int {
	if a.a == nil {
		return 0
	}
	return len(a.statementTop(a.width, a.lay.bodyHeight-minPaneRows)) + 1
}

// statementTop draws the statement, its guidance and the scale, w wide,
// in at most budget lines: on a small screen the guidance and text are cut
// and the scale shrinks to the current level.
func (a *App) statementTop(w, budget int) []string {
	textN, guideN := 3, 2
	if a.lay.roomy {
		textN, guideN = 6, 4
	}
	lines := a.statementTopN(w, textN, guideN, true)
	for _, try := range [][2]int{{3, 1}, {2, 1}, {2, 0}, {1, 0}} {
		if len(lines) <= budget {
			break
		}
		lines = a.statementTopN(w, try[0], try[1], false)
	}
	if len(lines) > budget {
		lines = lines[:max(1, budget)]
	}
	return lines
}

// statementTopN draws the statement top with at most textN lines of text
// and guideN of guidance, and every scale level when fullScale is set.
func (a *App) statementTopN(w, textN, guideN int, fullScale bool) []string {
	st := a.styles
	s, ok := a.curStatement()
	if !ok {
		return nil
	}
	sc := a.a.Score(s.ID)
	label := "not assessed"
	if l, ok := a.a.Criteria.Level(int(sc)); ok && sc.Assessed() {
		label = oneLine(l.Label)
	}
	first := st.Title.Render(oneLine(s.ID)) + "  score " + st.cellStyle(int(sc)).Render(" "+sc.String()+" ") + " " + label
	if a.a.Previous != nil {
		first += st.Subtle.Render("  · last time: " + a.levelText(a.a.Previous[s.ID]))
	}
	lines := []string{first}
	lines = append(lines, wrapLines(Sanitize(s.Text), w, textN)...)
	if g := Sanitize(s.Guidance); g != "" && guideN > 0 {
		for i, l := range wrapLines("Guidance: "+g, w, guideN) {
			if i == 0 {
				l = st.Label.Render("Guidance:") + strings.TrimPrefix(l, "Guidance:")
			}
			lines = append(lines, st.Subtle.Render(l))
		}
	}
	if a.lay.roomy {
		lines = append(lines, "")
	}
	if !fullScale {
		if l, ok := a.a.Criteria.Level(int(sc)); ok {
			text := fmt.Sprintf("%d %s — %s", l.Level, oneLine(l.Label), oneLine(l.Descriptor))
			lines = append(lines, "▶ "+st.Current.Render(ansi.Truncate(text, w-2, "…")))
		} else {
			lines = append(lines, st.Subtle.Render(ansi.Truncate(fmt.Sprintf("Scale 1 to %d: press a digit to score (? for all keys)", a.maxScore()), w, "…")))
		}
		return lines
	}
	for _, l := range a.a.Criteria.Scale {
		text := fmt.Sprintf("%d %s — %s", l.Level, oneLine(l.Label), oneLine(l.Descriptor))
		mark := "  "
		if l.Level == int(sc) {
			mark = "▶ "
			lines = append(lines, mark+st.Current.Render(ansi.Truncate(text, w-2, "…")))
			continue
		}
		if a.lay.split {
			for i, wl := range wrapLines(text, w-2, 2) {
				if i > 0 {
					mark = "  "
				}
				lines = append(lines, mark+wl)
			}
			continue
		}
		lines = append(lines, mark+ansi.Truncate(text, w-2, "…"))
	}
	return lines
}

func (a *App) statementView() string {
	if a.lay.split {
		leftW := a.width * 9 / 20
		left := fitLines(strings.Join(a.statementTop(leftW, a.lay.bodyHeight), "\n"), a.lay.bodyHeight)
		pw, ph := a.paneSize()
		right := fitLines(a.panes(pw, ph), a.lay.bodyHeight)
		out := make([]string, len(left))
		for i := range left {
			out[i] = padRight(ansi.Truncate(left[i], leftW, "…"), leftW) + " │ " + right[i]
		}
		return strings.Join(out, "\n")
	}
	top := a.statementTop(a.width, a.lay.bodyHeight-minPaneRows)
	pw, ph := a.paneSize()
	return strings.Join(top, "\n") + "\n" + a.panes(pw, ph)
}

// panes draws the tab row and the focused pane, w wide and h high.
func (a *App) panes(w, h int) string {
	st := a.styles
	sid := a.curStatementID()
	names := []string{"Rationale", fmt.Sprintf("Evidence (%d)", len(a.a.Evidence[sid])), fmt.Sprintf("Actions (%d)", len(a.a.Actions[sid]))}
	var tabs []string
	for i, n := range names {
		if pane(i) == a.pane {
			tabs = append(tabs, st.PaneOn.Render("["+n+"]"))
		} else {
			tabs = append(tabs, st.PaneOff.Render(" "+n+" "))
		}
	}
	lines := []string{strings.Join(tabs, " ")}
	rows := h - 1
	switch a.pane {
	case paneRationale:
		lines = append(lines, a.rationaleLines(w, rows)...)
	case paneEvidence:
		lines = append(lines, a.evidenceLines(sid, w, rows)...)
	case paneActions:
		lines = append(lines, a.actionLines(sid, w, rows)...)
	}
	return strings.Join(lines, "\n")
}

func (a *App) rationaleLines(w, h int) []string {
	st := a.styles
	if a.ed.active {
		var lines []string
		if c := a.ed.conflict; c != nil {
			by := oneLine(c.By)
			if by == "" {
				by = "someone else"
			}
			lines = append(lines, st.Error.Render(ansi.Truncate("Stored now, by "+by+" (theirs):", w, "…")))
			lines = append(lines, wrapLines(Sanitize(c.Theirs), w, 3)...)
			lines = append(lines, st.Error.Render("Yours (edit to merge, esc saves):"))
		}
		a.ta.SetWidth(w)
		a.ta.SetHeight(max(1, h-len(lines)))
		lines = append(lines, strings.Split(a.ta.View(st), "\n")...)
		return lines
	}
	r := Sanitize(a.a.Responses[a.curStatementID()].Rationale)
	if strings.TrimSpace(r) == "" {
		return []string{st.Subtle.Render("No rationale yet: press enter to write why this score.")}
	}
	return wrapLines(r, w, h)
}

func (a *App) evidenceLines(sid string, w, h int) []string {
	st := a.styles
	list := a.a.Evidence[sid]
	if len(list) == 0 {
		return []string{st.Subtle.Render("No evidence yet: press e to add some.")}
	}
	cache := a.evRows.rows(fmt.Sprintf("%s/%d/%d/%d", sid, w, a.rowsGen, a.stylesGen), len(list))
	var lines []string
	start := window(a.evCursor, len(list), h)
	for i := start; i < len(list) && i < start+h; i++ {
		if i != a.evCursor && cache[i] != "" {
			lines = append(lines, cache[i])
			continue
		}
		e := list[i]
		row := oneLineMax(e.Title, w)
		if e.NeedsReview {
			row = "[review] " + row
		}
		if e.AddedBy != "" {
			row += " (" + oneLineMax(e.AddedBy, w) + ")"
		}
		if e.Link != "" {
			row += " — " + oneLineMax(e.Link, w)
		}
		if e.Detail != "" {
			row += " · " + oneLineMax(e.Detail, w)
		}
		line := a.listRow(i == a.evCursor, row, w)
		if i != a.evCursor {
			cache[i] = line
		}
		lines = append(lines, line)
	}
	return lines
}

func (a *App) actionLines(sid string, w, h int) []string {
	st := a.styles
	list := a.a.Actions[sid]
	if len(list) == 0 {
		return []string{st.Subtle.Render("No actions yet: press a to add one.")}
	}
	now := a.now()
	cache := a.acRows.rows(fmt.Sprintf("%s/%d/%d/%d/%s", sid, w, a.rowsGen, a.stylesGen, model.FormatDate(now)), len(list))
	var lines []string
	start := window(a.acCursor, len(list), h)
	for i := start; i < len(list) && i < start+h; i++ {
		if i != a.acCursor && cache[i] != "" {
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
			row += fmt.Sprintf(" (%d days late)", d)
		}
		line := a.listRow(i == a.acCursor, row, w)
		if x.Overdue(now) && i != a.acCursor {
			line = st.Overdue.Render(line)
		}
		if i != a.acCursor {
			cache[i] = line
		}
		lines = append(lines, line)
	}
	return lines
}

// listRow draws one row of a list, highlighted when selected.
func (a *App) listRow(selected bool, row string, w int) string {
	// Clip before measuring: ansi.Truncate measures the whole string, and a
	// row may carry a long note.
	row = truncate(clipBytes(row, w), w-2)
	if selected {
		return "› " + a.styles.Selected.Render(row)
	}
	return "  " + row
}

func (a *App) confirmView() string {
	c := a.confirm
	return a.styles.Title.Render(fmt.Sprintf("Delete %s %d?", c.what, c.id)) + "\n" +
		ansi.Truncate(c.label, a.dialogWidth()-4, "…") + "\n\n" +
		"y delete · n or esc keep"
}

func (a *App) draftView() string {
	d := a.offering
	w := a.dialogWidth() - 4
	lines := []string{a.styles.Title.Render("Unsaved draft found"),
		ansi.Truncate(oneLine(d.Label)+" · saved "+d.SavedAt.Format("2 Jan 15:04"), w, "…"), ""}
	lines = append(lines, wrapLines(Sanitize(d.Text), w, 4)...)
	lines = append(lines, "", "r or enter restore it into the editor · d discard it · esc later")
	return strings.Join(lines, "\n")
}

// helpView lists every key.
func (a *App) helpView() string {
	st := a.styles
	var lines []string
	lines = append(lines, st.Title.Render("Keys")+"  "+st.Subtle.Render("(any key closes)"))
	for _, g := range a.keys.fullHelp() {
		var parts []string
		for _, b := range g.keys {
			parts = append(parts, keyHelp(st, b))
		}
		lines = append(lines, st.Label.Render(g.title+":")+" "+strings.Join(parts, " · "))
	}
	w := a.dialogWidth() - 4
	var out []string
	for _, l := range lines {
		out = append(out, strings.Split(lipgloss.NewStyle().Width(w).Render(l), "\n")...)
	}
	return strings.Join(out, "\n")
}

// keyHelp is "key description" for one binding.
func keyHelp(st Styles, b key.Binding) string {
	h := b.Help()
	return st.HelpKey.Render(h.Key) + " " + h.Desc
}

// levelText is a score and its level's label, "3 Established", or "not
// assessed".
func (a *App) levelText(sc model.Score) string {
	if !sc.Assessed() {
		return "not assessed"
	}
	if l, ok := a.a.Criteria.Level(int(sc)); ok {
		return sc.String() + " " + oneLine(l.Label)
	}
	return sc.String()
}

// rowCache keeps the drawn lines of a long list (a statement may have 500
// evidence items) so that moving the cursor redraws only the rows whose
// look changed. Its key names everything a line depends on; a new key
// empties it.
type rowCache struct {
	key   string
	lines []string
}

// rows returns the cache's lines for key, emptied if the key changed.
func (c *rowCache) rows(key string, n int) []string {
	if c.key != key || len(c.lines) != n {
		c.key, c.lines = key, make([]string, n)
	}
	return c.lines
}
