package main

import (
	"math"
	"runtime/debug"
	"testing"
	"time"

	"wgll/ui"
)

// TestCommandGC: a command collects at commandGCPercent within
// commandMemoryLimit, the app and the server at Go's defaults, and GOGC or
// GOMEMLIMIT, when set, is left to the runtime.
func TestCommandGC(t *testing.T) {
	pct, lim := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(pct); debug.SetMemoryLimit(lim) })
	none := func(string) string { return "" }

	commandGC(none)
	if got := debug.SetGCPercent(100); got != commandGCPercent {
		t.Errorf("a command collects at GOGC %d, want %d", got, commandGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != commandMemoryLimit {
		t.Errorf("a command's memory limit is %d, want %d", got, commandMemoryLimit)
	}
	longRunningGC(none)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("the app collects at GOGC %d, want Go's 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("the app's memory limit is %d before it sets its own, want none", got)
	}

	debug.SetGCPercent(70)
	debug.SetMemoryLimit(1 << 30)
	set := func(k string) string { return map[string]string{"GOGC": "70", "GOMEMLIMIT": "1GiB"}[k] }
	commandGC(set)
	longRunningGC(set)
	if got := debug.SetGCPercent(100); got != 70 {
		t.Errorf("GOGC=70 was overridden: %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("GOMEMLIMIT=1GiB was overridden: %d", got)
	}
}

// TestAppGC: the app collects only at ui.MemoryLimit while it starts, and
// at Go's default once startUpGC has passed; GOGC, when set, is the app's
// from the start, and with GOMEMLIMIT set the limit is the user's too.
func TestAppGC(t *testing.T) {
	pct, lim := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { stopFollowing(); debug.SetGCPercent(pct); debug.SetMemoryLimit(lim) })
	none := func(string) string { return "" }
	var later func()
	var wait time.Duration
	after := func(d time.Duration, f func()) { wait, later = d, f }

	appGC(none, after)
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("the starting app collects at GOGC %d, want only at its limit (-1)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != ui.MemoryLimit {
		t.Errorf("the app's memory limit is %d, want ui.MemoryLimit %d", got, ui.MemoryLimit)
	}
	follow.Lock()
	floor := follow.floor
	follow.Unlock()
	if floor != ui.MemoryLimit {
		t.Errorf("the app's limit follows the live heap from %d, want from ui.MemoryLimit %d", floor, ui.MemoryLimit)
	}
	if later == nil || wait != startUpGC {
		t.Fatalf("no return to the default after %v (got %v)", startUpGC, wait)
	}
	later()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after the start the app collects at GOGC %d, want Go's 100", got)
	}

	later = nil
	debug.SetGCPercent(70)
	appGC(func(k string) string { return map[string]string{"GOGC": "70"}[k] }, after)
	if got := debug.SetGCPercent(100); got != 70 || later != nil {
		t.Errorf("with GOGC=70 the app collects at %d (a return scheduled: %v), want 70 from the start", got, later != nil)
	}
	debug.SetMemoryLimit(1 << 30)
	appGC(func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] }, after)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 || later != nil {
		t.Errorf("with GOMEMLIMIT=1GiB the limit is %d (a start-up pause: %v), want the user's, no pause", got, later != nil)
	}
}
