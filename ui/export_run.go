package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// An export is long work (issue 16): the board report of the xl demo's
// newest assessment reads 200,000 items, and its PDF takes tens of
// seconds. So an export runs in the background, one at a time, with no
// fixed time limit; the status line says how far it has got whenever it
// has nothing newer to say; esc cancels it; and quitting while it runs
// asks first, then cancels it, so that no half-written file is left (the
// file is written whole or not at all, export.WriteFileAtomic).

// exportTick is how often a running export's progress is redrawn.
const exportTick = 500 * time.Millisecond

// exportRun is the export being written.
type exportRun struct {
	seq int
	// label names it for people: "board report (pdf)".
	label   string
	started time.Time
	// read counts the items the exporter has read (ExportRequest.Read);
	// total is how many it will read, 0 when not known.
	read   *atomic.Int64
	total  int64
	cancel context.CancelFunc
}

// exportTickMsg redraws export seq's progress.
type exportTickMsg struct{ seq int }

// exportTotal is how many items exporting what reads of a: the actions
// for the action list, the actions and evidence for the board report, 0
// (not counted) for the rest.
func exportTotal(a *model.Assessment, what string) int64 {
	if a == nil {
		return 0
	}
	ev, acts, ok := a.ItemTotals()
	switch {
	case !ok:
		return 0
	case what == "actions":
		return int64(acts)
	case what == "report":
		return int64(acts + ev)
	}
	return 0
}

// startExport writes c in the background, or says why not: one export
// runs at a time.
func (a *App) startExport(c exportChoice) tea.Cmd {
	if run := a.exporting; run != nil {
		return a.setStatus("The "+run.label+" is still being written; wait for it, or press esc to cancel it", true)
	}
	a.exportSeq++
	ctx, cancel := context.WithCancel(context.Background())
	run := &exportRun{seq: a.exportSeq, label: fmt.Sprintf("%s (%s)", exportLabel(c.what), c.format), started: a.now(),
		read: new(atomic.Int64), total: exportTotal(a.a, c.what), cancel: cancel}
	a.exporting = run
	a.status = "" // the progress shows at once
	return tea.Batch(exportCmd(ctx, a.export, snapshot(a.a), c, run.seq, run.read), a.after(exportTick, exportTickMsg{seq: run.seq}))
}

// exportCmd runs fn on its own copy of the assessment, until it ends or
// ctx is cancelled.
func exportCmd(ctx context.Context, fn ExportFunc, a *model.Assessment, c exportChoice, seq int, read *atomic.Int64) tea.Cmd {
	what, format, path := c.what, c.format, c.path
	r := ExportRequest{What: what, Format: format, Path: path, Assessment: a, Comparison: c.cmp, Trend: c.trend, Read: read}
	return func() tea.Msg {
		where := path
		if abs, err := filepath.Abs(path); err == nil {
			where = abs
		}
		warnings, err := fn(ctx, r)
		if err != nil {
			return exportedMsg{seq: seq, what: what, format: format, path: where, err: fmt.Errorf("export the %s: %w", exportLabel(what), err)}
		}
		return exportedMsg{seq: seq, what: what, format: format, path: where, warnings: warnings}
	}
}

// exportTicked redraws the progress of the export still running.
func (a *App) exportTicked(msg exportTickMsg) tea.Cmd {
	if a.exporting == nil || a.exporting.seq != msg.seq {
		return nil
	}
	return a.after(exportTick, msg)
}

// exportProgress is what the status line says of the running export, or
// "" (the key line says that esc cancels it, keysFor).
func (a *App) exportProgress() string {
	run := a.exporting
	if run == nil {
		return ""
	}
	return ExportProgress(run.label, run.read.Load(), run.total, a.now().Sub(run.started))
}

// ExportProgress says how far writing label (the "board report (pdf)")
// has got: read items of total (0: not known) after elapsed. The app's
// status line and the commands' progress line both say it.
func ExportProgress(label string, read, total int64, elapsed time.Duration) string {
	s := "Writing the " + label
	switch {
	case read == 0:
		s += "…"
	case total > 0 && read >= total:
		s += ": all " + grouped(total) + " items read, finishing the file"
	case total > 0:
		s += ": " + grouped(read) + " of " + grouped(total) + " items read"
	default:
		s += ": " + grouped(read) + " items read"
	}
	if elapsed >= time.Second {
		s += " · " + strconv.Itoa(int(elapsed/time.Second)) + " s"
	}
	return s
}

// cancelExport cancels the running export on esc; ok is false when none
// is running or k is not esc.
func (a *App) cancelExport(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if a.exporting == nil || !key.Matches(k, a.keys.Back) {
		return nil, false
	}
	label := a.exporting.label
	a.stopExport()
	return a.setStatus("Cancelled: the "+label+" was not written", false), true
}

// stopExport cancels the running export and forgets it; its result, when
// it comes, is ignored unless the file was written after all.
func (a *App) stopExport() {
	if a.exporting != nil {
		a.exporting.cancel()
		a.cancelledExport = a.exporting.seq
		a.exporting = nil
	}
}

// applyExported reports where the file went; warnings (text a format had
// to split, say) are counted on the status line and listed in a notice.
func (a *App) applyExported(msg exportedMsg) tea.Cmd {
	if a.exporting != nil && a.exporting.seq == msg.seq {
		a.exporting.cancel()
		a.exporting = nil
	} else if msg.seq == a.cancelledExport && msg.err != nil {
		return nil // cancelled, as the status line said
	}
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return a.setStatus("Cancelled: the "+exportLabel(msg.what)+" was not written", false)
		}
		return a.fail(msg.err)
	}
	detail := msg.format
	if n := len(msg.warnings); n > 0 {
		detail += fmt.Sprintf(", %d warning(s)", n)
		lines := make([]string, n)
		for i, w := range msg.warnings {
			lines[i] = oneLine(w)
		}
		if _, open := dialogOf[*notice](a); !open {
			a.push(newNotice(fmt.Sprintf("The %s was written, with %d warning(s)", exportLabel(msg.what), n), lines))
		}
	}
	return a.setStatus(fmt.Sprintf("Wrote the %s (%s) to %s", exportLabel(msg.what), detail, oneLine(msg.path)), false)
}

// quitExporting is the question quitting asks while an export runs.
func (a *App) quitExporting() *confirm {
	return newConfirm("Quit while the "+a.exporting.label+" is being written?",
		"Quitting cancels it, and no file is written.",
		"y quit and cancel it · n or esc go on writing it", actQuitExporting{}, actClose{})
}

// grouped writes n with thousands separators: 45,210.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
