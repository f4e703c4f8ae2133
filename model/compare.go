package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"wgll/criteria"
)

// StatementChange is one statement's score in two periods. Statements are
// matched between periods by id only: the text may have been reworded.
type StatementChange struct {
	StatementID string
	// MeasureKey is the measure the statement belongs to in the later period.
	MeasureKey string
	// Text is the statement's text in the later period.
	Text     string
	From, To Score
}

// Delta is the change in score; 0 unless both periods scored it.
func (c StatementChange) Delta() int {
	if !c.From.Assessed() || !c.To.Assessed() {
		return 0
	}
	return int(c.To) - int(c.From)
}

// MeasureChange is how one measure moved between two periods.
type MeasureChange struct {
	// Key is the stable measure key; Name the later period's name and
	// FromName the earlier one's ("" if the measure is new).
	Key      string
	Name     string
	FromName string
	// InFrom and InTo say whether each period's criteria have the measure.
	InFrom, InTo bool
	// From and To are the measure's figures in each period, over that
	// period's own statements.
	From, To MeasureStats
	// The matched statements, by what happened to them, in framework order.
	Improved        []StatementChange
	Regressed       []StatementChange
	Unchanged       []StatementChange
	NewlyAssessed   []StatementChange
	NoLongerScored  []StatementChange
	StillUnassessed []StatementChange
}

// Renamed reports whether the measure has a different name than before.
func (m MeasureChange) Renamed() bool { return m.InFrom && m.InTo && m.FromName != m.Name }

// Delta is the change in mean score; ok is false unless both periods have
// at least one score in the measure.
func (m MeasureChange) Delta() (delta float64, ok bool) {
	if !m.From.HasMean() || !m.To.HasMean() {
		return 0, false
	}
	return m.To.Mean - m.From.Mean, true
}

// ShownDelta is the change as a reader works it out from the figures shown
// with the given number of decimals: 2.8 to 3.3 is +0.5, even when the
// unrounded means (2.83 and 3.25) differ by 0.42.
func (m MeasureChange) ShownDelta(decimals int) (float64, bool) {
	if !m.From.HasMean() || !m.To.HasMean() {
		return 0, false
	}
	return ShownChange(m.From.Mean, m.To.Mean, decimals), true
}

// shownChange is to minus from, each first rounded as FormatScore shows it.
func ShownChange(from, to float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(math.Round(to*p)-math.Round(from*p)) / p
}

// StatementRef names a statement that exists in only one period's criteria,
// with what was recorded against it there.
type StatementRef struct {
	StatementID string
	MeasureKey  string
	Text        string
	Score       Score
	Evidence    int
	LiveActions int
}

// ActionChange pairs an action in the later period with the earlier action
// it continues.
type ActionChange struct {
	From, To Action
}

// Comparison is what moved between two assessments of the same organisation,
// usually consecutive periods.
type Comparison struct {
	From, To Header
	// Measures lists every measure of either period: the later period's
	// measures in framework order, then any the later criteria dropped.
	Measures []MeasureChange
	// Overall is the overall figure of each period (mean of measure means).
	OverallFrom, OverallTo MeasureStats
	// Added lists statements only the later criteria have; Retired those
	// only the earlier criteria had. Neither can be compared.
	Added   []StatementRef
	Retired []StatementRef
	// Closed are actions done in the later period that were open or in
	// progress in the earlier one; Dropped likewise for dropped actions.
	Closed  []ActionChange
	Dropped []ActionChange
}

// Compare works out what moved from one assessment to another. Statements
// are matched by id; actions are matched by statement and title (ignoring
// case and surrounding space), which is how a carried-forward action keeps
// its identity. now is used for overdue counts in the measure figures.
func Compare(from, to *Assessment, now time.Time) Comparison {
	c := Comparison{From: from.Header, To: to.Header}
	fromMeasures := from.Measures()
	toMeasures := to.Measures()
	fromByKey := map[string]criteria.Measure{}
	for _, m := range fromMeasures {
		fromByKey[m.Key] = m
	}
	fromStmt := map[string]bool{}
	for _, m := range fromMeasures {
		for _, s := range m.Statements {
			fromStmt[s.ID] = true
		}
	}
	toStmt := map[string]bool{}
	var fromStats, toStats []MeasureStats
	for _, m := range toMeasures {
		mc := MeasureChange{Key: m.Key, Name: m.Name, InTo: true, To: to.Stats(m, now)}
		toStats = append(toStats, mc.To)
		if fm, ok := fromByKey[m.Key]; ok {
			mc.InFrom, mc.FromName, mc.From = true, fm.Name, from.Stats(fm, now)
			fromStats = append(fromStats, mc.From)
		}
		for _, s := range m.Statements {
			toStmt[s.ID] = true
			if !fromStmt[s.ID] {
				c.Added = append(c.Added, statementRef(to, m.Key, s))
				continue
			}
			sc := StatementChange{StatementID: s.ID, MeasureKey: m.Key, Text: s.Text, From: from.Score(s.ID), To: to.Score(s.ID)}
			switch {
			case sc.From.Assessed() && sc.To.Assessed() && sc.To > sc.From:
				mc.Improved = append(mc.Improved, sc)
			case sc.From.Assessed() && sc.To.Assessed() && sc.To < sc.From:
				mc.Regressed = append(mc.Regressed, sc)
			case sc.From.Assessed() && sc.To.Assessed():
				mc.Unchanged = append(mc.Unchanged, sc)
			case sc.To.Assessed():
				mc.NewlyAssessed = append(mc.NewlyAssessed, sc)
			case sc.From.Assessed():
				mc.NoLongerScored = append(mc.NoLongerScored, sc)
			default:
				mc.StillUnassessed = append(mc.StillUnassessed, sc)
			}
		}
		c.Measures = append(c.Measures, mc)
	}
	toKeys := map[string]bool{}
	for _, m := range toMeasures {
		toKeys[m.Key] = true
	}
	for _, m := range fromMeasures {
		if !toKeys[m.Key] {
			mc := MeasureChange{Key: m.Key, Name: m.Name, FromName: m.Name, InFrom: true, From: from.Stats(m, now)}
			fromStats = append(fromStats, mc.From)
			c.Measures = append(c.Measures, mc)
		}
		for _, s := range m.Statements {
			if !toStmt[s.ID] {
				c.Retired = append(c.Retired, statementRef(from, m.Key, s))
			}
		}
	}
	c.OverallFrom, c.OverallTo = Overall(fromStats), Overall(toStats)
	c.Closed, c.Dropped = closedActions(from, to)
	return c
}

func statementRef(a *Assessment, key string, s criteria.Statement) StatementRef {
	c := a.Items(s.ID, time.Time{})
	return StatementRef{StatementID: s.ID, MeasureKey: key, Text: s.Text, Score: a.Score(s.ID), Evidence: c.Evidence, LiveActions: c.Live()}
}

// actionKey is how an action is recognised in a later period.
func actionKey(statementID, title string) string {
	return statementID + "\x00" + strings.ToLower(strings.Join(strings.Fields(title), " "))
}

// closedActions finds the actions live in from that are done or dropped in
// to, in the later assessment's statement order.
func closedActions(from, to *Assessment) (closed, dropped []ActionChange) {
	live := map[string]Action{}
	for sid, list := range from.Actions {
		for _, x := range list {
			if x.Status.Live() {
				live[actionKey(sid, x.Title)] = x
			}
		}
	}
	for _, m := range to.Measures() {
		for _, s := range m.Statements {
			for _, x := range to.Actions[s.ID] {
				f, ok := live[actionKey(s.ID, x.Title)]
				if !ok {
					continue
				}
				switch x.Status {
				case StatusDone:
					closed = append(closed, ActionChange{From: f, To: x})
				case StatusDropped:
					dropped = append(dropped, ActionChange{From: f, To: x})
				}
			}
		}
	}
	return closed, dropped
}

// Improved lists every improved statement across measures.
func (c Comparison) Improved() []StatementChange {
	return c.collect(func(m MeasureChange) []StatementChange { return m.Improved })
}

// Regressed lists every regressed statement across measures.
func (c Comparison) Regressed() []StatementChange {
	return c.collect(func(m MeasureChange) []StatementChange { return m.Regressed })
}

// NewlyAssessed lists statements scored now that were not scored before.
func (c Comparison) NewlyAssessed() []StatementChange {
	return c.collect(func(m MeasureChange) []StatementChange { return m.NewlyAssessed })
}

// NoLongerScored lists statements scored before that are not scored now.
func (c Comparison) NoLongerScored() []StatementChange {
	return c.collect(func(m MeasureChange) []StatementChange { return m.NoLongerScored })
}

// StillUnassessed lists matched statements scored in neither period.
func (c Comparison) StillUnassessed() []StatementChange {
	return c.collect(func(m MeasureChange) []StatementChange { return m.StillUnassessed })
}

func (c Comparison) collect(f func(MeasureChange) []StatementChange) []StatementChange {
	var out []StatementChange
	for _, m := range c.Measures {
		out = append(out, f(m)...)
	}
	return out
}

// FormatMean writes a mean score with one decimal, as the summary does.
func FormatMean(v float64) string { return FormatScore(v, 1) }

// FormatScore writes v with the given number of decimals, rounding halves
// away from zero as spreadsheets do (3.25 is "3.3"), so figures match the
// published ones a board reads beside them.
func FormatScore(v float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	return strconv.FormatFloat(math.Round(v*p)/p, 'f', decimals, 64)
}

// moveVerb says how a mean moved, judged on the one-decimal figures a reader
// sees, so the summary never says "rose from 2.1 to 2.1".
func moveVerb(from, to float64) string {
	f, t := FormatMean(from), FormatMean(to)
	switch {
	case f == t:
		return "held at " + t
	case to > from:
		return "rose from " + f + " to " + t
	}
	return "fell from " + f + " to " + t
}

var numberWords = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

// count writes n and a noun in words: "one statement", "three statements",
// "12 statements".
func count(n int, singular, plural string) string {
	word := fmt.Sprint(n)
	if n < len(numberWords) {
		word = numberWords[n]
	}
	if n == 1 {
		return word + " " + singular
	}
	return word + " " + plural
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func scoreMoves(list []StatementChange) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = fmt.Sprintf("%s (%s→%s)", s.StatementID, s.From, s.To)
	}
	return strings.Join(parts, ", ")
}

// Summary is a short written account of what moved, in full sentences a
// board can paste into its minutes.
func (c Comparison) Summary() string {
	var sents []string
	if c.OverallFrom.HasMean() && c.OverallTo.HasMean() {
		sents = append(sents, fmt.Sprintf("Between %s and %s the overall mean %s.", c.From.Period, c.To.Period, moveVerb(c.OverallFrom.Mean, c.OverallTo.Mean)))
	}
	var moves []string
	for _, m := range c.Measures {
		switch {
		case m.From.HasMean() && m.To.HasMean():
			moves = append(moves, m.Name+" "+moveVerb(m.From.Mean, m.To.Mean))
		case m.To.HasMean():
			moves = append(moves, m.Name+" was scored for the first time at "+FormatMean(m.To.Mean))
		case m.From.HasMean():
			moves = append(moves, fmt.Sprintf("%s has no scores in %s (%s in %s)", m.Name, c.To.Period, FormatMean(m.From.Mean), c.From.Period))
		}
	}
	if len(moves) > 0 {
		sents = append(sents, strings.Join(moves, "; ")+".")
	}
	for _, g := range []struct {
		list []StatementChange
		verb string
	}{{c.Regressed(), "regressed"}, {c.Improved(), "improved"}} {
		if len(g.list) == 0 {
			sents = append(sents, "No statement "+g.verb+".")
			continue
		}
		sents = append(sents, capitalise(count(len(g.list), "statement", "statements"))+" "+g.verb+": "+scoreMoves(g.list)+".")
	}
	if n := c.NewlyAssessed(); len(n) > 0 {
		parts := make([]string, len(n))
		for i, s := range n {
			parts[i] = fmt.Sprintf("%s (%s)", s.StatementID, s.To)
		}
		verb := " were scored for the first time: "
		if len(n) == 1 {
			verb = " was scored for the first time: "
		}
		sents = append(sents, capitalise(count(len(n), "statement", "statements"))+verb+strings.Join(parts, ", ")+".")
	}
	if n := c.NoLongerScored(); len(n) > 0 {
		verb := " scored last time are not scored now: "
		if len(n) == 1 {
			verb = " scored last time is not scored now: "
		}
		sents = append(sents, capitalise(count(len(n), "statement", "statements"))+verb+scoreMoves(n)+".")
	}
	if n := len(c.StillUnassessed()); n > 0 {
		verb := " are still unassessed."
		if n == 1 {
			verb = " is still unassessed."
		}
		sents = append(sents, capitalise(count(n, "statement", "statements"))+verb)
	}
	if n := len(c.Closed); n > 0 {
		verb := " were completed"
		if n == 1 {
			verb = " was completed"
		}
		sents = append(sents, capitalise(count(n, "action", "actions"))+verb+" since "+c.From.Period+".")
	}
	if crit := c.criteriaChanges(); crit != "" {
		sents = append(sents, crit)
	}
	return strings.Join(sents, " ")
}

// criteriaChanges describes how the criteria differ, or "" if they match.
func (c Comparison) criteriaChanges() string {
	var parts []string
	for _, m := range c.Measures {
		switch {
		case m.Renamed():
			parts = append(parts, m.FromName+" is now "+m.Name)
		case m.InTo && !m.InFrom:
			parts = append(parts, m.Name+" is a new measure")
		case m.InFrom && !m.InTo:
			parts = append(parts, m.Name+" was retired")
		}
	}
	ids := func(refs []StatementRef) string {
		s := make([]string, len(refs))
		for i, r := range refs {
			s[i] = r.StatementID
		}
		return strings.Join(s, ", ")
	}
	if len(c.Added) > 0 {
		verb := " were added ("
		if len(c.Added) == 1 {
			verb = " was added ("
		}
		parts = append(parts, count(len(c.Added), "statement", "statements")+verb+ids(c.Added)+")")
	}
	if len(c.Retired) > 0 {
		verb := " were retired ("
		if len(c.Retired) == 1 {
			verb = " was retired ("
		}
		parts = append(parts, count(len(c.Retired), "statement", "statements")+verb+ids(c.Retired)+")")
	}
	if len(parts) == 0 {
		return ""
	}
	return "The criteria changed: " + strings.Join(parts, "; ") + "."
}
