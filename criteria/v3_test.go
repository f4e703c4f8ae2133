package criteria

import (
	"reflect"
	"strings"
	"testing"
)

func TestBuiltinsList(t *testing.T) {
	names := BuiltinNames()
	if !reflect.DeepEqual(names, []string{"wgll-2021", "v3-alpha"}) {
		t.Fatalf("BuiltinNames() = %q", names)
	}
	bs := Builtins()
	if !bs[0].Default || bs[1].Default || bs[0].Summary == "" || bs[1].Summary == "" {
		t.Errorf("Builtins() = %+v: want wgll-2021 the default and both summarised", bs)
	}
	for _, b := range bs {
		c, raw, err := BuiltinNamed(b.Name)
		if err != nil {
			t.Fatalf("BuiltinNamed(%q) = %v", b.Name, err)
		}
		again, err := Parse(b.File, raw)
		if err != nil || !reflect.DeepEqual(again, c) {
			t.Errorf("%s: its TOML does not parse back to the same criteria: %v", b.Name, err)
		}
		if err := c.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v", b.Name, err)
		}
	}
	if _, _, err := BuiltinNamed("v4"); err == nil || !strings.Contains(err.Error(), "wgll-2021, v3-alpha") {
		t.Errorf("BuiltinNamed(v4) = %v; want an error listing the names", err)
	}
	for spec, wantVersion := range map[string]string{"": "wgll-2021.2", "builtin:wgll-2021": "wgll-2021.2", "builtin:v3-alpha": "wgll-v3-alpha.1"} {
		c, raw, err := Resolve(spec)
		if err != nil || c.Framework.Version != wantVersion || len(raw) == 0 {
			t.Errorf("Resolve(%q) = version %q, %d bytes, %v; want %s", spec, c.Framework.Version, len(raw), err, wantVersion)
		}
	}
	if _, _, err := Resolve("builtin:nope"); err == nil {
		t.Error("Resolve(builtin:nope) succeeded")
	}
	if _, _, err := Resolve("/no/such/file.toml"); err == nil {
		t.Error("Resolve of a missing file succeeded")
	}
}

func TestV3AlphaPillars(t *testing.T) {
	c, _, err := BuiltinNamed("v3-alpha")
	if err != nil {
		t.Fatal(err)
	}
	// The seven renamed pillars in the refresh's order, on the same stable
	// keys as wgll-2021 so that measures compare across the refresh.
	want := []struct{ key, name, prefix string }{
		{"well-led", "Well led", "WL1."},
		{"smart-foundations", "Smart foundations", "SF2."},
		{"safe-practice", "Safe practice", "SP3."},
		{"support-people", "Support workforce", "SW4."},
		{"healthy-populations", "Healthy populations", "HP5."},
		{"improve-care", "Improve care", "IC6."},
		{"empower-people", "Empower people", "EP7."},
	}
	if len(c.Measures) != len(want) {
		t.Fatalf("%d measures, want 7", len(c.Measures))
	}
	old := Builtin()
	for i, w := range want {
		m := c.Measures[i]
		if m.Key != w.key || m.Name != w.name {
			t.Errorf("pillar %d = %s %q, want %s %q", i+1, m.Key, m.Name, w.key, w.name)
		}
		if om, ok := old.Measure(m.Key); !ok {
			t.Errorf("pillar %s has no wgll-2021 measure with the same key", m.Key)
		} else if om.Name != m.Name && !contains(m.FormerNames, om.Name) {
			t.Errorf("pillar %s: the wgll-2021 name %q is not among its former names %q", m.Key, om.Name, m.FormerNames)
		}
		for _, a := range Audiences {
			n := 0
			for _, s := range m.Statements {
				if s.Audience == a {
					n++
				}
				if !strings.HasPrefix(s.ID, w.prefix) {
					t.Errorf("%s: id should start %s", s.ID, w.prefix)
				}
			}
			if n < 4 {
				t.Errorf("pillar %s has %d %s statements, want at least 4", m.Key, n, a)
			}
		}
	}
	// Well led follows the five v3 alpha success measures.
	for _, n := range []string{"1.1", "1.2", "1.3", "1.4", "1.5"} {
		s, _, ok := c.Statement("WL" + n + "-O")
		if !ok || !strings.Contains(s.Source, "WGLL v3 alpha technical documentation (SCW, March 2026) · Well led · success measure "+n) {
			t.Errorf("WL%s-O: source %q, want the v3 alpha success measure %s", n, s.Source, n)
		}
	}
}

// TestV3AlphaMapping checks the mapping retires nothing silently: every
// wgll-2021 statement is mapped once, to a v3 statement of the same
// audience, or retired explicitly; a comparable one keeps its checklist.
func TestV3AlphaMapping(t *testing.T) {
	c, _, _ := BuiltinNamed("v3-alpha")
	old := Builtin()
	if !c.MapsFromVersion(old.Framework.Version) || !c.MapsFromVersion("wgll-2021.1") {
		t.Fatalf("maps_from %q does not cover wgll-2021 editions", c.Framework.MapsFrom)
	}
	seen := map[string]bool{}
	for _, e := range c.Mapping {
		from, _, ok := old.Statement(e.From)
		if !ok {
			t.Errorf("mapping from %s: not a wgll-2021 statement", e.From)
			continue
		}
		seen[e.From] = true
		if e.Change == Retired {
			continue
		}
		to, _, ok := c.Statement(e.To)
		if !ok || to.Audience != from.Audience {
			t.Errorf("mapping %s -> %s: target missing or for another audience", e.From, e.To)
		}
		if e.Change == Comparable && (!reflect.DeepEqual(to.Checklist, from.Checklist) || to.Text != from.Text) {
			t.Errorf("mapping %s -> %s is comparable but the text or checklist differs", e.From, e.To)
		}
	}
	for _, m := range old.Measures {
		for _, s := range m.Statements {
			if !seen[s.ID] {
				t.Errorf("wgll-2021 statement %s is not in the v3-alpha mapping", s.ID)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
