package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// TrustStore is what the statement screen's confirm and link keys need
// from the workbook beyond Store.
type TrustStore interface {
	ConfirmEvidence(ctx context.Context, assessmentID, id int64, reviewBy time.Time) (model.Evidence, error)
	LinkEvidence(ctx context.Context, assessmentID, id int64, statementID string) (model.Evidence, error)
	UnlinkEvidence(ctx context.Context, assessmentID, id int64, statementID string) (model.Evidence, error)
}

// trustFields are the evidence form's trust fields: owner, effective
// date, review-by date and confidence.
func trustFields(e model.Evidence) []field {
	conf := []string{string(model.ConfidenceUnstated), string(model.ConfidenceHigh), string(model.ConfidenceMedium), string(model.ConfidenceLow)}
	return []field{
		newTextField("owner", "Owner", "who keeps it up to date", e.Owner, false),
		newTextField("effective", "Shows as at", "YYYY-MM-DD: the day it shows things as they were", model.FormatDate(e.EffectiveDate), false),
		newTextField("review_by", "Review by", "YYYY-MM-DD", model.FormatDate(e.ReviewBy), false),
		newChoiceField("confidence", "Confidence", conf, []string{"not stated", "high", "medium", "low"}, string(e.Confidence)),
	}
}

// trust reads the trust fields into e.
func (f *form) trust(e model.Evidence) (model.Evidence, error) {
	v := f.values()
	e.Owner, e.Confidence = f.text("owner"), model.Confidence(v["confidence"])
	var err error
	if e.EffectiveDate, err = model.ParseDate(v["effective"]); err != nil {
		return e, errField("effective", "%q is not a date: write it as YYYY-MM-DD", v["effective"])
	}
	if e.ReviewBy, err = model.ParseDate(v["review_by"]); err != nil {
		return e, errField("review_by", "%q is not a date: write it as YYYY-MM-DD", v["review_by"])
	}
	return e, nil
}

// keepTrust carries over what the evidence form does not show: an item
// carried forward stays marked for review until it is confirmed (c), not
// edited, and its links to other statements stay.
func (a *App) keepTrust(e model.Evidence) model.Evidence {
	if e.ID == 0 {
		return e
	}
	for _, x := range a.a.Evidence[e.StatementID] {
		if x.ID == e.ID {
			e.NeedsReview, e.Also = x.NeedsReview, x.Also
		}
	}
	return e
}

// trustRow adds an evidence row's trust marks to its title: ! and why it
// is stale, a low confidence, the owner and the other statements it
// supports, in words so that they read without colour.
func trustRow(e model.Evidence, title string, now time.Time, w int) string {
	var pre []string
	if r := e.Staleness(now); r != model.NotStale {
		pre = append(pre, model.StaleGlyph+" "+r.String())
	}
	if e.Confidence == model.ConfidenceLow {
		pre = append(pre, "low confidence")
	}
	row := title
	if len(pre) > 0 {
		row = "[" + strings.Join(pre, ", ") + "] " + row
	}
	if e.Owner != "" {
		row += " · owner " + oneLineMax(e.Owner, w)
	}
	if e.Also != "" {
		row += " · also " + oneLineMax(strings.Join(e.Also.IDs(), ", "), w)
	}
	return row
}

// deleteEvidenceLabel is the delete question's text: the title and every
// statement the item supports, so nobody removes a board paper from three
// statements thinking it was one.
func deleteEvidenceLabel(e model.Evidence) string {
	sup := e.Supports()
	return fmt.Sprintf("%s — it supports %d %s: %s", oneLine(e.Title), len(sup), plural(len(sup), "statement", "statements"), oneLine(strings.Join(sup, ", ")))
}

// trustKey answers the statement screen's evidence keys c (confirm) and l
// (link or unlink); other keys do nothing.
func (a *App) trustKey(k tea.KeyPressMsg, e model.Evidence) tea.Cmd {
	if _, ok := a.store.(TrustStore); !ok {
		return nil
	}
	switch {
	case key.Matches(k, hint("c", "")):
		a.push(newConfirmEvidenceForm(e, model.Day(a.now())))
	case key.Matches(k, hint("l", "")):
		a.push(newLinkForm(e))
	}
	return nil
}

// newConfirmEvidenceForm confirms item e still holds, with its next
// review-by date: the current one if it is still ahead, else a year on.
func newConfirmEvidenceForm(e model.Evidence, today time.Time) *form {
	next := e.ReviewBy
	if next.IsZero() || !next.After(today) {
		next = today.AddDate(1, 0, 0)
	}
	info := []string{oneLine(e.Title)}
	if r := e.Staleness(today); r != model.NotStale {
		info = append(info, "Stale: "+r.String()+". Confirming says it still shows what it did.")
	}
	f := &form{kind: formConfirmEvidence, title: fmt.Sprintf("Confirm evidence %d", e.ID), id: e.ID, statementID: e.StatementID,
		submit: submitConfirmEvidence, info: info,
		fields: []field{newTextField("review_by", "Review by", "YYYY-MM-DD", model.FormatDate(next), true)}}
	return f.ready()
}

func submitConfirmEvidence(f *form) (action, error) {
	v := f.values()
	d, err := model.ParseDate(v["review_by"])
	if err != nil || d.IsZero() {
		return nil, errField("review_by", "%q is not a date: write the next review-by date as YYYY-MM-DD", v["review_by"])
	}
	return actTrust{id: f.id, reviewBy: d, confirm: true}, nil
}

// newLinkForm links item e to another statement, or unlinks it.
func newLinkForm(e model.Evidence) *form {
	info := []string{oneLine(e.Title), "Supports " + oneLine(strings.Join(e.Supports(), ", ")) + "."}
	f := &form{kind: formLink, title: fmt.Sprintf("Link evidence %d", e.ID), id: e.ID, statementID: e.StatementID,
		submit: submitLink, info: info, fields: []field{
			newChoiceField("op", "Do", []string{"link", "unlink"}, []string{"link it to", "unlink it from"}, "link"),
			newTextField("statement", "Statement", "a statement ID, such as SF-O2", "", true),
		}}
	return f.ready()
}

func submitLink(f *form) (action, error) {
	v := f.values()
	if v["statement"] == "" {
		return nil, errField("statement", "give the statement's ID, such as SF-O2")
	}
	return actTrust{id: f.id, statement: strings.ToUpper(v["statement"]), link: v["op"] == "link", unlink: v["op"] == "unlink"}, nil
}

// actTrust confirms (confirm), links or unlinks evidence item id.
type actTrust struct {
	id           int64
	confirm      bool
	reviewBy     time.Time
	link, unlink bool
	statement    string
}

// trustSavedMsg is the result of a confirm, link or unlink.
type trustSavedMsg struct {
	e       model.Evidence
	verb    string
	version int64
	err     error
}

func trustCmd(s Store, ts TrustStore, aid int64, act actTrust) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		var e model.Evidence
		var err error
		verb := "Confirmed"
		switch {
		case act.confirm:
			e, err = ts.ConfirmEvidence(c, aid, act.id, act.reviewBy)
		case act.link:
			verb = "Linked"
			e, err = ts.LinkEvidence(c, aid, act.id, act.statement)
		default:
			verb = "Unlinked"
			e, err = ts.UnlinkEvidence(c, aid, act.id, act.statement)
		}
		if err != nil {
			return trustSavedMsg{err: err}
		}
		return trustSavedMsg{e: e, verb: verb, version: version(s)}
	}
}

// applyTrustSaved shows a confirm or link that was saved and closes its
// form; a refusal stays in the form.
func (a *App) applyTrustSaved(msg trustSavedMsg) tea.Cmd {
	f := a.topForm()
	mine := f != nil && (f.kind == formConfirmEvidence || f.kind == formLink)
	if msg.err != nil {
		if mine {
			f.err = oneLine(msg.err.Error())
		}
		return a.fail(msg.err)
	}
	if mine {
		a.pop()
	}
	a.ownSave(msg.version)
	if a.a == nil {
		return nil
	}
	a.a.PutEvidence(msg.e)
	a.rebuild()
	return a.setStatus(fmt.Sprintf("%s evidence %d: it supports %s", msg.verb, msg.e.ID, oneLine(strings.Join(msg.e.Supports(), ", "))), false)
}
