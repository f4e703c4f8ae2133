package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pickerScreen lists the workbook's assessments.
type pickerScreen struct {
	items  []pickItem
	cursor int
	// rows caches the row texts, which change only when the list or the
	// width does, so a key press here formats nothing.
	rows      []string
	rowsWidth int
}

// setItems replaces the list.
func (p *pickerScreen) setItems(items []pickItem) {
	p.items, p.rows = items, nil
	p.cursor = clamp(p.cursor, len(items))
}

// add puts a new assessment at the end of the list.
func (p *pickerScreen) add(it pickItem) {
	p.items, p.rows = append(p.items, it), nil
}

// listTop is the rows above the list: the title and a blank line.
const pickerListTop = 2

func (p *pickerScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case a.move(k, &p.cursor, len(p.items), a.lay.bodyHeight-3):
	case key.Matches(k, a.keys.New):
		if len(p.items) == 0 {
			return a.startNew(nil)
		}
		h := p.items[p.cursor].header
		return a.startNew(&h)
	case key.Matches(k, a.keys.Open) && len(p.items) > 0:
		return p.open(a)
	case key.Matches(k, a.keys.ICS) && len(p.items) > 0:
		a.setStatus("Reading the organisations…", false)
		return a.long("Reading the organisations' scores…", icsCmd(a.longCtx(), a.store))
	case len(p.items) > 0:
		return a.manageKey(k, p.items[p.cursor])
	}
	return nil
}

// open reads the highlighted assessment, unless it is damaged.
func (p *pickerScreen) open(a *App) tea.Cmd {
	if h := p.items[p.cursor].header; h.Unreadable != "" {
		return a.setStatus(oneLine(h.Title())+" cannot be opened: "+oneLine(h.Unreadable)+"; restore it from a backup", true)
	}
	return a.long("Opening "+oneLine(p.items[p.cursor].header.Title())+"…",
		a.openCmd(a.longCtx(), p.items[p.cursor].header.ID))
}

// mouse opens the row clicked.
func (p *pickerScreen) mouse(a *App, m tea.MouseMsg) tea.Cmd {
	switch m := m.(type) {
	case tea.MouseClickMsg:
		h := a.lay.bodyHeight - 4
		start := window(p.cursor, len(p.items), h)
		i := start + m.Mouse().Y - 1 - pickerListTop
		if i >= start && i < len(p.items) && i < start+h {
			p.cursor = i
			return p.open(a)
		}
	case tea.MouseWheelMsg:
		if m.Mouse().Button == tea.MouseWheelUp {
			p.cursor = max(0, p.cursor-1)
		} else {
			p.cursor = min(len(p.items)-1, p.cursor+1)
		}
	}
	return nil
}

func (p *pickerScreen) view(a *App) string {
	st := a.styles
	w := a.lay.width
	lines := []string{st.Title.Render("Assessments in this workbook"), ""}
	if len(p.items) == 0 {
		lines = append(lines, "  None yet: press n to start one.")
	}
	h := a.lay.bodyHeight - 4
	start := window(p.cursor, len(p.items), h)
	if len(p.rows) != len(p.items) || p.rowsWidth != w {
		p.rows, p.rowsWidth = make([]string, len(p.items)), w
	}
	for i := start; i < len(p.items) && i < start+h; i++ {
		row := p.rows[i]
		if row == "" {
			it := p.items[i]
			pct := 0
			if it.total > 0 {
				pct = it.assessed * 100 / it.total
			}
			row = fmt.Sprintf("%s · %s · %s · %d%% assessed (%d/%d)", oneLineMax(it.header.Organisation, w), oneLineMax(it.header.Period, w),
				it.header.Audience.Title(), pct, it.assessed, it.total)
			if it.header.Unreadable != "" {
				// Listed with the others, so one damaged assessment
				// never hides the rest.
				row = fmt.Sprintf("%s · %s · %s · UNREADABLE: %s", oneLineMax(it.header.Organisation, w), oneLineMax(it.header.Period, w),
					it.header.Audience.Title(), oneLineMax(it.header.Unreadable, w))
			}
			row = truncate(row, w-4)
			p.rows[i] = row
		}
		if i == p.cursor {
			lines = append(lines, "› "+st.Selected.Render(row))
		} else {
			lines = append(lines, "  "+row)
		}
	}
	lines = append(lines, "", st.Subtle.Render("  n starts a new assessment"))
	return strings.Join(lines, "\n")
}

func (p *pickerScreen) breadcrumb(*App) []string { return []string{"Assessments"} }

func (p *pickerScreen) keys(a *App) []key.Binding {
	k := a.keys
	return []key.Binding{k.Up, k.Down, k.Open, k.New, k.ICS, hint("r", "rename"), hint("d", "delete"), k.Help, k.Quit}
}
