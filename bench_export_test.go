package main

// Export benchmarks of issue 16 on 100,000 actions (the xl demo's newest
// assessment has as many), through the command as 'wgll export actions'
// runs it, beside the floor: the same columns read in the same order
// through the same driver, with nothing done to them. Budgets (checked
// by scripts/bench on whole processes against sqlite3 -csv): CSV at most
// 1.5 times sqlite3, XLSX under 150 MB peak RSS. Run with -benchmem: the
// streamed exports allocate per row, never for the whole list.

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func BenchmarkExportActions(b *testing.B) {
	const n = 100000
	path := workbookWithActions(b, n)
	for _, format := range []string{"csv", "xlsx", "json", "md"} {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out."+format)
			start := cpuTime()
			for b.Loop() {
				if code := run(context.Background(), []string{"export", "actions", "--db", path, "--out", out}, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
					b.Fatalf("export %s exited %d", format, code)
				}
			}
			reportCPU(b, start)
		})
	}
	b.Run("sql-floor", func(b *testing.B) {
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		start := cpuTime()
		for b.Loop() {
			rows, err := db.Query(`SELECT a.organisation || ' · ' || a.period, x.statement_id, x.id, x.title, x.owner, x.due, x.status, x.priority, x.created_at, x.updated_at
				FROM actions x JOIN assessments a ON a.id = x.assessment_id WHERE x.assessment_id = 1 ORDER BY x.statement_id, x.due = '', x.due, x.id`)
			if err != nil {
				b.Fatal(err)
			}
			var cols [10]sql.RawBytes
			dest := make([]any, len(cols))
			for i := range cols {
				dest[i] = &cols[i]
			}
			k := 0
			for rows.Next() {
				if err := rows.Scan(dest...); err != nil {
					b.Fatal(err)
				}
				k++
			}
			rows.Close()
			if k != n {
				b.Fatalf("read %d rows, want %d", k, n)
			}
		}
		reportCPU(b, start)
	})
}
