package ui

import (
	"context"
	"fmt"
	"maps"

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

// FPS is the most frames a second the app draws in a local terminal
// (issue 16). Bubble Tea draws on a ticker, so what a key press or a read
// changes reaches the screen at the next tick: at its default of 60 a
// second, a key waits 8 ms on average and up to 17, and a first screen
// that misses the first tick waits a whole frame more. At 120 (Bubble
// Tea's most) the wait halves; whole-process start to the picker on the
// demo went from 37 to 29 ms, and to the overview from 62 to 49. An idle
// app costs 1.5% of a core against 1.2% (measured over 10 s). SSH sessions
// keep the default: the network's latency is larger than the tick, and a
// server with fifteen directors connected should not pay twice the
// wake-ups.
const FPS = 120

// MemoryLimit is the app's soft memory limit, which wgll open sets unless
// GOMEMLIMIT is set, and which the keystroke benchmarks run under; a live
// heap that must outgrow it (a PDF report being written) raises it to a
// quarter above itself until it is freed (wgll's gc_follow.go). It is
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
// context; esc cancels it (cancelLong). The read's command goes through
// long, whose result ends it.
func (a *App) longCtx() context.Context {
	a.endLong()
	a.longSeq++
	c, cancel := context.WithCancel(context.Background())
	a.longCancel = cancel
	return c
}

// longDoneMsg is the result msg of long read seq (long).
type longDoneMsg struct {
	seq int
	msg tea.Msg
}

// long runs cmd, the long read longCtx began, and says what it is doing
// on the status line for as long as it runs, whenever the line has
// nothing newer. Its result ends it (endLong) and is applied, unless esc
// cancelled the read or a newer one replaced it: then it is dropped, so
// that a cancelled read is not reported as an error, and a stale one
// neither ends the newer read nor shows its screen.
func (a *App) long(what string, cmd tea.Cmd) tea.Cmd {
	a.longWhat, a.status = what+" (esc cancels)", ""
	if cmd == nil {
		return nil
	}
	seq := a.longSeq
	return func() tea.Msg { return longDoneMsg{seq: seq, msg: cmd()} }
}

// longDone applies the result of a long read that is still wanted.
func (a *App) longDone(msg longDoneMsg) tea.Cmd {
	if msg.seq != a.longSeq || a.longCancel == nil {
		return nil
	}
	a.endLong()
	return a.update(msg.msg)
}

// endLong forgets the long read running.
func (a *App) endLong() {
	if a.longCancel != nil {
		a.longCancel()
		a.longCancel = nil
	}
	a.longWhat = ""
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
	return a.pre.countsCmd(a.store, a.a.ID, a.now())
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

// planReadMsg is assessment aid's plan, built away from Update when the
// plan opens: the scores, targets and sign-off from the summary the app
// holds, the gaps' evidence counts and live actions read by the store
// (Store.PlanSupport), so the plan never reads the whole assessment; and
// its lines laid out width columns wide in styles stylesGen, since a plan
// listing tens of thousands of actions takes most of a second to lay out.
type planReadMsg struct {
	aid        int64
	plan       model.Plan
	lines      []string
	width, gen int
	// body is the screen's body height the lines were loaded into scroll
	// for (the viewport measures every line once, a third of a second for
	// the xl demo's worst plan, so that is done here too).
	body   int
	scroll scroller
	err    error
}

// planSnapshot copies what the plan reads of a (scores, targets, sign-off)
// for the plan's command, which must not share the app's assessment with
// Update.
func planSnapshot(a *model.Assessment) *model.Assessment {
	s := model.NewAssessment(a.Header, a.Criteria)
	s.Responses = maps.Clone(a.Responses)
	s.Targets, s.MeasureTargets, s.SignOff = maps.Clone(a.Targets), maps.Clone(a.MeasureTargets), a.SignOff
	return s
}

// readPlan reads and lays out the plan of the open assessment, saying
// so; esc cancels (longCtx).
func (a *App) readPlan() tea.Cmd {
	c, st, now := a.longCtx(), a.store, a.now()
	x, gaps, styles, width, gen := planSnapshot(a.a), model.PlanGaps(a.a), a.styles, a.lay.width, a.stylesGen
	body := a.lay.bodyHeight
	return a.long("Reading the plan…", func() tea.Msg {
		sup, err := st.PlanSupport(c, x.ID, gaps, now)
		if err != nil {
			return planReadMsg{aid: x.ID, err: fmt.Errorf("read the plan: %w", err)}
		}
		plan := model.BuildPlanFrom(x, sup, now)
		msg := planReadMsg{aid: x.ID, plan: plan, lines: clipLines(planLines(x, plan, styles, width, now), width), width: width, gen: gen, body: body}
		rows := body
		if len(msg.lines) > body {
			rows = max(1, body-1) // as reportRows leaves a row for the position
		}
		msg.scroll.load(msg.lines, width, rows)
		return msg
	})
}

// applyPlanRead opens the plan that was read, with its lines when they
// were laid out for the screen as it is now.
func (a *App) applyPlanRead(msg planReadMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil || msg.aid != a.a.ID {
		return nil
	}
	p := a.sc.plan
	p.plan, p.forID = &msg.plan, msg.aid
	p.rep.reset()
	if msg.width == a.lay.width && msg.gen == a.stylesGen {
		p.rep.lines, p.rep.width, p.rep.gen, p.gen = msg.lines, msg.width, msg.gen, a.rowsGen
		if msg.body == a.lay.bodyHeight {
			p.rep.scroll = msg.scroll
		}
	}
	a.screen = screenPlan
	return a.setStatus("", false)
}
