package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// readCounter counts the list, overview and action count reads of a fake
// store; overviews counts the overviews read with their action counts
// (AssessmentSummary) as well as those read without (AssessmentOverview).
type readCounter struct {
	*fakeStore
	lists, overviews, counts atomic.Int32
	// gate, when set, holds each count of the actions until it is closed.
	gate chan struct{}
}

func (r *readCounter) AssessmentSummary(ctx context.Context, id int64, now time.Time, sid string) (*model.Assessment, error) {
	r.overviews.Add(1)
	r.counts.Add(1)
	return r.fakeStore.AssessmentSummary(ctx, id, now, sid)
}

func (r *readCounter) ActionCounts(ctx context.Context, id int64, now time.Time) (map[string]model.ItemCounts, error) {
	r.counts.Add(1)
	if r.gate != nil {
		<-r.gate
	}
	return r.fakeStore.ActionCounts(ctx, id, now)
}

func (r *readCounter) Assessments(ctx context.Context) ([]model.Header, error) {
	r.lists.Add(1)
	return r.fakeStore.Assessments(ctx)
}

func (r *readCounter) AssessmentOverview(ctx context.Context, id int64, sid string) (*model.Assessment, error) {
	r.overviews.Add(1)
	return r.fakeStore.AssessmentOverview(ctx, id, sid)
}

// prefetchedHarness is newHarness with Prefetch called before the program
// starts, as 'wgll open' does.
func prefetchedHarness(t *testing.T, r *readCounter) *harness {
	t.Helper()
	hs := &harness{t: t, store: r.fakeStore}
	hs.app = New(Config{Store: r, CriteriaTOML: []byte("# test"), Now: func() time.Time { return r.now }, NoColor: true})
	hs.app.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { hs.pending = append(hs.pending, msg); return nil }
	}
	hs.app.Prefetch()
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	hs.run(hs.app.Init())
	return hs
}

// TestPrefetchReadsAheadOnce: the list of assessments is read once, ahead
// of the program, and enter on the picker opens the highlighted
// assessment from the overview read ahead, without reading it again.
// Opening it a second time reads it as always.
func TestPrefetchReadsAheadOnce(t *testing.T) {
	f := newFakeStore()
	// The fake lists by id: the first is the one the picker highlights.
	first := f.add("Trust", "2025/26")
	f.add("Trust", "2026/27")
	r := &readCounter{fakeStore: f}
	hs := prefetchedHarness(t, r)
	if hs.app.screen != screenPicker {
		t.Fatalf("screen %v, want the picker", hs.app.screen)
	}
	<-hs.app.pre.counted
	if n := r.lists.Load(); n != 1 {
		t.Errorf("the list was read %d times at start, want once", n)
	}
	if n := r.overviews.Load(); n != 1 {
		t.Errorf("the highlighted assessment's overview was read %d times ahead, want once", n)
	}
	if n := r.counts.Load(); n != 1 {
		t.Errorf("its actions were counted %d times ahead, want once, with the overview", n)
	}
	hs.keys("enter")
	if hs.app.screen != screenOverview || hs.app.a == nil || hs.app.a.ID != first.ID {
		t.Fatalf("enter on the picker: screen %v, want the overview of %d", hs.app.screen, first.ID)
	}
	if n := r.overviews.Load(); n != 1 {
		t.Errorf("opening read the overview again (%d reads), want the one read ahead", n)
	}
	if !strings.Contains(hs.text(), "Heatmap for the") {
		t.Errorf("the overview is not on screen:\n%s", hs.text())
	}
	// The action counts were read ahead with it: the overview's first
	// frame is whole, and nothing is counted behind it.
	if hs.app.a.ActionsPending {
		t.Error("the overview opened from the read ahead still waits for its action counts")
	}
	if n := r.counts.Load(); n != 1 {
		t.Errorf("the actions were counted %d times in all, want once, ahead with the overview", n)
	}
	hs.keys("esc")
	hs.keys("enter")
	if n := r.overviews.Load(); n != 2 {
		t.Errorf("opening again made %d overview reads in all, want 2 (the read ahead is used once)", n)
	}
}

// TestPrefetchStaleIsReadAgain: when the workbook changes after the
// overview was read ahead, opening reads it again and shows the change.
func TestPrefetchStaleIsReadAgain(t *testing.T) {
	f := newFakeStore()
	first := f.add("Trust", "2025/26") // the first listed
	f.add("Trust", "2026/27")
	r := &readCounter{fakeStore: f}
	hs := prefetchedHarness(t, r)
	<-hs.app.pre.done
	f.external(func() {
		first.Responses["WL-O1"] = model.Response{StatementID: "WL-O1", Score: 4}
	})
	hs.keys("enter")
	if n := r.overviews.Load(); n != 2 {
		t.Errorf("%d overview reads, want 2: the one read ahead was out of date", n)
	}
	if hs.app.a == nil || hs.app.a.Responses["WL-O1"].Score != 4 {
		t.Errorf("the overview opened does not show the change made after the read ahead")
	}
}

// TestPrefetchOtherAssessment: opening another assessment than the one
// read ahead reads that one, and drops the read ahead.
func TestPrefetchOtherAssessment(t *testing.T) {
	f := newFakeStore()
	f.add("Trust", "2025/26") // the first listed, read ahead
	second := f.add("Trust", "2026/27")
	r := &readCounter{fakeStore: f}
	hs := prefetchedHarness(t, r)
	<-hs.app.pre.done
	hs.keys("down", "enter")
	if hs.app.a == nil || hs.app.a.ID != second.ID {
		t.Fatalf("opened %v, want assessment %d", hs.app.a, second.ID)
	}
	hs.app.pre.mu.Lock()
	held := hs.app.pre.overview != nil
	hs.app.pre.mu.Unlock()
	if held {
		t.Error("the overview read ahead is still held after another assessment was opened")
	}
}

// TestPrefetchReadsCountsAhead: the overview read ahead carries the action
// counts, so the overview enter opens shows them in its first frame, the
// overdue actions among them; read ahead on one day and opened on the
// next, it is read again, since what is overdue has changed.
func TestPrefetchReadsCountsAhead(t *testing.T) {
	f := newFakeStore()
	first := f.add("Trust", "2025/26") // the first listed, read ahead
	f.add("Trust", "2026/27")
	first.PutAction(model.Action{ID: 1, StatementID: "WL-O1", Title: "Due tomorrow", Status: model.StatusOpen, Due: model.Day(f.now.AddDate(0, 0, 1))})
	r := &readCounter{fakeStore: f}
	hs := prefetchedHarness(t, r)
	<-hs.app.pre.counted
	hs.keys("enter")
	if hs.app.a == nil || hs.app.a.ActionsPending {
		t.Fatal("the overview opened from the read ahead waits for its action counts")
	}
	if c := hs.app.a.Counts["WL-O1"]; c.Open != 1 || c.Overdue != 0 {
		t.Errorf("WL-O1 counts %+v, want one open action, not overdue", c)
	}

	// Read ahead today, opened the day after tomorrow: read again, and
	// the action is overdue.
	f = newFakeStore()
	first = f.add("Trust", "2025/26")
	f.add("Trust", "2026/27")
	first.PutAction(model.Action{ID: 1, StatementID: "WL-O1", Title: "Due tomorrow", Status: model.StatusOpen, Due: model.Day(f.now.AddDate(0, 0, 1))})
	r = &readCounter{fakeStore: f}
	hs = prefetchedHarness(t, r)
	<-hs.app.pre.counted
	r.now = r.now.AddDate(0, 0, 2)
	hs.keys("enter")
	if n := r.overviews.Load(); n != 2 {
		t.Errorf("%d overview reads, want 2: the counts read ahead were of the day before", n)
	}
	if hs.app.a == nil || hs.app.a.Counts["WL-O1"].Overdue != 1 {
		t.Errorf("opened a day later, WL-O1 counts %+v, want the action overdue", hs.app.a.Counts["WL-O1"])
	}
}

// TestPrefetchCountsFollowTheOverview: enter pressed before the counts
// read ahead are ready opens the overview at once, waiting for them, and
// they reach it when they are ready, counted once.
func TestPrefetchCountsFollowTheOverview(t *testing.T) {
	f := newFakeStore()
	first := f.add("Trust", "2025/26") // the first listed, read ahead
	f.add("Trust", "2026/27")
	first.PutAction(model.Action{ID: 1, StatementID: "WL-O1", Title: "Late", Status: model.StatusOpen, Due: model.Day(f.now.AddDate(0, 0, -1))})
	r := &readCounter{fakeStore: f, gate: make(chan struct{})}
	hs := prefetchedHarness(t, r)
	<-hs.app.pre.done // the overview is read; its counts are held at the gate
	_, cmd := hs.app.Update(keyMsg("enter"))
	var later []tea.Cmd
	for _, msg := range collectMsgs(cmd) {
		if d, ok := msg.(longDoneMsg); ok { // the open, a long read
			if _, ok := d.msg.(loadedMsg); ok {
				_, next := hs.app.Update(msg)
				later = append(later, next)
			}
		}
	}
	if hs.app.a == nil || hs.app.a.ID != first.ID || !hs.app.a.ActionsPending {
		t.Fatalf("enter before the counts were ready: open %v, want assessment %d waiting for its counts", hs.app.a, first.ID)
	}
	if !strings.Contains(hs.text(), "Heatmap for the") {
		t.Errorf("the overview is not on screen while its counts are read:\n%s", hs.text())
	}
	close(r.gate)
	for _, c := range later {
		hs.run(c)
	}
	if hs.app.a.ActionsPending || hs.app.a.Counts["WL-O1"].Overdue != 1 {
		t.Errorf("the counts read ahead did not reach the open overview: pending %v, WL-O1 %+v", hs.app.a.ActionsPending, hs.app.a.Counts["WL-O1"])
	}
	if n := r.counts.Load(); n != 1 {
		t.Errorf("the actions were counted %d times, want once (ahead)", n)
	}
}

// collectMsgs runs cmd, and the commands of any batch it gives, and
// returns their messages without applying them.
func collectMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, collectMsgs(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
