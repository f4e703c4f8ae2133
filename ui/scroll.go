package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// scroller is an offset into lines of text longer than the rows shown:
// the notice, help and item dialogs and the report screens share it.
type scroller struct {
	offset int
}

// scrollKey moves the offset for a movement key over n lines with rows in
// view; it reports whether k was a movement key.
func (s *scroller) scrollKey(k tea.KeyPressMsg, km KeyMap, n, rows int) bool {
	switch {
	case key.Matches(k, km.Up):
		s.offset--
	case key.Matches(k, km.Down):
		s.offset++
	case key.Matches(k, km.PageUp):
		s.offset -= rows
	case key.Matches(k, km.PageDown), k.String() == "space":
		s.offset += rows
	case key.Matches(k, km.Home):
		s.offset = 0
	case key.Matches(k, km.End):
		s.offset = n
	default:
		return false
	}
	s.clamp(n, rows)
	return true
}

// wheel scrolls three lines for a mouse wheel event.
func (s *scroller) wheel(m tea.MouseWheelMsg, n, rows int) {
	switch m.Mouse().Button {
	case tea.MouseWheelUp:
		s.offset -= 3
	case tea.MouseWheelDown:
		s.offset += 3
	}
	s.clamp(n, rows)
}

// clamp keeps the offset inside n lines with rows in view.
func (s *scroller) clamp(n, rows int) {
	s.offset = max(0, min(s.offset, n-rows))
}

// window is the lines in view.
func (s *scroller) window(lines []string, rows int) []string {
	s.clamp(len(lines), rows)
	return lines[s.offset:min(len(lines), s.offset+rows)]
}

// indicator says where the view is in lines n long, "" when all fit.
func (s *scroller) indicator(n, rows int) string {
	if n <= rows {
		return ""
	}
	end := min(n, s.offset+rows)
	return fmt.Sprintf("lines %d-%d of %d", s.offset+1, end, n)
}
