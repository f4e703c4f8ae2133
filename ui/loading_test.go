package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// openedStore is a fake workbook of one assessment with an overdue action
// and evidence on two statements.
func openedStore(t *testing.T) (*fakeStore, *model.Assessment) {
	t.Helper()
	store := newFakeStore()
	a := store.add("Northshire Hospitals NHS FT", "2026/27")
	ctx := context.Background()
	for _, sid := range []string{"WL-O1", "WL-O2"} {
		if _, err := store.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: sid, Title: "Board paper " + sid}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.SaveAction(ctx, a.ID, model.Action{StatementID: "WL-O1", Title: "Agree the strategy", Status: model.StatusOpen,
		Priority: model.PriorityHigh, Due: store.now.AddDate(0, -1, 0)}); err != nil {
		t.Fatal(err)
	}
	return store, a
}

// TestOverviewBeforeActionCounts: the overview shows from the scores and
// evidence counts at once, says the action counts are being counted, and
// fills them in when they arrive.
func TestOverviewBeforeActionCounts(t *testing.T) {
	store, a := openedStore(t)
	hs := newHarness(t, store, 100, 30)
	over, err := store.AssessmentOverview(context.Background(), a.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	_, cmd := hs.app.Update(loadedMsg{a: over})
	if !strings.Contains(hs.text(), "counting…") || !strings.Contains(hs.text(), "Heatmap for the") {
		t.Fatalf("the overview should show with its action counts pending:\n%s", hs.text())
	}
	hs.run(cmd)
	if got := hs.text(); strings.Contains(got, "counting…") || !strings.Contains(got, "1 (1 overdue)") {
		t.Errorf("after the counts arrive the overview should show 1 open action, 1 overdue:\n%s", got)
	}
}

// TestStatementReadsItsItems: opening a statement reads its evidence and
// actions; moving to another reads that one's and drops the first's.
func TestStatementReadsItsItems(t *testing.T) {
	store, a := openedStore(t)
	hs := newHarness(t, store, 100, 30)
	if hs.app.a == nil || hs.app.a.ItemsLoaded("WL-O1") {
		t.Fatalf("the opened assessment should be a summary with no statement's items")
	}
	hs.keys("enter", "enter")
	if hs.app.screen != screenStatement || !hs.app.a.ItemsLoaded("WL-O1") || len(hs.app.a.Evidence["WL-O1"]) != 1 {
		t.Fatalf("opening WL-O1 should read its items (screen %d)", hs.app.screen)
	}
	if hs.keys("tab"); !strings.Contains(hs.text(), "Board paper WL-O1") {
		t.Errorf("the statement screen should list its evidence:\n%s", hs.text())
	}
	hs.keys("]")
	if hs.app.curStatementID() != "WL-O2" || !hs.app.a.ItemsLoaded("WL-O2") || hs.app.a.ItemsLoaded("WL-O1") {
		t.Errorf("on WL-O2 its items should be loaded and WL-O1's dropped: loaded %v", hs.app.a.Loaded)
	}
	if got := hs.app.a.Items("WL-O1", store.now); got.Evidence != 1 || got.Live() != 1 || got.Overdue != 1 {
		t.Errorf("WL-O1's counts after dropping its lists = %+v, want 1 evidence, 1 live, 1 overdue", got)
	}
	_ = a
}

// TestEscCancelsALongRead: esc cancels the read the status line says is
// running, and the app says so.
func TestEscCancelsALongRead(t *testing.T) {
	store, _ := openedStore(t)
	hs := newHarness(t, store, 100, 30)
	c := hs.app.longCtx()
	hs.app.long("Reading the trend…", nil)
	if !strings.Contains(hs.text(), "esc cancels") {
		t.Errorf("the status line should say esc cancels:\n%s", hs.text())
	}
	hs.keys("esc")
	select {
	case <-c.Done():
	case <-time.After(time.Second):
		t.Fatal("esc did not cancel the read")
	}
	if !strings.Contains(hs.text(), "Cancelled") {
		t.Errorf("the status line should say the read was cancelled:\n%s", hs.text())
	}
}

// TestLongReadResults: a long read says what it reads for as long as it
// runs, not for a few seconds; the result of one esc cancelled is dropped
// rather than shown as "✗ … context canceled", and so is that of one a
// newer read replaced, which must neither end the newer read nor show its
// screen.
func TestLongReadResults(t *testing.T) {
	store, _ := openedStore(t)
	hs := newHarness(t, store, 100, 30)
	c1 := hs.app.longCtx()
	stale := hs.app.long("Comparing…", func() tea.Msg {
		return comparedMsg{err: fmt.Errorf("read assessments 1 and 2 to compare: %w", context.Canceled)}
	})
	hs.fire(func(m tea.Msg) bool { _, ok := m.(statusClearMsg); return ok })
	if !strings.Contains(hs.text(), "Comparing… (esc cancels)") {
		t.Errorf("the status line should still say what is read:\n%s", hs.text())
	}
	hs.keys("esc")
	if c1.Err() == nil || !strings.Contains(hs.text(), "Cancelled") {
		t.Fatalf("esc did not cancel the read:\n%s", hs.text())
	}
	hs.run(stale)
	if got := hs.text(); strings.Contains(got, "✗") || !strings.Contains(got, "Cancelled") {
		t.Errorf("the cancelled read's result was shown:\n%s", got)
	}

	c2 := hs.app.longCtx()
	replaced := hs.app.long("Reading the trend…", func() tea.Msg { return trendMsg{err: errors.New("stale")} })
	c3 := hs.app.longCtx()
	current := hs.app.long("Reading the trend…", func() tea.Msg { return trendMsg{err: errors.New("the trend's own error")} })
	if c2.Err() == nil {
		t.Error("a newer read should cancel the one it replaces")
	}
	hs.run(replaced)
	if c3.Err() != nil || strings.Contains(hs.text(), "stale") {
		t.Errorf("the replaced read's result ended the newer read or showed:\n%s", hs.text())
	}
	hs.run(current)
	if c3.Err() == nil || !strings.Contains(hs.text(), "✗ the trend's own error") || strings.Contains(hs.text(), "esc cancels") {
		t.Errorf("the current read's result should end it and show:\n%s", hs.text())
	}
}
