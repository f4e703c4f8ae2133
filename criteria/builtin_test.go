package criteria

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestBuiltinIsValid(t *testing.T) {
	c, err := Parse(BuiltinName, BuiltinTOML())
	if err != nil {
		t.Fatalf("Parse(built-in) = %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate(built-in) = %v", err)
	}
	if !reflect.DeepEqual(c, Builtin()) {
		t.Fatal("Builtin() differs from parsing BuiltinTOML()")
	}
}

func TestBuiltinFramework(t *testing.T) {
	f := Builtin().Framework
	if f.Name != "What Good Looks Like" {
		t.Errorf("framework name = %q", f.Name)
	}
	if f.Version == "" || f.NotAssessed == "" {
		t.Errorf("framework version %q, not_assessed %q: both must be set", f.Version, f.NotAssessed)
	}
	for _, want := range []string{"Open Government Licence", "own words", "check each statement"} {
		if !strings.Contains(f.Note, want) {
			t.Errorf("framework note lacks %q: %q", want, f.Note)
		}
	}
}

func TestBuiltinScale(t *testing.T) {
	c := Builtin()
	if got := c.MaxLevel(); got != 5 {
		t.Fatalf("MaxLevel() = %d, want 5", got)
	}
	for n := 1; n <= 5; n++ {
		l, ok := c.Level(n)
		if !ok || l.Label == "" || l.Descriptor == "" {
			t.Errorf("Level(%d) = %+v, %v; want a labelled, described level", n, l, ok)
		}
	}
}

func TestBuiltinMeasures(t *testing.T) {
	want := []struct {
		key, name, prefix string
		former            []string
	}{
		{"well-led", "Well led", "WL", nil},
		{"smart-foundations", "Ensure smart foundations", "SF", nil},
		{"safe-practice", "Safe practice", "SP", nil},
		{"support-people", "Support workforce", "SW", []string{"Support people"}},
		{"empower-people", "Empower people", "EP", []string{"Empower citizens"}},
		{"improve-care", "Improve care", "IC", nil},
		{"healthy-populations", "Healthy populations", "HP", nil},
	}
	c := Builtin()
	if len(c.Measures) != len(want) {
		t.Fatalf("got %d measures, want %d", len(c.Measures), len(want))
	}
	seen := map[string]bool{}
	for i, w := range want {
		m := c.Measures[i]
		if m.Key != w.key || m.Name != w.name || !reflect.DeepEqual(m.FormerNames, w.former) {
			t.Errorf("measure %d = %q %q %q, want %q %q %q", i, m.Key, m.Name, m.FormerNames, w.key, w.name, w.former)
		}
		if m.SuccessMeasure == "" {
			t.Errorf("measure %s has no success_measure", m.Key)
		}
		for _, a := range Audiences {
			n := 0
			for _, s := range m.Statements {
				if s.Audience != a {
					continue
				}
				n++
				letter := map[Audience]string{Organisation: "O", ICS: "I"}[a]
				if wantID := fmt.Sprintf("%s-%s%d", w.prefix, letter, n); s.ID != wantID {
					t.Errorf("statement %q: want id %q (prefix, audience letter, sequence)", s.ID, wantID)
				}
				if seen[s.ID] {
					t.Errorf("statement id %s is used twice", s.ID)
				}
				seen[s.ID] = true
				if s.Text == "" || s.Guidance == "" || s.Source == "" {
					t.Errorf("statement %s lacks text, guidance or source: %+v", s.ID, s)
				}
				if !strings.HasSuffix(s.Text, ".") || !strings.HasSuffix(s.Guidance, ".") {
					t.Errorf("statement %s: text and guidance should be full sentences", s.ID)
				}
				named := false
				for _, name := range append([]string{m.Name}, m.FormerNames...) {
					named = named || strings.Contains(s.Source, " · "+name)
				}
				if !named {
					t.Errorf("statement %s: source %q does not name its measure", s.ID, s.Source)
				}
			}
			if n < 5 || n > 8 {
				t.Errorf("measure %s has %d %s statements, want 5 to 8", m.Key, n, a)
			}
		}
	}
}

func TestBuiltinReturnsCopies(t *testing.T) {
	a := Builtin()
	a.Measures[0].Statements[0].Text = "changed"
	a.Measures[0].FormerNames = append(a.Measures[0].FormerNames, "x")
	a.Scale[0].Label = "changed"
	b := Builtin()
	if b.Measures[0].Statements[0].Text == "changed" || b.Scale[0].Label == "changed" || len(b.Measures[0].FormerNames) != 0 {
		t.Fatal("changing one Builtin() result changed the next")
	}
	raw := BuiltinTOML()
	raw[0] = 'X'
	if BuiltinTOML()[0] == 'X' {
		t.Fatal("changing BuiltinTOML() result changed the embedded file")
	}
}

func TestHelpers(t *testing.T) {
	c := Builtin()
	if got := c.StatementCount(Organisation) + c.StatementCount(ICS); got != 84 {
		t.Errorf("statements in total = %d, want 84", got)
	}
	tests := []struct {
		name, wantKey string
		ok            bool
	}{
		{"Empower citizens", "empower-people", true},
		{"  support PEOPLE ", "support-people", true},
		{"Support Workforce", "support-people", true},
		{"well-led", "well-led", true},
		{"Well Led", "well-led", true},
		{"Smart", "", false},
	}
	for _, tt := range tests {
		m, ok := c.FindMeasure(tt.name)
		if ok != tt.ok || m.Key != tt.wantKey {
			t.Errorf("FindMeasure(%q) = %q, %v; want %q, %v", tt.name, m.Key, ok, tt.wantKey, tt.ok)
		}
	}
	if got := c.MeasureIndex("improve-care"); got != 5 {
		t.Errorf("MeasureIndex(improve-care) = %d, want 5", got)
	}
	if got := c.MeasureIndex("nope"); got != -1 {
		t.Errorf("MeasureIndex(nope) = %d, want -1", got)
	}
}
