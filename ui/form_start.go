package ui

import (
	"strconv"

	"wgll/model"
)

// newStartForm asks how to start the next period of group (oldest first):
// carry one of its assessments forward or start fresh.
func newStartForm(ref model.Header, group []model.Header) *form {
	var choices, display []string
	for i := len(group) - 1; i >= 0; i-- {
		h := group[i]
		choices = append(choices, strconv.FormatInt(h.ID, 10))
		display = append(display, "carry forward from "+oneLine(h.Period)+created(group, h))
	}
	choices = append(choices, "fresh")
	display = append(display, "start fresh")
	f := &form{kind: formStart, title: "New period for " + groupLabel(ref), fields: []field{
		newChoiceField("start", "Start", choices, display, choices[0]),
	}, info: []string{
		"Carrying forward takes the earlier evidence (marked for review) and the open actions with their owners; " +
			"done actions stay behind. Scores start empty, with last time's shown beside them. Nothing in the earlier assessment changes.",
	}, hint: "←/→ choose · enter continue · esc cancel"}
	f.submit = func(f *form) (action, error) {
		v := f.values()["start"]
		newest := group[len(group)-1]
		if v == "fresh" {
			return actStartFresh{newest: newest}, nil
		}
		id, _ := strconv.ParseInt(v, 10, 64)
		from := newest
		for _, h := range group {
			if h.ID == id {
				from = h
			}
		}
		return actStartCarry{from: from, group: group}, nil
	}
	return f.ready()
}

// created tells apart two assessments of one period by their creation date.
func created(group []model.Header, h model.Header) string {
	for _, g := range group {
		if g.ID != h.ID && g.Period == h.Period {
			return " (created " + h.CreatedAt.Format("2 Jan 2006 15:04") + ")"
		}
	}
	return ""
}
