package ui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// This file draws the two read-only report screens, compare and trend.
// Their text is laid out once per width into lines, kept in scrollState,
// and only the lines in view are drawn.

// report is the laid-out lines of a report screen, kept per width and
// style generation, and how far down they are scrolled.
type report struct {
	lines  []string
	width  int
	gen    int
	scroll scroller
}

// get returns the lines, laying them out again with build when the width
// or the styles changed.
func (r *report) get(a *App, build func() []string) []string {
	if r.lines != nil && r.width == a.lay.width && r.gen == a.stylesGen {
		return r.lines
	}
	r.lines = clipLines(build(), a.lay.width)
	r.width, r.gen = a.lay.width, a.stylesGen
	return r.lines
}

// clipLines cuts each of lines that is wider than width, in place.
func clipLines(lines []string, width int) []string {
	for i, l := range lines {
		if !fitsWidth(l, width) {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return lines
}

// reset forgets the lines and the scroll position for new contents.
func (r *report) reset() { *r = report{} }

// rows is how many lines fit, leaving a row for the position line when
// they do not all fit.
func reportRows(a *App, n int) int {
	if n <= a.lay.bodyHeight {
		return a.lay.bodyHeight
	}
	return max(1, a.lay.bodyHeight-1)
}

// key scrolls the report or, on esc, goes back to the overview.
func (r *report) key(a *App, k tea.KeyPressMsg, lines []string) {
	if key.Matches(k, a.keys.Back) {
		a.screen = screenOverview
		return
	}
	r.scroll.scrollKey(k, a.keys, lines, a.lay.width, reportRows(a, len(lines)))
}

// mouse scrolls the report with the wheel.
func (r *report) mouse(a *App, m tea.MouseMsg, lines []string) {
	if w, ok := m.(tea.MouseWheelMsg); ok {
		r.scroll.wheel(w, lines, a.lay.width, reportRows(a, len(lines)))
	}
}

// view draws the visible lines, with a position line when they do not
// all fit.
func (r *report) view(a *App, all []string) string {
	rows := reportRows(a, len(all))
	out := append(make([]string, 0, rows+1), r.scroll.window(all, a.lay.width, rows)...)
	if ind := r.scroll.indicator(len(all), rows); ind != "" {
		for len(out) < rows {
			out = append(out, "")
		}
		out = append(out, a.styles.Subtle.Render(ansi.Truncate(ind+" · ↑/↓ pgup/pgdn scroll · esc back", a.lay.width, "…")))
	}
	return strings.Join(out, "\n")
}

// reportKeys is the help line of a report screen.
func reportKeys(a *App) []key.Binding {
	k := a.keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Back, k.Export, k.Help, k.Quit}
}

// fmtMean is a mean with one decimal, or "–" when nothing was scored.
func fmtMean(s model.MeasureStats) string {
	if !s.HasMean() {
		return "–"
	}
	return model.FormatMean(s.Mean)
}

// moveText says how a mean moved with a glyph and a signed number, so the
// direction reads without colour: "▲ +0.5", "▼ -0.3", "= 0.0".
func moveText(d float64) string {
	r := model.FormatMean(math.Abs(d))
	switch {
	case r == "0.0":
		return "= 0.0"
	case d > 0:
		return "▲ +" + r
	}
	return "▼ -" + r
}

// moveStyled is moveText in the up or down style.
func moveStyled(st Styles, d float64) string {
	t := moveText(d)
	switch {
	case strings.HasPrefix(t, "▲"):
		return st.Up.Render(t)
	case strings.HasPrefix(t, "▼"):
		return st.Down.Render(t)
	}
	return t
}

// measureChangeText is the change column of a measure in a comparison.
func measureChangeText(st Styles, m model.MeasureChange) string {
	if m.From.HasMean() && m.To.HasMean() {
		return moveStyled(st, model.MeanChange(m.From.Mean, m.To.Mean))
	}
	switch {
	case m.InTo && !m.InFrom:
		return "new"
	case m.InFrom && !m.InTo:
		return "retired"
	case m.To.HasMean():
		return "first"
	}
	return "–"
}

// compareLines lays out a comparison w columns wide: the counts, a table of
// measure means, the written summary, then each list of statements.
func compareLines(c model.Comparison, st Styles, w int) []string {
	from, to := cut(oneLine(c.From.Period), 10), cut(oneLine(c.To.Period), 10)
	colW := max(7, ansi.StringWidth(from), ansi.StringWidth(to))
	const changeW = 8
	nameW := max(10, min(32, w-2-2*(colW+2)-(changeW+2)))
	improved, regressed := c.Improved(), c.Regressed()
	newly, still, gone := c.NewlyAssessed(), c.StillUnassessed(), c.NoLongerScored()
	unmatched := len(c.Added) + len(c.Retired)

	lines := []string{
		st.Title.Render("What moved from " + from + " to " + to),
		st.Subtle.Render(oneLine(c.To.Organisation) + " · " + c.To.Audience.Title() + " statements"),
	}
	counts := []string{
		st.Up.Render("▲") + fmt.Sprintf(" %d improved", len(improved)),
		st.Down.Render("▼") + fmt.Sprintf(" %d regressed", len(regressed)),
		fmt.Sprintf("+ %d newly assessed", len(newly)),
	}
	if len(gone) > 0 {
		counts = append(counts, fmt.Sprintf("- %d scored last time, not now", len(gone)))
	}
	counts = append(counts, fmt.Sprintf("%d still unassessed", len(still)),
		fmt.Sprintf("✓ %d action(s) closed", len(c.Closed)), fmt.Sprintf("%d unmatched", unmatched))
	lines = append(lines, joinWrapped(counts, " · ", w)...)
	lines = append(lines, "",
		st.Label.Render("  "+padRight("Measure", nameW)+"  "+padLeft(from, colW)+"  "+padLeft(to, colW)+"  "+padLeft("Change", changeW)))
	row := func(name string, f, t model.MeasureStats, change string) string {
		return "  " + padRight(cut(name, nameW), nameW) + "  " + padLeft(fmtMean(f), colW) + "  " + padLeft(fmtMean(t), colW) + "  " + padLeft(change, changeW)
	}
	for _, m := range c.Measures {
		name := oneLine(m.Name)
		if m.Renamed() {
			name += " (was " + oneLine(m.FromName) + ")"
		}
		lines = append(lines, row(name, m.From, m.To, measureChangeText(st, m)))
	}
	// The overall row is like for like (model.LikeForLike): only the
	// statements scored in both periods, so a measure scored in one period
	// alone cannot move it; the count says how many.
	overall := "–"
	if d, ok := c.Like.Change(); ok {
		overall = moveStyled(st, d)
	}
	lines = append(lines, "  "+st.Subtle.Render(strings.Repeat("─", min(w-2, nameW+2*(colW+2)+changeW+2))))
	lines = append(lines, row(fmt.Sprintf("Overall, like for like (%d)", c.Like.Statements), c.Like.From, c.Like.To, overall))
	lines = append(lines, "", st.Label.Render("Summary for the minutes"))
	// Break the summary only at spaces: statement ids such as SF-O2 hold
	// hyphens and must stay whole.
	for _, l := range wrapWords(oneLine(c.Summary()), w-4) {
		lines = append(lines, "  "+l)
	}

	stmt := func(s model.StatementChange, showMove bool) string {
		head := "  " + padRight(oneLine(s.StatementID), 7) + " " + s.From.String() + " → " + s.To.String()
		if showMove {
			d := s.Delta()
			glyph := st.Up.Render(fmt.Sprintf("▲ %+d", d))
			if d < 0 {
				glyph = st.Down.Render(fmt.Sprintf("▼ %+d", d))
			}
			head += "  " + glyph
		}
		if n := s.MarkNote(); n != "" {
			// Across a framework refresh: not like for like.
			head += "  " + st.Subtle.Render("("+oneLine(n)+")")
		}
		return head + "  " + oneLine(s.Text)
	}
	section := func(title string, n int) {
		lines = append(lines, "", st.Label.Render(fmt.Sprintf("%s (%d)", title, n)))
		if n == 0 {
			lines = append(lines, st.Subtle.Render("  none"))
		}
	}
	section("Improved", len(improved))
	for _, s := range improved {
		lines = append(lines, stmt(s, true))
	}
	section("Regressed", len(regressed))
	for _, s := range regressed {
		lines = append(lines, stmt(s, true))
	}
	section("Newly assessed", len(newly))
	for _, s := range newly {
		lines = append(lines, stmt(s, false))
	}
	if len(gone) > 0 {
		section("Scored last time, not now", len(gone))
		for _, s := range gone {
			lines = append(lines, stmt(s, false))
		}
	}
	section("Still unassessed", len(still))
	for _, s := range still {
		lines = append(lines, "  "+padRight(oneLine(s.StatementID), 7)+" "+oneLine(s.Text))
	}
	action := func(x model.ActionChange) string {
		l := "  " + padRight(oneLine(x.To.StatementID), 7) + " " + oneLine(x.To.Title)
		if x.To.Owner != "" {
			l += " — " + oneLine(x.To.Owner)
		}
		return l + " (was " + oneLine(string(x.From.Status)) + ")"
	}
	section("Actions closed since "+from, len(c.Closed))
	for _, x := range c.Closed {
		lines = append(lines, action(x))
	}
	if len(c.Dropped) > 0 {
		section("Actions dropped since "+from, len(c.Dropped))
		for _, x := range c.Dropped {
			lines = append(lines, action(x))
		}
	}
	section("Unmatched statements", unmatched)
	for _, r := range c.Added {
		lines = append(lines, "  + "+padRight(oneLine(r.StatementID), 7)+" only in "+to+"'s criteria: "+oneLine(r.Text))
	}
	for _, r := range c.Retired {
		lines = append(lines, fmt.Sprintf("  - %s only in %s's criteria (score %s, %d evidence, %d open action(s)): %s",
			padRight(oneLine(r.StatementID), 7), from, r.Score, r.Evidence, r.LiveActions, oneLine(r.Text)))
	}
	return lines
}

// joinWrapped joins items with sep into lines at most w wide, breaking
// only between items.
func joinWrapped(items []string, sep string, w int) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case ansi.StringWidth(cur+sep+it) > w:
			lines = append(lines, cur)
			cur = it
		default:
			cur += sep + it
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// wrapWords wraps s to w columns breaking only at spaces (ansi.Wrap also
// breaks at hyphens); a word longer than a line is cut hard.
func wrapWords(s string, w int) []string {
	w = max(1, w)
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case ansi.StringWidth(cur)+1+ansi.StringWidth(word) <= w:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
		for ansi.StringWidth(cur) > w {
			lines = append(lines, ansi.Cut(cur, 0, w))
			cur = ansi.Cut(cur, w, ansi.StringWidth(cur))
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// cut truncates s to w columns with an ellipsis.
func cut(s string, w int) string { return ansi.Truncate(s, w, "…") }

// sparkLevels are the bar glyphs for means from 1 to the top of the scale.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// sparkGlyph is one period's bar in a sparkline: higher for a higher mean,
// a middle dot when nothing was scored, a space when the period's criteria
// lack the measure.
func sparkGlyph(p model.TrendPoint, top int) string {
	switch {
	case !p.Present:
		return " "
	case !p.Stats.HasMean():
		return "·"
	}
	i := int((p.Stats.Mean - 1) / float64(max(1, top-1)) * float64(len(sparkLevels)-1))
	return string(sparkLevels[max(0, min(i, len(sparkLevels)-1))])
}

// eighths are the partial blocks of a horizontal bar, in eighths.
var eighths = []rune(" ▏▎▍▌▋▊▉")

// hbar is a horizontal bar w cells long at full scale for v out of top,
// drawn with eighth blocks so close means still differ.
func hbar(v float64, top, w int) string {
	n := int(math.Round(v / float64(max(1, top)) * float64(w*8)))
	n = max(0, min(n, w*8))
	s := strings.Repeat("█", n/8)
	if r := n % 8; r > 0 {
		s += string(eighths[r])
	}
	return padRight(s, w)
}

// trendLines lays out a trend w columns wide: a table with a sparkline and
// each period's mean per measure, then a bar per period for each measure.
// When the periods do not all fit, the table shows the newest and the bars
// show them all.
func trendLines(t model.TrendTable, st Styles, w, top int) []string {
	n := len(t.Periods)
	labels := make([]string, n)
	colW := 7
	for i, h := range t.Periods {
		labels[i] = cut(oneLine(h.Period), 10)
		colW = max(colW, ansi.StringWidth(labels[i]))
	}
	nameW := 12
	for _, r := range t.Rows {
		nameW = max(nameW, min(28, ansi.StringWidth(oneLine(r.Name))))
	}
	sparkW := max(5, n)
	const changeW = 8
	fixed := func(nw int) int { return 2 + nw + 2 + sparkW + 2 + changeW }
	shown := n
	for shown > 1 && fixed(nameW)+shown*(colW+2) > w {
		if nameW > 14 {
			nameW--
			continue
		}
		shown--
	}
	first := n - shown
	var lines []string
	title := fmt.Sprintf("Trend over %d periods", n)
	if n > 0 {
		title += ": " + labels[0] + " to " + labels[n-1]
	}
	lines = append(lines, st.Title.Render(title))
	if n > 0 {
		last := t.Periods[n-1]
		lines = append(lines, st.Subtle.Render(oneLine(last.Organisation)+" · "+last.Audience.Title()+" statements · mean score per measure"))
	}
	lines = append(lines, "")
	head := "  " + padRight("Measure", nameW) + "  " + padRight("trend", sparkW)
	for i := first; i < n; i++ {
		head += "  " + padLeft(labels[i], colW)
	}
	lines = append(lines, st.Label.Render(head+"  "+padLeft("Change", changeW)))
	row := func(r model.TrendRow, name string) string {
		var sp strings.Builder
		for _, p := range r.Points {
			sp.WriteString(sparkGlyph(p, top))
		}
		l := "  " + padRight(cut(name, nameW), nameW) + "  " + padRight(sp.String(), sparkW)
		for i := first; i < n; i++ {
			cell := ""
			switch p := r.Points[i]; {
			case p.Stats.HasMean():
				cell = model.FormatMean(p.Stats.Mean)
			case p.Present:
				cell = "–"
			}
			l += "  " + padLeft(cell, colW)
		}
		change := "–"
		if d, ok := r.ShownChange(1); ok {
			change = moveStyled(st, d)
		}
		return l + "  " + padLeft(change, changeW)
	}
	for _, r := range t.Rows {
		lines = append(lines, row(r, oneLine(r.Name)))
	}
	lines = append(lines, "  "+st.Subtle.Render(strings.Repeat("─", min(w-2, fixed(nameW)+shown*(colW+2)-2))))
	lines = append(lines, row(t.Overall, "Overall"))
	lines = append(lines, "")
	legend := fmt.Sprintf("Means 1 to %d · trend bars ▁ low to █ high, one per period · · not scored · blank: not in that period's criteria · change: first to last scored period", top)
	if first > 0 {
		legend += fmt.Sprintf(" · the table shows the newest %d periods; the bars below show all %d", shown, n)
	}
	for _, l := range wrapLines(legend, w-4, 0) {
		lines = append(lines, "  "+st.Subtle.Render(l))
	}
	lines = append(lines, "", st.Label.Render("Each measure, period by period"))
	labelW := colW
	barW := max(10, min(40, w-2-labelW-1-6))
	for _, r := range append(append([]model.TrendRow(nil), t.Rows...), t.Overall) {
		name := oneLine(r.Name)
		if r.Key == "overall" {
			name = "Overall"
		}
		lines = append(lines, "  "+st.Label.Render(cut(name, w-4)))
		for i, p := range r.Points {
			v := "not scored"
			bar := strings.Repeat(" ", barW)
			switch {
			case p.Stats.HasMean():
				v = model.FormatMean(p.Stats.Mean)
				bar = hbar(p.Stats.Mean, top, barW)
			case !p.Present:
				v = "not in these criteria"
			}
			lines = append(lines, "    "+padRight(labels[i], labelW)+" "+bar+" "+v)
		}
	}
	return lines
}
