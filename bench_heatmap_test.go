package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"wgll/data/demo"
)

// BenchmarkHeatmapByOrganisation times 'wgll heatmap --by organisation' in
// process on the three sizes, from opening the workbook to the printed
// grid (scripts/bench times the whole process against sqlite3).
func BenchmarkHeatmapByOrganisation(b *testing.B) {
	for _, size := range []demo.Size{demo.Small, demo.Large, demo.XL} {
		path := filepath.Join(b.TempDir(), string(size)+".db")
		if err := demo.CopyCached(context.Background(), size, path); err != nil {
			b.Fatalf("copy the %s demo: %v", size, err)
		}
		b.Run(string(size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var out, errb bytes.Buffer
				if code := run(context.Background(), []string{"heatmap", "--by", "organisation", "--db", path}, strings.NewReader(""), &out, &errb); code != 0 {
					b.Fatalf("heatmap: %s", errb.String())
				}
			}
		})
	}
}
