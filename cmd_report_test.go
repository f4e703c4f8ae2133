package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/export"
	"wgll/model"
)

// trendWorkbook writes a workbook holding the given periods of one
// organisation (each scoring the first statement one higher than the
// last) with care setting cs, plus one assessment of another organisation,
// and returns its path and the newest period's assessment id.
func trendWorkbook(t *testing.T, cs model.CareSetting, periods ...string) (string, int64) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wb.db")
	st, err := data.Open(path, data.Options{User: "tester", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first := criteria.Builtin().ForAudience(criteria.Organisation)[0].Statements[0].ID
	var id int64
	for i, p := range append(periods, "other") {
		h := model.Header{Organisation: "Mercia NHS Trust", Audience: criteria.Organisation, Period: p, CareSetting: cs}
		if p == "other" {
			h.Organisation, h.Period = "Wessex NHS Trust", periods[0]
		}
		h, err := st.CreateAssessment(ctx, h, criteria.BuiltinTOML())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SetScore(ctx, h.ID, first, model.Score(i+1)); err != nil {
			t.Fatal(err)
		}
		if p == periods[len(periods)-1] {
			id = h.ID
		}
	}
	return path, id
}

func TestReportTrendAndBenchmark(t *testing.T) {
	tests := []struct {
		name       string
		cs         model.CareSetting
		periods    []string
		format     string
		want, lack []string
	}{
		{"two periods, acute, md", model.SettingAcute, []string{"2025/26", "2026/27"}, "md",
			[]string{"## Trend", "| Measure | 2025/26 | 2026/27 | Change |", "DMA 2025 national mean (Acute)", "DMA scale:"}, []string{"Wessex"}},
		{"two periods, acute, html", model.SettingAcute, []string{"2025/26", "2026/27"}, "html",
			[]string{"<h2>Trend</h2>", `<span class="bar-num">1.0</span>`, "DMA 2025 national mean (Acute)"}, []string{"<script", "Wessex"}},
		{"one period, no care setting", model.SettingNone, []string{"2026/27"}, "md",
			[]string{"## Measures"}, []string{"Trend", "DMA 2025"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, id := trendWorkbook(t, tt.cs, tt.periods...)
			code, out, errs := runWGLL(t, "report", "--db", db, "--assessment", strconv.FormatInt(id, 10), "--format", tt.format)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.lack {
				if strings.Contains(out, w) {
					t.Errorf("report has %q", w)
				}
			}
		})
	}
}

// TestExportWithReportExtras checks the app's export path: with the
// workbook's store the report file has the trend and the DMA column,
// without one it has neither.
func TestExportWithReportExtras(t *testing.T) {
	db, id := trendWorkbook(t, model.SettingAcute, "2025/26", "2026/27")
	ctx := context.Background()
	st, err := data.Open(db, data.Options{User: "tester", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.Assessment(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		store *data.Store
		has   bool
	}{{"with the store", st, true}, {"without", nil, false}} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".html")
			if _, err := appExport(ctx, tt.store, export.Job{Kind: export.Report, Format: "html", Assessment: a, Now: now}, path); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{"<h2>Trend</h2>", "DMA 2025"} {
				if strings.Contains(string(b), w) != tt.has {
					t.Errorf("report has %q: %v, want %v", w, !tt.has, tt.has)
				}
			}
		})
	}
}

// TestReportAndComparePDF: wgll report and wgll compare write PDF through
// the one list of formats, picked by --format or by the .pdf of --out.
func TestReportAndComparePDF(t *testing.T) {
	db, _ := trendWorkbook(t, model.SettingAcute, "2025/26", "2026/27")
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		file string
		want string
	}{
		{"report --format pdf", []string{"report", "--db", db, "--format", "pdf", "--out", filepath.Join(dir, "r1")}, "r1", "wrote the board report"},
		{"report by extension", []string{"report", "--db", db, "--out", filepath.Join(dir, "r2.pdf")}, "r2.pdf", "wrote the board report"},
		{"compare --format pdf", []string{"compare", "--db", db, "--format", "pdf", "--out", filepath.Join(dir, "c.pdf"), "1", "2"}, "c.pdf", "wrote the comparison"},
		{"compare html by extension", []string{"compare", "--db", db, "1", "2", "--out", filepath.Join(dir, "c.html")}, "c.html", "wrote the comparison"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errb := runWGLL(t, tt.args...)
			if code != 0 || !strings.Contains(out, tt.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errb)
			}
			b, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			wantHead := "%PDF-"
			if strings.HasSuffix(tt.file, ".html") {
				wantHead = "<!DOCTYPE html>"
			}
			if !strings.HasPrefix(string(b), wantHead) {
				t.Errorf("%s starts %q, want %q", tt.file, b[:min(len(b), 20)], wantHead)
			}
		})
	}
}
