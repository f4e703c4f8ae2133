package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

func isDraftTick(m tea.Msg) bool { _, ok := m.(draftTickMsg); return ok }
func isPoll(m tea.Msg) bool      { _, ok := m.(pollTickMsg); return ok }

// count is how many recorded store calls start with prefix.
func (f *fakeStore) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func TestDraftAutosave(t *testing.T) {
	tests := []struct {
		name      string
		open      []string
		text      string
		finish    []string
		wantKey   string
		wantSaves int
		kept      bool
	}{
		{"rationale draft saved after a pause, dropped on save", []string{"enter", "enter", "enter"}, " and more", []string{"esc"}, "rationale/1/WL-O1", 1, false},
		{"evidence draft dropped on cancel (esc asks first)", []string{"enter", "enter", "e"}, "Minutes", []string{"esc", "y"}, "evidence/1/WL-O1/new", 1, false},
		{"action draft kept while the form is open", []string{"enter", "enter", "a"}, "Train", nil, "action/1/WL-O1/new", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := seeded(t)
			hs := newHarness(t, f, 80, 24)
			hs.keys(tt.open...)
			hs.typeText(tt.text)
			// One tick per keystroke; only the last one saves.
			if n := hs.fire(isDraftTick); n != len([]rune(tt.text)) {
				t.Fatalf("fired %d draft ticks, want %d", n, len([]rune(tt.text)))
			}
			if got := f.count("SaveDraft " + tt.wantKey); got != tt.wantSaves {
				t.Fatalf("SaveDraft %s called %d times, want %d (calls %v)", tt.wantKey, got, tt.wantSaves, f.calls)
			}
			if d := f.drafts[tt.wantKey]; !strings.Contains(d.Text, strings.TrimSpace(tt.text)) {
				t.Fatalf("draft text %q lacks %q", d.Text, tt.text)
			}
			hs.keys(tt.finish...)
			if _, ok := f.drafts[tt.wantKey]; ok != tt.kept {
				t.Errorf("draft kept = %v, want %v", ok, tt.kept)
			}
		})
	}
}

func TestDraftOfferedOnStart(t *testing.T) {
	tests := []struct {
		name   string
		draft  model.Draft
		answer string
		check  func(t *testing.T, f *fakeStore, hs *harness)
	}{
		{"restore rationale", model.Draft{Key: "rationale/1/WL-O2", Label: "Rationale for WL-O2", Text: "Half typed"}, "r",
			func(t *testing.T, f *fakeStore, hs *harness) {
				if !hs.app.editing() || hs.app.editorText() != "Half typed" || hs.app.curStatementID() != "WL-O2" {
					t.Fatalf("editor active %v text %q on %s", hs.app.editing(), hs.app.editorText(), hs.app.curStatementID())
				}
				hs.keys("esc")
				if got := f.assessments[1].Responses["WL-O2"].Rationale; got != "Half typed" {
					t.Errorf("saved rationale %q", got)
				}
				if len(f.drafts) != 0 {
					t.Errorf("draft not discarded after save: %v", f.drafts)
				}
			}},
		{"restore action form", model.Draft{Key: "action/1/WL-O1/new", Label: "Action for WL-O1", Text: `{"title":"Hire a CCIO","owner":"CEO","due":"2026-09-30","status":"open","priority":"high"}`}, "enter",
			func(t *testing.T, f *fakeStore, hs *harness) {
				if hs.app.topForm() == nil || hs.app.topForm().values()["title"] != "Hire a CCIO" || hs.app.topForm().values()["priority"] != "high" {
					t.Fatalf("form not restored: %+v", hs.app.topForm())
				}
				hs.keys("ctrl+s")
				if acts := f.assessments[1].Actions["WL-O1"]; len(acts) != 2 || acts[1].Owner != "CEO" {
					t.Errorf("actions %+v", acts)
				}
			}},
		{"discard", model.Draft{Key: "rationale/1/WL-O2", Label: "Rationale for WL-O2", Text: "junk"}, "d",
			func(t *testing.T, f *fakeStore, hs *harness) {
				if len(f.drafts) != 0 || hs.app.editing() {
					t.Errorf("draft kept or editor opened")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, a := seeded(t)
			tt.draft.AssessmentID = a.ID
			f.drafts[tt.draft.Key] = tt.draft
			hs := newHarness(t, f, 80, 24)
			if hs.app.testOffer() == nil || !strings.Contains(hs.text(), "Unsaved draft found") {
				t.Fatalf("draft not offered:\n%s", hs.text())
			}
			hs.keys(tt.answer)
			tt.check(t, f, hs)
		})
	}
}

func TestLiveViewReloadsOthersChanges(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter") // edit WL-O1's rationale
	hs.typeText(" mine")
	hs.fire(isPoll) // first poll learns the version
	loads := f.count("Assessment")
	hs.fire(isPoll)
	if f.count("Assessment") != loads {
		t.Fatal("reloaded with nothing changed")
	}
	// Our own save does not trigger a reload.
	hs.keys("esc", "4")
	hs.fire(isPoll)
	if f.count("Assessment") != loads {
		t.Fatal("reloaded for our own change")
	}
	hs.keys("enter")
	hs.typeText(" again")
	f.external(func() {
		f.assessments[a.ID].PutResponse(model.Response{StatementID: "WL-O2", Score: 5, Version: 9})
		f.assessments[a.ID].PutEvidence(model.Evidence{ID: 100, StatementID: "WL-O1", Title: "Their evidence"})
	})
	hs.fire(isPoll)
	if f.count("Assessment") != loads+1 {
		t.Fatalf("did not reload after another process's commit (calls %v)", f.calls)
	}
	if hs.app.a.Score("WL-O2") != 5 || len(hs.app.a.Evidence["WL-O1"]) != 2 {
		t.Error("reloaded data not shown")
	}
	if !hs.app.editing() || hs.app.editorText() != "Strategy approved in March. mine again" {
		t.Errorf("editor disturbed: active %v, text %q", hs.app.editing(), hs.app.editorText())
	}
	if hs.app.curStatementID() != "WL-O1" {
		t.Errorf("cursor moved to %s", hs.app.curStatementID())
	}
}

func TestUndo(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "5", "4") // WL-O1=5, WL-O2=4
	hs.keys("u")
	if !strings.Contains(hs.text(), "Undid score of statement WL-O2") {
		t.Fatalf("status does not say what was undone:\n%s", hs.text())
	}
	if hs.app.a.Score("WL-O2") != 3 || f.assessments[a.ID].Score("WL-O2") != 3 {
		t.Fatal("WL-O2 not restored to 3")
	}
	hs.keys("u")
	if hs.app.a.Score("WL-O1") != 2 {
		t.Fatal("second undo did not restore WL-O1")
	}
	hs.keys("u")
	if !strings.Contains(hs.text(), "nothing to undo") {
		t.Fatalf("empty undo not reported:\n%s", hs.text())
	}
}

func TestRationaleConflictKeepsBothTexts(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter")
	hs.typeText(" Mine.")
	f.external(func() {
		r := f.assessments[a.ID].Responses["WL-O1"]
		r.Rationale, r.Version, r.UpdatedBy = "Theirs: approved in April.", r.Version+1, "secretary"
		f.assessments[a.ID].PutResponse(r)
	})
	hs.keys("esc")
	v := hs.text()
	for _, want := range []string{"changed by secretary", "Theirs: approved in April.", "Strategy approved in March. Mine."} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if !hs.app.editing() {
		t.Fatal("editor closed on conflict")
	}
	if d, ok := f.drafts["rationale/1/WL-O1"]; !ok || d.Text != "Strategy approved in March. Mine." {
		t.Errorf("user's text not kept as a draft: %+v", f.drafts)
	}
	hs.keys("esc") // save the merged text over theirs
	if got := f.assessments[a.ID].Responses["WL-O1"].Rationale; got != "Strategy approved in March. Mine." {
		t.Errorf("after merge rationale = %q", got)
	}
	if hs.app.editing() || len(f.drafts) != 0 {
		t.Errorf("editor open %v, drafts %v", hs.app.editing(), f.drafts)
	}
}

// TestLiveViewSeesChangeBeforeFirstPoll: someone else commits after the
// assessment was loaded but before the first poll; the first poll must
// still see it as a change (the end-to-end live-view test caught this).
func TestLiveViewSeesChangeBeforeFirstPoll(t *testing.T) {
	f, a := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter") // the overview is open: the load read the version
	loads := f.count("Assessment")
	f.external(func() {
		f.assessments[a.ID].PutResponse(model.Response{StatementID: "WL-O3", Score: 5, Version: 9})
	})
	hs.fire(isPoll)
	if f.count("Assessment") != loads+1 {
		t.Fatalf("the first poll did not reload after a commit made before it (calls %v)", f.calls)
	}
	if hs.app.a.Score("WL-O3") != 5 {
		t.Error("the other person's score is not shown")
	}
}

// TestListRowsRedrawAfterChanges: the statement screen caches list lines,
// and every change to the assessment (ours or another process's) must show.
func TestListRowsRedrawAfterChanges(t *testing.T) {
	f, a := seeded(t)
	ctx := context.Background()
	f.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: "WL-O1", Title: "Second item"})
	hs := newHarness(t, f, 100, 30)
	hs.keys("enter", "enter", "tab") // WL-O1's evidence pane, cursor on the first item
	if v := hs.text(); !strings.Contains(v, "Second item") {
		t.Fatalf("second item not shown:\n%s", v)
	}
	hs.fire(isPoll)
	f.external(func() {
		ev := f.assessments[a.ID].Evidence["WL-O1"]
		ev[1].Title = "Renamed elsewhere"
		f.assessments[a.ID].PutEvidence(ev[1])
	})
	hs.fire(isPoll)
	if v := hs.text(); !strings.Contains(v, "Renamed elsewhere") || strings.Contains(v, "Second item") {
		t.Fatalf("a cached row survived another process's change:\n%s", v)
	}
	hs.keys("tab") // actions pane
	hs.keys("s")   // our own change: next status
	if v := hs.text(); !strings.Contains(v, "[in-progress]") {
		t.Fatalf("our own status change not drawn:\n%s", v)
	}
}

// TestOpenAssessmentGone: when the open assessment is no longer in the
// workbook (an undo of starting it, or someone else deleting it), the app
// goes back to the list and says so; it used to keep showing it, with
// "✗ read assessment: load assessment 4: not found" on the status line
// (found: carry forward, then u).
func TestOpenAssessmentGone(t *testing.T) {
	f, a := seeded(t)
	other := f.add("Southshire Community Trust", "2026/27")
	hs := newHarness(t, f, 100, 30)
	if hs.app.screen != screenPicker {
		t.Fatalf("screen %v, want the picker", hs.app.screen)
	}
	hs.keys("enter", "enter", "enter", "enter") // a's WL-O1, editing its rationale
	if hs.app.a == nil || hs.app.a.ID != a.ID || !hs.app.editing() {
		t.Fatalf("did not open assessment %d's rationale", a.ID)
	}
	hs.fire(isPoll) // the first poll learns the version
	f.external(func() { delete(f.assessments, a.ID) })
	hs.fire(isPoll)
	got := hs.text()
	if hs.app.screen != screenPicker || hs.app.editing() || hs.app.a != nil {
		t.Errorf("screen %v, editing %v: want the list", hs.app.screen, hs.app.editing())
	}
	if strings.Contains(got, "✗") || !strings.Contains(got, "Northshire Hospitals NHS FT · 2026/27 is no longer in the workbook") {
		t.Errorf("status:\n%s", got)
	}
	if !strings.Contains(got, other.Organisation) || strings.Contains(got, "› Northshire") {
		t.Errorf("the list was not read again:\n%s", got)
	}
}
