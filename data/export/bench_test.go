package export_test

// Export benchmarks on the large demo workbook (issue 6): all 20,000
// actions of its newest assessment as CSV, XLSX, Markdown and JSON, and the
// board report as HTML, Markdown and PDF. Each run writes to io.Discard, so the
// figures are the formatting cost; the command adds an atomic file write.
// Budgets: CSV at most twice `sqlite3 -csv` selecting the same columns, and
// XLSX under 3 s, the PDF report under 3 s or twice the HTML report;
// scripts/bench compares them with the floor.

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"wgll/data"
	"wgll/data/demo"
	"wgll/data/export"
	"wgll/model"
)

// loadLarge loads the newest assessment of a copy of the large demo.
func loadLarge(b *testing.B) *model.Assessment {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "large.db")
	if err := demo.CopyCached(ctx, demo.Large, path); err != nil {
		b.Fatalf("copy the large demo: %v", err)
	}
	st, err := data.Open(path, data.Options{User: "bench", NoBackupOnOpen: true})
	if err != nil {
		b.Fatalf("open %s: %v", path, err)
	}
	defer st.Close()
	hs, err := st.Assessments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	a, err := st.Assessment(ctx, hs[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	return a
}

func BenchmarkExportLarge(b *testing.B) {
	a := loadLarge(b)
	now := demo.LargeNow
	if n := len(export.ActionRows(a, export.Filter{}, now)); n != demo.LargeItems {
		b.Fatalf("the newest assessment exports %d actions, want %d", n, demo.LargeItems)
	}
	formats := []struct {
		name  string
		write func(w io.Writer, rows []export.ActionRow) error
	}{
		{"csv", func(w io.Writer, rows []export.ActionRow) error { return export.WriteCSV(w, rows) }},
		{"xlsx", func(w io.Writer, rows []export.ActionRow) error {
			_, err := export.WriteXLSX(w, a, rows, now)
			return err
		}},
		{"markdown", func(w io.Writer, rows []export.ActionRow) error { return export.WriteMarkdown(w, rows) }},
		{"json", func(w io.Writer, rows []export.ActionRow) error { return export.WriteJSON(w, rows) }},
		{"report-html", func(w io.Writer, _ []export.ActionRow) error { return export.WriteReportHTML(w, a, now) }},
		{"report-markdown", func(w io.Writer, _ []export.ActionRow) error { return export.WriteReportMarkdown(w, a, now) }},
		{"report-pdf", func(w io.Writer, _ []export.ActionRow) error {
			return export.WriteReportPDF(w, a, export.ReportExtras{}, now)
		}},
	}
	for _, f := range formats {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				// Rows are built inside the loop: the command builds them
				// from the loaded assessment every time.
				rows := export.ActionRows(a, export.Filter{}, now)
				cw := &countingWriter{}
				if err := f.write(cw, rows); err != nil {
					b.Fatalf("export %s: %v", f.name, err)
				}
				b.SetBytes(cw.n)
			}
		})
	}
}

// countingWriter discards what it is given and counts it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
