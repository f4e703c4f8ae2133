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

// hitKind is what a search hit is.
type hitKind int

const (
	hitStatement hitKind = iota
	hitEvidence
	hitAction
)

// searchHit is one thing search can find: a statement, an evidence item or
// an action of the open assessment.
type searchHit struct {
	kind  hitKind
	sid   string
	id    int64
	label string
	// text is everything searched, folded to lower case.
	text string
}

// searchIndex lists what / searches in a, in the order the measures show.
func searchIndex(a *model.Assessment, measures []criteria.Measure) []searchHit {
	var out []searchHit
	fold := func(parts ...string) string { return strings.ToLower(oneLine(strings.Join(parts, " "))) }
	for _, m := range measures {
		for _, s := range m.Statements {
			r := a.Responses[s.ID]
			out = append(out, searchHit{kind: hitStatement, sid: s.ID, label: oneLine(s.ID) + "  " + oneLine(s.Text),
				text: fold(s.ID, s.Text, s.Guidance, r.Rationale)})
			for _, e := range a.Evidence[s.ID] {
				out = append(out, searchHit{kind: hitEvidence, sid: s.ID, id: e.ID, label: oneLine(s.ID) + "  evidence: " + oneLine(e.Title),
					text: fold(e.Title, e.Detail, e.Link, e.AddedBy)})
			}
			for _, x := range a.Actions[s.ID] {
				out = append(out, searchHit{kind: hitAction, sid: s.ID, id: x.ID, label: oneLine(s.ID) + "  action: " + oneLine(x.Title),
					text: fold(x.Title, x.Owner, string(x.Status))})
			}
		}
	}
	return out
}

// search is the / dialog: type words, see the hits, enter jumps to one.
type search struct {
	all    []searchHit
	hits   []searchHit
	input  textEdit
	cursor int
	rows   int
}

// newSearch opens the search over all.
func newSearch(all []searchHit) *search {
	s := &search{all: all, input: newTextEdit(false)}
	s.input.placeholder = "words in a statement, rationale, evidence or action"
	s.input.Focus()
	s.filter()
	return s
}

func (s *search) resize(l layout) {
	s.input.SetWidth(l.dialogText - 2)
	s.rows = max(1, l.dialogRows-2)
}

// filter keeps the hits holding every word typed.
func (s *search) filter() {
	words := strings.Fields(strings.ToLower(s.input.Value()))
	s.hits = s.hits[:0]
	if len(words) > 0 {
		for _, h := range s.all {
			ok := true
			for _, w := range words {
				if !strings.Contains(h.text, w) {
					ok = false
					break
				}
			}
			if ok {
				s.hits = append(s.hits, h)
			}
		}
	}
	s.cursor = clamp(s.cursor, len(s.hits))
}

func (s *search) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, km.Back):
			return actClose{}, nil
		case k.String() == "enter":
			if len(s.hits) > 0 {
				return actJump{hit: s.hits[s.cursor]}, nil
			}
			return nil, nil
		case k.String() == "up", k.String() == "ctrl+p":
			s.cursor = max(0, s.cursor-1)
			return nil, nil
		case k.String() == "down", k.String() == "ctrl+n":
			s.cursor = min(len(s.hits)-1, s.cursor+1)
			return nil, nil
		}
	}
	if s.input.Update(msg) {
		s.filter()
	}
	return nil, nil
}

func (s *search) view(st Styles, l layout) string {
	w := l.dialogText
	lines := []string{st.Title.Render("Search this assessment"), "/ " + s.input.View(st)}
	switch {
	case strings.TrimSpace(s.input.Value()) == "":
		lines = append(lines, st.Subtle.Render("Type to find statements, rationales, evidence and actions."))
	case len(s.hits) == 0:
		lines = append(lines, st.Subtle.Render("Nothing found."))
	default:
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("%d found", len(s.hits))))
	}
	start := window(s.cursor, len(s.hits), s.rows)
	for i := start; i < len(s.hits) && i < start+s.rows; i++ {
		row := ansi.Truncate(s.hits[i].label, w-2, "…")
		if i == s.cursor {
			lines = append(lines, "› "+st.Selected.Render(row))
		} else {
			lines = append(lines, "  "+row)
		}
	}
	return strings.Join(lines, "\n")
}

func (s *search) keys(km KeyMap) []key.Binding {
	return []key.Binding{hint("↑/↓", "choose"), hint("enter", "go to it"), hint("esc", "close")}
}

// jump shows a search hit: its statement, with the item selected.
func (a *App) jump(h searchHit) tea.Cmd {
	if !a.goToStatement(h.sid) {
		return a.setStatus("Cannot find "+oneLine(h.sid)+" any more", true)
	}
	s := a.sc.statement
	switch h.kind {
	case hitEvidence:
		s.pane = paneEvidence
		for i, e := range a.a.Evidence[h.sid] {
			if e.ID == h.id {
				s.evCursor = i
			}
		}
	case hitAction:
		s.pane = paneActions
		for i, x := range a.a.Actions[h.sid] {
			if x.ID == h.id {
				s.acCursor = i
			}
		}
	}
	return nil
}
