package criteria

import (
	"reflect"
	"strings"
	"testing"
)

// withRes is base with one resource and a full checklist on M-O1; lines:
//
//	23 [[measure.statement.resource]]   29 [[measure.statement.level]]
//	24 title                            30 level
//	25 kind                             31 elements
//	26 url
//	27 note
const withRes = base + `
[[measure.statement.resource]]
title = "Digital Maturity Assessment"
kind = "measurement"
url = "https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/"
note = "How NHS England measures it."

[[measure.statement.level]]
level = 2
elements = ["A named lead", "An agreed plan"]
`

func TestParseResourcesAndChecklist(t *testing.T) {
	c, err := Parse("x.toml", []byte(withRes))
	if err != nil {
		t.Fatalf("Parse = %v", err)
	}
	s := c.Measures[0].Statements[0]
	wantRes := []Resource{{Title: "Digital Maturity Assessment", Kind: KindMeasurement,
		URL: "https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/", Note: "How NHS England measures it."}}
	if !reflect.DeepEqual(s.Resources, wantRes) {
		t.Errorf("resources = %+v, want %+v", s.Resources, wantRes)
	}
	if got := s.Elements(2); !reflect.DeepEqual(got, []string{"A named lead", "An agreed plan"}) {
		t.Errorf("Elements(2) = %q", got)
	}
	if !s.HasChecklist() || s.Elements(1) != nil {
		t.Errorf("HasChecklist = %v, Elements(1) = %q", s.HasChecklist(), s.Elements(1))
	}
	cl := c.Clone()
	cl.Measures[0].Statements[0].Checklist[0].Elements[0] = "changed"
	cl.Measures[0].Statements[0].Resources[0].Title = "changed"
	if s.Elements(2)[0] == "changed" || s.Resources[0].Title == "changed" {
		t.Error("Clone shares checklist or resources with the original")
	}
}

func swap(t *testing.T, src, old, new string) string {
	t.Helper()
	if n := strings.Count(src, old); n != 1 {
		t.Fatalf("swap: %q occurs %d times", old, n)
	}
	return strings.Replace(src, old, new, 1)
}

// mapped is base with maps_from (line 3) and two mapping entries (lines
// 24 and 29).
var mapped = `[framework]
name = "Test"
maps_from = "old-1"
` + base[len("[framework]\nname = \"Test\"\n"):] + `
[[mapping]]
from = "OLD-1"
to = "M-O1"
change = "comparable"

[[mapping]]
from = "OLD-2"
change = "retired"
`

func TestParseMapping(t *testing.T) {
	c, err := Parse("x.toml", []byte(mapped))
	if err != nil {
		t.Fatalf("Parse = %v", err)
	}
	want := []MapEntry{{From: "OLD-1", To: "M-O1", Change: Comparable}, {From: "OLD-2", Change: Retired}}
	if c.Framework.MapsFrom != "old-1" || !reflect.DeepEqual(c.Mapping, want) {
		t.Errorf("maps_from %q, mapping %+v; want old-1, %+v", c.Framework.MapsFrom, c.Mapping, want)
	}
}

func TestParseKnowledgeProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown resource kind", swap(t, withRes, `kind = "measurement"`, `kind = "video"`),
			`x.toml:25: resource 1 of statement M-O1: kind "video" is not known; use one of "standard", "measurement", "guidance", "blueprint" and "template"`},
		{"missing resource kind", swap(t, withRes, "kind = \"measurement\"\n", ""),
			`x.toml:23: resource 1 of statement M-O1: kind is missing; add kind = one of "standard", "measurement", "guidance", "blueprint" and "template"`},
		{"url not http", swap(t, withRes, `url = "https://www.england`, `url = "javascript:alert(1)//www.england`),
			`x.toml:26: resource 1 of statement M-O1: url "javascript:alert(1)//www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/" does not start with https:// or http://; write the full public address, starting https://`},
		{"url with a space", swap(t, withRes, `url = "https://www.england.nhs.uk/`, `url = "https://www.england.nhs.uk/a b/`),
			`x.toml:26: resource 1 of statement M-O1: url "https://www.england.nhs.uk/a b/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/" contains a space or the character U+0020; write the full public address, starting https://`},
		{"url without host", swap(t, withRes, `url = "https://www.england.nhs.uk/`, `url = "https:///`),
			`x.toml:26: resource 1 of statement M-O1: url "https:///digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/" has no public host name; write the full public address, starting https://`},
		{"url missing", swap(t, withRes, "url = \"https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/\"\n", ""),
			`x.toml:23: resource 1 of statement M-O1: url is empty; write the full public address, starting https://`},
		{"resource title empty", swap(t, withRes, `title = "Digital Maturity Assessment"`, `title = " "`),
			`x.toml:24: resource 1 of statement M-O1: title is empty; write the resource's title as its publisher gives it`},
		{"unknown resource key", swap(t, withRes, `note = "How NHS England measures it."`, `note = "n"`+"\ncolour = 1"),
			`x.toml:28: unknown key "colour" in resource 1 of statement M-O1; the keys allowed there are title, kind, url and note, so check the spelling or remove it`},
		{"checklist level above the scale", swap(t, withRes, "level = 2\nelements", "level = 7\nelements"),
			"x.toml:30: statement M-O1: checklist level 7 is outside the scale; use a level from 1 to 2"},
		{"checklist level not a number", swap(t, withRes, "level = 2\nelements", "level = \"two\"\nelements"),
			`x.toml:30: statement M-O1: checklist level must be a whole number such as level = 2, not text`},
		{"checklist level missing", swap(t, withRes, "level = 2\nelements", "elements"),
			`x.toml:29: checklist entry 1 of statement M-O1: level is missing or 0; add level = N for a level of the scale, from 1 up`},
		{"checklist gap", swap(t, withRes, "level = 2\nelements", "level = 1\nelements"),
			`x.toml:29: statement M-O1: the checklist has no level 2; give elements for every level from 2 to 2 (level 1 may be left out), or no checklist at all`},
		{"checklist level twice", withRes + "\n[[measure.statement.level]]\nlevel = 2\nelements = [\"More\"]\n",
			`x.toml:34: statement M-O1: checklist level 2 is listed twice (first at line 30); put all of a level's elements in one [[measure.statement.level]]`},
		{"empty elements", swap(t, withRes, `elements = ["A named lead", "An agreed plan"]`, `elements = []`),
			`x.toml:31: checklist level 2 of statement M-O1 has no elements; list what must be met, such as elements = ["A named lead", "An agreed plan"]`},
		{"missing elements", swap(t, withRes, "elements = [\"A named lead\", \"An agreed plan\"]\n", ""),
			`x.toml:29: checklist level 2 of statement M-O1 has no elements; list what must be met, such as elements = ["A named lead", "An agreed plan"]`},
		{"blank element", swap(t, withRes, `"An agreed plan"]`, `"  "]`),
			`x.toml:31: checklist level 2 of statement M-O1: element 2 is empty; write what must be met, or remove it`},
		{"elements not text", swap(t, withRes, `elements = ["A named lead", "An agreed plan"]`, `elements = [1, 2]`),
			`x.toml:31: checklist level 2 of statement M-O1: elements must be a list of text such as elements = ["Old name"], not a list`},
		{"mapping to an unknown id", swap(t, mapped, `to = "M-O1"`, `to = "M-O9"`),
			`x.toml:26: mapping 1: to = "M-O9" is not a statement id in this file; check the spelling, or say change = "retired"`},
		{"mapping change unknown", swap(t, mapped, `change = "comparable"`, `change = "same"`),
			`x.toml:27: mapping 1: change "same" is not known; use "comparable", "reworded" or "retired"`},
		{"mapping without to", swap(t, mapped, "to = \"M-O1\"\n", ""),
			`x.toml:24: mapping 1: to is missing; add to = "ID", the statement of this file that continues OLD-1, or say change = "retired"`},
		{"retired with to", swap(t, mapped, "from = \"OLD-2\"\n", "from = \"OLD-2\"\nto = \"M-O1\"\n"),
			`x.toml:31: mapping 2: a retired statement maps to nothing; remove to = "M-O1" or say change = "comparable" or "reworded"`},
		{"mapped twice", swap(t, mapped, `from = "OLD-2"`, `from = "OLD-1"`),
			`x.toml:30: mapping 2: OLD-1 is mapped twice (first at line 25); map each earlier statement once`},
		{"mapping without maps_from", swap(t, mapped, "maps_from = \"old-1\"\n", ""),
			`x.toml:23: there are [[mapping]] entries but [framework] has no maps_from; add maps_from = "VERSION", the version of the framework whose ids the entries name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded, want:\n%s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
