package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimitFor(t *testing.T) {
	for _, c := range []struct{ live, floor, want int64 }{
		{0, 48 << 20, 48 << 20},
		{10 << 20, 48 << 20, 48 << 20},
		{40 << 20, 48 << 20, 50 << 20},
		{400 << 20, 48 << 20, 500 << 20},
	} {
		if got := limitFor(c.live, c.floor); got != c.want {
			t.Errorf("limitFor(%d, %d) = %d, want %d", c.live, c.floor, got, c.want)
		}
	}
}

// TestMemoryLimitFollowsLiveHeap: once a command's live heap outgrows
// its floor, the limit after the next collection is limitFor the live
// heap; once the app or server stops it, collections leave the limit
// alone.
func TestMemoryLimitFollowsLiveHeap(t *testing.T) {
	pct, lim := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { stopFollowing(); debug.SetGCPercent(pct); debug.SetMemoryLimit(lim) })
	const floor = 8 << 20
	followLiveHeap(floor)
	if got := debug.SetMemoryLimit(-1); got != floor {
		t.Fatalf("limit %d, want the floor %d", got, floor)
	}
	live := make([]byte, 64<<20)
	for i := range live {
		live[i] = byte(i)
	}
	raised := func() bool {
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			runtime.GC()
			if debug.SetMemoryLimit(-1) >= 64<<20+16<<20 {
				return true
			}
			time.Sleep(10 * time.Millisecond)
		}
		return false
	}
	if !raised() {
		t.Fatalf("with 64 MiB live the limit stayed at %d", debug.SetMemoryLimit(-1))
	}
	runtime.KeepAlive(live)

	stopFollowing()
	debug.SetMemoryLimit(1 << 40)
	runtime.GC()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("after stopFollowing a collection set the limit to %d", got)
	}
}
