package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// hitKind is what a search hit is.
type hitKind int

const (
	hitStatement hitKind = iota
	hitEvidence
	hitAction
)

// searchHit is one thing search found: a statement, an evidence item or
// an action of the open assessment, with its label sanitised.
type searchHit struct {
	kind  hitKind
	sid   string
	id    int64
	label string
}

// searchLimit is the most hits the dialog lists: a screenful many times
// over. The count line says how many more there are, and more words narrow
// them.
const searchLimit = 200

// searchDelay is how long a search waits for the next keystroke before it
// reads the file: typing a word starts one search, not one per letter,
// each of which reads every item of the assessment (about 0.6 s of CPU on
// the xl demo) on a connection of its own. Tests set it to 0.
var searchDelay = 150 * time.Millisecond

// search is the / dialog: type words, see the hits, enter jumps to one.
// The hits are found by the store as you type (Store.Search, in SQL), a
// moment after the last keystroke, each keystroke cancelling the search
// before it, so nothing is read whole and Update never waits: the last
// hits stay on screen until the new ones come.
type search struct {
	store Store
	aid   int64
	// stmts are the statements searched, with their text folded, and
	// labels their rows, both taken when the dialog opened (the search runs
	// away from Update, which must not share the assessment with it).
	stmts  []model.SearchStatement
	labels map[string]string

	hits   []searchHit
	total  int
	input  textEdit
	cursor int
	rows   int
	// seq numbers the searches; a result for an older one is dropped.
	seq    int
	cancel context.CancelFunc
	// busy is set while the search for the text typed is running; err is
	// why the last one failed.
	busy bool
	err  string
}

// searchMsg is the result of search number seq.
type searchMsg struct {
	seq int
	res model.SearchResult
	err error
}

// newSearch opens the search over the open assessment, whose statements
// (text, guidance, rationale) are searched from memory and whose evidence
// and actions are searched by the store.
func (a *App) newSearch() *search {
	s := &search{store: a.store, aid: a.a.ID, input: newTextEdit(false), labels: map[string]string{}}
	fold := func(parts ...string) string { return strings.ToLower(oneLine(strings.Join(parts, " "))) }
	for _, m := range a.measures {
		for _, st := range m.Statements {
			s.stmts = append(s.stmts, model.SearchStatement{ID: st.ID,
				Text: fold(st.ID, st.Text, st.Guidance, a.a.Responses[st.ID].Rationale)})
			s.labels[st.ID] = oneLine(st.ID) + "  " + oneLine(st.Text)
		}
	}
	s.input.placeholder = "words in a statement, rationale, evidence or action"
	s.input.Focus()
	return s
}

// openSearch opens the / dialog.
func (a *App) openSearch() tea.Cmd {
	a.push(a.newSearch())
	return nil
}

func (s *search) resize(l layout) {
	s.input.SetWidth(l.dialogText - 2)
	s.rows = max(1, l.dialogRows-2)
}

// start searches for the text typed, cancelling the search before.
func (s *search) start() tea.Cmd {
	s.stop()
	s.seq++
	s.err = ""
	words := model.SearchWords(s.input.Value())
	if len(words) == 0 {
		s.hits, s.total, s.cursor, s.busy = nil, 0, 0, false
		return nil
	}
	c, cancel := context.WithCancel(context.Background())
	s.cancel, s.busy = cancel, true
	q := model.SearchQuery{AssessmentID: s.aid, Words: words, Statements: s.stmts, Limit: searchLimit}
	seq, st := s.seq, s.store
	return func() tea.Msg {
		if searchDelay > 0 {
			t := time.NewTimer(searchDelay)
			defer t.Stop()
			select {
			case <-t.C:
			case <-c.Done():
				return searchMsg{seq: seq, err: c.Err()}
			}
		}
		res, err := st.Search(c, q)
		return searchMsg{seq: seq, res: res, err: err}
	}
}

// stop cancels the search running, if any.
func (s *search) stop() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// apply shows the hits of the latest search.
func (s *search) apply(msg searchMsg) {
	if msg.seq != s.seq {
		return
	}
	s.stop()
	s.busy = false
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			s.err = oneLine(msg.err.Error())
		}
		return
	}
	s.hits = s.hits[:0]
	for _, h := range msg.res.Hits {
		hit := searchHit{sid: h.StatementID, id: h.ID}
		switch h.Kind {
		case model.HitStatement:
			hit.kind, hit.label = hitStatement, s.labels[h.StatementID]
		case model.HitEvidence:
			hit.kind, hit.label = hitEvidence, oneLine(h.StatementID)+"  evidence: "+oneLine(h.Title)
		case model.HitAction:
			hit.kind, hit.label = hitAction, oneLine(h.StatementID)+"  action: "+oneLine(h.Title)
		}
		s.hits = append(s.hits, hit)
	}
	s.total = msg.res.Total
	s.cursor = clamp(s.cursor, len(s.hits))
}

// applySearch gives a search's result to the search dialog, if it is
// still open.
func (a *App) applySearch(msg searchMsg) tea.Cmd {
	for _, d := range a.dialogs {
		if s, ok := d.(*search); ok {
			s.apply(msg)
		}
	}
	return nil
}

func (s *search) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, km.Back):
			s.stop()
			return actClose{}, nil
		case k.String() == "enter":
			if len(s.hits) > 0 {
				s.stop()
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
		return nil, s.start()
	}
	return nil, nil
}

func (s *search) view(st Styles, l layout) string {
	w := l.dialogText
	lines := []string{st.Title.Render("Search this assessment"), "/ " + s.input.View(st)}
	switch {
	case strings.TrimSpace(s.input.Value()) == "":
		lines = append(lines, st.Subtle.Render("Type to find statements, rationales, evidence and actions."))
	case s.err != "":
		lines = append(lines, st.Error.Render(ansi.Truncate("Cannot search: "+s.err, w, "…")))
	case s.busy && len(s.hits) == 0:
		lines = append(lines, st.Subtle.Render("Searching…"))
	case len(s.hits) == 0:
		lines = append(lines, st.Subtle.Render("Nothing found."))
	default:
		count := fmt.Sprintf("%d found", s.total)
		if s.total > len(s.hits) {
			count = fmt.Sprintf("%d found; the first %d shown (more words narrow them)", s.total, len(s.hits))
		}
		if s.busy {
			count += " · searching…"
		}
		lines = append(lines, st.Subtle.Render(ansi.Truncate(count, w, "…")))
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

// jump shows a search hit: its statement, with the item selected. The
// statement's items may not be read yet; the screen selects the item when
// they come (statementScreen.want).
func (a *App) jump(h searchHit) tea.Cmd {
	if !a.goToStatement(h.sid) {
		return a.setStatus("Cannot find "+oneLine(h.sid)+" any more", true)
	}
	s := a.sc.statement
	switch h.kind {
	case hitEvidence:
		s.pane = paneEvidence
	case hitAction:
		s.pane = paneActions
	}
	s.want = h
	s.selectWanted(a)
	return nil
}

// selectWanted puts the cursor on the item a search jumped to, once the
// statement's items are loaded.
func (s *statementScreen) selectWanted(a *App) {
	h := s.want
	if h.id == 0 || h.sid != a.curStatementID() || !a.a.ItemsLoaded(h.sid) {
		return
	}
	s.want = searchHit{}
	switch h.kind {
	case hitEvidence:
		for i, e := range a.a.Evidence[h.sid] {
			if e.ID == h.id {
				s.evCursor = i
			}
		}
	case hitAction:
		for i, x := range a.a.Actions[h.sid] {
			if x.ID == h.id {
				s.acCursor = i
			}
		}
	}
}
