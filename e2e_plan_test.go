package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestEndToEndSignOffLocks signs this year's assessment off in the real
// app, in a real terminal, and shows a score refused with who signed off
// and how to unlock; the command line then sees the lock too.
func TestEndToEndSignOffLocks(t *testing.T) {
	bin := buildBinary(t)
	db := demoDB(t)
	// A score other than WL-O1's own: setting the score it has changes
	// nothing, so there would be nothing to refuse.
	a := wholeAssessments(t, db, 2)[0]
	digit := fmt.Sprint(int(a.Score("WL-O1"))%5 + 1)
	tm := startTerm(t, 100, 30, bin, "--db", db, "--user", "secretary")
	tm.waitFor("Northfield Valley", "2026/27")
	tm.keys("Enter")
	tm.waitFor("Heatmap", "Well led")

	// The plan opens on p and says it is not signed off yet.
	tm.keys("p")
	tm.waitFor("Improvement plan", "Not signed off", "NO ACTION YET")
	tm.keys("Escape")
	tm.waitFor("Heatmap")

	tm.keys("S")
	tm.waitFor("Assured by", "Minute ref")
	tm.typeText("A. Khan, CIO")
	tm.keys("C-s")
	tm.waitFor("signed off, locked")

	// A score on the locked assessment is refused, saying why.
	tm.keys("Enter")
	tm.waitFor("WL-O1")
	tm.keys(digit)
	s := tm.waitFor("Locked: Assured by A. Khan, CIO", "S unlocks it")
	if strings.Contains(s, "scored "+digit) {
		t.Errorf("the score was taken:\n%s", s)
	}
	tm.keys("q")
	tm.waitFor("EXITED 0")

	code, _, errs := runWGLL(t, "target", "--db", db, "--assessment", "2", "WL-O1", "5")
	if code != 1 || !strings.Contains(errs, "A. Khan, CIO") || !strings.Contains(errs, "wgll assessment unlock 2 --reason") {
		t.Errorf("the command line was not refused: exit %d, %s", code, errs)
	}
	code, out, _ := runWGLL(t, "history", "--db", db, "--limit", "3")
	if code != 0 || !strings.Contains(out, "signoff 2") || !strings.Contains(out, "secretary") {
		t.Errorf("the change log lacks the sign-off:\n%s", out)
	}
}
