package model

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// This file is the workshop method: a board votes blind on each statement,
// every vote is revealed at once, the room discusses where it differs and
// agrees a score. The rules (the disagreement rule, the median and how an
// even count rounds, what "don't know" counts for) live here and nowhere
// else; the store records, the screens draw.

// DontKnow is the vote of a participant who cannot judge the statement. It
// is counted and shown, never scored.
const DontKnow = 0

// DisagreementRule names the rule that flags a round's votes as
// disagreeing. It is chosen when a workshop starts and stored with it, so
// the minutes say which rule was in force.
type DisagreementRule string

// The disagreement rules.
const (
	// RuleDefault is the span rule for fewer than RANDPanel voters and the
	// RAND/UCLA rule from RANDPanel voters up: a small board is better
	// served by the simpler rule, a panel-sized one by the published one.
	RuleDefault DisagreementRule = "default"
	// RuleSpan flags disagreement when the votes span two or more levels
	// (the highest minus the lowest is at least 2).
	RuleSpan DisagreementRule = "span"
	// RuleRANDUCLA is the RAND/UCLA appropriateness method's rule, on this
	// scale: disagreement when at least a third of the voters vote in the
	// lowest third of the scale and at least a third in the highest third.
	RuleRANDUCLA DisagreementRule = "rand-ucla"
)

// RANDPanel is the number of voters from which the default rule applies
// RAND/UCLA: the method was written for panels of 8 to 10.
const RANDPanel = 8

// DisagreementRules lists the rules in the order they are offered.
var DisagreementRules = []DisagreementRule{RuleDefault, RuleSpan, RuleRANDUCLA}

// Valid reports whether r is a known rule.
func (r DisagreementRule) Valid() bool {
	for _, v := range DisagreementRules {
		if v == r {
			return true
		}
	}
	return false
}

// Describe is the rule in words, as shown on screen and in the minutes.
func (r DisagreementRule) Describe() string {
	span := "the votes span two or more levels"
	rand := "at least a third of the voters score in the lowest third of the scale and at least a third in the highest (RAND/UCLA)"
	switch r {
	case RuleSpan:
		return "Disagreement when " + span + "."
	case RuleRANDUCLA:
		return "Disagreement when " + rand + "."
	}
	return fmt.Sprintf("Disagreement when %s; with %d or more voters, when %s.", span, RANDPanel, rand)
}

// MedianRounding says how the suggested score is taken from the median, on
// screen and in the minutes.
const MedianRounding = "Suggested score: the median of the last round's votes (\"don't know\" left out); " +
	"with an even count the median is halfway between the two middle votes, and a half rounds down, " +
	"because a level counts only when all of it is met."

// Tally is what a round's votes come to: the count per level, the median,
// the range, the suggested score and whether the room disagrees.
type Tally struct {
	// Counts is the number of votes per level: Counts[0] is "don't know",
	// Counts[1] to Counts[Max] the levels.
	Counts []int
	// Max is the top level of the scale.
	Max int
	// Voters is the number of votes with a level; DontKnow the number of
	// "don't know" votes. Neither counts the other.
	Voters   int
	DontKnow int
	// Median is the median level of the scored votes (0 with none).
	Median float64
	// Suggested is the median rounded as MedianRounding says (NotAssessed
	// with no scored vote).
	Suggested Score
	// Low and High are the lowest and highest levels voted.
	Low, High Score
	// Disagree is set when the rule in force flags the votes; Rule is the
	// rule that decided (RuleSpan or RuleRANDUCLA, never RuleDefault).
	Disagree bool
	Rule     DisagreementRule
}

// NewTally counts votes (each 1 to max, or DontKnow; anything else is
// ignored) under rule r on a scale whose top level is max.
func NewTally(votes []int, max int, r DisagreementRule) Tally {
	if max < 1 {
		max = 5
	}
	t := Tally{Counts: make([]int, max+1), Max: max}
	var levels []int
	for _, v := range votes {
		switch {
		case v == DontKnow:
			t.Counts[0]++
			t.DontKnow++
		case v >= 1 && v <= max:
			t.Counts[v]++
			levels = append(levels, v)
		}
	}
	t.Voters = len(levels)
	t.Rule = r.effective(t.Voters)
	if t.Voters == 0 {
		return t
	}
	sort.Ints(levels)
	t.Low, t.High = Score(levels[0]), Score(levels[len(levels)-1])
	n := len(levels)
	if n%2 == 1 {
		t.Median = float64(levels[n/2])
		t.Suggested = Score(levels[n/2])
	} else {
		a, b := levels[n/2-1], levels[n/2]
		t.Median = float64(a+b) / 2
		// (a+b)/2 in integers is the floor: a half rounds down.
		t.Suggested = Score((a + b) / 2)
	}
	switch t.Rule {
	case RuleRANDUCLA:
		lowTop, highBottom := extremeThirds(max)
		var low, high int
		for _, v := range levels {
			if v <= lowTop {
				low++
			}
			if v >= highBottom {
				high++
			}
		}
		// "At least a third": 3*count >= voters, in integers.
		t.Disagree = 3*low >= t.Voters && 3*high >= t.Voters
	default:
		t.Disagree = t.High-t.Low >= 2
	}
	return t
}

// effective is the rule that applies to a round with voters scored votes.
func (r DisagreementRule) effective(voters int) DisagreementRule {
	switch r {
	case RuleSpan, RuleRANDUCLA:
		return r
	}
	if voters >= RANDPanel {
		return RuleRANDUCLA
	}
	return RuleSpan
}

// extremeThirds returns the highest level of the scale's lowest third and
// the lowest level of its highest third: on 1 to 5, levels 1-2 and 4-5
// (the thirds of the 4-point span from 1 to 5 end at 2.33 and start at
// 3.67), as the RAND/UCLA method's 1-3 and 7-9 are on its 1 to 9 scale.
func extremeThirds(max int) (lowTop, highBottom int) {
	span := float64(max - 1)
	for l := 1; l <= max; l++ {
		if float64(l-1) <= span/3 {
			lowTop = l
		}
	}
	highBottom = max
	for l := max; l >= 1; l-- {
		if float64(max-l) <= span/3 {
			highBottom = l
		}
	}
	return lowTop, highBottom
}

// MedianText is the median as shown: "3" or "2.5", or "none".
func (t Tally) MedianText() string {
	if t.Voters == 0 {
		return "none"
	}
	if t.Median == float64(int(t.Median)) {
		return fmt.Sprintf("%d", int(t.Median))
	}
	return fmt.Sprintf("%.1f", t.Median)
}

// RangeText is the range as shown: "2 to 4", "3" or "none".
func (t Tally) RangeText() string {
	switch {
	case t.Voters == 0:
		return "none"
	case t.Low == t.High:
		return t.Low.String()
	}
	return fmt.Sprintf("%d to %d", int(t.Low), int(t.High))
}

// Verdict is the disagreement flag in words.
func (t Tally) Verdict() string {
	switch {
	case t.Voters == 0:
		return "no scored votes"
	case t.Disagree:
		return "DISAGREEMENT: discuss before agreeing (lowest and highest speak first)"
	}
	return "no disagreement"
}

// CountsText is the distribution on one line: "1:0 2:3 3:1 4:0 5:0 ?:1".
func (t Tally) CountsText() string {
	var b strings.Builder
	for l := 1; l < len(t.Counts); l++ {
		fmt.Fprintf(&b, "%d:%d ", l, t.Counts[l])
	}
	fmt.Fprintf(&b, "?:%d", t.DontKnow)
	return b.String()
}

// Workshop is one board workshop on one assessment: who facilitates, the
// rule in force, the timebox per statement and where the room is now.
type Workshop struct {
	ID           int64
	AssessmentID int64
	Facilitator  string
	Rule         DisagreementRule
	// Timebox is the time set aside per statement (0: no timebox).
	Timebox time.Duration
	// NamedReveal shows names beside votes after the reveal; off by
	// default, so that a vote is the voter's alone.
	NamedReveal bool
	StartedAt   time.Time
	// EndedAt is zero while the workshop is open.
	EndedAt time.Time
	// StatementID is the statement the room is on.
	StatementID string
}

// WorkshopOptions are chosen when a workshop starts.
type WorkshopOptions struct {
	// Rule is the disagreement rule ("" means RuleDefault).
	Rule DisagreementRule
	// Timebox is the time per statement (0: none).
	Timebox time.Duration
	// NamedReveal shows names beside votes after the reveal.
	NamedReveal bool
}

// Open reports whether the workshop has not been ended.
func (w Workshop) Open() bool { return w.EndedAt.IsZero() }

// Participant is someone who joined a workshop to vote.
type Participant struct {
	Name     string
	JoinedAt time.Time
}

// Vote is one participant's blind vote in one round: a level, or DontKnow.
type Vote struct {
	StatementID string
	Round       int
	Participant string
	Level       int
	Reason      string
	CastAt      time.Time
}

// Hidden is the Level of a vote whose value a viewer may not see yet.
const Hidden = -1

// LevelText is the vote as written: "3", "don't know" or "hidden".
func (v Vote) LevelText() string {
	switch {
	case v.Level == Hidden:
		return "hidden"
	case v.Level == DontKnow:
		return "don't know"
	}
	return fmt.Sprintf("%d", v.Level)
}

// Round is one round of votes on one statement.
type Round struct {
	StatementID string
	Number      int
	OpenedAt    time.Time
	// RevealedAt is zero until the facilitator reveals the votes.
	RevealedAt time.Time
	Votes      []Vote
	withheld   int
}

// Withheld is how many votes Minutes held back from a round not yet
// revealed; its Votes are then empty.
func (r Round) Withheld() int { return r.withheld }

// Revealed reports whether the round's votes have been revealed.
func (r Round) Revealed() bool { return !r.RevealedAt.IsZero() }

// Levels are the round's votes' levels, for NewTally.
func (r Round) Levels() []int {
	out := make([]int, 0, len(r.Votes))
	for _, v := range r.Votes {
		out = append(out, v.Level)
	}
	return out
}

// Agreement is the score a workshop agreed for a statement, and how.
type Agreement struct {
	WorkshopID  int64
	StatementID string
	Score       Score
	// Round is the round whose votes it was agreed from, and Tally what
	// they came to (stored with it, so a later recount cannot change it).
	Round int
	Tally Tally
	// Suggested reports whether the score is the suggested one rather than
	// a level the facilitator chose.
	Suggested bool
	AgreedBy  string
	// Voters are those who voted in the round agreed from.
	Voters   []string
	Dissent  string
	AgreedAt time.Time
}

// Standing reports whether the statement's score is still the one agreed:
// an undo or a later edit may have changed it since.
func (ag Agreement) Standing(current Score) bool { return ag.Score == current }

// HowAgreed is one line saying how the score was agreed: "Agreed 3 in
// workshop 2 on 1 Dec 2026, round 2 of votes (median 3, range 2 to 4, 5
// voted, 1 don't know); dissent minuted".
func (ag Agreement) HowAgreed() string {
	how := fmt.Sprintf("Agreed %d in workshop %d on %s, from round %d (median %s, range %s, %d scored",
		int(ag.Score), ag.WorkshopID, ag.AgreedAt.Local().Format("2 Jan 2006"), ag.Round, ag.Tally.MedianText(), ag.Tally.RangeText(), ag.Tally.Voters)
	if ag.Tally.DontKnow > 0 {
		how += fmt.Sprintf(", %d don't know", ag.Tally.DontKnow)
	}
	how += ")"
	if !ag.Suggested {
		how += "; the facilitator chose it over the median"
	}
	if ag.Tally.Disagree {
		how += "; the votes disagreed"
	}
	return how
}

// WorkshopAction is an action captured in a workshop's measure summary.
type WorkshopAction struct {
	Action
	MeasureKey string
}

// Snapshot is a workshop as one screen sees it at one moment: where the
// room is, who is there, the current round and what has been agreed.
type Snapshot struct {
	Workshop     Workshop
	Participants []Participant
	// Round is the current round of the current statement.
	Round Round
	// Earlier are the current statement's earlier rounds, oldest first.
	Earlier []Round
	// StatementOpenedAt is when the room first came to the statement: the
	// timer counts from it.
	StatementOpenedAt time.Time
	// Agreements are this workshop's agreements by statement id (the
	// latest for each).
	Agreements map[string]Agreement
}

// Voted lists who has voted in the current round, in name order.
func (s Snapshot) Voted() []string {
	out := make([]string, 0, len(s.Round.Votes))
	for _, v := range s.Round.Votes {
		out = append(out, v.Participant)
	}
	sort.Strings(out)
	return out
}

// VoteOf is name's vote in the current round, if any.
func (s Snapshot) VoteOf(name string) (Vote, bool) {
	for _, v := range s.Round.Votes {
		if v.Participant == name {
			return v, true
		}
	}
	return Vote{}, false
}

// Blind returns the snapshot as viewer may see it: before the reveal every
// other participant's vote keeps only its name (level Hidden, no reason),
// and after it reasons stay hidden from everyone but their author. viewer
// "" is the projector, which sees no vote's value before the reveal and no
// reason ever. Earlier rounds are revealed by definition but keep their
// reasons hidden the same way. The screens draw from a blind snapshot, so
// nothing they draw can leak a vote.
func (s Snapshot) Blind(viewer string) Snapshot {
	out := s
	out.Round.Votes = blindVotes(s.Round.Votes, viewer, s.Round.Revealed())
	out.Earlier = make([]Round, len(s.Earlier))
	for i, r := range s.Earlier {
		out.Earlier[i] = r
		out.Earlier[i].Votes = blindVotes(r.Votes, viewer, r.Revealed())
	}
	return out
}

func blindVotes(votes []Vote, viewer string, revealed bool) []Vote {
	out := make([]Vote, len(votes))
	for i, v := range votes {
		if viewer != "" && v.Participant == viewer {
			out[i] = v
			continue
		}
		out[i] = Vote{StatementID: v.StatementID, Round: v.Round, Participant: v.Participant, Level: v.Level, CastAt: v.CastAt}
		if !revealed {
			out[i].Level = Hidden
		}
	}
	return out
}

// Elapsed is how long the room has been on the current statement at now.
func (s Snapshot) Elapsed(now time.Time) time.Duration {
	if s.StatementOpenedAt.IsZero() {
		return 0
	}
	d := now.Sub(s.StatementOpenedAt)
	if d < 0 {
		return 0
	}
	return d
}

// TimerText is the statement's timer in words: "2:05 of 5:00", "OVER TIME
// by 0:40", or just "2:05" with no timebox. It stays short: it shares the
// top line with the organisation's name.
func TimerText(elapsed, timebox time.Duration) string {
	clock := func(d time.Duration) string {
		d = d.Truncate(time.Second)
		return fmt.Sprintf("%d:%02d", int(d/time.Minute), int(d%time.Minute/time.Second))
	}
	switch {
	case timebox <= 0:
		return clock(elapsed)
	case elapsed > timebox:
		return "OVER TIME by " + clock(elapsed-timebox)
	}
	return clock(elapsed) + " of " + clock(timebox)
}

// WorkshopRecord is the minutes of a workshop: everything said by vote,
// per statement, in the order the room took them.
type WorkshopRecord struct {
	Workshop     Workshop
	Organisation string
	Period       string
	Participants []Participant
	Statements   []StatementRecord
}

// Minutes is the record as the minutes print it: while the workshop is
// open, a round not yet revealed keeps only how many votes were cast, so
// that running 'wgll workshop record' during the meeting shows no vote
// before its reveal. Once the workshop has ended everything is shown,
// including rounds left unrevealed.
func (rec WorkshopRecord) Minutes() WorkshopRecord {
	if !rec.Workshop.Open() {
		return rec
	}
	out := rec
	out.Statements = make([]StatementRecord, len(rec.Statements))
	for i, s := range rec.Statements {
		out.Statements[i] = s
		out.Statements[i].Rounds = append([]Round(nil), s.Rounds...)
		out.Statements[i].Tallies = append([]Tally(nil), s.Tallies...)
		for j, r := range s.Rounds {
			if r.Revealed() {
				continue
			}
			out.Statements[i].Rounds[j].withheld = len(r.Votes)
			out.Statements[i].Rounds[j].Votes = nil
			out.Statements[i].Tallies[j] = NewTally(nil, s.Tallies[j].Max, rec.Workshop.Rule)
		}
	}
	return out
}

// StatementRecord is one statement's part of the minutes.
type StatementRecord struct {
	StatementID string
	Text        string
	MeasureKey  string
	Rounds      []Round
	// Tallies is each round's tally, in step with Rounds.
	Tallies   []Tally
	Agreement *Agreement
	Actions   []Action
}

// MeasureSummary is what the room sees when the last statement of a
// measure has been agreed.
type MeasureSummary struct {
	MeasureKey string
	// Agreed is the agreed score per statement id, in the measure's order.
	Agreed []Agreement
	// Widest are the statements whose final round spread the most, widest
	// first (up to three, only those that spread at all).
	Widest []Agreement
}

// SummariseMeasure builds the summary of a measure from its agreements, in
// statement order.
func SummariseMeasure(key string, agreed []Agreement) MeasureSummary {
	ms := MeasureSummary{MeasureKey: key, Agreed: agreed}
	w := append([]Agreement(nil), agreed...)
	sort.SliceStable(w, func(i, j int) bool {
		return w[i].Tally.High-w[i].Tally.Low > w[j].Tally.High-w[j].Tally.Low
	})
	for _, a := range w {
		if len(ms.Widest) == 3 || a.Tally.Voters == 0 || a.Tally.High == a.Tally.Low {
			break
		}
		ms.Widest = append(ms.Widest, a)
	}
	return ms
}

// WorkshopListing is one line of the list of a workbook's workshops.
type WorkshopListing struct {
	Workshop
	Organisation string
	Period       string
	Participants int
	Agreed       int
}
