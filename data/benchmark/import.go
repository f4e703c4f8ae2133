package benchmark

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"wgll/model"
)

// dmaPillars are the seven pillar headers of the DMA results file, in the
// order the file has them.
var dmaPillars = []string{"Well Led", "Ensure Smart Foundations", "Safe Practice", "Support Workforce", "Empower People", "Improve Care", "Healthy Populations"}

// headerSearchRows is how far down a sheet the header row is looked for;
// the 2025 file has it on row 11 under the title block.
const headerSearchRows = 40

// sheetSpec says how to find one sheet of the results file and what its
// header row must hold.
type sheetSpec struct {
	// pattern matches the sheet's name; example is that name in the 2025 file.
	pattern func() *regexp.Regexp
	example string
	// columns are the header cells expected from the "Region" column on;
	// a name ending in " Average" stands for any "YYYY Average".
	columns  []string
	required bool
}

var (
	scPillars = sheetSpec{
		pattern: lazyRegexp(`^SC - (\d{4}) Pillar Summary$`), example: "SC - 2025 Pillar Summary",
		columns: append([]string{"Region", "ICS", "Provider", "Care Setting"}, dmaPillars...), required: true,
	}
	icbPillars = sheetSpec{
		pattern: lazyRegexp(`^ICB - (\d{4}) Pillar Summary$`), example: "ICB - 2025 Pillar Summary",
		columns: append([]string{"Region", "ICS"}, dmaPillars...), required: true,
	}
	scOverall = sheetSpec{
		pattern: lazyRegexp(`^SC - \d\d vs \d\d Overall DMA$`), example: "SC - 24 vs 25 Overall DMA",
		columns: []string{"Region", "ICS", "Provider", "Care Setting", " Average", " Average"},
	}
	icbOverall = sheetSpec{
		pattern: lazyRegexp(`^ICB ?- ?\d\d vs \d\d Overall DMA$`), example: "ICB -24 vs 25 Overall DMA ",
		columns: []string{"Region", "ICS", " Average", " Average"},
	}
)

var averageHeader = lazyRegexp(`^(\d{4}) Average$`)

// lazyRegexp compiles expr the first time it is used: an import of the
// DMA results is rare, and compiling its expressions as the package loads
// took 0.1 ms of every wgll process's start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Import reads NHS England's published DMA results workbook (the 2025 "Data
// Report" layout) and computes the national, per-setting and per-ICS means
// from the providers' pillar scores. A file in another layout is refused
// with an error naming the sheet and row that differ.
func Import(path string) (*Published, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("open DMA results %s: %w (is it an .xlsx workbook?)", path, err)
	}
	defer f.Close()
	b := &model.Benchmark{
		Source:   fmt.Sprintf("NHS England, Digital Maturity Assessment data report (%s)", filepath.Base(path)),
		National: map[model.CareSetting]model.Means{},
		ICS:      map[string]model.Means{},
	}
	sheets := f.GetSheetList()
	scName, err := findSheet(path, sheets, scPillars)
	if err != nil {
		return nil, err
	}
	b.Year, _ = strconv.Atoi(scPillars.pattern().FindStringSubmatch(strings.TrimSpace(scName))[1])
	b.Source = fmt.Sprintf("NHS England, Digital Maturity Assessment %d data report (%s)", b.Year, filepath.Base(path))
	icbName, err := findSheet(path, sheets, icbPillars)
	if err != nil {
		return nil, err
	}
	_, sc, err := readSheet(f, scName, scPillars)
	if err != nil {
		return nil, err
	}
	for _, r := range sc {
		setting, ok := model.ParseCareSetting(r.cells[3])
		if !ok || setting == model.SettingICB || setting == model.SettingSecondary {
			return nil, fmt.Errorf("%s row %d: unknown care setting %q (expected Acute, Community, Mental Health or Ambulance)", scName, r.row, r.cells[3])
		}
		scores, err := pillarScores(scName, r, 4)
		if err != nil {
			return nil, err
		}
		b.Providers = append(b.Providers, model.ProviderScores{Region: r.cells[0], ICS: r.cells[1], Provider: r.cells[2], Setting: setting, Scores: scores})
	}
	_, icb, err := readSheet(f, icbName, icbPillars)
	if err != nil {
		return nil, err
	}
	for _, r := range icb {
		scores, err := pillarScores(icbName, r, 2)
		if err != nil {
			return nil, err
		}
		b.Providers = append(b.Providers, model.ProviderScores{Region: r.cells[0], ICS: r.cells[1], Provider: r.cells[1], Setting: model.SettingICB, Scores: scores})
	}
	if err := readOverall(f, path, sheets, b); err != nil {
		return nil, err
	}
	if len(sc) == 0 || len(icb) == 0 {
		return nil, fmt.Errorf("%s: no provider rows under the headers of %q and %q", path, scName, icbName)
	}
	computeMeans(b)
	return b, nil
}

// computeMeans fills the national, per-setting and per-ICS means from the
// providers' scores, unweighted, as NHS England publishes them. An ICS's
// mean is over its secondary care providers' entries, which is how the DMA
// formed an ICS's score.
func computeMeans(b *model.Benchmark) {
	bySetting := map[model.CareSetting][]model.MeasureScores{}
	byICS := map[string][]model.MeasureScores{}
	for _, p := range b.Providers {
		bySetting[p.Setting] = append(bySetting[p.Setting], p.Scores)
		if p.Setting != model.SettingICB {
			bySetting[model.SettingSecondary] = append(bySetting[model.SettingSecondary], p.Scores)
			byICS[p.ICS] = append(byICS[p.ICS], p.Scores)
		}
	}
	for s, list := range bySetting {
		b.National[s] = model.Means{Setting: s, Entries: len(list), Scores: model.MeanScores(list)}
	}
	for name, list := range byICS {
		b.ICS[name] = model.Means{ICS: name, Entries: len(list), Scores: model.MeanScores(list)}
	}
}

func findSheet(path string, sheets []string, spec sheetSpec) (string, error) {
	for _, s := range sheets {
		if spec.pattern().MatchString(strings.TrimSpace(s)) {
			return s, nil
		}
	}
	return "", fmt.Errorf("%s: no sheet named like %q (sheets: %s); is this NHS England's DMA results workbook?", path, spec.example, strings.Join(sheets, ", "))
}

// sheetRow is one data row: its 1-based row number and its cells from the
// "Region" column on, as many as the header has.
type sheetRow struct {
	row   int
	cells []string
}

func normalise(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// readSheet finds the header row of sheet by its cells, checks it against
// spec and returns its cells from the "Region" column on and the data rows
// below it, up to the first blank row.
func readSheet(f *excelize.File, sheet string, spec sheetSpec) ([]string, []sheetRow, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fmt.Errorf("read sheet %q: %w", sheet, err)
	}
	hdr, col := -1, -1
	for i := 0; i < len(rows) && i < headerSearchRows && hdr < 0; i++ {
		for j, c := range rows[i] {
			if normalise(c) == "region" {
				hdr, col = i, j
				break
			}
		}
	}
	if hdr < 0 {
		return nil, nil, fmt.Errorf("%s: no header row (a row with a 'Region' column) in the first %d rows", sheet, headerSearchRows)
	}
	header := make([]string, len(spec.columns))
	for k, want := range spec.columns {
		got := ""
		if col+k < len(rows[hdr]) {
			got = strings.TrimSpace(rows[hdr][col+k])
		}
		header[k] = got
		if !headerMatches(want, got) {
			shown := want
			if strings.HasPrefix(want, " ") {
				shown = "YYYY" + want
			}
			return nil, nil, fmt.Errorf("%s row %d: expected column '%s', found '%s'", sheet, hdr+1, shown, got)
		}
	}
	var out []sheetRow
	for i := hdr + 1; i < len(rows); i++ {
		cells := make([]string, len(spec.columns))
		blank := true
		for k := range cells {
			if col+k < len(rows[i]) {
				cells[k] = strings.TrimSpace(rows[i][col+k])
			}
			if cells[k] != "" {
				blank = false
			}
		}
		if blank || cells[0] == "" {
			break // the data ends at the first blank row; a source line follows
		}
		out = append(out, sheetRow{row: i + 1, cells: cells})
	}
	return header, out, nil
}

func headerMatches(want, got string) bool {
	if strings.HasPrefix(want, " ") {
		return averageHeader().MatchString(got)
	}
	if normalise(want) == normalise(got) {
		return true
	}
	// Pillar names have varied between rounds; accept any name of the
	// same measure in a pillar column.
	wk, ok1 := model.MeasureKeyForDMA(want)
	gk, ok2 := model.MeasureKeyForDMA(got)
	return ok1 && ok2 && wk == gk
}

// pillarScores reads the seven pillar scores starting at cell from; a blank
// cell means the entry has no score for that pillar.
func pillarScores(sheet string, r sheetRow, from int) (model.MeasureScores, error) {
	scores := model.MeasureScores{}
	for k, name := range dmaPillars {
		cell := r.cells[from+k]
		if cell == "" {
			continue
		}
		v, err := parseScore(cell)
		if err != nil {
			return nil, fmt.Errorf("%s row %d: column '%s' is %q, %w", sheet, r.row, name, cell, err)
		}
		key, _ := model.MeasureKeyForDMA(name)
		scores[key] = v
	}
	return scores, nil
}

func parseScore(cell string) (float64, error) {
	v, err := strconv.ParseFloat(cell, 64)
	if err != nil || v < 1 || v > 5 {
		return 0, fmt.Errorf("not a score from 1 to 5")
	}
	return v, nil
}

// readOverall adds the comparable-domain overall scores from the two
// optional "NN vs NN Overall DMA" sheets to the providers already read.
func readOverall(f *excelize.File, path string, sheets []string, b *model.Benchmark) error {
	type key struct {
		name    string
		setting model.CareSetting
	}
	index := map[key]int{}
	for i, p := range b.Providers {
		index[key{normalise(p.Provider), p.Setting}] = i
	}
	for _, spec := range []sheetSpec{scOverall, icbOverall} {
		name, err := findSheet(path, sheets, spec)
		if err != nil {
			continue // optional: older or trimmed files may lack them
		}
		header, rows, err := readSheet(f, name, spec)
		if err != nil {
			return err
		}
		n := len(spec.columns)
		years := make([]int, 2)
		for j := range years {
			years[j], _ = strconv.Atoi(averageHeader().FindStringSubmatch(header[n-2+j])[1])
		}
		for _, r := range rows {
			k := key{normalise(r.cells[1]), model.SettingICB}
			if n == 6 {
				s, ok := model.ParseCareSetting(r.cells[3])
				if !ok {
					return fmt.Errorf("%s row %d: unknown care setting %q", name, r.row, r.cells[3])
				}
				k = key{normalise(r.cells[2]), s}
			}
			i, ok := index[k]
			if !ok {
				continue // a provider without pillar scores this year
			}
			for j, y := range years {
				cell := r.cells[n-2+j]
				if cell == "" {
					continue
				}
				v, err := parseScore(cell)
				if err != nil {
					return fmt.Errorf("%s row %d: column '%d Average' is %q, %w", name, r.row, y, cell, err)
				}
				if b.Providers[i].Comparable == nil {
					b.Providers[i].Comparable = map[int]float64{}
				}
				b.Providers[i].Comparable[y] = v
			}
		}
	}
	return nil
}
