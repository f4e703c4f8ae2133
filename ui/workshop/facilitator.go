package workshop

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/model"
	"wgll/ui"
)

// Defaults of a new workshop, changed on the start form.
const (
	defaultTimebox = 5 * time.Minute
	timeboxStep    = time.Minute
	maxTimebox     = 60 * time.Minute
	// dissentLimit is the longest dissent note, in characters.
	dissentLimit = 280
	// maxBallots is the most voters ballot mode takes.
	maxBallots = 40
)

// FacilitatorConfig starts the facilitator's screen.
type FacilitatorConfig struct {
	Store Store
	// Assessment is the open assessment: its criteria, and last period's
	// scores for the facilitator's eyes only.
	Assessment *model.Assessment
	// StatementID is the highlighted statement the workshop starts (or
	// resumes) from.
	StatementID string
	Now         func() time.Time
	NoColor     bool
	// IsDark is the terminal background, when the host already knows it.
	IsDark bool
}

// fmode is what the facilitator's screen is doing.
type fmode int

const (
	modeLoading fmode = iota
	// modeStart is the start form: timebox, rule, named reveal.
	modeStart
	// modeRun is the workshop running: vote, reveal, agree.
	modeRun
	// modeDissent is a dissent note being typed.
	modeDissent
	// modeBallotCount asks how many voters ballot mode takes; modeBallot
	// takes their votes in turn with the screen masked.
	modeBallotCount
	modeBallot
	// modeSummary is a measure's summary with its top-three actions form.
	modeSummary
	// modeConfirmEnd asks before ending the workshop.
	modeConfirmEnd
)

// Facilitator's own messages.
type (
	// startedMsg is the workshop started or resumed.
	startedMsg struct {
		w       model.Workshop
		resumed bool
		err     error
	}
	// openMsg says whether the assessment has an open workshop already
	// (resumed at once) or needs the start form.
	openMsg struct {
		open bool
		err  error
	}
	// agreedMsg is the result of agreeing a score.
	agreedMsg struct {
		ag  model.Agreement
		err error
	}
	// endedMsg is the result of ending the workshop.
	endedMsg struct{ err error }
	// savedActionsMsg is the result of saving the summary's actions.
	savedActionsMsg struct {
		n   int
		err error
	}
)

// Facilitator is the facilitator's screen: the statement in full with its
// guidance and descriptors, last period's score, who has voted (never
// how), the timer, and after the reveal the distribution, median, range,
// disagreement and suggested score. It is a self-contained model the app
// hosts as one of its screens (it implements ui.Hosted, and tea.Model for
// running alone).
type Facilitator struct {
	store Store
	a     *model.Assessment
	c     *criteria.Criteria
	// order is the audience's statements in framework order, and measureOf
	// each one's measure key.
	order     []string
	measureOf map[string]string
	startSID  string
	now       func() time.Time
	after     ticker
	keys      FacilitatorKeys
	styles    Styles
	color     bool

	width, height int
	lay           layout

	mode fmode
	opts model.WorkshopOptions
	w    model.Workshop
	// snap is the full snapshot, with every vote: the facilitator's screen
	// still shows none before the reveal.
	snap    model.Snapshot
	loaded  bool
	version int64
	polling bool

	input   *lineInput
	dissent string
	// ballotTotal and ballotNext are ballot mode's voter count and the
	// voter whose turn it is (1-based).
	ballotTotal, ballotNext int
	summary                 *summaryForm

	status    string
	statusErr bool
	statusSeq int
}

// NewFacilitator returns the facilitator's screen for cfg.
func NewFacilitator(cfg FacilitatorConfig) *Facilitator {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	f := &Facilitator{store: cfg.Store, a: cfg.Assessment, c: cfg.Assessment.Criteria, startSID: cfg.StatementID,
		now: now, after: realTicker, keys: DefaultFacilitatorKeys(), color: !cfg.NoColor,
		styles: NewStyles(cfg.IsDark, !cfg.NoColor), width: 80, height: 24, lay: computeLayout(80, 24),
		opts: model.WorkshopOptions{Rule: model.RuleDefault, Timebox: defaultTimebox}, measureOf: map[string]string{}}
	for _, m := range cfg.Assessment.Measures() {
		for _, s := range m.Statements {
			f.order = append(f.order, s.ID)
			f.measureOf[s.ID] = m.Key
		}
	}
	if f.startSID == "" && len(f.order) > 0 {
		f.startSID = f.order[0]
	}
	return f
}

// SetSize tells a hosted facilitator the size of the area it draws in.
func (f *Facilitator) SetSize(w, h int) {
	f.width, f.height = w, h
	f.lay = computeLayout(w, h)
}

// Init finds whether the assessment has a workshop open: if so it resumes
// it at the highlighted statement, otherwise it shows the start form.
func (f *Facilitator) Init() tea.Cmd {
	s, id := f.store, f.a.ID
	return func() tea.Msg {
		list, err := s.Workshops(context.Background())
		if err != nil {
			return openMsg{err: err}
		}
		for _, w := range list {
			if w.AssessmentID == id && w.Open() {
				return openMsg{open: true}
			}
		}
		return openMsg{}
	}
}

func (f *Facilitator) startCmd() tea.Cmd {
	s, id, sid, opt := f.store, f.a.ID, f.startSID, f.opts
	return func() tea.Msg {
		w, resumed, err := s.StartWorkshop(context.Background(), id, sid, opt)
		return startedMsg{w: w, resumed: resumed, err: err}
	}
}

// leave ends the screen, telling the host (ui.App) to go back; esc
// leaves the workshop open to resume with w.
func (f *Facilitator) leave(ended bool) tea.Cmd {
	sid := f.w.StatementID
	if sid == "" {
		sid = f.startSID
	}
	status := "Left the workshop; it stays open, and w resumes it"
	switch {
	case ended:
		status = "Workshop ended; wgll workshop record prints its minutes"
	case f.w.ID == 0:
		status = "No workshop started"
	}
	return func() tea.Msg { return ui.HostedLeftMsg{StatementID: sid, Status: status} }
}

func (f *Facilitator) setStatus(s string, isErr bool) tea.Cmd {
	f.statusSeq++
	f.status, f.statusErr = s, isErr
	return f.after(statusFor, statusClearMsg{seq: f.statusSeq})
}

// Update handles a message.
func (f *Facilitator) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	return f, f.update(msg)
}

func (f *Facilitator) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.SetSize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		f.styles = NewStyles(msg.IsDark(), f.color)
	case openMsg:
		if msg.err != nil {
			f.mode = modeStart
			return f.setStatus(msg.err.Error(), true)
		}
		if msg.open {
			return f.startCmd()
		}
		f.mode = modeStart
	case startedMsg:
		if msg.err != nil {
			f.mode = modeStart
			return f.setStatus(msg.err.Error(), true)
		}
		f.w, f.mode = msg.w, modeRun
		what := "Workshop started"
		if msg.resumed {
			what = "Workshop resumed"
		}
		cmds := []tea.Cmd{snapCmd(f.store, f.w.ID), f.setStatus(what+" at "+clean(f.w.StatementID), false)}
		if !f.polling {
			f.polling = true
			cmds = append(cmds, f.after(pollEvery, pollMsg{}))
		}
		return tea.Batch(cmds...)
	case pollMsg:
		if f.w.ID == 0 {
			return nil
		}
		return versionCmd(f.store)
	case versionMsg:
		next := f.after(pollEvery, pollMsg{})
		if msg.err != nil || (f.loaded && msg.version == f.version) {
			return next
		}
		f.version = msg.version
		return tea.Batch(next, snapCmd(f.store, f.w.ID))
	case snapMsg:
		if msg.err != nil {
			return f.setStatus(msg.err.Error(), true)
		}
		f.snap, f.loaded, f.w = msg.snap, true, msg.snap.Workshop
	case doneMsg:
		cmd := snapCmd(f.store, f.w.ID)
		if msg.err != nil {
			return tea.Batch(cmd, f.setStatus(msg.err.Error(), true))
		}
		return tea.Batch(cmd, f.setStatus(msg.what, false))
	case agreedMsg:
		if msg.err != nil {
			return f.setStatus(msg.err.Error(), true)
		}
		f.dissent = ""
		cmds := []tea.Cmd{snapCmd(f.store, f.w.ID), f.setStatus(fmt.Sprintf("Agreed %s for %s", levelLabel(f.c, int(msg.ag.Score)), clean(msg.ag.StatementID)), false)}
		if f.lastOfMeasure(msg.ag.StatementID) {
			f.snap.Agreements[msg.ag.StatementID] = msg.ag
			f.summary = newSummaryForm(f.measureSummary(f.measureOf[msg.ag.StatementID]), f.c, f.a)
			f.mode = modeSummary
		}
		return tea.Batch(cmds...)
	case savedActionsMsg:
		if msg.err != nil {
			return f.setStatus(msg.err.Error(), true)
		}
		f.summary, f.mode = nil, modeRun
		return f.setStatus(fmt.Sprintf("Saved %d high-priority actions from the workshop", msg.n), false)
	case endedMsg:
		if msg.err != nil {
			f.mode = modeRun
			return f.setStatus(msg.err.Error(), true)
		}
		return f.leave(true)
	case statusClearMsg:
		if msg.seq == f.statusSeq {
			f.status = ""
		}
	case tea.PasteMsg:
		if f.input != nil {
			f.input.update(msg)
		} else if f.summary != nil {
			f.summary.update(msg)
		}
	case tea.KeyPressMsg:
		return f.key(msg)
	}
	return nil
}

func (f *Facilitator) key(k tea.KeyPressMsg) tea.Cmd {
	switch f.mode {
	case modeLoading:
		if key.Matches(k, f.keys.Leave) {
			return f.leave(false)
		}
	case modeStart:
		return f.startKey(k)
	case modeDissent:
		return f.dissentKey(k)
	case modeBallotCount:
		return f.ballotCountKey(k)
	case modeBallot:
		return f.ballotKey(k)
	case modeSummary:
		return f.summaryKey(k)
	case modeConfirmEnd:
		switch {
		case key.Matches(k, f.keys.Yes):
			s, id := f.store, f.w.ID
			return func() tea.Msg { return endedMsg{err: s.EndWorkshop(context.Background(), id)} }
		case key.Matches(k, f.keys.No):
			f.mode = modeRun
		}
	case modeRun:
		return f.runKey(k)
	}
	return nil
}

func (f *Facilitator) startKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, f.keys.Leave):
		return f.leave(false)
	case k.String() == "enter":
		f.mode = modeLoading
		return f.startCmd()
	case key.Matches(k, f.keys.Longer):
		if f.opts.Timebox < maxTimebox {
			f.opts.Timebox += timeboxStep
		}
	case key.Matches(k, f.keys.Shorter):
		if f.opts.Timebox >= timeboxStep {
			f.opts.Timebox -= timeboxStep
		}
	case key.Matches(k, f.keys.Rule):
		for i, r := range model.DisagreementRules {
			if r == f.opts.Rule {
				f.opts.Rule = model.DisagreementRules[(i+1)%len(model.DisagreementRules)]
				break
			}
		}
	case key.Matches(k, f.keys.Named):
		f.opts.NamedReveal = !f.opts.NamedReveal
	}
	return nil
}

func (f *Facilitator) runKey(k tea.KeyPressMsg) tea.Cmd {
	s, id := f.store, f.w.ID
	revealed := f.snap.Round.Revealed()
	switch {
	case key.Matches(k, f.keys.Leave):
		return f.leave(false)
	case key.Matches(k, f.keys.End):
		f.mode = modeConfirmEnd
	case !f.loaded:
		return nil
	case key.Matches(k, f.keys.Reveal):
		if revealed {
			return f.setStatus("Already revealed; v starts another round", true)
		}
		return doCmd(fmt.Sprintf("Revealed %d votes", len(f.snap.Round.Votes)), func(ctx context.Context) error { return s.RevealRound(ctx, id) })
	case key.Matches(k, f.keys.Round):
		if !revealed {
			return f.setStatus("Reveal this round first (r); another round starts after it", true)
		}
		return doCmd(fmt.Sprintf("Round %d: everyone votes again", f.snap.Round.Number+1), func(ctx context.Context) error { return s.NewRound(ctx, id) })
	case key.Matches(k, f.keys.Agree):
		return f.agree(model.NotAssessed)
	case key.Matches(k, f.keys.Level):
		n := int(k.Code - '0')
		if n > f.c.MaxLevel() {
			return f.setStatus(fmt.Sprintf("Levels are 1 to %d", f.c.MaxLevel()), true)
		}
		return f.agree(model.Score(n))
	case key.Matches(k, f.keys.Dissent):
		f.input = newInput("Dissent to minute (enter saves, esc cancels)", dissentLimit)
		if ag, ok := f.snap.Agreements[f.w.StatementID]; ok {
			f.input.SetValue(ag.Dissent)
		} else {
			f.input.SetValue(f.dissent)
		}
		f.mode = modeDissent
	case key.Matches(k, f.keys.Next), key.Matches(k, f.keys.Prev):
		step := 1
		if key.Matches(k, f.keys.Prev) {
			step = -1
		}
		i := f.index(f.w.StatementID) + step
		if i < 0 || i >= len(f.order) {
			return f.setStatus("No more statements that way; w ends the workshop", true)
		}
		sid := f.order[i]
		f.dissent = ""
		return doCmd("Moved to "+sid, func(ctx context.Context) error { return s.MoveWorkshop(ctx, id, sid) })
	case key.Matches(k, f.keys.Ballot):
		if revealed {
			return f.setStatus("This round is revealed; v starts another round before a ballot", true)
		}
		f.input = newInput("How many voters at this keyboard? (enter starts, esc cancels)", 2)
		f.mode = modeBallotCount
	}
	return nil
}

// agree agrees score (NotAssessed: the suggested one) with the dissent
// typed so far.
func (f *Facilitator) agree(score model.Score) tea.Cmd {
	if !f.snap.Round.Revealed() {
		return f.setStatus("Reveal the votes first (r); the room agrees after seeing them", true)
	}
	s, id, dissent := f.store, f.w.ID, f.dissent
	return func() tea.Msg {
		ag, err := s.Agree(context.Background(), id, score, dissent)
		return agreedMsg{ag: ag, err: err}
	}
}

func (f *Facilitator) dissentKey(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		f.input, f.mode = nil, modeRun
		return nil
	case "enter":
		text := f.input.Value()
		f.input, f.mode = nil, modeRun
		if _, ok := f.snap.Agreements[f.w.StatementID]; ok {
			s, id, sid := f.store, f.w.ID, f.w.StatementID
			return doCmd("Dissent minuted", func(ctx context.Context) error { return s.SetDissent(ctx, id, sid, text) })
		}
		f.dissent = text
		return f.setStatus("Dissent noted; it is minuted with the agreement", false)
	}
	f.input.update(k)
	return nil
}

func (f *Facilitator) ballotCountKey(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		f.input, f.mode = nil, modeRun
		return nil
	case "enter":
		n, err := strconv.Atoi(f.input.Value())
		if err != nil || n < 1 || n > maxBallots {
			return f.setStatus(fmt.Sprintf("Type how many will vote, 1 to %d", maxBallots), true)
		}
		f.input, f.mode = nil, modeBallot
		f.ballotTotal, f.ballotNext = n, 1
		return nil
	}
	if t := k.Text; t != "" && (t[0] < '0' || t[0] > '9') {
		return nil
	}
	f.input.update(k)
	return nil
}

// ballotName is the participant name of voter i in ballot mode.
func ballotName(i int) string { return fmt.Sprintf("Voter %d", i) }

func (f *Facilitator) ballotKey(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "esc" {
		f.mode = modeRun
		return f.setStatus(fmt.Sprintf("Ballot stopped after %d of %d voters", f.ballotNext-1, f.ballotTotal), false)
	}
	if k.Code < '0' || k.Code > '9' || k.Text == "" {
		return nil
	}
	n := int(k.Code - '0')
	if n > f.c.MaxLevel() {
		return f.setStatus(fmt.Sprintf("Press 1 to %d, or 0 for don't know", f.c.MaxLevel()), true)
	}
	s, id, sid, round, name := f.store, f.w.ID, f.w.StatementID, f.snap.Round.Number, ballotName(f.ballotNext)
	// Say nothing of the value: the next voter is reading the screen.
	what := fmt.Sprintf("Ballot %d of %d recorded", f.ballotNext, f.ballotTotal)
	f.ballotNext++
	if f.ballotNext > f.ballotTotal {
		f.mode = modeRun
		what = fmt.Sprintf("All %d ballots recorded; r reveals them", f.ballotTotal)
	}
	return doCmd(what, func(ctx context.Context) error { return s.CastVote(ctx, id, sid, round, name, n, "") })
}

// index is the position of sid in the statement order (-1 if absent).
func (f *Facilitator) index(sid string) int {
	for i, s := range f.order {
		if s == sid {
			return i
		}
	}
	return -1
}

// lastOfMeasure reports whether sid is the last statement of its measure.
func (f *Facilitator) lastOfMeasure(sid string) bool {
	i := f.index(sid)
	return i >= 0 && (i == len(f.order)-1 || f.measureOf[f.order[i+1]] != f.measureOf[sid])
}

// measureSummary is the summary of measure key from this workshop's
// agreements.
func (f *Facilitator) measureSummary(key string) model.MeasureSummary {
	var agreed []model.Agreement
	for _, sid := range f.order {
		if f.measureOf[sid] != key {
			continue
		}
		if ag, ok := f.snap.Agreements[sid]; ok {
			agreed = append(agreed, ag)
		}
	}
	return model.SummariseMeasure(key, agreed)
}

func (f *Facilitator) summaryKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case k.String() == "esc":
		f.summary, f.mode = nil, modeRun
		return f.setStatus("Summary closed; no actions saved", false)
	case key.Matches(k, f.keys.SaveForm):
		acts, err := f.summary.actions()
		if err != nil {
			return f.setStatus(err.Error(), true)
		}
		if len(acts) == 0 {
			f.summary, f.mode = nil, modeRun
			return f.setStatus("No actions typed; summary closed", false)
		}
		s, id, mk := f.store, f.w.ID, f.summary.sum.MeasureKey
		return func() tea.Msg {
			saved, err := s.AddWorkshopActions(context.Background(), id, mk, acts)
			return savedActionsMsg{n: len(saved), err: err}
		}
	case key.Matches(k, f.keys.NextField):
		f.summary.move(1)
	case key.Matches(k, f.keys.PrevField):
		f.summary.move(-1)
	default:
		f.summary.update(k)
	}
	return nil
}

// The app hosts the facilitator's screen through ui.Hosted.
var _ ui.Hosted = (*Facilitator)(nil)
