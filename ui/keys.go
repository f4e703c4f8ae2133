package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key the app answers to, grouped by where it applies.
// Build one with DefaultKeyMap; match with key.Matches.
type KeyMap struct {
	// Everywhere.
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding
	Back      key.Binding
	Undo      key.Binding

	// Moving in lists and the heatmap.
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Open     key.Binding

	// Scoring and recording.
	Score       key.Binding
	Clear       key.Binding
	AddEvidence key.Binding
	AddAction   key.Binding
	Edit        key.Binding
	Delete      key.Binding
	CycleStatus key.Binding
	NextPane    key.Binding
	PrevPane    key.Binding
	New         key.Binding

	// On the statement screen.
	NextStatement key.Binding
	PrevStatement key.Binding
	AllLevels     key.Binding
	MoveOn        key.Binding
	// Tick marks a checklist element met (or not); Reason gives the
	// reason for a score that differs from the checklist's suggestion.
	Tick   key.Binding
	Reason key.Binding

	// OpenLink opens an evidence item's link or a resource in the browser.
	OpenLink key.Binding
	// Search finds statements, evidence and actions.
	Search key.Binding

	// Whole assessments.
	Export   key.Binding
	Compare  key.Binding
	Trend    key.Binding
	Workshop key.Binding
	// Plan opens the improvement plan, HeatView cycles the heatmap
	// through score, target and gap, SignOff signs off or unlocks, and
	// ICS shows the organisations of a period by measures.
	Plan     key.Binding
	HeatView key.Binding
	SignOff  key.Binding
	ICS      key.Binding

	// In editors, forms and dialogs.
	Save key.Binding
	// External hands the text being edited to $EDITOR.
	External  key.Binding
	NextField key.Binding
	PrevField key.Binding
	Choice    key.Binding
	Yes       key.Binding
	No        key.Binding
	Restore   key.Binding
	Discard   key.Binding
}

// DefaultKeyMap returns the conventional keys: arrows and j/k move, enter
// opens, esc goes back, tab switches panes, ? shows every key, q quits.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit at once")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Undo:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),

		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "first")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "last")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),

		Score:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-5", "score")),
		Clear:       key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "clear score")),
		AddEvidence: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "add evidence")),
		AddAction:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add action")),
		Edit:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "view, then edit")),
		Delete:      key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d/del", "delete")),
		CycleStatus: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "next action status")),
		NextPane:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		New:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new assessment or period")),

		NextStatement: key.NewBinding(key.WithKeys("]", "J"), key.WithHelp("]", "next statement")),
		PrevStatement: key.NewBinding(key.WithKeys("[", "K"), key.WithHelp("[", "previous statement")),
		AllLevels:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "every level in full")),
		MoveOn:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "score moves on (toggle)")),
		Tick:          key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space/x", "tick a checklist element")),
		Reason:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why the score differs from the checklist")),

		OpenLink: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open the link or resource")),
		Search:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),

		Export:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Compare: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compare")),
		Trend:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "trend")),

		Workshop: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "workshop from here")),
		Plan:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "plan")),
		HeatView: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "show score/target/gap")),
		SignOff:  key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "sign off / unlock")),
		ICS:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "ICS view")),

		Save:      key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		External:  key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "edit in $EDITOR")),
		NextField: key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("tab/↓", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Choice:    key.NewBinding(key.WithKeys("left", "right", "space"), key.WithHelp("←/→/space", "change choice")),
		Yes:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
		Restore:   key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("r/enter", "restore draft")),
		Discard:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discard draft")),
	}
}

// helpGroup is one titled block of the full help overlay.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// fullHelp lists every key, by context, for the ? overlay.
func (k KeyMap) fullHelp() []helpGroup {
	return []helpGroup{
		{"Measure and statement", []key.Binding{k.Score, k.Clear, k.AddEvidence, k.AddAction, k.NextPane, k.PrevPane}},
		{"Statement", []key.Binding{k.NextStatement, k.PrevStatement, k.AllLevels, k.MoveOn}},
		{"Checklist and resources", []key.Binding{k.Tick, k.Reason, k.OpenLink}},
		{"Everywhere", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Open, k.Back, k.Undo, k.Help, k.Quit, k.ForceQuit}},
		{"Assessments", []key.Binding{k.New, k.Search, k.Export, k.Compare, k.Trend, k.Workshop, k.Plan, k.HeatView, k.SignOff, k.ICS}},
		{"Evidence and action lists", []key.Binding{k.Edit, k.OpenLink, k.Delete, k.CycleStatus}},
		{"Rationale editor", []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter/r", "start editing")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc/ctrl+s", "save and stop editing")),
			k.External,
			key.NewBinding(key.WithKeys("alt+left"), key.WithHelp("alt+←/→", "word left/right")),
			key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "page up/down")),
		}},
		{"Forms", []key.Binding{k.NextField, k.PrevField, k.Choice, k.Save,
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}},
		{"Dialogs", []key.Binding{k.Yes, k.No, k.Restore, k.Discard}},
	}
}

// hint is a binding shown in help only: what a key does in one context
// (help.Model skips a binding with no keys, so it is given its label).
func hint(keys, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
}
