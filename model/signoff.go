package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrLocked is wrapped by every write refused because the assessment is
// signed off, so that the app can tell a lock from any other failure.
var ErrLocked = errors.New("assessment is signed off")

// ErrNotFound is wrapped by every read or write of an assessment, evidence
// item or action that does not exist (an undo removed it, or someone else
// deleted it), so that the app can leave a screen that shows it.
var ErrNotFound = errors.New("not found")

// ApprovalBody is who approved an assessment after it was assured.
type ApprovalBody string

// The bodies that approve an assessment; ApprovalNone is no approval yet.
const (
	ApprovalNone      ApprovalBody = ""
	ApprovalCommittee ApprovalBody = "committee"
	ApprovalBoard     ApprovalBody = "board"
)

// Valid reports whether b is a known body or none.
func (b ApprovalBody) Valid() bool {
	return b == ApprovalNone || b == ApprovalCommittee || b == ApprovalBoard
}

// Title is the body as a report names it.
func (b ApprovalBody) Title() string {
	switch b {
	case ApprovalCommittee:
		return "the digital committee"
	case ApprovalBoard:
		return "the board"
	}
	return ""
}

// SignOff records who assured an assessment (the CIO or a deputy) and when,
// and optionally its approval by the digital committee or the board. An
// assessment with a sign-off is locked: the store refuses every write to it
// until someone unlocks it, giving a reason.
type SignOff struct {
	// AssuredBy is the person who assured the assessment, as they gave
	// their name and role ("Dr A. Khan, CIO").
	AssuredBy string
	// AssuredOn is the day they assured it.
	AssuredOn time.Time
	// ApprovedBy, ApprovedOn and MinuteRef record the optional approval.
	ApprovedBy ApprovalBody
	ApprovedOn time.Time
	MinuteRef  string
	// SignedBy and SignedAt are the workbook user who recorded the
	// sign-off and when; the store fills them in.
	SignedBy string
	SignedAt time.Time
}

// Signed reports whether the assessment is signed off (and so locked).
func (s SignOff) Signed() bool { return strings.TrimSpace(s.AssuredBy) != "" }

// Approved reports whether an approval is recorded.
func (s SignOff) Approved() bool { return s.ApprovedBy != ApprovalNone }

// Validate checks a sign-off about to be recorded: an assurer and a date
// are required, and an approval needs its body, date and minute reference
// together.
func (s SignOff) Validate() error {
	switch {
	case strings.TrimSpace(s.AssuredBy) == "":
		return fmt.Errorf("the sign-off names nobody; give who assured it, such as --by \"A. Khan, CIO\"")
	case s.AssuredOn.IsZero():
		return fmt.Errorf("the sign-off has no date; give the day it was assured (YYYY-MM-DD)")
	case !s.ApprovedBy.Valid():
		return fmt.Errorf("approval by %q is not committee or board", s.ApprovedBy)
	case s.Approved() && (s.ApprovedOn.IsZero() || strings.TrimSpace(s.MinuteRef) == ""):
		return fmt.Errorf("an approval by %s needs its date and minute reference", s.ApprovedBy.Title())
	case !s.Approved() && (!s.ApprovedOn.IsZero() || strings.TrimSpace(s.MinuteRef) != ""):
		return fmt.Errorf("an approval date or minute reference was given without who approved; add committee or board")
	}
	return nil
}

// Summary is the sign-off in one line, as reports and the app show it:
// "Assured by A. Khan, CIO on 2026-04-30; approved by the board on
// 2026-05-14 (minute B/26/031)". It is "Not signed off" when there is none.
func (s SignOff) Summary() string {
	if !s.Signed() {
		return "Not signed off"
	}
	return "Assured by " + s.Short()
}

// Short is the sign-off without its leading "Assured by", for a report's
// "Assured by" line: "A. Khan, CIO on 2026-04-30; approved by the board on
// 2026-05-14 (minute B/26/031)".
func (s SignOff) Short() string {
	out := fmt.Sprintf("%s on %s", s.AssuredBy, FormatDate(s.AssuredOn))
	if s.Approved() {
		out += fmt.Sprintf("; approved by %s on %s (minute %s)", s.ApprovedBy.Title(), FormatDate(s.ApprovedOn), s.MinuteRef)
	}
	return out
}

// LockedMessage is what a refused write says: who signed the assessment
// off and how to unlock it.
func (s SignOff) LockedMessage(id int64) string {
	return fmt.Sprintf("assessment %d is signed off (%s; recorded by %s) and locked; to change it, unlock it with a reason: wgll assessment unlock %d --reason TEXT",
		id, s.Summary(), s.SignedBy, id)
}

// ValidUnlockReason checks the reason given for unlocking: it is required,
// because the change log is where a board's auditors read why a signed-off
// assessment changed.
func ValidUnlockReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("unlocking needs a reason; say why it must change, such as --reason \"corrected score for SF-O2\"")
	}
	return nil
}

// DeletedAssessment says what deleting an assessment removed and where the
// copy of the workbook taken first is: the way back, since undo cannot
// bring a whole assessment back.
type DeletedAssessment struct {
	Header Header
	// Backup is the copy of the whole workbook taken before the delete.
	Backup                       string
	Responses, Evidence, Actions int
}
