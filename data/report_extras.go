package data

import (
	"context"
	"errors"
	"fmt"

	"wgll/data/benchmark"
	"wgll/data/export"
	"wgll/model"
)

// ReportExtras loads what the board report of a shows beside a itself: the
// assessments of the same organisation and audience (model.SameGroup) for
// periods up to a's, for the trend, and the national benchmark, the newest
// one imported into the workbook or else the built-in 2025 means. The
// command line and the app both call it, so their reports show the same.
func (s *Store) ReportExtras(ctx context.Context, a *model.Assessment) (export.ReportExtras, error) {
	var x export.ReportExtras
	if a == nil {
		return x, errors.New("report: no assessment is open")
	}
	hs, err := s.Assessments(ctx)
	if err != nil {
		return x, fmt.Errorf("list the assessments for the trend: %w", err)
	}
	// The trend shows scores only, which is all that is read of the
	// earlier periods (Scores).
	var ids []int64
	for _, h := range hs {
		// A damaged assessment stays out of the trend (see Header.Unreadable).
		if h.ID == a.ID || h.Unreadable != "" || !model.SameGroup(h, a.Header) || model.ComparePeriods(h.Period, a.Period) > 0 {
			continue
		}
		ids = append(ids, h.ID)
	}
	earlier, err := s.Scores(ctx, ids)
	if err != nil {
		return x, fmt.Errorf("load the earlier periods for the trend: %w", err)
	}
	x.History = append([]*model.Assessment{a}, earlier...)
	x.Benchmark, err = s.Benchmark(ctx, 0)
	if errors.Is(err, ErrNotFound) {
		x.Benchmark, err = benchmark.National2025(), nil
	}
	if err != nil {
		return x, fmt.Errorf("load the benchmark for the report: %w", err)
	}
	return x, nil
}
