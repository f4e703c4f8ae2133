package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/model"
)

// Timings of the app's own clocks.
const (
	statusFor  = 4 * time.Second
	pollEvery  = 500 * time.Millisecond
	draftAfter = time.Second
	// draftEvery bounds what steady typing can lose: a draft is saved at
	// least this often while text changes (the promise is two seconds;
	// the save itself takes a few milliseconds).
	draftEvery = 1500 * time.Millisecond
)

// Config is what the app is started with.
type Config struct {
	// Store is the open workbook.
	Store Store
	// Open, when Store is nil, opens the workbook while the terminal is
	// set up (opening.go): the app draws nothing until it has, and ends
	// the program, with OpenErr set, when it fails. Benchmark is then
	// what Open gives.
	Open func() (Opened, error)
	// CriteriaTOML is the criteria text new assessments are made with.
	CriteriaTOML []byte
	// Now is the clock (nil means time.Now); overdue actions are counted
	// against it.
	Now func() time.Time
	// NoColor draws without colour (NO_COLOR is set): bold, faint and
	// reverse only, still readable.
	NoColor bool
	// Export writes the open assessment's action list or board report to a
	// file for the export dialog (x); nil makes the dialog say that export
	// is not available.
	Export ExportFunc
	// OpenURL opens a web link in the browser (o on evidence and on the
	// statement screen's resources); nil uses xdg-open or open, and prints
	// the link where neither can. It runs in a command, never in Update.
	OpenURL OpenURLFunc
	// Remote says the person is not at this machine ('wgll serve'): the
	// host's browser and editor are not theirs, and an editor can run
	// commands, so links are printed rather than opened and ctrl+o is off.
	Remote bool
	// ExportFormats lists the formats each export subject ("actions",
	// "report", "compare", "trend") can be written in: the export
	// package's one list (export.FormatNames). Nil, like a nil Export,
	// makes the dialog say that export is not available.
	ExportFormats func(what string) []string
	// Benchmark is the national Digital Maturity Assessment means shown
	// beside each measure of an assessment with a care setting; nil hides
	// the column.
	Benchmark *model.Benchmark
	// Workshop makes the facilitator's screen that w opens on the
	// overview or a measure; nil says workshops are not available.
	Workshop WorkshopFunc
	// Changed, when set, receives a value whenever another session in this
	// process commits to the workbook ('wgll serve'), and the app reloads
	// at once instead of at its next poll (see shared.go).
	Changed <-chan struct{}
	// Frameworks are the criteria the new-assessment and carry-forward
	// forms offer; nil offers CriteriaTOML and the built-in frameworks.
	Frameworks []Framework
}

// App is the root model of the wgll app. It implements tea.Model. It
// keeps only what the screens share; each screen's own state is in its
// screen (screen_*.go), each dialog's in its dialog.
type App struct {
	store  Store
	toml   []byte
	now    func() time.Time
	color  bool
	export ExportFunc
	// exportFormats is Config.ExportFormats.
	exportFormats func(what string) []string
	bench         *model.Benchmark
	openURL       OpenURLFunc
	remote        bool
	// workshop makes the hosted facilitator's screen (Config.Workshop).
	workshop WorkshopFunc
	// fws gives what new assessments may be made with, the default (toml)
	// first: worked out when a form first needs it, so that starting
	// the app parses no criteria it may never use.
	fws func() []Framework
	// pre is what Prefetch reads ahead, or nil.
	pre *prefetch
	// opener opens the workbook while the app waits (Config.Open); nil
	// once it has, or when Config.Store was given. openErr is why it
	// failed.
	opener  func() (Opened, error)
	openErr error
	// opening delivers Config.Open's result, with the first list read
	// on the store it gave (openAhead); nil when Config.Store was given.
	opening <-chan storeOpenedMsg
	// answered is set when the terminal has answered the background
	// colour query made at start.
	answered bool
	// listed is set once the first list of assessments has arrived;
	// typedAhead holds the keys typed before the first screen was up, and
	// typedDone is set once they have all been given out (typeahead.go).
	listed     bool
	typedAhead []tea.Msg
	typedDone  bool
	// startedAt is when Init ran, by the wall clock (earlyEnter).
	startedAt time.Time
	keys      KeyMap
	styles    Styles
	help      help.Model
	// after schedules msg after d; tests replace it to run without
	// sleeping.
	after func(d time.Duration, msg tea.Msg) tea.Cmd

	width, height int
	lay           layout
	screen        screenID
	sc            screens
	dialogs       []dialog

	// The open assessment and the position in it, which the overview,
	// measure and statement screens share: heat and measures are derived
	// from a; rowsGen counts changes to it and stylesGen changes of
	// style, which invalidate the screens' cached lines.
	a          *model.Assessment
	heat       model.Heatmap
	measures   []criteria.Measure
	measureIdx int
	stmtIdx    int
	rowsGen    int
	stylesGen  int

	status    string
	statusErr bool
	statusSeq int

	drafts         []model.Draft
	draftSeq       int
	draftSavedText string
	draftDue       bool
	lastVersion    int64
	saves          int
	reloading      bool

	// longCancel cancels the long read running (longCtx); itemsWanted and
	// countsWanted are the reads asked for and not yet back (loading.go).
	longCancel context.CancelFunc
	// longSeq numbers the long reads, and longWhat says what the one
	// running reads, for the status line.
	longSeq      int
	longWhat     string
	itemsWanted  string
	countsWanted int64

	// pending is the draft of what is being typed, published for
	// FlushDraft (see syncPending); flushed is the text it last wrote.
	pendingMu sync.Mutex
	pending   *model.Draft
	flushed   string

	lastExport exportChoice
	// working is the long write running in the background (an export, a
	// carry forward or a delete), nil when none is: one runs at a time; workSeq
	// numbers them, and cancelledWork is the last one esc or quitting
	// cancelled (work.go).
	working       *work
	workSeq       int
	cancelledWork int
	// carryForm is the carry-forward form of the carry running, shown
	// again with the error if it fails.
	carryForm *form
	changed   <-chan struct{}
	// scoreNote is added to the next score's status: where the cursor went.
	scoreNote string
	// readOnly is set while a member opened from the ICS view is shown;
	// icsPending is the member being loaded for it (readonly.go).
	readOnly   bool
	icsPending int64
}

// New returns the app for cfg.
func New(cfg Config) *App {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	a := &App{
		workshop:      cfg.Workshop,
		store:         cfg.Store,
		toml:          cfg.CriteriaTOML,
		fws:           sync.OnceValue(func() []Framework { return frameworksFor(cfg.CriteriaTOML, cfg.Frameworks) }),
		now:           now,
		color:         !cfg.NoColor,
		export:        cfg.Export,
		exportFormats: cfg.ExportFormats,
		openURL:       cfg.OpenURL,
		bench:         cfg.Benchmark,
		opener:        cfg.Open,
		keys:          DefaultKeyMap(),
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		},
		width:  80,
		height: 24,
		sc:     newScreens(),
		help:   help.New(),
	}
	a.remote = cfg.Remote
	switch {
	case a.remote:
		a.openURL = func(string) error { return errNoBrowser }
	case a.openURL == nil:
		a.openURL = openInBrowser
	}
	a.changed = cfg.Changed
	if a.opener != nil {
		a.opening = openAhead(a.opener, now)
	}
	a.setStyles(newStyles(true, a.color))
	a.resize()
	return a
}

// setStyles swaps the styles, and the help line's with them.
func (a *App) setStyles(st Styles) {
	a.styles = st
	a.stylesGen++
	a.help.Styles.ShortKey = st.HelpKey
	a.help.Styles.ShortDesc = st.Help
	a.help.Styles.ShortSeparator = st.Help
	a.help.Styles.Ellipsis = st.Help
	a.help.ShortSeparator = " · "
}

// Init asks for the background colour and starts loading.
func (a *App) Init() tea.Cmd {
	a.startedAt = time.Now()
	if a.stillOpening() {
		return tea.Batch(tea.RequestBackgroundColor, a.openingCmd(), warmWidths)
	}
	return tea.Batch(tea.RequestBackgroundColor, a.start(), warmWidths)
}

// start reads what the first screen shows and starts watching for changes
// (Init, or once Config.Open has opened the workbook).
func (a *App) start() tea.Cmd {
	return tea.Batch(a.firstHeadersCmd(), a.watch())
}

// watch reads the drafts left from before and starts watching the
// workbook for changes (start).
func (a *App) watch() tea.Cmd {
	return tea.Batch(
		draftsCmd(a.store),
		a.after(pollEvery, pollTickMsg{}),
		waitChanged(a.changed),
	)
}

// Update applies one message, then reads what the screen now needs and
// the store has not given yet (loading.go).
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	msg = a.earlyEnter(msg)
	if a.holdTyped(msg) {
		return a, nil
	}
	cmd := a.updateOne(msg)
	if typed := a.replayTyped(); typed != nil {
		cmd = tea.Batch(cmd, typed)
	}
	return a, cmd
}

// updateOne is Update for one message that is not being typed ahead.
func (a *App) updateOne(msg tea.Msg) tea.Cmd {
	if a.stillOpening() {
		return a.updateOpening(msg)
	}
	if a.screen == screenHosted {
		if cmd, ok := a.sc.hosted.route(a, msg); ok {
			return cmd
		}
	}
	cmd := a.update(msg)
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, draftSavedMsg, rationaleSavedMsg, evidenceSavedMsg, actionSavedMsg, draftsMsg:
		a.syncPending()
	}
	if need := a.needItems(); need != nil {
		cmd = tea.Batch(cmd, need)
	}
	if need := a.needCounts(); need != nil {
		cmd = tea.Batch(cmd, need)
	}
	return cmd
}

// update applies one message and returns what to run next.
func (a *App) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return nil
	case tea.BackgroundColorMsg:
		a.setStyles(newStyles(msg.IsDark(), a.color))
		return nil
	case tea.KeyPressMsg:
		return a.handleKey(msg)
	case tea.PasteMsg:
		return a.routeToInput(msg)
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return a.handleMouse(msg.(tea.MouseMsg))
	case statusClearMsg:
		if msg.seq == a.statusSeq {
			a.status = ""
		}
		return nil
	case longDoneMsg:
		return a.longDone(msg)
	}
	if cmd, ok := a.handleResult(msg); ok {
		return cmd
	}
	if cmd, ok := a.handleLive(msg); ok {
		return cmd
	}
	if cmd, ok := a.handleShared(msg); ok {
		return cmd
	}
	return a.routeToInput(msg)
}

// resize recomputes the layout and sizes the dialogs' inputs.
func (a *App) resize() {
	a.lay = computeLayout(a.width, a.height)
	a.help.SetWidth(a.width)
	for _, d := range a.dialogs {
		if r, ok := d.(resizer); ok {
			r.resize(a.lay)
		}
	}
}

// routeToInput passes a message (a paste, say) to the focused text input:
// the top dialog's, else the screen's.
func (a *App) routeToInput(msg tea.Msg) tea.Cmd {
	if d := a.top(); d != nil {
		act, cmd := d.update(msg, a.keys)
		return tea.Batch(cmd, a.apply(act))
	}
	if t, ok := a.current().(typist); ok && t.typing() {
		return t.input(a, msg)
	}
	return nil
}

// handleKey routes a key press: quit, then the top dialog, then a focused
// text input, then global keys, then the screen.
func (a *App) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, a.keys.ForceQuit) {
		if _, warned := a.top().(*quitWarning); warned {
			return tea.Quit
		}
		if c, asked := a.top().(*confirm); asked && c.yes == (actQuitWorking{}) {
			return a.apply(actQuitWorking{}) // ctrl+c twice
		}
		return a.quit()
	}
	typing := false
	if t, ok := a.current().(typist); ok {
		typing = t.typing()
	}
	if a.lay.tooSmall {
		if key.Matches(k, a.keys.Quit) && len(a.dialogs) == 0 && !typing {
			return a.quit()
		}
		return nil
	}
	if d := a.top(); d != nil {
		act, cmd := d.update(k, a.keys)
		return tea.Batch(cmd, a.apply(act))
	}
	if typing {
		return a.current().update(a, k)
	}
	if cmd, ok := a.cancelLong(k); ok {
		return cmd
	}
	if cmd, ok := a.cancelWork(k); ok {
		return cmd
	}
	if cmd, ok := a.readOnlyKey(k); ok {
		return cmd
	}
	open := a.a != nil && a.screen >= screenOverview
	switch {
	case key.Matches(k, a.keys.Quit):
		return a.quit()
	case key.Matches(k, a.keys.Help):
		a.push(newHelpDialog(a.keys))
		return nil
	case key.Matches(k, a.keys.Undo) && open:
		a.setStatus("Undoing…", false)
		return undoCmd(a.store)
	case key.Matches(k, a.keys.Export) && open && !a.claimed(k):
		return a.openExport()
	case key.Matches(k, a.keys.Search) && open:
		return a.openSearch()
	case key.Matches(k, a.keys.Workshop) && open && (a.screen == screenOverview || a.screen == screenMeasure):
		return a.startWorkshop()
	}
	return a.current().update(a, k)
}

// handleMouse sends a click or the wheel to the top dialog or the screen.
func (a *App) handleMouse(m tea.MouseMsg) tea.Cmd {
	if a.lay.tooSmall {
		return nil
	}
	if d := a.top(); d != nil {
		if _, wheel := m.(tea.MouseWheelMsg); wheel {
			act, cmd := d.update(m, a.keys)
			return tea.Batch(cmd, a.apply(act))
		}
		return nil
	}
	if ms, ok := a.current().(mouser); ok {
		return ms.mouse(a, m)
	}
	return nil
}

// setStatus shows text on the status line for a few seconds.
func (a *App) setStatus(text string, isErr bool) tea.Cmd {
	a.statusSeq++
	a.status, a.statusErr = text, isErr
	return a.after(statusFor, statusClearMsg{seq: a.statusSeq})
}

// fail shows err on the status line; errors never end the app.
func (a *App) fail(err error) tea.Cmd {
	if errors.Is(err, model.ErrLocked) {
		return a.lockedStatus(err)
	}
	return a.setStatus(oneLine(err.Error()), true)
}

// asConflict reports whether err is a conflict with someone else's save.
func asConflict(err error) (*model.ConflictError, bool) {
	var ce *model.ConflictError
	ok := errors.As(err, &ce)
	return ce, ok
}

// --- the open assessment ---------------------------------------------------

// open makes x the open assessment and shows its overview.
func (a *App) open(x *model.Assessment) tea.Cmd {
	a.takeReadOnly(x.ID)
	a.setAssessment(x)
	a.screen = screenOverview
	a.measureIdx, a.stmtIdx = 0, 0
	a.sc.statement.enter(a)
	if a.readOnly {
		// A draft is restored by writing it; it waits for an editable open.
		return nil
	}
	return a.offerDrafts()
}

// setAssessment swaps in x and rebuilds everything derived from it,
// keeping the position on the same measure, statement and items by id.
func (a *App) setAssessment(x *model.Assessment) {
	same := a.a != nil && a.a.ID == x.ID
	mKey, sid := a.curMeasureKey(), a.curStatementID()
	var restore func()
	if same {
		restore = a.sc.statement.keep(a)
	}
	a.a = x
	a.measures = x.Measures()
	a.rebuild()
	if !same {
		return
	}
	for i, m := range a.measures {
		if m.Key == mKey {
			a.measureIdx = i
			for j, s := range m.Statements {
				if s.ID == sid {
					a.stmtIdx = j
				}
			}
		}
	}
	restore()
}

// rebuild recomputes the heatmap after an edit was applied to a.a.
func (a *App) rebuild() {
	a.rowsGen++
	a.heat = a.a.BuildHeatmap(a.now())
	a.clampCursors()
}

// clamp keeps v inside a list of n.
func clamp(v, n int) int {
	if v >= n {
		v = n - 1
	}
	return max(0, v)
}

// clampCursors keeps every cursor inside its list.
func (a *App) clampCursors() {
	a.measureIdx = clamp(a.measureIdx, len(a.measures))
	if m, ok := a.curMeasure(); ok {
		a.stmtIdx = clamp(a.stmtIdx, len(m.Statements))
	}
	if a.a != nil {
		a.sc.statement.clamp(a)
	}
}

func (a *App) curMeasure() (criteria.Measure, bool) {
	if a.measureIdx < 0 || a.measureIdx >= len(a.measures) {
		return criteria.Measure{}, false
	}
	return a.measures[a.measureIdx], true
}

func (a *App) curMeasureKey() string {
	m, _ := a.curMeasure()
	return m.Key
}

func (a *App) curStatement() (criteria.Statement, bool) {
	m, ok := a.curMeasure()
	if !ok || a.stmtIdx < 0 || a.stmtIdx >= len(m.Statements) {
		return criteria.Statement{}, false
	}
	return m.Statements[a.stmtIdx], true
}

func (a *App) curStatementID() string {
	s, _ := a.curStatement()
	return s.ID
}

// maxScore is the highest level of the open assessment's scale.
func (a *App) maxScore() int {
	if a.a == nil || a.a.Criteria == nil {
		return 5
	}
	return a.a.Criteria.MaxLevel()
}

// openActions counts the live actions of statement sid.
func (a *App) openActions(sid string) int { return a.a.Items(sid, a.now()).Live() }

// step moves the position d statements on (or back), across measures; it
// says so when there is nowhere further to go.
func (a *App) step(d int) tea.Cmd {
	mi, si := a.measureIdx, a.stmtIdx+d
	for mi >= 0 && mi < len(a.measures) {
		n := len(a.measures[mi].Statements)
		if si >= 0 && si < n {
			a.measureIdx, a.stmtIdx = mi, si
			a.sc.statement.enter(a)
			return nil
		}
		mi += d
		if d > 0 {
			si = 0
		} else if mi >= 0 {
			si = len(a.measures[mi].Statements) - 1
		}
	}
	if d > 0 {
		return a.setStatus("That is the last statement of the assessment", false)
	}
	return a.setStatus("That is the first statement of the assessment", false)
}

// --- keys shared by the screens ------------------------------------------

// move applies the list movement keys to cursor over n items.
func (a *App) move(k tea.KeyPressMsg, cursor *int, n, page int) bool {
	switch {
	case key.Matches(k, a.keys.Up):
		*cursor = max(0, *cursor-1)
	case key.Matches(k, a.keys.Down):
		*cursor = min(n-1, *cursor+1)
	case key.Matches(k, a.keys.PageUp):
		*cursor = max(0, *cursor-max(1, page))
	case key.Matches(k, a.keys.PageDown):
		*cursor = min(n-1, *cursor+max(1, page))
	case key.Matches(k, a.keys.Home):
		*cursor = 0
	case key.Matches(k, a.keys.End):
		*cursor = n - 1
	default:
		return false
	}
	if *cursor < 0 {
		*cursor = 0
	}
	return true
}

// score saves the score typed as k for the statement at the position.
func (a *App) score(k tea.KeyPressMsg) tea.Cmd {
	sid := a.curStatementID()
	if sid == "" {
		return nil
	}
	if a.a.SignOff.Signed() {
		// Refused here too, so that pressing the score it already has
		// (which the store, writing nothing, would not refuse) says so.
		return a.lockedStatus(model.ErrLocked)
	}
	n := int(k.Code - '0')
	if n > a.maxScore() {
		return a.setStatus(fmt.Sprintf("Scores run from 1 to %d (0 clears)", a.maxScore()), true)
	}
	return scoreCmd(a.store, a.a.ID, sid, model.Score(n))
}

// scoreAndMove scores the statement at the position and moves on to the
// next one; after a measure's last statement it goes to the next measure's
// first, so a second press never overwrites the score just given.
func (a *App) scoreAndMove(k tea.KeyPressMsg) tea.Cmd {
	if a.a.SignOff.Signed() {
		return a.score(k) // locked: say so and stay put
	}
	cmd := a.score(k)
	if cmd == nil || int(k.Code-'0') > a.maxScore() {
		return cmd
	}
	m, _ := a.curMeasure()
	if a.stmtIdx < len(m.Statements)-1 {
		a.stmtIdx++
		a.sc.statement.enter(a)
		return cmd
	}
	if a.measureIdx < len(a.measures)-1 {
		a.measureIdx++
		a.stmtIdx = 0
		a.sc.statement.enter(a)
		next, _ := a.curMeasure()
		a.scoreNote = "; on to " + oneLine(next.Name)
		return cmd
	}
	a.scoreNote = "; that was the last statement"
	return cmd
}

// --- chrome --------------------------------------------------------------

// keysFor is the short help line for the current context.
func (a *App) keysFor() []key.Binding {
	if d := a.top(); d != nil {
		return d.keys(a.keys)
	}
	ks := a.readOnlyHelp(a.current().keys(a))
	if t, ok := a.current().(typist); a.working != nil && !(ok && t.typing()) {
		// esc cancels the work first (cancelWork), so it says so first.
		ks = append([]key.Binding{hint("esc", "cancel")}, ks...)
	}
	return ks
}

// ShortHelp implements help.KeyMap: the keys for the current context.
func (a *App) ShortHelp() []key.Binding { return a.keysFor() }

// FullHelp implements help.KeyMap: every key, by context.
func (a *App) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range a.keys.fullHelp() {
		out = append(out, g.keys)
	}
	return out
}
