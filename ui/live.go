package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// This file keeps the app in step with the workbook while it is shared:
// drafts autosaved while typing and offered back on the next start, a poll
// of the data version that reloads when someone else commits, and undo.

// rationaleKey is the draft key of the rationale of statement sid.
func (a *App) rationaleKey(sid string) string {
	return fmt.Sprintf("rationale/%d/%s", a.a.ID, sid)
}

// itemDraftKey is the draft key of an evidence or action form (id 0 for a
// new item).
func (a *App) itemDraftKey(what itemKind, sid string, id int64) string {
	ref := "new"
	if id != 0 {
		ref = strconv.FormatInt(id, 10)
	}
	return fmt.Sprintf("%s/%d/%s/%s", what, a.a.ID, sid, ref)
}

// currentDraft is the draft of whatever is being edited, if anything: a
// drafted form anywhere in the stack (a confirm may sit on it), else the
// rationale editor.
func (a *App) currentDraft() (model.Draft, bool) {
	if a.a == nil {
		return model.Draft{}, false
	}
	if f := a.findForm(); f != nil && f.kind.drafted() {
		label := "Evidence for " + f.statementID
		if f.kind == formAction {
			label = "Action for " + f.statementID
		}
		return model.Draft{Key: f.draftKey, AssessmentID: a.a.ID, User: a.store.User(), Label: label, Text: f.draftText(), SavedAt: a.now()}, true
	}
	if s := a.sc.statement; s.ed.active {
		return model.Draft{Key: a.rationaleKey(s.ed.sid), AssessmentID: a.a.ID, User: a.store.User(),
			Label: "Rationale for " + s.ed.sid, Text: s.ta.Value(), SavedAt: a.now()}, true
	}
	return model.Draft{}, false
}

// typed is called after every change to an editor's text: it schedules a
// draft save for when typing pauses (draftAfter) and, while typing goes
// on, one draftEvery after the first unsaved change, so steady typing is
// saved at least that often.
func (a *App) typed() tea.Cmd {
	a.draftSeq++
	cmds := []tea.Cmd{a.after(draftAfter, draftTickMsg{seq: a.draftSeq})}
	if !a.draftDue {
		a.draftDue = true
		cmds = append(cmds, a.after(draftEvery, draftDueMsg{}))
	}
	return tea.Batch(cmds...)
}

// saveDraftNow saves the current editor's text as a draft at once.
func (a *App) saveDraftNow() tea.Cmd {
	d, ok := a.currentDraft()
	if !ok {
		return nil
	}
	a.draftSavedText = d.Text
	return saveDraftCmd(a.store, d)
}

// syncPending publishes what is being typed for FlushDraft, which may run
// on another goroutine (a signal handler) while Update is busy or gone.
func (a *App) syncPending() {
	d, ok := a.currentDraft()
	ok = ok && a.editChanged()
	a.pendingMu.Lock()
	defer a.pendingMu.Unlock()
	if !ok {
		a.pending = nil
		return
	}
	a.pending = &d
}

// editChanged reports whether what is being edited differs from what it
// was opened with: an untouched form or rationale needs no draft.
func (a *App) editChanged() bool {
	if f := a.findForm(); f != nil && f.kind.drafted() {
		return f.changed()
	}
	s := a.sc.statement
	return s.ed.active && (s.ta.Value() != s.ed.original || s.ed.conflict != nil)
}

// FlushDraft writes the draft of whatever is being typed to the workbook
// at once and waits for it. It is safe to call from any goroutine, also
// after the program has stopped: the caller calls it when the process gets
// SIGHUP or SIGTERM, and after the program ends. Nothing being typed means
// nothing to write.
func (a *App) FlushDraft(ctx context.Context) error {
	a.pendingMu.Lock()
	defer a.pendingMu.Unlock()
	if a.pending == nil || a.pending.Text == a.flushed {
		return nil
	}
	if err := a.store.SaveDraft(ctx, *a.pending); err != nil {
		return fmt.Errorf("save the draft of %s: %w", a.pending.Label, err)
	}
	a.flushed = a.pending.Text
	return nil
}

// quit ends the app once what is being typed is safe as a draft; if the
// draft cannot be written (a full disk, say) it warns and offers to stay.
func (a *App) quit() tea.Cmd {
	if a.working != nil {
		a.push(a.quitWorking())
		return nil
	}
	a.syncPending()
	c, cancel := ctx()
	defer cancel()
	if err := a.FlushDraft(c); err != nil {
		a.push(newQuitWarning(err))
		return nil
	}
	return tea.Quit
}

// handleLive applies drafts, poll and undo messages; ok is false for other
// messages.
func (a *App) handleLive(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case draftTickMsg:
		if msg.seq != a.draftSeq {
			return nil, true
		}
		if d, ok := a.currentDraft(); ok && d.Text != a.draftSavedText {
			return a.saveDraftNow(), true
		}
		return nil, true
	case draftDueMsg:
		a.draftDue = false
		if d, ok := a.currentDraft(); ok && d.Text != a.draftSavedText {
			return a.saveDraftNow(), true
		}
		return nil, true
	case draftSavedMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		return nil, true
	case draftsMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.drafts = msg.drafts
		return a.offerDrafts(), true
	case pollTickMsg:
		return versionCmd(a.store), true
	case versionMsg:
		next := a.after(pollEvery, pollTickMsg{})
		if msg.err != nil {
			return next, true
		}
		if a.lastVersion == 0 {
			a.lastVersion = msg.version
			return next, true
		}
		if msg.version == a.lastVersion {
			return next, true
		}
		a.lastVersion = msg.version
		return tea.Batch(next, a.reload()), true
	case undoneMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		return tea.Batch(a.setStatus("Undid "+describeChange(msg.change), false), a.reload()), true
	}
	return nil, false
}

// reload rereads the open assessment (or the picker's list) after a change
// made elsewhere or an undo.
func (a *App) reload() tea.Cmd {
	switch {
	case a.screen == screenPicker:
		return loadHeadersCmd(a.store)
	case a.a != nil && !a.reloading:
		a.reloading = true
		return loadCmd(context.Background(), a.store, a.a.ID, true, a.saves, a.loadedStatement(), a.now())
	}
	return nil
}

// offerDrafts opens the restore dialog for the next draft of the open
// assessment, if there is one and nothing else is open.
func (a *App) offerDrafts() tea.Cmd {
	if a.a == nil || len(a.dialogs) > 0 || a.sc.statement.ed.active {
		return nil
	}
	for i, d := range a.drafts {
		if d.AssessmentID == a.a.ID {
			a.drafts = append(a.drafts[:i:i], a.drafts[i+1:]...)
			a.push(&draftOffer{d: d})
			return nil
		}
	}
	return nil
}

// restoreDraft opens the editor or form the draft came from, with its text.
func (a *App) restoreDraft(d model.Draft) tea.Cmd {
	parts := strings.Split(d.Key, "/")
	if len(parts) < 3 || !a.goToStatement(parts[2]) {
		return a.setStatus("Cannot restore draft "+oneLine(d.Key)+": its statement is not in this assessment", true)
	}
	s := a.sc.statement
	switch {
	case parts[0] == "rationale":
		cmd := s.startEditing(a, a.a.Responses[parts[2]].Rationale)
		s.ta.SetValue(Sanitize(d.Text))
		return tea.Batch(cmd, a.setStatus("Restored draft: "+oneLine(d.Label)+" (esc saves it)", false))
	case (parts[0] == "evidence" || parts[0] == "action") && len(parts) == 4:
		id, _ := strconv.ParseInt(parts[3], 10, 64)
		if parts[0] == "evidence" {
			s.pane = paneEvidence
			e := model.Evidence{}
			for _, x := range a.a.Evidence[parts[2]] {
				if x.ID == id {
					e = x
				}
			}
			s.openEvidenceForm(a, e)
		} else {
			s.pane = paneActions
			x := model.Action{}
			for _, y := range a.a.Actions[parts[2]] {
				if y.ID == id {
					x = y
				}
			}
			s.openActionForm(a, x)
		}
		f := a.topForm()
		f.draftKey = d.Key
		if err := f.restore(d.Text); err != nil {
			return a.fail(err)
		}
		return a.setStatus("Restored draft: "+oneLine(d.Label)+" (ctrl+s saves it)", false)
	}
	return a.setStatus("Cannot restore draft "+oneLine(d.Key)+": unknown kind", true)
}

// goToStatement shows statement sid of the open assessment.
func (a *App) goToStatement(sid string) bool {
	for i, m := range a.measures {
		for j, s := range m.Statements {
			if s.ID == sid {
				a.measureIdx, a.stmtIdx = i, j
				a.screen = screenStatement
				a.sc.statement.enter(a)
				return true
			}
		}
	}
	return false
}
