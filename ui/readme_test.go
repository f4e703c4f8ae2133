package ui

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeKeysMatchTheCode: every key of the ? overlay is in the
// README's keys table, so the table cannot drift from the code.
func TestReadmeKeysMatchTheCode(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Skip("no README beside the module")
	}
	s := string(b)
	start := strings.Index(s, "## Keys\n")
	end := strings.Index(s[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal("README has no Keys section")
	}
	table := s[start : start+1+end]
	for _, g := range DefaultKeyMap().fullHelp() {
		for _, k := range g.keys {
			label := k.Help().Key
			for _, part := range strings.Split(label, "/") {
				part = strings.TrimSpace(part)
				if part == "" || strings.Contains(table, part) {
					continue
				}
				t.Errorf("%s: key %q (%s) is not in the README's keys table", g.title, part, k.Help().Desc)
			}
		}
	}
}
