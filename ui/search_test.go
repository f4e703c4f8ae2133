package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// manyItems gives WL-O1 n more evidence items, "Item 001" on, and n
// actions, "Task 001" on.
func manyItems(t *testing.T, f *fakeStore, aid int64, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 1; i <= n; i++ {
		if _, err := f.SaveEvidence(ctx, aid, model.Evidence{StatementID: "WL-O1", Title: fmt.Sprintf("Item %03d", i)}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.SaveAction(ctx, aid, model.Action{StatementID: "WL-O1", Title: fmt.Sprintf("Task %03d", i), Status: model.StatusOpen}); err != nil {
			t.Fatal(err)
		}
	}
	f.undo, f.calls = nil, nil
}

// TestSearchReadsThroughTheStore: / asks the store for the hits as the
// user types (Store.Search), never reading the assessment whole, and enter
// goes to the hit.
func TestSearchReadsThroughTheStore(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 100, 30)
	hs.keys("/")
	hs.typeText("BOARD paper")
	if !strings.Contains(hs.text(), "2 found") || !strings.Contains(hs.text(), "WL-O1  evidence: Board paper 2026-03") {
		t.Fatalf("no hit shown:\n%s", hs.text())
	}
	if !hs.calledWith("Search 1 [\"board\" \"paper\"]") {
		t.Errorf("the store was not searched for the words typed: %v", f.calls)
	}
	hs.keys("down", "enter")
	if hs.app.screen != screenStatement || hs.app.curStatementID() != "WL-O1" || hs.app.sc.statement.pane != paneEvidence {
		t.Errorf("enter went to %v %s pane %v", hs.app.screen, hs.app.curStatementID(), hs.app.sc.statement.pane)
	}
	if f.wholeReads != 0 {
		t.Errorf("the assessment was read whole %d times", f.wholeReads)
	}
}

// TestSearchOfThousands: a word in hundreds of items (300 and the seeded item linked to "item 7") lists the first
// searchLimit and says how many there are; enter on an item far down a
// statement's list selects it once the statement's items are read.
func TestSearchOfThousands(t *testing.T) {
	f, a := seeded(t)
	manyItems(t, f, a.ID, 300)
	hs := newHarness(t, f, 100, 30)
	hs.keys("/")
	hs.typeText("item")
	if want := fmt.Sprintf("301 found; the first %d shown", searchLimit); !strings.Contains(hs.text(), want) {
		t.Fatalf("want %q:\n%s", want, hs.text())
	}
	if s := hs.app.top().(*search); len(s.hits) != searchLimit {
		t.Errorf("%d hits held, want %d", len(s.hits), searchLimit)
	}
	for range 2 {
		hs.keys("backspace")
	}
	hs.typeText("em 250")
	if !strings.Contains(hs.text(), "1 found") {
		t.Fatalf("item 250 not found alone:\n%s", hs.text())
	}
	hs.keys("enter")
	st := hs.app.sc.statement
	ev, ok := st.curEvidence(hs.app)
	if !ok || ev.Title != "Item 250" || st.pane != paneEvidence {
		t.Errorf("selected %q (pane %v), want Item 250 on the evidence pane", ev.Title, st.pane)
	}
	// An action, from the statement screen itself.
	hs.keys("/")
	hs.typeText("task 299")
	hs.keys("enter")
	x, ok := st.curAction(hs.app)
	if !ok || x.Title != "Task 299" || st.pane != paneActions {
		t.Errorf("selected %q (pane %v), want Task 299 on the actions pane", x.Title, st.pane)
	}
	if f.wholeReads != 0 {
		t.Errorf("the assessment was read whole %d times", f.wholeReads)
	}
}

// TestSearchCancelsTheOneBefore: each keystroke cancels the search still
// running for the text before, whose result, if it comes, is dropped; the
// hits shown are always the latest text's.
func TestSearchCancelsTheOneBefore(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 100, 30)
	hs.keys("/")
	s := hs.app.top().(*search)
	_, first := s.update(tea.KeyPressMsg{Code: 'b', Text: "b"}, hs.app.keys)
	_, second := s.update(tea.KeyPressMsg{Code: 'o', Text: "o"}, hs.app.keys)
	if first == nil || second == nil {
		t.Fatal("typing started no search")
	}
	if !strings.Contains(s.view(hs.app.styles, hs.app.lay), "Searching…") {
		t.Errorf("no sign of the search running:\n%s", s.view(hs.app.styles, hs.app.lay))
	}
	old := first().(searchMsg)
	if old.err == nil {
		t.Errorf("the first search was not cancelled: %+v", old)
	}
	newer := second().(searchMsg)
	hs.send(newer)
	hs.send(searchMsg{seq: old.seq, res: model.SearchResult{Total: 99, Hits: []model.SearchHit{{Kind: model.HitStatement, StatementID: "SF-O1"}}}})
	if s.total != newer.res.Total || s.err != "" || s.busy {
		t.Errorf("shows %d hits (err %q, busy %v), want the latest search's %d", s.total, s.err, s.busy, newer.res.Total)
	}
	// esc cancels a search still running.
	_, cmd := s.update(tea.KeyPressMsg{Code: 'a', Text: "a"}, hs.app.keys)
	hs.keys("esc")
	if msg := cmd().(searchMsg); msg.err == nil {
		t.Errorf("closing left the search running: %+v", msg)
	}
}

// TestSearchSanitisesHits: titles from the workbook are shown through
// oneLine, with no escape sequence or line break reaching the terminal.
func TestSearchSanitisesHits(t *testing.T) {
	f, a := seeded(t)
	ctx := context.Background()
	f.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: "SF-O1", Title: "Hostile\x1b[2J\x1b]52;c;aGk=\x07 title\nsecond line"})
	f.SaveAction(ctx, a.ID, model.Action{StatementID: "SF-O1", Title: "Hostile \x1b[31maction\r\x9b", Status: model.StatusOpen})
	hs := newHarness(t, f, 100, 30)
	hs.keys("/")
	hs.typeText("hostile")
	v := hs.view()
	if !strings.Contains(v, "2 found") {
		t.Fatalf("hostile items not found:\n%s", hs.text())
	}
	for _, bad := range []string{"\x1b[2J", "\x1b]52", "\x07", "\r", "\x9b", "\x1b[31m"} {
		if strings.Contains(v, bad) {
			t.Errorf("the view holds %q:\n%q", bad, v)
		}
	}
	if !strings.Contains(hs.text(), "SF-O1  evidence: Hostile title second line") {
		t.Errorf("the hit is not shown on one line:\n%s", hs.text())
	}
}

// TestPlanReadsNoWholeAssessment: the plan opens from the summary and the
// store's PlanSupport for its gaps; the assessment is never read whole,
// and the plan lists the gaps' actions as before.
func TestPlanReadsNoWholeAssessment(t *testing.T) {
	p := planStore(t, false)
	hs := planHarness(t, p, 100, 30)
	hs.keys("p")
	if hs.app.screen != screenPlan || !strings.Contains(hs.text(), "Improvement plan") {
		t.Fatalf("the plan did not open:\n%s", hs.text())
	}
	if !hs.calledWith("PlanSupport") || p.wholeReads != 0 {
		t.Errorf("plan read: calls %v, %d whole reads", p.calls, p.wholeReads)
	}
	want := planLines(hs.app.a, model.BuildPlan(p.assessmentWithPlan(t, hs.app.a.ID), hs.app.now()), hs.app.styles, hs.app.lay.width, hs.app.now())
	got := hs.app.sc.plan.lines(hs.app)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the plan from PlanSupport differs from the plan of the whole assessment:\n%s\n---\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// assessmentWithPlan is the fake's whole assessment with its targets and
// sign-off, read without counting as the app's read.
func (p *planFake) assessmentWithPlan(t *testing.T, id int64) *model.Assessment {
	t.Helper()
	a, err := p.Assessment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	p.wholeReads--
	return a
}

// TestSearchWaitsForTheNextKey: a search waits searchDelay for the next
// keystroke, which ends the wait at once without reading the file.
func TestSearchWaitsForTheNextKey(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 100, 30)
	hs.keys("/")
	searchDelay = time.Hour
	defer func() { searchDelay = 0 }()
	s := hs.app.top().(*search)
	_, first := s.update(tea.KeyPressMsg{Code: 'b', Text: "b"}, hs.app.keys)
	s.update(tea.KeyPressMsg{Code: 'o', Text: "o"}, hs.app.keys)
	done := make(chan tea.Msg, 1)
	go func() { done <- first() }()
	select {
	case msg := <-done:
		if msg.(searchMsg).err == nil {
			t.Errorf("the first search ran: %+v", msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the first search kept waiting after the next key")
	}
	if hs.calledWith("Search") {
		t.Errorf("the store was searched during the wait: %v", f.calls)
	}
}
