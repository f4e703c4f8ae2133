package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// Opening the workbook while the terminal is set up (issue 16). Opening a
// workbook (inspecting the file, checking its structure, starting
// SQLite's connections) takes 3 to 8 ms, and Bubble Tea's terminal set-up
// before the first frame takes longer still; with Config.Open the app is
// made before the workbook is open and opens it behind an empty first
// frame that stays in the normal screen. A workbook that cannot be opened
// ends the program before anything is drawn, and OpenErr says why, so the
// command still refuses it in one line, the terminal as it was.

// Opened is what Config.Open gives: the open workbook and the national
// benchmark to show beside it.
type Opened struct {
	Store     Store
	Benchmark *model.Benchmark
}

// storeOpenedMsg is the result of Config.Open, with the read-ahead already
// started on the open store and, from openAhead, the first list read.
type storeOpenedMsg struct {
	opened  Opened
	pre     *prefetch
	headers headersMsg
	err     error
}

// openAhead runs open from the moment the app is made, starts reading
// ahead on the store it gives, and delivers both with the first list of
// assessments in one message. The first frame is drawn one tick (8.3 ms)
// after the program starts, and each hop from one goroutine to the next
// through Bubble Tea (Init's batch, the open's result, then the list's
// read begun from it) could take a millisecond of a busy two-core
// machine: behind them the list missed that tick on every start of the xl
// demo traced, and the picker came a frame later.
func openAhead(open func() (Opened, error), now func() time.Time) <-chan storeOpenedMsg {
	ch := make(chan storeOpenedMsg, 1)
	go func() {
		o, err := open()
		if err != nil {
			ch <- storeOpenedMsg{err: err}
			return
		}
		pre := startPrefetch(o.Store, now)
		ch <- storeOpenedMsg{opened: o, pre: pre, headers: <-pre.headers}
	}()
	return ch
}

// openingCmd waits for the open begun by openAhead as the app was made.
func (a *App) openingCmd() tea.Cmd {
	ch := a.opening
	return func() tea.Msg { return <-ch }
}

// answerWait bounds how long a program that could not open its workbook
// waits for the terminal's answers before it ends.
const answerWait = 150 * time.Millisecond

// openFailedQuitMsg ends a program whose workbook could not be opened.
type openFailedQuitMsg struct{}

// opened takes the open workbook, or ends the program when it could not be
// opened. It ends once the terminal has answered the queries made at start
// (the background colour is asked last, and terminals answer in order),
// or after answerWait for one that does not answer: an answer arriving
// after the program has ended would be typed into the shell.
func (a *App) opened(msg storeOpenedMsg) tea.Cmd {
	if msg.err != nil {
		// opener stays set: the app goes on drawing nothing until it ends.
		a.openErr = msg.err
		if a.answered {
			return tea.Quit
		}
		return tea.Tick(answerWait, func(time.Time) tea.Msg { return openFailedQuitMsg{} })
	}
	a.opener = nil
	a.store, a.bench, a.pre = msg.opened.Store, msg.opened.Benchmark, msg.pre
	// The list came with the store: it goes on screen in this update.
	listed, _ := a.handleResult(msg.headers)
	return tea.Batch(a.watch(), listed)
}

// OpenErr is why the workbook could not be opened (Config.Open), after the
// program has ended, or nil.
func (a *App) OpenErr() error { return a.openErr }

// stillOpening reports whether the app waits for Config.Open.
func (a *App) stillOpening() bool { return a.opener != nil }

// updateOpening handles what arrives while the workbook is being opened:
// the result, the window size and colours, and ctrl+c; everything else
// waits for the first screen or is dropped (no screen is there to take a
// key yet).
func (a *App) updateOpening(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case storeOpenedMsg:
		return a.opened(msg)
	case openFailedQuitMsg:
		return tea.Quit
	case tea.BackgroundColorMsg:
		a.answered = true
		if a.openErr != nil {
			return tea.Quit
		}
		return a.update(msg)
	case tea.WindowSizeMsg:
		return a.update(msg)
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return tea.Quit
		}
	}
	return nil
}
