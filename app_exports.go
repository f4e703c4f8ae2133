package main

import (
	"context"
	"sync"
	"time"
)

// appExports are the app's exports still being written (issue 16). An
// export runs outside Bubble Tea's loop, so the program can end while one
// is under way: quitting after the app's question, SIGTERM, SIGHUP. The
// process used to end with it, leaving the export's hidden temporary file
// (.name.tmp-NNN) in the user's folder. Now each export's context is
// cancelled when the program ends, and the process waits for it to remove
// what it wrote before closing the workbook.
type appExports struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	next    int
	cancels map[int]context.CancelFunc
}

// exportsGrace is how long the end of the program waits for cancelled
// exports to clear up: a cancelled export stops at its next read or write,
// within milliseconds, so this only bounds a disk that no longer answers.
const exportsGrace = 5 * time.Second

// begin counts an export starting under ctx and returns its context,
// which stop cancels, and the function to call when it ends.
func (x *appExports) begin(ctx context.Context) (context.Context, func()) {
	c, cancel := context.WithCancel(ctx)
	x.mu.Lock()
	if x.cancels == nil {
		x.cancels = map[int]context.CancelFunc{}
	}
	x.next++
	id := x.next
	x.cancels[id] = cancel
	x.wg.Add(1)
	x.mu.Unlock()
	return c, func() {
		x.mu.Lock()
		delete(x.cancels, id)
		x.mu.Unlock()
		cancel()
		x.wg.Done()
	}
}

// stop cancels every export still running and waits, up to grace, for
// them to end; it reports whether they all did.
func (x *appExports) stop(grace time.Duration) bool {
	x.mu.Lock()
	for _, cancel := range x.cancels {
		cancel()
	}
	x.mu.Unlock()
	done := make(chan struct{})
	go func() { x.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(grace):
		return false
	}
}
