package workshop

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// follower is what the member and projector screens share: it finds the
// open workshop, polls the workbook and keeps a blind snapshot of it. A
// restarted screen finds the same workshop and the same state, because all
// of it is in the workbook.
type follower struct {
	store Store
	// name is the member's name; "" for the projector, which sees no vote.
	name  string
	now   func() time.Time
	after ticker

	w     model.Workshop
	found bool
	a     *model.Assessment
	// snap is always blind: Snapshot.Blind(name).
	snap    model.Snapshot
	loaded  bool
	version int64
	// ended is the workshop that ended while this screen followed it.
	ended *model.Workshop
	// err is the last failure to read the workbook, shown until a read
	// succeeds.
	err error

	width, height int
	lay           layout
	styles        Styles
	color         bool

	status    string
	statusErr bool
	statusSeq int
}

func newFollower(s Store, name string, now func() time.Time, noColor bool) follower {
	if now == nil {
		now = time.Now
	}
	return follower{store: s, name: name, now: now, after: realTicker, color: !noColor,
		styles: NewStyles(true, !noColor), width: 80, height: 24, lay: computeLayout(80, 24)}
}

func (f *follower) init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, findCmd(f.store, f.name))
}

// handle applies the messages every follower shares; ok is false for
// others. changed reports that the room moved to another statement or
// round (the member closes its reason field then).
func (f *follower) handle(msg tea.Msg) (cmd tea.Cmd, ok bool, moved bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
		f.lay = computeLayout(msg.Width, msg.Height)
		return nil, true, false
	case tea.BackgroundColorMsg:
		f.styles = NewStyles(msg.IsDark(), f.color)
		return nil, true, false
	case pollMsg:
		if !f.found {
			return findCmd(f.store, f.name), true, false
		}
		return versionCmd(f.store), true, false
	case findMsg:
		next := f.after(pollEvery, pollMsg{})
		if msg.err != nil {
			f.err = msg.err
			return next, true, false
		}
		f.err = nil
		if !msg.ok {
			return next, true, false
		}
		f.w, f.a, f.found, f.loaded, f.ended = msg.w, msg.a, true, false, nil
		return tea.Batch(next, snapCmd(f.store, f.w.ID)), true, true
	case versionMsg:
		next := f.after(pollEvery, pollMsg{})
		if msg.err != nil {
			f.err = msg.err
			return next, true, false
		}
		if f.loaded && msg.version == f.version {
			return next, true, false
		}
		f.version = msg.version
		return tea.Batch(next, snapCmd(f.store, f.w.ID)), true, false
	case snapMsg:
		if msg.err != nil {
			f.err = msg.err
			return nil, true, false
		}
		f.err = nil
		old := f.snap
		f.snap, f.loaded = msg.snap.Blind(f.name), true
		if !f.snap.Workshop.Open() {
			w := f.snap.Workshop
			f.ended, f.found, f.loaded = &w, false, false
			return nil, true, true
		}
		moved = old.Workshop.StatementID != f.snap.Workshop.StatementID || old.Round.Number != f.snap.Round.Number
		return nil, true, moved
	case statusClearMsg:
		if msg.seq == f.statusSeq {
			f.status = ""
		}
		return nil, true, false
	}
	return nil, false, false
}

// setStatus shows a message for a few seconds.
func (f *follower) setStatus(s string, isErr bool) tea.Cmd {
	f.statusSeq++
	f.status, f.statusErr = s, isErr
	return f.after(statusFor, statusClearMsg{seq: f.statusSeq})
}

// statusLine is the status message, or the last read error.
func (f *follower) statusLine() string {
	switch {
	case f.status != "" && f.statusErr:
		return f.styles.Error.Render(clean(f.status))
	case f.status != "":
		return f.styles.Status.Render(clean(f.status))
	case f.err != nil:
		return f.styles.Error.Render("Cannot read the workbook: " + clean(f.err.Error()) + " (retrying)")
	}
	return ""
}

// waiting is the body shown while there is no workshop to follow.
func (f *follower) waiting() []string {
	var out []string
	if f.ended != nil {
		out = append(out, f.styles.Title.Render("The workshop has ended."),
			fmt.Sprintf("Started %s by %s. Its record: wgll workshop record --workshop %d",
				f.ended.StartedAt.Local().Format("2 Jan 2006 15:04"), clean(f.ended.Facilitator), f.ended.ID), "")
	}
	out = append(out, f.styles.Title.Render("Waiting for a workshop to start"),
		"No workshop is open in "+clean(f.store.Path())+".",
		"The facilitator starts one with w in the app; this screen joins it by itself.")
	return out
}

// header is the top line: organisation and period, round and timer.
func (f *follower) header(who string) string {
	left := "Workshop"
	if f.a != nil {
		left += " · " + clean(f.a.Organisation) + " · " + clean(f.a.Period)
	}
	if who != "" {
		left += " · " + who
	}
	right := ""
	if f.loaded {
		right = fmt.Sprintf("Round %d · %s", f.snap.Round.Number, model.TimerText(f.snap.Elapsed(f.now()), f.snap.Workshop.Timebox))
	}
	return spread(f.styles.Label.Render(clip(left, f.width-len(right)-2)), right, f.width)
}

// spread puts left and right on one line of width.
func spread(left, right string, width int) string {
	gap := width - lipWidth(left) - lipWidth(right)
	if gap < 1 {
		return clip(left+" "+right, width)
	}
	return left + spaces(gap) + right
}
