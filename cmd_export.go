package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wgll/data/export"
	"wgll/model"
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

// Export subjects and formats.
var (
	exportSubjects = []string{"actions", "report", "assessments"}
	actionFormats  = []string{"csv", "xlsx", "md", "json"}
	reportFormats  = []string{"md", "html"}
)

func runExportActions(e *env, o actionsOptions) error {
	id, format, out, status, owner, measure, overdue := o.id, &o.format, &o.out, &o.status, &o.owner, &o.measure, &o.overdue
	f, err := chooseFormat("export actions", *format, *out, actionFormats)
	if err != nil {
		return err
	}
	if f == "xlsx" && *out == "" {
		return usagef("export actions: --format xlsx needs --out FILE (a workbook cannot go to standard output)")
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
	// Only the workbook format's summary sheet counts evidence; the other
	// formats skip loading it, which is most of a large workbook.
	load := loadAssessmentActions
	if f == "xlsx" {
		load = loadAssessment
	}
	a, err := load(e, st, id.id)
	if err != nil {
		return err
	}
	if *measure != "" && !hasMeasure(a, *measure) {
		return usagef("export actions: no measure with key %q; use one of: %s", *measure, strings.Join(measureKeys(a), ", "))
	}
	now := e.now()
	rows := export.ActionRows(a, export.Filter{Statuses: statuses, Owner: *owner, Measure: *measure, Overdue: *overdue}, now)
	warnings, err := writeOut(e, *out, func(w io.Writer) ([]string, error) {
		return writeActions(w, a, rows, f, now)
	})
	if err != nil {
		return err
	}
	printWarnings(e, warnings)
	if len(rows) == 0 {
		fmt.Fprintln(e.stderr, "wgll: no actions match; the export has only its header")
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "wrote %d %s to %s\n", len(rows), plural(len(rows), "action", "actions"), *out)
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
	doc, err := st.ExportAssessmentsJSON(e.ctx, ids...)
	if err != nil {
		return err
	}
	if _, err := writeOut(e, *out, func(w io.Writer) ([]string, error) {
		_, err := w.Write(doc)
		return nil, err
	}); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "wrote %s; bring it into another workbook with: wgll import %s\n", *out, *out)
	}
	return nil
}

// chooseFormat validates --format, or picks the format from the extension
// of --out when --format is not given, or else the first of valid.
func chooseFormat(cmd, format, out string, valid []string) (string, error) {
	if format == "" {
		ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
		if ext == "markdown" {
			ext = "md"
		}
		if slices.Contains(valid, ext) {
			return ext, nil
		}
		return valid[0], nil
	}
	f := strings.ToLower(format)
	if !slices.Contains(valid, f) {
		return "", usagef("%s: unknown format %q; use one of: %s", cmd, format, strings.Join(valid, ", "))
	}
	return f, nil
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
	err := export.WriteFileAtomic(path, func(w io.Writer) error {
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

// writeActions writes rows in format (csv, xlsx, md or json).
func writeActions(w io.Writer, a *model.Assessment, rows []export.ActionRow, format string, now time.Time) ([]string, error) {
	switch format {
	case "csv":
		return nil, export.WriteCSV(w, rows)
	case "xlsx":
		return export.WriteXLSX(w, a, rows, now)
	case "md":
		return nil, export.WriteMarkdown(w, rows)
	case "json":
		return nil, export.WriteJSON(w, rows)
	}
	return nil, fmt.Errorf("unknown action list format %q; use one of: %s", format, strings.Join(actionFormats, ", "))
}

// writeReport writes the board report in format (md or html), with the
// trend and benchmark in x.
func writeReport(w io.Writer, a *model.Assessment, x export.ReportExtras, format string, now time.Time) error {
	switch format {
	case "md":
		return export.WriteReportMarkdownWith(w, a, x, now)
	case "html":
		return export.WriteReportHTMLWith(w, a, x, now)
	}
	return fmt.Errorf("unknown report format %q; use one of: %s", format, strings.Join(reportFormats, ", "))
}

// exportTo writes the whole of a to the file at path: what is "actions"
// (every action, in format csv, xlsx, md or json) or "report" (the board
// report, in md or html). The file is written atomically. Warnings (such as
// text too long for an Excel cell) are returned for the caller to show.
// The report has neither trend nor benchmark; exportWith adds them.
func exportTo(ctx context.Context, a *model.Assessment, what, format, path string, now time.Time) (warnings []string, err error) {
	return exportWith(ctx, a, what, format, path, now, nil)
}

// reportExtrasLoader loads the board report's trend and benchmark for a,
// such as loadReportExtras on the open workbook.
type reportExtrasLoader func(ctx context.Context, a *model.Assessment) (export.ReportExtras, error)

// exportWith is exportTo whose report also shows what extras loads, when
// extras is not nil. The app's export dialog calls it from a tea.Cmd.
func exportWith(ctx context.Context, a *model.Assessment, what, format, path string, now time.Time, extras reportExtrasLoader) (warnings []string, err error) {
	if a == nil {
		return nil, errors.New("export: no assessment is open")
	}
	if strings.TrimSpace(path) == "" {
		return nil, errors.New("export: give a file name to write to")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("export cancelled: %w", err)
	}
	format = strings.ToLower(format)
	switch what {
	case "plan":
		if !slices.Contains(export.PlanFormats, format) {
			return nil, fmt.Errorf("export plan: unknown format %q; use one of: %s", format, strings.Join(export.PlanFormats, ", "))
		}
		err = export.WriteFileAtomic(path, func(w io.Writer) error {
			warnings, err = export.WritePlan(w, format, a, now)
			return err
		})
	case "actions":
		if !slices.Contains(actionFormats, format) {
			return nil, fmt.Errorf("export actions: unknown format %q; use one of: %s", format, strings.Join(actionFormats, ", "))
		}
		rows := export.ActionRows(a, export.Filter{}, now)
		err = export.WriteFileAtomic(path, func(w io.Writer) error {
			warnings, err = writeActions(w, a, rows, format, now)
			return err
		})
	case "report":
		if !slices.Contains(reportFormats, format) {
			return nil, fmt.Errorf("export report: unknown format %q; use one of: %s", format, strings.Join(reportFormats, ", "))
		}
		var x export.ReportExtras
		if extras != nil {
			if x, err = extras(ctx, a); err != nil {
				return nil, err
			}
		}
		err = export.WriteFileAtomic(path, func(w io.Writer) error { return writeReport(w, a, x, format, now) })
	default:
		return nil, fmt.Errorf("export: unknown subject %q; use one of: %s", what, strings.Join(exportSubjects, ", "))
	}
	if err != nil {
		return nil, err
	}
	return warnings, nil
}
