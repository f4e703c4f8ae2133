// Package ui is the wgll terminal app: a Bubble Tea v2 program in which a
// board scores the What Good Looks Like statements, records evidence and
// actions, and watches the heatmap fill in.
//
// One root model, App, owns routing, focus, screen state and layout. The
// screens are drawn by plain methods; every store call runs in a tea.Cmd
// and comes back as a typed message carrying err. Every string that came
// from the workbook is passed through Sanitize before it is drawn.
package ui

import (
	"errors"
	"fmt"
	"time"

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
)

// Config is what the app is started with.
type Config struct {
	// Store is the open workbook.
	Store Store
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
	// Benchmark is the national Digital Maturity Assessment means shown
	// beside each measure of an assessment with a care setting; nil hides
	// the column.
	Benchmark *model.Benchmark
}

// screen is which screen is showing.
type screen int

const (
	screenLoading screen = iota
	screenSetup
	screenPicker
	screenOverview
	screenMeasure
	screenStatement
	// screenCompare and screenTrend are read-only reports on the open
	// assessment's organisation; esc goes back to the overview.
	screenCompare
	screenTrend
)

// pane is the focused pane of the statement screen.
type pane int

const (
	paneRationale pane = iota
	paneEvidence
	paneActions
	paneCount
)

// editor is the rationale being edited.
type editor struct {
	active bool
	sid    string
	// base is the response version the edit started from; original the
	// text it started with.
	base     int64
	original string
	conflict *model.ConflictError
}

// confirm is an open "delete? y/n" dialog.
type confirm struct {
	what  itemKind
	id    int64
	label string
}

// App is the root model of the wgll app. It implements tea.Model.
type App struct {
	store  Store
	toml   []byte
	now    func() time.Time
	color  bool
	export ExportFunc
	bench  *model.Benchmark
	keys   KeyMap
	styles Styles
	// after schedules msg after d; tests replace it to run without
	// sleeping.
	after func(d time.Duration, msg tea.Msg) tea.Cmd

	width, height int
	lay           layout
	screen        screen
	showHelp      bool

	items []pickItem
	// pickRows caches the picker's row texts, which change only when the
	// list or the width does, so a key press there formats nothing.
	pickRows      []string
	pickRowsWidth int
	// evRows and acRows cache the statement screen's list lines; rowsGen
	// counts changes to the open assessment, which invalidate them.
	evRows, acRows rowCache
	rowsGen        int
	pickCursor     int

	a    *model.Assessment
	heat model.Heatmap
	// measures caches a.Measures(): the measures for the audience.
	measures   []criteria.Measure
	measureIdx int
	stmtIdx    int
	pane       pane
	evCursor   int
	acCursor   int

	ed       editor
	ta       textEdit
	form     *form
	formKey  string
	confirm  *confirm
	notice   *notice
	drafts   []model.Draft
	offering *model.Draft

	status    string
	statusErr bool
	statusSeq int

	draftSeq       int
	draftSavedText string
	lastVersion    int64
	saves          int
	reloading      bool

	lastExport exportChoice

	// startGroup is the organisation's assessments while a new period is
	// being started, oldest first; carryFrom the one carried forward.
	startGroup []model.Header
	carryFrom  model.Header
	// cmp and trend are the report screens' contents; scroll their
	// laid-out lines. stylesGen counts style changes, so the lines are
	// laid out again with the new styles.
	cmp       *model.Comparison
	trend     *model.TrendTable
	scroll    scrollState
	stylesGen int
}

// New returns the app for cfg.
func New(cfg Config) *App {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	a := &App{
		store:  cfg.Store,
		toml:   cfg.CriteriaTOML,
		now:    now,
		color:  !cfg.NoColor,
		export: cfg.Export,
		bench:  cfg.Benchmark,
		keys:   DefaultKeyMap(),
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		},
		width:  80,
		height: 24,
	}
	a.styles = newStyles(true, a.color)
	a.lay = computeLayout(a.width, a.height)
	a.ta = newTextEdit(true)
	return a
}

// Init asks for the background colour and starts loading.
func (a *App) Init() tea.Cmd {
	return tea.Batch(
		tea.RequestBackgroundColor,
		loadHeadersCmd(a.store),
		draftsCmd(a.store),
		a.after(pollEvery, pollTickMsg{}),
	)
}

// Update applies one message.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return a, nil
	case tea.BackgroundColorMsg:
		a.styles = newStyles(msg.IsDark(), a.color)
		a.stylesGen++
		return a, nil
	case tea.KeyPressMsg:
		return a, a.handleKey(msg)
	case tea.PasteMsg:
		return a, a.routeToInput(msg)
	case statusClearMsg:
		if msg.seq == a.statusSeq {
			a.status = ""
		}
		return a, nil
	}
	if cmd, ok := a.handleResult(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.handleLive(msg); ok {
		return a, cmd
	}
	return a, a.routeToInput(msg)
}

// resize recomputes the layout and sizes the editors.
func (a *App) resize() {
	a.lay = computeLayout(a.width, a.height)
	w, h := a.paneSize()
	a.ta.SetWidth(max(10, w))
	a.ta.SetHeight(max(2, h-2))
	if a.form != nil {
		a.form.setWidth(a.dialogWidth() - 20)
	}
}

// routeToInput passes a message to whichever text input has focus.
func (a *App) routeToInput(msg tea.Msg) tea.Cmd {
	switch {
	case a.form != nil:
		act, cmd := a.form.update(msg, a.keys)
		if act == formChanged {
			return tea.Batch(cmd, a.typed())
		}
		return cmd
	case a.ed.active:
		if a.ta.Update(msg) {
			return a.typed()
		}
		return nil
	}
	return nil
}

// handleKey routes a key press: quit, then an open dialog, then a focused
// text input, then global keys, then the screen.
func (a *App) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, a.keys.ForceQuit) {
		return tea.Quit
	}
	if a.lay.tooSmall {
		if key.Matches(k, a.keys.Quit) && a.form == nil && !a.ed.active {
			return tea.Quit
		}
		return nil
	}
	if a.showHelp {
		if key.Matches(k, a.keys.Quit) {
			return tea.Quit
		}
		a.showHelp = false
		return nil
	}
	switch {
	case a.notice != nil:
		return a.noticeKey(k)
	case a.offering != nil:
		return a.draftDialogKey(k)
	case a.confirm != nil:
		return a.confirmKey(k)
	case a.form != nil:
		return a.handleFormKey(k)
	case a.ed.active:
		return a.editorKey(k)
	}
	switch {
	case key.Matches(k, a.keys.Quit):
		return tea.Quit
	case key.Matches(k, a.keys.Help):
		a.showHelp = true
		return nil
	case key.Matches(k, a.keys.Undo) && a.a != nil && a.screen >= screenOverview:
		a.setStatus("Undoing…", false)
		return undoCmd(a.store)
	case key.Matches(k, a.keys.Export) && a.a != nil && a.screen >= screenOverview:
		return a.openExport()
	}
	switch a.screen {
	case screenPicker:
		return a.pickerKey(k)
	case screenOverview:
		return a.overviewKey(k)
	case screenMeasure:
		return a.measureKey(k)
	case screenStatement:
		return a.statementKey(k)
	case screenCompare, screenTrend:
		return a.reportKey(k)
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
	return a.setStatus(oneLine(err.Error()), true)
}

// --- assessments ---------------------------------------------------------

// open makes x the open assessment and shows its overview.
func (a *App) open(x *model.Assessment) tea.Cmd {
	a.setAssessment(x)
	a.screen = screenOverview
	a.measureIdx, a.stmtIdx, a.pane = 0, 0, paneRationale
	return a.offerDrafts()
}

// setAssessment swaps in x and rebuilds everything derived from it,
// keeping the cursors on the same measure, statement and items by id.
func (a *App) setAssessment(x *model.Assessment) {
	var mKey, sid string
	var evID, acID int64
	if a.a != nil && a.a.ID == x.ID {
		mKey, sid = a.curMeasureKey(), a.curStatementID()
		evID, acID = a.curEvidenceID(), a.curActionID()
	}
	a.a = x
	a.measures = x.Measures()
	a.rebuild()
	if mKey == "" {
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
	for i, e := range a.a.Evidence[a.curStatementID()] {
		if e.ID == evID {
			a.evCursor = i
		}
	}
	for i, x := range a.a.Actions[a.curStatementID()] {
		if x.ID == acID {
			a.acCursor = i
		}
	}
	a.clampCursors()
}

// rebuild recomputes the heatmap after an edit was applied to a.a.
func (a *App) rebuild() {
	a.rowsGen++
	a.heat = a.a.BuildHeatmap(a.now())
	a.clampCursors()
}

// clampCursors keeps every cursor inside its list.
func (a *App) clampCursors() {
	clamp := func(v, n int) int {
		if v >= n {
			v = n - 1
		}
		if v < 0 {
			v = 0
		}
		return v
	}
	a.measureIdx = clamp(a.measureIdx, len(a.measures))
	if m, ok := a.curMeasure(); ok {
		a.stmtIdx = clamp(a.stmtIdx, len(m.Statements))
	}
	if a.a != nil {
		sid := a.curStatementID()
		a.evCursor = clamp(a.evCursor, len(a.a.Evidence[sid]))
		a.acCursor = clamp(a.acCursor, len(a.a.Actions[sid]))
	}
	a.pickCursor = clamp(a.pickCursor, len(a.items))
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

func (a *App) curEvidence() (model.Evidence, bool) {
	list := a.a.Evidence[a.curStatementID()]
	if a.evCursor < 0 || a.evCursor >= len(list) {
		return model.Evidence{}, false
	}
	return list[a.evCursor], true
}

func (a *App) curEvidenceID() int64 {
	e, _ := a.curEvidence()
	return e.ID
}

func (a *App) curAction() (model.Action, bool) {
	list := a.a.Actions[a.curStatementID()]
	if a.acCursor < 0 || a.acCursor >= len(list) {
		return model.Action{}, false
	}
	return list[a.acCursor], true
}

func (a *App) curActionID() int64 {
	x, _ := a.curAction()
	return x.ID
}

// maxScore is the highest level of the open assessment's scale.
func (a *App) maxScore() int {
	if a.a == nil || a.a.Criteria == nil {
		return 5
	}
	return a.a.Criteria.MaxLevel()
}

// --- screen keys ---------------------------------------------------------

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

func (a *App) pickerKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case a.move(k, &a.pickCursor, len(a.items), a.lay.bodyHeight-3):
	case key.Matches(k, a.keys.New):
		if len(a.items) == 0 {
			return a.startNew(nil)
		}
		h := a.items[a.pickCursor].header
		return a.startNew(&h)
	case key.Matches(k, a.keys.Open) && len(a.items) > 0:
		a.setStatus("Opening…", false)
		return loadCmd(a.store, a.items[a.pickCursor].header.ID, false, a.saves)
	}
	return nil
}

// openSetup shows the new-assessment form.
func (a *App) openSetup() {
	a.form = newSetupForm(a.styles, a.now())
	a.form.setWidth(a.dialogWidth() - 20)
	a.formKey = ""
	a.screen = screenSetup
}

func (a *App) overviewKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case a.move(k, &a.measureIdx, len(a.measures), 3):
		a.stmtIdx = 0
	case key.Matches(k, a.keys.Open):
		a.screen = screenMeasure
		a.stmtIdx = 0
	case key.Matches(k, a.keys.Back):
		a.screen = screenPicker
		return loadHeadersCmd(a.store)
	case key.Matches(k, a.keys.New):
		h := a.a.Header
		return a.startNew(&h)
	case key.Matches(k, a.keys.Compare):
		return groupCmd(a.store, purposeCompare, a.a.Header)
	case key.Matches(k, a.keys.Trend):
		return groupCmd(a.store, purposeTrend, a.a.Header)
	}
	return nil
}

func (a *App) measureKey(k tea.KeyPressMsg) tea.Cmd {
	m, _ := a.curMeasure()
	switch {
	case a.move(k, &a.stmtIdx, len(m.Statements), a.lay.bodyHeight-4):
		a.evCursor, a.acCursor = 0, 0
	case key.Matches(k, a.keys.Open) && len(m.Statements) > 0:
		a.screen = screenStatement
		a.pane = paneRationale
		a.evCursor, a.acCursor = 0, 0
	case key.Matches(k, a.keys.Back):
		a.screen = screenOverview
	case key.Matches(k, a.keys.Score), key.Matches(k, a.keys.Clear):
		if int(k.Code-'0') > a.maxScore() {
			return a.score(k)
		}
		cmd := a.score(k)
		if cmd != nil && a.stmtIdx < len(m.Statements)-1 {
			a.stmtIdx++
			a.evCursor, a.acCursor = 0, 0
		}
		return cmd
	case key.Matches(k, a.keys.AddEvidence) && len(m.Statements) > 0:
		return a.openEvidenceForm(model.Evidence{})
	case key.Matches(k, a.keys.AddAction) && len(m.Statements) > 0:
		return a.openActionForm(model.Action{})
	}
	return nil
}

// score saves the score typed as k for the highlighted statement.
func (a *App) score(k tea.KeyPressMsg) tea.Cmd {
	sid := a.curStatementID()
	if sid == "" {
		return nil
	}
	n := int(k.Code - '0')
	if n > a.maxScore() {
		return a.setStatus(fmt.Sprintf("Scores run from 1 to %d (0 clears)", a.maxScore()), true)
	}
	return scoreCmd(a.store, a.a.ID, sid, model.Score(n))
}

func (a *App) statementKey(k tea.KeyPressMsg) tea.Cmd {
	sid := a.curStatementID()
	switch {
	case key.Matches(k, a.keys.Back):
		a.screen = screenMeasure
		return nil
	case key.Matches(k, a.keys.NextPane):
		a.pane = (a.pane + 1) % paneCount
		return nil
	case key.Matches(k, a.keys.PrevPane):
		a.pane = (a.pane + paneCount - 1) % paneCount
		return nil
	case key.Matches(k, a.keys.Score), key.Matches(k, a.keys.Clear):
		return a.score(k)
	case key.Matches(k, a.keys.AddEvidence):
		a.pane = paneEvidence
		return a.openEvidenceForm(model.Evidence{})
	case key.Matches(k, a.keys.AddAction):
		a.pane = paneActions
		return a.openActionForm(model.Action{})
	}
	_, page := a.paneSize()
	switch a.pane {
	case paneRationale:
		if key.Matches(k, a.keys.Edit) || k.String() == "r" {
			return a.startEditing(a.a.Responses[sid].Rationale)
		}
	case paneEvidence:
		list := a.a.Evidence[sid]
		switch {
		case a.move(k, &a.evCursor, len(list), page-2):
		case key.Matches(k, a.keys.Edit):
			if e, ok := a.curEvidence(); ok {
				return a.openEvidenceForm(e)
			}
		case key.Matches(k, a.keys.Delete):
			if e, ok := a.curEvidence(); ok {
				a.confirm = &confirm{what: kindEvidence, id: e.ID, label: oneLine(e.Title)}
			}
		}
	case paneActions:
		list := a.a.Actions[sid]
		switch {
		case a.move(k, &a.acCursor, len(list), page-2):
		case key.Matches(k, a.keys.Edit):
			if x, ok := a.curAction(); ok {
				return a.openActionForm(x)
			}
		case key.Matches(k, a.keys.Delete):
			if x, ok := a.curAction(); ok {
				a.confirm = &confirm{what: kindAction, id: x.ID, label: oneLine(x.Title)}
			}
		case key.Matches(k, a.keys.CycleStatus):
			if x, ok := a.curAction(); ok {
				x.Status = nextStatus(x.Status)
				return actionCmd(a.store, a.a.ID, x)
			}
		}
	}
	return nil
}

// nextStatus is the status after s in the cycle open → in-progress → done
// → dropped → open.
func nextStatus(s model.ActionStatus) model.ActionStatus {
	for i, v := range model.ActionStatuses {
		if v == s {
			return model.ActionStatuses[(i+1)%len(model.ActionStatuses)]
		}
	}
	return model.StatusOpen
}

// --- rationale editor ----------------------------------------------------

// startEditing opens the rationale editor on text.
func (a *App) startEditing(text string) tea.Cmd {
	sid := a.curStatementID()
	a.ed = editor{active: true, sid: sid, base: a.a.Responses[sid].Version, original: Sanitize(a.a.Responses[sid].Rationale)}
	a.pane = paneRationale
	a.ta.SetValue(Sanitize(text))
	a.draftSavedText = a.ed.original
	a.ta.Focus()
	return nil
}

// editorKey handles a key while the rationale editor has focus: esc, tab
// and ctrl+s save; everything else is typing.
func (a *App) editorKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Back), key.Matches(k, a.keys.Save):
		return a.saveRationale()
	case key.Matches(k, a.keys.NextPane):
		cmd := a.saveRationale()
		a.pane = paneEvidence
		return cmd
	}
	return a.routeToInput(k)
}

// saveRationale stops editing and saves the text if it changed.
func (a *App) saveRationale() tea.Cmd {
	text := a.ta.Value()
	ed := a.ed
	a.ed.active = false
	a.ta.Blur()
	if text == ed.original && ed.conflict == nil {
		return discardDraftCmd(a.store, a.rationaleKey(ed.sid))
	}
	a.setStatus("Saving rationale…", false)
	// Keep the editor state until the save is confirmed, so a conflict can
	// reopen it with the user's text.
	a.ed.sid = ed.sid
	return rationaleCmd(a.store, a.a.ID, ed.sid, text, ed.base)
}

// --- forms ---------------------------------------------------------------

func (a *App) openEvidenceForm(e model.Evidence) tea.Cmd {
	sid := a.curStatementID()
	if e.ID != 0 {
		sid = e.StatementID
	}
	a.form = newEvidenceForm(a.styles, sid, e)
	a.form.setWidth(a.dialogWidth() - 20)
	a.formKey = a.itemDraftKey(kindEvidence, sid, e.ID)
	a.draftSavedText = a.form.draftText()
	return nil
}

func (a *App) openActionForm(x model.Action) tea.Cmd {
	sid := a.curStatementID()
	if x.ID != 0 {
		sid = x.StatementID
	}
	a.form = newActionForm(a.styles, sid, x)
	a.form.setWidth(a.dialogWidth() - 20)
	a.formKey = a.itemDraftKey(kindAction, sid, x.ID)
	a.draftSavedText = a.form.draftText()
	return nil
}

// handleFormKey handles a key while a form is open.
func (a *App) handleFormKey(k tea.KeyPressMsg) tea.Cmd {
	act, cmd := a.form.update(k, a.keys)
	switch act {
	case formChanged:
		if a.form.kind == formExport {
			a.form.syncExport(a.a)
		}
		if !a.form.kind.drafted() {
			return cmd
		}
		return tea.Batch(cmd, a.typed())
	case formCancel:
		return a.cancelForm()
	case formSubmit:
		return a.submitForm()
	}
	return cmd
}

// cancelForm closes the form without saving and drops its draft.
func (a *App) cancelForm() tea.Cmd {
	f := a.form
	if f.kind == formSetup && a.screen == screenSetup {
		if len(a.items) == 0 {
			return a.setStatus("An assessment is needed to start: fill in the form, or press ctrl+c to quit", true)
		}
		a.form = nil
		a.screen = screenPicker
		return nil
	}
	k := a.formKey
	a.form, a.formKey = nil, ""
	if !f.kind.drafted() {
		return a.setStatus("Cancelled", false)
	}
	return tea.Batch(discardDraftCmd(a.store, k), a.setStatus("Cancelled", false))
}

// submitForm validates the form and saves it.
func (a *App) submitForm() tea.Cmd {
	f := a.form
	switch f.kind {
	case formSetup:
		h, err := f.header()
		if err != nil {
			f.err = err.Error()
			return nil
		}
		f.err = ""
		return tea.Batch(a.setStatus("Creating assessment…", false), createCmd(a.store, h, a.toml))
	case formEvidence:
		e, err := f.evidence()
		if err != nil {
			f.err = err.Error()
			return nil
		}
		return tea.Batch(a.setStatus("Saving evidence…", false), evidenceCmd(a.store, a.a.ID, e))
	case formAction:
		x, err := f.action()
		if err != nil {
			f.err = err.Error()
			return nil
		}
		return tea.Batch(a.setStatus("Saving action…", false), actionCmd(a.store, a.a.ID, x))
	case formExport:
		return a.submitExport()
	case formStart:
		return a.submitStart()
	case formCarry:
		return a.submitCarry()
	case formCompare:
		return a.submitCompare()
	}
	return nil
}

// confirmKey answers the delete dialog.
func (a *App) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	c := a.confirm
	switch {
	case key.Matches(k, a.keys.Yes):
		a.confirm = nil
		return deleteCmd(a.store, a.a.ID, c.what, c.id)
	case key.Matches(k, a.keys.No):
		a.confirm = nil
		return a.setStatus("Kept", false)
	}
	return nil
}

// --- results -------------------------------------------------------------

// handleResult applies a store result; ok is false for other messages.
func (a *App) handleResult(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case headersMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.items = msg.items
		a.pickRows = nil
		a.clampCursors()
		switch {
		case a.screen == screenPicker:
		case len(msg.items) == 0:
			a.openSetup()
		case msg.single != nil && a.screen == screenLoading:
			if msg.version != 0 {
				a.lastVersion = msg.version
			}
			return a.open(msg.single), true
		default:
			a.screen = screenPicker
		}
		return nil, true
	case loadedMsg:
		return a.applyLoaded(msg), true
	case createdMsg:
		if msg.err != nil {
			if a.form != nil {
				a.form.err = oneLine(msg.err.Error())
			}
			return a.fail(msg.err), true
		}
		a.form = nil
		a.pickRows = nil
		a.items = append(a.items, pickItem{header: msg.a.Header, total: model.Overall(msg.a.AllStats(a.now())).Total})
		a.a = nil
		return tea.Batch(a.open(msg.a), a.setStatus("Created "+oneLine(msg.a.Title()), false)), true
	case scoreSavedMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.ownSave(msg.version)
		a.a.PutResponse(msg.resp)
		a.rebuild()
		label := "not assessed"
		if msg.resp.Score.Assessed() {
			label = msg.resp.Score.String()
			if l, ok := a.a.Criteria.Level(int(msg.resp.Score)); ok {
				label += " " + oneLine(l.Label)
			}
		}
		return a.setStatus(fmt.Sprintf("%s scored %s", oneLine(msg.sid), label), false), true
	case rationaleSavedMsg:
		return a.applyRationale(msg), true
	case evidenceSavedMsg:
		return a.applyItemSaved(kindEvidence, msg.err, msg.version, func() string {
			a.a.PutEvidence(msg.e)
			return "Saved evidence " + oneLine(msg.e.Title)
		}), true
	case actionSavedMsg:
		return a.applyItemSaved(kindAction, msg.err, msg.version, func() string {
			a.a.PutAction(msg.x)
			return fmt.Sprintf("Saved action %s (%s)", oneLine(msg.x.Title), msg.x.Status)
		}), true
	case exportedMsg:
		return a.applyExported(msg), true
	case groupMsg:
		return a.applyGroup(msg), true
	case carriedMsg:
		return a.applyCarried(msg), true
	case comparedMsg:
		return a.applyCompared(msg), true
	case trendMsg:
		return a.applyTrend(msg), true
	case deletedMsg:
		if msg.err != nil {
			return a.fail(msg.err), true
		}
		a.ownSave(msg.version)
		if msg.what == kindEvidence {
			a.a.RemoveEvidence(msg.id)
		} else {
			a.a.RemoveAction(msg.id)
		}
		a.rebuild()
		return a.setStatus(fmt.Sprintf("Deleted %s %d (u undoes)", msg.what, msg.id), false), true
	}
	return nil, false
}

// ownSave records one of our own committed writes and the data version
// after it, so the live view does not reload for it.
func (a *App) ownSave(v int64) {
	a.saves++
	if v != 0 {
		a.lastVersion = v
	}
}

// applyLoaded shows a freshly read assessment.
func (a *App) applyLoaded(msg loadedMsg) tea.Cmd {
	if msg.reload {
		a.reloading = false
	}
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if msg.reload {
		if a.a == nil || msg.a.ID != a.a.ID {
			return nil
		}
		if msg.saves != a.saves {
			// One of our own saves landed while this was read; read again
			// so it is not shown undone.
			a.reloading = true
			return loadCmd(a.store, a.a.ID, true, a.saves)
		}
		a.setAssessment(msg.a)
		if msg.version != 0 {
			a.lastVersion = msg.version
		}
		return nil
	}
	// The version read just before this load is the baseline for the live
	// view: anything committed since then, even before the first poll,
	// shows up as a change.
	if msg.version != 0 {
		a.lastVersion = msg.version
	}
	a.a = nil
	cmd := a.open(msg.a)
	return tea.Batch(cmd, a.setStatus("Opened "+oneLine(msg.a.Title()), false))
}

// applyRationale applies a rationale save, or reopens the editor on a
// conflict with both texts showing.
func (a *App) applyRationale(msg rationaleSavedMsg) tea.Cmd {
	var ce *model.ConflictError
	if errors.As(msg.err, &ce) {
		a.ed = editor{active: true, sid: msg.sid, base: ce.Version, original: Sanitize(ce.Theirs), conflict: ce}
		a.screen, a.pane = screenStatement, paneRationale
		a.ta.SetValue(msg.text)
		a.ta.Focus()
		return tea.Batch(a.fail(ce), a.saveDraftNow())
	}
	if msg.err != nil {
		// Reopen the editor so the text is not lost.
		if a.curStatementID() == msg.sid && a.screen == screenStatement {
			a.ed.active = true
			a.ta.SetValue(msg.text)
			a.ta.Focus()
		}
		return tea.Batch(a.fail(msg.err), a.saveDraftNow())
	}
	a.ownSave(msg.version)
	a.ed = editor{}
	a.a.PutResponse(msg.resp)
	a.rebuild()
	return tea.Batch(discardDraftCmd(a.store, a.rationaleKey(msg.sid)), a.setStatus("Saved rationale for "+oneLine(msg.sid), false))
}

// applyItemSaved applies an evidence or action save: put applies it to the
// assessment and returns the status text.
func (a *App) applyItemSaved(what itemKind, err error, v int64, put func() string) tea.Cmd {
	var ce *model.ConflictError
	if errors.As(err, &ce) {
		if a.form != nil {
			a.form.version = ce.Version
			a.form.theirs = ce.Theirs
			a.form.err = oneLine(ce.Error()) + "; save again to keep yours"
		}
		return tea.Batch(a.fail(ce), a.saveDraftNow())
	}
	if err != nil {
		if a.form != nil {
			a.form.err = oneLine(err.Error())
		}
		return a.fail(err)
	}
	a.ownSave(v)
	text := put()
	a.rebuild()
	var cmds []tea.Cmd
	if a.form != nil && (a.form.kind == formEvidence) == (what == kindEvidence) {
		cmds = append(cmds, discardDraftCmd(a.store, a.formKey))
		a.form, a.formKey = nil, ""
	}
	// Put the list cursor on the saved item.
	sid := a.curStatementID()
	if what == kindEvidence {
		a.evCursor = max(0, len(a.a.Evidence[sid])-1)
	}
	cmds = append(cmds, a.setStatus(text, false))
	return tea.Batch(cmds...)
}

// describeChange says in words what an undo reverted. c may be the undo's
// own log entry (UndoOf set: it did the opposite of the original) or the
// original change.
func describeChange(c model.Change) string {
	what := c.Entity
	if c.Entity == "response" {
		what = "statement"
	}
	subject := oneLine(what + " " + c.EntityID)
	op, now := c.Op, c.Old
	if c.UndoOf != 0 {
		now = c.New
		switch op {
		case "insert":
			op = "delete"
		case "delete":
			op = "insert"
		}
	}
	switch op {
	case "insert":
		return "adding " + subject
	case "delete":
		return "deleting " + subject
	}
	if c.Field == "" {
		return "a change to " + subject
	}
	return fmt.Sprintf("%s of %s (now %s)", oneLine(c.Field), subject, shorten(oneLine(now), 24))
}

// shorten cuts s to n runes with an ellipsis; an empty value reads "empty".
func shorten(s string, n int) string {
	if s == "" {
		return "empty"
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// keysFor is the short help line for the current context.
func (a *App) keysFor() []key.Binding {
	k := a.keys
	switch {
	case a.notice != nil:
		return []key.Binding{k.Up, k.Down, key.NewBinding(key.WithHelp("enter/esc", "close"))}
	case a.offering != nil:
		return []key.Binding{k.Restore, k.Discard, k.Back}
	case a.confirm != nil:
		return []key.Binding{k.Yes, k.No}
	case a.form != nil:
		return []key.Binding{k.NextField, k.Choice, k.Save, key.NewBinding(key.WithHelp("esc", "cancel"))}
	case a.ed.active:
		return []key.Binding{key.NewBinding(key.WithHelp("esc/ctrl+s", "save")), key.NewBinding(key.WithHelp("tab", "save, next pane"))}
	}
	switch a.screen {
	case screenPicker:
		return []key.Binding{k.Up, k.Down, k.Open, k.New, k.Help, k.Quit}
	case screenOverview:
		return []key.Binding{k.Open, k.Compare, k.Trend, key.NewBinding(key.WithHelp("n", "new period")), k.Export, k.Help, k.Quit, k.Undo, key.NewBinding(key.WithHelp("esc", "assessments"))}
	case screenCompare, screenTrend:
		return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Back, k.Export, k.Help, k.Quit}
	case screenMeasure:
		return []key.Binding{k.Up, k.Down, k.Score, k.Clear, k.Open, k.Back, k.Undo, k.Help, k.Quit}
	case screenStatement:
		bs := []key.Binding{k.Score, k.NextPane}
		switch a.pane {
		case paneRationale:
			bs = append(bs, key.NewBinding(key.WithHelp("enter", "edit")))
		default:
			bs = append(bs, k.Edit, k.Delete)
		}
		if a.pane == paneActions {
			bs = append(bs, k.CycleStatus)
		}
		return append(bs, k.AddEvidence, k.AddAction, k.Back, k.Undo, k.Help, k.Quit)
	}
	return []key.Binding{k.Help, k.ForceQuit}
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
