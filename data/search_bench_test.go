package data_test

import (
	"context"
	"runtime"
	"testing"

	"wgll/data/demo"
	"wgll/model"
)

// BenchmarkSearch times the / search (issue 16) on the newest assessment of
// each demo: "sql" is Store.Search returning the first 200 hits, as the
// dialog asks; "whole" is what the dialog did before, reading the whole
// assessment and searching it in memory. Queries: a word in many items
// ("review"), a rare one, two words, and a non-ASCII word (matched through
// Go's case folding rather than SQLite's ASCII lower()).
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	for _, size := range benchSizes {
		st := openLarge(b, sizeCopy(b, size))
		hs, err := st.Assessments(ctx)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := st.AssessmentSummary(ctx, hs[0].ID, demo.LargeNow, "")
		if err != nil {
			b.Fatal(err)
		}
		stmts := searchStatements(sum)
		for _, typed := range []string{"review", "zzqx", "board minutes", "santé", "s"} {
			q := model.SearchQuery{AssessmentID: sum.ID, Words: model.SearchWords(typed), Statements: stmts, Limit: 200}
			b.Run(string(size)+"/sql/"+typed, func(b *testing.B) {
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					if _, err := st.Search(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, start)
			})
			if typed != "review" {
				continue
			}
			b.Run(string(size)+"/whole/"+typed, func(b *testing.B) {
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					a, err := st.Assessment(ctx, sum.ID)
					if err != nil {
						b.Fatal(err)
					}
					model.SearchAssessment(a, q)
				}
				reportCPU(b, start)
			})
		}
		st.Close()
	}
}

// BenchmarkPlanRead times the improvement plan's read (issue 16) on the
// newest assessment of each demo: "support" is PlanSupport for the gaps
// of the summary the app holds, "whole" what the plan screen did before,
// reading the whole assessment.
func BenchmarkPlanRead(b *testing.B) {
	ctx := context.Background()
	for _, size := range benchSizes {
		st := openLarge(b, sizeCopy(b, size))
		hs, err := st.Assessments(ctx)
		if err != nil {
			b.Fatal(err)
		}
		// The worst case: a target of 5 on every measure, so every scored
		// statement below 5 is a gap and every live action is listed (the
		// demos set no targets of their own on the newest assessment).
		first, err := st.AssessmentOverview(ctx, hs[0].ID, "")
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range first.Measures() {
			if _, err := st.SetMeasureTarget(ctx, first.ID, m.Key, model.Target{Level: 5, Due: demo.LargeNow.AddDate(0, 6, 0)}); err != nil {
				b.Fatal(err)
			}
		}
		sum, err := st.AssessmentOverview(ctx, hs[0].ID, "")
		if err != nil {
			b.Fatal(err)
		}
		gaps := model.PlanGaps(sum)
		b.Logf("%s: %d gaps", size, len(gaps))
		b.Run(string(size)+"/support", func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				sup, err := st.PlanSupport(ctx, sum.ID, gaps, demo.LargeNow)
				if err != nil {
					b.Fatal(err)
				}
				model.BuildPlanFrom(sum, sup, demo.LargeNow)
			}
			reportCPU(b, start)
		})
		b.Run(string(size)+"/whole", func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				a, err := st.Assessment(ctx, sum.ID)
				if err != nil {
					b.Fatal(err)
				}
				model.BuildPlan(a, demo.LargeNow)
			}
			reportCPU(b, start)
		})
		st.Close()
	}
}

// BenchmarkStatementHeld measures what one open statement holds (issue
// 16's question whether a statement with thousands of items should be
// read in pages): the live heap after reading the xl demo's busiest
// statement's evidence and actions and collecting garbage, as
// held-bytes, against the statement's items.
func BenchmarkStatementHeld(b *testing.B) {
	ctx := context.Background()
	st := openLarge(b, sizeCopy(b, demo.XL))
	defer st.Close()
	hs, err := st.Assessments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	sum, err := st.AssessmentSummary(ctx, hs[0].ID, demo.LargeNow, "")
	if err != nil {
		b.Fatal(err)
	}
	hot := ""
	for _, m := range sum.Measures() {
		for _, s := range m.Statements {
			if hot == "" || sum.Items(s.ID, demo.LargeNow).Evidence > sum.Items(hot, demo.LargeNow).Evidence {
				hot = s.ID
			}
		}
	}
	var held, items float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ev, acts, err := st.StatementItems(ctx, sum.ID, hot)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = float64(after.HeapAlloc) - float64(before.HeapAlloc)
		items = float64(len(ev) + len(acts))
		runtime.KeepAlive(ev)
		runtime.KeepAlive(acts)
	}
	b.ReportMetric(held, "held-bytes")
	b.ReportMetric(items, "items")
}
