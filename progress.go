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

// A long command says how far it has got (issue 16): the PDF board report
// of the xl demo's newest assessment takes tens of seconds, and importing
// an ICS's 430 assessments twenty. On standard error, when that is a
// terminal, a line a second after the start, rewritten twice a second and
// cleared at the end, in the app's words (ui.Progress). Nothing is printed
// to a pipe or a file, nor for work that ends within the second.

// progressAfter and progressEvery time the line (tests shorten them).
var (
	progressAfter = time.Second
	progressEvery = 500 * time.Millisecond
)

// showProgress shows the progress of writing label, whose items read
// counts (of total, 0 when not known), until stop.
func showProgress(e *env, label string, total int64, read *atomic.Int64) (stop func()) {
	return showLine(e, func(elapsed time.Duration) string {
		return ui.Progress("Writing the "+label, read.Load(), total, "items read", elapsed)
	})
}

// showLine shows what line says of the work under way, after elapsed, on
// the progress line until stop.
func showLine(e *env, line func(elapsed time.Duration) string) (stop func()) {
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
				text := ui.Sanitize(line(time.Since(start)) + " · ctrl+c cancels")
				// One line, never wrapped, so \r goes back over all of it.
				io.WriteString(g.w, "\r\x1b[K"+ansi.Truncate(text, width-1, "…"))
				shown = true
				t.Reset(progressEvery)
			}
		}
	}()
	return sync.OnceFunc(func() { close(done); wg.Wait() })
}
