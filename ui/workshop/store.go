// Package workshop is the board workshop's screens: the member's voting
// screen and the room's projector screen, each its own Bubble Tea program in
// its own process, and the facilitator's screen, a self-contained model the
// app hosts as one of its screens.
//
// Every screen follows the workshop through the workbook: it polls PRAGMA
// data_version and rereads the workshop when another process commits, so a
// vote or the facilitator's move shows everywhere within a second, and a
// crashed screen restarted reads where the room is. The member and
// projector screens draw only from a blind snapshot (model.Snapshot.Blind),
// so nothing they draw can show a vote before the reveal; the rules of the
// method (tally, disagreement, median) live in package model.
//
// Everything that came from the workbook or another user (statement text,
// names, reasons, dissent) passes through ui.Sanitize before it is drawn.
package workshop

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// Store is what the workshop screens need from the workbook. It is declared
// here, where it is used; *data.Store satisfies it.
type Store interface {
	Path() string
	User() string
	DataVersion(ctx context.Context) (int64, error)
	Assessment(ctx context.Context, id int64) (*model.Assessment, error)
	CurrentWorkshop(ctx context.Context) (model.Workshop, bool, error)
	Workshops(ctx context.Context) ([]model.WorkshopListing, error)
	WorkshopSnapshot(ctx context.Context, workshopID int64) (model.Snapshot, error)
	StartWorkshop(ctx context.Context, assessmentID int64, statementID string, opt model.WorkshopOptions) (model.Workshop, bool, error)
	JoinWorkshop(ctx context.Context, workshopID int64, name string) error
	CastVote(ctx context.Context, workshopID int64, statementID string, round int, name string, level int, reason string) error
	MoveWorkshop(ctx context.Context, workshopID int64, statementID string) error
	RevealRound(ctx context.Context, workshopID int64) error
	NewRound(ctx context.Context, workshopID int64) error
	Agree(ctx context.Context, workshopID int64, score model.Score, dissent string) (model.Agreement, error)
	SetDissent(ctx context.Context, workshopID int64, statementID, dissent string) error
	EndWorkshop(ctx context.Context, workshopID int64) error
	AddWorkshopActions(ctx context.Context, workshopID int64, measureKey string, actions []model.Action) ([]model.Action, error)
}

// Timings of the screens' clocks.
const (
	// pollEvery is how often a screen asks whether the workbook changed:
	// well inside the second within which a vote must show everywhere.
	pollEvery = 250 * time.Millisecond
	// statusFor is how long a status message stays.
	statusFor = 4 * time.Second
)

// Messages: every store call runs in a tea.Cmd and comes back as one of
// these, carrying err.
type (
	// pollMsg asks for the data version (and redraws the timer).
	pollMsg struct{}
	// versionMsg is the data version read.
	versionMsg struct {
		version int64
		err     error
	}
	// findMsg is the open workshop a member or projector follows.
	findMsg struct {
		w   model.Workshop
		ok  bool
		a   *model.Assessment
		err error
	}
	// snapMsg is a fresh snapshot of the workshop.
	snapMsg struct {
		snap model.Snapshot
		err  error
	}
	// doneMsg is the result of a write (vote, reveal, move...); what says
	// what it was, for the status line.
	doneMsg struct {
		what string
		err  error
	}
	// statusClearMsg clears the status line if it is still message seq.
	statusClearMsg struct{ seq int }
)

func versionCmd(s Store) tea.Cmd {
	return func() tea.Msg {
		v, err := s.DataVersion(context.Background())
		return versionMsg{version: v, err: err}
	}
}

func snapCmd(s Store, id int64) tea.Cmd {
	return func() tea.Msg {
		snap, err := s.WorkshopSnapshot(context.Background(), id)
		return snapMsg{snap: snap, err: err}
	}
}

// findCmd finds the open workshop (joining it as name, unless name is ""
// for the projector) and loads its assessment for the criteria.
func findCmd(s Store, name string) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		w, ok, err := s.CurrentWorkshop(ctx)
		if err != nil || !ok {
			return findMsg{err: err}
		}
		if name != "" {
			if err := s.JoinWorkshop(ctx, w.ID, name); err != nil {
				return findMsg{err: err}
			}
		}
		a, err := s.Assessment(ctx, w.AssessmentID)
		if err != nil {
			return findMsg{err: err}
		}
		return findMsg{w: w, ok: true, a: a}
	}
}

// doCmd runs a write and reports it.
func doCmd(what string, fn func(ctx context.Context) error) tea.Cmd {
	return func() tea.Msg {
		return doneMsg{what: what, err: fn(context.Background())}
	}
}

// ticker schedules msg after d; tests replace it so nothing sleeps.
type ticker func(d time.Duration, msg tea.Msg) tea.Cmd

func realTicker(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
