package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/data/benchmark"
	"wgll/data/export"
	"wgll/model"
)

func newReportCmd(e *env) *cobra.Command {
	var (
		id          assessmentFlag
		format, out string
	)
	c := &cobra.Command{
		Use:   "report",
		Short: "write the board report as Markdown or HTML",
		Long: `Writes the board report for an assessment: organisation, period and date;
the heatmap; per measure its mean, share assessed, strongest and weakest
statements, evidence count and open actions; the ten largest gaps; every
action; and an index of the evidence. With two or more periods of the same
organisation and audience in the workbook it adds a trend (each measure's
mean per period, up to the reported one); when the assessment has a care
setting, each measure shows the DMA national mean for that setting (the
imported benchmark, else the built-in 2025 means), labelled as the DMA's
own 1 to 5 scale.

The HTML report is one self-contained file (inline CSS, no scripts, nothing
loaded from the network) laid out to print on A4.

Example:
  wgll report --format html --out board-report.html`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runReport(e, id, format, out) },
	}
	c.Flags().Var(&id, "assessment", "assessment `ID` (default: the newest; see 'wgll list')")
	c.Flags().StringVar(&format, "format", "", "output `FORMAT`: md (default) or html; without it the extension of --out picks")
	c.Flags().StringVar(&out, "out", "", "write `FILE` atomically instead of standard output")
	return c
}

func runReport(e *env, id assessmentFlag, format, outFile string) error {
	out := &outFile
	f, err := chooseFormat("report", format, *out, reportFormats)
	if err != nil {
		return err
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := loadAssessment(e, st, id.id)
	if err != nil {
		return err
	}
	extras, err := loadReportExtras(e.ctx, st, a)
	if err != nil {
		return err
	}
	now := e.now()
	if _, err := writeOut(e, *out, func(w io.Writer) ([]string, error) {
		return nil, writeReport(w, a, extras, f, now)
	}); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "wrote the board report for %s to %s\n", reportTitle(a), *out)
	}
	return nil
}

// reportTitle names the assessment on one line, safe for a terminal.
func reportTitle(a *model.Assessment) string { return clip(a.Title(), 60) }

// loadReportExtras loads what the board report shows beside a: the
// assessments of the same organisation and audience for periods up to a's
// (for the trend) and the national benchmark: the newest one imported
// into the workbook, else the built-in 2025 means.
func loadReportExtras(ctx context.Context, st *data.Store, a *model.Assessment) (export.ReportExtras, error) {
	var x export.ReportExtras
	hs, err := st.Assessments(ctx)
	if err != nil {
		return x, fmt.Errorf("list the assessments for the trend: %w", err)
	}
	x.History = []*model.Assessment{a}
	for _, h := range hs {
		if h.ID == a.ID || h.Audience != a.Audience || h.Period > a.Period ||
			!strings.EqualFold(strings.TrimSpace(h.Organisation), strings.TrimSpace(a.Organisation)) {
			continue
		}
		o, err := st.Assessment(ctx, h.ID)
		if err != nil {
			return x, fmt.Errorf("load %s for the trend: %w", h.Title(), err)
		}
		x.History = append(x.History, o)
	}
	x.Benchmark, err = st.Benchmark(ctx, 0)
	if errors.Is(err, data.ErrNotFound) {
		x.Benchmark, err = benchmark.National2025(), nil
	}
	if err != nil {
		return x, fmt.Errorf("load the benchmark for the report: %w", err)
	}
	return x, nil
}
