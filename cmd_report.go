package main

import (
	"fmt"
	"io"

	"wgll/model"
)

func init() {
	register(&command{
		name:    "report",
		summary: "write the board report as Markdown or HTML",
		usage:   "[--db FILE] [--assessment ID] [--format md|html] [--out FILE]",
		help: `Writes the board report for an assessment: organisation, period and date;
the heatmap; per measure its mean, share assessed, strongest and weakest
statements, evidence count and open actions; the ten largest gaps; every
action; and an index of the evidence.

  --assessment ID   which assessment (default: the newest; see 'wgll list')
  --format FORMAT   md (default) or html; without --format the extension of
                    --out picks it (.md or .html)
  --out FILE        write FILE atomically instead of standard output

The HTML report is one self-contained file (inline CSS, no scripts, nothing
loaded from the network) laid out to print on A4.

Example:
  wgll report --format html --out board-report.html`,
		run: runReport,
	})
}

func runReport(e *env, args []string) error {
	fs := newFlags(e, "report")
	g := addGlobals(e, fs)
	var id assessmentFlag
	fs.Var(&id, "assessment", "assessment `ID` (default: the newest)")
	format := fs.String("format", "", "output `FORMAT`: md or html")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	f, err := chooseFormat("report", *format, *out, reportFormats)
	if err != nil {
		return err
	}
	st, err := openForReading(e, g)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := loadAssessment(e, st, id.id)
	if err != nil {
		return err
	}
	now := e.now()
	if _, err := writeOut(e, *out, func(w io.Writer) ([]string, error) {
		return nil, writeReport(w, a, f, now)
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
