package ui

import (
	"fmt"
	"sort"
	"strconv"
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

// headerBefore orders assessments by period label, then creation, as
// model.Trend does.
func headerBefore(x, y model.Header) bool {
	if x.Period != y.Period {
		return x.Period < y.Period
	}
	if !x.CreatedAt.Equal(y.CreatedAt) {
		return x.CreatedAt.Before(y.CreatedAt)
	}
	return x.ID < y.ID
}

// sameGroup picks the headers of organisation org and audience aud, oldest
// first.
func sameGroup(hs []model.Header, org string, aud criteria.Audience) []model.Header {
	var out []model.Header
	for _, h := range hs {
		if h.Organisation == org && h.Audience == aud {
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

// carryCmd starts a new period from assessment fromID and loads it.
func carryCmd(s Store, from model.Header, h model.Header, criteriaTOML []byte) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		nh, report, err := s.CarryForward(c, from.ID, h, criteriaTOML)
		if err != nil {
			return carriedMsg{from: from, err: fmt.Errorf("carry %s forward: %w", from.Period, err)}
		}
		a, err := s.Assessment(c, nh.ID)
		if err != nil {
			return carriedMsg{from: from, err: fmt.Errorf("read new assessment: %w", err)}
		}
		return carriedMsg{a: a, from: from, report: report}
	}
}

// compareCmd reads two assessments and compares them.
func compareCmd(s Store, fromID, toID int64, now time.Time) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		from, err := s.Assessment(c, fromID)
		if err != nil {
			return comparedMsg{err: fmt.Errorf("read assessment %d to compare: %w", fromID, err)}
		}
		to, err := s.Assessment(c, toID)
		if err != nil {
			return comparedMsg{err: fmt.Errorf("read assessment %d to compare: %w", toID, err)}
		}
		return comparedMsg{cmp: model.Compare(from, to, now)}
	}
}

// trendCmd reads the assessments and lays out their trend.
func trendCmd(s Store, ids []int64) tea.Cmd {
	return func() tea.Msg {
		c, cancel := ctx()
		defer cancel()
		as := make([]*model.Assessment, 0, len(ids))
		for _, id := range ids {
			a, err := s.Assessment(c, id)
			if err != nil {
				return trendMsg{err: fmt.Errorf("read assessment %d for the trend: %w", id, err)}
			}
			as = append(as, a)
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

// openStart asks how to start the next period of group (oldest first).
func (a *App) openStart(ref model.Header, group []model.Header) {
	if len(group) == 0 {
		a.openSetupFrom(ref)
		return
	}
	var choices, display []string
	for i := len(group) - 1; i >= 0; i-- {
		h := group[i]
		choices = append(choices, strconv.FormatInt(h.ID, 10))
		display = append(display, "carry forward from "+oneLine(h.Period)+created(group, h))
	}
	choices = append(choices, "fresh")
	display = append(display, "start fresh")
	a.startGroup = group
	a.form = &form{kind: formStart, title: "New period for " + groupLabel(ref), fields: []field{
		newChoiceField("start", "Start", choices, display, choices[0]),
	}, info: []string{
		"Carrying forward takes the earlier evidence (marked for review) and the open actions with their owners; " +
			"done actions stay behind. Scores start empty, with last time's shown beside them. Nothing in the earlier assessment changes.",
	}, hint: "←/→ choose · enter continue · esc cancel"}
	a.form.setWidth(a.dialogWidth() - 20)
	a.formKey = ""
}

// created tells apart two assessments of one period by their creation date.
func created(group []model.Header, h model.Header) string {
	for _, g := range group {
		if g.ID != h.ID && g.Period == h.Period {
			return " (created " + h.CreatedAt.Format("2 Jan 2006 15:04") + ")"
		}
	}
	return ""
}

// submitStart goes on from the start dialog to the header form.
func (a *App) submitStart() tea.Cmd {
	v := a.form.values()["start"]
	group := a.startGroup
	newest := group[len(group)-1]
	if v == "fresh" {
		a.form = nil
		a.openSetupFrom(newest)
		return nil
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	from := newest
	for _, h := range group {
		if h.ID == id {
			from = h
		}
	}
	settings, display := settingChoices()
	a.form = &form{kind: formCarry, title: "Carry forward " + oneLine(from.Title()), fromID: from.ID, fields: []field{
		newTextField("period", "New period", "e.g. 2027/28", nextPeriod(from.Period, a.now()), true),
		newChoiceField("setting", "Care setting", settings, display, string(from.CareSetting)),
	}, info: []string{"Organisation " + oneLine(from.Organisation) + " · audience " + from.Audience.Title() + " (as before)."}}
	a.form.setWidth(a.dialogWidth() - 20)
	a.form.focusField(0)
	a.carryFrom = from
	return nil
}

// submitCarry carries the chosen assessment forward.
func (a *App) submitCarry() tea.Cmd {
	v := a.form.values()
	h := model.Header{Period: v["period"], CareSetting: model.CareSetting(v["setting"])}
	if err := checkPeriod(h.Period); err != nil {
		a.form.err = err.Error()
		return nil
	}
	for _, g := range a.startGroup {
		if g.Period == h.Period {
			a.form.err = fmt.Sprintf("%s already has an assessment: choose another period", oneLine(g.Period))
			return nil
		}
	}
	a.form.err = ""
	return tea.Batch(a.setStatus("Carrying "+oneLine(a.carryFrom.Period)+" forward…", false), carryCmd(a.store, a.carryFrom, h, a.toml))
}

// openSetupFrom shows the new-assessment form for the next period of h's
// organisation and audience.
func (a *App) openSetupFrom(h model.Header) {
	next := model.Header{Organisation: h.Organisation, Audience: h.Audience, CareSetting: h.CareSetting, Period: nextPeriod(h.Period, a.now())}
	if h.Organisation == "" {
		next.Audience, next.Period = criteria.Organisation, financialYear(a.now())
	}
	a.form = newSetupFormFrom(a.styles, a.now(), next)
	a.form.setWidth(a.dialogWidth() - 20)
	a.formKey = ""
	if a.screen != screenOverview {
		a.screen = screenSetup
	}
}

// applyCarried opens the new period and lists what could not be matched.
func (a *App) applyCarried(msg carriedMsg) tea.Cmd {
	if msg.err != nil {
		if a.form != nil {
			a.form.err = oneLine(msg.err.Error())
		}
		return a.fail(msg.err)
	}
	a.form = nil
	a.items = append(a.items, pickItem{header: msg.a.Header, total: model.Overall(msg.a.AllStats(a.now())).Total})
	a.a = nil
	cmd := a.open(msg.a)
	review, live := 0, 0
	for _, list := range msg.a.Evidence {
		for _, e := range list {
			if e.NeedsReview {
				review++
			}
		}
	}
	for _, list := range msg.a.Actions {
		for _, x := range list {
			if x.Status.Live() {
				live++
			}
		}
	}
	if len(msg.report) > 0 {
		a.notice = &notice{title: fmt.Sprintf("Not carried over or changed: %d line(s)", len(msg.report)),
			lines: append([]string{"The new criteria differ from " + oneLine(msg.from.Period) + "'s. Nothing was dropped silently:", ""}, msg.report...)}
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
		a.openStart(msg.ref, msg.group)
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
			a.setStatus("Comparing…", false)
			return compareCmd(a.store, before[0].ID, msg.ref.ID, a.now())
		}
		var choices, display []string
		for _, h := range before {
			choices = append(choices, strconv.FormatInt(h.ID, 10))
			display = append(display, oneLine(h.Period)+created(msg.group, h))
		}
		a.form = &form{kind: formCompare, title: "Compare " + oneLine(msg.ref.Period) + " with", fields: []field{
			newChoiceField("from", "Earlier period", choices, display, choices[0]),
		}, hint: "←/→ choose · enter compare · esc cancel"}
		a.formKey = ""
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
		a.setStatus("Reading every period…", false)
		return trendCmd(a.store, ids)
	}
	return nil
}

// submitCompare compares the open assessment with the one chosen.
func (a *App) submitCompare() tea.Cmd {
	id, _ := strconv.ParseInt(a.form.values()["from"], 10, 64)
	a.form = nil
	a.setStatus("Comparing…", false)
	return compareCmd(a.store, id, a.a.ID, a.now())
}

// applyCompared shows a comparison.
func (a *App) applyCompared(msg comparedMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil || msg.cmp.To.ID != a.a.ID {
		return nil
	}
	cmp := msg.cmp
	a.cmp = &cmp
	a.scroll = scrollState{}
	a.screen = screenCompare
	return a.setStatus("Compared "+oneLine(cmp.From.Period)+" with "+oneLine(cmp.To.Period), false)
}

// applyTrend shows a trend.
func (a *App) applyTrend(msg trendMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	if a.a == nil {
		return nil
	}
	t := msg.table
	a.trend = &t
	a.scroll = scrollState{}
	a.screen = screenTrend
	return a.setStatus(fmt.Sprintf("Trend over %d periods", len(t.Periods)), false)
}
