package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/data/export"
	"wgll/model"
	"wgll/ui"
)

// The export and report commands write an assessment out for people who do
// not use wgll: action lists for owners and the board report for the board
// pack. The formats themselves live in package data/export.

// actionsOptions are the flags of 'wgll export actions'.
type actionsOptions struct {
	id      assessmentFlag
	format  string
	out     string
	status  string
	owner   string
	measure string
	overdue bool
}

func newExportCmd(e *env) *cobra.Command {
	var o actionsOptions
	actions := &cobra.Command{
		Use:   "actions",
		Short: "write the action list as CSV, XLSX, Markdown or JSON",
		Long: `Writes one row per action: assessment, measure, statement id and text,
action, owner, due date, status, priority, created, updated and days overdue,
sorted by measure (framework order), then due date (undated last).

CSV is UTF-8 with a byte order mark and CRLF line ends, so Excel shows names
and £ signs correctly; text that a spreadsheet would run as a formula (it
starts with = + - @, tab, CR or NUL) gets a leading apostrophe, in XLSX too.
JSON follows the schema "` + export.JSONSchema + `" described in the README.
On a terminal, control characters in the text are removed from what is shown;
written to a file or a pipe, every byte is kept.

Example:
  wgll export actions --status open,in-progress --out actions.xlsx`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportActions(e, o) },
	}
	f := actions.Flags()
	f.Var(&o.id, "assessment", "assessment `ID` (default: the newest; see 'wgll list')")
	f.StringVar(&o.format, "format", "", "output `FORMAT`: csv (default), xlsx, md or json; without it the extension of --out picks")
	f.StringVar(&o.out, "out", "", "write `FILE` atomically instead of standard output (required for xlsx)")
	f.StringVar(&o.status, "status", "", "only these states, a comma-separated `LIST` of open, in-progress, done, dropped")
	f.StringVar(&o.owner, "owner", "", "only actions owned by `NAME` (ignoring case)")
	f.StringVar(&o.measure, "measure", "", "only the measure with this `KEY` (e.g. well-led)")
	f.BoolVar(&o.overdue, "overdue", false, "only open or in-progress actions past their due date")

	var aid assessmentFlag
	var aout string
	assessments := &cobra.Command{
		Use:   "assessments",
		Short: "write whole assessments as JSON that 'wgll import' reads",
		Long: `Writes whole assessments (criteria, scores, evidence and actions; all of them
unless --assessment is given) as JSON that 'wgll import' reads, so an ICS can
gather its organisations' workbooks.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportAssessments(e, aid, aout) },
	}
	assessments.Flags().Var(&aid, "assessment", "assessment `ID` (default: all)")
	assessments.Flags().StringVar(&aout, "out", "", "write to `FILE` instead of standard output")

	report := newReportCmd(e)
	report.Short = "the board report (the same as 'wgll report')"
	return groupCmd("export", "write the action list, the board report or whole assessments",
		"Writes the action list (actions), the board report (report, the same as 'wgll report')\nor whole assessments as JSON (assessments).",
		actions, report, assessments)
}

// pickFormat is export.ChooseFormat (the one list of formats, with
// --format, else the extension of --out, else the default) as a usage
// error, refusing a binary format on standard output.
func pickFormat(cmd string, kind export.Kind, format, out string) (export.Format, error) {
	f, err := export.ChooseFormat(kind, format, out)
	if err != nil {
		return f, usagef("%s: %v", cmd, err)
	}
	if f.Binary && out == "" {
		return f, usagef("%s: --format %s needs --out FILE (a %s file cannot go to standard output)", cmd, f.Name, strings.ToUpper(f.Name))
	}
	return f, nil
}

// formatList names kind's formats for a flag's help: "md (default), html or pdf".
func formatList(kind export.Kind) string {
	names := export.FormatNames(kind)
	names[0] += " (default)"
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func runExportActions(e *env, o actionsOptions) error {
	id, format, out, status, owner, measure, overdue := o.id, &o.format, &o.out, &o.status, &o.owner, &o.measure, &o.overdue
	f, err := pickFormat("export actions", export.Actions, *format, *out)
	if err != nil {
		return err
	}
	statuses, err := export.ParseStatuses(*status)
	if err != nil {
		return usagef("export actions: --status: %v", err)
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	aid := id.id
	if aid == 0 {
		newest, ok, err := st.NewestReadable(e.ctx)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s has no assessments yet; run 'wgll --db %s' to start one", st.Path(), st.Path())
		}
		aid = newest
	}
	now := e.now()
	// The rows stream from the workbook to the file (issue 16); only the
	// workbook format's Summary sheet needs the assessment's counts.
	opt := data.ActionExport{Filter: export.Filter{Statuses: statuses, Owner: *owner, Measure: *measure, Overdue: *overdue}, Now: now, Counts: f.Name == "xlsx"}
	// read counts the rows written (export.Job.Read), for the progress
	// and the last line.
	var read atomic.Int64
	var warnings []string
	err = st.ExportActions(e.ctx, aid, opt, func(a *model.Assessment, rows export.RowSource) error {
		if *measure != "" && !hasMeasure(a, *measure) {
			return usagef("export actions: no measure with key %q; use one of: %s", *measure, strings.Join(measureKeys(a), ", "))
		}
		j := export.Job{Kind: export.Actions, Format: f.Name, Assessment: a, Source: rows, Now: now, Read: &read}
		if *out != "" {
			defer showProgress(e, "action list ("+f.Name+")", 0, j.Read)()
		}
		var err error
		warnings, err = writeOut(e, *out, func(w io.Writer) ([]string, error) { return export.Write(w, j) })
		return err
	})
	if err != nil {
		return err
	}
	printWarnings(e, warnings)
	n := int(read.Load())
	if n == 0 {
		fmt.Fprintln(e.stderr, "wgll: no actions match; the export has only its header")
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "wrote %d %s to %s\n", n, plural(n, "action", "actions"), *out)
	}
	return nil
}

// runExportAssessments writes whole assessments as the JSON that
// 'wgll import' reads.
func runExportAssessments(e *env, id assessmentFlag, outFile string) error {
	out := &outFile
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	var ids []int64
	if id.id != 0 {
		ids = append(ids, id.id)
	}
	var written countingWriter
	stop := func() {}
	if *out != "" {
		// xl's 430 assessments are 281 MB of JSON, five seconds.
		stop = showLine(e, func(elapsed time.Duration) string {
			return ui.Progress("Writing "+*out, written.n.Load()>>20, 0, "MB written", elapsed)
		})
	}
	_, err = writeOut(e, *out, func(w io.Writer) ([]string, error) {
		written.w = w
		return nil, st.WriteAssessmentsJSON(e.ctx, &written, ids...)
	})
	stop() // before anything else is printed
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "wrote %s; bring it into another workbook with: wgll import %s\n", *out, *out)
	}
	return nil
}

func hasMeasure(a *model.Assessment, key string) bool {
	return slices.Contains(measureKeys(a), key)
}

func measureKeys(a *model.Assessment) []string {
	var keys []string
	for _, m := range a.Measures() {
		keys = append(keys, m.Key)
	}
	return keys
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// countingWriter counts the bytes written through it to w.
type countingWriter struct {
	w io.Writer
	n atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// writeOut runs write against standard output, or against path through an
// atomic file write so that a failure leaves any existing file untouched.
func writeOut(e *env, path string, write func(io.Writer) ([]string, error)) ([]string, error) {
	if err := e.ctx.Err(); err != nil {
		return nil, fmt.Errorf("export cancelled: %w", err)
	}
	if path == "" {
		return write(e.stdout)
	}
	var warnings []string
	// The file's writes check the command's context, so ctrl+c stops an
	// export that has read all its rows too, and no file is left.
	err := export.WriteFileAtomicContext(e.ctx, path, func(w io.Writer) error {
		var err error
		warnings, err = write(w)
		return err
	})
	return warnings, err
}

func printWarnings(e *env, warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "wgll: warning: %s\n", w)
	}
}

// appExport writes what the app's export dialog asks for to the file at
// path through export.WriteFileContext. The app holds a summary of the
// open assessment (scores and counts), and the store reads what each kind
// needs with it: the action list and the board report stream their rows
// (the report with the store's extras, trend and benchmark), the plan is
// built from the summary and its gaps' support as 'wgll plan' builds it,
// and a comparison or a trend needs nothing more, since the screen already
// holds what it writes. Nothing reads the whole assessment. Warnings
// (such as text too long for an Excel cell) are returned for the app to
// show.
func appExport(ctx context.Context, st *data.Store, j export.Job, path string) (warnings []string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("export cancelled: %w", err)
	}
	if j.Kind == export.Plan && st != nil && j.Assessment != nil && j.Assessment.Summarised() && j.Plan == nil {
		a, p, err := planOf(ctx, st, j.Assessment.ID, j.Now)
		if err != nil {
			return nil, err
		}
		j.Assessment, j.Plan = a, &p
	}
	if j.Kind == export.Actions && st != nil && j.Assessment != nil && j.Assessment.Summarised() && j.Source == nil && j.Rows == nil {
		// The app holds a summary: the action list streams from the
		// workbook, as 'wgll export actions' writes it (issue 16).
		var warnings []string
		err := st.ExportActions(ctx, j.Assessment.ID, data.ActionExport{Filter: j.Filter, Now: j.Now, Counts: j.Format == "xlsx"},
			func(a *model.Assessment, rows export.RowSource) error {
				j.Assessment, j.Source = a, rows
				var err error
				warnings, err = export.WriteFileContext(ctx, path, j)
				return err
			})
		return warnings, err
	}
	if j.Kind == export.Report && st != nil && j.Assessment != nil && j.Assessment.Summarised() {
		// The board report of a summary streams its actions and
		// evidence from the workbook, as 'wgll report' writes it.
		var warnings []string
		err := st.ExportReport(ctx, j.Assessment.ID, j.Now, func(rd data.ReportRead) error {
			rj, err := reportJob(ctx, st, rd, j.Format, j.Now)
			if err != nil {
				return err
			}
			rj.Extras.AssuredBy, rj.Read = j.Extras.AssuredBy, j.Read
			warnings, err = export.WriteFileContext(ctx, path, rj)
			return err
		})
		return warnings, err
	}
	if j.Kind == export.Report && st != nil && j.Assessment != nil {
		extras, err := st.ReportExtras(ctx, j.Assessment)
		if err != nil {
			return nil, err
		}
		extras.AssuredBy = j.Extras.AssuredBy
		j.Extras = extras
	}
	return export.WriteFileContext(ctx, path, j)
}
