package ui

import (
	"fmt"

	"wgll/model"
)

// newEvidenceForm adds (e.ID == 0) or edits evidence for statement sid.
func newEvidenceForm(sid string, e model.Evidence) *form {
	title := "Add evidence for " + oneLine(sid)
	if e.ID != 0 {
		title = fmt.Sprintf("Edit evidence %d (%s)", e.ID, oneLine(sid))
	}
	f := &form{kind: formEvidence, title: title, statementID: sid, id: e.ID, version: e.Version, submit: submitEvidence, fields: []field{
		newTextField("title", "Title", "what it is", e.Title, true),
		newAreaField("detail", "Detail", "what it shows (enter starts a new line)", e.Detail, false),
		newTextField("link", "Link or ref", "URL or document reference", e.Link, false),
	}}
	f.fields = append(f.fields, trustFields(e)...)
	return f.ready()
}

// evidence validates the evidence form and returns the item to save.
func (f *form) evidence() (model.Evidence, error) {
	e := model.Evidence{ID: f.id, StatementID: f.statementID, Title: f.text("title"), Detail: f.text("detail"), Link: f.text("link"), Version: f.version}
	if f.values()["title"] == "" {
		return e, errField("title", "title is required: say in a few words what the evidence is")
	}
	return f.trust(e)
}

func submitEvidence(f *form) (action, error) {
	e, err := f.evidence()
	if err != nil {
		return nil, err
	}
	return actSaveEvidence{e: e}, nil
}
