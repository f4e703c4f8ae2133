package ui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// ManageStore is what renaming and deleting assessments from the picker
// need from the workbook beyond Store.
type ManageStore interface {
	RenameAssessment(ctx context.Context, id int64, organisation, period string) (model.Header, error)
	DeleteAssessment(ctx context.Context, id int64) (model.DeletedAssessment, error)
}

// The picker's rename and delete: actions, and their result.
type (
	actRename struct {
		id          int64
		org, period string
	}
	actDeleteAssessment struct {
		id    int64
		title string
	}
	managedMsg struct {
		h       model.Header
		deleted *model.DeletedAssessment
		// seq is the work of a delete (work.go).
		seq int
		err error
	}
)

// newRenameForm renames assessment h (organisation and period).
func newRenameForm(h model.Header) *form {
	f := &form{kind: formRename, title: fmt.Sprintf("Rename assessment %d", h.ID), id: h.ID, submit: submitRename,
		info: []string{"The change is logged; u undoes it."},
		fields: []field{
			newTextField("organisation", "Organisation", "the organisation's name", h.Organisation, true),
			newTextField("period", "Period", "such as 2026/27", h.Period, true),
		}}
	return f.ready()
}

func submitRename(f *form) (action, error) {
	v := f.values()
	if v["organisation"] == "" {
		return nil, errField("organisation", "the organisation name is empty; type the organisation's name")
	}
	if v["period"] == "" {
		return nil, errField("period", "the period is empty; type a period such as 2026/27")
	}
	return actRename{id: f.id, org: f.text("organisation"), period: f.text("period")}, nil
}

// manageKey answers the picker's r (rename) and d (delete) on item it.
func (a *App) manageKey(k tea.KeyPressMsg, it pickItem) tea.Cmd {
	if _, ok := a.store.(ManageStore); !ok {
		return nil
	}
	switch k.String() {
	case "r":
		a.push(newRenameForm(it.header))
	case "d", "delete":
		h := it.header
		label := fmt.Sprintf("%s (%s), %d of %d scored, and all its evidence and actions", oneLine(h.Title()), h.Audience.Title(), it.assessed, it.total)
		a.push(newConfirm(fmt.Sprintf("Delete assessment %d? A copy of the workbook is taken first", h.ID), label,
			"y delete (undo cannot bring it back) · n or esc keep", actDeleteAssessment{id: h.ID, title: oneLine(h.Title())}, actKept{}))
	}
	return nil
}

// applyManage runs a rename or delete the picker asked for.
func (a *App) applyManage(act action) (tea.Cmd, bool) {
	ms, ok := a.store.(ManageStore)
	switch act := act.(type) {
	case actRename:
		if !ok {
			return nil, true
		}
		return tea.Batch(a.setStatus("Renaming…", false), func() tea.Msg {
			c, cancel := ctx()
			defer cancel()
			h, err := ms.RenameAssessment(c, act.id, act.org, act.period)
			return managedMsg{h: h, err: err}
		}), true
	case actDeleteAssessment:
		a.pop()
		if !ok {
			return nil, true
		}
		// Long work (work.go): the copy taken first is of the whole
		// workbook, three seconds for the xl demo's.
		w := &work{doing: "Backing up the workbook, then deleting " + act.title,
			being: act.title + " is being deleted", undone: act.title + " was not deleted", nothing: "nothing is deleted"}
		c, tick := a.startWork(w)
		if c == nil {
			return tick, true
		}
		return tea.Batch(tick, func() tea.Msg {
			d, err := ms.DeleteAssessment(c, act.id)
			return managedMsg{h: d.Header, deleted: &d, seq: w.seq, err: err}
		}), true
	}
	return nil, false
}

// applyManaged shows a rename or delete and refreshes the list.
func (a *App) applyManaged(msg managedMsg) tea.Cmd {
	if msg.deleted != nil && !a.endWork(msg.seq, msg.err) {
		return nil // cancelled
	}
	f := a.topForm()
	mine := f != nil && f.kind == formRename
	if msg.err != nil {
		if mine {
			f.err = oneLine(msg.err.Error())
		}
		return a.fail(msg.err)
	}
	if mine {
		a.pop()
	}
	if msg.deleted != nil {
		if a.a != nil && a.a.ID == msg.deleted.Header.ID {
			a.a = nil
		}
		return tea.Batch(loadHeadersCmd(a.store), a.setStatus(fmt.Sprintf("Deleted %s; the workbook as it was is in %s", oneLine(msg.deleted.Header.Title()), oneLine(msg.deleted.Backup)), false))
	}
	if a.a != nil && a.a.ID == msg.h.ID {
		a.a.Header.Organisation, a.a.Header.Period = msg.h.Organisation, msg.h.Period
	}
	return tea.Batch(loadHeadersCmd(a.store), a.setStatus("Renamed to "+oneLine(msg.h.Title()), false))
}
