package workshop

import (
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// Styles is what the workshop screens draw with. Without colour it uses
// only bold, faint and reverse; every meaning (over time, disagreement,
// your vote) is also said in words or drawn as a shape, never by colour
// alone.
type Styles struct {
	Title   lipgloss.Style
	Label   lipgloss.Style
	Subtle  lipgloss.Style
	Help    lipgloss.Style
	HelpKey lipgloss.Style
	Status  lipgloss.Style
	Error   lipgloss.Style
	Warn    lipgloss.Style
	Bar     lipgloss.Style
	Mine    lipgloss.Style
	Mask    lipgloss.Style
}

// NewStyles builds the styles for a light or dark background, with or
// without colour (NO_COLOR).
func NewStyles(isDark, useColor bool) Styles {
	base := lipgloss.NewStyle()
	st := Styles{
		Title:   base.Bold(true),
		Label:   base.Bold(true),
		Subtle:  base.Faint(true),
		Help:    base.Faint(true),
		HelpKey: base.Bold(true),
		Status:  base.Bold(true),
		Error:   base.Bold(true),
		Warn:    base.Bold(true).Reverse(true),
		Bar:     base,
		Mine:    base.Bold(true),
		Mask:    base.Reverse(true),
	}
	if !useColor {
		return st
	}
	ld := lipgloss.LightDark(isDark)
	primary := ld(lipgloss.Color("#005eb8"), lipgloss.Color("#41b6e6")) // NHS blue
	subtle := ld(lipgloss.Color("#6b6b6b"), lipgloss.Color("#9a9a9a"))
	errc := ld(lipgloss.Color("#c0112b"), lipgloss.Color("#ff6b6b"))
	ok := ld(lipgloss.Color("#007f3b"), lipgloss.Color("#5fd38d"))
	st.Title = st.Title.Foreground(primary)
	st.Subtle = base.Foreground(subtle)
	st.Help = base.Foreground(subtle)
	st.HelpKey = st.HelpKey.Foreground(primary)
	st.Status = st.Status.Foreground(ok)
	st.Error = st.Error.Foreground(errc)
	st.Warn = base.Bold(true).Foreground(errc)
	st.Bar = base.Foreground(primary)
	st.Mine = st.Mine.Foreground(primary)
	return st
}

// MemberKeys are the member screen's keys.
type MemberKeys struct {
	Vote     key.Binding
	DontKnow key.Binding
	Reason   key.Binding
	Save     key.Binding
	Cancel   key.Binding
	Quit     key.Binding
}

// DefaultMemberKeys returns the member screen's keys.
func DefaultMemberKeys() MemberKeys {
	return MemberKeys{
		Vote:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-5", "vote")),
		DontKnow: key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "don't know")),
		Reason:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add a reason")),
		Save:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save the reason")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// FacilitatorKeys are the facilitator screen's keys. They are the same on
// every board, so a facilitator's habits carry from one to the next.
type FacilitatorKeys struct {
	Reveal  key.Binding
	Round   key.Binding
	Agree   key.Binding
	Level   key.Binding
	Dissent key.Binding
	Next    key.Binding
	Prev    key.Binding
	Ballot  key.Binding
	Leave   key.Binding
	End     key.Binding
	Yes     key.Binding
	No      key.Binding
	// Start-form keys.
	Longer  key.Binding
	Shorter key.Binding
	Rule    key.Binding
	Named   key.Binding
	// Form keys (dissent, actions).
	NextField key.Binding
	PrevField key.Binding
	SaveForm  key.Binding
}

// DefaultFacilitatorKeys returns the facilitator's keys.
func DefaultFacilitatorKeys() FacilitatorKeys {
	return FacilitatorKeys{
		Reveal:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal")),
		Round:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "another round")),
		Agree:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "agree suggested")),
		Level:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-5", "agree level")),
		Dissent:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dissent")),
		Next:      key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next")),
		Prev:      key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous")),
		Ballot:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "ballot")),
		Leave:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave (stays open)")),
		End:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "end workshop")),
		Yes:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
		Longer:    key.NewBinding(key.WithKeys("+", "=", "right"), key.WithHelp("+/-", "timebox")),
		Shorter:   key.NewBinding(key.WithKeys("-", "left")),
		Rule:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "rule")),
		Named:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "named reveal")),
		NextField: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up")),
		SaveForm:  key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
	}
}

// helpLine draws "key label · key label" from bindings, keeping as many
// whole items as fit in width.
func helpLine(st Styles, width int, bs ...key.Binding) string {
	sep := st.Help.Render(" · ")
	out, w := "", 0
	for _, b := range bs {
		h := b.Help()
		if h.Key == "" {
			continue
		}
		item := st.HelpKey.Render(h.Key) + " " + st.Help.Render(h.Desc)
		iw := lipWidth(item)
		if w > 0 {
			iw += 3
		}
		if w+iw > width {
			break
		}
		if w > 0 {
			out += sep
		}
		out, w = out+item, w+iw
	}
	return out
}
