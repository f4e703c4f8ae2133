package main

// Start-up benchmarks (issue 6): from nothing to the first complete frame,
// in-process, through the same path as 'wgll --db FILE' (openStore, then
// ui.New), with the app's commands run concurrently as the Bubble Tea
// runtime runs them. scripts/bench measures the whole process in a
// pseudo-terminal against a minimal Bubble Tea program.

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/demo"
	"wgll/ui"
)

// Text that shows which screen a frame is.
const (
	pickerMarker   = "Assessments in this workbook"
	overviewMarker = "Heatmap for the"
)

// startApp opens path as the open command does and runs the app's start-up
// until a frame containing marker is drawn; with enter set it presses enter
// on the first frame showing the picker (as a user choosing the newest
// assessment would). It returns that frame.
func startApp(tb testing.TB, path, marker string, enter bool) string {
	tb.Helper()
	e := &env{ctx: context.Background(), stdout: io.Discard, stderr: io.Discard,
		getenv: func(string) string { return "" }, now: func() time.Time { return demo.LargeNow },
		g: globals{db: path, user: "bench"}}
	// As wgll open does, the rotating backup is not taken before the first
	// screen (the app takes it beside the first screen; scripts/bench's
	// whole-process figures include it).
	st, err := openStoreWith(e, data.Options{NoBackupOnOpen: true})
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	defer st.Close()
	app := ui.New(ui.Config{Store: st, CriteriaTOML: criteria.BuiltinTOML(), Now: e.now})

	msgs := make(chan tea.Msg, 64)
	done := make(chan struct{})
	defer close(done)
	var spawn func(tea.Cmd)
	spawn = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		go func() {
			msg := cmd()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					spawn(c)
				}
				return
			}
			if msg == nil || strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "backgroundcolor") {
				return // a terminal query; no terminal answers here
			}
			select {
			case msgs <- msg:
			case <-done: // a timer that fired after the frame was drawn
			}
		}()
	}
	update := func(msg tea.Msg) string {
		_, cmd := app.Update(msg)
		spawn(cmd)
		return ansi.Strip(app.View().Content)
	}
	update(tea.WindowSizeMsg{Width: 120, Height: 40})
	spawn(app.Init())
	timeout := time.After(30 * time.Second)
	for {
		select {
		case msg := <-msgs:
			frame := update(msg)
			if strings.Contains(frame, marker) {
				return frame
			}
			if enter && strings.Contains(frame, pickerMarker) {
				enter = false
				if frame = update(tea.KeyPressMsg{Code: tea.KeyEnter}); strings.Contains(frame, marker) {
					return frame
				}
			}
		case <-timeout:
			tb.Fatalf("no frame with %q within 30s; last frame:\n%s", marker, ansi.Strip(app.View().Content))
		}
	}
}

// BenchmarkStart times start-up on the small and large demo workbooks: to
// the first complete frame (the assessment picker, since both hold several
// assessments) and to the newest assessment's overview, pressing enter on
// the picker as soon as it is drawn. One untimed open first takes the
// rotating backup, as the first open of a changed file does, so the timed
// opens are the everyday case.
func BenchmarkStart(b *testing.B) {
	for _, size := range []demo.Size{demo.Small, demo.Large, demo.XL} {
		path := filepath.Join(b.TempDir(), string(size)+".db")
		if err := demo.CopyCached(context.Background(), size, path); err != nil {
			b.Fatalf("copy the %s demo: %v", size, err)
		}
		startApp(b, path, pickerMarker, false)
		for _, to := range []struct {
			name   string
			marker string
			enter  bool
		}{{"first-frame", pickerMarker, false}, {"overview", overviewMarker, true}} {
			b.Run(string(size)+"/"+to.name, func(b *testing.B) {
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					startApp(b, path, to.marker, to.enter)
				}
				reportCPU(b, start)
			})
		}
	}
}
