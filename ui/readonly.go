package ui

import (
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// An assessment opened from the ICS view is shown read-only: the ICS is
// looking at a member's heatmap, not recording for it. The rule lives
// here alone: handleKey asks writeKey before any screen sees a key, and
// apply asks writeAction before any dialog's result reaches the store, so
// no screen or dialog needs to know.

// readOnlyNote says why nothing can be changed; the title, the status
// line and every refusal carry it.
const readOnlyNote = "read-only: opened from the ICS view"

// openFromICS loads member h to be shown read-only, as the ICS view has
// always opened it otherwise.
func (a *App) openFromICS(h model.Header) tea.Cmd {
	a.icsPending = h.ID
	return a.long("Opening "+oneLine(h.Title())+"…",
		loadCmd(a.longCtx(), a.store, h.ID, false, a.saves, "", a.now()))
}

// takeReadOnly decides, as assessment id opens, whether it is read-only:
// only when it is the member the ICS view asked for, arriving while the
// ICS view still shows (a failed load leaves icsPending behind; opening
// the same assessment later from the picker must not be read-only).
func (a *App) takeReadOnly(id int64) {
	a.readOnly = a.icsPending != 0 && a.icsPending == id && a.screen == screenICS
	a.icsPending = 0
}

// refuseWrite is the one-line answer to a write while read-only.
func (a *App) refuseWrite() tea.Cmd {
	return a.setStatus("Not changed ("+readOnlyNote+")", true)
}

// backToICS leaves the read-only member for the ICS view it came from.
func (a *App) backToICS() tea.Cmd {
	a.readOnly = false
	a.screen = screenICS
	return a.setStatus("Back to the ICS view", false)
}

// readOnlyKey handles k while read-only: esc on the overview goes back to
// the ICS view, and a key that would change the assessment is refused.
// ok is false when k is for the screen as usual.
func (a *App) readOnlyKey(k tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	if !a.readOnly || a.a == nil || a.screen < screenOverview {
		return nil, false
	}
	if a.screen == screenOverview && key.Matches(k, a.keys.Back) {
		return a.backToICS(), true
	}
	if a.writeKey(k) {
		return a.refuseWrite(), true
	}
	return nil, false
}

// writeKey reports whether k, on the current screen and pane, would change
// the open assessment (or the workbook from it).
func (a *App) writeKey(k tea.KeyPressMsg) bool {
	km := a.keys
	has := func(bs ...key.Binding) bool {
		for _, b := range bs {
			if key.Matches(k, b) {
				return true
			}
		}
		return false
	}
	if has(km.Undo, km.SignOff) {
		return true
	}
	switch a.screen {
	case screenOverview:
		return has(km.New, km.Workshop)
	case screenMeasure:
		return has(km.Score, km.Clear, km.AddEvidence, km.AddAction, km.Workshop)
	case screenStatement:
		if has(km.Score, km.Clear, km.AddEvidence, km.AddAction, km.Reason) {
			return true
		}
		switch a.sc.statement.pane {
		case paneRationale:
			return has(km.Edit) || k.String() == "r"
		case paneEvidence:
			// c confirms an item still holds, l links it (evidence_trust.go).
			return has(km.Delete) || k.String() == "c" || k.String() == "l"
		case paneActions:
			return has(km.Delete, km.CycleStatus)
		case paneChecklist:
			return has(km.Tick)
		}
	}
	return false
}

// writeAction reports whether a dialog's result would write: an edit
// opened from an item view, a save, a delete, a restored draft.
func writeAction(act action) bool {
	switch act.(type) {
	case actEditItem, actSaveReason, actSaveEvidence, actSaveAction, actDelete, actRestore,
		actCreate, actStartFresh, actStartCarry, actCarry:
		return true
	}
	return false
}

// readOnlyHelp drops from the help line the keys writeKey would refuse, so
// a read-only screen does not offer what it cannot do. A key is judged by
// the first character of its help text ("1-5" by 1, "d/del" by d); named
// keys (enter, space) are kept.
func (a *App) readOnlyHelp(bs []key.Binding) []key.Binding {
	if !a.readOnly || a.a == nil || a.screen < screenOverview {
		return bs
	}
	out := bs[:0:0]
	for _, b := range bs {
		h := []rune(b.Help().Key)
		if len(h) > 0 && (len(h) == 1 || !unicode.IsLetter(h[1])) &&
			a.writeKey(tea.KeyPressMsg{Code: h[0], Text: string(h[0])}) {
			continue
		}
		out = append(out, b)
	}
	return out
}
