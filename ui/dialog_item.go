package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// itemView is a read-only view of one evidence item or action with its
// whole text, for reading what a list row cuts short. enter (or e) edits
// it, o opens its link.
type itemView struct {
	what  itemKind
	id    int64
	title string
	// fields are label and value pairs, values sanitised when drawn.
	fields [][2]string
	link   string
	scroll scroller
	lines  []string
	width  int
	rows   int
}

// newEvidenceView shows e in full.
func newEvidenceView(e model.Evidence) *itemView {
	v := &itemView{what: kindEvidence, id: e.ID, title: fmt.Sprintf("Evidence %d · %s", e.ID, oneLine(e.StatementID))}
	if _, web := webLink(e.Link); web {
		v.link = e.Link
	}
	v.add("Title", e.Title)
	if e.NeedsReview {
		v.add("Review", "carried forward from last period: check it still holds")
	}
	v.add("Link or ref", e.Link)
	v.add("Added by", e.AddedBy)
	v.add("Detail", e.Detail)
	return v
}

// newActionView shows x in full; now dates lateness.
func newActionView(x model.Action, now func() string, late int) *itemView {
	v := &itemView{what: kindAction, id: x.ID, title: fmt.Sprintf("Action %d · %s", x.ID, oneLine(x.StatementID))}
	v.add("Title", x.Title)
	v.add("Owner", x.Owner)
	due := ""
	if !x.Due.IsZero() {
		due = model.FormatDate(x.Due)
		if late > 0 {
			due += fmt.Sprintf(" (%d days late on %s)", late, now())
		}
	}
	v.add("Due", due)
	v.add("Status", string(x.Status))
	v.add("Priority", string(x.Priority))
	return v
}

// add puts a field in the view unless it is empty.
func (v *itemView) add(label, value string) {
	if strings.TrimSpace(value) != "" {
		v.fields = append(v.fields, [2]string{label, value})
	}
}

func (v *itemView) resize(l layout) {
	if v.width != l.dialogText {
		v.width, v.lines = l.dialogText, nil
	}
	v.rows = l.dialogRows
}

// text lays the fields out: each label on its own line, its value wrapped
// under it.
func (v *itemView) text(st Styles) []string {
	if v.lines != nil {
		return v.lines
	}
	for i, f := range v.fields {
		if i > 0 {
			v.lines = append(v.lines, "")
		}
		v.lines = append(v.lines, st.Label.Render(f[0]))
		for _, l := range wrapLines(Sanitize(f[1]), v.width-2, 0) {
			v.lines = append(v.lines, "  "+l)
		}
	}
	return v.lines
}

func (v *itemView) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, km.Back), key.Matches(msg, km.Quit):
			return actClose{}, nil
		case key.Matches(msg, km.Edit), msg.String() == "e":
			return actEditItem{what: v.what, id: v.id}, nil
		case key.Matches(msg, km.OpenLink) && v.link != "":
			return actOpenLink{url: v.link}, nil
		}
		v.scroll.scrollKey(msg, km, v.lines, v.width, v.rows)
	case tea.MouseWheelMsg:
		v.scroll.wheel(msg, v.lines, v.width, v.rows)
	}
	return nil, nil
}

func (v *itemView) view(st Styles, l layout) string {
	v.resize(l)
	all := v.text(st)
	lines := []string{st.Title.Render(ansi.Truncate(v.title, l.dialogText, "…")), ""}
	lines = append(lines, v.scroll.window(all, v.width, v.rows)...)
	hint := "enter edit · esc close"
	if v.link != "" {
		hint = "o open link · " + hint
	}
	if ind := v.scroll.indicator(len(all), v.rows); ind != "" {
		hint = ind + " · ↑/↓ scroll · " + hint
	}
	lines = append(lines, "", st.Help.Render(ansi.Truncate(hint, l.dialogText, "…")))
	return strings.Join(lines, "\n")
}

func (v *itemView) keys(km KeyMap) []key.Binding {
	bs := []key.Binding{hint("enter", "edit")}
	if v.link != "" {
		bs = append(bs, km.OpenLink)
	}
	return append(bs, km.Up, km.Down, hint("esc", "close"))
}
