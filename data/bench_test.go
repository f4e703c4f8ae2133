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
