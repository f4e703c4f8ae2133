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
// GOMEMLIMIT is set, and which the keystroke benchmarks run under. It is
// what is left for the Go runtime of issue 16's 60 MB budget for the whole
// process browsing the xl workbook, once the binary's mapped pages (20 MB
// resident) and SQLite's memory outside the Go heap (up to 10 MB: each
// connection's 512 KiB page cache, schemas, statements, the sorter) are
// taken off, less 2 MiB to spare. The live heap browsing xl peaks near
// 14 MB (one assessment's scores and counts, one statement's lists), so the
// collector seldom runs for the limit; what it stops is the heap doubling
// between collections and the runtime keeping freed pages (at 48 MiB, up to
// 20 MB of freed heap stayed resident and the process peaked at 70-78 MB).
const MemoryLimit = memoryBudget - binaryResident - sqliteResident - 2<<20

// The parts of MemoryLimit, measured browsing xl (BENCHMARKS.md, "Memory
// browsing xl").
const (
	memoryBudget   = 60 << 20
	binaryResident = 20 << 20
	sqliteResident = 10 << 20
)

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
	return nil
}

// wholePurpose says what a whole assessment was read for.
type wholePurpose int

const (
	wholeForPlan wholePurpose = iota
	wholeForSearch
)

// wholeMsg is the open assessment read whole, for the screens that work
// over every evidence item and action (the plan ranks every gap with its
// evidence; / searches every item). The rest of the app holds a summary.
type wholeMsg struct {
	a       *model.Assessment
	purpose wholePurpose
	err     error
}

// wholeCmd reads assessment id whole; c is cancelled by esc (longCtx).
func wholeCmd(c context.Context, s Store, id int64, purpose wholePurpose) tea.Cmd {
	return func() tea.Msg {
		x, err := s.Assessment(c, id)
		if err != nil {
			return wholeMsg{purpose: purpose, err: fmt.Errorf("read the assessment: %w", err)}
		}
		return wholeMsg{a: x, purpose: purpose}
	}
}

// readWhole reads the open assessment whole for purpose, saying so.
func (a *App) readWhole(what string, purpose wholePurpose) tea.Cmd {
	return a.long(what, wholeCmd(a.longCtx(), a.store, a.a.ID, purpose))
}

// applyWhole opens the plan or the search on the whole assessment read.
func (a *App) applyWhole(msg wholeMsg) tea.Cmd {
	a.endLong()
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil || msg.a.ID != a.a.ID {
		return nil
	}
	switch msg.purpose {
	case wholeForPlan:
		a.sc.plan.whole = msg.a
		a.screen = screenPlan
		a.sc.plan.rep.reset()
	case wholeForSearch:
		a.push(newSearch(searchIndex(msg.a, a.measures)))
	}
	return a.setStatus("", false)
}
