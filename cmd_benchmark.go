package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"wgll/data"
	"wgll/data/benchmark"
	"wgll/model"
	"wgll/ui"
)

func init() {
	register(&command{
		name:    "benchmark",
		summary: "the national Digital Maturity Assessment benchmark: import or show",
		usage:   "import [--db FILE] FILE.xlsx | show [--db FILE] [--setting S] [--provider NAME] [--ics NAME]",
		help: `wgll benchmark import FILE.xlsx reads NHS England's published Digital Maturity
Assessment (DMA) results workbook in its own layout and stores in the
workbook the national, per-setting and per-ICS means and every provider's
published pillar scores. A file in another layout is refused with the sheet
and row that differ.

wgll benchmark show prints the means as a table of measures, two decimals:
the imported ones if the workbook has them, else the built-in 2025 figures.
--setting S shows one care setting (secondary, acute, community,
mental-health, ambulance, icb); --provider NAME adds a provider's published
scores (any part of its name; an ICB by its name too); --ics NAME adds the
mean of an ICS's providers. All figures are on the DMA's own 1 to 5 scale.`,
		run: runBenchmark,
	})
}

func runBenchmark(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("benchmark: say 'import FILE.xlsx' or 'show'")
	}
	switch args[0] {
	case "import":
		return runBenchmarkImport(e, args[1:])
	case "show":
		return runBenchmarkShow(e, args[1:])
	}
	return usagef("benchmark: unknown action %q; use import or show", args[0])
}

func runBenchmarkImport(e *env, args []string) error {
	fs := newFlags(e, "benchmark import")
	g := addGlobals(e, fs)
	if err := parse(fs, args, 1); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("benchmark import: give the DMA results file, e.g. dma-2025-results.xlsx")
	}
	b, err := benchmark.Import(fs.Arg(0))
	if err != nil {
		return err
	}
	st, err := openExisting(e, g)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SaveBenchmark(e.ctx, b); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported the %d DMA results: %d provider entries, %d ICSs, %d care settings. See them with 'wgll benchmark show'.\n",
		b.Year, len(b.Providers), len(b.ICS), len(b.National))
	return nil
}

// benchmarkSettings is the column order of 'benchmark show'.
var benchmarkSettings = []model.CareSetting{model.SettingSecondary, model.SettingAcute, model.SettingCommunity, model.SettingMentalHealth, model.SettingAmbulance, model.SettingICB}

func runBenchmarkShow(e *env, args []string) error {
	fs := newFlags(e, "benchmark show")
	g := addGlobals(e, fs)
	setting := fs.String("setting", "", "care `SETTING` to show (default: all)")
	provider := fs.String("provider", "", "add this provider's published scores (`NAME` or part of it)")
	ics := fs.String("ics", "", "add the mean of this ICS's providers (`NAME` or part of it)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	b, err := loadBenchmark(e, g)
	if err != nil {
		return err
	}
	type column struct {
		head   string
		scores model.MeasureScores
	}
	var cols []column
	settings := benchmarkSettings
	if *setting != "" {
		cs, ok := model.ParseCareSetting(*setting)
		if !ok {
			return usagef("benchmark show: --setting must be one of secondary, acute, community, mental-health, ambulance, icb; not %q", *setting)
		}
		settings = []model.CareSetting{cs}
	}
	for _, s := range settings {
		if m, ok := b.National[s]; ok {
			cols = append(cols, column{fmt.Sprintf("%s (%d)", model.SettingLabel(s), m.Entries), m.Scores})
		}
	}
	if *provider != "" {
		ps := b.FindProviders(*provider)
		if len(ps) == 0 {
			if len(b.Providers) == 0 {
				return fmt.Errorf("the built-in benchmark has no provider scores; import NHS England's results with 'wgll benchmark import FILE.xlsx'")
			}
			return fmt.Errorf("no provider's name contains %q; names are as NHS England publishes them, e.g. 'SALISBURY NHS FOUNDATION TRUST'", *provider)
		}
		if len(ps) > 6 {
			return fmt.Errorf("%d providers' names contain %q; give more of the name", len(ps), *provider)
		}
		for _, p := range ps {
			cols = append(cols, column{fmt.Sprintf("%s (%s)", ui.Sanitize(p.Provider), model.SettingLabel(p.Setting)), p.Scores})
		}
	}
	if *ics != "" {
		want := strings.ToLower(*ics)
		n := 0
		for _, name := range b.ICSNames() {
			if strings.Contains(strings.ToLower(name), want) {
				m := b.ICS[name]
				cols = append(cols, column{fmt.Sprintf("%s mean (%d)", ui.Sanitize(name), m.Entries), m.Scores})
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("no ICS name contains %q (the built-in benchmark has none; import the results file)", *ics)
		}
	}
	fmt.Fprintf(e.stdout, "DMA %d: %s\n%s\n\n", b.Year, ui.Sanitize(b.Source), benchmark.ScaleNote)
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = c.head
	}
	rows := make([][]string, len(model.MeasureKeys))
	for i, k := range model.MeasureKeys {
		rows[i] = []string{benchmark.PillarName(k)}
		for _, c := range cols {
			cell := "–"
			if v, ok := c.scores[k]; ok {
				cell = model.FormatScore(v, 2)
			}
			rows[i] = append(rows[i], cell)
		}
	}
	writeTable(e.stdout, append([]string{"Measure (DMA pillar)"}, heads...), rows)
	return nil
}

// loadBenchmark returns the workbook's imported benchmark, or the built-in
// one when there is no workbook or nothing was imported into it.
func loadBenchmark(e *env, g *globals) (*model.Benchmark, error) {
	if _, err := os.Stat(g.dbPath(e)); err != nil {
		return benchmark.National2025(), nil
	}
	st, err := openForReading(e, g)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	b, err := st.Benchmark(e.ctx, 0)
	if errors.Is(err, data.ErrNotFound) {
		return benchmark.National2025(), nil
	}
	return b, err
}

// writeTable prints rows under heads: the first column left-aligned, the
// others right-aligned, each as wide as its widest cell.
func writeTable(w io.Writer, heads []string, rows [][]string) {
	width := make([]int, len(heads))
	for i, h := range heads {
		width[i] = len([]rune(h))
	}
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(heads)
	for _, r := range rows {
		line(r)
	}
}
