package data

import (
	"errors"
	"testing"

	"wgll/data/benchmark"
	"wgll/model"
)

func TestBenchmarkStore(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	if _, err := s.Benchmark(ctx, 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty workbook: err = %v, want ErrNotFound", err)
	}
	b, err := benchmark.Import("benchmark/testdata/dma-2025-results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// Saving twice replaces rather than duplicates.
	for range 2 {
		if err := s.SaveBenchmark(ctx, b); err != nil {
			t.Fatalf("SaveBenchmark: %v", err)
		}
	}
	got, err := s.Benchmark(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Year != 2025 || got.Source != b.Source || len(got.Providers) != len(b.Providers) || len(got.ICS) != len(b.ICS) || len(got.National) != len(b.National) {
		t.Fatalf("stored benchmark: year %d, %d providers, %d ICS, %d settings; want %d, %d, %d, %d",
			got.Year, len(got.Providers), len(got.ICS), len(got.National), b.Year, len(b.Providers), len(b.ICS), len(b.National))
	}
	for st, m := range b.National {
		for k, v := range m.Scores {
			if g, _ := got.NationalMean(st, k); g != v || got.National[st].Entries != m.Entries {
				t.Errorf("%s %s = %v (%d entries), want %v (%d)", st, k, g, got.National[st].Entries, v, m.Entries)
			}
		}
	}
	for i, p := range b.Providers {
		q := got.Providers[i]
		if q.Provider != p.Provider || q.Setting != p.Setting || q.ICS != p.ICS || len(q.Scores) != len(p.Scores) || len(q.Comparable) != len(p.Comparable) {
			t.Fatalf("provider %d = %+v, want %+v", i, q, p)
		}
		for k, v := range p.Scores {
			if q.Scores[k] != v {
				t.Errorf("%s %s = %v, want %v", p.Provider, k, q.Scores[k], v)
			}
		}
	}
	if _, err := s.Benchmark(ctx, 2019); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing year: err = %v", err)
	}
	if err := s.SaveBenchmark(ctx, &model.Benchmark{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("benchmark without a year: err = %v", err)
	}
}
