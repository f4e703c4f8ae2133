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

	"wgll/data/export"
	"wgll/model"
)

// The export and report commands write an assessment out for people who do
// not use wgll: action lists for owners and the board report for the board
// pack. The formats themselves live in package data/export.

func init() {
	register(&command{
		name:    "export",
		summary: "write the action list as CSV, XLSX, Markdown or JSON",
		usage:   "actions [--db FILE] [--assessment ID] [--format csv|xlsx|md|json] [--out FILE] [--status LIST] [--owner NAME] [--measure KEY] [--overdue]",
		help: `Writes one row per action: assessment, measure, statement id and text,
action, owner, due date, status, priority, created, updated and days overdue,
sorted by measure (framework order), then due date (undated last).

  --assessment ID   which assessment (default: the newest; see 'wgll list')
  --format FORMAT   csv (default), xlsx, md or json; without --format the
                    extension of --out picks it (.csv .xlsx .md .json)
  --out FILE        write FILE atomically instead of standard output
                    (required for xlsx)
  --status LIST     only these states, e.g. open,in-progress
                    (open, in-progress, done, dropped)
  --owner NAME      only actions owned by NAME (ignoring case)
  --measure KEY     only one measure, by key (e.g. well-led)
  --overdue         only open or in-progress actions past their due date

CSV is UTF-8 with a byte order mark and CRLF line ends, so Excel shows names
and £ signs correctly; text that a spreadsheet would run as a formula (it
starts with = + - @, tab, CR or NUL) gets a leading apostrophe, in XLSX too.
JSON follows the schema "` + export.JSONSchema + `" described in the README.
'wgll export report' is the same as 'wgll report'.

'wgll export assessments [--db FILE] [--assessment ID] [--out FILE]' writes
whole assessments (criteria, scores, evidence and actions; all of them unless
--assessment is given) as JSON that 'wgll import' reads, so an ICS can gather
its organisations' workbooks.

Example:
  wgll export actions --status open,in-progress --out actions.xlsx`,
		run: runExport,
	})
}

// Export subjects and formats.
var (
	exportSubjects = []string{"actions", "report", "assessments"}
	actionFormats  = []string{"csv", "xlsx", "md", "json"}
	reportFormats  = []string{"md", "html"}
)

func runExport(e *env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && !slices.Contains([]string{"-h", "-help", "--help"}, args[0]) {
		return usagef("export: say what to export: actions (the action list) or report (the board report), e.g. 'wgll export actions --out actions.csv'")
	}
	switch args[0] {
	case "actions":
		return runExportActions(e, args[1:])
	case "report":
		return runReport(e, args[1:])
	case "assessments":
		return runExportAssessments(e, args[1:])
	case "-h", "-help", "--help":
		return helpCommand(e, []string{"export"})
	}
	return usagef("export: unknown subject %q; use one of: %s", args[0], strings.Join(exportSubjects, ", "))
}

func runExportActions(e *env, args []string) error {
	fs := newFlags(e, "export")
	g := addGlobals(e, fs)
	var id assessmentFlag
	fs.Var(&id, "assessment", "assessment `ID` (default: the newest)")
	format := fs.String("format", "", "output `FORMAT`: csv, xlsx, md or json")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	status := fs.String("status", "", "comma-separated `LIST` of states to keep")
	owner := fs.String("owner", "", "keep actions owned by `NAME`")
	measure := fs.String("measure", "", "keep actions under the measure with this `KEY`")
	overdue := fs.Bool("overdue", false, "keep only overdue actions")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
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
	st, err := openForReading(e, g)
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
func runExportAssessments(e *env, args []string) error {
	fs := newFlags(e, "export")
	g := addGlobals(e, fs)
	var id assessmentFlag
	fs.Var(&id, "assessment", "assessment `ID` (default: all)")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	st, err := openForReading(e, g)
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
