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
	// Mapping says how statements of an earlier framework (the one named
	// by Framework.MapsFrom) continue in this one, so that carrying an
	// assessment forward and comparing periods work across a refresh.
	Mapping []MapEntry `toml:"mapping"`
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
	// MapsFrom names the earlier framework whose statement ids the
	// [[mapping]] entries name: its Version, or the family of versions it
	// starts ("wgll-2021" for "wgll-2021.2"); "" when there is no mapping.
	MapsFrom string `toml:"maps_from"`
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
	// Source names the document, and the section or pillar of it, that
	// the text comes from; see Documents for the ones the built-in
	// frameworks cite.
	Source string `toml:"source"`
	// Resources are the knowledge base behind the statement: public
	// blueprints, standards, measures and guidance a board can follow.
	Resources []Resource `toml:"resource"`
	// Checklist lists, per level of the scale, the elements that must all
	// be met to score that level. Empty when the file gives none, and
	// then the scale's descriptors are the only guide.
	Checklist []LevelElements `toml:"level"`
}

// ResourceKind says what sort of thing a resource is.
type ResourceKind string

// The kinds of resource a statement may list. The spellings are what a
// criteria file writes in kind = "...".
const (
	// KindBlueprint is an example of good practice from elsewhere, such as
	// the NHS England Blueprinting programme.
	KindBlueprint ResourceKind = "blueprint"
	// KindStandard is a standard the statement expects to be met.
	KindStandard ResourceKind = "standard"
	// KindMeasurement is how success is measured nationally: the DMA, the
	// DSPT, a national survey.
	KindMeasurement ResourceKind = "measurement"
	// KindGuidance is official guidance on doing the thing well.
	KindGuidance ResourceKind = "guidance"
	// KindTemplate is a template or tool to start from.
	KindTemplate ResourceKind = "template"
)

// ResourceKinds lists every kind in the order a screen groups them.
var ResourceKinds = []ResourceKind{KindStandard, KindMeasurement, KindGuidance, KindBlueprint, KindTemplate}

// Valid reports whether k is one of the known kinds.
func (k ResourceKind) Valid() bool {
	for _, v := range ResourceKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Title is the kind as a person reads it.
func (k ResourceKind) Title() string {
	switch k {
	case KindBlueprint:
		return "Blueprint"
	case KindStandard:
		return "Standard"
	case KindMeasurement:
		return "How it is measured"
	case KindGuidance:
		return "Guidance"
	case KindTemplate:
		return "Template"
	}
	return string(k)
}

// Resource is one public document or tool behind a statement.
type Resource struct {
	Title string       `toml:"title"`
	Kind  ResourceKind `toml:"kind"`
	// URL is the public web address (http or https).
	URL string `toml:"url"`
	// Note says in one line why a board would follow it.
	Note string `toml:"note"`
}

// LevelElements are the elements that must all be met to score Level,
// together with every element of every lower level.
type LevelElements struct {
	Level    int      `toml:"level"`
	Elements []string `toml:"elements"`
}

// ChangeKind says how an earlier framework's statement continues.
type ChangeKind string

// The kinds of [[mapping]] entry.
const (
	// Comparable: the later statement asks the same thing, so scores can
	// be compared like for like.
	Comparable ChangeKind = "comparable"
	// Reworded: the later statement continues the earlier one but asks
	// something different enough that scores are not like for like.
	Reworded ChangeKind = "reworded"
	// Retired: nothing in the later framework continues the statement.
	Retired ChangeKind = "retired"
)

// MapEntry maps one statement of the earlier framework onto this one.
type MapEntry struct {
	// From is the earlier framework's statement id.
	From string `toml:"from"`
	// To is this framework's statement id; "" when Change is Retired.
	To     string     `toml:"to"`
	Change ChangeKind `toml:"change"`
}

// HasChecklist reports whether the statement defines level elements.
func (s Statement) HasChecklist() bool { return len(s.Checklist) > 0 }

// Elements returns the elements of level n of the statement's checklist,
// or nil when the checklist has none for that level.
func (s Statement) Elements(n int) []string {
	for _, l := range s.Checklist {
		if l.Level == n {
			return l.Elements
		}
	}
	return nil
}

// ForAudience returns the measures with only the statements for audience a,
// in file order. Measures with no statement for a are kept (with none), so
// that every audience sees the same seven rows.
//
// The statements are copied into one slice, counted first, since every
// screen and command calls this for every assessment it shows: appending
// them measure by measure grew each measure's slice several times
// (6.8% of 'wgll heatmap --by organisation' on the xl demo).
func (c *Criteria) ForAudience(a Audience) []Measure {
	n := 0
	for _, m := range c.Measures {
		for _, s := range m.Statements {
			if s.Audience == a {
				n++
			}
		}
	}
	all := make([]Statement, 0, n)
	out := make([]Measure, 0, len(c.Measures))
	for _, m := range c.Measures {
		mm := m
		from := len(all)
		for _, s := range m.Statements {
			if s.Audience == a {
				all = append(all, s)
			}
		}
		// Capped at its own statements, so that appending to one measure's
		// copies the slice rather than writing over the next measure's.
		mm.Statements = all[from:len(all):len(all)]
		if len(mm.Statements) == 0 {
			mm.Statements = nil
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
