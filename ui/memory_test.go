package ui

import (
	"runtime"
	"runtime/metrics"
	"testing"

	tea "charm.land/bubbletea/v2"

	"wgll/data/demo"
)

// liveHeap is the heap the last collection found reachable, after a full
// collection now.
func liveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestBrowsingXLHeapStaysUnderLimit walks the xl workbook as scripts/bench's
// peak_rss does (the busiest statement's 2,500 evidence items and 2,500
// actions paged through, a statement of every measure, back to the picker
// and the assessment opened again) and checks that what the app keeps
// reachable stays under half of MemoryLimit (issue 16). A live heap near
// the limit would make the collector run at every allocation, so this is
// what makes the lowered limit safe: it holds one assessment's scores and
// counts and one statement's lists, not the assessment, and not an old
// assessment beside a reloaded one.
func TestBrowsingXLHeapStaysUnderLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("opens the xl demo workbook; run without -short")
	}
	base := liveHeap()
	ba := openBenchApp(t, demo.XL, t.TempDir())
	var peak uint64
	var where string
	note := func(step string) {
		n := liveHeap()
		if n > base && n-base > peak {
			peak, where = n-base, step
		}
	}
	note("overview")
	ba.toHot(t)
	if n := len(ba.app.a.Evidence[ba.app.curStatementID()]); n != demo.XLHotItems {
		t.Fatalf("the busiest xl statement has %d evidence items, want %d", n, demo.XLHotItems)
	}
	note("busiest statement")
	pgdown := tea.KeyPressMsg{Code: tea.KeyPgDown}
	for range 2 {
		ba.keys(t, "tab")
		for range 30 {
			ba.send(t, pgdown)
			_ = ba.app.View()
		}
	}
	note("both lists paged through")
	ba.reset(t)
	for range ba.app.measures {
		ba.keys(t, "enter", "down", "enter", "tab", "esc", "esc", "down")
		_ = ba.app.View()
		note("a statement of each measure")
	}
	ba.keys(t, "esc")
	if ba.app.screen != screenPicker {
		t.Fatalf("esc on the overview did not go back to the picker (screen %d)", ba.app.screen)
	}
	ba.keys(t, "enter")
	if ba.app.screen != screenOverview {
		t.Fatalf("enter on the picker did not open the overview again (screen %d)", ba.app.screen)
	}
	note("opened again")
	t.Logf("live heap held by the app browsing xl: at most %.1f MB (%s); the memory limit is %d MiB", float64(peak)/1e6, where, MemoryLimit>>20)
	if peak > MemoryLimit/2 {
		t.Errorf("browsing xl keeps %.1f MB reachable (%s), more than half the %d MiB memory limit", float64(peak)/1e6, where, MemoryLimit>>20)
	}
	runtime.KeepAlive(ba)
}
