package workshop

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"wgll/criteria"
	"wgll/model"
	"wgll/ui"
)

// Sizes and breakpoints of the workshop screens.
const (
	// minWidth and minHeight are the smallest terminal drawn in.
	minWidth  = 40
	minHeight = 12
	// roomyWidth and roomyHeight make a room's screen: taller bars and
	// block digits that read from the back.
	roomyWidth  = 120
	roomyHeight = 36
	// barLabelW is the width of a bar's label ("5 Leading").
	barLabelW = 16
)

// layout is the named sizes of a workshop screen for a terminal size.
type layout struct {
	width, height int
	tooSmall      bool
	// roomy is a large screen: bars several rows tall, block digits.
	roomy bool
	// barRows is how many rows each distribution bar takes.
	barRows int
	// margin is the left margin of the body.
	margin int
}

func computeLayout(w, h int) layout {
	l := layout{width: w, height: h, barRows: 1}
	if w < minWidth || h < minHeight {
		l.tooSmall = true
		return l
	}
	if w >= roomyWidth && h >= roomyHeight {
		l.roomy, l.barRows, l.margin = true, 2, 2
	}
	return l
}

// inner is the body width inside the margins.
func (l layout) inner() int { return l.width - 2*l.margin }

// clean sanitises text from the workbook or another user and puts it on
// one line.
func clean(s string) string {
	return strings.Join(strings.Fields(ui.Sanitize(s)), " ")
}

// wrap word-wraps sanitised text to width, hard-wrapping words too long for
// a line, and returns its lines.
func wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	s = clean(s)
	if s == "" {
		return nil
	}
	return strings.Split(ansi.Wrap(s, width, ""), "\n")
}

// wrapIndent wraps text with a first-line prefix and the rest indented to
// match.
func wrapIndent(prefix, s string, width int) []string {
	pw := ansi.StringWidth(prefix)
	lines := wrap(s, width-pw)
	if len(lines) == 0 {
		return []string{prefix}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if i == 0 {
			out[i] = prefix + l
		} else {
			out[i] = strings.Repeat(" ", pw) + l
		}
	}
	return out
}

// clip cuts a (styled) line to width with an ellipsis.
func clip(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// fit makes exactly height lines of at most width. The last keep lines
// (help and status) stay on the bottom rows; the body above them is padded
// or, when it must be cut, cut from its end with a line saying so.
func fit(lines []string, width, height, keep int) string {
	if keep > len(lines) {
		keep = len(lines)
	}
	if keep > height {
		keep = height
	}
	body, tail := lines[:len(lines)-keep], lines[len(lines)-keep:]
	room := height - keep
	if len(body) > room {
		if room > 0 {
			body = append(body[:room-1:room-1], "… (enlarge the window to see the rest)")
		} else {
			body = nil
		}
	}
	out := make([]string, 0, height)
	out = append(out, body...)
	for len(out) < room {
		out = append(out, "")
	}
	out = append(out, tail...)
	for i := range out {
		out[i] = clip(out[i], width)
	}
	return strings.Join(out, "\n")
}

// indent prefixes every line with n spaces.
func indent(lines []string, n int) []string {
	if n == 0 {
		return lines
	}
	pad := strings.Repeat(" ", n)
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return lines
}

// levelLabel is "3 Established" for level n of the scale.
func levelLabel(c *criteria.Criteria, n int) string {
	if n == model.DontKnow {
		return "? Don't know"
	}
	if l, ok := c.Level(n); ok {
		return fmt.Sprintf("%d %s", n, clean(l.Label))
	}
	return fmt.Sprintf("%d", n)
}

// blockOpts says what statementBlock includes.
type blockOpts struct {
	descriptors, guidance bool
	// gap puts a blank line between descriptors, on a large screen.
	gap bool
	// short cuts each descriptor to one line, on a small screen.
	short bool
}

// statementBlock is the statement in full with its measure, and the level
// descriptors and guidance as asked: what the room is scoring.
func statementBlock(st Styles, c *criteria.Criteria, sid string, width int, o blockOpts) []string {
	s, m, ok := c.Statement(sid)
	if !ok {
		return []string{st.Error.Render("Statement " + clean(sid) + " is not in this assessment's criteria.")}
	}
	var out []string
	out = append(out, st.Subtle.Render(clip(clean(m.Name)+" · "+clean(s.ID), width)))
	for _, l := range wrap(s.Text, width) {
		out = append(out, st.Title.Render(l))
	}
	if o.guidance && s.Guidance != "" {
		out = append(out, wrapIndent("Evidence: ", s.Guidance, width)...)
	}
	if o.descriptors {
		out = append(out, "")
		for i, lv := range c.Scale {
			if o.gap && i > 0 {
				out = append(out, "")
			}
			prefix := fmt.Sprintf("%d %-12s ", lv.Level, clip(clean(lv.Label), 12))
			if o.short {
				out = append(out, clip(prefix+clean(lv.Descriptor), width))
				continue
			}
			out = append(out, wrapIndent(prefix, lv.Descriptor, width)...)
		}
	}
	return out
}

// blockToFit is the fullest statement block of variants (fullest first)
// that fits in room lines; the last variant if none does.
func blockToFit(st Styles, c *criteria.Criteria, sid string, width, room int, variants ...blockOpts) []string {
	var block []string
	for _, o := range variants {
		block = statementBlock(st, c, sid, width, o)
		if len(block) <= room {
			break
		}
	}
	return block
}

// followerVariants are what the member and projector screens try, fullest
// first: the descriptors always, in full if they fit.
func followerVariants(roomy bool) []blockOpts {
	return []blockOpts{{descriptors: true, gap: roomy}, {descriptors: true}, {descriptors: true, short: true}}
}

// bars draws a tally as labelled horizontal bars, one per level and one
// for "don't know", each barRows tall, with its count in digits at the
// end: readable without colour and from the back of the room. mark, if
// not 0, is a level to point at ("◀ suggested").
func bars(st Styles, c *criteria.Criteria, t model.Tally, width, barRows int, mark model.Score, markText string) []string {
	maxCount := 1
	for _, n := range t.Counts {
		if n > maxCount {
			maxCount = n
		}
	}
	tail := 4 + len(markText) + 3
	barW := width - barLabelW - tail
	if barW < 4 {
		barW = 4
	}
	levels := make([]int, 0, len(t.Counts))
	for l := 1; l < len(t.Counts); l++ {
		levels = append(levels, l)
	}
	levels = append(levels, model.DontKnow)
	var out []string
	for _, l := range levels {
		n := t.Counts[l]
		w := n * barW / maxCount
		if n > 0 && w == 0 {
			w = 1
		}
		label := fmt.Sprintf("%-*s", barLabelW, clip(levelLabel(c, l), barLabelW-1))
		for r := 0; r < barRows; r++ {
			line := label
			if r > 0 {
				line = strings.Repeat(" ", barLabelW)
			}
			line += st.Bar.Render(strings.Repeat("█", w)) + strings.Repeat(" ", barW-w)
			if r == 0 {
				line += fmt.Sprintf(" %2d", n)
				if mark.Assessed() && l == int(mark) {
					line += " ◀ " + markText
				}
			}
			out = append(out, line)
		}
	}
	return out
}

// summaryLines are the tally's figures in words: median, range, verdict,
// rule.
func summaryLines(st Styles, t model.Tally, width int) []string {
	head := fmt.Sprintf("%d scored, %d don't know · median %s · range %s", t.Voters, t.DontKnow, t.MedianText(), t.RangeText())
	verdict := t.Verdict()
	if t.Disagree {
		verdict = st.Warn.Render(verdict)
	}
	return []string{clip(head, width), clip(verdict, width)}
}

// digitFont is a 3-row block font for the big numbers on a room's screen.
var digitFont = map[rune][3]string{
	'0': {"█▀█", "█ █", "▀▀▀"},
	'1': {"▀█ ", " █ ", "▀▀▀"},
	'2': {"▀▀█", "█▀▀", "▀▀▀"},
	'3': {"▀▀█", " ▀█", "▀▀▀"},
	'4': {"█ █", "▀▀█", "  ▀"},
	'5': {"█▀▀", "▀▀█", "▀▀▀"},
	'6': {"█▀▀", "█▀█", "▀▀▀"},
	'7': {"▀▀█", "  █", "  ▀"},
	'8': {"█▀█", "█▀█", "▀▀▀"},
	'9': {"█▀█", "▀▀█", "▀▀▀"},
	'?': {"▀▀█", " █▀", " ▀ "},
	'.': {"   ", "   ", " ▀ "},
}

// bigText draws s (digits, '?' and '.') in the block font, three rows.
func bigText(s string) []string {
	var rows [3]strings.Builder
	for i, r := range s {
		g, ok := digitFont[r]
		if !ok {
			continue
		}
		for k := range rows {
			if i > 0 {
				rows[k].WriteByte(' ')
			}
			rows[k].WriteString(g[k])
		}
	}
	return []string{rows[0].String(), rows[1].String(), rows[2].String()}
}

// votedLine says who has voted (names, never values) and who has not.
func votedLine(snap model.Snapshot, width int) []string {
	voted := snap.Voted()
	in := map[string]bool{}
	for _, v := range voted {
		in[v] = true
	}
	var waiting []string
	for _, p := range snap.Participants {
		if !in[p.Name] {
			waiting = append(waiting, clean(p.Name))
		}
	}
	names := make([]string, len(voted))
	for i, v := range voted {
		names[i] = clean(v)
	}
	out := wrapIndent(fmt.Sprintf("Voted (%d): ", len(voted)), strings.Join(names, ", "), width)
	if len(voted) == 0 {
		out = []string{"Voted (0): nobody yet"}
	}
	if len(waiting) > 0 {
		out = append(out, wrapIndent(fmt.Sprintf("Waiting for (%d): ", len(waiting)), strings.Join(waiting, ", "), width)...)
	}
	return out
}

// tallyOf is the current round's tally.
func tallyOf(snap model.Snapshot, c *criteria.Criteria) model.Tally {
	return model.NewTally(snap.Round.Levels(), c.MaxLevel(), snap.Workshop.Rule)
}

// tooSmall is the whole screen when the terminal is too small.
func tooSmall(w, h int) string {
	return fit([]string{"Enlarge the window", fmt.Sprintf("(at least %dx%d)", minWidth, minHeight)}, w, h, 0)
}

func lipWidth(s string) int { return ansi.StringWidth(s) }

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}
