package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/model"
)

// This file is year on year: starting a new period fresh or carried forward
// from an earlier one (n), comparing with an earlier period (c) and the
// trend over every period (t). Each starts by listing the assessments of
// the same organisation and audience, read fresh from the store.

// groupPurpose says why the app listed an organisation's assessments.
type groupPurpose int

const (
	purposeNew groupPurpose = iota
	purposeCompare
	purposeTrend
)

// groupMsg is the assessments of ref's organisation and audience, oldest
// first.
type groupMsg struct {
	purpose groupPurpose
	ref     model.Header
	group   []model.Header
	err     error
}

// carriedMsg is a new period carried forward, loaded, with the lines
// reporting what its criteria could not match.
type carriedMsg struct {
	seq    int // the work that carried it (startCarry)
	a      *model.Assessment
	from   model.Header
	report []string
	err    error
}

// comparedMsg is a comparison of two assessments.
type comparedMsg struct {
	cmp model.Comparison
	err error
}

// trendMsg is the trend over an organisation's periods.
type trendMsg struct {
	table model.TrendTable
	err   error
}

// headerBefore orders assessments as everywhere (model.CompareHeaders):
// period, then creation, then id.
func headerBefore(x, y model.Header) bool { return model.CompareHeaders(x, y) < 0 }

// sameGroup picks the headers of organisation org and audience aud
// (model.SameGroup: the organisation matched as everywhere), oldest first.
func sameGroup(hs []model.Header, org string, aud criteria.Audience) []model.Header {
	ref := model.Header{Organisation: org, Audience: aud}
	var out []model.Header
	for _, h := range hs {
		if model.SameGroup(h, ref) {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return headerBefore(out[i], out[j]) })
	return out
}

// groupLabel is "organisation (audience)" for messages.
func groupLabel(h model.Header) string {
	return oneLine(h.Organisation) + " (" + strings.ToLower(h.Audience.Title()) + ")"
}

// groupCmd lists the assessments of ref's organisation and audience.
func groupCmd(s Store, purpose groupPurpose, ref model.Header) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		hs, err := s.Assessments(c)
		if err != nil {
			return groupMsg{purpose: purpose, ref: ref, err: fmt.Errorf("list assessments: %w", err)}
		}
		return groupMsg{purpose: purpose, ref: ref, group: sameGroup(hs, ref.Organisation, ref.Audience)}
	}
}

// startCarry carries act.from forward in the background (work.go): on the
// xl demo's newest assessment it copies 200,000 items, for ten seconds.
// The form closes meanwhile and comes back with the error if it fails.
func (a *App) startCarry(act actCarry) tea.Cmd {
	p := oneLine(act.from.Period)
	w := &work{doing: "Carrying " + p + " forward", being: p + " is being carried forward",
		undone: p + " was not carried forward", nothing: "nothing is saved"}
	c, cmd := a.startWork(w)
	if c == nil {
		return cmd
	}
	a.carryForm = a.topForm()
	a.pop()
	return tea.Batch(carryCmd(c, w.seq, a.store, act.from, act.h, orDefault(act.toml, a.toml)), cmd)
}

// carryCmd starts a new period from assessment from, under c (which esc
// cancels: the transaction is rolled back), and loads it.
func carryCmd(c context.Context, seq int, s Store, from model.Header, h model.Header, criteriaTOML []byte) tea.Cmd {
	return func() tea.Msg {
		nh, report, err := s.CarryForward(c, from.ID, h, criteriaTOML)
		if err != nil {
			return carriedMsg{seq: seq, from: from, err: fmt.Errorf("carry %s forward: %w", from.Period, err)}
		}
		a, err := s.AssessmentSummary(c, nh.ID, time.Now(), "")
		if err != nil {
			return carriedMsg{seq: seq, from: from, err: fmt.Errorf("read new assessment: %w", err)}
		}
		return carriedMsg{seq: seq, a: a, from: from, report: report}
	}
}

// compareCmd reads two assessments' scores and counts, with only the
// actions the comparison matches, and compares them. c is cancelled by esc
// (App.longCtx).
func compareCmd(c context.Context, s Store, fromID, toID int64, now time.Time) tea.Cmd {
	return func() tea.Msg {
		from, to, err := s.CompareSummaries(c, fromID, toID, now)
		if err != nil {
			return comparedMsg{err: fmt.Errorf("read assessments %d and %d to compare: %w", fromID, toID, err)}
		}
		return comparedMsg{cmp: model.Compare(from, to, now)}
	}
}

// trendCmd reads the assessments' scores and counts and lays out their
// trend. c is cancelled by esc (App.longCtx).
func trendCmd(c context.Context, s Store, ids []int64, now time.Time) tea.Cmd {
	return func() tea.Msg {
		as, err := s.Summaries(c, ids, now)
		if err != nil {
			return trendMsg{err: fmt.Errorf("read the assessments for the trend: %w", err)}
		}
		return trendMsg{table: model.Trend(as)}
	}
}

// --- starting a new period ------------------------------------------------

// startNew begins a new assessment: straight to the form in an empty
// workbook, otherwise by asking whether to carry an earlier one of ref's
// organisation and audience forward.
func (a *App) startNew(ref *model.Header) tea.Cmd {
	if ref == nil {
		a.openSetup()
		return nil
	}
	return groupCmd(a.store, purposeNew, *ref)
}

// openSetup shows the new-assessment form.
func (a *App) openSetup() {
	a.push(newSetupForm(a.now(), a.fws()))
	a.screen = screenSetup
}

// openSetupFrom shows the new-assessment form for the next period of h's
// organisation and audience.
func (a *App) openSetupFrom(h model.Header) {
	next := model.Header{Organisation: h.Organisation, Audience: h.Audience, CareSetting: h.CareSetting, Period: nextPeriod(h.Period, a.now())}
	if h.Organisation == "" {
		next.Audience, next.Period = criteria.Organisation, financialYear(a.now())
	}
	a.push(newSetupFormFrom(next, a.fws()))
	if a.screen != screenOverview {
		a.screen = screenSetup
	}
}

// applyCarried opens the new period and lists what could not be matched.
func (a *App) applyCarried(msg carriedMsg) tea.Cmd {
	f := a.carryForm
	a.carryForm = nil
	if !a.endWork(msg.seq, msg.err) {
		return nil // cancelled
	}
	if msg.err != nil {
		if f != nil && !errors.Is(msg.err, context.Canceled) {
			f.err = oneLine(msg.err.Error())
			a.push(f) // as it was, to change the period, say
		}
		return a.fail(msg.err)
	}
	a.sc.picker.add(pickItem{header: msg.a.Header, total: model.Overall(msg.a.AllStats(a.now())).Total})
	a.a = nil
	cmd := a.open(msg.a)
	// Carrying forward marks every copied evidence item for review and
	// copies only live actions, so the counts say what was carried.
	review, live := 0, 0
	for _, m := range a.measures {
		for _, s := range m.Statements {
			c := msg.a.Items(s.ID, a.now())
			review += c.Evidence
			live += c.Live()
		}
	}
	if len(msg.report) > 0 {
		a.push(newNotice(fmt.Sprintf("Not carried over or changed: %d line(s)", len(msg.report)),
			append([]string{"The new criteria differ from " + oneLine(msg.from.Period) + "'s. Nothing was dropped silently:", ""}, msg.report...)))
	}
	return tea.Batch(cmd, a.setStatus(fmt.Sprintf("Started %s from %s: %d evidence item(s) to review, %d open action(s) carried",
		oneLine(msg.a.Period), oneLine(msg.from.Period), review, live), false))
}

// --- compare and trend -----------------------------------------------------

// earlier lists the assessments of group that come before ref, newest first.
func earlier(group []model.Header, ref model.Header) []model.Header {
	var out []model.Header
	for i := len(group) - 1; i >= 0; i-- {
		if h := group[i]; h.ID != ref.ID && headerBefore(h, ref) {
			out = append(out, h)
		}
	}
	return out
}

// applyGroup goes on with n, c or t once the organisation's assessments
// are known.
func (a *App) applyGroup(msg groupMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	switch msg.purpose {
	case purposeNew:
		if len(msg.group) == 0 {
			a.openSetupFrom(msg.ref)
			return nil
		}
		a.push(newStartForm(msg.ref, msg.group))
		return nil
	case purposeCompare:
		if a.a == nil || a.a.ID != msg.ref.ID {
			return nil
		}
		before := earlier(msg.group, msg.ref)
		switch len(before) {
		case 0:
			return a.setStatus("Nothing earlier to compare with: this is the first assessment of "+groupLabel(msg.ref), true)
		case 1:
			return a.long("Comparing…", compareCmd(a.longCtx(), a.store, before[0].ID, msg.ref.ID, a.now()))
		}
		a.push(newCompareForm(msg.ref, before, msg.group))
		return nil
	case purposeTrend:
		if a.a == nil || a.a.ID != msg.ref.ID {
			return nil
		}
		if len(msg.group) < 2 {
			return a.setStatus("A trend needs two or more periods of "+groupLabel(msg.ref)+"; n starts the next one", true)
		}
		ids := make([]int64, len(msg.group))
		for i, h := range msg.group {
			ids[i] = h.ID
		}
		return a.long("Reading the trend…", trendCmd(a.longCtx(), a.store, ids, a.now()))
	}
	return nil
}

// applyCompared shows a comparison.
func (a *App) applyCompared(msg comparedMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil || msg.cmp.To.ID != a.a.ID {
		return nil
	}
	a.sc.compare.show(msg.cmp)
	a.screen = screenCompare
	return a.setStatus("Compared "+oneLine(msg.cmp.From.Period)+" with "+oneLine(msg.cmp.To.Period), false)
}

// applyTrend shows a trend.
func (a *App) applyTrend(msg trendMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil {
		return nil
	}
	a.sc.trend.show(msg.table)
	a.screen = screenTrend
	return a.setStatus(fmt.Sprintf("Trend over %d periods", len(msg.table.Periods)), false)
}
