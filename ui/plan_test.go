package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"wgll/data/export"
	"wgll/model"
)

// planFake is fakeStore with targets, trust fields and the sign-off lock,
// as the real store keeps them: a write to a signed-off assessment is
// refused with model.ErrLocked.
type planFake struct {
	*fakeStore
	signed map[int64]model.SignOff
	// deleteGate, when set, holds DeleteAssessment until it is closed or
	// the call's context is cancelled; deleteCtx is that context.
	deleteGate chan struct{}
	deleteCtx  context.Context
}

func (p *planFake) Assessment(ctx context.Context, id int64) (*model.Assessment, error) {
	a, err := p.fakeStore.Assessment(ctx, id)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	src := p.assessments[id]
	a.Targets, a.MeasureTargets, a.SignOff = src.Targets, src.MeasureTargets, p.signed[id]
	return a, nil
}

func (p *planFake) locked(id int64) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if so, ok := p.signed[id]; ok {
		return fmt.Errorf("assessment %d: %s: %w", id, so.LockedMessage(id), model.ErrLocked)
	}
	return nil
}

func (p *planFake) SetScore(ctx context.Context, aid int64, sid string, s model.Score) (model.Response, error) {
	if err := p.locked(aid); err != nil {
		return model.Response{}, err
	}
	return p.fakeStore.SetScore(ctx, aid, sid, s)
}

func (p *planFake) SignOff(ctx context.Context, id int64, so model.SignOff) (model.SignOff, error) {
	if err := p.locked(id); err != nil {
		return so, err
	}
	if err := so.Validate(); err != nil {
		return so, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	so.SignedBy, so.SignedAt = "tester", p.now
	p.signed[id] = so
	p.bump()
	return so, nil
}

func (p *planFake) Unlock(ctx context.Context, id int64, reason string) (model.SignOff, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	so, ok := p.signed[id]
	if !ok {
		return so, fmt.Errorf("assessment %d is not signed off", id)
	}
	delete(p.signed, id)
	p.bump()
	return so, nil
}

// planStore is a trust with targets, gaps of each kind and stale and
// low-confidence evidence, and (with members) two more organisations for
// the ICS view. The fake's clock is 2026-06-15.
func planStore(t *testing.T, members bool) *planFake {
	t.Helper()
	f := newFakeStore()
	ctx := context.Background()
	a := f.add("Northshire Hospitals NHS FT", "2026/27")
	for sid, s := range map[string]model.Score{"WL-O1": 1, "WL-O2": 2, "WL-O3": 4, "SF-O1": 2, "SF-O2": 3} {
		f.SetScore(ctx, a.ID, sid, s)
	}
	a.MeasureTargets = map[string]model.Target{"well-led": {Level: 4, Due: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)}, "smart-foundations": {Level: 3}}
	a.Targets = map[string]model.Target{"SF-O2": {Level: 5, Due: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)}}
	f.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: "WL-O2", Title: "Board paper 2025-03, item 7", Owner: "Ann Smith", NeedsReview: true, Also: "SF-O1"})
	f.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: "SF-O2", Title: "EPR coverage figures", Owner: "CIO", Confidence: model.ConfidenceLow})
	f.SaveAction(ctx, a.ID, model.Action{StatementID: "WL-O1", Title: "Adopt the digital strategy at the board", Owner: "Chief Executive", Due: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Status: model.StatusOpen})
	f.SaveAction(ctx, a.ID, model.Action{StatementID: "WL-O2", Title: "Appoint a CCIO", Owner: "Medical Director", Due: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Status: model.StatusInProgress})
	if members {
		for i, org := range []string{"Riverside Community Trust", "Eastbay Mental Health FT"} {
			m := f.add(org, "2026/27")
			for j, sid := range []string{"WL-O1", "WL-O2", "SF-O1"} {
				f.SetScore(ctx, m.ID, sid, model.Score(1+(i+j)%5))
			}
		}
		old := f.add("Riverside Community Trust", "2025/26")
		f.SetScore(ctx, old.ID, "WL-O1", 1)
	}
	f.undo, f.calls = nil, nil
	return &planFake{fakeStore: f, signed: map[int64]model.SignOff{}}
}

func planHarness(t *testing.T, p *planFake, w, h int) *harness {
	t.Helper()
	return newHarness(t, p.fakeStore, w, h, func(c *Config) { c.Store = p })
}

// TestGoldenPlanScreens pins the plan, the gap and target heatmaps and the
// ICS view at 80x24 and 160x45, without colour.
func TestGoldenPlanScreens(t *testing.T) {
	tests := []struct {
		name    string
		members bool
		keys    []string
	}{
		{"plan", false, []string{"p"}},
		{"plan_scrolled", false, []string{"p", "pgdown"}},
		{"heatmap_gap", false, []string{"v", "v"}},
		{"heatmap_target", false, []string{"v"}},
		{"signoff_form", false, []string{"S"}},
		{"ics", true, []string{"esc", "i"}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s_%dx%d", tt.name, size[0], size[1]), func(t *testing.T) {
				p := planStore(t, tt.members)
				hs := planHarness(t, p, size[0], size[1])
				if tt.members {
					hs.keys("G", "enter") // open the last one listed, then go back to the picker
				}
				hs.keys(tt.keys...)
				golden.RequireEqual(t, hs.view())
				lines := strings.Split(hs.view(), "\n")
				if len(lines) != size[1] {
					t.Errorf("%d lines, want %d", len(lines), size[1])
				}
				for i, l := range lines {
					if w := lipWidth(l); w > size[0] {
						t.Errorf("line %d is %d wide", i, w)
					}
				}
			})
		}
	}
}

// TestSignOffInTheApp signs off from the overview, shows a score refused
// with who signed off and how to unlock, then unlocks with a reason and
// scores.
func TestSignOffInTheApp(t *testing.T) {
	p := planStore(t, false)
	hs := planHarness(t, p, 100, 30)
	hs.keys("S")
	if f := hs.app.topForm(); f == nil || f.kind != formSignOff {
		t.Fatal("S did not open the sign-off form")
	}
	hs.keys("ctrl+s")
	if f := hs.app.topForm(); f == nil || !strings.Contains(f.err, "who assured") {
		t.Fatalf("an empty sign-off was accepted: %+v", f)
	}
	hs.typeText("A. Khan, CIO")
	hs.keys("ctrl+s")
	if hs.app.topForm() != nil || !hs.app.a.SignOff.Signed() {
		t.Fatalf("not signed off: %q", hs.text())
	}
	if !strings.Contains(hs.text(), "signed off, locked") {
		t.Errorf("the overview does not say it is locked:\n%s", hs.text())
	}
	hs.keys("enter", "3")
	if !strings.Contains(hs.text(), "Locked: Assured by A. Khan, CIO") || !strings.Contains(hs.text(), "S unlocks it") {
		t.Errorf("a refused score does not say who signed off and how to unlock:\n%s", hs.text())
	}
	if hs.app.a.Score("WL-O1") != 1 {
		t.Errorf("the refused score changed the assessment: %d", hs.app.a.Score("WL-O1"))
	}
	hs.keys("esc", "S")
	if f := hs.app.topForm(); f == nil || f.kind != formUnlock {
		t.Fatal("S on a signed-off assessment did not ask for a reason to unlock")
	}
	hs.keys("ctrl+s")
	if f := hs.app.topForm(); f == nil || !strings.Contains(f.err, "needs a reason") {
		t.Fatal("unlocked without a reason")
	}
	hs.typeText("correct WL-O1")
	hs.keys("ctrl+s")
	if hs.app.a.SignOff.Signed() {
		t.Fatal("still locked after unlocking")
	}
	hs.keys("enter", "3")
	if hs.app.a.Score("WL-O1") != 3 {
		t.Errorf("score after unlocking: %d\n%s", hs.app.a.Score("WL-O1"), hs.text())
	}
}

// TestICSScreenKeys changes the period and roll-up and opens a member.
func TestICSScreenKeys(t *testing.T) {
	p := planStore(t, true)
	hs := planHarness(t, p, 120, 40)
	hs.keys("G", "enter", "esc")
	p.calls = nil
	hs.keys("i")
	if hs.app.screen != screenICS {
		t.Fatalf("i did not open the ICS view:\n%s", hs.text())
	}
	// Scores only, as the heatmap by organisation reads them (issue 16):
	// the view shows means, and summaries of hundreds of assessments took
	// a third of a second on the xl demo.
	if !hs.calledWith("Scores") || hs.calledWith("Summaries") || hs.calledWith("Assessment ") {
		t.Errorf("the ICS view read %v, want the scores only", p.calls)
	}
	for _, want := range []string{"ICS row: mean", "ICS mean", "Riverside Community Trust", "Spread"} {
		if !strings.Contains(hs.text(), want) {
			t.Errorf("ICS view lacks %q", want)
		}
	}
	hs.keys("r", "r")
	if !strings.Contains(hs.text(), "ICS min") {
		t.Errorf("r r did not switch to the minimum:\n%s", hs.text())
	}
	hs.keys("]")
	if !strings.Contains(hs.text(), "2025/26") || strings.Contains(hs.text(), "Eastbay") {
		t.Errorf("] did not go to the earlier period:\n%s", hs.text())
	}
	hs.keys("enter")
	if hs.app.screen != screenOverview || hs.app.a.Organisation != "Riverside Community Trust" || hs.app.a.Period != "2025/26" {
		t.Errorf("enter did not open the member: screen %d", hs.app.screen)
	}
}

func (p *planFake) relinkOrConfirm(aid, id int64, fn func(e *model.Evidence) error) (model.Evidence, error) {
	if err := p.locked(aid); err != nil {
		return model.Evidence{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.assessments[aid]
	for _, list := range a.Evidence {
		for _, e := range list {
			if e.ID != id {
				continue
			}
			if err := fn(&e); err != nil {
				return model.Evidence{}, err
			}
			e.Version++
			a.PutEvidence(e)
			p.bump()
			return e, nil
		}
	}
	return model.Evidence{}, fmt.Errorf("evidence %d not found", id)
}

func (p *planFake) ConfirmEvidence(ctx context.Context, aid, id int64, reviewBy time.Time) (model.Evidence, error) {
	return p.relinkOrConfirm(aid, id, func(e *model.Evidence) error {
		e.NeedsReview = false
		if !reviewBy.IsZero() {
			e.ReviewBy = reviewBy
		}
		return nil
	})
}

func (p *planFake) LinkEvidence(ctx context.Context, aid, id int64, sid string) (model.Evidence, error) {
	return p.relinkOrConfirm(aid, id, func(e *model.Evidence) error {
		e.Also = model.LinksOf(append(e.Also.IDs(), sid)...)
		return nil
	})
}

func (p *planFake) UnlinkEvidence(ctx context.Context, aid, id int64, sid string) (model.Evidence, error) {
	return p.relinkOrConfirm(aid, id, func(e *model.Evidence) error {
		var keep []string
		for _, x := range e.Also.IDs() {
			if x != sid {
				keep = append(keep, x)
			}
		}
		e.Also = model.LinksOf(keep...)
		return nil
	})
}

// TestEvidenceTrustOnTheStatementScreen: the list marks stale and
// low-confidence items and their links in words; editing an item keeps
// its review mark and links; c confirms it, l links it; deleting names
// every statement it supports.
func TestEvidenceTrustOnTheStatementScreen(t *testing.T) {
	p := planStore(t, false)
	hs := planHarness(t, p, 120, 36)
	hs.keys("enter", "j", "enter", "tab") // WL-O2, evidence pane
	txt := hs.text()
	for _, want := range []string{"[! carried, not confirmed] Board paper 2025-03, item 7", "owner Ann Smith", "also SF-O1", "c confirm"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the evidence pane lacks %q:\n%s", want, txt)
		}
	}
	// Edit and save: still marked for review, still linked, owner changed.
	// (enter shows the item whole; enter again edits it.)
	hs.keys("enter", "enter")
	if f := hs.app.topForm(); f == nil || f.kind != formEvidence || len(f.fields) != 7 {
		t.Fatalf("the evidence form has no trust fields: %+v", f)
	}
	hs.keys("tab", "tab", "tab", "ctrl+u")
	hs.typeText("Bea Jones")
	hs.keys("tab", "tab")
	hs.typeText("2027-06-30")
	hs.keys("ctrl+s")
	e := hs.app.a.Evidence["WL-O2"][0]
	if !e.NeedsReview || e.Also != "SF-O1" || e.Owner != "Bea Jones" || model.FormatDate(e.ReviewBy) != "2027-06-30" {
		t.Fatalf("after editing: %+v", e)
	}
	// Confirm with c: the review mark goes.
	hs.keys("c")
	if f := hs.app.topForm(); f == nil || f.kind != formConfirmEvidence || !strings.Contains(hs.text(), "Stale: carried, not confirmed") {
		t.Fatalf("c did not open the confirm form:\n%s", hs.text())
	}
	hs.keys("ctrl+s")
	if e := hs.app.a.Evidence["WL-O2"][0]; e.NeedsReview || !strings.Contains(hs.text(), "Confirmed evidence") {
		t.Fatalf("not confirmed: %+v\n%s", e, hs.text())
	}
	// Link with l.
	hs.keys("l")
	hs.keys("tab")
	hs.typeText("wl-o3")
	hs.keys("ctrl+s")
	if e := hs.app.a.Evidence["WL-O2"][0]; e.Also != "SF-O1 WL-O3" {
		t.Fatalf("links after l: %q\n%s", e.Also, hs.text())
	}
	// Delete asks, naming all three statements.
	hs.keys("d")
	if !strings.Contains(hs.text(), "it supports 3 statements: WL-O2, SF-O1, WL-O3") {
		t.Errorf("the delete question does not name every statement:\n%s", hs.text())
	}
}

func (p *planFake) RenameAssessment(ctx context.Context, id int64, org, period string) (model.Header, error) {
	if err := p.locked(id); err != nil {
		return model.Header{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.assessments[id]
	a.Organisation, a.Period = org, period
	p.bump()
	return a.Header, nil
}

func (p *planFake) DeleteAssessment(ctx context.Context, id int64) (model.DeletedAssessment, error) {
	if err := p.locked(id); err != nil {
		return model.DeletedAssessment{}, err
	}
	p.mu.Lock()
	gate := p.deleteGate
	p.deleteCtx = ctx
	p.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return model.DeletedAssessment{}, fmt.Errorf("back up before deleting assessment %d: %w; nothing was deleted", id, ctx.Err())
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.assessments[id]
	delete(p.assessments, id)
	p.bump()
	return model.DeletedAssessment{Header: a.Header, Backup: "/tmp/test.wgll.before-delete-1-X"}, nil
}

// TestPickerRenameAndDelete: r renames the assessment under the cursor, d
// asks (saying a copy is taken first) and deletes it, then says where the
// copy is.
func TestPickerRenameAndDelete(t *testing.T) {
	p := planStore(t, true)
	hs := planHarness(t, p, 120, 36)
	hs.keys("G", "enter", "esc") // back on the picker
	hs.keys("g", "r")
	if f := hs.app.topForm(); f == nil || f.kind != formRename {
		t.Fatal("r did not open the rename form")
	}
	hs.keys("tab", "ctrl+u")
	hs.typeText("2026-27")
	hs.keys("ctrl+s")
	if !strings.Contains(hs.text(), "Renamed to") || !strings.Contains(hs.text(), "2026-27") {
		t.Fatalf("not renamed:\n%s", hs.text())
	}
	n := len(hs.app.sc.picker.items)
	hs.keys("d")
	if !strings.Contains(hs.text(), "A copy of the workbook is taken first") {
		t.Fatalf("d did not ask:\n%s", hs.text())
	}
	hs.keys("n")
	if len(hs.app.sc.picker.items) != n {
		t.Fatal("n deleted it")
	}
	hs.keys("d", "y")
	if len(hs.app.sc.picker.items) != n-1 || !strings.Contains(hs.text(), "the workbook as it was is in /tmp/test.wgll.before-delete") {
		t.Fatalf("after y: %d items\n%s", len(hs.app.sc.picker.items), hs.text())
	}
}

// TestLockedScoreSaysSoEvenWhenUnchanged: on a signed-off assessment a
// score key is refused in the app, even the score the statement already
// has, and the cursor stays.
func TestLockedScoreSaysSoEvenWhenUnchanged(t *testing.T) {
	p := planStore(t, false)
	p.signed[1] = model.SignOff{AssuredBy: "A. Khan, CIO", AssuredOn: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), SignedBy: "tester"}
	hs := planHarness(t, p, 100, 30)
	hs.keys("enter")
	before := hs.app.stmtIdx
	hs.keys("1") // WL-O1 is already 1
	if !strings.Contains(hs.text(), "Locked: Assured by A. Khan, CIO") || hs.app.stmtIdx != before {
		t.Errorf("the unchanged score was not refused, or the cursor moved:\n%s", hs.text())
	}
	for _, c := range p.calls {
		if strings.HasPrefix(c, "SetScore") {
			t.Errorf("the store was asked to score: %v", p.calls)
		}
	}
}

// TestExportThePlanFromTheApp: the export dialog offers the improvement
// plan, and the copy it exports carries the targets and the sign-off.
func TestExportThePlanFromTheApp(t *testing.T) {
	p := planStore(t, false)
	p.signed[1] = model.SignOff{AssuredBy: "A. Khan, CIO", AssuredOn: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	var got exportCall
	hs := newHarness(t, p.fakeStore, 100, 30, func(c *Config) {
		c.Store = p
		c.Export = func(_ context.Context, r ExportRequest) ([]string, error) {
			got = exportCall{what: r.What, format: r.Format, path: r.Path, a: r.Assessment}
			return nil, nil
		}
		c.ExportFormats = func(what string) []string { return export.FormatNames(export.Kind(what)) }
	})
	hs.keys("x", "right", "right", "tab", "tab", "enter")
	if got.what != "plan" || got.format != "pdf" || !strings.HasSuffix(got.path, "-plan.pdf") {
		t.Fatalf("exported %+v", got)
	}
	if got.a == nil || len(got.a.MeasureTargets) != 2 || !got.a.SignOff.Signed() {
		t.Errorf("the exported copy lost the targets or the sign-off: %+v", got.a)
	}
	if !strings.Contains(hs.text(), "Wrote the improvement plan (pdf)") {
		t.Errorf("status:\n%s", hs.text())
	}
}
