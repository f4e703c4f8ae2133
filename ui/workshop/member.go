package workshop

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// reasonLimit is the longest reason a member can type, in characters.
const reasonLimit = 200

// MemberConfig starts a member's screen.
type MemberConfig struct {
	Store Store
	// Name is who votes; main takes it from --as, --user, WGLL_USER or the
	// account.
	Name    string
	Now     func() time.Time
	NoColor bool
}

// Member is a board member's voting screen (wgll workshop join): it
// follows the facilitator's statement, takes one key (1 to 5, or 0 for
// "don't know") and an optional one-line reason, and shows only the
// member's own vote until the reveal. It implements tea.Model.
type Member struct {
	follower
	keys MemberKeys
	// reason is open while a reason is being typed.
	reason *lineInput
}

// NewMember returns the member screen for cfg.
func NewMember(cfg MemberConfig) *Member {
	return &Member{follower: newFollower(cfg.Store, cfg.Name, cfg.Now, cfg.NoColor), keys: DefaultMemberKeys()}
}

// Init finds and joins the open workshop.
func (m *Member) Init() tea.Cmd { return m.init() }

// Update handles a message.
func (m *Member) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok, moved := m.handle(msg); ok {
		if moved && m.reason != nil {
			m.reason = nil
			cmd = tea.Batch(cmd, m.setStatus("The room moved on; your reason was not saved", true))
		}
		return m, cmd
	}
	switch msg := msg.(type) {
	case doneMsg:
		if msg.err != nil {
			return m, tea.Batch(m.setStatus(msg.err.Error(), true), snapCmd(m.store, m.w.ID))
		}
		return m, tea.Batch(m.setStatus(msg.what, false), snapCmd(m.store, m.w.ID))
	case tea.PasteMsg:
		if m.reason != nil {
			m.reason.update(msg)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Member) key(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "ctrl+c" {
		return tea.Quit
	}
	if m.reason != nil {
		switch {
		case key.Matches(k, m.keys.Cancel):
			m.reason = nil
			return nil
		case key.Matches(k, m.keys.Save):
			text := m.reason.Value()
			m.reason = nil
			if v, ok := m.snap.VoteOf(m.name); ok {
				return m.vote(v.Level, text, "Reason saved")
			}
			return nil
		}
		m.reason.update(k)
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return tea.Quit
	case !m.loaded || m.a == nil || m.snap.Round.Revealed():
		return nil
	case key.Matches(k, m.keys.DontKnow):
		return m.vote(model.DontKnow, m.ownReason(), "Vote recorded: don't know")
	case key.Matches(k, m.keys.Vote):
		n := int(k.Code - '0')
		if n > m.a.Criteria.MaxLevel() {
			return m.setStatus(fmt.Sprintf("Press 1 to %d, or 0 for don't know", m.a.Criteria.MaxLevel()), true)
		}
		return m.vote(n, m.ownReason(), fmt.Sprintf("Vote recorded: %d", n))
	case key.Matches(k, m.keys.Reason):
		v, ok := m.snap.VoteOf(m.name)
		if !ok {
			return m.setStatus("Vote first (1 to 5, or 0), then add a reason", true)
		}
		m.reason = newInput("Reason (one line; enter saves, esc cancels)", reasonLimit)
		m.reason.SetValue(v.Reason)
	}
	return nil
}

// ownReason keeps the member's reason when they change their vote.
func (m *Member) ownReason() string {
	v, _ := m.snap.VoteOf(m.name)
	return v.Reason
}

func (m *Member) vote(level int, reason, done string) tea.Cmd {
	s, w, sid, round, name := m.store, m.w.ID, m.snap.Workshop.StatementID, m.snap.Round.Number, m.name
	return doCmd(done, func(ctx context.Context) error {
		return s.CastVote(ctx, w, sid, round, name, level, reason)
	})
}

// View draws the screen.
func (m *Member) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "wgll workshop · " + clean(m.name)
	return v
}

func (m *Member) render() string {
	if m.lay.tooSmall {
		return tooSmall(m.width, m.height)
	}
	st, w := m.styles, m.lay.inner()
	lines := []string{m.header("you are " + clean(m.name)), ""}
	var help string
	switch {
	case !m.found || m.a == nil:
		lines = append(lines, m.waiting()...)
		help = helpLine(st, m.width, m.keys.Quit)
	case !m.loaded:
		lines = append(lines, "Joining the workshop…")
		help = helpLine(st, m.width, m.keys.Quit)
	default:
		c := m.a.Criteria
		sid := m.snap.Workshop.StatementID
		votes := m.voteBlock(w)
		block := blockToFit(st, c, sid, w, m.height-5-len(votes), followerVariants(m.lay.roomy)...)
		lines = append(lines, indent(block, m.lay.margin)...)
		lines = append(lines, "")
		lines = append(lines, indent(votes, m.lay.margin)...)
		switch {
		case m.reason != nil:
			help = helpLine(st, m.width, m.keys.Save, m.keys.Cancel)
		case m.snap.Round.Revealed():
			help = helpLine(st, m.width, m.keys.Quit)
		default:
			help = helpLine(st, m.width, m.keys.Vote, m.keys.DontKnow, m.keys.Reason, m.keys.Quit)
		}
	}
	lines = append(lines, m.statusLine(), help)
	return fit(lines, m.width, m.height, 2)
}

// voteBlock is the member's own vote and, after the reveal, everyone's.
func (m *Member) voteBlock(w int) []string {
	st, c, snap := m.styles, m.a.Criteria, m.snap
	mine, voted := snap.VoteOf(m.name)
	var out []string
	if ag, ok := snap.Agreements[snap.Workshop.StatementID]; ok && snap.Round.Revealed() {
		out = append(out, st.Title.Render("Agreed: "+levelLabel(c, int(ag.Score))))
	}
	if !snap.Round.Revealed() {
		if !voted {
			out = append(out, st.Label.Render(fmt.Sprintf("Your vote: press 1 to %d, or 0 for don't know.", c.MaxLevel())),
				st.Subtle.Render("Nobody sees your vote until the facilitator reveals them all at once."))
		} else {
			out = append(out, m.bigVote(mine, "your vote: "+mine.LevelText()+" — waiting for the others")...)
			if mine.Reason != "" {
				out = append(out, wrapIndent("Your reason: ", mine.Reason, w)...)
			}
			out = append(out, st.Subtle.Render(clip(fmt.Sprintf("Votes in: %d of %d. Press another key to change your vote until the reveal.",
				len(snap.Round.Votes), max(len(snap.Participants), len(snap.Round.Votes))), w)))
		}
		if m.reason != nil {
			out = append(out, m.reason.view(st, w, true))
		}
		return out
	}
	t := tallyOf(snap, c)
	mineText := "you did not vote in this round"
	if voted {
		mineText = "your vote: " + mine.LevelText()
	}
	out = append(out, st.Label.Render(fmt.Sprintf("Revealed: round %d · %s", snap.Round.Number, mineText)))
	out = append(out, bars(st, c, t, w, m.lay.barRows, model.NotAssessed, "")...)
	out = append(out, summaryLines(st, t, w)...)
	return out
}

// bigVote is the member's vote as a line, with the digit in block letters
// beside it on a room-sized screen.
func (m *Member) bigVote(v model.Vote, text string) []string {
	line := m.styles.Mine.Render(text)
	if !m.lay.roomy {
		return []string{line}
	}
	d := "?"
	if v.Level > 0 {
		d = fmt.Sprintf("%d", v.Level)
	}
	big := bigText(d)
	return []string{big[0], big[1] + "   " + line, big[2]}
}
