package criteria

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, that every failure is a
// *ValidationError with placed problems, and that success means criteria
// that keep every promise the rest of wgll relies on. The invariants are
// checked here directly rather than through Validate, so that a gap in the
// validator shows up.
func FuzzParse(f *testing.F) {
	f.Add(BuiltinTOML())
	f.Add([]byte(base))
	for _, s := range []string{
		"",
		"[framework]\nname = \"x\n",
		"[[measure]]\n[[measure.statement]]\nid = 1\n",
		"measure = [{key = \"k\", statement = [{id = \"A\", audience = \"ics\", text = \"t\"}]}]",
		"[[scale]]\nlevel = 9223372036854775807\n[[scale]]\nlevel = -1\n",
		"a = [[[[{b = [1]}]]]]\n",
		"x = '''\n[[measure]]\n'''\n[[measure]]\nkey = \"a\"\n",
		"[[measure]]\nkey = \"k\"\nformer_names = [\"\", \"a\\nb\"]\n[measure.statement]\n",
		"\"framework\".name = \"\\u202e\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.toml", data)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("error %v is not a *ValidationError with problems", err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, p := range ve.Problems {
				if p.File != "f.toml" || p.Msg == "" || p.Line < 1 || p.Line > lines {
					t.Fatalf("problem %+v is badly formed or outside lines 1 to %d", p, lines)
				}
			}
			if c != nil {
				t.Fatal("Parse returned criteria and an error")
			}
			return
		}
		checkInvariants(t, c)
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse accepted what Validate rejects: %v", err)
		}
	})
}

// checkInvariants asserts what a valid Criteria promises.
func checkInvariants(t *testing.T, c *Criteria) {
	t.Helper()
	if c.Framework.Name == "" {
		t.Fatal("accepted an empty framework name")
	}
	n := len(c.Scale)
	if n < 2 || n > MaxLevels {
		t.Fatalf("accepted a scale of %d levels", n)
	}
	for k := 1; k <= n; k++ {
		l, ok := c.Level(k)
		if !ok || l.Label == "" || l.Descriptor == "" {
			t.Fatalf("accepted a scale without a full level %d: %+v", k, c.Scale)
		}
	}
	if c.MaxLevel() != n {
		t.Fatalf("accepted a scale whose top level %d is not its length %d", c.MaxLevel(), n)
	}
	if len(c.Measures) == 0 {
		t.Fatal("accepted no measures")
	}
	keys, ids := map[string]bool{}, map[string]bool{}
	for _, m := range c.Measures {
		if !goodID(m.Key) || keys[m.Key] || m.Name == "" || len(m.Statements) == 0 {
			t.Fatalf("accepted measure %+v", m)
		}
		keys[m.Key] = true
		for _, s := range m.Statements {
			if !goodID(s.ID) || ids[s.ID] || !s.Audience.Valid() || s.Text == "" {
				t.Fatalf("accepted statement %+v", s)
			}
			ids[s.ID] = true
		}
	}
}

func goodID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
