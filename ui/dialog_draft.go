package ui

import (
	"encoding/json"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/model"
)

// draftOffer offers back a draft left by an earlier session.
type draftOffer struct{ d model.Draft }

func (o *draftOffer) update(msg tea.Msg, km KeyMap) (action, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, km.Restore):
		return actRestore{d: o.d}, nil
	case key.Matches(k, km.Discard):
		return actDiscardDraft{d: o.d}, nil
	case key.Matches(k, km.Back):
		// Keep it for next time.
		return actLater{}, nil
	}
	return nil, nil
}

func (o *draftOffer) view(st Styles, l layout) string {
	w := l.dialogText
	d := o.d
	lines := []string{st.Title.Render("Unsaved draft found"),
		ansi.Truncate(oneLine(d.Label)+" · saved "+d.SavedAt.Format("2 Jan 15:04"), w, "…"), ""}
	lines = append(lines, draftPreview(d.Text, w)...)
	lines = append(lines, "", "r or enter restore it into the editor · d discard it · esc later")
	return strings.Join(lines, "\n")
}

// draftPreview is the first lines of a draft: a form's fields one to a
// line, a rationale as written.
func draftPreview(text string, w int) []string {
	var vals map[string]string
	if json.Unmarshal([]byte(text), &vals) != nil {
		return wrapLines(Sanitize(text), w, 4)
	}
	names := make([]string, 0, len(vals))
	for k, v := range vals {
		if strings.TrimSpace(v) != "" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var out []string
	for _, k := range names {
		out = append(out, ansi.Truncate(oneLine(k)+": "+oneLine(vals[k]), w, "…"))
	}
	if len(out) > 4 {
		out = out[:4]
	}
	return out
}

func (o *draftOffer) keys(km KeyMap) []key.Binding {
	return []key.Binding{km.Restore, km.Discard, km.Back}
}
