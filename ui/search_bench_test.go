package ui

import (
	"context"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/data"
	"wgll/data/demo"
	"wgll/model"
)

// BenchmarkSearch times the / dialog on the three demos (issue 16): "key"
// is one key press in it (Update and the frame, the search it starts not
// run: that runs off the UI thread), with its median and worst; "search"
// is a search run to its hits on screen, the store's SQL included.
func BenchmarkSearch(b *testing.B) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(MemoryLimit))
	for _, size := range []demo.Size{demo.Small, demo.Large, demo.XL} {
		ba := openBenchApp(b, size, b.TempDir())
		ba.keys(b, "/")
		s, ok := ba.app.top().(*search)
		if !ok {
			b.Fatal("/ did not open the search")
		}
		keys := [2]tea.KeyPressMsg{benchKey("s"), {Code: tea.KeyBackspace}}
		b.Run(string(size)+"/key", func(b *testing.B) {
			times := make([]time.Duration, 0, 1024)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				cmd, _ := ba.keystroke(keys[i%2])
				times = append(times, time.Since(start))
				if cmd != nil {
					s.stop() // the search it started, never run
				}
			}
			b.StopTimer()
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(times[len(times)-1].Nanoseconds()), "max-ns")
		})
		b.Run(string(size)+"/search", func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			defer reportCPU(b, start)
			for i := 0; b.Loop(); i++ {
				ba.send(b, keys[0])
				if s.busy || s.total == 0 {
					b.Fatalf("no hits for %q (busy %v, err %q)", s.input.Value(), s.busy, s.err)
				}
				ba.send(b, keys[1])
			}
		})
	}
}

// BenchmarkPlanScreen opens the improvement plan on the xl demo with a
// target of 5 on every measure (every scored statement below 5 a gap,
// every live action of them listed: 57,113 on xl), reads included, and
// reports the live heap the open plan holds (held-bytes), then times a
// key press on it.
func BenchmarkPlanScreen(b *testing.B) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(MemoryLimit))
	for _, size := range []demo.Size{demo.Large, demo.XL} {
		ba := openBenchApp(b, size, b.TempDir())
		st := ba.store.Store.(*data.Store)
		for _, m := range ba.app.a.Measures() {
			if _, err := st.SetMeasureTarget(context.Background(), ba.app.a.ID, m.Key, model.Target{Level: 5, Due: demo.LargeNow.AddDate(0, 6, 0)}); err != nil {
				b.Fatal(err)
			}
		}
		ba.keys(b, "esc", "enter") // reopen with the targets
		b.Run(string(size)+"/open", func(b *testing.B) {
			var held float64
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				ba.keys(b, "p")
				_ = ba.app.View()
				b.StopTimer()
				if ba.app.screen != screenPlan || ba.app.sc.plan.plan == nil || len(ba.app.sc.plan.plan.Items) == 0 {
					b.Fatalf("the plan did not open with gaps (screen %d)", ba.app.screen)
				}
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&after)
				ba.keys(b, "esc")
				ba.app.sc.plan.plan, ba.app.sc.plan.rep.lines = nil, nil
				runtime.GC()
				runtime.ReadMemStats(&before)
				held = float64(after.HeapAlloc) - float64(before.HeapAlloc)
				b.StartTimer()
			}
			reportCPU(b, start)
			b.ReportMetric(held, "held-bytes")
		})
		b.Run(string(size)+"/key", func(b *testing.B) {
			ba.keys(b, "p")
			keys := [2]tea.KeyPressMsg{benchKey("down"), benchKey("up")}
			times := make([]time.Duration, 0, 1024)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				ba.keystroke(keys[i%2])
				times = append(times, time.Since(start))
			}
			b.StopTimer()
			b.ReportMetric(float64(times[0].Nanoseconds()), "first-ns")
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(times[len(times)-1].Nanoseconds()), "max-ns")
			ba.keys(b, "esc")
		})
	}
}
