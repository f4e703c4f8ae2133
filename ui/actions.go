package ui

import (
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// action is what a dialog asks the root to do; App.apply interprets it.
// nil means nothing. Dialogs never change App themselves.
type action any

// The actions dialogs return.
type (
	// actClose closes the dialog on top.
	actClose struct{}
	// actChanged says a drafted form's text changed: the draft is due.
	actChanged struct{}
	// actCancel closes a form without saving; it asks first when the form
	// was changed (actAskDiscard).
	actCancel struct{}
	// actAskDiscard asks whether to throw away a changed form.
	actAskDiscard struct{}
	// actDiscard throws the changed form under the confirm away.
	actDiscard struct{}
	// actCreate creates a new assessment with the criteria toml (nil for
	// the app's default).
	actCreate struct {
		h    model.Header
		toml []byte
	}
	// actSaveReason saves why a score differs from the checklist.
	actSaveReason struct {
		sid, text string
		base      int64
	}
	// actSaveEvidence and actSaveAction save an item.
	actSaveEvidence struct{ e model.Evidence }
	actSaveAction   struct{ x model.Action }
	// actDelete deletes evidence or an action; actKept keeps it.
	actDelete struct {
		what itemKind
		id   int64
	}
	actKept struct{}
	// actExport writes a file; replace says the user agreed to replace
	// the file already there.
	actExport struct {
		c       exportChoice
		replace bool
	}
	// actStartFresh opens the header form for the next period;
	// actStartCarry the carry-forward form.
	actStartFresh struct{ newest model.Header }
	actStartCarry struct {
		from  model.Header
		group []model.Header
	}
	// actCarry carries from forward into a new period h, with the
	// criteria toml (nil for the app's default).
	actCarry struct {
		from, h model.Header
		toml    []byte
	}
	// actCompare compares the open assessment with assessment id.
	actCompare struct{ id int64 }
	// actRestore, actDiscardDraft and actLater answer the draft offer.
	actRestore      struct{ d model.Draft }
	actDiscardDraft struct{ d model.Draft }
	actLater        struct{}
	// actOpenLink opens a link in the browser.
	actOpenLink struct{ url string }
	// actEditItem opens the form for the item shown.
	actEditItem struct {
		what itemKind
		id   int64
	}
	// actExternal hands field of form to $EDITOR.
	actExternal struct {
		form  *form
		field int
	}
	// actJump goes to a search hit.
	actJump struct{ hit searchHit }
	// actStay closes the quit warning and keeps the app open; actQuit
	// quits without the draft.
	actStay struct{}
	actQuit struct{}
	// actQuitWorking cancels the work running and quits (quitWorking).
	actQuitWorking struct{}
	// actNoticeClosed closes a notice (drafts waiting are offered next).
	actNoticeClosed struct{}
)

// orDefault is toml, or def when toml is nil.
func orDefault(toml, def []byte) []byte {
	if toml == nil {
		return def
	}
	return toml
}

// apply interprets a dialog's action.
func (a *App) apply(act action) tea.Cmd {
	if a.readOnly && a.screen >= screenOverview && writeAction(act) {
		a.pop()
		return a.refuseWrite()
	}
	switch act := act.(type) {
	case nil:
		return nil
	case actClose:
		a.pop()
		return nil
	case actChanged:
		if f := a.topForm(); f != nil && f.kind == formExport {
			f.syncExport()
		}
		if f := a.topForm(); f != nil && f.kind.drafted() {
			return a.typed()
		}
		return nil
	case actCancel:
		return a.cancelForm()
	case actAskDiscard:
		a.push(newConfirm("Discard your changes?", "The form was changed and is not saved.", "y discard · n or esc go back to the form", actDiscard{}, actClose{}))
		return nil
	case actDiscard:
		a.pop()
		return a.cancelForm()
	case actCreate:
		return tea.Batch(a.setStatus("Creating assessment…", false), createCmd(a.store, act.h, orDefault(act.toml, a.toml)))
	case actSaveReason:
		a.pop()
		return tea.Batch(a.setStatus("Saving the reason…", false), reasonCmd(a.store, a.a.ID, act.sid, act.text, act.base))
	case actSaveEvidence:
		return tea.Batch(a.setStatus("Saving evidence…", false), evidenceCmd(a.store, a.a.ID, a.keepTrust(act.e)))
	case actSaveAction:
		return tea.Batch(a.setStatus("Saving action…", false), actionCmd(a.store, a.a.ID, act.x))
	case actDelete:
		a.pop()
		return deleteCmd(a.store, a.a.ID, act.what, act.id)
	case actKept:
		a.pop()
		return a.setStatus("Kept", false)
	case actExport:
		if !act.replace {
			if there := exportTarget(act.c.path); there != "" {
				// Ask over the form, so no answers it and goes back to
				// the file name.
				a.push(newConfirm("Replace "+oneLine(filepath.Base(act.c.path))+"?", "It exists: "+there+".",
					"y replace it · n or esc keep it and choose another name", actExport{c: act.c, replace: true}, actClose{}))
				return nil
			}
		} else {
			a.pop() // the question
		}
		a.pop()
		a.lastExport = act.c
		return a.startExport(act.c)
	case actStartFresh:
		a.pop()
		a.openSetupFrom(act.newest)
		return nil
	case actStartCarry:
		a.pop()
		a.push(newCarryForm(act.from, act.group, a.now(), a.fws()))
		return nil
	case actCarry:
		return a.startCarry(act)
	case actCompare:
		a.pop()
		return a.long("Comparing…", compareCmd(a.longCtx(), a.store, act.id, a.a.ID, a.now()))
	case actRestore:
		a.pop()
		return a.restoreDraft(act.d)
	case actDiscardDraft:
		a.pop()
		return tea.Batch(discardDraftCmd(a.store, act.d.Key), a.setStatus("Discarded draft: "+oneLine(act.d.Label), false), a.offerDrafts())
	case actLater, actNoticeClosed:
		a.pop()
		return a.offerDrafts()
	case actOpenLink:
		return a.openLink(act.url)
	case actEditItem:
		a.pop()
		return a.sc.statement.editItem(a, act.what, act.id)
	case actExternal:
		f, i := act.form, act.field
		return a.editExternally(f.fields[i].input.Value(), func(text string) {
			f.fields[i].input.SetValue(text)
		})
	case actJump:
		a.pop()
		return a.jump(act.hit)
	case actStay:
		a.pop()
		return a.setStatus("Still open: the draft could not be saved; free some space, or copy the text somewhere safe", true)
	case actQuit:
		return tea.Quit
	case actQuitWorking:
		a.pop()
		a.stopWork()
		return a.quit()
	}
	return a.applyPlan(act)
}
