package benchmark

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wgll/model"
)

const realFile = "testdata/dma-2025-results.xlsx"

// The figures of wgll-reference.md, "National 2025 results": entries per
// setting and the two-decimal means in measure order.
var reference2025 = []struct {
	setting model.CareSetting
	entries int
	means   [7]string
}{
	{model.SettingSecondary, 285, [7]string{"2.83", "2.61", "2.49", "2.64", "2.02", "2.38", "2.23"}},
	{model.SettingAcute, 134, [7]string{"2.83", "2.65", "2.37", "2.61", "2.15", "2.42", "2.17"}},
	{model.SettingCommunity, 90, [7]string{"2.87", "2.58", "2.61", "2.69", "1.90", "2.41", "2.30"}},
	{model.SettingMentalHealth, 50, [7]string{"2.75", "2.59", "2.67", "2.62", "1.79", "2.28", "2.29"}},
	{model.SettingAmbulance, 11, [7]string{"2.80", "2.45", "2.16", "2.59", "2.45", "2.00", "2.01"}},
	{model.SettingICB, 42, [7]string{"2.45", "3.19", "2.35", "1.96", "2.30", "2.82", "2.88"}},
}

func checkReference(t *testing.T, b *model.Benchmark) {
	t.Helper()
	if len(b.National) != len(reference2025) {
		t.Errorf("got %d settings, want %d", len(b.National), len(reference2025))
	}
	for _, ref := range reference2025 {
		m, ok := b.National[ref.setting]
		if !ok {
			t.Errorf("%s: missing", ref.setting)
			continue
		}
		if m.Entries != ref.entries {
			t.Errorf("%s: %d entries, want %d", ref.setting, m.Entries, ref.entries)
		}
		for i, key := range model.MeasureKeys {
			if got := model.FormatScore(m.Scores[key], 2); got != ref.means[i] {
				t.Errorf("%s %s: mean %s, want %s", ref.setting, key, got, ref.means[i])
			}
		}
	}
}

func TestNational2025(t *testing.T) {
	b := National2025()
	if b.Year != 2025 {
		t.Errorf("Year = %d", b.Year)
	}
	checkReference(t, b)
	b.National[model.SettingAcute].Scores["well-led"] = 9
	if v, _ := National2025().NationalMean(model.SettingAcute, "well-led"); v != 2.83 {
		t.Errorf("changing a returned copy changed the built-in figures: %v", v)
	}
}

func TestImportRealFile(t *testing.T) {
	b, err := Import(realFile)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if b.Year != 2025 || !strings.Contains(b.Source, "2025") {
		t.Errorf("Year %d, Source %q", b.Year, b.Source)
	}
	checkReference(t, b)
	if len(b.Providers) != 285+42 {
		t.Errorf("%d providers, want 327 (285 secondary care entries and 42 ICBs)", len(b.Providers))
	}
	// Spot checks against the file as NHS England publishes it (the overall
	// scores are stored unrounded; the file shows one decimal).
	sal := b.FindProviders("salisbury nhs foundation trust")
	if len(sal) != 1 || sal[0].Setting != model.SettingAcute || sal[0].Scores["well-led"] != 2.8 || sal[0].Scores["healthy-populations"] != 1.4 {
		t.Errorf("Salisbury = %+v, want acute, well-led 2.8, healthy populations 1.4", sal)
	}
	if len(sal) == 1 && (model.FormatScore(sal[0].Comparable[2025], 1) != "2.1" || model.FormatScore(sal[0].Comparable[2024], 1) != "2.2") {
		t.Errorf("Salisbury comparable overall = %v, want 2025 2.1, 2024 2.2", sal[0].Comparable)
	}
	bc := b.FindProviders("NHS BLACK COUNTRY INTEGRATED CARE BOARD")
	if len(bc) != 1 || bc[0].Setting != model.SettingICB || bc[0].Scores["improve-care"] != 3.8 || model.FormatScore(bc[0].Comparable[2025], 1) != "3.3" {
		t.Errorf("Black Country ICB = %+v, want improve care 3.8, comparable 2025 3.3", bc)
	}
	// Every secondary care entry belongs to exactly one ICS.
	total := 0
	for _, name := range b.ICSNames() {
		total += b.ICS[name].Entries
	}
	if len(b.ICS) != 42 || total != 285 {
		t.Errorf("%d ICSs over %d entries, want 42 over 285", len(b.ICS), total)
	}
}

// brokenFile writes a small results workbook with the 2025 layout, header
// on row 5, then lets edit break it.
func brokenFile(t *testing.T, edit func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	write := func(sheet string, rows [][]any) {
		if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(2, i+1)
			if err := f.SetSheetRow(sheet, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	hdr := func(cols ...string) []any {
		out := []any{}
		for _, c := range cols {
			out = append(out, c)
		}
		for _, p := range dmaPillars {
			out = append(out, p)
		}
		return out
	}
	write("SC - 2025 Pillar Summary", [][]any{
		{"2025 DMA: Secondary Care Provider Response Data"}, {}, {"England"}, {},
		hdr("Region", "ICS", "Provider", "Care Setting"),
		{"NORTH", "ICS ONE", "TRUST A", "Acute", 2.0, 3.0, 2.0, 2.0, 2.0, 2.0, 2.0},
		{"NORTH", "ICS ONE", "TRUST B", "Community", 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0},
		{}, {"Copyright © 2026, NHS England"},
	})
	write("ICB - 2025 Pillar Summary", [][]any{
		{"2025 DMA: ICB Response Data"}, {}, {}, {},
		hdr("Region", "ICS"),
		{"NORTH", "ICS ONE", 2.0, 4.0, 2.0, 2.0, 2.0, 2.0, 2.0},
	})
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(f)
	}
	path := filepath.Join(t.TempDir(), "dma.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportSmallFile(t *testing.T) {
	b, err := Import(brokenFile(t, nil))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if m := b.National[model.SettingSecondary]; m.Entries != 2 || m.Scores["well-led"] != 2.5 {
		t.Errorf("secondary = %+v, want 2 entries, well-led 2.5", m)
	}
	if m := b.ICS["ICS ONE"]; m.Entries != 2 || m.Scores["smart-foundations"] != 3 {
		t.Errorf("ICS ONE = %+v, want 2 entries, smart foundations 3", m)
	}
	if m := b.National[model.SettingICB]; m.Entries != 1 || m.Scores["smart-foundations"] != 4 {
		t.Errorf("ICB = %+v", m)
	}
}

func TestImportBrokenLayout(t *testing.T) {
	const sc = "SC - 2025 Pillar Summary"
	tests := []struct {
		name string
		edit func(f *excelize.File)
		want string
	}{
		{"renamed pillar column", func(f *excelize.File) { f.SetCellValue(sc, "F5", "Leadership") },
			"SC - 2025 Pillar Summary row 5: expected column 'Well Led', found 'Leadership'"},
		{"missing provider column", func(f *excelize.File) { f.RemoveCol(sc, "D") },
			"SC - 2025 Pillar Summary row 5: expected column 'Provider', found 'Care Setting'"},
		{"no header row", func(f *excelize.File) { f.SetCellValue(sc, "B5", "Area") },
			"SC - 2025 Pillar Summary: no header row (a row with a 'Region' column) in the first 40 rows"},
		{"text in a score", func(f *excelize.File) { f.SetCellValue(sc, "H7", "n/a") },
			"SC - 2025 Pillar Summary row 7: column 'Safe Practice' is \"n/a\", not a score from 1 to 5"},
		{"score out of range", func(f *excelize.File) { f.SetCellValue(sc, "F6", 7) },
			"SC - 2025 Pillar Summary row 6: column 'Well Led' is \"7\", not a score from 1 to 5"},
		{"unknown care setting", func(f *excelize.File) { f.SetCellValue(sc, "E6", "Primary Care") },
			"SC - 2025 Pillar Summary row 6: unknown care setting \"Primary Care\""},
		{"missing ICB sheet", func(f *excelize.File) { f.DeleteSheet("ICB - 2025 Pillar Summary") },
			"no sheet named like \"ICB - 2025 Pillar Summary\" (sheets: SC - 2025 Pillar Summary)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import(brokenFile(t, tt.edit))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Import error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestImportNotAWorkbook(t *testing.T) {
	_, err := Import(filepath.Join(t.TempDir(), "missing.xlsx"))
	if err == nil || !strings.Contains(err.Error(), "open DMA results") {
		t.Errorf("err = %v", err)
	}
}

func TestPillarName(t *testing.T) {
	for i, k := range model.MeasureKeys {
		if got := PillarName(k); got != dmaPillars[i] {
			t.Errorf("PillarName(%s) = %q, want %q", k, got, dmaPillars[i])
		}
		if back, ok := model.MeasureKeyForDMA(PillarName(k)); !ok || back != k {
			t.Errorf("MeasureKeyForDMA(PillarName(%s)) = %q, %v", k, back, ok)
		}
	}
	if got := PillarName("unknown"); got != "unknown" {
		t.Errorf("PillarName(unknown) = %q", got)
	}
}
