package model

import "time"

// ItemCounts is how many evidence items and actions one statement has, by
// kind, as the store counts them without loading them (a summary load).
type ItemCounts struct {
	Evidence                        int
	Open, InProgress, Done, Dropped int
	// Overdue counts live actions past their due date on the day the
	// counts were taken (Assessment.CountedAt).
	Overdue int
}

// Live is the number of open and in-progress actions.
func (c ItemCounts) Live() int { return c.Open + c.InProgress }

// Actions is the number of actions in every state.
func (c ItemCounts) Actions() int { return c.Open + c.InProgress + c.Done + c.Dropped }

// countItems counts the given lists as the store would, overdue on now.
func countItems(ev []Evidence, acts []Action, now time.Time) ItemCounts {
	c := ItemCounts{Evidence: len(ev)}
	for _, x := range acts {
		c.add(x, now)
	}
	return c
}

// plus adds n's counts to c.
func (c *ItemCounts) plus(n ItemCounts) {
	c.Evidence += n.Evidence
	c.Open += n.Open
	c.InProgress += n.InProgress
	c.Done += n.Done
	c.Dropped += n.Dropped
	c.Overdue += n.Overdue
}

// add counts one action by its state, and as overdue on now.
func (c *ItemCounts) add(x Action, now time.Time) {
	switch x.Status {
	case StatusOpen:
		c.Open++
	case StatusInProgress:
		c.InProgress++
	case StatusDone:
		c.Done++
	case StatusDropped:
		c.Dropped++
	}
	if x.Overdue(now) {
		c.Overdue++
	}
}

// Summarised reports whether a was loaded as a summary: scores and counts,
// with evidence and actions only for the statements in Loaded.
func (a *Assessment) Summarised() bool { return a.Counts != nil }

// ItemsLoaded reports whether statement sid's evidence and actions are in
// Evidence and Actions: always for a whole assessment, only for the
// statements in Loaded for a summary.
func (a *Assessment) ItemsLoaded(sid string) bool { return a.Counts == nil || a.Loaded[sid] }

// Items counts statement sid's evidence and actions, overdue on now: from
// the lists when they are loaded, else from the store's counts (whose
// overdue figure is for the day of CountedAt).
func (a *Assessment) Items(sid string, now time.Time) ItemCounts {
	if a.ItemsLoaded(sid) {
		return countItems(a.Evidence[sid], a.Actions[sid], now)
	}
	return a.Counts[sid]
}

// ItemTotals counts a's evidence items and actions over every statement,
// those missing from its criteria too: from the lists where they are
// loaded, else from the store's counts. ok is false while a summary's
// action counts are still being read (ActionsPending).
func (a *Assessment) ItemTotals() (evidence, actions int, ok bool) {
	seen := map[string]bool{}
	add := func(sid string) {
		if seen[sid] {
			return
		}
		seen[sid] = true
		c := a.Items(sid, a.CountedAt)
		evidence += c.Evidence
		actions += c.Actions()
	}
	for sid := range a.Counts {
		add(sid)
	}
	for sid := range a.Evidence {
		add(sid)
	}
	for sid := range a.Actions {
		add(sid)
	}
	return evidence, actions, !a.ActionsPending
}

// SetItems puts statement sid's whole evidence and action lists into a
// summary, so that edits to them and the counts follow the lists.
func (a *Assessment) SetItems(sid string, ev []Evidence, acts []Action) {
	if a.Evidence == nil {
		a.Evidence = map[string][]Evidence{}
	}
	if a.Actions == nil {
		a.Actions = map[string][]Action{}
	}
	a.Evidence[sid], a.Actions[sid] = ev, acts
	if a.Counts == nil {
		return
	}
	if a.Loaded == nil {
		a.Loaded = map[string]bool{}
	}
	a.Loaded[sid] = true
}

// DropItems forgets the lists of every loaded statement of a summary but
// keep, folding them back into the counts, so that memory holds only what
// is on screen. It does nothing to a whole assessment.
func (a *Assessment) DropItems(keep string) {
	if a.Counts == nil {
		return
	}
	for sid := range a.Loaded {
		if sid == keep {
			continue
		}
		a.Counts[sid] = countItems(a.Evidence[sid], a.Actions[sid], a.CountedAt)
		// The stale candidates follow the lists, which edits may have
		// changed since the summary was read.
		kept := a.StaleItems[:0:0]
		for _, e := range a.StaleItems {
			if e.StatementID != sid {
				kept = append(kept, e)
			}
		}
		for _, e := range a.Evidence[sid] {
			if e.NeedsReview || !e.ReviewBy.IsZero() {
				kept = append(kept, Evidence{ID: e.ID, StatementID: e.StatementID, Also: e.Also, NeedsReview: e.NeedsReview, ReviewBy: e.ReviewBy})
			}
		}
		a.StaleItems = kept
		delete(a.Evidence, sid)
		delete(a.Actions, sid)
		delete(a.Loaded, sid)
	}
}

// SetActionCounts fills in the action counts of a summary read with its
// actions pending (counts holds them per statement, taken on the day of
// now); statements whose lists are loaded keep counting from the lists.
func (a *Assessment) SetActionCounts(counts map[string]ItemCounts, now time.Time) {
	if a.Counts == nil {
		a.Counts = map[string]ItemCounts{}
	}
	for sid := range a.Counts {
		c := a.Counts[sid]
		c.Open, c.InProgress, c.Done, c.Dropped, c.Overdue = 0, 0, 0, 0, 0
		a.Counts[sid] = c
	}
	for sid, n := range counts {
		c := a.Counts[sid]
		c.Open, c.InProgress, c.Done, c.Dropped, c.Overdue = n.Open, n.InProgress, n.Done, n.Dropped, n.Overdue
		a.Counts[sid] = c
	}
	a.CountedAt, a.ActionsPending = now, false
}

// Summarise makes a summary of a whole assessment, as the store's summary
// read would give it (for fakes and tests): the same header, criteria and
// responses, counts for every statement and, when sid is not empty, that
// statement's lists.
func Summarise(a *Assessment, now time.Time, sid string) *Assessment {
	s := NewAssessment(a.Header, a.Criteria)
	for k, v := range a.Responses {
		s.Responses[k] = v
	}
	if a.Previous != nil {
		s.Previous = map[string]Score{}
		for k, v := range a.Previous {
			s.Previous[k] = v
		}
	}
	s.Agreements, s.PreviousAgreements = a.Agreements, a.PreviousAgreements
	s.Targets, s.MeasureTargets, s.SignOff = a.Targets, a.MeasureTargets, a.SignOff
	s.Counts, s.CountedAt = map[string]ItemCounts{}, now
	for _, list := range a.Evidence {
		for _, e := range list {
			if e.NeedsReview || !e.ReviewBy.IsZero() {
				s.StaleItems = append(s.StaleItems, Evidence{ID: e.ID, StatementID: e.StatementID, Also: e.Also, NeedsReview: e.NeedsReview, ReviewBy: e.ReviewBy})
			}
		}
	}
	for k := range a.Evidence {
		s.Counts[k] = countItems(a.Evidence[k], a.Actions[k], now)
	}
	for k := range a.Actions {
		s.Counts[k] = countItems(a.Evidence[k], a.Actions[k], now)
	}
	if sid != "" {
		s.SetItems(sid, append([]Evidence(nil), a.Evidence[sid]...), append([]Action(nil), a.Actions[sid]...))
	}
	return s
}
