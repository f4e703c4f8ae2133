package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/model"
)

// Every store call runs in one of the commands below and comes back as one
// of these typed messages, carrying err; Update applies the result.

// pickItem is one assessment in the picker, with its progress.
type pickItem struct {
	header          model.Header
	assessed, total int
}

// headersMsg is the list of assessments; single is set when there is
// exactly one, loaded ready to open.
type headersMsg struct {
	items  []pickItem
	single *model.Assessment
	// version is the data version read before the list, the live view's
	// baseline when single is opened.
	version int64
	err     error
}

// loadedMsg is an assessment read from the store. reload is set when it
// refreshes the open one; saves is the app's count of its own completed
// saves when the load began.
type loadedMsg struct {
	id      int64 // the assessment asked for
	a       *model.Assessment
	reload  bool
	saves   int
	version int64
	err     error
}

// createdMsg is a newly created assessment, loaded.
type createdMsg struct {
	a   *model.Assessment
	err error
}

// scoreSavedMsg is the result of setting a score.
type scoreSavedMsg struct {
	sid     string
	resp    model.Response
	version int64
	err     error
}

// rationaleSavedMsg is the result of saving a rationale.
type rationaleSavedMsg struct {
	sid     string
	text    string
	resp    model.Response
	version int64
	err     error
}

// tickSavedMsg is the result of ticking or clearing a checklist element.
type tickSavedMsg struct {
	sid     string
	resp    model.Response
	version int64
	err     error
}

// reasonSavedMsg is the result of saving the reason for a score.
type reasonSavedMsg struct {
	sid     string
	text    string
	resp    model.Response
	version int64
	err     error
}

// openedMsg is the result of opening a resource in the browser.
type openedMsg struct {
	title string
	err   error
}

// evidenceSavedMsg is the result of saving evidence.
type evidenceSavedMsg struct {
	e       model.Evidence
	version int64
	err     error
}

// actionSavedMsg is the result of saving an action.
type actionSavedMsg struct {
	x       model.Action
	version int64
	err     error
}

// deletedMsg is the result of deleting evidence or an action.
type deletedMsg struct {
	what    itemKind
	id      int64
	version int64
	err     error
}

// undoneMsg is the result of undoing the user's last change.
type undoneMsg struct {
	change model.Change
	err    error
}

// draftsMsg is the drafts left from an earlier session.
type draftsMsg struct {
	drafts []model.Draft
	err    error
}

// draftSavedMsg is the result of autosaving a draft.
type draftSavedMsg struct{ err error }

// draftTickMsg fires after a pause in typing; seq says which keystroke
// scheduled it, so only the last one saves.
type draftTickMsg struct{ seq int }

// draftDueMsg fires draftEvery after the first change not yet saved as a
// draft, so that steady typing is saved without a pause.
type draftDueMsg struct{}

// pollTickMsg asks for the workbook's data version.
type pollTickMsg struct{}

// versionMsg is the workbook's data version.
type versionMsg struct {
	version int64
	err     error
}

// statusClearMsg clears the status line if nothing newer replaced it.
type statusClearMsg struct{ seq int }

// itemKind tells evidence from actions.
type itemKind int

const (
	kindEvidence itemKind = iota
	kindAction
)

// ctx returns the context of a store call. No fixed deadline cuts a call
// off: on a busy machine a long read finishes late rather than failing
// ("context deadline exceeded" after 15 s was one). The long reads
// (opening, compare, trend) run under App.longCtx instead, so esc can
// cancel them while the status line says what is being read.
func ctx() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// version reads the data version after one of our own writes, so that the
// live view does not reload for it; a failure here only means one extra
// reload, so it is reported as version 0.
func version(s Store) int64 {
	c, cancel := ctx()
	defer cancel()
	v, err := s.DataVersion(c)
	if err != nil {
		return 0
	}
	return v
}

// versionedLister is a store that reads the data version and the list of
// assessments together (data.Store.AssessmentsAt), on the connection the
// version is read on.
type versionedLister interface {
	AssessmentsAt(ctx context.Context) (int64, []model.Header, error)
}

// listAt reads the data version, then the list of assessments: together
// where the store can, so the app's first list needs no connection of its
// own. A version that cannot be read is 0, as in version.
func listAt(c context.Context, s Store) (int64, []model.Header, error) {
	if vl, ok := s.(versionedLister); ok {
		return vl.AssessmentsAt(c)
	}
	v := version(s)
	hs, err := s.Assessments(c)
	return v, hs, err
}

// loadHeadersCmd lists the assessments with their progress, which the store
// counts without loading them; when there is only one, it is loaded too so
// that it opens straight away.
func loadHeadersCmd(s Store) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		v, hs, err := listAt(c, s)
		if err != nil {
			return headersMsg{err: fmt.Errorf("list assessments: %w", err)}
		}
		msg := headersMsg{version: v}
		for _, h := range hs {
			msg.items = append(msg.items, pickItem{header: h, assessed: h.Assessed, total: h.Statements})
		}
		if len(hs) == 1 {
			if msg.single, err = s.AssessmentOverview(c, hs[0].ID, ""); err != nil {
				return headersMsg{err: fmt.Errorf("read assessment %d: %w", hs[0].ID, err)}
			}
		}
		return msg
	}
}

// loadCmd reads assessment id for the screens: its scores and counts, and
// the items of statement sid (the one on screen, or "") with them. Opening
// reads without the action counts, which come after the overview shows
// (countsCmd); a reload, which runs behind the screen already showing,
// reads them at once so the figures never blank. c is cancelled by esc
// while opening (App.longCtx).
func loadCmd(c context.Context, s Store, id int64, reload bool, saves int, sid string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		v := version(s) // read first: a change after it triggers another reload
		var a *model.Assessment
		var err error
		if reload {
			a, err = s.AssessmentSummary(c, id, now, sid)
		} else {
			a, err = s.AssessmentOverview(c, id, sid)
		}
		if err != nil {
			return loadedMsg{id: id, reload: reload, err: fmt.Errorf("read assessment: %w", err)}
		}
		return loadedMsg{id: id, a: a, reload: reload, saves: saves, version: v}
	}
}

// createCmd creates an assessment with the given criteria and loads it.
func createCmd(s Store, h model.Header, criteriaTOML []byte) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		nh, err := s.CreateAssessment(c, h, criteriaTOML)
		if err != nil {
			return createdMsg{err: fmt.Errorf("create assessment: %w", err)}
		}
		a, err := s.AssessmentSummary(c, nh.ID, time.Now(), "")
		if err != nil {
			return createdMsg{err: fmt.Errorf("read new assessment: %w", err)}
		}
		return createdMsg{a: a}
	}
}

// scoreCmd sets a statement's score.
func scoreCmd(s Store, aid int64, sid string, score model.Score) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		r, err := s.SetScore(c, aid, sid, score)
		if err != nil {
			return scoreSavedMsg{sid: sid, err: fmt.Errorf("save score of %s: %w", sid, err)}
		}
		return scoreSavedMsg{sid: sid, resp: r, version: version(s)}
	}
}

// tickCmd ticks (on) or clears element element of level level of a
// statement's checklist.
func tickCmd(s Store, aid int64, sid string, level, element int, on bool) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		r, err := s.SetTick(c, aid, sid, level, element, on)
		if err != nil {
			return tickSavedMsg{sid: sid, err: fmt.Errorf("tick the checklist of %s: %w", sid, err)}
		}
		return tickSavedMsg{sid: sid, resp: r, version: version(s)}
	}
}

// reasonCmd saves the reason for a statement's score against base.
func reasonCmd(s Store, aid int64, sid, text string, base int64) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		r, err := s.SetScoreReason(c, aid, sid, text, base)
		if err != nil {
			return reasonSavedMsg{sid: sid, text: text, err: fmt.Errorf("save the reason for %s's score: %w", sid, err)}
		}
		return reasonSavedMsg{sid: sid, text: text, resp: r, version: version(s)}
	}
}

// openURLCmd opens a resource's address with open, after checking it is
// a plain web address (the criteria may come from anyone's workbook).
func openURLCmd(open func(string) error, title, url string) tea.Cmd {
	return func() tea.Msg {
		// A refused address is not echoed: it may carry anything.
		if err := criteria.CheckURL(url); err != nil {
			return openedMsg{title: title, err: fmt.Errorf("open %s: its address does not start with https:// or is not a plain web address, so it was not opened", title)}
		}
		if open == nil {
			return openedMsg{title: title, err: fmt.Errorf("open %s: no browser is available here; the address is %s", title, oneLine(url))}
		}
		if err := open(url); err != nil {
			return openedMsg{title: title, err: fmt.Errorf("open %s: %v; the address is %s", title, oneLine(err.Error()), oneLine(url))}
		}
		return openedMsg{title: title}
	}
}

// rationaleCmd saves a rationale written against base version base.
func rationaleCmd(s Store, aid int64, sid, text string, base int64) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		r, err := s.SetRationale(c, aid, sid, text, base)
		if err != nil {
			return rationaleSavedMsg{sid: sid, text: text, err: fmt.Errorf("save rationale of %s: %w", sid, err)}
		}
		return rationaleSavedMsg{sid: sid, text: text, resp: r, version: version(s)}
	}
}

// evidenceCmd saves evidence.
func evidenceCmd(s Store, aid int64, e model.Evidence) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		saved, err := s.SaveEvidence(c, aid, e)
		if err != nil {
			return evidenceSavedMsg{e: e, err: fmt.Errorf("save evidence: %w", err)}
		}
		return evidenceSavedMsg{e: saved, version: version(s)}
	}
}

// actionCmd saves an action.
func actionCmd(s Store, aid int64, x model.Action) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		saved, err := s.SaveAction(c, aid, x)
		if err != nil {
			return actionSavedMsg{x: x, err: fmt.Errorf("save action: %w", err)}
		}
		return actionSavedMsg{x: saved, version: version(s)}
	}
}

// deleteCmd deletes evidence or an action.
func deleteCmd(s Store, aid int64, what itemKind, id int64) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		var err error
		if what == kindEvidence {
			err = s.DeleteEvidence(c, aid, id)
		} else {
			err = s.DeleteAction(c, aid, id)
		}
		if err != nil {
			return deletedMsg{what: what, id: id, err: fmt.Errorf("delete %s %d: %w", what, id, err)}
		}
		return deletedMsg{what: what, id: id, version: version(s)}
	}
}

// String names the kind for messages.
func (k itemKind) String() string {
	if k == kindEvidence {
		return "evidence"
	}
	return "action"
}

// undoCmd undoes the user's last change.
func undoCmd(s Store) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		ch, err := s.Undo(c)
		if err != nil {
			return undoneMsg{err: fmt.Errorf("undo: %w", err)}
		}
		return undoneMsg{change: ch}
	}
}

// draftsCmd reads drafts left from an earlier session.
func draftsCmd(s Store) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		ds, err := s.Drafts(c)
		if err != nil {
			return draftsMsg{err: fmt.Errorf("read drafts: %w", err)}
		}
		return draftsMsg{drafts: ds}
	}
}

// saveDraftCmd autosaves a draft.
func saveDraftCmd(s Store, d model.Draft) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		if err := s.SaveDraft(c, d); err != nil {
			return draftSavedMsg{err: fmt.Errorf("autosave draft: %w", err)}
		}
		return draftSavedMsg{}
	}
}

// discardDraftCmd drops a draft that is no longer needed.
func discardDraftCmd(s Store, k string) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		if err := s.DiscardDraft(c, k); err != nil {
			return draftSavedMsg{err: fmt.Errorf("discard draft: %w", err)}
		}
		return draftSavedMsg{}
	}
}

// itemsMsg is one statement's evidence and actions, read when its screen
// opens.
type itemsMsg struct {
	aid  int64
	sid  string
	ev   []model.Evidence
	acts []model.Action
	err  error
}

// itemsCmd reads statement sid's evidence and actions.
func itemsCmd(s Store, aid int64, sid string) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		ev, acts, err := s.StatementItems(c, aid, sid)
		if err != nil {
			return itemsMsg{aid: aid, sid: sid, err: fmt.Errorf("read the evidence and actions of %s: %w", sid, err)}
		}
		return itemsMsg{aid: aid, sid: sid, ev: ev, acts: acts}
	}
}

// countsMsg is the action counts and stale evidence candidates of an
// assessment opened without them.
type countsMsg struct {
	aid    int64
	counts map[string]model.ItemCounts
	stale  []model.Evidence
	now    time.Time
	err    error
}

// countsCmd counts assessment aid's actions per statement.
func countsCmd(c context.Context, s Store, aid int64, now time.Time) tea.Cmd {
	return func() tea.Msg {
		counts, err := s.ActionCounts(c, aid, now)
		if err != nil {
			return countsMsg{aid: aid, err: fmt.Errorf("count the actions: %w", err)}
		}
		stale, err := s.StaleItems(c, aid)
		if err != nil {
			return countsMsg{aid: aid, err: fmt.Errorf("read the evidence due for review: %w", err)}
		}
		return countsMsg{aid: aid, counts: counts, stale: stale, now: now}
	}
}

// versionCmd reads the workbook's data version.
func versionCmd(s Store) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		v, err := s.DataVersion(c)
		if err != nil {
			return versionMsg{err: fmt.Errorf("check for changes: %w", err)}
		}
		return versionMsg{version: v}
	}
}
