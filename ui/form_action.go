package ui

import (
	"fmt"

	"wgll/model"
)

// newActionForm adds (x.ID == 0) or edits an action for statement sid.
func newActionForm(sid string, x model.Action) *form {
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
	f := &form{kind: formAction, title: title, statementID: sid, id: x.ID, version: x.Version, submit: submitAction, fields: []field{
		newTextField("title", "Title", "what will be done", x.Title, true),
		newTextField("owner", "Owner", "who will do it", x.Owner, false),
		newTextField("due", "Due", "2027-03-31, 31/03/2027 or 31 Mar 2027", model.FormatDate(x.Due), false),
		newChoiceField("status", "Status", statuses, nil, status),
		newChoiceField("priority", "Priority", prios, nil, prio),
	}}
	return f.ready()
}

// action validates the action form and returns the action to save.
func (f *form) action() (model.Action, error) {
	v := f.values()
	x := model.Action{ID: f.id, StatementID: f.statementID, Title: f.text("title"), Owner: f.text("owner"),
		Status: model.ActionStatus(v["status"]), Priority: model.Priority(v["priority"]), Version: f.version}
	if v["title"] == "" {
		return x, errField("title", "title is required: say what will be done")
	}
	due, err := model.ParseDateInput(v["due"])
	if err != nil {
		return x, errField("due", "due %v", err)
	}
	x.Due = due
	return x, nil
}

func submitAction(f *form) (action, error) {
	x, err := f.action()
	if err != nil {
		return nil, err
	}
	return actSaveAction{x: x}, nil
}
