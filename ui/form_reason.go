package ui

import (
	"fmt"
	"strings"

	"wgll/criteria"
	"wgll/model"
)

// newReasonForm asks why a statement's score differs from the one its
// checklist ticks suggest. The reason is kept with the response; esc
// leaves it unsaved and the checklist pane keeps asking for it (w).
func newReasonForm(stm criteria.Statement, score, suggested model.Score, r model.Response, c *criteria.Criteria) *form {
	name := func(s model.Score) string {
		if l, ok := c.Level(int(s)); ok && s.Assessed() {
			return fmt.Sprintf("%d %s", int(s), oneLine(l.Label))
		}
		return "not assessed"
	}
	f := &form{kind: formReason, title: "Why " + name(score) + "?", statementID: stm.ID, version: r.Version,
		fields: []field{newTextField("reason", "Reason", "e.g. the plan is agreed; the board minute is due in May", r.ScoreReason, true)},
		info: []string{fmt.Sprintf("%s is scored %s, but its ticked checklist suggests %s. Say why, so the board's reasoning is kept with the score.",
			oneLine(stm.ID), name(score), name(suggested))},
		hint: "enter or ctrl+s save · esc not now (w asks again)"}
	f.submit = func(f *form) (action, error) {
		text := strings.TrimSpace(f.values()["reason"])
		if text == "" {
			return nil, errField("reason", "a reason is needed: say why the score differs from the checklist, or change the ticks or the score")
		}
		return actSaveReason{sid: f.statementID, text: text, base: f.version}, nil
	}
	return f.ready()
}
