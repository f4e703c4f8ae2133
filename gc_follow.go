package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A command's soft memory limit follows its live heap (issue 16). Within
// commandMemoryLimit a short command never collects; but a PDF report of
// thousands of pages must hold them all (fpdf keeps every page until the
// end: 300 MB for the large demo's report), and with its live heap past
// the limit the collector ran without pause and returned memory to the
// system only to fault it back: that report took 9.3 s against 4.7 s at
// GOGC 50 and no limit. So after each collection the limit becomes the
// larger of commandMemoryLimit and followHeadroom times the live heap,
// the collection a command whose heap must grow then makes at GOGC 25.

// followHeadroom is how far above the live heap the limit follows it, as
// a fraction of it.
const followHeadroom = 0.25

// limitFor is the soft memory limit for a live heap of live bytes, never
// below floor.
func limitFor(live, floor int64) int64 {
	return max(floor, live+int64(float64(live)*followHeadroom))
}

var follow struct {
	sync.Mutex
	// floor is the limit's floor while the limit follows the heap, 0 once
	// stopped.
	floor int64
	// gen numbers each time following starts, so that a tick armed before
	// a stop and a new start ends rather than run beside the new one's.
	gen int
}

// followLiveHeap sets the soft memory limit to floor and, after every
// collection, to limitFor the live heap, until stopFollowing. A start
// after a stop (the app's, after the command's) begins a new chain.
func followLiveHeap(floor int64) {
	follow.Lock()
	defer follow.Unlock()
	armed := follow.floor != 0
	follow.floor = floor
	debug.SetMemoryLimit(floor)
	if !armed {
		follow.gen++
		afterNextGC(follow.gen)
	}
}

// stopFollowing leaves the memory limit where it is, for the caller to set.
func stopFollowing() {
	follow.Lock()
	follow.floor = 0
	follow.Unlock()
}

// gcTick is an object nothing keeps, whose cleanup runs after the
// collection that frees it.
type gcTick struct{ _ *int }

func afterNextGC(gen int) {
	runtime.AddCleanup(new(gcTick), func(struct{}) {
		follow.Lock()
		defer follow.Unlock()
		if follow.floor == 0 || follow.gen != gen {
			return
		}
		debug.SetMemoryLimit(limitFor(heapLive(), follow.floor))
		afterNextGC(gen)
	}, struct{}{})
}

// heapLive is the heap the last collection found live, in bytes.
func heapLive() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
