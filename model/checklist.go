package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"wgll/criteria"
)

// Tick names one checklist element a board has marked as met: its level and
// its place (from 1) among that level's elements. Elements are named by
// place, not text, because an assessment keeps the exact criteria it was
// made with, so the places never move under it.
type Tick struct {
	Level, Element int
}

// String is "level.element", as stored: "3.2".
func (t Tick) String() string { return strconv.Itoa(t.Level) + "." + strconv.Itoa(t.Element) }

// Ticks is the set of elements ticked on one statement, in its stored
// form: "LEVEL.ELEMENT" pairs, sorted, separated by single spaces
// ("2.1 2.2 3.1"), or "" for none. It is a string so that a Response stays
// comparable with ==; build it with ParseTicks or With, never by hand.
type Ticks string

// List returns the ticks in order.
func (ts Ticks) List() []Tick {
	var out []Tick
	for _, f := range strings.Fields(string(ts)) {
		if t, ok := parseTick(f); ok {
			out = append(out, t)
		}
	}
	return out
}

// Has reports whether element e of level n is ticked.
func (ts Ticks) Has(n, e int) bool { return slices.Contains(ts.List(), Tick{n, e}) }

// With returns ts with element e of level n ticked (on) or not.
func (ts Ticks) With(n, e int, on bool) Ticks {
	list := slices.DeleteFunc(ts.List(), func(t Tick) bool { return t == Tick{n, e} })
	if on {
		list = append(list, Tick{n, e})
	}
	return joinTicks(list)
}

// joinTicks sorts list, drops duplicates and writes the stored form.
func joinTicks(list []Tick) Ticks {
	slices.SortFunc(list, func(a, b Tick) int {
		if a.Level != b.Level {
			return a.Level - b.Level
		}
		return a.Element - b.Element
	})
	list = slices.Compact(list)
	parts := make([]string, len(list))
	for i, t := range list {
		parts[i] = t.String()
	}
	return Ticks(strings.Join(parts, " "))
}

// String is the stored form.
func (ts Ticks) String() string { return string(ts) }

func parseTick(f string) (Tick, bool) {
	a, b, ok := strings.Cut(f, ".")
	n, err1 := strconv.Atoi(a)
	e, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > 99 || e < 1 || e > 99 || strings.ContainsAny(f, "+-") {
		return Tick{}, false
	}
	return Tick{n, e}, true
}

// ParseTicks reads ticks in any order, with any spacing, into the stored
// form. Duplicates are dropped; anything that is not "N.E" with both from
// 1 to 99 is an error, since the text may come from a hostile file.
func ParseTicks(s string) (Ticks, error) {
	var list []Tick
	for _, f := range strings.Fields(s) {
		t, ok := parseTick(f)
		if !ok {
			return "", fmt.Errorf("checklist tick %q is not LEVEL.ELEMENT, such as 2.1", f)
		}
		list = append(list, t)
	}
	return joinTicks(list), nil
}

// LevelMet counts the elements of level n of st's checklist that ts ticks,
// of all the level's elements. A tick for an element the level does not
// have counts for nothing.
func LevelMet(st criteria.Statement, n int, ts Ticks) (met, total int) {
	els := st.Elements(n)
	for e := range els {
		if ts.Has(n, e+1) {
			met++
		}
	}
	return met, len(els)
}

// SuggestScore is the checklist rule, the way the Digital Maturity
// Assessment and the Good Governance Institute's board maturity matrix
// score: the suggested score is the highest level whose elements, and
// every lower level's elements, are all met. A level the checklist gives
// no elements for (level 1, the floor, usually) counts as met. So a gap at
// a lower level caps the score, however much is ticked above it. top is
// the scale's highest level. ok is false when the statement has no
// checklist; the score may be NotAssessed when level 1 has elements and
// they are not all met.
func SuggestScore(st criteria.Statement, top int, ts Ticks) (s Score, ok bool) {
	if !st.HasChecklist() {
		return NotAssessed, false
	}
	best := 0
	for n := 1; n <= top; n++ {
		if met, total := LevelMet(st, n, ts); met < total {
			break
		}
		best = n
	}
	return Score(best), true
}

// NeedsReason reports whether a board's score departs from the checklist's
// suggestion in a way that must be explained: the statement has a
// checklist, the board has ticked at least one of its elements (so it is
// working from the checklist), and the score differs from the suggestion.
// The reason is kept with the response (Response.ScoreReason).
func NeedsReason(st criteria.Statement, top int, r Response) bool {
	if !r.Score.Assessed() || !ticksSome(st, r.Ticks) {
		return false
	}
	sug, ok := SuggestScore(st, top, r.Ticks)
	return ok && sug != r.Score
}

// ticksSome reports whether ts ticks any element st's checklist has.
func ticksSome(st criteria.Statement, ts Ticks) bool {
	for _, l := range st.Checklist {
		if met, _ := LevelMet(st, l.Level, ts); met > 0 {
			return true
		}
	}
	return false
}

// UnmarshalText reads ticks as ParseTicks does, refusing anything else.
func (ts *Ticks) UnmarshalText(b []byte) error {
	v, err := ParseTicks(string(b))
	if err != nil {
		return err
	}
	*ts = v
	return nil
}
