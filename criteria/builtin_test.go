package criteria

import (
	"fmt"
	"os"
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
			}
			// Nine at most keeps a measure's heatmap row readable at 80 columns.
			if n < 5 || n > 9 {
				t.Errorf("measure %s has %d %s statements, want 5 to 9", m.Key, n, a)
			}
		}
	}
}

// The 2025-26 refresh's expectations the issue lists, each scored by a
// statement of the right audience in the default framework.
func TestBuiltinCoversTheRefresh(t *testing.T) {
	c := Builtin()
	for _, tt := range []struct {
		expectation string
		id          string
		words       []string
	}{
		{"nursing and midwifery digital leadership", "WL-O7", []string{"Nursing and midwifery", "digital leaders"}},
		{"nursing and midwifery in the ICS strategy", "WL-I7", []string{"Nursing and midwifery", "ICS-wide digital strategy"}},
		{"digital as a standing board item", "WL-O8", []string{"standing items"}},
		{"a costed roadmap", "WL-O3", []string{"costed", "roadmap"}},
		{"AI and emerging technology in strategy", "WL-O9", []string{"AI", "emerging technologies"}},
		{"enterprise architecture and design authority", "SF-O7", []string{"Enterprise architecture", "design authority"}},
		{"professional standards and FEDIP", "SW-O7", []string{"professional standards", "FEDIP"}},
		{"sustainability (Greener NHS)", "SF-O8", []string{"sustainability", "Greener NHS"}},
		{"sustainability across the system", "SF-I7", []string{"sustainability"}},
		{"safety alerts beyond cyber", "SP-O7", []string{"MHRA", "HSSIB", "not only cyber"}},
		{"identity standards", "SP-O5", []string{"GPG44", "GPG45"}},
		{"identity standards across the system", "SP-I6", []string{"GPG44", "GPG45"}},
		{"the DSPT", "SP-O8", []string{"Data Security and Protection Toolkit"}},
		{"the DSPT across the system", "SP-I7", []string{"Data Security and Protection Toolkit"}},
	} {
		s, _, ok := c.Statement(tt.id)
		if !ok {
			t.Errorf("%s: no statement %s", tt.expectation, tt.id)
			continue
		}
		for _, w := range tt.words {
			if !strings.Contains(s.Text, w) {
				t.Errorf("%s: %s does not say %q: %s", tt.expectation, tt.id, w, s.Text)
			}
		}
	}
	if s, _, _ := c.Statement("WL-O3"); strings.Contains(s.Text, "twice a year") {
		t.Error("WL-O3 still carries the unsourced 'at least twice a year'")
	}
}

// TestBuiltinSources checks that every built-in statement, in every built-in
// framework, cites a document in Documents, by a section a reader can find.
func TestBuiltinSources(t *testing.T) {
	for _, b := range Builtins() {
		c, _, err := BuiltinNamed(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range c.Measures {
			for _, s := range m.Statements {
				_, ok := SourceDocument(s.Source)
				if !ok {
					t.Errorf("%s %s: source %q does not start with a known document; add it to Documents or cite one listed there", b.Name, s.ID, s.Source)
					continue
				}
				_, section, _ := strings.Cut(s.Source, " · ")
				if strings.TrimSpace(section) == "" {
					t.Errorf("%s %s: source %q names no section or pillar", b.Name, s.ID, s.Source)
				}
				if strings.Contains(s.Source, "DMA 2025 draft themes") || strings.HasPrefix(s.Source, "WGLL 2021 ·") {
					t.Errorf("%s %s: source %q is an old unfindable form", b.Name, s.ID, s.Source)
				}
			}
		}
	}
	if _, ok := SourceDocument("DMA 2025 draft themes · Well led"); ok {
		t.Error("SourceDocument accepted the unfindable 'DMA 2025 draft themes'")
	}
	for _, d := range Documents {
		if d.Cite == "" || d.Where == "" || d.About == "" {
			t.Errorf("document %+v lacks a citation, where to find it, or what it is", d)
		}
	}
}

// TestBuiltinKnowledgeBase checks that every built-in statement has at
// least one resource, all at verified public addresses, and a checklist for
// every level above the floor.
func TestBuiltinKnowledgeBase(t *testing.T) {
	verified := map[string]bool{}
	raw, err := os.ReadFile("testdata/verified-urls.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			verified[line] = true
		}
	}
	for _, b := range Builtins() {
		c, _, err := BuiltinNamed(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range c.Measures {
			for _, s := range m.Statements {
				if len(s.Resources) == 0 {
					t.Errorf("%s %s has no resource", b.Name, s.ID)
				}
				for _, r := range s.Resources {
					if !verified[r.URL] {
						t.Errorf("%s %s: resource %q has an unverified address %s; use one from testdata/verified-urls.txt", b.Name, s.ID, r.Title, r.URL)
					}
					if r.Note == "" || !strings.HasSuffix(r.Note, ".") {
						t.Errorf("%s %s: resource %q needs a one-sentence note", b.Name, s.ID, r.Title)
					}
				}
				for n := 2; n <= c.MaxLevel(); n++ {
					if len(s.Elements(n)) == 0 {
						t.Errorf("%s %s has no checklist for level %d", b.Name, s.ID, n)
					}
				}
				for _, l := range s.Checklist {
					for _, e := range l.Elements {
						if strings.HasSuffix(e, ".") || len(e) < 12 {
							t.Errorf("%s %s level %d: element %q should be a short clause without a full stop", b.Name, s.ID, l.Level, e)
						}
					}
				}
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
	// 84 statements of the first edition and 11 added for the 2025-26
	// refresh's expectations (WL-O7 to O9, WL-I7, SF-O7, SF-O8, SF-I7,
	// SP-O7, SP-O8, SP-I7, SW-O7).
	if got := c.StatementCount(Organisation) + c.StatementCount(ICS); got != 95 {
		t.Errorf("statements in total = %d, want 95", got)
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
