package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func isDraftDue(m tea.Msg) bool { _, ok := m.(draftDueMsg); return ok }

func quitPending(hs *harness) bool {
	for _, m := range hs.pending {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// TestDraftSavedWhileTypingSteadily: typing without a pause still saves
// the draft every draftEvery (the defect: only after a second's pause, so a
// minute of steady typing was all lost when the window closed).
func TestDraftSavedWhileTypingSteadily(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter")
	hs.typeText(" first part")
	// No pause: the idle ticks are never fired, only the steady one.
	if n := hs.fire(isDraftDue); n != 1 {
		t.Fatalf("%d steady-typing ticks pending, want 1", n)
	}
	if d := f.drafts["rationale/1/WL-O1"]; !strings.HasSuffix(d.Text, "first part") {
		t.Fatalf("draft after steady typing = %q", d.Text)
	}
	hs.typeText(" second")
	if n := hs.fire(isDraftDue); n != 1 {
		t.Fatalf("no second steady tick: %d", n)
	}
	if d := f.drafts["rationale/1/WL-O1"]; !strings.HasSuffix(d.Text, "first part second") {
		t.Errorf("draft = %q", d.Text)
	}
}

// TestFlushDraftFromAnotherGoroutine: FlushDraft (what the signal handler
// calls) writes what is typed at once, even with no timer fired.
func TestFlushDraftFromAnotherGoroutine(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "a")
	hs.typeText("Hire a CCIO")
	var wg sync.WaitGroup
	var err error
	wg.Add(1)
	go func() { defer wg.Done(); err = hs.app.FlushDraft(context.Background()) }()
	wg.Wait()
	if err != nil || !strings.Contains(f.drafts["action/1/WL-O1/new"].Text, "Hire a CCIO") {
		t.Fatalf("flush: %v, drafts %v", err, f.drafts)
	}
	// Saved and closed: nothing is left to flush, and no stale draft
	// comes back.
	hs.keys("ctrl+s")
	delete(f.drafts, "action/1/WL-O1/new")
	if err := hs.app.FlushDraft(context.Background()); err != nil || len(f.drafts) != 0 {
		t.Errorf("flush after save: %v, drafts %v", err, f.drafts)
	}
}

// TestQuitWithUnsavableDraftWarns: ctrl+c while the draft cannot be
// written warns and stays (the defect: it exited 0 and dropped the text).
func TestQuitWithUnsavableDraftWarns(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter")
	hs.typeText(" typed on a full disk")
	f.draftErr = errors.New("disk full")
	hs.keys("ctrl+c")
	if quitPending(hs) {
		t.Fatal("ctrl+c quit although the draft could not be saved")
	}
	if !strings.Contains(hs.text(), "Your typing is not saved") || !strings.Contains(hs.text(), "disk full") {
		t.Fatalf("no warning:\n%s", hs.text())
	}
	hs.keys("s")
	if quitPending(hs) || !hs.app.editing() || !strings.HasSuffix(hs.app.editorText(), "full disk") {
		t.Fatal("s did not stay in the editor with the text")
	}
	// With space again, ctrl+c saves the draft and quits.
	f.draftErr = nil
	hs.keys("ctrl+c")
	if !quitPending(hs) || !strings.HasSuffix(f.drafts["rationale/1/WL-O1"].Text, "full disk") {
		t.Fatalf("ctrl+c did not save and quit: drafts %v", f.drafts)
	}
}

// TestQuitAnywayAfterWarning: Q or a second ctrl+c on the warning quits.
func TestQuitAnywayAfterWarning(t *testing.T) {
	for _, k := range []string{"Q", "ctrl+c"} {
		f, _ := seeded(t)
		hs := newHarness(t, f, 80, 24)
		hs.keys("enter", "enter", "enter")
		hs.typeText("x")
		f.draftErr = errors.New("disk full")
		hs.keys("ctrl+c", k)
		if !quitPending(hs) {
			t.Errorf("%s on the warning did not quit", k)
		}
	}
}
