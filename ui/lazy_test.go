package ui

import (
	"testing"
)

// TestLazyStoreOpensOnFirstSave: the app started on a workbook that does
// not exist reads it as empty and opens (creates) the file only when the
// first assessment form is saved.
func TestLazyStoreOpensOnFirstSave(t *testing.T) {
	f := newFakeStore()
	opens := 0
	lazy := NewLazyStore("/tmp/new.wgll", "tester", func() (Store, error) { opens++; return f, nil })
	hs := newHarness(t, f, 80, 24, func(c *Config) { c.Store = lazy })
	hs.fire(isPoll)
	if hs.app.screen != screenSetup || opens != 0 {
		t.Fatalf("screen %v, opened %d times before anything was saved", hs.app.screen, opens)
	}
	// Typing, moving about and cancelling write nothing.
	hs.typeText("Northshire")
	hs.keys("tab", "tab", "esc")
	if opens != 0 {
		t.Fatalf("opened %d times before the form was saved", opens)
	}
	hs.keys("ctrl+s")
	if opens != 1 || len(f.assessments) != 1 || hs.app.screen != screenOverview {
		t.Fatalf("after saving: opened %d, %d assessments, screen %v", opens, len(f.assessments), hs.app.screen)
	}
	hs.keys("enter", "3")
	if opens != 1 || f.assessments[1].Score("WL-O1") != 3 {
		t.Errorf("score after opening: opened %d, score %v", opens, f.assessments[1].Score("WL-O1"))
	}
}
