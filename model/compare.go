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
	// Mark says whether the two scores compare like for like
	// (MarkComparable) or the statement was reworded between periods;
	// FromIDs are the earlier statements it continues.
	Mark    Mark
	FromIDs []string
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

// ShownChange is to minus from, each first rounded as FormatScore shows it.
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
	// OverallFrom and OverallTo are each period's own overall figure (mean
	// of measure means over all its scores), as its board report shows it.
	// They are not a comparison: use Like for that.
	OverallFrom, OverallTo MeasureStats
	// Like is the overall comparison made like for like, over the
	// statements scored in both periods.
	Like LikeForLike
	// Added lists statements only the later criteria have; Retired those
	// only the earlier criteria had. Neither can be compared.
	Added   []StatementRef
	Retired []StatementRef
	// Closed are actions done in the later period that were open or in
	// progress in the earlier one; Dropped likewise for dropped actions.
	Closed  []ActionChange
	Dropped []ActionChange
}

// LikeForLike is an overall comparison of two periods over only the
// statements scored in both, so that a measure or statement scored in one
// period and not the other cannot move the overall figure: seven measures
// are never set against six.
type LikeForLike struct {
	// Statements is how many statements were scored in both periods.
	Statements int
	// From and To are the overall figures over those statements, formed as
	// Overall forms them: per measure (the later period's) the mean of its
	// matched statements, then the mean of those measure means. Each
	// MeasureStats counts matched statements in Total and Assessed.
	From, To MeasureStats
	// Unmatched lists the statements scored in one period only, which the
	// figures leave out: later framework order, then retired statements.
	Unmatched []UnmatchedStatement
}

// UnmatchedStatement is a statement scored in one period and not in the
// other (either unscored there or not in that period's criteria).
type UnmatchedStatement struct {
	StatementID string
	MeasureKey  string
	Text        string
	// Period is the period that scored it, and Score its score there.
	Period string
	Score  Score
	// NotInCriteria is set when the other period's criteria lack it.
	NotInCriteria bool
	// Reworded is set for a statement scored in both periods that was
	// reworded between them (see Mark): its scores are not like for like.
	Reworded bool
}

// Change is the like-for-like change in overall mean as shown (see
// MeanChange); ok is false when no statement was scored in both periods.
func (l LikeForLike) Change() (float64, bool) {
	if l.Statements == 0 {
		return 0, false
	}
	return MeanChange(l.From.Mean, l.To.Mean), true
}

// Sentence says how the overall mean moved between periods from and to,
// like for like, in one sentence for the minutes: "Between 2025/26 and
// 2026/27 the overall mean rose from 2.4 to 2.6, like for like over the 38
// statements scored in both periods; two statements scored in only one
// period are left out of it." It is "" when no statement was scored in both.
func (l LikeForLike) Sentence(from, to string) string {
	if l.Statements == 0 {
		return ""
	}
	s := fmt.Sprintf("Between %s and %s the overall mean %s, like for like over the %s scored in both periods",
		from, to, moveVerb(l.From.Mean, l.To.Mean), count(l.Statements, "statement", "statements"))
	reworded := 0
	for _, u := range l.Unmatched {
		if u.Reworded {
			reworded++
		}
	}
	if n := len(l.Unmatched) - reworded; n > 0 {
		verb := " scored in only one period are left out of it"
		if n == 1 {
			verb = " scored in only one period is left out of it"
		}
		s += "; " + count(n, "statement", "statements") + verb
	}
	if reworded > 0 {
		verb := " reworded between the periods are left out of it"
		if reworded == 1 {
			verb = " reworded between the periods is left out of it"
		}
		s += "; " + count(reworded, "statement", "statements") + verb
	}
	return s + "."
}

// likeForLike works out c.Like from the measures and statement lists
// Compare has filled in.
func (c *Comparison) likeForLike(from, to *Assessment) {
	var fs, ts []MeasureStats
	for _, m := range c.Measures {
		f := MeasureStats{Key: m.Key, Name: m.Name}
		t := f
		for _, list := range [][]StatementChange{m.Improved, m.Regressed, m.Unchanged} {
			for _, sc := range list {
				if sc.Mark == MarkReworded {
					// As the DMA compares only comparable domains.
					c.Like.Unmatched = append(c.Like.Unmatched, UnmatchedStatement{StatementID: sc.StatementID, MeasureKey: sc.MeasureKey, Text: sc.Text, Period: to.Period, Score: sc.To, Reworded: true})
					continue
				}
				f.Mean += float64(sc.From)
				t.Mean += float64(sc.To)
				f.Assessed++
			}
		}
		if f.Assessed == 0 {
			continue
		}
		f.Total, t.Total, t.Assessed = f.Assessed, f.Assessed, f.Assessed
		f.Mean /= float64(f.Assessed)
		t.Mean /= float64(t.Assessed)
		c.Like.Statements += f.Assessed
		fs, ts = append(fs, f), append(ts, t)
	}
	c.Like.From, c.Like.To = Overall(fs), Overall(ts)
	for _, m := range c.Measures {
		for _, sc := range m.NewlyAssessed {
			c.Like.Unmatched = append(c.Like.Unmatched, UnmatchedStatement{StatementID: sc.StatementID, MeasureKey: sc.MeasureKey, Text: sc.Text, Period: to.Period, Score: sc.To})
		}
		for _, sc := range m.NoLongerScored {
			c.Like.Unmatched = append(c.Like.Unmatched, UnmatchedStatement{StatementID: sc.StatementID, MeasureKey: sc.MeasureKey, Text: sc.Text, Period: from.Period, Score: sc.From})
		}
	}
	for _, g := range []struct {
		refs   []StatementRef
		period string
	}{{c.Added, to.Period}, {c.Retired, from.Period}} {
		for _, r := range g.refs {
			if r.Score.Assessed() {
				c.Like.Unmatched = append(c.Like.Unmatched, UnmatchedStatement{StatementID: r.StatementID, MeasureKey: r.MeasureKey, Text: r.Text, Period: g.period, Score: r.Score, NotInCriteria: true})
			}
		}
	}
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
	sm := MapStatements(from.Criteria, to.Criteria, to.Audience)
	earlier := scoresOf(from)
	var fromStats, toStats []MeasureStats
	for _, m := range toMeasures {
		mc := MeasureChange{Key: m.Key, Name: m.Name, InTo: true, To: to.Stats(m, now)}
		toStats = append(toStats, mc.To)
		if fm, ok := fromByKey[m.Key]; ok {
			mc.InFrom, mc.FromName, mc.From = true, fm.Name, from.Stats(fm, now)
			fromStats = append(fromStats, mc.From)
		}
		for _, s := range m.Statements {
			if sm.Marks[s.ID] == MarkNew {
				c.Added = append(c.Added, statementRef(to, m.Key, s))
				continue
			}
			sc := StatementChange{StatementID: s.ID, MeasureKey: m.Key, Text: s.Text, From: sm.PreviousScore(s.ID, earlier), To: to.Score(s.ID),
				Mark: sm.Marks[s.ID], FromIDs: sm.Sources[s.ID]}
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
			if _, continued := sm.Target[s.ID]; !continued {
				c.Retired = append(c.Retired, statementRef(from, m.Key, s))
			}
		}
	}
	c.OverallFrom, c.OverallTo = Overall(fromStats), Overall(toStats)
	c.likeForLike(from, to)
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

// MeanDecimals is the precision of every mean of the workbook's own scores
// wherever it is shown: the app, the command line, every report and export.
// One decimal is as fine as a mean of one-to-five judgements can honestly
// be read. The DMA's published national figures keep their own two
// decimals (BenchmarkDecimals).
const MeanDecimals = 1

// BenchmarkDecimals is the precision the DMA publishes its means with.
const BenchmarkDecimals = 2

// FormatMean writes a mean of the workbook's scores with MeanDecimals
// decimals: "2.8".
func FormatMean(v float64) string { return FormatScore(v, MeanDecimals) }

// FormatBenchmark writes a DMA published mean with BenchmarkDecimals: "2.83".
func FormatBenchmark(v float64) string { return FormatScore(v, BenchmarkDecimals) }

// MeanChange is the change from one mean to another as a reader works it
// out from the two figures FormatMean shows.
func MeanChange(from, to float64) float64 { return ShownChange(from, to, MeanDecimals) }

// FormatChange writes a change of mean with its sign and MeanDecimals
// decimals: "+0.5", "-0.3", and "0.0" for no change (never "-0.0").
func FormatChange(d float64) string {
	s := FormatMean(d)
	switch {
	case strings.Trim(s, "-0.") == "":
		return FormatMean(0)
	case !strings.HasPrefix(s, "-"):
		return "+" + s
	}
	return s
}

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
	if s := c.Like.Sentence(c.From.Period, c.To.Period); s != "" {
		sents = append(sents, s)
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
