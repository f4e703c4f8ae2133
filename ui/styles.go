package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// palette is the handful of semantic colours every style is built from.
type palette struct {
	primary, subtle, text, errc, warn, ok color.Color
	// score holds the cell background for levels 1 to 5 (index 1..5) and
	// scoreFg the text drawn on it.
	score   [6]color.Color
	scoreFg [6]color.Color
}

// newPalette picks colours readable on a light or dark background.
func newPalette(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	black, white := lipgloss.Color("#000000"), lipgloss.Color("#ffffff")
	return palette{
		primary: ld(lipgloss.Color("#005eb8"), lipgloss.Color("#41b6e6")), // NHS blue
		subtle:  ld(lipgloss.Color("#6b6b6b"), lipgloss.Color("#9a9a9a")),
		text:    ld(lipgloss.Color("#1a1a1a"), lipgloss.Color("#eeeeee")),
		errc:    ld(lipgloss.Color("#c0112b"), lipgloss.Color("#ff6b6b")),
		warn:    ld(lipgloss.Color("#9a5b00"), lipgloss.Color("#ffb347")),
		ok:      ld(lipgloss.Color("#007f3b"), lipgloss.Color("#5fd38d")),
		score: [6]color.Color{nil,
			lipgloss.Color("#d73027"), lipgloss.Color("#fc8d59"), lipgloss.Color("#fee08b"),
			lipgloss.Color("#91cf60"), lipgloss.Color("#1a9850")},
		scoreFg: [6]color.Color{nil, white, black, black, black, white},
	}
}

// Styles is every style the app draws with. Build it with newStyles; with
// colour off it uses only bold, faint, underline and reverse, so the screen
// stays readable under NO_COLOR.
type Styles struct {
	color  bool
	isDark bool

	Breadcrumb lipgloss.Style
	Title      lipgloss.Style
	Subtle     lipgloss.Style
	Label      lipgloss.Style
	Help       lipgloss.Style
	HelpKey    lipgloss.Style
	Status     lipgloss.Style
	StatusErr  lipgloss.Style
	Selected   lipgloss.Style
	PaneOn     lipgloss.Style
	PaneOff    lipgloss.Style
	Current    lipgloss.Style
	Overdue    lipgloss.Style
	Error      lipgloss.Style
	Dialog     lipgloss.Style
	// Up and Down mark a score or mean that rose or fell; the ▲ and ▼
	// glyphs beside them carry the meaning without colour.
	Up   lipgloss.Style
	Down lipgloss.Style
	// Cursor is the editors' cursor cell.
	Cursor lipgloss.Style

	// Cell styles a heatmap cell by score; index 0 is not assessed.
	Cell [6]lipgloss.Style
	// CellCursor marks cells in the highlighted row when colour is off.
	CellCursor lipgloss.Style
}

// newStyles builds the styles for a light or dark background, with or
// without colour.
func newStyles(isDark, useColor bool) Styles {
	st := Styles{color: useColor, isDark: isDark}
	base := lipgloss.NewStyle()
	st.Title = base.Bold(true)
	st.Label = base.Bold(true)
	st.Subtle = base.Faint(true)
	st.Help = base.Faint(true)
	st.HelpKey = base.Bold(true)
	st.Status = base.Bold(true)
	st.StatusErr = base.Bold(true)
	st.Selected = base.Reverse(true)
	st.PaneOn = base.Bold(true)
	st.PaneOff = base.Faint(true)
	st.Current = base.Bold(true).Reverse(true)
	st.Overdue = base.Bold(true)
	st.Error = base.Bold(true)
	st.Breadcrumb = base.Bold(true)
	st.Dialog = base.Border(lipgloss.RoundedBorder()).Padding(0, 1)
	st.CellCursor = base.Bold(true)
	st.Cursor = base.Reverse(true)
	st.Up = base.Bold(true)
	st.Down = base.Bold(true)
	for i := range st.Cell {
		st.Cell[i] = base
	}
	st.Cell[0] = base.Faint(true)
	if !useColor {
		return st
	}
	p := newPalette(isDark)
	st.Title = st.Title.Foreground(p.primary)
	st.Breadcrumb = st.Breadcrumb.Foreground(p.primary)
	st.Subtle = base.Foreground(p.subtle)
	st.Help = base.Foreground(p.subtle)
	st.HelpKey = st.HelpKey.Foreground(p.primary)
	st.Status = st.Status.Foreground(p.ok)
	st.StatusErr = st.StatusErr.Foreground(p.errc)
	st.Error = st.Error.Foreground(p.errc)
	st.Overdue = st.Overdue.Foreground(p.warn)
	st.Selected = base.Reverse(true)
	st.PaneOn = st.PaneOn.Foreground(p.primary)
	st.PaneOff = base.Foreground(p.subtle)
	st.Dialog = st.Dialog.BorderForeground(p.primary)
	st.Up = st.Up.Foreground(p.ok)
	st.Down = st.Down.Foreground(p.errc)
	st.Cell[0] = base.Foreground(p.subtle)
	for i := 1; i <= 5; i++ {
		st.Cell[i] = base.Bold(true).Background(p.score[i]).Foreground(p.scoreFg[i])
	}
	return st
}

// cellStyle is the style of a heatmap cell for score n (levels above 5, from
// a custom scale, share level 5's colour).
func (st Styles) cellStyle(n int) lipgloss.Style {
	switch {
	case n <= 0:
		return st.Cell[0]
	case n > 5:
		return st.Cell[5]
	}
	return st.Cell[n]
}
