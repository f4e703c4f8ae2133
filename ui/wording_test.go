package ui

import (
	"regexp"
	"strings"
	"testing"
)

// lateWord is the word the reports and the CLI do not use: they say
// "overdue", and so must every screen (issue 12, one wording everywhere).
var lateWord = regexp.MustCompile(`(?i)\blate\b`)

func TestScreensSayOverdueNotLate(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"overview", nil},
		{"statement actions", []string{"enter", "enter", "tab", "tab"}},
		{"action view", []string{"enter", "enter", "tab", "tab", "enter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := seeded(t)
			hs := newHarness(t, f, 80, 24)
			hs.keys(tt.keys...)
			v := hs.text()
			if lateWord.MatchString(v) {
				t.Errorf("screen says \"late\":\n%s", v)
			}
			if !strings.Contains(v, "overdue") {
				t.Errorf("screen does not say \"overdue\":\n%s", v)
			}
		})
	}
}
