package ui

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Exports, carrying a period forward and deleting an assessment are long
// work (issue 16): the board report of the xl demo's newest assessment
// reads 200,000 items, and its PDF takes tens of seconds; carrying that
// assessment forward copies 200,000 items in ten seconds; a delete copies
// the whole workbook first. So each runs in the background, one at a
// time, with no fixed time limit; the status line says how far it has got
// whenever it has nothing newer to say; the key line offers esc, which
// cancels it; and quitting while it runs asks first, then cancels it. A
// cancelled export leaves no file (export.WriteFileAtomic), a cancelled
// carry or delete nothing changed in the workbook (one transaction).

// workTick is how often the progress of the work running is redrawn.
const workTick = 500 * time.Millisecond

// work is the long write running in the background.
type work struct {
	seq     int
	started time.Time
	cancel  context.CancelFunc
	// doing says what it does, for the progress: "Writing the board
	// report (pdf)"; being and undone finish "Quit while …?" and
	// "Cancelled: …": "the board report (pdf) is being written", "the
	// board report (pdf) was not written"; nothing is what cancelling
	// leaves: "no file is written".
	doing, being, undone, nothing string
	// read counts the items an export has read (ExportRequest.Read);
	// total is how many it will read, 0 when not known. Nil for work
	// that does not count.
	read  *atomic.Int64
	total int64
}

// workTickMsg redraws the progress of work seq.
type workTickMsg struct{ seq int }

// startWork makes w the work running and returns its context, or says
// why not: one runs at a time.
func (a *App) startWork(w *work) (context.Context, tea.Cmd) {
	if cmd, busy := a.busy(); busy {
		return nil, cmd
	}
	a.workSeq++
	c, cancel := context.WithCancel(context.Background())
	w.seq, w.started, w.cancel = a.workSeq, a.now(), cancel
	a.working = w
	a.status = "" // the progress shows at once
	return c, a.after(workTick, workTickMsg{seq: w.seq})
}

// busy reports whether work is running, and then says on the status
// line that the next must wait for it.
func (a *App) busy() (tea.Cmd, bool) {
	if a.working == nil {
		return nil, false
	}
	return a.setStatus(upperFirst(a.working.being)+"; wait for it, or press esc to cancel it", true), true
}

// workTicked redraws the progress of the work still running.
func (a *App) workTicked(msg workTickMsg) tea.Cmd {
	if a.working == nil || a.working.seq != msg.seq {
		return nil
	}
	return a.after(workTick, msg)
}

// workProgress is what the status line says of the work running, or ""
// (the key line says that esc cancels it, keysFor).
func (a *App) workProgress() string {
	w := a.working
	if w == nil {
		return ""
	}
	var done int64 // work that does not count says what it does, and for how long
	if w.read != nil {
		done = w.read.Load()
	}
	return Progress(w.doing, done, w.total, "items read", a.now().Sub(w.started))
}

// Progress says how far work doing ("Writing the board report (pdf)")
// has got: done units ("items read") of total (0: not known) after
// elapsed. The app's status line and the commands' progress line both say
// it.
func Progress(doing string, done, total int64, unit string, elapsed time.Duration) string {
	s := doing
	switch {
	case done == 0:
		s += "…"
	case total > 0 && done >= total:
		s += ": all " + grouped(total) + " " + unit + ", finishing"
	case total > 0:
		s += ": " + grouped(done) + " of " + grouped(total) + " " + unit
	default:
		s += ": " + grouped(done) + " " + unit
	}
	if elapsed >= time.Second {
		s += " · " + strconv.Itoa(int(elapsed/time.Second)) + " s"
	}
	return s
}

// cancelWork cancels the work running on esc; ok is false when none is
// or k is not esc.
func (a *App) cancelWork(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if a.working == nil || !key.Matches(k, a.keys.Back) {
		return nil, false
	}
	undone := a.working.undone
	a.stopWork()
	return a.setStatus("Cancelled: "+undone, false), true
}

// stopWork cancels the work running and forgets it; its result, when it
// comes, is ignored unless it was done after all.
func (a *App) stopWork() {
	if a.working != nil {
		a.working.cancel()
		a.cancelledWork = a.working.seq
		a.working = nil
	}
}

// endWork is called with the result of work seq: it reports whether the
// result is to be shown. A cancelled one that failed is not: the status
// line already said it was cancelled. The question quitting asked while
// the work ran no longer applies once it ends, and closes.
func (a *App) endWork(seq int, err error) bool {
	if a.working != nil && a.working.seq == seq {
		a.working.cancel()
		a.working = nil
		if c, asked := a.top().(*confirm); asked && c.yes == (actQuitWorking{}) {
			a.pop()
		}
		return true
	}
	return !(seq == a.cancelledWork && err != nil)
}

// quitWorking is the question quitting asks while work runs.
func (a *App) quitWorking() *confirm {
	return newConfirm("Quit while "+a.working.being+"?", "Quitting cancels it, and "+a.working.nothing+".",
		"y quit and cancel it · n or esc go on", actQuitWorking{}, actClose{})
}

// upperFirst capitalises s's first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// grouped writes n with thousands separators: 45,210.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
