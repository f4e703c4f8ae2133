package criteria

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// MaxLevels is the most levels a scale may have: the keys 1 to 9 enter a
// score, so a tenth level could not be typed.
const MaxLevels = 9

// MaxIDLength is the longest statement id or measure key allowed.
const MaxIDLength = 64

// Validate checks criteria built in code by the same rules Parse applies to
// a file. Problems come back as a *ValidationError without line numbers.
func (c *Criteria) Validate() error {
	return newValidationError(validate(c, "", nil, nil))
}

// validator applies the rules that do not depend on the TOML form: required
// fields, id formats, duplicates, audiences and the shape of the scale.
type validator struct {
	file     string
	ix       *lineIndex
	bad      map[place]bool
	problems []Problem
	// top is the highest level of a well-formed scale, or 0 when the
	// scale has problems of its own (checklist levels are then not
	// checked against it).
	top int
}

func validate(c *Criteria, file string, ix *lineIndex, bad map[place]bool) []Problem {
	v := &validator{file: file, ix: ix, bad: bad}
	v.framework(c.Framework)
	if !v.bad[place{kind: inTop, key: "scale"}] {
		v.scale(c.Scale)
	}
	if !v.bad[place{kind: inTop, key: "measure"}] {
		v.measures(c.Measures)
	}
	if !v.bad[place{kind: inTop, key: "mapping"}] {
		v.mapping(c)
	}
	return v.problems
}

func (v *validator) add(p place, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.file, Line: v.ix.line(p), Msg: fmt.Sprintf(format, args...)})
}

// firstAt says where the first of two duplicates is, when lines are known.
func (v *validator) firstAt(p place) string {
	if n := v.ix.line(p); n > 0 {
		return fmt.Sprintf(" (first at line %d)", n)
	}
	return ""
}

func (v *validator) framework(f Framework) {
	if v.bad[place{kind: inTop, key: "framework"}] {
		return
	}
	at := func(k string) place { return place{kind: inFramework, key: k} }
	if strings.TrimSpace(f.Name) == "" && !v.bad[at("name")] {
		v.add(at("name"), "framework: name is empty; write the framework's title, such as name = \"What Good Looks Like\"")
	}
	v.text(at("name"), "framework", f.Name, false)
	v.text(at("version"), "framework", f.Version, false)
	v.text(at("note"), "framework", f.Note, true)
	v.text(at("not_assessed"), "framework", f.NotAssessed, false)
}

func (v *validator) scale(levels []Level) {
	switch n := len(levels); {
	case n == 0:
		v.add(place{kind: inTop, key: "scale"}, "there is no scale; add [[scale]] tables numbered from level = 1, each with level, label and descriptor")
		return
	case n == 1:
		v.add(place{kind: inScale, i: 0}, "the scale has only 1 level; add [[scale]] tables so that it has at least 2, numbered from 1")
	case n > MaxLevels:
		v.add(place{kind: inScale, i: MaxLevels}, "the scale has %d levels; remove some so that it has at most %d (the keys 1 to %d enter a score)", n, MaxLevels, MaxLevels)
	}
	first := map[int]int{} // level -> index of its first entry
	levelsOK := true
	for i, l := range levels {
		at := func(k string) place { return place{kind: inScale, i: i, key: k} }
		what := levelWhat(i, l.Level)
		switch {
		case v.bad[at("level")]:
			levelsOK = false
		case l.Level == 0:
			levelsOK = false
			v.add(at("level"), "%s: level is missing; add level = %d (levels are numbered from 1)", what, i+1)
		case l.Level < 1 || l.Level > MaxLevels:
			levelsOK = false
			v.add(at("level"), "%s: level %d is out of range; number the levels from 1 up to at most %d", what, l.Level, MaxLevels)
		default:
			if f, dup := first[l.Level]; dup {
				v.add(at("level"), "scale level %d is used twice%s; number the levels 1, 2, 3 and so on, once each", l.Level, v.firstAt(place{kind: inScale, i: f, key: "level"}))
			} else {
				first[l.Level] = i
			}
		}
		if strings.TrimSpace(l.Label) == "" && !v.bad[at("label")] {
			v.add(at("label"), "%s: label is empty; write a short name for the level, such as label = \"Developing\"", what)
		}
		if strings.TrimSpace(l.Descriptor) == "" && !v.bad[at("descriptor")] {
			v.add(at("descriptor"), "%s: descriptor is empty; write one line saying what must be true to score this level", what)
		}
		v.text(at("label"), what, l.Label, false)
		v.text(at("descriptor"), what, l.Descriptor, true)
	}
	if !levelsOK {
		return // gaps would only repeat the problems above
	}
	top := 0
	for l := range first {
		top = max(top, l)
	}
	if len(first) == top && len(levels) <= MaxLevels {
		v.top = top
	}
	for n := 1; n < top; n++ {
		if _, ok := first[n]; ok {
			continue
		}
		// Report the gap at the entry for the next level that exists.
		next := n + 1
		for ; next <= top; next++ {
			if _, ok := first[next]; ok {
				break
			}
		}
		v.add(place{kind: inScale, i: first[next], key: "level"}, "scale level %d is missing: levels must run 1, 2, 3 and so on with no gaps; add a [[scale]] with level = %d or renumber the levels", n, n)
	}
}

func (v *validator) measures(ms []Measure) {
	if len(ms) == 0 {
		v.add(place{kind: inTop, key: "measure"}, "there are no measures; add at least one [[measure]] table with key and name, followed by its [[measure.statement]] tables")
		return
	}
	keys := map[string]int{}   // measure key -> index
	ids := map[string][2]int{} // statement id -> measure and statement index
	for i, m := range ms {
		at := func(k string) place { return place{kind: inMeasure, i: i, key: k} }
		what := measureWhat(i, m.Key)
		if !v.bad[at("key")] {
			if reason := idProblem(m.Key); m.Key == "" {
				v.add(at("key"), "%s: key is missing; add a stable key such as key = \"well-led\"", what)
			} else if reason != "" {
				v.add(at("key"), "%s: key %q %s; %s", measureWhat(i, ""), m.Key, reason, idRule)
			} else if f, dup := keys[m.Key]; dup {
				v.add(at("key"), "measure key %q is used twice%s; give each measure its own key", m.Key, v.firstAt(place{kind: inMeasure, i: f, key: "key"}))
			} else {
				keys[m.Key] = i
			}
		}
		if strings.TrimSpace(m.Name) == "" && !v.bad[at("name")] {
			v.add(at("name"), "%s: name is empty; write the name a board will see, such as name = \"Well led\"", what)
		}
		v.text(at("name"), what, m.Name, false)
		v.text(at("success_measure"), what, m.SuccessMeasure, true)
		for k, fn := range m.FormerNames {
			if strings.TrimSpace(fn) == "" {
				v.add(at("former_names"), "%s: former_names entry %d is empty; remove it or write the earlier name", what, k+1)
			}
			v.text(at("former_names"), what, fn, false)
		}
		if len(m.Statements) == 0 && !v.bad[at("statement")] {
			v.add(at("statement"), "%s has no statements; add at least one [[measure.statement]] after it, with id, audience and text", what)
		}
		for j, s := range m.Statements {
			v.statement(i, j, what, s, ids)
		}
	}
}

func (v *validator) statement(i, j int, measure string, s Statement, ids map[string][2]int) {
	at := func(k string) place { return place{kind: inStatement, i: i, j: j, key: k} }
	what := statementWhat(j, measure, s.ID)
	if !v.bad[at("id")] {
		if reason := idProblem(s.ID); s.ID == "" {
			v.add(at("id"), "%s: id is missing; add a stable id such as id = \"WL-O1\"", what)
		} else if reason != "" {
			v.add(at("id"), "%s: id %q %s; %s", statementWhat(j, measure, ""), s.ID, reason, idRule)
		} else if f, dup := ids[s.ID]; dup {
			v.add(at("id"), "statement id %s is used twice%s; give each statement its own id", s.ID, v.firstAt(place{kind: inStatement, i: f[0], j: f[1], key: "id"}))
		} else {
			ids[s.ID] = [2]int{i, j}
		}
	}
	if !v.bad[at("audience")] {
		switch {
		case s.Audience == "":
			v.add(at("audience"), "%s: audience is missing; add audience = \"organisation\" or audience = \"ics\"", what)
		case !s.Audience.Valid():
			v.add(at("audience"), "%s: audience %q is not known; use \"organisation\" or \"ics\"", what, string(s.Audience))
		}
	}
	if strings.TrimSpace(s.Text) == "" && !v.bad[at("text")] {
		v.add(at("text"), "%s: text is empty; write the statement a board will score", what)
	}
	v.text(at("text"), what, s.Text, true)
	v.text(at("guidance"), what, s.Guidance, true)
	v.text(at("source"), what, s.Source, false)
	if !v.bad[at("resource")] {
		for k, r := range s.Resources {
			v.resource(place{kind: inResource, i: i, j: j, k: k}, resourceWhat(k, what), r)
		}
	}
	if !v.bad[at("level")] {
		v.checklist(i, j, what, s.Checklist)
	}
}

// kindNames lists the resource kinds for messages.
func kindNames() string {
	names := make([]string, len(ResourceKinds))
	for i, k := range ResourceKinds {
		names[i] = fmt.Sprintf("%q", string(k))
	}
	return joinKeys(names)
}

func (v *validator) resource(p place, what string, r Resource) {
	at := func(k string) place { q := p; q.key = k; return q }
	if strings.TrimSpace(r.Title) == "" && !v.bad[at("title")] {
		v.add(at("title"), "%s: title is empty; write the resource's title as its publisher gives it", what)
	}
	if !v.bad[at("kind")] {
		switch {
		case r.Kind == "":
			v.add(at("kind"), "%s: kind is missing; add kind = one of %s", what, kindNames())
		case !r.Kind.Valid():
			v.add(at("kind"), "%s: kind %q is not known; use one of %s", what, string(r.Kind), kindNames())
		}
	}
	if !v.bad[at("url")] {
		if msg := urlProblem(r.URL); msg != "" {
			v.add(at("url"), "%s: %s", what, msg)
		}
	}
	v.text(at("title"), what, r.Title, false)
	v.text(at("note"), what, r.Note, false)
}

// urlProblem says what is wrong with a resource's web address, or "" when
// it is a plain http or https address. Anything else (a file path, a
// javascript: link, an address with spaces) could not be opened safely.
func urlProblem(raw string) string {
	const fix = "write the full public address, starting https://"
	if strings.TrimSpace(raw) == "" {
		return "url is empty; " + fix
	}
	for _, r := range raw {
		if r <= ' ' || r == 0x7f || badRune(r) || r == '"' || r == '<' || r == '>' || r == '\\' {
			return fmt.Sprintf("url %q contains a space or the character %U; %s", raw, r, fix)
		}
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Sprintf("url %q is not a web address; %s", raw, fix)
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Sprintf("url %q does not start with https:// or http://; %s", raw, fix)
	case u.Host == "" || u.User != nil || !strings.Contains(u.Hostname(), "."):
		return fmt.Sprintf("url %q has no public host name; %s", raw, fix)
	}
	return ""
}

// checklist checks a statement's level elements: each level on the scale
// and listed once, each with at least one non-empty element, and no level
// from 2 up to the top left out. Level 1 may be left out: it is the floor,
// met by anything.
func (v *validator) checklist(i, j int, statement string, levels []LevelElements) {
	if len(levels) == 0 {
		return
	}
	first := map[int]int{}
	levelsOK := true
	for k, l := range levels {
		at := func(key string) place { return place{kind: inChecklist, i: i, j: j, k: k, key: key} }
		what := checklistWhat(k, l.Level, statement)
		switch {
		case v.bad[at("level")]:
			levelsOK = false
		case l.Level == 0:
			levelsOK = false
			v.add(at("level"), "%s: level is missing or 0; add level = N for a level of the scale, from 1 up", what)
		case l.Level < 1 || (v.top > 0 && l.Level > v.top):
			levelsOK = false
			if v.top > 0 {
				v.add(at("level"), "%s: checklist level %d is outside the scale; use a level from 1 to %d", statement, l.Level, v.top)
			} else {
				v.add(at("level"), "%s: checklist level %d is outside the scale; use a level the [[scale]] defines", statement, l.Level)
			}
		default:
			if f, dup := first[l.Level]; dup {
				v.add(at("level"), "%s: checklist level %d is listed twice%s; put all of a level's elements in one [[measure.statement.level]]", statement, l.Level, v.firstAt(place{kind: inChecklist, i: i, j: j, k: f, key: "level"}))
			} else {
				first[l.Level] = k
			}
		}
		if !v.bad[at("elements")] {
			if len(l.Elements) == 0 {
				v.add(at("elements"), "%s has no elements; list what must be met, such as elements = [\"A named lead\", \"An agreed plan\"]", what)
			}
			for n, e := range l.Elements {
				if strings.TrimSpace(e) == "" {
					v.add(at("elements"), "%s: element %d is empty; write what must be met, or remove it", what, n+1)
				}
				v.text(at("elements"), what, e, false)
			}
		}
	}
	if !levelsOK || v.top == 0 {
		return
	}
	for n := 2; n <= v.top; n++ {
		if _, ok := first[n]; !ok {
			v.add(place{kind: inStatement, i: i, j: j, key: "level"}, "%s: the checklist has no level %d; give elements for every level from 2 to %d (level 1 may be left out), or no checklist at all", statement, n, v.top)
		}
	}
}

// mapping checks the [[mapping]] entries: each names an earlier id once,
// says how it continues, and points at a statement of this file.
func (v *validator) mapping(c *Criteria) {
	fw := place{kind: inFramework, key: "maps_from"}
	if len(c.Mapping) > 0 && strings.TrimSpace(c.Framework.MapsFrom) == "" && !v.bad[fw] {
		v.add(place{kind: inMapping, i: 0}, "there are [[mapping]] entries but [framework] has no maps_from; add maps_from = \"VERSION\", the version of the framework whose ids the entries name")
	}
	v.text(fw, "framework", c.Framework.MapsFrom, false)
	ids := map[string]bool{}
	for _, m := range c.Measures {
		for _, s := range m.Statements {
			ids[s.ID] = true
		}
	}
	seen := map[string]int{}
	for i, e := range c.Mapping {
		at := func(k string) place { return place{kind: inMapping, i: i, key: k} }
		what := fmt.Sprintf("mapping %d", i+1)
		if !v.bad[at("from")] {
			switch reason := idProblem(e.From); {
			case e.From == "":
				v.add(at("from"), "%s: from is missing; add from = \"ID\", the earlier framework's statement id", what)
			case reason != "":
				v.add(at("from"), "%s: from %q %s; %s", what, e.From, reason, idRule)
			default:
				if f, dup := seen[e.From]; dup {
					v.add(at("from"), "%s: %s is mapped twice%s; map each earlier statement once", what, e.From, v.firstAt(place{kind: inMapping, i: f, key: "from"}))
				} else {
					seen[e.From] = i
				}
			}
		}
		if v.bad[at("change")] {
			continue
		}
		switch e.Change {
		case Comparable, Reworded:
			switch {
			case v.bad[at("to")]:
			case e.To == "":
				v.add(at("to"), "%s: to is missing; add to = \"ID\", the statement of this file that continues %s, or say change = \"retired\"", what, e.From)
			case !ids[e.To]:
				v.add(at("to"), "%s: to = %q is not a statement id in this file; check the spelling, or say change = \"retired\"", what, e.To)
			}
		case Retired:
			if e.To != "" && !v.bad[at("to")] {
				v.add(at("to"), "%s: a retired statement maps to nothing; remove to = %q or say change = \"comparable\" or \"reworded\"", what, e.To)
			}
		case "":
			v.add(at("change"), "%s: change is missing; add change = \"comparable\", \"reworded\" or \"retired\"", what)
		default:
			v.add(at("change"), "%s: change %q is not known; use \"comparable\", \"reworded\" or \"retired\"", what, string(e.Change))
		}
	}
}

// text rejects characters that could disturb a terminal or hide text from a
// reader: control characters (other than tab, and line breaks where
// multiline), bidirectional overrides and zero-width characters. The UI
// sanitises what it draws as well; this catches the mistake at its source.
func (v *validator) text(p place, what, s string, multiline bool) {
	if !utf8.ValidString(s) {
		v.add(p, "%s: %s is not valid UTF-8; save the file as UTF-8", what, p.key)
		return
	}
	for _, r := range s {
		if r == '\n' && !multiline {
			v.add(p, "%s: %s must be on one line; remove the line break", what, p.key)
			return
		}
		if badRune(r) {
			v.add(p, "%s: %s contains the control or invisible character %U; remove it", what, p.key, r)
			return
		}
	}
}

func badRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		return true
	}
	return false
}

// idRule says how to write a statement id or measure key.
const idRule = `use at most 64 ASCII letters, digits, "-", "_" or "."`

// idProblem says what is wrong with a statement id or measure key, or ""
// when it is fine.
func idProblem(id string) string {
	if id == "" {
		return "is empty"
	}
	if n := utf8.RuneCountInString(id); n > MaxIDLength {
		return fmt.Sprintf("is %d characters long", n)
	}
	for _, r := range id {
		switch {
		case r == ' ':
			return "contains a space"
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		default:
			return fmt.Sprintf("contains %q", r)
		}
	}
	return ""
}

// resourceWhat names resource k (0-based) of a statement in messages.
func resourceWhat(k int, statement string) string {
	return fmt.Sprintf("resource %d of %s", k+1, statement)
}

// checklistWhat names checklist entry k (0-based) of a statement.
func checklistWhat(k, level int, statement string) string {
	if level >= 1 && level <= MaxLevels {
		return fmt.Sprintf("checklist level %d of %s", level, statement)
	}
	return fmt.Sprintf("checklist entry %d of %s", k+1, statement)
}

// levelWhat names scale entry i (0-based) in messages.
func levelWhat(i, level int) string {
	if level >= 1 && level <= MaxLevels {
		return fmt.Sprintf("scale level %d", level)
	}
	return fmt.Sprintf("scale entry %d", i+1)
}

// measureWhat names measure i (0-based) in messages, by key when the key is
// usable.
func measureWhat(i int, key string) string {
	if key != "" && idProblem(key) == "" {
		return "measure " + key
	}
	return fmt.Sprintf("measure %d", i+1)
}

// statementWhat names statement j (0-based) of a measure in messages, by id
// when the id is usable.
func statementWhat(j int, measure, id string) string {
	if id != "" && idProblem(id) == "" {
		return "statement " + id
	}
	return fmt.Sprintf("statement %d of %s", j+1, measure)
}

// CheckURL says what is wrong with a resource's web address, or returns
// nil when it is a plain http or https address with a public host name.
// The app checks again before opening one, since a workbook's criteria
// may come from anyone.
func CheckURL(raw string) error {
	if msg := urlProblem(raw); msg != "" {
		return fmt.Errorf("%s", msg)
	}
	return nil
}
