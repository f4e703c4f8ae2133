package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// cellText is what a heatmap cell w columns wide shows: the score (or, in
// the gap view, the gap), with model.StaleGlyph when evidence behind it is
// stale, so the flag reads without colour. A gap such as "-2" in a narrow
// cell leaves the glyph out rather than run into the next cell; the
// legend's count per measure still says where stale evidence is.
func cellText(c model.Cell, w int) string {
	s := c.Score.String()
	if c.Text != "" {
		s = c.Text
	}
	if c.Stale && len([]rune(s))+1 < w {
		s += model.StaleGlyph
	}
	return s
}

// staleLegend is the line under the overview's heatmap that says what the
// cells show, what ! means and how many stale items each measure has.
func staleLegend(a *model.Assessment, v model.HeatmapView, now time.Time, width int) []string {
	var text string
	switch v {
	case model.ViewTarget:
		text = "Cells show the target level (v: score, target, gap)."
	case model.ViewGap:
		text = "Cells show the gap to target: -2 is two levels short, 0 met, · unknown (v: score, target, gap)."
	}
	var counts []string
	for _, m := range a.Measures() {
		if n := a.StaleCount(m, now); n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", oneLine(m.Name), n))
		}
	}
	if len(counts) > 0 {
		text = strings.TrimSpace(text + " " + model.StaleGlyph + " stale evidence: " + strings.Join(counts, " · ") + ".")
	}
	if text == "" {
		return nil
	}
	var out []string
	for _, l := range wrapLines(text, width-4, 0) {
		out = append(out, "  "+l)
	}
	return out
}

// PlanStore is what the sign-off needs from the workbook beyond Store.
// It is a separate interface so that a Store without it (an older fake,
// say) still runs the app, with signing off unavailable.
type PlanStore interface {
	SignOff(ctx context.Context, id int64, so model.SignOff) (model.SignOff, error)
	Unlock(ctx context.Context, id int64, reason string) (model.SignOff, error)
}

// The sign-off's actions and result.
type (
	// actSignOff signs the open assessment off; actUnlock unlocks it.
	actSignOff struct{ so model.SignOff }
	actUnlock  struct{ reason string }
	// signedMsg is the result of signing off (unlocked false) or
	// unlocking; so is the sign-off recorded or ended.
	signedMsg struct {
		id       int64
		so       model.SignOff
		unlocked bool
		version  int64
		err      error
	}
)

// applyPlan interprets the plan's actions (apply's other cases are in
// actions.go).
func (a *App) applyPlan(act action) tea.Cmd {
	if cmd, ok := a.applyManage(act); ok {
		return cmd
	}
	ps, ok := a.store.(PlanStore)
	switch act := act.(type) {
	case actSignOff:
		if !ok {
			return a.setStatus("This workbook cannot record a sign-off", true)
		}
		return tea.Batch(a.setStatus("Signing off…", false), signCmd(a.store, ps, a.a.ID, act.so, ""))
	case actUnlock:
		if !ok {
			return a.setStatus("This workbook cannot unlock", true)
		}
		return tea.Batch(a.setStatus("Unlocking…", false), signCmd(a.store, ps, a.a.ID, model.SignOff{}, act.reason))
	case actTrust:
		ts, ok := a.store.(TrustStore)
		if !ok {
			return a.setStatus("This workbook cannot confirm or link evidence", true)
		}
		return trustCmd(a.store, ts, a.a.ID, act)
	}
	return nil
}

// signCmd signs assessment id off with so, or unlocks it when reason is
// given.
func signCmd(s Store, ps PlanStore, id int64, so model.SignOff, reason string) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		if reason != "" {
			was, err := ps.Unlock(c, id, reason)
			return signedMsg{id: id, so: was, unlocked: true, version: version(s), err: err}
		}
		got, err := ps.SignOff(c, id, so)
		return signedMsg{id: id, so: got, version: version(s), err: err}
	}
}

// applySigned shows a sign-off or unlock that was saved, closing its form;
// a failure stays in the form.
func (a *App) applySigned(msg signedMsg) tea.Cmd {
	if msg.err != nil {
		if f := a.topForm(); f != nil && (f.kind == formSignOff || f.kind == formUnlock) {
			f.err = oneLine(msg.err.Error())
		}
		return a.setStatus(oneLine(msg.err.Error()), true)
	}
	if f := a.topForm(); f != nil && (f.kind == formSignOff || f.kind == formUnlock) {
		a.pop()
	}
	a.ownSave(msg.version)
	if a.a == nil || a.a.ID != msg.id {
		return nil
	}
	if msg.unlocked {
		a.a.SignOff = model.SignOff{}
		a.rebuild()
		return a.setStatus("Unlocked; the reason is in the change log", false)
	}
	a.a.SignOff = msg.so
	a.rebuild()
	return a.setStatus("Signed off and locked: "+oneLine(msg.so.Summary()), false)
}

// lockedStatus is the status line for a write refused by the lock: who
// signed off, and the key that unlocks.
func (a *App) lockedStatus(err error) tea.Cmd {
	if a.a == nil || !a.a.SignOff.Signed() {
		return a.setStatus(oneLine(err.Error()), true)
	}
	return a.setStatus("Locked: "+oneLine(a.a.SignOff.Summary())+"; S unlocks it, with a reason", true)
}

// signOffKey opens the sign-off form, or the unlock form when the open
// assessment is signed off already.
func (a *App) signOffKey() tea.Cmd {
	if _, ok := a.store.(PlanStore); !ok {
		return a.setStatus("This workbook cannot record a sign-off", true)
	}
	if a.a.SignOff.Signed() {
		a.push(newUnlockForm(a.a.SignOff))
		return nil
	}
	a.push(newSignOffForm(a.a.Title(), model.Day(a.now())))
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
