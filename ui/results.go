package ui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// handleResult applies a store result; ok is false for other messages.
func (a *App) handleResult(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case headersMsg:
		a.listed = true
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.sc.picker.setItems(msg.items)
		switch {
		case a.screen == screenPicker:
		case len(msg.items) == 0:
			if a.screen != screenSetup {
				a.openSetup()
			}
		case msg.single != nil && a.screen == screenLoading:
			if msg.version != 0 {
				a.lastVersion = msg.version
			}
			return a.open(msg.single), true
		default:
			a.screen = screenPicker
		}
		return nil, true
	case loadedMsg:
		return a.applyLoaded(msg), true
	case createdMsg:
		if msg.err != nil {
			if f := a.topForm(); f != nil {
				f.err = oneLine(msg.err.Error())
			}
			return a.fail(msg.err), true
		}
		if f := a.topForm(); f != nil && f.kind == formSetup {
			a.pop()
		}
		a.sc.picker.add(pickItem{header: msg.a.Header, total: model.Overall(msg.a.AllStats(a.now())).Total})
		a.a = nil
		return tea.Batch(a.open(msg.a), a.setStatus("Created "+oneLine(msg.a.Title()), false)), true
	case scoreSavedMsg:
		note := a.scoreNote
		a.scoreNote = ""
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.ownSave(msg.version)
		a.a.PutResponse(msg.resp)
		a.rebuild()
		label := "not assessed"
		if msg.resp.Score.Assessed() {
			label = msg.resp.Score.String()
			if l, ok := a.a.Criteria.Level(int(msg.resp.Score)); ok {
				label += " " + oneLine(l.Label)
			}
		}
		status := a.setStatus(fmt.Sprintf("%s scored %s%s", oneLine(msg.sid), label, note), false)
		return tea.Batch(status, a.askReason(msg.sid)), true
	case tickSavedMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.ownSave(msg.version)
		a.a.PutResponse(msg.resp)
		a.rebuild()
		return a.setStatus(a.tickStatus(msg.sid, msg.resp), false), true
	case reasonSavedMsg:
		return a.applyReason(msg), true
	case openedMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		return a.setStatus("Opened "+oneLine(msg.title)+" in the browser", false), true
	case rationaleSavedMsg:
		return a.sc.statement.applyRationale(a, msg), true
	case evidenceSavedMsg:
		return a.applyItemSaved(kindEvidence, msg.err, msg.version, func() string {
			a.a.PutEvidence(msg.e)
			return "Saved evidence " + oneLine(msg.e.Title)
		}), true
	case actionSavedMsg:
		return a.applyItemSaved(kindAction, msg.err, msg.version, func() string {
			a.a.PutAction(msg.x)
			return fmt.Sprintf("Saved action %s (%s)", oneLine(msg.x.Title), msg.x.Status)
		}), true
	case externalDoneMsg:
		return a.applyExternal(msg), true
	case linkOpenedMsg:
		return a.applyLinkOpened(msg), true
	case exportedMsg:
		return a.applyExported(msg), true
	case workTickMsg:
		return a.workTicked(msg), true
	case groupMsg:
		return a.applyGroup(msg), true
	case carriedMsg:
		return a.applyCarried(msg), true
	case comparedMsg:
		return a.applyCompared(msg), true
	case trendMsg:
		return a.applyTrend(msg), true
	case itemsMsg:
		return a.applyItems(msg), true
	case planReadMsg:
		return a.applyPlanRead(msg), true
	case searchMsg:
		return a.applySearch(msg), true
	case countsMsg:
		if a.countsWanted == msg.aid {
			a.countsWanted = 0
		}
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		if a.a != nil && a.a.ID == msg.aid && a.a.ActionsPending {
			a.a.SetActionCounts(msg.counts, msg.now)
			a.a.StaleItems = msg.stale
			a.rebuild()
		}
		return nil, true
	case signedMsg:
		return a.applySigned(msg), true
	case icsMsg:
		return a.sc.ics.apply(a, msg), true
	case trustSavedMsg:
		return a.applyTrustSaved(msg), true
	case managedMsg:
		return a.applyManaged(msg), true
	case deletedMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.ownSave(msg.version)
		if msg.what == kindEvidence {
			a.a.RemoveEvidence(msg.id)
		} else {
			a.a.RemoveAction(msg.id)
		}
		a.rebuild()
		return a.setStatus(fmt.Sprintf("Deleted %s %d (u undoes)", msg.what, msg.id), false), true
	}
	return nil, false
}

// ownSave records one of our own committed writes and the data version
// after it, so the live view does not reload for it.
func (a *App) ownSave(v int64) {
	a.saves++
	if v != 0 {
		a.lastVersion = v
	}
}

// applyLoaded shows a freshly read assessment.
func (a *App) applyLoaded(msg loadedMsg) tea.Cmd {
	if msg.reload {
		a.reloading = false
	}
	if msg.reload && errors.Is(msg.err, model.ErrNotFound) && a.a != nil && msg.id == a.a.ID {
		return a.gone()
	}
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if msg.reload {
		if a.a == nil || msg.a.ID != a.a.ID {
			return nil
		}
		if msg.saves != a.saves {
			// One of our own saves landed while this was read; read again
			// so it is not shown undone.
			a.reloading = true
			return loadCmd(context.Background(), a.store, a.a.ID, true, a.saves, a.loadedStatement(), a.now())
		}
		a.setAssessment(msg.a)
		if msg.version != 0 {
			a.lastVersion = msg.version
		}
		return nil
	}
	// The version read just before this load is the baseline for the live
	// view: anything committed since then, even before the first poll,
	// shows up as a change.
	if msg.version != 0 {
		a.lastVersion = msg.version
	}
	a.a = nil
	cmd := a.open(msg.a)
	return tea.Batch(cmd, a.setStatus("Opened "+oneLine(msg.a.Title()), false))
}

// gone leaves the open assessment, which is no longer in the workbook (an
// undo of starting it removed it, or someone else deleted it), for the
// list: its screens, dialogs and editor go with it. It used to stay on
// screen, with "✗ read assessment: not found" on the status line.
func (a *App) gone() tea.Cmd {
	title := a.a.Title()
	a.dialogs = nil
	a.sc.statement.dropEditor()
	a.endLong()
	a.a = nil
	a.screen = screenPicker
	return tea.Batch(loadHeadersCmd(a.store),
		a.setStatus(oneLine(title)+" is no longer in the workbook", false))
}

// applyItemSaved applies an evidence or action save: put applies it to the
// assessment and returns the status text.
func (a *App) applyItemSaved(what itemKind, err error, v int64, put func() string) tea.Cmd {
	f := a.findForm()
	mine := f != nil && (f.kind == formEvidence) == (what == kindEvidence) && f.kind.drafted()
	if ce, ok := asConflict(err); ok {
		if mine {
			f.version = ce.Version
			f.theirs = ce.Theirs
			f.err = oneLine(ce.Error()) + "; save again to keep yours"
		}
		return tea.Batch(a.fail(ce), a.saveDraftNow())
	}
	if err != nil {
		if mine {
			f.err = oneLine(err.Error())
		}
		return a.fail(err)
	}
	a.ownSave(v)
	text := put()
	a.rebuild()
	var cmds []tea.Cmd
	if mine {
		text += f.removedNote()
		cmds = append(cmds, discardDraftCmd(a.store, f.draftKey))
		a.removeDialog(f)
	}
	// Put the list cursor on the saved item.
	sid := a.curStatementID()
	if what == kindEvidence {
		a.sc.statement.evCursor = max(0, len(a.a.Evidence[sid])-1)
	}
	cmds = append(cmds, a.setStatus(text, false))
	return tea.Batch(cmds...)
}

// cancelForm closes the top form without saving and drops its draft.
func (a *App) cancelForm() tea.Cmd {
	f := a.topForm()
	if f == nil {
		return nil
	}
	if f.kind == formSetup && a.screen == screenSetup {
		if len(a.sc.picker.items) == 0 {
			return a.setStatus("An assessment is needed to start: fill in the form, or press ctrl+c to quit", true)
		}
		a.pop()
		a.screen = screenPicker
		return nil
	}
	a.pop()
	if !f.kind.drafted() {
		return a.setStatus("Cancelled", false)
	}
	return tea.Batch(discardDraftCmd(a.store, f.draftKey), a.setStatus("Cancelled", false))
}

// describeChange says in words what an undo reverted. c may be the undo's
// own log entry (UndoOf set: it did the opposite of the original) or the
// original change.
func describeChange(c model.Change) string {
	what := c.Entity
	if c.Entity == "response" {
		what = "statement"
	}
	subject := oneLine(what + " " + c.EntityID)
	op, now := c.Op, c.Old
	if c.UndoOf != 0 {
		now = c.New
		switch op {
		case "insert":
			op = "delete"
		case "delete":
			op = "insert"
		}
	}
	switch op {
	case "insert":
		return "adding " + subject
	case "delete":
		return "deleting " + subject
	}
	if c.Field == "" {
		return "a change to " + subject
	}
	return fmt.Sprintf("%s of %s (now %s)", oneLine(c.Field), subject, shorten(oneLine(now), 24))
}

// shorten cuts s to n runes with an ellipsis; an empty value reads "empty".
func shorten(s string, n int) string {
	if s == "" {
		return "empty"
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
