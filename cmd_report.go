package main

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"wgll/data"
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
	aid, err := newestIfZero(e, st, id.id)
	if err != nil {
		return err
	}
	now := e.now()
	var title string
	err = st.ExportReport(e.ctx, aid, now, func(rd data.ReportRead) error {
		title = reportTitle(rd.Assessment)
		j, err := reportJob(e.ctx, st, rd, f.Name, now)
		if err != nil {
			return err
		}
		if *out != "" {
			ev, acts, _ := rd.Assessment.ItemTotals()
			j.Read = new(atomic.Int64)
			defer showProgress(e, "board report ("+f.Name+")", int64(ev+acts), j.Read)()
		}
		_, err = writeOut(e, *out, func(w io.Writer) ([]string, error) { return export.Write(w, j) })
		return err
	})
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "wrote the board report for %s to %s\n", title, *out)
	}
	return nil
}

// reportJob is the export of the board report read in rd, with the
// store's extras (trend and benchmark): 'wgll report' and the app's
// report export both write it.
func reportJob(ctx context.Context, st *data.Store, rd data.ReportRead, format string, now time.Time) (export.Job, error) {
	extras, err := st.ReportExtras(ctx, rd.Assessment)
	if err != nil {
		return export.Job{}, err
	}
	return export.Job{Kind: export.Report, Format: format, Assessment: rd.Assessment, Source: rd.Items.Actions,
		Evidence: rd.Items.Evidence, Plan: &rd.Plan, Extras: extras, Now: now}, nil
}

// reportTitle names the assessment on one line, safe for a terminal.
func reportTitle(a *model.Assessment) string { return clip(a.Title(), 60) }
