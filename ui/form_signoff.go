package ui

import (
	"time"

	"wgll/model"
)

// newSignOffForm records who assured the open assessment and, optionally,
// its approval; on submit the assessment is locked.
func newSignOffForm(title string, today time.Time) *form {
	bodies := []string{string(model.ApprovalNone), string(model.ApprovalCommittee), string(model.ApprovalBoard)}
	shown := []string{"not yet", "the digital committee", "the board"}
	f := &form{kind: formSignOff, title: "Sign off " + oneLine(title), submit: submitSignOff,
		info: []string{"Signing off locks the assessment: every change is refused until someone unlocks it with a reason."},
		fields: []field{
			newTextField("by", "Assured by", "name and role, such as A. Khan, CIO", "", true),
			newTextField("on", "On", "YYYY-MM-DD", model.FormatDate(today), true),
			newChoiceField("body", "Approved by", bodies, shown, ""),
			newTextField("approved_on", "Approved on", "YYYY-MM-DD", "", false),
			newTextField("minute", "Minute ref", "such as TB/27/031", "", false),
		}}
	return f.ready()
}

func submitSignOff(f *form) (action, error) {
	v := f.values()
	so := model.SignOff{AssuredBy: f.text("by"), ApprovedBy: model.ApprovalBody(v["body"]), MinuteRef: f.text("minute")}
	if v["by"] == "" {
		return nil, errField("by", "say who assured it: a name and role, such as A. Khan, CIO")
	}
	var err error
	if so.AssuredOn, err = model.ParseDate(v["on"]); err != nil || so.AssuredOn.IsZero() {
		return nil, errField("on", "the sign-off date %q is not a date: write it as YYYY-MM-DD", v["on"])
	}
	if so.ApprovedOn, err = model.ParseDate(v["approved_on"]); err != nil {
		return nil, errField("approved_on", "the approval date %q is not a date: write it as YYYY-MM-DD", v["approved_on"])
	}
	if err := so.Validate(); err != nil {
		name := "minute"
		if !so.Approved() {
			name = "body"
		}
		return nil, errField(name, "%v", err)
	}
	return actSignOff{so: so}, nil
}

// newUnlockForm asks why a signed-off assessment must change.
func newUnlockForm(so model.SignOff) *form {
	f := &form{kind: formUnlock, title: "Unlock the signed-off assessment", submit: submitUnlock,
		info:   []string{oneLine(so.Summary()) + ".", "The reason goes into the change log beside the sign-off."},
		fields: []field{newTextField("reason", "Reason", "why it must change", "", true)}}
	return f.ready()
}

func submitUnlock(f *form) (action, error) {
	r := f.text("reason")
	if err := model.ValidUnlockReason(r); err != nil {
		return nil, errField("reason", "%v", err)
	}
	return actUnlock{reason: r}, nil
}
