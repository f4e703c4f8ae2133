package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/data/benchmark"
	"wgll/model"
	"wgll/ui"
)

// showOptions are the flags of 'wgll benchmark show'.
type showOptions struct{ setting, provider, ics string }

func newBenchmarkCmd(e *env) *cobra.Command {
	imp := &cobra.Command{
		Use:   "import FILE.xlsx",
		Short: "store NHS England's published DMA results in the workbook",
		Long: `Reads NHS England's published Digital Maturity Assessment (DMA) results
workbook in its own layout and stores in the workbook the national, per-setting
and per-ICS means and every provider's published pillar scores. A file in
another layout is refused with the sheet and row that differ.`,
		Args: exactArgs(1, "give the DMA results file, e.g. dma-2025-results.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error { return runBenchmarkImport(e, args[0]) },
	}
	var o showOptions
	show := &cobra.Command{
		Use:   "show",
		Short: "print the DMA means by measure and care setting",
		Long: `Prints the means as a table of measures, two decimals: the imported ones if
the workbook has them, else the built-in 2025 figures. All figures are on the
DMA's own 1 to 5 scale.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runBenchmarkShow(e, o) },
	}
	show.Flags().StringVar(&o.setting, "setting", "", "one care `SETTING`: secondary, acute, community, mental-health, ambulance or icb (default: all)")
	show.Flags().StringVar(&o.provider, "provider", "", "add this provider's published scores (`NAME` or part of it; an ICB by its name too)")
	show.Flags().StringVar(&o.ics, "ics", "", "add the mean of this ICS's providers (`NAME` or part of it)")
	return groupCmd("benchmark", "the national Digital Maturity Assessment benchmark: import or show",
		"The national Digital Maturity Assessment benchmark: import NHS England's results, or show them.", imp, show)
}

func runBenchmarkImport(e *env, file string) error {
	b, err := benchmark.Import(file)
	if err != nil {
		return err
	}
	st, err := openExisting(e)
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

func runBenchmarkShow(e *env, o showOptions) error {
	setting, provider, ics := &o.setting, &o.provider, &o.ics
	b, err := loadBenchmark(e)
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
				cell = model.FormatBenchmark(v)
			}
			rows[i] = append(rows[i], cell)
		}
	}
	writeTable(e.stdout, append([]string{"Measure (DMA pillar)"}, heads...), rows)
	return nil
}

// loadBenchmark returns the workbook's imported benchmark, or the built-in
// one when there is no workbook or nothing was imported into it.
func loadBenchmark(e *env) (*model.Benchmark, error) {
	if _, err := os.Stat(e.g.dbPath(e)); err != nil {
		return benchmark.National2025(), nil
	}
	st, err := openForReading(e)
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
