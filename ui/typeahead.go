package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Type-ahead at start. Until the first screen is up (the workbook opening
// behind Config.Open, then the first list of assessments being read) there
// is no screen to take a key, yet a user who starts wgll and presses enter
// at once means "open the highlighted assessment", and one who goes on
// typing means the keys for the screen that enter opens. So, from start
// until the first screen is up with nothing being read for it, keys and
// pastes are kept in order and given out one by one: each waits until what
// the one before it opened has arrived, as if it had been typed a moment
// later. Nothing typed is lost. A key typed before Bubble Tea had put the
// terminal in raw mode went through the terminal's line discipline, which
// turns enter into a line feed, read as ctrl+j (bound to nothing): a
// ctrl+j read within earlyKeys of the program's start is taken as the
// enter it was (earlyEnter). The rule is timed from the start, not from the
// first list: the workbook opens beside the terminal's set-up, and on a
// small one the list can be on screen before Bubble Tea has read the
// keys typed before raw mode (found by TestKeysTypedBeforeTheFirstScreen,
// which lost its enter once the open began sooner).
// ctrl+c is never kept: it ends the program
// at once, as always; nor is esc while a read is running, which cancels
// it. After that first screen, keys go straight to the screens.

// earlyKeys is how long after the program's start a line feed is the enter
// of a key typed before raw mode: Bubble Tea reads those keys as soon as
// its input starts, a few milliseconds after Init; nobody means to press
// ctrl+j in the first second of a program they cannot see yet.
const earlyKeys = time.Second

// earlyEnter turns msg into enter when it is a line feed read within
// earlyKeys of Init (see above).
func (a *App) earlyEnter(msg tea.Msg) tea.Msg {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+j" && !a.startedAt.IsZero() && time.Since(a.startedAt) < earlyKeys {
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	}
	return msg
}

// maxTypeAhead bounds what is kept; a key beyond it is dropped (a held-down
// key repeating while a slow disk opens the file).
const maxTypeAhead = 64

// typingAhead reports whether keys are still being kept for a screen on
// its way: before the first list has arrived, or while something typed
// ahead is being opened.
func (a *App) typingAhead() bool {
	if a.typedDone {
		return false
	}
	return !a.listed || a.longCancel != nil || len(a.typedAhead) > 0
}

// holdTyped keeps msg for the screen on its way (see above), and reports
// whether it did.
func (a *App) holdTyped(msg tea.Msg) bool {
	if !a.typingAhead() {
		return false
	}
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		if m.String() == "ctrl+c" || (a.longCancel != nil && key.Matches(m, a.keys.Back)) {
			return false
		}
	case tea.PasteMsg:
	default:
		return false
	}
	if len(a.typedAhead) < maxTypeAhead {
		a.typedAhead = append(a.typedAhead, msg)
	}
	return true
}

// replayTyped gives the keys typed ahead to the screen that is now up, in
// order, stopping after one that starts a read (the next waits for it to
// arrive); once the first screen is up with none left, type-ahead ends.
// It returns what those keys start.
func (a *App) replayTyped() tea.Cmd {
	if a.typedDone || !a.listed || a.longCancel != nil {
		return nil
	}
	var cmds []tea.Cmd
	for len(a.typedAhead) > 0 && a.longCancel == nil {
		msg := a.typedAhead[0]
		a.typedAhead = a.typedAhead[1:]
		cmds = append(cmds, a.updateOne(msg))
	}
	if len(a.typedAhead) == 0 && a.longCancel == nil {
		a.typedDone, a.typedAhead = true, nil
	}
	return tea.Batch(cmds...)
}
