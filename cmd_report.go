package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

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
		Short: "write the board report as Markdown, HTML or PDF",
		Long: `Writes the board report for an assessment: organisation, period and date;
the heatmap; per measure its mean, share assessed, strongest and weakest
statements, evidence count and open actions; the ten largest gaps; every
action; and an index of the evidence. With two or more periods of the same
organisation and audience in the workbook it adds a trend (each measure's
mean per period, up to the reported one); when the assessment has a care
setting, each measure shows the DMA national mean for that setting (the
imported benchmark, else the built-in 2025 means), labelled as the DMA's
own 1 to 5 scale.

Every format also lists each statement's score and rationale. The HTML report
is one self-contained file (inline CSS, no scripts, nothing loaded from the
network) laid out to print on A4. The PDF is A4 for the board pack, with page
numbers, a running header and table headers repeated on every page; it needs
--out.

Example:
  wgll report --format pdf --out board-report.pdf`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runReport(e, id, format, out) },
	}
	c.Flags().Var(&id, "assessment", "assessment `ID` (default: the newest; see 'wgll list')")
	c.Flags().StringVar(&format, "format", "", "output `FORMAT`: "+formatList(export.Report)+"; without it the extension of --out picks")
	c.Flags().StringVar(&out, "out", "", "write `FILE` atomically instead of standard output")
	return c
}

func runReport(e *env, id assessmentFlag, format, outFile string) error {
	out := &outFile
	f, err := pickFormat("report", export.Report, format, *out)
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
	extras, err := st.ReportExtras(e.ctx, a)
	if err != nil {
		return err
	}
	now := e.now()
	if _, err := writeOut(e, *out, func(w io.Writer) ([]string, error) {
		return export.Write(w, export.Job{Kind: export.Report, Format: f.Name, Assessment: a, Extras: extras, Now: now})
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
