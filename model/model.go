// Package model is the assessment domain: the types a board works with and
// the arithmetic it reads. It does no I/O and knows nothing of SQL or the
// terminal; the store (package data) and the app (package ui) both build on it.
package model

import (
	"fmt"
	"maps"
	"time"

	"wgll/criteria"
)

// Score is a statement's level on the scale: 1 to 5, or NotAssessed.
type Score int

// NotAssessed is the score of a statement nobody has scored yet.
const NotAssessed Score = 0

// Assessed reports whether s is a real score.
func (s Score) Assessed() bool { return s > NotAssessed }

// String is the score as shown in a heatmap cell: the digit, or a dot.
func (s Score) String() string {
	if !s.Assessed() {
		return "·"
	}
	return fmt.Sprintf("%d", int(s))
}

// CareSetting is where an organisation delivers care; it picks the national
// benchmark an assessment is compared with.
type CareSetting string

// The care settings of the national Digital Maturity Assessment.
const (
	SettingNone         CareSetting = ""
	SettingAcute        CareSetting = "acute"
	SettingCommunity    CareSetting = "community"
	SettingMentalHealth CareSetting = "mental-health"
	SettingAmbulance    CareSetting = "ambulance"
	SettingICB          CareSetting = "icb"
)

// CareSettings lists the care settings in display order.
var CareSettings = []CareSetting{SettingAcute, SettingCommunity, SettingMentalHealth, SettingAmbulance, SettingICB}

// Header is what identifies an assessment: whose it is, for which audience
// and which period. The assessment picker lists headers.
type Header struct {
	ID           int64
	Organisation string
	Audience     criteria.Audience
	// Period is a label such as "2026/27".
	Period      string
	CareSetting CareSetting
	// CarriedFrom is the assessment this one was started from, or 0.
	CarriedFrom int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Assessed and Statements give the assessment's progress (statements
	// scored, of all its audience's statements) without loading it whole;
	// the store's list fills them in, and they are never stored.
	Assessed   int
	Statements int
	// Unreadable says why the store cannot read this assessment (its
	// stored criteria are damaged), or is empty when it can. Such an
	// assessment is listed so that people know it is there, but cannot be
	// opened, edited, reported or counted in a trend; loading it returns
	// an error. Set by the store's list; never stored.
	Unreadable string
}

// Title is "Organisation · Period", for breadcrumbs and lists.
func (h Header) Title() string { return h.Organisation + " · " + h.Period }

// Assessment is one organisation's assessment for one period, with the
// criteria it was made with and everything recorded against them.
type Assessment struct {
	Header
	// Criteria is the copy of the framework this assessment was made with.
	Criteria *criteria.Criteria
	// Responses holds the score and rationale per statement id. A statement
	// with no entry is not assessed.
	Responses map[string]Response
	// Evidence and Actions are per statement id, each in creation order.
	Evidence map[string][]Evidence
	Actions  map[string][]Action
	// Previous holds last period's score per statement id when this
	// assessment was carried forward; nil otherwise.
	Previous map[string]Score
	// Counts is nil for an assessment loaded whole. A summary (what the
	// app's screens load) has each statement's counts here instead, taken
	// on the day of CountedAt, and Evidence and Actions hold only the
	// statements in Loaded; use Items and ItemsLoaded (counts.go).
	Counts    map[string]ItemCounts
	Loaded    map[string]bool
	CountedAt time.Time
	// ActionsPending is set on a summary whose action counts are still
	// being read (they take longest): its screens show them as pending
	// until SetActionCounts fills them in.
	ActionsPending bool
	// StaleItems, on a summary, are the evidence items that are or can
	// become stale (carried over for review, or with a review-by date),
	// with only their statement, links, review fields and id: what the
	// heatmap's stale marks need for statements whose lists are not loaded.
	StaleItems []Evidence
	// Agreements is how a workshop agreed each statement's score: the
	// latest agreement per statement id over the assessment's workshops,
	// or nil when none was agreed in one.
	Agreements map[string]Agreement
	// PreviousAgreements is the same for the assessment this one was
	// carried forward from, so the next period shows how last time's score
	// was agreed; nil otherwise.
	PreviousAgreements map[string]Agreement
	// Targets holds the target set on a statement, by statement id, and
	// MeasureTargets the default target of a measure, by measure key; a
	// statement without its own target takes its measure's (TargetFor).
	Targets        map[string]Target
	MeasureTargets map[string]Target
	// SignOff is who assured (and optionally approved) the assessment; a
	// signed-off assessment is locked against every write.
	SignOff SignOff
}

// NewAssessment returns an empty assessment ready to be filled.
func NewAssessment(h Header, c *criteria.Criteria) *Assessment {
	return &Assessment{
		Header:    h,
		Criteria:  c,
		Responses: map[string]Response{},
		Evidence:  map[string][]Evidence{},
		Actions:   map[string][]Action{},
	}
}

// Clone is a deep copy of a: its own maps and slices, so that a background
// task (an export, say) can read the copy while the app goes on editing the
// original. The criteria are shared, not copied: nothing changes them once
// an assessment is loaded. Clone of nil is nil.
func (a *Assessment) Clone() *Assessment {
	if a == nil {
		return nil
	}
	c := NewAssessment(a.Header, a.Criteria)
	for k, v := range a.Responses {
		c.Responses[k] = v
	}
	for k, v := range a.Evidence {
		c.Evidence[k] = append([]Evidence(nil), v...)
	}
	for k, v := range a.Actions {
		c.Actions[k] = append([]Action(nil), v...)
	}
	if a.Previous != nil {
		c.Previous = make(map[string]Score, len(a.Previous))
		for k, v := range a.Previous {
			c.Previous[k] = v
		}
	}
	// The plan and the board report read the targets and the sign-off.
	c.Targets, c.MeasureTargets, c.SignOff = maps.Clone(a.Targets), maps.Clone(a.MeasureTargets), a.SignOff
	// A summary stays one (an export reads the whole assessment for it).
	c.Counts, c.Loaded, c.CountedAt = maps.Clone(a.Counts), maps.Clone(a.Loaded), a.CountedAt
	c.ActionsPending, c.StaleItems = a.ActionsPending, append([]Evidence(nil), a.StaleItems...)
	return c
}

// Measures are the measures with this assessment's audience's statements.
func (a *Assessment) Measures() []criteria.Measure { return a.Criteria.ForAudience(a.Audience) }

// Score returns the score of a statement (NotAssessed if none).
func (a *Assessment) Score(statementID string) Score { return a.Responses[statementID].Score }

// Response is a statement's score and the board's reasoning for it.
type Response struct {
	StatementID string
	Score       Score
	Rationale   string
	// Ticks are the checklist elements marked as met; ScoreReason says
	// why the score differs from the checklist's suggestion (see
	// NeedsReason).
	Ticks       Ticks
	ScoreReason string
	UpdatedBy   string
	UpdatedAt   time.Time
	// Version increases on every change; a save that expected an older
	// version has been overtaken by someone else's change.
	Version int64
}

// Evidence is one item that supports a statement's score.
type Evidence struct {
	ID          int64
	StatementID string
	Title       string
	Detail      string
	// Link is a URL or a document reference ("Board paper 2026-03, item 7").
	Link    string
	AddedBy string
	AddedAt time.Time
	// NeedsReview marks evidence carried over from an earlier period; it
	// stays set until someone confirms the item (not by editing it).
	NeedsReview bool
	UpdatedAt   time.Time
	Version     int64
	// EffectiveDate is the day the evidence shows things as they were (a
	// board paper's meeting date), as distinct from when it was added.
	EffectiveDate time.Time
	// ReviewBy is the day by which someone should look at it again; past
	// it, the item is stale (see Stale). Zero means no review date.
	ReviewBy time.Time
	// Confidence is how far the board trusts the item; "" is not stated.
	Confidence Confidence
	// Owner is who keeps the item up to date.
	Owner string
	// Also lists the other statements (besides StatementID) the same item
	// supports, such as one board paper that shows three things.
	Also Links
}

// ActionStatus is where an action stands.
type ActionStatus string

// The states of an action.
const (
	StatusOpen       ActionStatus = "open"
	StatusInProgress ActionStatus = "in-progress"
	StatusDone       ActionStatus = "done"
	StatusDropped    ActionStatus = "dropped"
)

// ActionStatuses lists the states in the order a user cycles through them.
var ActionStatuses = []ActionStatus{StatusOpen, StatusInProgress, StatusDone, StatusDropped}

// Valid reports whether s is a known status.
func (s ActionStatus) Valid() bool {
	for _, v := range ActionStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// Live reports whether an action in this state still needs doing.
func (s ActionStatus) Live() bool { return s == StatusOpen || s == StatusInProgress }

// Priority is how urgent an action is.
type Priority string

// The priorities, most urgent first.
const (
	PriorityHigh   Priority = "high"
	PriorityMedium Priority = "medium"
	PriorityLow    Priority = "low"
)

// Priorities lists the priorities, most urgent first.
var Priorities = []Priority{PriorityHigh, PriorityMedium, PriorityLow}

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return p == PriorityHigh || p == PriorityMedium || p == PriorityLow }

// Rank orders priorities: 0 is the most urgent.
func (p Priority) Rank() int {
	for i, v := range Priorities {
		if v == p {
			return i
		}
	}
	return len(Priorities)
}

// Action is one thing someone will do to close a gap.
type Action struct {
	ID          int64
	StatementID string
	Title       string
	Owner       string
	// Due is the due date (a calendar day, UTC midnight); zero means none.
	Due       time.Time
	Status    ActionStatus
	Priority  Priority
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int64
}

// DateLayout is how calendar dates are written everywhere: 2026-03-31.
const DateLayout = "2006-01-02"

// Day truncates t to its calendar day in UTC.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads a YYYY-MM-DD date; an empty string is the zero date.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := quickDate(s); ok {
		return t, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return t, nil
}

// quickDate reads a well-formed YYYY-MM-DD without time.Parse, which
// matters when a large assessment's 20,000 due dates are loaded; anything
// unusual is left to time.Parse.
func quickDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	n := [3]int{}
	for k, p := range [3][2]int{{0, 4}, {5, 7}, {8, 10}} {
		for _, c := range []byte(s[p[0]:p[1]]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n[k] = n[k]*10 + int(c-'0')
		}
	}
	if n[1] < 1 || n[1] > 12 || n[2] < 1 {
		return time.Time{}, false
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Day() != n[2] {
		return time.Time{}, false
	}
	return t, true
}

// FormatDate writes a date as YYYY-MM-DD, or "" for the zero date.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// DaysOverdue is how many whole days past its due date a live action is on
// the day of now; 0 if it is not overdue.
func (a Action) DaysOverdue(now time.Time) int {
	if a.Due.IsZero() || !a.Status.Live() {
		return 0
	}
	d := int(Day(now).Sub(Day(a.Due)).Hours() / 24)
	if d < 0 {
		return 0
	}
	return d
}

// Overdue reports whether a live action is past its due date.
func (a Action) Overdue(now time.Time) bool { return a.DaysOverdue(now) > 0 }
