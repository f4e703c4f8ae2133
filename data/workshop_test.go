package data

import (
	"errors"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// workshopT starts a workshop by chair on a new assessment, with members
// ann and bob each on their own Store of the same file (as their own
// processes would be).
func workshopT(t *testing.T) (chair, ann, bob *Store, h model.Header, w model.Workshop, ids []string) {
	t.Helper()
	path := newDB(t)
	chair = openT(t, path, "chair")
	ann, bob = openT(t, path, "ann"), openT(t, path, "bob")
	h = createT(t, chair)
	ids = orgStatements(t)
	w, resumed, err := chair.StartWorkshop(ctx, h.ID, ids[0], model.WorkshopOptions{Timebox: 5 * time.Minute})
	if err != nil || resumed {
		t.Fatalf("StartWorkshop: %v resumed %v", err, resumed)
	}
	for _, m := range []*Store{ann, bob} {
		if err := m.JoinWorkshop(ctx, w.ID, m.User()); err != nil {
			t.Fatalf("join: %v", err)
		}
	}
	return chair, ann, bob, h, w, ids
}

func TestWorkshopVoteRevealAgree(t *testing.T) {
	chair, ann, bob, h, w, ids := workshopT(t)
	if w.Rule != model.RuleDefault || w.Timebox != 5*time.Minute || w.NamedReveal || w.Facilitator != "chair" {
		t.Errorf("workshop = %+v", w)
	}
	if cw, ok, err := ann.CurrentWorkshop(ctx); err != nil || !ok || cw.ID != w.ID || cw.StatementID != ids[0] {
		t.Fatalf("CurrentWorkshop = %+v %v %v", cw, ok, err)
	}
	must(t, ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 2, "no funding"))
	must(t, ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 4, "  funded\tin   2027  ")) // changed before the reveal
	must(t, bob.CastVote(ctx, w.ID, ids[0], 1, "bob", 1, ""))

	snap, err := chair.WorkshopSnapshot(ctx, w.ID)
	must(t, err)
	if len(snap.Participants) != 2 || len(snap.Round.Votes) != 2 || snap.Round.Revealed() || snap.Round.Number != 1 {
		t.Fatalf("snapshot = %+v", snap)
	}
	if v, _ := snap.VoteOf("ann"); v.Level != 4 || v.Reason != "funded in 2027" {
		t.Errorf("ann's changed vote = %+v", v)
	}
	if _, err := chair.Agree(ctx, w.ID, 0, ""); err == nil {
		t.Error("agreed before the reveal")
	}
	must(t, chair.RevealRound(ctx, w.ID))
	if err := bob.CastVote(ctx, w.ID, ids[0], 1, "bob", 3, ""); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "revealed") {
		t.Errorf("vote after reveal: %v", err)
	}
	// Round two: the earlier round is kept, the new one starts empty.
	must(t, chair.NewRound(ctx, w.ID))
	if err := bob.CastVote(ctx, w.ID, ids[0], 1, "bob", 3, ""); err == nil || !strings.Contains(err.Error(), "round 2") {
		t.Errorf("vote on a stale round: %v", err)
	}
	must(t, ann.CastVote(ctx, w.ID, ids[0], 2, "ann", 3, ""))
	must(t, bob.CastVote(ctx, w.ID, ids[0], 2, "bob", 2, ""))
	must(t, chair.RevealRound(ctx, w.ID))
	snap, _ = chair.WorkshopSnapshot(ctx, w.ID)
	if snap.Round.Number != 2 || len(snap.Earlier) != 1 || len(snap.Earlier[0].Votes) != 2 || len(snap.Round.Votes) != 2 {
		t.Fatalf("after round 2: %+v", snap)
	}
	// The suggestion is round two's median (2.5 rounds down to 2), never
	// mixed with round one's 4 and 1.
	ag, err := chair.Agree(ctx, w.ID, 0, "ann thinks 3")
	must(t, err)
	if ag.Score != 2 || !ag.Suggested || ag.Round != 2 || ag.Tally.Median != 2.5 || ag.AgreedBy != "chair" || strings.Join(ag.Voters, ",") != "ann,bob" {
		t.Errorf("agreement = %+v", ag)
	}
	a, _ := chair.Assessment(ctx, h.ID)
	if a.Score(ids[0]) != 2 {
		t.Errorf("score after agreement = %v", a.Score(ids[0]))
	}
	hist, _ := chair.History(ctx, 1)
	if len(hist) != 1 || hist[0].Entity != "response" || hist[0].Field != "score" || hist[0].New != "2" || hist[0].User != "chair" {
		t.Errorf("change log = %+v", hist)
	}
	// A level the facilitator presses overrides the suggestion.
	ag, err = chair.Agree(ctx, w.ID, 3, "")
	must(t, err)
	if ag.Score != 3 || ag.Suggested {
		t.Errorf("chosen agreement = %+v", ag)
	}
	must(t, chair.SetDissent(ctx, w.ID, ids[0], "bob: not yet across the trust"))
	snap, _ = ann.WorkshopSnapshot(ctx, w.ID)
	if g := snap.Agreements[ids[0]]; g.Score != 3 || g.Dissent != "bob: not yet across the trust" || g.Tally.Counts[2] != 1 || g.Tally.Counts[3] != 1 || g.Tally.Voters != 2 {
		t.Errorf("stored agreement = %+v", g)
	}
	// The assessment carries how each statement was agreed.
	a, _ = bob.Assessment(ctx, h.ID)
	if g, ok := a.Agreements[ids[0]]; !ok || g.Score != 3 || g.WorkshopID != w.ID || g.Round != 2 || !g.Standing(a.Score(ids[0])) ||
		!strings.Contains(g.HowAgreed(), "Agreed 3 in workshop 1") || !strings.Contains(g.HowAgreed(), "chose it over the median") {
		t.Errorf("assessment's agreement = %+v: %s", g, g.HowAgreed())
	}
	// Undo puts the score back through the change log.
	if _, err := chair.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ = chair.Assessment(ctx, h.ID)
	if a.Score(ids[0]) != 2 {
		t.Errorf("score after undo = %v, want 2", a.Score(ids[0]))
	}
}

func TestWorkshopMoveResumeEnd(t *testing.T) {
	chair, ann, _, h, w, ids := workshopT(t)
	must(t, chair.MoveWorkshop(ctx, w.ID, ids[1]))
	if err := ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 3, ""); err == nil || !strings.Contains(err.Error(), "moved on") {
		t.Errorf("vote on the statement left behind: %v", err)
	}
	must(t, ann.CastVote(ctx, w.ID, ids[1], 1, "ann", 0, "not my area"))
	// Resuming (w again in the app, perhaps after a crash) keeps the
	// workshop and moves it.
	w2, resumed, err := chair.StartWorkshop(ctx, h.ID, ids[2], model.WorkshopOptions{Timebox: time.Minute})
	must(t, err)
	if !resumed || w2.ID != w.ID || w2.Timebox != 5*time.Minute || w2.StatementID != ids[2] {
		t.Errorf("resume = %+v resumed %v", w2, resumed)
	}
	must(t, chair.MoveWorkshop(ctx, w.ID, ids[1]))
	snap, _ := chair.WorkshopSnapshot(ctx, w.ID)
	if v, ok := snap.VoteOf("ann"); !ok || v.Level != model.DontKnow || v.Reason != "not my area" {
		t.Errorf("vote on return to %s = %+v %v", ids[1], v, ok)
	}
	must(t, chair.RevealRound(ctx, w.ID))
	if _, err := chair.Agree(ctx, w.ID, 0, ""); err == nil || !strings.Contains(err.Error(), "don't know") {
		t.Errorf("agreeing all don't know: %v", err)
	}
	if err := chair.MoveWorkshop(ctx, w.ID, "NOPE-1"); !errors.Is(err, ErrInvalid) {
		t.Errorf("move to unknown statement: %v", err)
	}
	must(t, chair.EndWorkshop(ctx, w.ID))
	if _, ok, _ := ann.CurrentWorkshop(ctx); ok {
		t.Error("an ended workshop is still current")
	}
	if err := ann.CastVote(ctx, w.ID, ids[1], 1, "ann", 3, ""); err == nil || !strings.Contains(err.Error(), "ended") {
		t.Errorf("vote in ended workshop: %v", err)
	}
	w3, resumed, err := chair.StartWorkshop(ctx, h.ID, ids[0], model.WorkshopOptions{})
	if err != nil || resumed || w3.ID == w.ID {
		t.Errorf("new workshop after end: %+v %v %v", w3, resumed, err)
	}
	list, err := chair.Workshops(ctx)
	must(t, err)
	if len(list) != 2 || list[1].ID != w.ID || list[1].Participants != 2 || list[1].Open() || list[1].Organisation != "Northshire NHS Trust" {
		t.Errorf("list = %+v", list)
	}
}

func TestWorkshopRefusals(t *testing.T) {
	chair, ann, _, h, w, ids := workshopT(t)
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"level too high", ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 6, "")},
		{"negative level", ann.CastVote(ctx, w.ID, ids[0], 1, "ann", -1, "")},
		{"no name", ann.CastVote(ctx, w.ID, ids[0], 1, "  ", 3, "")},
		{"long reason", ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 3, strings.Repeat("x", 300))},
		{"reveal with no votes", chair.RevealRound(ctx, w.ID)},
		{"round before reveal", chair.NewRound(ctx, w.ID)},
		{"dissent before agreement", chair.SetDissent(ctx, w.ID, ids[0], "x")},
		{"unknown workshop", ann.JoinWorkshop(ctx, 99, "ann")},
	} {
		if !errors.Is(tt.err, ErrInvalid) && !errors.Is(tt.err, ErrNotFound) {
			t.Errorf("%s: %v", tt.name, tt.err)
		}
	}
	if _, _, err := chair.StartWorkshop(ctx, h.ID, ids[0], model.WorkshopOptions{Rule: "loudest"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown rule: %v", err)
	}
}

func TestWorkshopRecordAndActions(t *testing.T) {
	chair, ann, bob, h, w, ids := workshopT(t)
	must(t, ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 1, "\x1b]52;c;evil\x07reason"))
	must(t, bob.CastVote(ctx, w.ID, ids[0], 1, "bob", 5, ""))
	must(t, chair.RevealRound(ctx, w.ID))
	must(t, chair.NewRound(ctx, w.ID))
	must(t, ann.CastVote(ctx, w.ID, ids[0], 2, "ann", 3, ""))
	must(t, bob.CastVote(ctx, w.ID, ids[0], 2, "bob", 3, ""))
	must(t, chair.RevealRound(ctx, w.ID))
	if _, err := chair.Agree(ctx, w.ID, 0, ""); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	saved, err := chair.AddWorkshopActions(ctx, w.ID, "well-led", []model.Action{
		{StatementID: ids[0], Title: "Fund the strategy", Owner: "CFO", Due: due},
		{StatementID: ids[0], Title: "Brief the board", Owner: "CIO"},
	})
	must(t, err)
	if len(saved) != 2 || saved[0].Priority != model.PriorityHigh || saved[0].ID == 0 {
		t.Fatalf("saved = %+v", saved)
	}
	if _, err := chair.AddWorkshopActions(ctx, w.ID, "well-led", []model.Action{{StatementID: ids[0]}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("untitled action: %v", err)
	}
	rec, err := chair.WorkshopRecord(ctx, w.ID)
	must(t, err)
	if rec.Organisation != "Northshire NHS Trust" || len(rec.Participants) != 2 || len(rec.Statements) != 1 {
		t.Fatalf("record = %+v", rec)
	}
	sr := rec.Statements[0]
	if sr.StatementID != ids[0] || sr.Text == "" || len(sr.Rounds) != 2 || len(sr.Tallies) != 2 || sr.Agreement == nil || sr.Agreement.Score != 3 || len(sr.Actions) != 2 {
		t.Fatalf("statement record = %+v", sr)
	}
	if !sr.Tallies[0].Disagree || sr.Tallies[1].Disagree {
		t.Errorf("tallies = %+v", sr.Tallies)
	}
	if sr.Rounds[0].Votes[0].Reason != "\x1b]52;c;evil\x07reason" {
		t.Errorf("the record keeps what was typed (screens sanitise): %q", sr.Rounds[0].Votes[0].Reason)
	}
	a, _ := chair.Assessment(ctx, h.ID)
	if len(a.Actions[ids[0]]) != 2 {
		t.Errorf("actions on the assessment = %+v", a.Actions[ids[0]])
	}
	// One undo takes the captured actions back together.
	if _, err := chair.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ = chair.Assessment(ctx, h.ID)
	if len(a.Actions[ids[0]]) != 0 {
		t.Errorf("actions after undo = %+v", a.Actions[ids[0]])
	}
}

// TestWorkshopSeenByOtherProcess is the screens' premise: a Store polling
// PRAGMA data_version sees a vote cast by another Store.
func TestWorkshopSeenByOtherProcess(t *testing.T) {
	chair, ann, _, _, w, ids := workshopT(t)
	v0, err := chair.DataVersion(ctx)
	must(t, err)
	must(t, ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 3, ""))
	v1, err := chair.DataVersion(ctx)
	must(t, err)
	if v1 == v0 {
		t.Error("the facilitator's data version did not move for a member's vote")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The next period carried forward from an assessment shows how last
// time's scores were agreed.
func TestWorkshopAgreementCarriesToNextPeriod(t *testing.T) {
	chair, ann, _, h, w, ids := workshopT(t)
	must(t, ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 4, ""))
	must(t, chair.RevealRound(ctx, w.ID))
	if _, err := chair.Agree(ctx, w.ID, 0, ""); err != nil {
		t.Fatal(err)
	}
	next, _, err := chair.CarryForward(ctx, h.ID, model.Header{Period: "2027/28"}, criteria.BuiltinTOML())
	must(t, err)
	a, err := chair.Assessment(ctx, next.ID)
	must(t, err)
	if g, ok := a.PreviousAgreements[ids[0]]; !ok || g.Score != 4 || g.WorkshopID != w.ID || a.Previous[ids[0]] != 4 || a.Agreements != nil {
		t.Errorf("previous agreements %+v, previous %v, agreements %v", a.PreviousAgreements, a.Previous[ids[0]], a.Agreements)
	}
}

// Through 'wgll serve' (a Store with a role), only a facilitator runs the
// workshop, a member votes only as themselves, and an observer (the
// projector's role) does not vote at all.
func TestWorkshopRoles(t *testing.T) {
	chair, _, _, _, w, ids := workshopT(t)
	open := func(user string, role Role) *Store {
		s, err := Open(chair.Path(), Options{User: user, Role: role, Now: fixedClock()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	ann, eve, fac := open("ann", RoleMember), open("eve", RoleObserver), open("fran", RoleFacilitator)
	for name, err := range map[string]error{
		"member reveals":        ann.RevealRound(ctx, w.ID),
		"member moves":          ann.MoveWorkshop(ctx, w.ID, ids[1]),
		"member ends":           ann.EndWorkshop(ctx, w.ID),
		"member votes as bob":   ann.CastVote(ctx, w.ID, ids[0], 1, "bob", 3, ""),
		"observer votes":        eve.CastVote(ctx, w.ID, ids[0], 1, "eve", 3, ""),
		"observer joins":        eve.JoinWorkshop(ctx, w.ID, "eve"),
		"member joins as chair": ann.JoinWorkshop(ctx, w.ID, "chair"),
	} {
		if !errors.Is(err, ErrForbidden) {
			t.Errorf("%s: %v, want ErrForbidden", name, err)
		}
	}
	if _, _, err := ann.StartWorkshop(ctx, w.AssessmentID, ids[0], model.WorkshopOptions{}); !errors.Is(err, ErrForbidden) {
		t.Errorf("member starts: %v", err)
	}
	must(t, ann.CastVote(ctx, w.ID, ids[0], 1, "ann", 3, ""))
	must(t, fac.CastVote(ctx, w.ID, ids[0], 1, "Voter 1", 2, ""))
	must(t, fac.RevealRound(ctx, w.ID))
}

// A signed-off assessment takes no workshop: the agreed scores could not
// be written to it.
func TestWorkshopRefusedOnSignedOffAssessment(t *testing.T) {
	path := newDB(t)
	chair := openT(t, path, "chair")
	h := createT(t, chair)
	if _, err := chair.SignOff(ctx, h.ID, model.SignOff{AssuredBy: "Audit committee", AssuredOn: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := chair.StartWorkshop(ctx, h.ID, orgStatements(t)[0], model.WorkshopOptions{}); !errors.Is(err, ErrLocked) {
		t.Errorf("workshop on a signed-off assessment: %v", err)
	}
}
