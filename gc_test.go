package main

import (
	"math"
	"runtime/debug"
	"testing"
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
