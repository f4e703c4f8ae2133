package ui

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// This file is how the app loads what its screens show (issue 16): an
// assessment opens from its scores and counts, the action counts follow
// behind the overview, and a statement's evidence and actions are read when
// its screen shows it; only that statement's lists stay in memory. The long
// reads (opening, compare, trend) say so on the status line and esc
// cancels them; nothing cuts them off after a fixed time.

// MemoryLimit is the app's soft memory limit, which wgll open sets unless
// GOMEMLIMIT is set, and which the keystroke benchmarks run under. The
// screens hold one assessment's scores and counts and one statement's
// lists, so the live heap stays near 10 MB on any workbook; the limit sits
// well above that (the collector never runs for it while browsing) and
// below the 60 MB budget for the whole process, so a statement with
// thousands of items cannot let the heap double past it.
const MemoryLimit = 48 << 20

// longCtx starts a long read, cancelling any earlier one, and returns its
// context; esc cancels it (cancelLong) and its result ends it (endLong).
func (a *App) longCtx() context.Context {
	a.endLong()
	c, cancel := context.WithCancel(context.Background())
	a.longCancel = cancel
	return c
}

// long shows what the long read cmd is doing.
func (a *App) long(what string, cmd tea.Cmd) tea.Cmd {
	return tea.Batch(a.setStatus(what+" (esc cancels)", false), cmd)
}

// endLong forgets the long read whose result arrived.
func (a *App) endLong() {
	if a.longCancel != nil {
		a.longCancel()
		a.longCancel = nil
	}
}

// cancelLong cancels a long read on esc; ok is false when none is running
// or k is not esc.
func (a *App) cancelLong(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if a.longCancel == nil || !key.Matches(k, a.keys.Back) {
		return nil, false
	}
	a.endLong()
	return a.setStatus("Cancelled", false), true
}

// loadedStatement is the statement whose lists a reload should read with
// the assessment: the one on screen, if any.
func (a *App) loadedStatement() string {
	if a.screen != screenStatement {
		return ""
	}
	return a.curStatementID()
}

// needItems reads the items of the statement on screen when they are not
// loaded yet (once: itemsWanted remembers the request).
func (a *App) needItems() tea.Cmd {
	if a.a == nil || a.screen != screenStatement {
		return nil
	}
	sid := a.curStatementID()
	if sid == "" || a.a.ItemsLoaded(sid) || a.itemsWanted == sid {
		return nil
	}
	a.itemsWanted = sid
	return itemsCmd(a.store, a.a.ID, sid)
}

// needCounts reads the action counts of an assessment opened without them.
func (a *App) needCounts() tea.Cmd {
	if a.a == nil || !a.a.ActionsPending || a.countsWanted == a.a.ID {
		return nil
	}
	a.countsWanted = a.a.ID
	return countsCmd(context.Background(), a.store, a.a.ID, a.now())
}

// applyItems puts a statement's lists into the open assessment, dropping
// every other statement's, so memory holds one statement's items at most.
func (a *App) applyItems(msg itemsMsg) tea.Cmd {
	if a.itemsWanted == msg.sid {
		a.itemsWanted = ""
	}
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil || a.a.ID != msg.aid || a.a.ItemsLoaded(msg.sid) {
		return nil
	}
	a.a.DropItems(msg.sid)
	a.a.SetItems(msg.sid, msg.ev, msg.acts)
	a.rebuild()
	a.sc.statement.selectWanted(a)
	return nil
}

// planReadMsg is what the plan shows of assessment aid's gaps, read when
// the plan opens (Store.PlanSupport): the rest of the plan comes from the
// summary the app holds, so the plan never reads the whole assessment.
type planReadMsg struct {
	aid     int64
	support map[string]model.PlanSupport
	err     error
}

// readPlan reads the plan's gaps for the open assessment, saying so; esc
// cancels (longCtx).
func (a *App) readPlan() tea.Cmd {
	c, st, id, gaps, now := a.longCtx(), a.store, a.a.ID, model.PlanGaps(a.a), a.now()
	return a.long("Reading the plan…", func() tea.Msg {
		sup, err := st.PlanSupport(c, id, gaps, now)
		if err != nil {
			return planReadMsg{aid: id, err: fmt.Errorf("read the plan: %w", err)}
		}
		return planReadMsg{aid: id, support: sup}
	})
}

// applyPlanRead builds the plan from what was read and opens it; the
// support read is dropped, the plan holding what it shows.
func (a *App) applyPlanRead(msg planReadMsg) tea.Cmd {
	a.endLong()
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil || msg.aid != a.a.ID {
		return nil
	}
	plan := model.BuildPlanFrom(a.a, msg.support, a.now())
	a.sc.plan.plan, a.sc.plan.forID = &plan, msg.aid
	a.screen = screenPlan
	a.sc.plan.rep.reset()
	return a.setStatus("", false)
}
