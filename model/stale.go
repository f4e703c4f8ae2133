package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"wgll/criteria"
)

// Confidence is how far the board trusts an evidence item.
type Confidence string

// The confidence levels; ConfidenceUnstated is an item nobody has rated.
const (
	ConfidenceUnstated Confidence = ""
	ConfidenceHigh     Confidence = "high"
	ConfidenceMedium   Confidence = "medium"
	ConfidenceLow      Confidence = "low"
)

// Confidences lists the levels a user cycles through, most trusted first.
var Confidences = []Confidence{ConfidenceHigh, ConfidenceMedium, ConfidenceLow}

// Valid reports whether c is a known level or unstated.
func (c Confidence) Valid() bool {
	return c == ConfidenceUnstated || c == ConfidenceHigh || c == ConfidenceMedium || c == ConfidenceLow
}

// ParseConfidence reads a --confidence value.
func ParseConfidence(s string) (Confidence, error) {
	c := Confidence(s)
	if !c.Valid() {
		return "", fmt.Errorf("confidence %q is not high, medium or low", s)
	}
	return c, nil
}

// StaleReason says why an evidence item is stale.
type StaleReason int

// The reasons, in the order a listing states them.
const (
	// NotStale: the item is current.
	NotStale StaleReason = iota
	// StaleOverdue: its review-by date has passed.
	StaleOverdue
	// StaleCarried: it was carried forward from an earlier period and
	// nobody has confirmed it still holds.
	StaleCarried
	// StaleBoth: both of the above.
	StaleBoth
)

// String is the reason as a listing writes it.
func (r StaleReason) String() string {
	switch r {
	case StaleOverdue:
		return "past review-by"
	case StaleCarried:
		return "carried, not confirmed"
	case StaleBoth:
		return "carried, not confirmed; past review-by"
	}
	return ""
}

// StaleGlyph marks stale evidence in heatmap cells and lists; it is a
// character, not a colour, so a projector and a monochrome print show it.
const StaleGlyph = "!"

// Staleness applies the stale rule to one item on the day of now: an item
// is stale when its review-by date is before today, or when it was carried
// forward and not yet confirmed. A review-by date of today is not past.
func (e Evidence) Staleness(now time.Time) StaleReason {
	overdue := !e.ReviewBy.IsZero() && Day(now).After(Day(e.ReviewBy))
	switch {
	case overdue && e.NeedsReview:
		return StaleBoth
	case overdue:
		return StaleOverdue
	case e.NeedsReview:
		return StaleCarried
	}
	return NotStale
}

// Stale reports whether the item is stale on the day of now.
func (e Evidence) Stale(now time.Time) bool { return e.Staleness(now) != NotStale }

// Weak reports whether the item is stale or of low confidence: evidence the
// improvement plan treats as not to be relied on.
func (e Evidence) Weak(now time.Time) bool { return e.Stale(now) || e.Confidence == ConfidenceLow }

// Links is the statement ids an evidence item is linked to besides its
// own, separated by spaces ("SF-O2 SP-O1"), as the workbook stores them. It
// is a string rather than a slice so that Evidence stays comparable with ==.
type Links string

// LinksOf makes Links of ids, dropping blanks and repeats, in the order given.
func LinksOf(ids ...string) Links {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return Links(strings.Join(out, " "))
}

// IDs lists the linked statement ids.
func (l Links) IDs() []string { return strings.Fields(string(l)) }

// Has reports whether statementID is linked.
func (l Links) Has(statementID string) bool {
	for _, id := range l.IDs() {
		if id == statementID {
			return true
		}
	}
	return false
}

// Supports lists every statement the item supports: its own first, then
// the others it is linked to.
func (e Evidence) Supports() []string {
	out := []string{e.StatementID}
	for _, s := range e.Also.IDs() {
		if s != e.StatementID {
			out = append(out, s)
		}
	}
	return out
}

// EvidenceFor is the evidence that supports a statement: the items filed
// under it, then items filed under another statement and linked to it.
func (a *Assessment) EvidenceFor(statementID string) []Evidence {
	out := append([]Evidence(nil), a.Evidence[statementID]...)
	for _, sid := range a.evidenceStatements() {
		if sid == statementID {
			continue
		}
		for _, e := range a.Evidence[sid] {
			if e.Also != "" && e.Also.Has(statementID) {
				out = append(out, e)
			}
		}
	}
	return out
}

func (a *Assessment) evidenceStatements() []string {
	out := make([]string, 0, len(a.Evidence))
	for sid := range a.Evidence {
		out = append(out, sid)
	}
	sort.Strings(out)
	return out
}

// StaleItem is one stale evidence item, with where it is filed.
type StaleItem struct {
	Evidence
	MeasureKey string
	Reason     StaleReason
}

// StaleEvidence lists a's stale evidence on the day of now, in framework
// order (measure, statement, then the order it was added), each item once
// under the statement it is filed under.
func (a *Assessment) StaleEvidence(now time.Time) []StaleItem {
	var out []StaleItem
	for _, m := range a.Measures() {
		for _, s := range m.Statements {
			for _, e := range a.Evidence[s.ID] {
				if r := e.Staleness(now); r != NotStale {
					out = append(out, StaleItem{Evidence: e, MeasureKey: m.Key, Reason: r})
				}
			}
		}
	}
	return out
}

// StaleCount counts the stale items supporting the statements of measure
// m, each item once however many of them it supports.
func (a *Assessment) StaleCount(m criteria.Measure, now time.Time) int {
	in := make(map[string]bool, len(m.Statements))
	for _, s := range m.Statements {
		in[s.ID] = true
	}
	n := 0
	a.eachStaleCandidate(func(e Evidence) {
		if !e.Stale(now) {
			return
		}
		for _, sid := range e.Supports() {
			if in[sid] {
				n++
				break
			}
		}
	})
	return n
}

// eachStaleCandidate calls fn for every evidence item held: the loaded
// lists and, on a summary, the stale candidates of the other statements.
func (a *Assessment) eachStaleCandidate(fn func(Evidence)) {
	for _, list := range a.Evidence {
		for _, e := range list {
			fn(e)
		}
	}
	for _, e := range a.StaleItems {
		if !a.ItemsLoaded(e.StatementID) {
			fn(e)
		}
	}
}

// StaleStatements is the set of statements with stale supporting evidence,
// worked out in one pass over the evidence (the heatmap asks for every
// cell at once).
func (a *Assessment) StaleStatements(now time.Time) map[string]bool {
	out := map[string]bool{}
	a.eachStaleCandidate(func(e Evidence) {
		if e.Stale(now) {
			for _, sid := range e.Supports() {
				out[sid] = true
			}
		}
	})
	return out
}

// HasStale reports whether any evidence supporting the statement is stale,
// for the glyph in its heatmap cell: on a summary, also among the stale
// items the store read for the statements whose lists are not loaded, as
// StaleStatements does.
func (a *Assessment) HasStale(statementID string, now time.Time) bool {
	for _, e := range a.StaleItems {
		if !a.ItemsLoaded(e.StatementID) && e.Stale(now) && slices.Contains(e.Supports(), statementID) {
			return true
		}
	}
	for _, e := range a.EvidenceFor(statementID) {
		if e.Stale(now) {
			return true
		}
	}
	return false
}
