package main

import (
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"wgll/ui"
)

// A command writing a long export to a file says how far it has got
// (issue 16): the PDF board report of the xl demo's newest assessment
// takes tens of seconds. On standard error, when that is a terminal, a
// line a second after the start, rewritten twice a second and cleared at
// the end, in the app's words (ui.Progress). Nothing is printed to a
// pipe or a file, nor for an export that ends within the second.

const (
	progressAfter = time.Second
	progressEvery = 500 * time.Millisecond
)

// showProgress shows the progress of writing label, whose items read
// counts (of total, 0 when not known), until stop.
func showProgress(e *env, label string, total int64, read *atomic.Int64) (stop func()) {
	g, ok := e.stderr.(termGuard)
	if !ok {
		return func() {}
	}
	width := 80
	if f, ok := g.w.(*os.File); ok {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 1 {
			width = w
		}
	}
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTimer(progressAfter)
		defer t.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					io.WriteString(g.w, "\r\x1b[K")
				}
				return
			case <-t.C:
				line := ui.Sanitize(ui.Progress("Writing the "+label, read.Load(), total, time.Since(start)) + " · ctrl+c cancels")
				// One line, never wrapped, so \r goes back over all of it.
				io.WriteString(g.w, "\r\x1b[K"+ansi.Truncate(line, width-1, "…"))
				shown = true
				t.Reset(progressEvery)
			}
		}
	}()
	return sync.OnceFunc(func() { close(done); wg.Wait() })
}
