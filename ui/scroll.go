package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// scroller shows lines of text longer than the rows they have through a
// Bubbles viewport: the notice, help and item dialogs, the report screens
// and a long saved rationale share it. The app's own keys move it (the
// viewport's defaults would take keys the screens use), and it keeps the
// content it was given until given other lines, so moving costs nothing
// per line.
type scroller struct {
	vp     viewport.Model
	ready  bool
	lines  []string
	width  int
	height int
}

// load gives the viewport lines to show w wide in rows, if they changed.
func (s *scroller) load(lines []string, w, rows int) {
	if !s.ready {
		s.vp = viewport.New()
		s.vp.KeyMap = viewport.KeyMap{}
		s.vp.MouseWheelEnabled = false
		s.ready = true
	}
	if w != s.width {
		s.vp.SetWidth(max(1, w))
		s.width = w
	}
	if rows != s.height {
		s.vp.SetHeight(max(1, rows))
		s.height = rows
	}
	if !sameLines(lines, s.lines) {
		s.lines = lines
		s.vp.SetContentLines(append([]string(nil), lines...))
	}
}

// sameLines reports whether a and b are the same slice (not just equal).
func sameLines(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// scrollKey moves for a movement key; it reports whether k was one.
func (s *scroller) scrollKey(k tea.KeyPressMsg, km KeyMap, lines []string, w, rows int) bool {
	s.load(lines, w, rows)
	switch {
	case key.Matches(k, km.Up):
		s.vp.ScrollUp(1)
	case key.Matches(k, km.Down):
		s.vp.ScrollDown(1)
	case key.Matches(k, km.PageUp):
		s.vp.PageUp()
	case key.Matches(k, km.PageDown), k.String() == "space":
		s.vp.PageDown()
	case key.Matches(k, km.Home):
		s.vp.GotoTop()
	case key.Matches(k, km.End):
		s.vp.GotoBottom()
	default:
		return false
	}
	return true
}

// wheel scrolls three lines for a mouse wheel event.
func (s *scroller) wheel(m tea.MouseWheelMsg, lines []string, w, rows int) {
	s.load(lines, w, rows)
	switch m.Mouse().Button {
	case tea.MouseWheelUp:
		s.vp.ScrollUp(3)
	case tea.MouseWheelDown:
		s.vp.ScrollDown(3)
	}
}

// offset is the first line shown.
func (s *scroller) offset() int {
	if !s.ready {
		return 0
	}
	return s.vp.YOffset()
}

// window is the lines in view, each cut to w.
func (s *scroller) window(lines []string, w, rows int) []string {
	s.load(lines, w, rows)
	if len(lines) == 0 {
		return nil
	}
	out := strings.Split(s.vp.View(), "\n")
	if n := len(lines) - s.vp.YOffset(); n < len(out) {
		out = out[:max(0, n)]
	}
	return out
}

// indicator says where the view is, "" when all fits.
func (s *scroller) indicator(n, rows int) string {
	if n <= rows {
		return ""
	}
	off := s.offset()
	return fmt.Sprintf("lines %d-%d of %d", off+1, min(n, off+rows), n)
}
