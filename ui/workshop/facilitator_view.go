package workshop

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// View draws the screen (standalone; a host calls Render).
func (f *Facilitator) View() tea.View {
	v := tea.NewView(f.Render())
	v.AltScreen = true
	v.WindowTitle = "wgll workshop · facilitator"
	return v
}

// Render is the screen as text of exactly the size set, for a host that
// draws it inside its own frame.
func (f *Facilitator) Render() string {
	if f.lay.tooSmall {
		return tooSmall(f.width, f.height)
	}
	st, w := f.styles, f.lay.inner()
	head := []string{f.header(), ""}
	var body []string
	var help string
	switch f.mode {
	case modeLoading:
		body = []string{"Opening the workshop…"}
		help = helpLine(st, f.width, f.keys.Leave)
	case modeStart:
		body = f.startView(w)
		help = helpLine(st, f.width, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
			f.keys.Longer, f.keys.Rule, f.keys.Named, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")))
	case modeBallotCount, modeBallot:
		body = f.ballotView(w)
		help = helpLine(st, f.width, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop the ballot")))
	case modeSummary:
		body = f.summary.view(st, w)
		help = helpLine(st, f.width, f.keys.NextField, f.keys.SaveForm, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip")))
	default:
		body = f.runView(w)
		switch {
		case f.mode == modeConfirmEnd:
			body = append(body, "", st.Warn.Render("End the workshop? Members' screens will say it has ended. y ends it, n goes back."))
			help = helpLine(st, f.width, f.keys.Yes, f.keys.No)
		case f.mode == modeDissent:
			body = append(body, f.input.view(st, w, true))
			help = helpLine(st, f.width, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
				key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")))
		case f.snap.Round.Revealed():
			help = helpLine(st, f.width, f.keys.Agree, f.keys.Level, f.keys.Dissent, f.keys.Round, f.keys.Next, f.keys.Prev, f.keys.Leave, f.keys.End)
		default:
			help = helpLine(st, f.width, f.keys.Reveal, f.keys.Ballot, f.keys.Next, f.keys.Prev, f.keys.Dissent, f.keys.Leave, f.keys.End)
		}
	}
	lines := append(head, indent(body, f.lay.margin)...)
	lines = append(lines, f.statusLine(), help)
	return fit(lines, f.width, f.height, 2)
}

func (f *Facilitator) header() string {
	left := "Workshop · " + clean(f.a.Organisation) + " · " + clean(f.a.Period) + " · facilitating"
	right := ""
	if f.loaded && f.mode != modeStart {
		right = fmt.Sprintf("Round %d · %s", f.snap.Round.Number, model.TimerText(f.snap.Elapsed(f.now()), f.w.Timebox))
		if f.w.Timebox > 0 && f.snap.Elapsed(f.now()) > f.w.Timebox {
			right = f.styles.Warn.Render(right)
		}
	}
	return spread(f.styles.Label.Render(clip(left, f.width-lipWidth(right)-2)), right, f.width)
}

func (f *Facilitator) statusLine() string {
	switch {
	case f.status != "" && f.statusErr:
		return f.styles.Error.Render(clean(f.status))
	case f.status != "":
		return f.styles.Status.Render(clean(f.status))
	}
	return ""
}

func (f *Facilitator) startView(w int) []string {
	st := f.styles
	box := "none"
	if f.opts.Timebox > 0 {
		box = fmt.Sprintf("%d minutes", int(f.opts.Timebox.Minutes()))
	}
	named := "off: the distribution shows counts only"
	if f.opts.NamedReveal {
		named = "on: names are shown beside votes after the reveal"
	}
	path := clean(f.store.Path())
	out := []string{
		st.Title.Render(clip("Start a workshop from "+clean(f.startSID), w)),
		"",
		st.Label.Render("Timebox per statement: ") + box + st.Subtle.Render("  (+ and - change it)"),
		st.Label.Render("Disagreement rule: ") + string(f.opts.Rule) + st.Subtle.Render("  (tab changes it)"),
	}
	out = append(out, wrapIndent("  ", f.opts.Rule.Describe(), w)...)
	out = append(out, st.Label.Render("Named reveal: ")+named+st.Subtle.Render("  (n)"), "")
	out = append(out, wrapIndent("", model.MedianRounding, w)...)
	out = append(out, "",
		st.Label.Render("Members join from their own terminal with:"),
		"  wgll workshop join --db "+path+" --as NAME",
		st.Label.Render("The room's screen (projector):"),
		"  wgll workshop show --db "+path,
		st.Subtle.Render(clip("Votes are blind on every screen until you reveal them; the workbook file holds them for the minutes.", w)))
	return out
}

// runView is the statement, the votes and (after the reveal) the tally.
// It drops the guidance, then shortens the descriptors, when the screen is
// too small for everything.
func (f *Facilitator) runView(w int) []string {
	if !f.loaded {
		return []string{"Loading the workshop…"}
	}
	room := f.height - 4 // header, blank, status, help
	if f.mode == modeDissent || f.mode == modeConfirmEnd {
		room -= 2
	}
	tail := f.votesView(w)
	block := blockToFit(f.styles, f.c, f.w.StatementID, w, room-len(tail)-2,
		blockOpts{descriptors: true, guidance: true, gap: f.lay.roomy}, blockOpts{descriptors: true, guidance: true},
		blockOpts{descriptors: true}, blockOpts{descriptors: true, short: true}, blockOpts{})
	return append(append(block, "", f.context(w)), tail...)
}

// context is the facilitator's own line: where in the framework, last
// period's score, any agreement. Last period's score anchors, so only this
// screen shows it.
func (f *Facilitator) context(w int) string {
	i := f.index(f.w.StatementID)
	parts := []string{fmt.Sprintf("Statement %d of %d", i+1, len(f.order))}
	if f.a.Previous != nil {
		if p, ok := f.a.Previous[f.w.StatementID]; ok && p.Assessed() {
			parts = append(parts, "last period: "+levelLabel(f.c, int(p)))
		} else {
			parts = append(parts, "last period: not scored")
		}
	}
	if ag, ok := f.snap.Agreements[f.w.StatementID]; ok {
		parts = append(parts, f.styles.Title.Render(fmt.Sprintf("agreed: %s (round %d)", levelLabel(f.c, int(ag.Score)), ag.Round)))
		if ag.Dissent != "" {
			parts = append(parts, "dissent: "+clean(ag.Dissent))
		}
	} else if f.dissent != "" {
		parts = append(parts, "dissent noted: "+clean(f.dissent))
	}
	return clip(strings.Join(parts, " · "), w)
}

// maxEarlierShown is how many earlier rounds the facilitator's screen
// lists; the rest are in the minutes.
const maxEarlierShown = 2

// votesView is who has voted and, after the reveal, the tally.
func (f *Facilitator) votesView(w int) []string {
	st, snap := f.styles, f.snap
	var out []string
	earlier := snap.Earlier
	if len(earlier) > maxEarlierShown {
		out = append(out, st.Subtle.Render(fmt.Sprintf("%d earlier rounds are in the record", len(earlier)-maxEarlierShown)))
		earlier = earlier[len(earlier)-maxEarlierShown:]
	}
	for _, r := range earlier {
		t := model.NewTally(r.Levels(), f.c.MaxLevel(), f.w.Rule)
		out = append(out, st.Subtle.Render(clip(fmt.Sprintf("Round %d: %s · median %s · %s", r.Number, t.CountsText(), t.MedianText(), t.Verdict()), w)))
	}
	if !snap.Round.Revealed() {
		out = append(out, votedLine(snap, w)...)
		return out
	}
	t := tallyOf(snap, f.c)
	mark := "suggested"
	out = append(out, st.Label.Render(fmt.Sprintf("Round %d revealed · %d votes", snap.Round.Number, len(snap.Round.Votes))))
	out = append(out, bars(st, f.c, t, w, f.lay.barRows, t.Suggested, mark)...)
	out = append(out, summaryLines(st, t, w)...)
	out = append(out, st.Subtle.Render(clip(string(t.Rule)+" rule: "+f.w.Rule.Describe(), w)))
	if t.Suggested.Assessed() {
		out = append(out, clip(fmt.Sprintf("enter agrees %s (the median %s; a half rounds down) · 1-%d agrees another level",
			levelLabel(f.c, int(t.Suggested)), t.MedianText(), f.c.MaxLevel()), w))
	}
	out = append(out, f.voices(t, w)...)
	return out
}

// voices says who should speak first (the lowest and highest votes) and
// lists the reasons given: with names only when named reveal is on.
func (f *Facilitator) voices(t model.Tally, w int) []string {
	if t.Voters == 0 {
		return nil
	}
	votes := append([]model.Vote(nil), f.snap.Round.Votes...)
	sort.SliceStable(votes, func(i, j int) bool { return votes[i].Level < votes[j].Level })
	var out []string
	if t.Low != t.High {
		first := fmt.Sprintf("Speak first: the %d and the %d", int(t.Low), int(t.High))
		if f.w.NamedReveal {
			var lo, hi []string
			for _, v := range votes {
				switch v.Level {
				case int(t.Low):
					lo = append(lo, clean(v.Participant))
				case int(t.High):
					hi = append(hi, clean(v.Participant))
				}
			}
			first = fmt.Sprintf("Speak first: %s (%d) and %s (%d)", strings.Join(lo, ", "), int(t.Low), strings.Join(hi, ", "), int(t.High))
		}
		out = append(out, clip(first+"; the chair speaks last.", w))
	}
	for _, v := range votes {
		if v.Reason == "" && !f.w.NamedReveal {
			continue
		}
		who := ""
		if f.w.NamedReveal {
			who = clean(v.Participant) + " "
		}
		line := fmt.Sprintf("  %s%s", who, v.LevelText())
		if v.Reason != "" {
			line += ": " + clean(v.Reason)
		}
		out = append(out, clip(line, w))
	}
	return out
}

func (f *Facilitator) ballotView(w int) []string {
	st := f.styles
	out := statementBlock(st, f.c, f.w.StatementID, w, blockOpts{descriptors: true, short: !f.lay.roomy})
	out = append(out, "")
	if f.mode == modeBallotCount {
		return append(out, st.Label.Render("Ballot mode: one keyboard, each voter in turn, the screen masked."), f.input.view(st, w, true))
	}
	prompt := fmt.Sprintf("Voter %d of %d: press 1–%d (0 for don't know)", f.ballotNext, f.ballotTotal, f.c.MaxLevel())
	if f.lay.roomy {
		big := bigText(fmt.Sprintf("%d", f.ballotNext))
		out = append(out, big[0], big[1]+"   "+st.Mask.Render(" "+prompt+" "), big[2])
	} else {
		out = append(out, st.Mask.Render(" "+prompt+" "))
	}
	return append(out, st.Subtle.Render(clip("Nothing of earlier ballots is shown. Press the key, then pass the keyboard on.", w)))
}
