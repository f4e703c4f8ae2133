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

// readCounter counts the list and overview reads of a fake store.
type readCounter struct {
	*fakeStore
	lists, overviews atomic.Int32
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
	<-hs.app.pre.done
	if n := r.lists.Load(); n != 1 {
		t.Errorf("the list was read %d times at start, want once", n)
	}
	if n := r.overviews.Load(); n != 1 {
		t.Errorf("the highlighted assessment's overview was read %d times ahead, want once", n)
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
