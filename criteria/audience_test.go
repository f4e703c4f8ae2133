package criteria

import "testing"

// TestForAudience: each measure keeps the framework's order and only the
// audience's statements, every measure is kept (with none for a measure
// the audience has none of), and what a caller does to the copy never
// reaches the framework or another measure: appending to one measure's
// statements leaves the next one's as they were.
func TestForAudience(t *testing.T) {
	c := Builtin()
	for _, aud := range []Audience{Organisation, ICS} {
		ms := c.ForAudience(aud)
		if len(ms) != len(c.Measures) {
			t.Fatalf("%s: %d measures, want all %d", aud, len(ms), len(c.Measures))
		}
		for i, m := range ms {
			var want []string
			for _, s := range c.Measures[i].Statements {
				if s.Audience == aud {
					want = append(want, s.ID)
				}
			}
			if len(m.Statements) != len(want) {
				t.Fatalf("%s %s: %d statements, want %d", aud, m.Key, len(m.Statements), len(want))
			}
			for j, s := range m.Statements {
				if s.ID != want[j] || s.Audience != aud {
					t.Errorf("%s %s: statement %d is %s (%s), want %s", aud, m.Key, j, s.ID, s.Audience, want[j])
				}
			}
		}
		if len(ms) < 2 || len(ms[1].Statements) == 0 {
			t.Fatalf("%s: the second measure has no statements to check against", aud)
		}
		next := ms[1].Statements[0]
		ms[0].Statements = append(ms[0].Statements, Statement{ID: "XX-O1", Audience: aud})
		ms[0].Statements[0].Text = "changed by the caller"
		if ms[1].Statements[0].ID != next.ID {
			t.Errorf("%s: appending to the first measure's statements overwrote the second's (%s, want %s)", aud, ms[1].Statements[0].ID, next.ID)
		}
		if c.Measures[0].Statements[0].Text == "changed by the caller" {
			t.Errorf("%s: changing the copy changed the framework", aud)
		}
	}
}
