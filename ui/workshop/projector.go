package workshop

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// ProjectorConfig starts the room's screen.
type ProjectorConfig struct {
	Store   Store
	Now     func() time.Time
	NoColor bool
}

// Projector is the room's screen (wgll workshop show): the statement and
// its descriptors large and in full, who has voted (never how), the timer,
// and after the reveal the distribution. It never shows a vote before the
// reveal, a reason, a note or a draft: it draws from a snapshot blinded
// for nobody. It implements tea.Model.
type Projector struct {
	follower
	quit key.Binding
}

// NewProjector returns the projector screen for cfg.
func NewProjector(cfg ProjectorConfig) *Projector {
	return &Projector{follower: newFollower(cfg.Store, "", cfg.Now, cfg.NoColor),
		quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))}
}

// Init finds the open workshop.
func (p *Projector) Init() tea.Cmd { return p.init() }

// Update handles a message.
func (p *Projector) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok, _ := p.handle(msg); ok {
		return p, cmd
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.quit) {
		return p, tea.Quit
	}
	return p, nil
}

// View draws the screen.
func (p *Projector) View() tea.View {
	v := tea.NewView(p.render())
	v.AltScreen = true
	v.WindowTitle = "wgll workshop · projector"
	return v
}

func (p *Projector) render() string {
	if p.lay.tooSmall {
		return tooSmall(p.width, p.height)
	}
	st, w := p.styles, p.lay.inner()
	lines := []string{p.header(""), ""}
	switch {
	case !p.found || p.a == nil:
		lines = append(lines, p.waiting()...)
	case !p.loaded:
		lines = append(lines, "Loading the workshop…")
	default:
		c, snap := p.a.Criteria, p.snap
		var body []string
		if !snap.Round.Revealed() {
			body = append(body, st.Label.Render(fmt.Sprintf("Round %d: vote now. Votes are revealed all at once.", snap.Round.Number)))
			body = append(body, votedLine(snap, w)...)
		} else {
			t := tallyOf(snap, c)
			body = append(body, st.Label.Render(fmt.Sprintf("Round %d revealed · %d votes", snap.Round.Number, len(snap.Round.Votes))))
			body = append(body, bars(st, c, t, w, p.lay.barRows, model.NotAssessed, "")...)
			body = append(body, summaryLines(st, t, w)...)
			if ag, ok := snap.Agreements[snap.Workshop.StatementID]; ok {
				body = append(body, p.agreed(ag)...)
			}
		}
		block := blockToFit(st, c, snap.Workshop.StatementID, w, p.height-5-len(body), followerVariants(p.lay.roomy)...)
		lines = append(lines, indent(block, p.lay.margin)...)
		lines = append(lines, "")
		lines = append(lines, indent(body, p.lay.margin)...)
	}
	lines = append(lines, p.statusLine(), helpLine(st, p.width, p.quit))
	return fit(lines, p.width, p.height, 2)
}

// agreed is the agreed score, in block digits on a room's screen.
func (p *Projector) agreed(ag model.Agreement) []string {
	text := p.styles.Title.Render("Agreed: " + levelLabel(p.a.Criteria, int(ag.Score)))
	if !p.lay.roomy {
		return []string{text}
	}
	big := bigText(fmt.Sprintf("%d", int(ag.Score)))
	return []string{big[0], big[1] + "   " + text, big[2]}
}
