package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// This file is the machinery every form shares: fields, focus, drafts and
// drawing. Each kind of form is its own file (form_*.go): a constructor
// that lays out the fields and a submit function that validates them and
// returns the typed action to take.

// formKind says what a form creates or edits.
type formKind int

const (
	formSetup formKind = iota
	formEvidence
	formAction
	// formExport asks what to export, how and where.
	formExport
	// formStart asks whether a new period starts fresh or carries an
	// earlier assessment forward.
	formStart
	// formCarry asks for the new period of a carried-forward assessment.
	formCarry
	// formCompare asks which earlier assessment to compare with.
	formCompare
	// formReason asks why a score differs from the checklist's suggestion.
	formReason
	// formSignOff records a sign-off; formUnlock asks why to unlock.
	formSignOff
	formUnlock
	// formConfirmEvidence confirms an evidence item still holds;
	// formLink links it to another statement or unlinks it.
	formConfirmEvidence
	formLink
	// formRename renames an assessment from the picker.
	formRename
)

// drafted reports whether the form's text is autosaved as a draft: only
// evidence and actions are; the other forms are quick questions.
func (k formKind) drafted() bool { return k == formEvidence || k == formAction }

// field is one line of a form: free text, or a choice cycled with
// left/right/space.
type field struct {
	name     string // key in a draft
	label    string
	input    textEdit
	choices  []string // nil for a text field
	display  []string // how each choice reads; nil to show choices as is
	choice   int
	required bool
	// stored is the text the field was opened with, before sanitising:
	// saving an unchanged field keeps it byte for byte.
	stored string
}

// value is the field's text or chosen value.
func (f *field) value() string {
	if f.choices != nil {
		return f.choices[f.choice]
	}
	return strings.TrimSpace(f.input.Value())
}

// fieldError is a validation error that belongs to one field: the form
// moves the focus there.
type fieldError struct {
	field string
	msg   string
}

func (e *fieldError) Error() string { return e.msg }

// errField returns a fieldError for field name.
func errField(name, format string, args ...any) error {
	return &fieldError{field: name, msg: fmt.Sprintf(format, args...)}
}

// form is a dialog of fields. It never touches the app: on submit it
// returns the typed action its kind's submit function builds.
type form struct {
	kind  formKind
	title string
	// statementID, id and version identify the evidence or action edited
	// (id 0 for a new one); version is the row version the edit is based on.
	statementID string
	id          int64
	version     int64
	fields      []field
	focus       int
	err         string
	// theirs is the stored text after a conflicting save, shown so the
	// user can merge.
	theirs string
	// info is shown under the title (sanitised, wrapped); hint replaces
	// the usual key hint at the bottom when set.
	info []string
	hint string
	// draftKey is where the form's draft is saved ("" for none).
	draftKey string
	// initial is the draft text the form opened with, to tell whether esc
	// must ask before throwing it away.
	initial string
	// submit validates the fields and returns the action to take.
	submit func(f *form) (action, error)

	// export keeps the export form's default path in step (form_export.go).
	export *exportState
	// frameworks are what the framework field chooses between
	// (frameworks.go).
	frameworks []Framework
}

// fieldRows is how many lines a multi-line field shows.
const fieldRows = 4

// newTextField returns a one-line text field with value v. A value that
// already holds line breaks (from an import, say) gets a multi-line field
// instead, so that editing it keeps them.
func newTextField(name, label, placeholder, v string, required bool) field {
	if strings.Contains(v, "\n") {
		return newAreaField(name, label, placeholder, v, required)
	}
	in := newTextEdit(false)
	in.placeholder = placeholder
	in.setLimit(2000)
	in.SetValue(v)
	return field{name: name, label: label, input: in, required: required, stored: v}
}

// newAreaField returns a multi-line text field with value v: enter starts
// a new line, tab moves on.
func newAreaField(name, label, placeholder, v string, required bool) field {
	in := newTextEdit(true)
	in.placeholder = placeholder
	in.SetHeight(fieldRows)
	in.SetValue(v)
	return field{name: name, label: label, input: in, required: required, stored: v}
}

// newChoiceField returns a choice field set to v (or the first choice).
func newChoiceField(name, label string, choices, display []string, v string) field {
	f := field{name: name, label: label, choices: choices, display: display}
	for i, c := range choices {
		if c == v {
			f.choice = i
		}
	}
	return f
}

// ready finishes building a form: focus on the first field and remember
// its values, so esc knows whether anything changed.
func (f *form) ready() *form {
	f.focusField(0)
	f.initial = f.draftText()
	return f
}

// changed reports whether any field differs from when the form opened.
func (f *form) changed() bool { return f.draftText() != f.initial }

// focusField moves the focus to field i.
func (f *form) focusField(i int) {
	if i < 0 || i >= len(f.fields) {
		return
	}
	for j := range f.fields {
		if f.fields[j].choices == nil {
			f.fields[j].input.Blur()
		}
	}
	f.focus = i
	if f.fields[i].choices == nil {
		f.fields[i].input.Focus()
	}
}

// focusNamed moves the focus to the field called name.
func (f *form) focusNamed(name string) {
	for i := range f.fields {
		if f.fields[i].name == name {
			f.focusField(i)
		}
	}
}

// resize sizes the text inputs for the dialog: what is left of its text
// width after the mark, the widest label, the star and the cursor.
func (f *form) resize(l layout) {
	labelW := 0
	for _, fl := range f.fields {
		labelW = max(labelW, ansi.StringWidth(fl.label))
	}
	w := max(10, l.dialogText-(2+labelW+2)-1)
	for i := range f.fields {
		if f.fields[i].choices == nil {
			f.fields[i].input.SetWidth(w)
		}
	}
}

// update handles a key press or paste.
func (f *form) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	cur := &f.fields[f.focus]
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, km.Back):
			if f.kind.drafted() && f.changed() {
				return actAskDiscard{}, nil
			}
			return actCancel{}, nil
		case key.Matches(k, km.Save):
			return f.trySubmit(), nil
		case key.Matches(k, km.External) && cur.choices == nil && cur.input.multiline:
			return actExternal{form: f, field: f.focus}, nil
		case cur.choices == nil && cur.input.multiline && (k.String() == "enter" || k.String() == "up" || k.String() == "down"):
			// In a multi-line field these move and break lines; tab and
			// shift+tab leave it.
		case k.String() == "enter" && f.focus == len(f.fields)-1:
			return f.trySubmit(), nil
		case key.Matches(k, km.NextField):
			f.focusField((f.focus + 1) % len(f.fields))
			return nil, nil
		case key.Matches(k, km.PrevField):
			f.focusField((f.focus + len(f.fields) - 1) % len(f.fields))
			return nil, nil
		}
		if cur.choices != nil {
			if key.Matches(k, km.Choice) {
				step := 1
				if k.String() == "left" {
					step = len(cur.choices) - 1
				}
				cur.choice = (cur.choice + step) % len(cur.choices)
				return actChanged{}, nil
			}
			return nil, nil
		}
	}
	if cur.choices != nil {
		return nil, nil
	}
	if cur.input.Update(msg) {
		f.err = ""
		return actChanged{}, nil
	}
	return nil, nil
}

// trySubmit validates the form; on an error it shows it and moves the
// focus to the field at fault.
func (f *form) trySubmit() action {
	act, err := f.submit(f)
	if err != nil {
		f.err = err.Error()
		var fe *fieldError
		if errors.As(err, &fe) {
			f.focusNamed(fe.field)
		}
		return nil
	}
	f.err = ""
	return act
}

// text is the value of a text field, or what it was opened with when the
// person left it alone: the stored bytes are kept even where the editor
// showed them sanitised.
func (f *form) text(name string) string {
	for i := range f.fields {
		fl := &f.fields[i]
		if fl.name != name {
			continue
		}
		if fl.choices == nil && fl.input.Value() == storedShown(fl) {
			return fl.stored
		}
		return fl.value()
	}
	return ""
}

// removedNote says which changed fields held stored characters the editor
// could not show (control characters, say) and so will not be saved
// again: saving a change is the only way stored text loses bytes, and it
// says so.
func (f *form) removedNote() string {
	var names []string
	for i := range f.fields {
		fl := &f.fields[i]
		if fl.choices != nil || fl.stored == "" {
			continue
		}
		shownText := storedShown(fl)
		if shownText != fl.stored && fl.input.Value() != shownText {
			names = append(names, strings.ToLower(fl.label))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " (hidden characters left out of " + strings.Join(names, ", ") + ")"
}

// storedShown is the stored text as the field showed it when opened.
func storedShown(fl *field) string {
	e := newTextEdit(fl.input.multiline)
	e.setLimit(fl.input.limit)
	e.SetValue(fl.stored)
	return e.Value()
}

// values is every field's value by name.
func (f *form) values() map[string]string {
	out := make(map[string]string, len(f.fields))
	for i := range f.fields {
		out[f.fields[i].name] = f.fields[i].value()
	}
	return out
}

// draftText encodes the form's values for a draft.
func (f *form) draftText() string {
	b, _ := json.Marshal(f.values()) // a map of strings always marshals
	return string(b)
}

// restore fills the form from a draft's text.
func (f *form) restore(text string) error {
	var vals map[string]string
	if err := json.Unmarshal([]byte(text), &vals); err != nil {
		return fmt.Errorf("read draft: %w", err)
	}
	for i := range f.fields {
		v, ok := vals[f.fields[i].name]
		if !ok {
			continue
		}
		if f.fields[i].choices == nil {
			f.fields[i].input.SetValue(oneLine(v))
			continue
		}
		for j, c := range f.fields[i].choices {
			if c == v {
				f.fields[i].choice = j
			}
		}
	}
	return nil
}

// keys is the form's help line.
func (f *form) keys(km KeyMap) []key.Binding {
	if fl := &f.fields[f.focus]; fl.choices == nil && fl.input.multiline {
		return []key.Binding{hint("tab", "next field"), hint("enter", "new line"), km.Save, hint("esc", "cancel"), km.External}
	}
	return []key.Binding{km.NextField, km.Choice, km.Save, hint("esc", "cancel")}
}

// view draws the form.
func (f *form) view(st Styles, l layout) string {
	w := l.dialogText
	var b strings.Builder
	b.WriteString(st.Title.Render(ansi.Truncate(oneLine(f.title), w, "…")))
	b.WriteString("\n")
	for _, in := range f.info {
		for _, line := range wrapLines(Sanitize(in), w, 0) {
			b.WriteString(st.Subtle.Render(line) + "\n")
		}
	}
	if len(f.info) > 0 {
		b.WriteString("\n")
	}
	labelW := 0
	for _, fl := range f.fields {
		labelW = max(labelW, ansi.StringWidth(fl.label))
	}
	for i := range f.fields {
		fl := &f.fields[i]
		mark := "  "
		if i == f.focus {
			mark = "› "
		}
		label := padRight(fl.label, labelW)
		if fl.required {
			label += "*"
		} else {
			label += " "
		}
		var v string
		if fl.choices != nil {
			d := fl.choices[fl.choice]
			if fl.display != nil {
				d = fl.display[fl.choice]
			}
			v = "‹ " + oneLine(d) + " ›"
			if i == f.focus {
				v = st.Selected.Render(v)
			}
		} else {
			v = fl.input.View(st)
		}
		for j, vl := range strings.Split(v, "\n") {
			lead := mark + st.Label.Render(label) + " "
			if j > 0 {
				lead = strings.Repeat(" ", 2+labelW+2)
			}
			b.WriteString(ansi.Truncate(lead+vl, w, "…"))
			b.WriteString("\n")
		}
		if fl.choices == nil && i == f.focus {
			if pos := fl.input.position(); pos != "" {
				b.WriteString(strings.Repeat(" ", 2+labelW+2) + st.Subtle.Render(pos) + "\n")
			}
		}
	}
	if f.theirs != "" {
		b.WriteString(st.Error.Render("Stored now (theirs):") + "\n")
		for _, line := range wrapLines(Sanitize(f.theirs), w, 3) {
			b.WriteString(line + "\n")
		}
	}
	if f.err != "" {
		b.WriteString(st.Error.Render(ansi.Truncate(f.err, w, "…")) + "\n")
	}
	hint := f.hint
	if hint == "" {
		hint = "tab next field · ←/→ choose · ctrl+s save · esc cancel"
	}
	b.WriteString(st.Help.Render(ansi.Truncate(hint, w, "…")))
	return b.String()
}
