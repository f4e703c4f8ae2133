package ui

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/criteria"
	"wgll/model"
)

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
}

// value is the field's text or chosen value.
func (f *field) value() string {
	if f.choices != nil {
		return f.choices[f.choice]
	}
	return strings.TrimSpace(f.input.Value())
}

// form is a small dialog of fields. It never touches the app: on submit it
// returns a typed action that the root interprets.
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
	// exportDefault is the export path the dialog would choose itself, so
	// a path the user typed is kept when the format changes.
	exportDefault string
	// fromID is the assessment a carried-forward period starts from.
	fromID int64
}

// formResult is what a key press in a form asks the root to do.
type formResult int

const (
	formNone formResult = iota
	formChanged
	formSubmit
	formCancel
)

// newTextField returns a text field with value v.
func newTextField(name, label, placeholder, v string, required bool) field {
	in := newTextEdit(false)
	in.placeholder = placeholder
	in.limit = 2000
	in.SetValue(oneLine(v))
	return field{name: name, label: label, input: in, required: required}
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

// setWidth sizes the text inputs for a dialog w columns wide.
func (f *form) setWidth(w int) {
	for i := range f.fields {
		if f.fields[i].choices == nil {
			f.fields[i].input.SetWidth(max(10, w))
		}
	}
}

// update handles a key press or paste and says what the root should do.
func (f *form) update(msg tea.Msg, km KeyMap) (formResult, tea.Cmd) {
	cur := &f.fields[f.focus]
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, km.Back):
			return formCancel, nil
		case key.Matches(k, km.Save):
			return formSubmit, nil
		case k.String() == "enter" && f.focus == len(f.fields)-1:
			return formSubmit, nil
		case key.Matches(k, km.NextField):
			f.focusField((f.focus + 1) % len(f.fields))
			return formNone, nil
		case key.Matches(k, km.PrevField):
			f.focusField((f.focus + len(f.fields) - 1) % len(f.fields))
			return formNone, nil
		}
		if cur.choices != nil {
			if key.Matches(k, km.Choice) {
				step := 1
				if k.String() == "left" {
					step = len(cur.choices) - 1
				}
				cur.choice = (cur.choice + step) % len(cur.choices)
				return formChanged, nil
			}
			return formNone, nil
		}
	}
	if cur.choices != nil {
		return formNone, nil
	}
	if cur.input.Update(msg) {
		f.err = ""
		return formChanged, nil
	}
	return formNone, nil
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

// view draws the form as the body of a dialog w columns wide.
func (f *form) view(st Styles, w int) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(ansi.Truncate(oneLine(f.title), w, "…")))
	b.WriteString("\n")
	for _, in := range f.info {
		for _, l := range wrapLines(Sanitize(in), w, 0) {
			b.WriteString(st.Subtle.Render(l) + "\n")
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
		b.WriteString(ansi.Truncate(mark+st.Label.Render(label)+" "+v, w, "…"))
		b.WriteString("\n")
	}
	if f.theirs != "" {
		b.WriteString(st.Error.Render("Stored now (theirs):") + "\n")
		for _, l := range wrapLines(Sanitize(f.theirs), w, 3) {
			b.WriteString(l + "\n")
		}
	}
	if f.err != "" {
		b.WriteString(st.Error.Render(ansi.Truncate(f.err, w, "…")) + "\n")
	}
	hint := f.hint
	if hint == "" {
		hint = "tab/↓ next · ←/→ change choice · ctrl+s or enter on last field save · esc cancel"
	}
	b.WriteString(st.Help.Render(ansi.Truncate(hint, w, "…")))
	return b.String()
}

// periodPattern is a financial-year period such as 2026/27.
var periodPattern = regexp.MustCompile(`^(\d{4})/(\d{2})$`)

// financialYear is the NHS financial year (April to March) containing t,
// written 2026/27.
func financialYear(t time.Time) string {
	y := t.Year()
	if t.Month() < time.April {
		y--
	}
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}

// newSetupForm asks for what a new assessment needs.
func newSetupForm(st Styles, now time.Time) *form {
	return newSetupFormFrom(st, now, model.Header{Audience: criteria.Organisation, Period: financialYear(now)})
}

// newSetupFormFrom asks for a new assessment, starting from the values of
// h (an organisation's next period, say).
func newSetupFormFrom(st Styles, now time.Time, h model.Header) *form {
	auds := make([]string, len(criteria.Audiences))
	audDisplay := make([]string, len(criteria.Audiences))
	for i, a := range criteria.Audiences {
		auds[i], audDisplay[i] = string(a), a.Title()
	}
	settings, settingDisplay := settingChoices()
	f := &form{kind: formSetup, title: "New assessment", fields: []field{
		newTextField("organisation", "Organisation", "e.g. Northshire Hospitals NHS FT", h.Organisation, true),
		newChoiceField("audience", "Audience", auds, audDisplay, string(h.Audience)),
		newTextField("period", "Period", "e.g. 2026/27", h.Period, true),
		newChoiceField("setting", "Care setting", settings, settingDisplay, string(h.CareSetting)),
	}}
	f.focusField(0)
	return f
}

// settingChoices are the care settings a form offers, "(none)" first.
func settingChoices() (values, display []string) {
	values = []string{string(model.SettingNone)}
	display = []string{"(none)"}
	for _, s := range model.CareSettings {
		values = append(values, string(s))
		display = append(display, string(s))
	}
	return values, display
}

// nextPeriod is the period after p: 2026/27 becomes 2027/28 and 2026
// becomes 2027; any other label gives the financial year of now.
func nextPeriod(p string, now time.Time) string {
	if m := periodPattern.FindStringSubmatch(p); m != nil {
		y, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("%d/%02d", y+1, (y+2)%100)
	}
	if y, err := strconv.Atoi(p); err == nil && len(p) == 4 {
		return strconv.Itoa(y + 1)
	}
	return financialYear(now)
}

// checkPeriod says what is wrong with a period label, if anything.
func checkPeriod(p string) error {
	if p == "" {
		return fmt.Errorf("period is required: type a label such as %s", financialYear(time.Now()))
	}
	if m := periodPattern.FindStringSubmatch(p); m != nil {
		y, _ := strconv.Atoi(m[1])
		z, _ := strconv.Atoi(m[2])
		if (y+1)%100 != z {
			return fmt.Errorf("period %s does not run into the next year: write it as %d/%02d", p, y, (y+1)%100)
		}
	}
	return nil
}

// header validates the setup form and returns the new assessment's header.
func (f *form) header() (model.Header, error) {
	v := f.values()
	h := model.Header{
		Organisation: v["organisation"],
		Audience:     criteria.Audience(v["audience"]),
		Period:       v["period"],
		CareSetting:  model.CareSetting(v["setting"]),
	}
	if h.Organisation == "" {
		return h, fmt.Errorf("organisation is required: type the organisation's name")
	}
	return h, checkPeriod(h.Period)
}

// newEvidenceForm adds (e.ID == 0) or edits evidence for statement sid.
func newEvidenceForm(st Styles, sid string, e model.Evidence) *form {
	title := "Add evidence for " + oneLine(sid)
	if e.ID != 0 {
		title = fmt.Sprintf("Edit evidence %d (%s)", e.ID, oneLine(sid))
	}
	f := &form{kind: formEvidence, title: title, statementID: sid, id: e.ID, version: e.Version, fields: []field{
		newTextField("title", "Title", "what it is", e.Title, true),
		newTextField("detail", "Detail", "what it shows", e.Detail, false),
		newTextField("link", "Link or ref", "URL or document reference", e.Link, false),
	}}
	f.focusField(0)
	return f
}

// evidence validates the evidence form and returns the item to save.
func (f *form) evidence() (model.Evidence, error) {
	v := f.values()
	e := model.Evidence{ID: f.id, StatementID: f.statementID, Title: v["title"], Detail: v["detail"], Link: v["link"], Version: f.version}
	if e.Title == "" {
		return e, fmt.Errorf("title is required: say in a few words what the evidence is")
	}
	return e, nil
}

// newActionForm adds (x.ID == 0) or edits an action for statement sid.
func newActionForm(st Styles, sid string, x model.Action) *form {
	title := "Add action for " + oneLine(sid)
	if x.ID != 0 {
		title = fmt.Sprintf("Edit action %d (%s)", x.ID, oneLine(sid))
	}
	statuses := make([]string, len(model.ActionStatuses))
	for i, s := range model.ActionStatuses {
		statuses[i] = string(s)
	}
	prios := make([]string, len(model.Priorities))
	for i, p := range model.Priorities {
		prios[i] = string(p)
	}
	status, prio := string(x.Status), string(x.Priority)
	if prio == "" {
		prio = string(model.PriorityMedium)
	}
	f := &form{kind: formAction, title: title, statementID: sid, id: x.ID, version: x.Version, fields: []field{
		newTextField("title", "Title", "what will be done", x.Title, true),
		newTextField("owner", "Owner", "who will do it", x.Owner, false),
		newTextField("due", "Due", "YYYY-MM-DD", model.FormatDate(x.Due), false),
		newChoiceField("status", "Status", statuses, nil, status),
		newChoiceField("priority", "Priority", prios, nil, prio),
	}}
	f.focusField(0)
	return f
}

// action validates the action form and returns the action to save.
func (f *form) action() (model.Action, error) {
	v := f.values()
	x := model.Action{ID: f.id, StatementID: f.statementID, Title: v["title"], Owner: v["owner"],
		Status: model.ActionStatus(v["status"]), Priority: model.Priority(v["priority"]), Version: f.version}
	if x.Title == "" {
		return x, fmt.Errorf("title is required: say what will be done")
	}
	due, err := model.ParseDate(v["due"])
	if err != nil {
		return x, fmt.Errorf("due %q is not a date: write it as YYYY-MM-DD, e.g. 2026-09-30", v["due"])
	}
	x.Due = due
	return x, nil
}
