package criteria

import (
	"slices"
	"strings"
)

// Clone returns a deep copy of c that shares no slices with it.
func (c *Criteria) Clone() *Criteria {
	out := &Criteria{Framework: c.Framework, Scale: slices.Clone(c.Scale), Mapping: slices.Clone(c.Mapping)}
	out.Measures = make([]Measure, len(c.Measures))
	for i, m := range c.Measures {
		m.FormerNames = slices.Clone(m.FormerNames)
		m.Statements = slices.Clone(m.Statements)
		for j, s := range m.Statements {
			s.Resources = slices.Clone(s.Resources)
			s.Checklist = slices.Clone(s.Checklist)
			for k, l := range s.Checklist {
				s.Checklist[k].Elements = slices.Clone(l.Elements)
			}
			m.Statements[j] = s
		}
		out.Measures[i] = m
	}
	return out
}

// StatementCount is the number of statements written for audience a.
func (c *Criteria) StatementCount(a Audience) int {
	n := 0
	for i := range c.Measures {
		for j := range c.Measures[i].Statements {
			if c.Measures[i].Statements[j].Audience == a {
				n++
			}
		}
	}
	return n
}

// MeasureIndex is the position of the measure with the given key in file
// order, or -1 when there is none.
func (c *Criteria) MeasureIndex(key string) int {
	return slices.IndexFunc(c.Measures, func(m Measure) bool { return m.Key == key })
}

// FindMeasure finds a measure by its key, its current name or any former
// name, ignoring case and surrounding space. It lets data that names
// measures the way a given year's framework did (such as a Digital Maturity
// Assessment column "Empower Citizens") map onto stable keys.
func (c *Criteria) FindMeasure(name string) (Measure, bool) {
	name = strings.TrimSpace(name)
	for _, m := range c.Measures {
		if strings.EqualFold(m.Key, name) || strings.EqualFold(m.Name, name) {
			return m, true
		}
		for _, fn := range m.FormerNames {
			if strings.EqualFold(fn, name) {
				return m, true
			}
		}
	}
	return Measure{}, false
}

// MapsFromVersion reports whether this file's [[mapping]] applies to
// criteria of the given framework version: maps_from = "wgll-2021"
// matches "wgll-2021" and every edition of it ("wgll-2021.1",
// "wgll-2021.2"), since editions of one framework keep their ids.
func (c *Criteria) MapsFromVersion(version string) bool {
	mf := c.Framework.MapsFrom
	if mf == "" || len(c.Mapping) == 0 || version == c.Framework.Version {
		return false
	}
	return version == mf || strings.HasPrefix(version, mf+".")
}
