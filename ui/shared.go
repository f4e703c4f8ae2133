package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// This file is what 'wgll serve' needs from the app beyond a terminal app's:
// an immediate reload when another session in the same process commits
// (Config.Changed), and an orderly end when the server stops (ShutdownMsg).

// changedRetry is how soon a change notice that arrived during a reload is
// looked at again: that reload may have read the workbook just before the
// change, so another one follows it.
const changedRetry = 20 * time.Millisecond

// changedMsg says another session committed. fromChannel is false for the
// retry changedMsg schedules itself, so that only one receive from the
// channel is ever waiting.
type changedMsg struct{ fromChannel bool }

// ShutdownMsg ends the app in an orderly way: whatever is being typed is
// saved as a draft first (and offered back on the next start), then the
// program quits. The server sends it to every session when it is stopped.
type ShutdownMsg struct{}

// waitChanged waits for the next notice on ch; nil ch waits for nothing.
func waitChanged(ch <-chan struct{}) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		if _, ok := <-ch; !ok {
			return nil
		}
		return changedMsg{fromChannel: true}
	}
}

// handleShared applies changedMsg and ShutdownMsg; ok is false for other
// messages.
func (a *App) handleShared(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case changedMsg:
		var next tea.Cmd
		if msg.fromChannel {
			next = waitChanged(a.changed)
		}
		if a.reloading {
			return tea.Batch(next, a.after(changedRetry, changedMsg{})), true
		}
		return tea.Batch(next, a.reload()), true
	case ShutdownMsg:
		// One command that saves and then quits, so the program cannot end
		// before the draft is written.
		save := a.saveDraftNow()
		return func() tea.Msg {
			if save != nil {
				save()
			}
			return tea.QuitMsg{}
		}, true
	}
	return nil, false
}
