package data_test

import (
	"context"
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
		for _, typed := range []string{"review", "zzqx", "board minutes", "santé"} {
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
