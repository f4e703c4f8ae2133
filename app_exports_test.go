package main

import (
	"context"
	"runtime/debug"
	"testing"
	"time"

	"wgll/ui"
)

// TestAppExportsStopAndWait: when the program ends, every export still
// running is cancelled and waited for, so it can remove its temporary
// file before the process ends; one that does not stop is given up on
// after the grace.
func TestAppExportsStopAndWait(t *testing.T) {
	var x appExports
	ended := make(chan struct{})
	ctx1, end1 := x.begin(context.Background())
	ctx2, end2 := x.begin(context.Background())
	end2() // finished before the end
	go func() {
		<-ctx1.Done()
		time.Sleep(20 * time.Millisecond) // clearing up
		close(ended)
		end1()
	}()
	if !x.stop(5 * time.Second) {
		t.Fatal("stop gave up on an export that ended")
	}
	select {
	case <-ended:
	default:
		t.Fatal("stop returned before the export had cleared up")
	}
	if ctx2.Err() == nil {
		t.Error("an ended export's context should be released")
	}

	var y appExports
	ctx3, end3 := y.begin(context.Background())
	defer end3()
	if y.stop(30 * time.Millisecond) {
		t.Error("stop said an export that never ended had ended")
	}
	if ctx3.Err() == nil {
		t.Error("stop did not cancel the export")
	}
}

// TestExportMemoryFollowsAndRestores: while the app exports, its memory
// limit follows the live heap from the app's limit, and is the app's
// limit again after; GOMEMLIMIT, when set, is left alone.
func TestExportMemoryFollowsAndRestores(t *testing.T) {
	lim := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { stopFollowing(); debug.SetMemoryLimit(lim) })
	debug.SetMemoryLimit(ui.MemoryLimit)
	restore := exportMemory(func(string) string { return "" })
	follow.Lock()
	floor := follow.floor
	follow.Unlock()
	if floor != ui.MemoryLimit {
		t.Errorf("while exporting the limit follows from %d, want ui.MemoryLimit %d", floor, ui.MemoryLimit)
	}
	debug.SetMemoryLimit(1 << 30) // as following a large heap would
	restore()
	if got := debug.SetMemoryLimit(-1); got != ui.MemoryLimit {
		t.Errorf("after the export the limit is %d, want %d", got, ui.MemoryLimit)
	}
	follow.Lock()
	floor = follow.floor
	follow.Unlock()
	if floor != 0 {
		t.Error("the limit still follows the heap after the export")
	}

	debug.SetMemoryLimit(123 << 20)
	exportMemory(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "123MiB"
		}
		return ""
	})()
	if got := debug.SetMemoryLimit(-1); got != 123<<20 {
		t.Errorf("with GOMEMLIMIT set the limit became %d", got)
	}
}
