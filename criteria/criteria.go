// Package criteria holds the assessment framework as data: the success
// measures, their statements for each audience, and the scoring scale. A
// framework is read from TOML (the built-in What Good Looks Like file is
// embedded in the binary) and validated before anything else sees it.
//
// This package sits at the bottom of the dependency graph: it imports nothing
// from the rest of wgll.
package criteria

// Audience says whom a statement is written for.
type Audience string

// The two audiences of the What Good Looks Like framework.
const (
	Organisation Audience = "organisation"
	ICS          Audience = "ics"
)

// Audiences lists every audience in display order.
var Audiences = []Audience{Organisation, ICS}

// Valid reports whether a is one of the known audiences.
func (a Audience) Valid() bool { return a == Organisation || a == ICS }

// Title is the audience as a person reads it.
func (a Audience) Title() string {
	switch a {
	case Organisation:
		return "Organisation"
	case ICS:
		return "ICS"
	}
	return string(a)
}

// Criteria is one complete framework: what is assessed and how it is scored.
type Criteria struct {
	Framework Framework `toml:"framework"`
	Scale     []Level   `toml:"scale"`
	Measures  []Measure `toml:"measure"`
}

// Framework names the framework and where its text comes from.
type Framework struct {
	// Name is the framework's title, such as "What Good Looks Like".
	Name string `toml:"name"`
	// Version identifies this edition of the criteria file.
	Version string `toml:"version"`
	// Note says how the text relates to the official framework.
	Note string `toml:"note"`
	// NotAssessed is the label for a statement with no score yet.
	NotAssessed string `toml:"not_assessed"`
}

// Level is one step of the scoring scale.
type Level struct {
	Level      int    `toml:"level"`
	Label      string `toml:"label"`
	Descriptor string `toml:"descriptor"`
}

// Measure is one success measure (a pillar, in the national Digital Maturity
// Assessment) with its statements for every audience.
type Measure struct {
	// Key is the stable identifier, such as "well-led". It never changes.
	Key string `toml:"key"`
	// Name is the current name; FormerNames are names it has had before.
	Name        string   `toml:"name"`
	FormerNames []string `toml:"former_names"`
	// SuccessMeasure is the one-line statement of what success means.
	SuccessMeasure string      `toml:"success_measure"`
	Statements     []Statement `toml:"statement"`
}

// Statement is one thing a board scores.
type Statement struct {
	// ID is stable for ever: stored answers are keyed by it.
	ID       string   `toml:"id"`
	Audience Audience `toml:"audience"`
	Text     string   `toml:"text"`
	// Guidance says what evidence would show the statement is met.
	Guidance string `toml:"guidance"`
	// Source names the part of the official framework the text comes from.
	Source string `toml:"source"`
}

// ForAudience returns the measures with only the statements for audience a,
// in file order. Measures with no statement for a are kept (with none), so
// that every audience sees the same seven rows.
func (c *Criteria) ForAudience(a Audience) []Measure {
	out := make([]Measure, 0, len(c.Measures))
	for _, m := range c.Measures {
		mm := m
		mm.Statements = nil
		for _, s := range m.Statements {
			if s.Audience == a {
				mm.Statements = append(mm.Statements, s)
			}
		}
		out = append(out, mm)
	}
	return out
}

// Measure returns the measure with the given key.
func (c *Criteria) Measure(key string) (Measure, bool) {
	for _, m := range c.Measures {
		if m.Key == key {
			return m, true
		}
	}
	return Measure{}, false
}

// Statement returns the statement with the given id and the measure it
// belongs to.
func (c *Criteria) Statement(id string) (Statement, Measure, bool) {
	for _, m := range c.Measures {
		for _, s := range m.Statements {
			if s.ID == id {
				return s, m, true
			}
		}
	}
	return Statement{}, Measure{}, false
}

// Level returns the scale level n (1 to 5 in the built-in scale).
func (c *Criteria) Level(n int) (Level, bool) {
	for _, l := range c.Scale {
		if l.Level == n {
			return l, true
		}
	}
	return Level{}, false
}

// MaxLevel is the highest level of the scale.
func (c *Criteria) MaxLevel() int {
	max := 0
	for _, l := range c.Scale {
		if l.Level > max {
			max = l.Level
		}
	}
	return max
}
