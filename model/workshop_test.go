package model

import (
	"strings"
	"testing"
	"time"
)

func TestTallyMedianAndRounding(t *testing.T) {
	tests := []struct {
		name      string
		votes     []int
		median    float64
		suggested Score
		low, high Score
		voters    int
		dontKnow  int
	}{
		{"none", nil, 0, NotAssessed, 0, 0, 0, 0},
		{"only don't know", []int{0, 0}, 0, NotAssessed, 0, 0, 0, 2},
		{"one", []int{4}, 4, 4, 4, 4, 1, 0},
		{"odd", []int{1, 3, 2, 5, 3}, 3, 3, 1, 5, 5, 0},
		{"even, same middle", []int{2, 3, 3, 4}, 3, 3, 2, 4, 4, 0},
		{"even, a half rounds down", []int{2, 2, 3, 3}, 2.5, 2, 2, 3, 4, 0},
		{"even, a half rounds down high", []int{4, 5}, 4.5, 4, 4, 5, 2, 0},
		{"even, tie at the extremes", []int{1, 1, 5, 5}, 3, 3, 1, 5, 4, 0},
		{"don't know is never scored", []int{0, 0, 0, 5}, 5, 5, 5, 5, 1, 3},
		{"don't know does not shift the median", []int{1, 2, 0, 0, 0}, 1.5, 1, 1, 2, 2, 3},
		{"out of scale ignored", []int{7, -1, 3}, 3, 3, 3, 3, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewTally(tt.votes, 5, RuleDefault)
			if got.Median != tt.median || got.Suggested != tt.suggested || got.Low != tt.low || got.High != tt.high || got.Voters != tt.voters || got.DontKnow != tt.dontKnow {
				t.Errorf("NewTally(%v) = median %v suggested %v range %v-%v voters %d dk %d; want %v %v %v-%v %d %d",
					tt.votes, got.Median, got.Suggested, got.Low, got.High, got.Voters, got.DontKnow,
					tt.median, tt.suggested, tt.low, tt.high, tt.voters, tt.dontKnow)
			}
			sum := 0
			for _, c := range got.Counts {
				sum += c
			}
			if sum != tt.voters+tt.dontKnow {
				t.Errorf("counts %v add to %d, want %d", got.Counts, sum, tt.voters+tt.dontKnow)
			}
		})
	}
}

func TestTallyCounts(t *testing.T) {
	got := NewTally([]int{3, 3, 0, 5, 1}, 5, RuleDefault)
	want := []int{1, 1, 0, 2, 0, 1}
	for i := range want {
		if got.Counts[i] != want[i] {
			t.Fatalf("counts = %v, want %v", got.Counts, want)
		}
	}
	if s := got.CountsText(); s != "1:1 2:0 3:2 4:0 5:1 ?:1" {
		t.Errorf("CountsText = %q", s)
	}
}

func TestDisagreementRule(t *testing.T) {
	tests := []struct {
		name     string
		votes    []int
		rule     DisagreementRule
		disagree bool
		used     DisagreementRule
	}{
		{"all the same", []int{3, 3, 3}, RuleDefault, false, RuleSpan},
		{"span of one agrees", []int{2, 3, 3, 2}, RuleDefault, false, RuleSpan},
		{"span of two disagrees", []int{2, 3, 4}, RuleDefault, true, RuleSpan},
		{"one outlier is enough for the span rule", []int{3, 3, 3, 3, 3, 1}, RuleDefault, true, RuleSpan},
		{"don't know does not widen the span", []int{3, 0, 4, 0}, RuleDefault, false, RuleSpan},
		{"seven voters still use the span rule", []int{1, 3, 3, 3, 3, 3, 3}, RuleDefault, true, RuleSpan},
		// Eight or more: RAND/UCLA. Levels 1-2 are the lowest third, 4-5 the highest.
		{"eight: one outlier is not disagreement", []int{1, 3, 3, 3, 3, 3, 3, 3}, RuleDefault, false, RuleRANDUCLA},
		{"eight: three low and three high", []int{1, 2, 2, 3, 3, 4, 5, 5}, RuleDefault, true, RuleRANDUCLA},
		{"eight: three low and two high", []int{1, 2, 2, 3, 3, 3, 5, 5}, RuleDefault, false, RuleRANDUCLA},
		{"nine: exactly a third each end", []int{1, 1, 2, 3, 3, 3, 4, 4, 5}, RuleDefault, true, RuleRANDUCLA},
		{"ten: three each end is under a third", []int{1, 1, 2, 3, 3, 3, 3, 4, 4, 5}, RuleDefault, false, RuleRANDUCLA},
		{"eight scored plus don't know", []int{1, 1, 1, 3, 3, 5, 5, 5, 0, 0}, RuleDefault, true, RuleRANDUCLA},
		{"seven scored plus don't know stays span", []int{3, 3, 3, 3, 3, 3, 4, 0, 0}, RuleDefault, false, RuleSpan},
		{"forced span on a big panel", []int{1, 3, 3, 3, 3, 3, 3, 3}, RuleSpan, true, RuleSpan},
		{"forced RAND/UCLA on a small board", []int{1, 5, 3}, RuleRANDUCLA, true, RuleRANDUCLA},
		{"forced RAND/UCLA small, one end only", []int{1, 2, 3}, RuleRANDUCLA, false, RuleRANDUCLA},
		{"no votes", nil, RuleDefault, false, RuleSpan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewTally(tt.votes, 5, tt.rule)
			if got.Disagree != tt.disagree || got.Rule != tt.used {
				t.Errorf("NewTally(%v, %s): disagree %v by %s, want %v by %s", tt.votes, tt.rule, got.Disagree, got.Rule, tt.disagree, tt.used)
			}
			if tt.disagree && !strings.HasPrefix(got.Verdict(), "DISAGREEMENT") {
				t.Errorf("verdict %q does not say disagreement", got.Verdict())
			}
		})
	}
}

func TestExtremeThirds(t *testing.T) {
	for _, tt := range []struct{ max, low, high int }{{5, 2, 4}, {9, 3, 7}, {4, 2, 3}, {3, 1, 3}} {
		l, h := extremeThirds(tt.max)
		if l != tt.low || h != tt.high {
			t.Errorf("extremeThirds(%d) = %d, %d; want %d, %d", tt.max, l, h, tt.low, tt.high)
		}
	}
}

func TestRuleDescribeAndValid(t *testing.T) {
	for _, r := range DisagreementRules {
		if !r.Valid() || r.Describe() == "" {
			t.Errorf("rule %q: valid %v, describe %q", r, r.Valid(), r.Describe())
		}
	}
	if DisagreementRule("majority").Valid() {
		t.Error("an unknown rule is valid")
	}
	if d := RuleDefault.Describe(); !strings.Contains(d, "two or more levels") || !strings.Contains(d, "8 or more") {
		t.Errorf("default rule described as %q", d)
	}
}

func TestTallyTexts(t *testing.T) {
	tl := NewTally([]int{2, 3}, 5, RuleDefault)
	if tl.MedianText() != "2.5" || tl.RangeText() != "2 to 3" {
		t.Errorf("median %q range %q", tl.MedianText(), tl.RangeText())
	}
	tl = NewTally([]int{4}, 5, RuleDefault)
	if tl.MedianText() != "4" || tl.RangeText() != "4" || tl.Verdict() != "no disagreement" {
		t.Errorf("median %q range %q verdict %q", tl.MedianText(), tl.RangeText(), tl.Verdict())
	}
	tl = NewTally([]int{0}, 5, RuleDefault)
	if tl.MedianText() != "none" || tl.RangeText() != "none" || tl.Verdict() != "no scored votes" {
		t.Errorf("median %q range %q verdict %q", tl.MedianText(), tl.RangeText(), tl.Verdict())
	}
}

func TestBlindHidesOthersVotesBeforeReveal(t *testing.T) {
	s := Snapshot{Round: Round{StatementID: "WL-O1", Number: 1, Votes: []Vote{
		{Participant: "ann", Level: 4, Reason: "we have a strategy"},
		{Participant: "bob", Level: 2, Reason: "not funded"},
	}}}
	b := s.Blind("ann")
	if v, _ := b.VoteOf("ann"); v.Level != 4 || v.Reason != "we have a strategy" {
		t.Errorf("own vote = %+v", v)
	}
	if v, _ := b.VoteOf("bob"); v.Level != Hidden || v.Reason != "" || v.LevelText() != "hidden" {
		t.Errorf("other's vote before reveal = %+v", v)
	}
	if v, _ := s.VoteOf("bob"); v.Level != 2 {
		t.Error("Blind changed the original snapshot")
	}
	p := s.Blind("")
	for _, v := range p.Round.Votes {
		if v.Level != Hidden || v.Reason != "" {
			t.Errorf("projector sees %+v before reveal", v)
		}
	}
	if got := p.Voted(); len(got) != 2 || got[0] != "ann" || got[1] != "bob" {
		t.Errorf("voted = %v", got)
	}
	s.Round.RevealedAt = time.Unix(1, 0)
	s.Earlier = []Round{{Number: 0, RevealedAt: time.Unix(1, 0), Votes: []Vote{{Participant: "bob", Level: 1, Reason: "secret"}}}}
	p = s.Blind("")
	for _, v := range p.Round.Votes {
		if v.Level == Hidden || v.Reason != "" {
			t.Errorf("projector after reveal sees %+v, want level without reason", v)
		}
	}
	if p.Earlier[0].Votes[0].Reason != "" || s.Earlier[0].Votes[0].Reason != "secret" {
		t.Error("earlier rounds' reasons not blinded, or the original changed")
	}
}

func TestTimerText(t *testing.T) {
	tests := []struct {
		elapsed, box time.Duration
		want         string
	}{
		{125 * time.Second, 5 * time.Minute, "2:05 of 5:00"},
		{5 * time.Minute, 5 * time.Minute, "5:00 of 5:00"},
		{5*time.Minute + 40*time.Second, 5 * time.Minute, "OVER TIME by 0:40"},
		{61*time.Second + 900*time.Millisecond, 0, "1:01"},
	}
	for _, tt := range tests {
		if got := TimerText(tt.elapsed, tt.box); got != tt.want {
			t.Errorf("TimerText(%v, %v) = %q, want %q", tt.elapsed, tt.box, got, tt.want)
		}
	}
}

func TestSummariseMeasure(t *testing.T) {
	ag := func(id string, votes ...int) Agreement {
		tl := NewTally(votes, 5, RuleDefault)
		return Agreement{StatementID: id, Score: tl.Suggested, Tally: tl}
	}
	s := SummariseMeasure("well-led", []Agreement{ag("A", 3, 3), ag("B", 1, 5), ag("C", 2, 4), ag("D", 2, 3), ag("E", 0)})
	if len(s.Agreed) != 5 {
		t.Fatalf("agreed = %d", len(s.Agreed))
	}
	var ids []string
	for _, a := range s.Widest {
		ids = append(ids, a.StatementID)
	}
	if strings.Join(ids, ",") != "B,C,D" {
		t.Errorf("widest = %v, want B,C,D", ids)
	}
}

func TestMinutesWithholdUnrevealedRounds(t *testing.T) {
	rec := WorkshopRecord{Workshop: Workshop{ID: 1}, Statements: []StatementRecord{{StatementID: "A",
		Rounds: []Round{
			{Number: 1, RevealedAt: time.Unix(1, 0), Votes: []Vote{{Participant: "ann", Level: 2}}},
			{Number: 2, Votes: []Vote{{Participant: "ann", Level: 5}, {Participant: "bob", Level: 4}}},
		},
		Tallies: []Tally{NewTally([]int{2}, 5, RuleDefault), NewTally([]int{5, 4}, 5, RuleDefault)}}}}
	m := rec.Minutes()
	r := m.Statements[0]
	if len(r.Rounds[0].Votes) != 1 || r.Rounds[1].Votes != nil || r.Rounds[1].Withheld() != 2 || r.Tallies[1].Voters != 0 || r.Tallies[0].Voters != 1 {
		t.Errorf("minutes of an open workshop = %+v", r)
	}
	if len(rec.Statements[0].Rounds[1].Votes) != 2 {
		t.Error("Minutes changed the record it was given")
	}
	rec.Workshop.EndedAt = time.Unix(2, 0)
	if m := rec.Minutes(); len(m.Statements[0].Rounds[1].Votes) != 2 {
		t.Error("the minutes of an ended workshop withhold votes")
	}
}
