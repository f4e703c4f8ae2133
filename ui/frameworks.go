package ui

import (
	"bytes"
	"strconv"

	"wgll/criteria"
)

// Framework is one set of criteria a new assessment may be made with.
type Framework struct {
	// Label is how the forms name it, such as "What Good Looks Like v3
	// (alpha), wgll-v3-alpha.1".
	Label string
	TOML  []byte
}

// frameworksFor is what the forms offer: given, or else the criteria the
// app was started with (--criteria) followed by each built-in framework
// that differs from them. The first is the default.
func frameworksFor(def []byte, given []Framework) []Framework {
	if len(given) > 0 {
		return given
	}
	label := "the criteria wgll was started with"
	if c, err := criteria.Parse("criteria", def); err == nil {
		label = frameworkLabel(c)
	}
	out := []Framework{{Label: label, TOML: def}}
	for _, b := range criteria.Builtins() {
		c, raw, err := criteria.BuiltinNamed(b.Name)
		if err != nil || bytes.Equal(raw, def) {
			continue
		}
		out = append(out, Framework{Label: frameworkLabel(c), TOML: raw})
	}
	return out
}

func frameworkLabel(c *criteria.Criteria) string {
	l := oneLine(c.Framework.Name)
	if v := oneLine(c.Framework.Version); v != "" {
		l += ", " + v
	}
	return l
}

// frameworkField is the choice of framework on a form, or false when there
// is only one to choose.
func frameworkField(fws []Framework) (field, bool) {
	if len(fws) < 2 {
		return field{}, false
	}
	values := make([]string, len(fws))
	display := make([]string, len(fws))
	for i, f := range fws {
		values[i], display[i] = strconv.Itoa(i), f.Label
	}
	return newChoiceField("framework", "Framework", values, display, "0"), true
}

// chosenTOML is the criteria the form's framework field picks, or the
// default when the form has none.
func chosenTOML(fws []Framework, v map[string]string, def []byte) []byte {
	if i, err := strconv.Atoi(v["framework"]); err == nil && i >= 0 && i < len(fws) {
		return fws[i].TOML
	}
	return def
}
