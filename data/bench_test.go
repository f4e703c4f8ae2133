package data_test

// Benchmarks of the store on the large demo workbook (issue 6): opening it
// and loading the newest assessment, and committing one edit. The workbook
// is built once per machine (demo.Cached) and copied per benchmark, since
// the commit benchmarks change it.

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"wgll/data"
	"wgll/data/demo"
	"wgll/model"
)

// largeCopy copies the cached large demo into a fresh temporary folder.
func largeCopy(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "large.db")
	if err := demo.CopyCached(context.Background(), demo.Large, path); err != nil {
		b.Fatalf("copy the large demo: %v", err)
	}
	return path
}

func openLarge(b *testing.B, path string) *data.Store {
	b.Helper()
	st, err := data.Open(path, data.Options{User: "bench", NoBackupOnOpen: true})
	if err != nil {
		b.Fatalf("open %s: %v", path, err)
	}
	return st
}

// BenchmarkOpenAndLoadLarge is the store's share of starting the app on the
// large workbook: open the file, list the assessments and load the newest
// (20,000 evidence items and 20,000 actions).
func BenchmarkOpenAndLoadLarge(b *testing.B) {
	path := largeCopy(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		st := openLarge(b, path)
		hs, err := st.Assessments(ctx)
		if err != nil {
			b.Fatal(err)
		}
		a, err := st.Assessment(ctx, hs[0].ID)
		if err != nil {
			b.Fatal(err)
		}
		if len(a.Actions) == 0 {
			b.Fatal("the newest assessment has no actions")
		}
		st.Close()
	}
}

// BenchmarkCommit times committing one edit to the large workbook, each its
// own durable (synchronous=FULL) transaction with its change-log rows.
// Budget (issue 6): median under 10 ms; p50-ns reports the median.
func BenchmarkCommit(b *testing.B) {
	ctx := context.Background()
	path := largeCopy(b)
	st := openLarge(b, path)
	b.Cleanup(func() { st.Close() })
	sum, err := st.Assessments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	a, err := st.Assessment(ctx, sum[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	sid := a.Measures()[0].Statements[0].ID
	edits := []struct {
		name string
		do   func(i int) error
	}{
		{"score", func(i int) error {
			_, err := st.SetScore(ctx, a.ID, sid, model.Score(1+i%5))
			return err
		}},
		{"evidence", func(i int) error {
			_, err := st.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: sid, Title: "Board paper, item 7", Link: "Board 2026-11"})
			return err
		}},
		{"action", func(i int) error {
			_, err := st.SaveAction(ctx, a.ID, model.Action{StatementID: sid, Title: "Agree the cloud plan", Owner: "CIO",
				Due: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), Status: model.StatusOpen, Priority: model.PriorityHigh})
			return err
		}},
	}
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			times := make([]time.Duration, 0, 64)
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if err := e.do(i); err != nil {
					b.Fatalf("commit %s: %v", e.name, err)
				}
				times = append(times, time.Since(start))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(times[len(times)-1].Nanoseconds()), "max-ns")
		})
	}
}

// sizeCopy copies the cached demo of the given size into a fresh folder.
func sizeCopy(b *testing.B, size demo.Size) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), string(size)+".db")
	if err := demo.CopyCached(context.Background(), size, path); err != nil {
		b.Fatalf("copy the %s demo: %v", size, err)
	}
	return path
}

// benchSizes are the demo workbooks the screen-sized reads are measured on.
var benchSizes = []demo.Size{demo.Small, demo.Large, demo.XL}

// BenchmarkScreenReads times the reads behind each screen (issue 16) on
// the three demo sizes: the picker's list, the overview's summary of the
// newest assessment, opening its busiest statement, the compare and trend
// screens' reads and the ICS grid's scores. Their cost should follow the
// screen, not the workbook.
func BenchmarkScreenReads(b *testing.B) {
	ctx := context.Background()
	for _, size := range benchSizes {
		st := openLarge(b, sizeCopy(b, size))
		hs, err := st.Assessments(ctx)
		if err != nil {
			b.Fatal(err)
		}
		newest := hs[0]
		whole, err := st.AssessmentSummary(ctx, newest.ID, demo.LargeNow, "")
		if err != nil {
			b.Fatal(err)
		}
		hot := ""
		for _, m := range whole.Measures() {
			for _, s := range m.Statements {
				if hot == "" || whole.Items(s.ID, demo.LargeNow).Evidence > whole.Items(hot, demo.LargeNow).Evidence {
					hot = s.ID
				}
			}
		}
		var group, orgs []int64
		for _, h := range hs {
			if h.Organisation == newest.Organisation && h.Audience == newest.Audience {
				group = append(group, h.ID)
			}
			if h.Audience == newest.Audience && h.Period == newest.Period {
				orgs = append(orgs, h.ID)
			}
		}
		reads := []struct {
			name string
			do   func() error
		}{
			{"picker", func() error { _, err := st.Assessments(ctx); return err }},
			{"overview", func() error { _, err := st.AssessmentOverview(ctx, newest.ID, ""); return err }},
			{"action-counts", func() error { _, err := st.ActionCounts(ctx, newest.ID, demo.LargeNow); return err }},
			{"statement", func() error { _, _, err := st.StatementItems(ctx, newest.ID, hot); return err }},
			{"compare", func() error {
				if len(group) < 2 {
					return nil
				}
				_, _, err := st.CompareSummaries(ctx, group[1], group[0], demo.LargeNow)
				return err
			}},
			{"trend", func() error { _, err := st.Summaries(ctx, group, demo.LargeNow); return err }},
			{"ics-grid", func() error { _, err := st.Scores(ctx, orgs); return err }},
		}
		for _, r := range reads {
			b.Run(string(size)+"/"+r.name, func(b *testing.B) {
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					if err := r.do(); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, start)
			})
		}
		st.Close()
	}
}
