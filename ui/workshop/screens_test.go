package workshop

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"wgll/model"
)

// sizes are the terminal sizes every workshop screen is pinned at.
var sizes = []struct{ w, h int }{{80, 24}, {100, 30}, {160, 45}}

// screenNow is the screens' clock: 2 minutes 5 seconds into the statement.
func screenNow() time.Time { return t0.Add(125 * time.Second) }

func newMember(t *testing.T, r *room, name string, w, h int) *harness {
	return newHarness(t, NewMember(MemberConfig{Store: r.member(name), Name: name, Now: screenNow, NoColor: true}), w, h)
}

func newProjector(t *testing.T, r *room, w, h int) *harness {
	return newHarness(t, NewProjector(ProjectorConfig{Store: r.open("projector"), Now: screenNow, NoColor: true}), w, h)
}

func newFacilitator(t *testing.T, r *room, w, h int) *harness {
	return newHarness(t, NewFacilitator(FacilitatorConfig{Store: r.chair, Assessment: r.a, StatementID: "WL-O1", Now: screenNow, NoColor: true}), w, h)
}

// checkFits fails unless the screen is exactly w x h.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipWidth(l); lw > w {
			t.Errorf("%dx%d: line %d is %d wide: %q", w, h, i, lw, l)
		}
	}
}

// goldenAt pins view; the workbook's temporary path is written as
// WORKBOOK.DB (padded to its length, so the layout is what was drawn).
func goldenAt(t *testing.T, r *room, name string, w, h int, view string) {
	t.Helper()
	view = strings.ReplaceAll(view, r.path, fmt.Sprintf("%-*s", len(r.path), "WORKBOOK.DB"))
	t.Run(fmt.Sprintf("%s_%dx%d", name, w, h), func(t *testing.T) {
		checkFits(t, view, w, h)
		golden.RequireEqual(t, view)
	})
}

// TestGoldenMember pins the member's screen in each state at every size.
func TestGoldenMember(t *testing.T) {
	for _, sz := range sizes {
		r := newRoom(t)
		ann := newMember(t, r, "ann", sz.w, sz.h)
		goldenAt(t, r, "waiting", sz.w, sz.h, ann.view())

		w := r.start(model.WorkshopOptions{})
		r.vote(w, "bob", 5, "BOBSECRET")
		ann.poll()
		ann.poll()
		goldenAt(t, r, "before_vote", sz.w, sz.h, ann.view())

		ann.keys("3")
		ann.clearStatus()
		goldenAt(t, r, "voted", sz.w, sz.h, ann.view())

		ann.keys("enter")
		ann.typeText("we have a lead but no CCIO")
		goldenAt(t, r, "reason", sz.w, sz.h, ann.view())
		ann.keys("enter")
		ann.clearStatus()

		r.must(r.chair.RevealRound(ctx, w.ID))
		ann.poll()
		goldenAt(t, r, "revealed", sz.w, sz.h, ann.view())

		r.must(r.chair.EndWorkshop(ctx, w.ID))
		ann.poll()
		goldenAt(t, r, "ended", sz.w, sz.h, ann.view())
	}
}

// TestGoldenProjector pins the room's screen.
func TestGoldenProjector(t *testing.T) {
	for _, sz := range sizes {
		r := newRoom(t)
		w := r.start(model.WorkshopOptions{})
		r.must(r.member("carol").JoinWorkshop(ctx, w.ID, "carol"))
		r.vote(w, "ann", 2, "ANNSECRET")
		r.vote(w, "bob", 4, "BOBSECRET")
		p := newProjector(t, r, sz.w, sz.h)
		goldenAt(t, r, "before_reveal", sz.w, sz.h, p.view())

		r.must(r.chair.RevealRound(ctx, w.ID))
		p.poll()
		goldenAt(t, r, "revealed", sz.w, sz.h, p.view())

		if _, err := r.chair.Agree(ctx, w.ID, 3, "bob thinks 4"); err != nil {
			t.Fatal(err)
		}
		p.poll()
		goldenAt(t, r, "agreed", sz.w, sz.h, p.view())
	}
}

// TestGoldenFacilitator pins the facilitator's screen in each mode.
func TestGoldenFacilitator(t *testing.T) {
	for _, sz := range sizes {
		r := newRoom(t)
		f := newFacilitator(t, r, sz.w, sz.h)
		goldenAt(t, r, "start", sz.w, sz.h, f.view())

		f.keys("enter")
		f.clearStatus()
		fm := f.m.(*Facilitator)
		r.must(r.member("ann").JoinWorkshop(ctx, fm.w.ID, "ann"))
		r.must(r.member("dave").JoinWorkshop(ctx, fm.w.ID, "dave"))
		r.vote(fm.w, "ann", 1, "no CCIO on the board")
		r.vote(fm.w, "bob", 4, "")
		r.vote(fm.w, "carol", 3, "")
		f.poll()
		goldenAt(t, r, "before_reveal", sz.w, sz.h, f.view())

		f.keys("r")
		f.clearStatus()
		goldenAt(t, r, "revealed", sz.w, sz.h, f.view())

		f.keys("d")
		f.typeText("ann: the CCIO only attends")
		goldenAt(t, r, "dissent", sz.w, sz.h, f.view())
		f.keys("enter")
		f.clearStatus()

		f.keys("enter")
		f.clearStatus()
		goldenAt(t, r, "agreed", sz.w, sz.h, f.view())

		f.keys("]")
		f.clearStatus()
		f.keys("b")
		f.typeText("3")
		goldenAt(t, r, "ballot_count", sz.w, sz.h, f.view())
		f.keys("enter", "2")
		f.clearStatus()
		goldenAt(t, r, "ballot_voter", sz.w, sz.h, f.view())
		f.keys("3", "2")
		f.clearStatus()
		f.keys("r", "enter")
		f.clearStatus()
		goldenAt(t, r, "summary", sz.w, sz.h, f.view())

		f.typeText("Appoint a CCIO")
		f.keys("esc")
		f.clearStatus()
		f.keys("w")
		goldenAt(t, r, "confirm_end", sz.w, sz.h, f.view())
	}
}
