package ui

import (
	"strconv"

	"wgll/model"
)

// newCompareForm asks which of before (newest first) to compare ref with.
func newCompareForm(ref model.Header, before, group []model.Header) *form {
	var choices, display []string
	for _, h := range before {
		choices = append(choices, strconv.FormatInt(h.ID, 10))
		display = append(display, oneLine(h.Period)+created(group, h))
	}
	f := &form{kind: formCompare, title: "Compare " + oneLine(ref.Period) + " with", fields: []field{
		newChoiceField("from", "Earlier period", choices, display, choices[0]),
	}, hint: "←/→ choose · enter compare · esc cancel"}
	f.submit = func(f *form) (action, error) {
		id, _ := strconv.ParseInt(f.values()["from"], 10, 64)
		return actCompare{id: id}, nil
	}
	return f.ready()
}
