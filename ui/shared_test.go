package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

func TestChangedNoticeReloadsWithoutWaitingForThePoll(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter") // the overview
	loads := f.count("Assessment")
	f.external(func() {
		f.assessments[a.ID].PutResponse(model.Response{StatementID: "WL-O3", Score: 5, Version: 9})
	})
	hs.send(changedMsg{})
	if f.count("Assessment") != loads+1 || hs.app.a.Score("WL-O3") != 5 {
		t.Fatalf("a change notice did not reload at once (calls %v)", f.calls)
	}

	// A notice during a reload is looked at again after it, since that
	// reload may have read the workbook just before the change.
	hs.app.reloading = true
	hs.send(changedMsg{})
	if f.count("Assessment") != loads+1 {
		t.Fatal("reloaded twice at once")
	}
	hs.app.reloading = false
	if n := hs.fire(func(m tea.Msg) bool { _, ok := m.(changedMsg); return ok }); n != 1 {
		t.Fatalf("%d retries scheduled, want 1", n)
	}
	if f.count("Assessment") != loads+2 {
		t.Fatal("the retried notice did not reload")
	}
}

func TestWaitChanged(t *testing.T) {
	if waitChanged(nil) != nil {
		t.Fatal("a nil channel should wait for nothing")
	}
	ch := make(chan struct{}, 1)
	ch <- struct{}{}
	if msg := waitChanged(ch)(); msg != (changedMsg{fromChannel: true}) {
		t.Fatalf("got %#v", msg)
	}
	close(ch)
	if msg := waitChanged(ch)(); msg != nil {
		t.Fatalf("a closed channel gave %#v", msg)
	}
}

func TestShutdownSavesTheDraftThenQuits(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter") // editing WL-O1's rationale
	hs.typeText(" Half a thought")
	hs.send(ShutdownMsg{})
	d, ok := f.drafts["rationale/1/WL-O1"]
	if !ok || !strings.HasSuffix(d.Text, "Half a thought") {
		t.Fatalf("draft not saved on shutdown: %+v", f.drafts)
	}
	quit := false
	for _, m := range hs.pending {
		if _, ok := m.(tea.QuitMsg); ok {
			quit = true
		}
	}
	if !quit {
		t.Fatal("the app did not quit")
	}
}
