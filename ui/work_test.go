package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// slowExport is an exporter that reads one item and then waits until it is
// released or its context is cancelled, as a long export of a large
// workbook does.
type slowExport struct {
	mu      sync.Mutex
	ctx     context.Context
	calls   int
	release chan struct{}
}

func (s *slowExport) export(ctx context.Context, r ExportRequest) ([]string, error) {
	s.mu.Lock()
	s.ctx = ctx
	s.calls++
	s.mu.Unlock()
	if r.Read != nil {
		r.Read.Add(1)
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-s.release:
		return nil, nil
	}
}

// context is the context the last export was given.
func (s *slowExport) context() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx
}

// exportHarness opens the seeded workbook with a slow exporter and
// starts writing the board report as a PDF.
func exportHarness(t *testing.T) (*harness, *slowExport) {
	t.Helper()
	f, _ := seeded(t)
	s := &slowExport{release: make(chan struct{})}
	hs := newHarness(t, f, 120, 30, func(c *Config) { c.Export = s.export })
	hs.slow, hs.late = 100*time.Millisecond, make(chan tea.Msg, 4)
	hs.keys("x", "right", "tab", "tab", "enter")
	for deadline := time.Now().Add(5 * time.Second); s.context() == nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the export did not start:\n%s", hs.text())
		}
	}
	return hs, s
}

// lateResult sends the export's result, once it has one.
func (hs *harness) lateResult() {
	hs.t.Helper()
	select {
	case msg := <-hs.late:
		hs.slow = 0
		hs.send(msg)
	case <-time.After(5 * time.Second):
		hs.t.Fatal("the export never ended")
	}
}

func isWorkTick(m tea.Msg) bool { _, ok := m.(workTickMsg); return ok }

// TestExportHasNoTimeLimit: an export runs as long as it needs (the PDF
// report of the xl demo takes tens of seconds, longer on a busy machine);
// it used to be cut off after two minutes.
func TestExportHasNoTimeLimit(t *testing.T) {
	hs, s := exportHarness(t)
	if d, ok := s.context().Deadline(); ok {
		t.Errorf("the export must not have a deadline; it has %v", d)
	}
	close(s.release)
	hs.lateResult()
	if !strings.Contains(hs.text(), "Wrote the board report (pdf) to ") {
		t.Errorf("no result:\n%s", hs.text())
	}
}

// TestExportShowsProgressAndEscCancels: while an export runs, the status
// line says how far it has got and that esc cancels it, whenever it has
// nothing newer to say; esc cancels it, says so, and its cancelled result
// is not shown as an error.
func TestExportShowsProgressAndEscCancels(t *testing.T) {
	hs, s := exportHarness(t)
	if got := hs.text(); !strings.Contains(got, "Writing the board report (pdf): 1 of 2 items read\n") || !strings.Contains(got, "\nesc cancel · ") {
		t.Fatalf("no progress on the status line, or no esc on the key line:\n%s", got)
	}
	hs.store.now = hs.store.now.Add(3 * time.Second)
	if n := hs.fire(isWorkTick); n != 1 {
		t.Fatalf("%d ticks pending, want 1", n)
	}
	if got := hs.text(); !strings.Contains(got, "1 of 2 items read · 3 s\n") {
		t.Errorf("no time on the status line:\n%s", got)
	}
	// A newer message wins for its few seconds; the progress comes back.
	hs.run(hs.app.setStatus("Saved", false))
	if got := hs.text(); !strings.Contains(got, "Saved") || strings.Contains(got, "Writing the board report") {
		t.Errorf("the newer status should show:\n%s", got)
	}
	hs.fire(func(m tea.Msg) bool { _, ok := m.(statusClearMsg); return ok })
	if !strings.Contains(hs.text(), "Writing the board report") {
		t.Errorf("the progress did not come back:\n%s", hs.text())
	}

	hs.keys("esc")
	if s.context().Err() == nil {
		t.Fatal("esc did not cancel the export")
	}
	if hs.app.screen != screenOverview {
		t.Errorf("esc cancelled and also went back (screen %v)", hs.app.screen)
	}
	if got := hs.text(); !strings.Contains(got, "Cancelled: the board report (pdf) was not written") || strings.Contains(got, "esc cancel ·") {
		t.Errorf("no word of the cancel, or esc still offered:\n%s", got)
	}
	hs.lateResult()
	if got := hs.text(); strings.Contains(got, "✗") || !strings.Contains(got, "Cancelled") {
		t.Errorf("the cancelled result showed as an error:\n%s", got)
	}
	if n := hs.fire(isWorkTick); n != 1 || hs.fire(isWorkTick) != 0 {
		t.Error("the progress kept ticking after the export ended")
	}
	hs.keys("esc")
	if hs.app.screen != screenPicker {
		t.Errorf("with no export running esc should go back (screen %v)", hs.app.screen)
	}
}

// TestQuitQuestionClosesWhenTheWorkEnds: the question quitting asks
// while an export runs closes once the export has ended, which the status
// line then reports; the app stays open.
func TestQuitQuestionClosesWhenTheWorkEnds(t *testing.T) {
	hs, s := exportHarness(t)
	hs.keys("q")
	if !strings.Contains(hs.text(), "Quit while") {
		t.Fatalf("q did not ask:\n%s", hs.text())
	}
	close(s.release)
	hs.lateResult()
	if got := hs.text(); strings.Contains(got, "Quit while") || !strings.Contains(got, "Wrote the board report (pdf)") {
		t.Errorf("after the export ended:\n%s", got)
	}
	for _, m := range hs.pending {
		if _, ok := m.(tea.QuitMsg); ok {
			t.Error("the app quit without an answer")
		}
	}
}

// TestOneExportAtATime: a second export waits for the first: x says so
// rather than open the dialog.
func TestOneExportAtATime(t *testing.T) {
	hs, s := exportHarness(t)
	hs.keys("x")
	if f := hs.app.topForm(); f != nil {
		t.Error("x opened the export dialog while an export runs")
	}
	if got := hs.text(); !strings.Contains(got, "The board report (pdf) is being written; wait for it, or press esc to cancel it") {
		t.Errorf("a second export was not refused:\n%s", got)
	}
	s.mu.Lock()
	calls := s.calls
	s.mu.Unlock()
	if calls != 1 {
		t.Errorf("%d exports started, want 1", calls)
	}
	close(s.release)
	hs.lateResult()
}

// TestQuitWhileExportingAsks: quitting while an export runs asks first;
// no keeps it writing, yes cancels it and quits, and so does a second
// ctrl+c.
func TestQuitWhileExportingAsks(t *testing.T) {
	for _, tt := range []struct {
		name string
		keys []string
	}{
		{"q then y", []string{"q", "y"}},
		{"ctrl+c twice", []string{"ctrl+c", "ctrl+c"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hs, s := exportHarness(t)
			quits := func() int {
				n := 0
				for _, m := range hs.pending {
					if _, ok := m.(tea.QuitMsg); ok {
						n++
					}
				}
				return n
			}
			hs.keys("q")
			if got := hs.text(); !strings.Contains(got, "Quit while the board report (pdf) is being written?") || quits() != 0 {
				t.Fatalf("q quit without asking:\n%s", got)
			}
			hs.keys("n")
			if s.context().Err() != nil || quits() != 0 || strings.Contains(hs.text(), "Quit while") {
				t.Fatal("n should close the question and go on writing")
			}
			hs.keys(tt.keys...)
			if s.context().Err() == nil {
				t.Error("quitting did not cancel the export")
			}
			if quits() != 1 {
				t.Errorf("%v did not quit:\n%s", tt.keys, hs.text())
			}
		})
	}
}

func TestGrouped(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 45210: "45,210", 200000: "200,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := grouped(n); got != want {
			t.Errorf("grouped(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestCarryForwardIsLongWork: carrying a period forward (ten seconds on
// the xl demo) closes its form and runs in the background, saying so on
// the status line for as long as it runs, with esc to cancel it. It used
// to say "Carrying…" for four seconds and then nothing, with the form
// still open, so that esc closed the form and the carry, finishing, then
// closed whatever dialog was open instead.
func TestCarryForwardIsLongWork(t *testing.T) {
	start := func(t *testing.T) *harness {
		f, _ := seeded(t)
		f.carryGate = make(chan struct{})
		hs := newHarness(t, f, 120, 30, func(c *Config) {
			c.Export = func(context.Context, ExportRequest) ([]string, error) { return nil, nil }
		})
		hs.slow, hs.late = 100*time.Millisecond, make(chan tea.Msg, 4)
		hs.keys("n", "enter", "ctrl+s")
		if hs.app.topForm() != nil {
			t.Fatalf("the carry form stayed open:\n%s", hs.text())
		}
		if got := hs.text(); !strings.Contains(got, "Carrying 2026/27 forward…\n") || !strings.Contains(got, "\nesc cancel · ") {
			t.Fatalf("no word of the carry on the status line, or no esc on the key line:\n%s", got)
		}
		return hs
	}
	t.Run("it finishes", func(t *testing.T) {
		hs := start(t)
		hs.store.now = hs.store.now.Add(6 * time.Second)
		hs.fire(isWorkTick)
		if !strings.Contains(hs.text(), "Carrying 2026/27 forward… · 6 s") {
			t.Errorf("no time on the status line:\n%s", hs.text())
		}
		hs.keys("?") // a dialog the carry must leave alone
		close(hs.store.carryGate)
		hs.lateResult()
		if hs.app.a.Period != "2027/28" {
			t.Errorf("the new period did not open: %s", hs.app.a.Period)
		}
		if !hs.app.helpOpen() {
			t.Error("the carry's end closed the help the user had opened")
		}
	})
	t.Run("esc cancels it", func(t *testing.T) {
		hs := start(t)
		hs.keys("esc")
		if hs.store.carryCtx.Err() == nil {
			t.Fatal("esc did not cancel the carry")
		}
		if got := hs.text(); !strings.Contains(got, "Cancelled: 2026/27 was not carried forward") || hs.app.screen != screenOverview {
			t.Errorf("no word of the cancel, or esc went back too:\n%s", got)
		}
		hs.lateResult()
		if got := hs.text(); strings.Contains(got, "✗") || hs.app.topForm() != nil || hs.app.a.Period != "2026/27" {
			t.Errorf("the cancelled carry showed an error or its form:\n%s", got)
		}
	})
	t.Run("quitting asks", func(t *testing.T) {
		hs := start(t)
		hs.keys("q")
		if !strings.Contains(hs.text(), "Quit while 2026/27 is being carried forward?") || !strings.Contains(hs.text(), "nothing is saved") {
			t.Errorf("q did not ask:\n%s", hs.text())
		}
		hs.keys("y")
		if hs.store.carryCtx.Err() == nil {
			t.Error("quitting did not cancel the carry")
		}
	})
	t.Run("an export waits for it", func(t *testing.T) {
		hs := start(t)
		hs.keys("x")
		if got := hs.text(); !strings.Contains(got, "2026/27 is being carried forward; wait for it, or press esc to cancel it") || hs.app.topForm() != nil {
			t.Errorf("x during the carry:\n%s", got)
		}
		close(hs.store.carryGate)
		hs.lateResult()
	})
}

// TestDeleteIsLongWork: deleting an assessment from the list copies the
// whole workbook first (three seconds for the xl demo's), so it runs as
// long work: the status line says so for as long as it takes, and esc
// cancels it, leaving the list as it was.
func TestDeleteIsLongWork(t *testing.T) {
	p := planStore(t, true)
	p.deleteGate = make(chan struct{})
	hs := planHarness(t, p, 120, 36)
	hs.slow, hs.late = 100*time.Millisecond, make(chan tea.Msg, 4)
	hs.keys("G", "enter", "esc") // back on the picker
	n := len(hs.app.sc.picker.items)
	hs.keys("g", "d", "y")
	hs.fire(func(m tea.Msg) bool { _, ok := m.(statusClearMsg); return ok })
	if got := hs.text(); !strings.Contains(got, "Backing up the workbook, then deleting ") || !strings.Contains(got, "\nesc cancel · ") {
		t.Fatalf("no word of the delete, or no esc:\n%s", got)
	}
	hs.keys("esc")
	p.mu.Lock()
	c := p.deleteCtx
	p.mu.Unlock()
	if c.Err() == nil || !strings.Contains(hs.text(), "was not deleted") {
		t.Fatalf("esc did not cancel the delete:\n%s", hs.text())
	}
	hs.lateResult()
	if got := hs.text(); strings.Contains(got, "✗") || len(hs.app.sc.picker.items) != n {
		t.Errorf("the cancelled delete showed an error or changed the list:\n%s", got)
	}
}
