package main

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestProgressLine (syncBuffer is serve_test.go's): on a terminal, long work's line comes after
// progressAfter, is rewritten in place with the count and the time, keeps
// hostile text off the terminal, and is cleared at the end; nothing is
// written to a pipe, nor for work that ends sooner.
func TestProgressLine(t *testing.T) {
	after, every := progressAfter, progressEvery
	t.Cleanup(func() { progressAfter, progressEvery = after, every })
	progressAfter, progressEvery = 20*time.Millisecond, 10*time.Millisecond

	var tty syncBuffer
	e := &env{stderr: termGuard{&tty}}
	var n atomic.Int64
	n.Store(1234)
	stop := showProgress(e, "board report (pdf) \x1b]0;pwned\x07", 5000, &n)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(tty.String(), "1,234 of 5,000 items read") {
		if time.Now().After(deadline) {
			t.Fatalf("no progress line: %q", tty.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	stop() // twice is safe
	out := tty.String()
	if !strings.HasPrefix(out, "\r\x1b[K") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("the line is not rewritten in place and cleared: %q", out)
	}
	if strings.Contains(out, "\x07") || strings.Contains(out, "]0;") {
		t.Errorf("hostile text reached the terminal: %q", out)
	}
	if !strings.Contains(out, "Writing the board report (pdf)") || !strings.Contains(out, "ctrl+c cancels") {
		t.Errorf("line: %q", out)
	}

	var quick syncBuffer
	e = &env{stderr: termGuard{&quick}}
	progressAfter = time.Hour
	showProgress(e, "action list (csv)", 0, &n)()
	if quick.String() != "" {
		t.Errorf("work that ended before the line was due wrote %q", quick.String())
	}
	var pipe syncBuffer
	e = &env{stderr: &pipe}
	progressAfter = time.Millisecond
	stop = showProgress(e, "action list (csv)", 0, &n)
	time.Sleep(20 * time.Millisecond)
	stop()
	if pipe.String() != "" {
		t.Errorf("a pipe got %q", pipe.String())
	}
}
