package workshop

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
	"wgll/ui"
)

// TestNothingLeaksBeforeReveal: before the reveal no member's or the
// projector's screen shows another's vote or reason, nor last period's
// score; after it all show the distribution, and the projector still
// shows no reason.
func TestNothingLeaksBeforeReveal(t *testing.T) {
	r := newRoom(t)
	w := r.start(model.WorkshopOptions{})
	ann := newMember(t, r, "ann", 100, 30)
	bob := newMember(t, r, "bob", 100, 30)
	proj := newProjector(t, r, 160, 45)
	ann.keys("4")
	ann.keys("enter")
	ann.typeText("ANNREASON")
	ann.keys("enter")
	bob.keys("1")
	for _, hs := range []*harness{ann, bob, proj} {
		hs.poll()
		hs.clearStatus()
	}
	for name, hs := range map[string]*harness{"ann": ann, "bob": bob, "projector": proj} {
		v := hs.view()
		if strings.Contains(v, "Revealed") || strings.Contains(v, "median") || strings.Contains(v, "last period") {
			t.Errorf("%s's screen before the reveal shows a tally:\n%s", name, v)
		}
		if name != "ann" && strings.Contains(v, "ANNREASON") {
			t.Errorf("%s sees ann's reason before the reveal", name)
		}
	}
	if !strings.Contains(bob.view(), "your vote: 1 — waiting for the others") || strings.Contains(bob.view(), "your vote: 4") {
		t.Errorf("bob's screen:\n%s", bob.view())
	}
	if !strings.Contains(proj.view(), "Voted (2): ann, bob") {
		t.Errorf("projector does not say who voted:\n%s", proj.view())
	}
	// The snapshots the screens hold are blind too, not just their views.
	if v, _ := bob.m.(*Member).snap.VoteOf("ann"); v.Level != model.Hidden || v.Reason != "" {
		t.Errorf("bob's screen holds ann's vote %+v", v)
	}
	r.must(r.chair.RevealRound(ctx, w.ID))
	for name, hs := range map[string]*harness{"ann": ann, "bob": bob, "projector": proj} {
		hs.poll()
		v := hs.view()
		if !strings.Contains(v, "median 2.5") || !strings.Contains(v, "range 1 to 4") {
			t.Errorf("%s's screen after the reveal has no distribution:\n%s", name, v)
		}
	}
	if strings.Contains(proj.view(), "ANNREASON") || strings.Contains(bob.view(), "ANNREASON") {
		t.Error("a reason shown to the room after the reveal")
	}
	// After the reveal a vote can no longer change.
	bob.keys("5")
	if v, _ := bob.m.(*Member).snap.VoteOf("bob"); v.Level != 1 {
		t.Errorf("bob's vote changed after the reveal: %+v", v)
	}
}

// TestHostileTextSanitised: names, reasons and dissent from other users
// reach no screen with their escape sequences or controls.
func TestHostileTextSanitised(t *testing.T) {
	r := newRoom(t)
	w := r.start(model.WorkshopOptions{NamedReveal: true})
	evil := "\x1b]52;c;ZXZpbA==\x07Eve\x1b[2J\u202e"
	r.vote(w, evil, 1, "\x1b[31mred\x1b[0m reason\x07")
	r.vote(w, "bob", 4, "")
	f := newFacilitator(t, r, 100, 30)
	proj := newProjector(t, r, 100, 30)
	f.poll()
	check := func(where, v string) {
		t.Helper()
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[31m", "\x07", "\u202e"} {
			if strings.Contains(v, bad) {
				t.Errorf("%s contains %q", where, bad)
			}
		}
	}
	check("projector before reveal", proj.view())
	if !strings.Contains(proj.view(), "Eve") {
		t.Errorf("the projector lost the name:\n%s", proj.view())
	}
	f.keys("r")
	check("facilitator after reveal", f.view())
	if !strings.Contains(f.view(), "Eve 1: red reason") {
		t.Errorf("named reveal does not show the sanitised name and reason:\n%s", f.view())
	}
	f.keys("d")
	f.send(tea.PasteMsg{Content: "line one\nline two\x1b[2J"})
	f.keys("enter", "enter")
	check("facilitator after dissent", f.view())
	snap, _ := r.chair.WorkshopSnapshot(ctx, w.ID)
	if ag := snap.Agreements["WL-O1"]; ag.Dissent != "line one line two" {
		t.Errorf("dissent stored as %q", ag.Dissent)
	}
}

// TestFacilitatorKeys drives a statement through two rounds, ballot mode,
// navigation, the measure summary's actions and leaving.
func TestFacilitatorKeys(t *testing.T) {
	r := newRoom(t)
	f := newFacilitator(t, r, 100, 30)
	fm := f.m.(*Facilitator)
	f.keys("+", "+", "tab", "n", "enter")
	if fm.mode != modeRun || fm.w.Timebox != defaultTimebox+2*timeboxStep || fm.w.Rule != model.RuleSpan || !fm.w.NamedReveal {
		t.Fatalf("started %+v in mode %d", fm.w, fm.mode)
	}
	f.keys("enter")
	if !strings.Contains(fm.status, "Reveal the votes first") {
		t.Errorf("agree before reveal: %q", fm.status)
	}
	f.keys("r")
	if !strings.Contains(fm.status, "nobody has voted") {
		t.Errorf("reveal with no votes: %q", fm.status)
	}
	r.vote(fm.w, "ann", 1, "")
	r.vote(fm.w, "bob", 5, "")
	f.poll()
	f.keys("r", "v")
	if fm.snap.Round.Number != 2 || len(fm.snap.Earlier) != 1 || len(fm.snap.Round.Votes) != 0 {
		t.Fatalf("after another round: %+v", fm.snap.Round)
	}
	if !strings.Contains(f.view(), "Round 1: 1:1 2:0 3:0 4:0 5:1") {
		t.Errorf("earlier round not shown:\n%s", f.view())
	}
	// Ballot mode: three voters at one keyboard.
	f.keys("b")
	f.typeText("3")
	f.keys("enter", "3", "3", "0")
	if fm.mode != modeRun {
		t.Fatalf("ballot mode did not end: %d", fm.mode)
	}
	snap, _ := r.chair.WorkshopSnapshot(ctx, fm.w.ID)
	if got := strings.Join(snap.Voted(), ","); got != "Voter 1,Voter 2,Voter 3" {
		t.Errorf("ballot voters = %q", got)
	}
	f.keys("r", "4")
	a, _ := r.chair.Assessment(ctx, r.a.ID)
	if a.Score("WL-O1") != 4 {
		t.Errorf("agreed 4, stored %v", a.Score("WL-O1"))
	}
	// WL-O1 is not the last of its measure: no summary.
	if fm.mode != modeRun {
		t.Errorf("summary after the first statement: mode %d", fm.mode)
	}
	f.keys("[")
	if !strings.Contains(fm.status, "No more statements") {
		t.Errorf("[ at the first statement: %q", fm.status)
	}
	f.keys("]")
	if fm.w.StatementID != "WL-O2" {
		t.Fatalf("] moved to %s", fm.w.StatementID)
	}
	r.vote(fm.w, "ann", 2, "")
	f.poll()
	f.keys("r", "enter")
	if fm.mode != modeSummary {
		t.Fatalf("no measure summary after the last statement of the measure: mode %d", fm.mode)
	}
	f.typeText("Appoint a CCIO")
	f.keys("tab")
	f.typeText("CEO")
	f.keys("tab")
	f.typeText("2027-31-01")
	f.keys("ctrl+s")
	if !strings.Contains(fm.status, "action 1") {
		t.Errorf("bad due date: %q", fm.status)
	}
	for range 10 {
		f.keys("backspace")
	}
	f.typeText("2027-01-31")
	f.keys("ctrl+s")
	if fm.mode != modeRun || !strings.Contains(fm.status, "Saved 1") {
		t.Fatalf("actions not saved: mode %d, %q", fm.mode, fm.status)
	}
	a, _ = r.chair.Assessment(ctx, r.a.ID)
	acts := a.Actions["WL-O2"]
	if len(acts) != 1 || acts[0].Title != "Appoint a CCIO" || acts[0].Owner != "CEO" || acts[0].Priority != model.PriorityHigh || model.FormatDate(acts[0].Due) != "2027-01-31" {
		t.Errorf("actions = %+v", acts)
	}
	// esc leaves with the workshop open; w then y ends it.
	var left []ui.HostedLeftMsg
	_, cmd := f.m.Update(keyMsg("esc"))
	if msg, ok := cmd().(ui.HostedLeftMsg); !ok || !strings.Contains(msg.Status, "stays open") || msg.StatementID != "WL-O2" {
		t.Errorf("esc gave %#v", msg)
	} else {
		left = append(left, msg)
	}
	if _, ok, _ := r.chair.CurrentWorkshop(ctx); !ok || len(left) != 1 {
		t.Error("leaving ended the workshop")
	}
	f.keys("w")
	_, cmd = f.m.Update(keyMsg("y"))
	msg := cmd()
	_, cmd = f.m.Update(msg)
	if lm, ok := cmd().(ui.HostedLeftMsg); !ok || !strings.Contains(lm.Status, "ended") {
		t.Errorf("w y gave %#v", lm)
	}
	if _, ok, _ := r.chair.CurrentWorkshop(ctx); ok {
		t.Error("the workshop is still open after w, y")
	}
}

// TestFacilitatorResumes: with a workshop open on the assessment, a new
// facilitator screen (after esc, or a crash) resumes it at the
// highlighted statement without the start form.
func TestFacilitatorResumes(t *testing.T) {
	r := newRoom(t)
	w := r.start(model.WorkshopOptions{Timebox: 7 * time.Minute})
	r.vote(w, "ann", 3, "")
	f := newHarness(t, NewFacilitator(FacilitatorConfig{Store: r.chair, Assessment: r.a, StatementID: "WL-O1", Now: screenNow, NoColor: true}), 80, 24)
	fm := f.m.(*Facilitator)
	if fm.mode != modeRun || fm.w.ID != w.ID || fm.w.Timebox != 7*time.Minute || len(fm.snap.Round.Votes) != 1 {
		t.Errorf("resumed %+v mode %d votes %d", fm.w, fm.mode, len(fm.snap.Round.Votes))
	}
}

// TestMemberRejoinsAndFollows: a member screen started before the
// workshop joins it when it starts, follows the facilitator's move, and a
// restarted one shows its earlier vote.
func TestMemberRejoinsAndFollows(t *testing.T) {
	r := newRoom(t)
	ann := newMember(t, r, "ann", 80, 24)
	if !strings.Contains(ann.view(), "Waiting for a workshop") {
		t.Fatalf("before the start:\n%s", ann.view())
	}
	ann.keys("3") // nothing to vote on yet: ignored
	w := r.start(model.WorkshopOptions{})
	ann.poll()
	ann.keys("0")
	ann.poll()
	if !strings.Contains(ann.view(), "your vote: don't know") {
		t.Errorf("don't know vote:\n%s", ann.view())
	}
	again := newMember(t, r, "ann", 80, 24)
	if !strings.Contains(again.view(), "your vote: don't know") {
		t.Errorf("restarted member lost the vote:\n%s", again.view())
	}
	r.must(r.chair.MoveWorkshop(ctx, w.ID, "SF-O1"))
	ann.poll()
	if !strings.Contains(ann.view(), "SF-O1") || strings.Contains(ann.view(), "your vote:  ") {
		t.Errorf("did not follow the move:\n%s", ann.view())
	}
	ann.keys("9")
	if !strings.Contains(ann.m.(*Member).status, "Press 1 to 5") {
		t.Errorf("vote 9: %q", ann.m.(*Member).status)
	}
	ann.keys("q")
}
