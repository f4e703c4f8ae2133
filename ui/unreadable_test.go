package ui

import (
	"strings"
	"testing"
)

// TestPickerMarksUnreadableAssessment: an assessment whose stored criteria
// cannot be read is listed, marked UNREADABLE with the reason, beside the
// others, and enter on it says why instead of trying to open it (issue 15
// item 4: one bad assessment took the whole app down).
func TestPickerMarksUnreadableAssessment(t *testing.T) {
	f := newFakeStore()
	f.add("Northshire Hospitals NHS FT", "2025/26")
	bad := f.add("Riverside Trust\x1b]0;t\x07", "2026/27")
	bad.Unreadable = "its stored criteria cannot be read: line 3: invalid UTF-8"
	hs := newHarness(t, f, 100, 30)
	text := hs.text()
	if !strings.Contains(text, "Northshire Hospitals NHS FT · 2025/26") {
		t.Fatalf("the readable assessment is not listed:\n%s", text)
	}
	if !strings.Contains(text, "UNREADABLE: its stored criteria cannot be read") {
		t.Fatalf("the damaged assessment is not marked:\n%s", text)
	}
	// The damaged one is listed first (newest); enter says why.
	for _, it := range hs.app.sc.picker.items {
		if it.header.Unreadable != "" {
			break
		}
		hs.keys("j")
	}
	hs.keys("enter")
	if hs.app.screen != screenPicker || !strings.Contains(hs.text(), "cannot be opened") {
		t.Errorf("enter on the damaged assessment:\n%s", hs.text())
	}
	if strings.ContainsRune(hs.text(), 0x1b) {
		t.Error("the organisation's escape sequence reached the screen")
	}
}
