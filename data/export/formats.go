package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"wgll/model"
)

// This file is the one list of what can be exported and in which formats.
// The command line (--format, and the extension of --out) and the app's
// export dialog both read it and both write through Write, so adding a
// format here adds it to both.

// Kind is what an export holds.
type Kind string

// The kinds of export.
const (
	// Actions is the action list, one row per action.
	Actions Kind = "actions"
	// Report is the board report of one assessment.
	Report Kind = "report"
	// Compare is what moved between two assessments (model.Compare).
	Compare Kind = "compare"
	// Trend is each measure's mean over an organisation's periods
	// (model.Trend).
	Trend Kind = "trend"
	// Plan is the improvement plan of one assessment (WritePlan).
	Plan Kind = "plan"
)

// Kinds lists every kind, in the order menus offer them.
var Kinds = []Kind{Actions, Report, Compare, Trend, Plan}

// Format is one file format a kind can be written in.
type Format struct {
	// Name is what --format takes and the file name extension.
	Name string
	// Label says, for a person choosing, what the format is for.
	Label string
	// Binary formats cannot be written to a terminal; they need a file.
	Binary bool
}

var (
	fmtCSV  = Format{Name: "csv", Label: "CSV: any spreadsheet or database (UTF-8, formula-guarded)"}
	fmtXLSX = Format{Name: "xlsx", Label: "Excel workbook: filtered, printable on A4", Binary: true}
	fmtMD   = Format{Name: "md", Label: "Markdown: paste into a board paper, wiki or email"}
	fmtJSON = Format{Name: "json", Label: "JSON: for other programs (schema " + JSONSchema + ")"}
	fmtHTML = Format{Name: "html", Label: "HTML: one self-contained page, prints on A4"}
	fmtPDF  = Format{Name: "pdf", Label: "PDF: A4, ready for the board pack", Binary: true}
	fmtText = Format{Name: "text", Label: "Plain text, as the terminal shows it"}
)

// formats lists each kind's formats; the first is the default where
// neither --format nor a file extension says otherwise.
var formats = map[Kind][]Format{
	Actions: {fmtCSV, fmtXLSX, fmtMD, fmtJSON},
	Report:  {fmtMD, fmtHTML, fmtPDF},
	Compare: {fmtText, fmtMD, fmtHTML, fmtPDF},
	Trend:   {fmtText, fmtMD, fmtHTML, fmtPDF},
	Plan:    planFormats,
}

// Formats lists the formats kind k can be written in, default first; nil
// for an unknown kind.
func Formats(k Kind) []Format { return slices.Clone(formats[k]) }

// FormatNames is Formats as names: "csv", "xlsx", ...
func FormatNames(k Kind) []string {
	var out []string
	for _, f := range formats[k] {
		out = append(out, f.Name)
	}
	return out
}

// LookupFormat finds format name (any case) among kind k's formats.
func LookupFormat(k Kind, name string) (Format, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, f := range formats[k] {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatFromPath is the format a file name's extension names for kind k
// (".markdown" counts as md, ".txt" as text), if it is one of k's.
func FormatFromPath(k Kind, path string) (Format, bool) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch ext {
	case "markdown":
		ext = "md"
	case "txt":
		ext = "text"
	case "htm":
		ext = "html"
	}
	if ext == "" {
		return Format{}, false
	}
	return LookupFormat(k, ext)
}

// ChooseFormat picks the format for an export of kind k: format when given
// (an error names the valid ones if it is not one of them), else the one
// path's extension names, else the kind's default.
func ChooseFormat(k Kind, format, path string) (Format, error) {
	list := formats[k]
	if len(list) == 0 {
		return Format{}, fmt.Errorf("unknown export %q; use one of: %s", k, kindList())
	}
	if strings.TrimSpace(format) != "" {
		f, ok := LookupFormat(k, format)
		if !ok {
			return Format{}, fmt.Errorf("unknown format %q for %s; use one of: %s", format, k, strings.Join(FormatNames(k), ", "))
		}
		return f, nil
	}
	if f, ok := FormatFromPath(k, path); ok {
		return f, nil
	}
	return list[0], nil
}

// Extension is the file name extension for a format: ".csv", ".txt" for
// text.
func Extension(format string) string {
	if format == "text" {
		return ".txt"
	}
	return "." + format
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// Job is one export: what to write, in which format, from what. Fill in
// the fields its kind needs; Write says which is missing.
type Job struct {
	Kind Kind
	// Format is one of FormatNames(Kind).
	Format string
	// Assessment is what Actions and Report export.
	Assessment *model.Assessment
	// Filter selects the actions of an Actions export; Source, when not
	// nil, is read instead (data.Store.ExportActions streams the rows from
	// the workbook, already filtered), else Rows, when not nil, are written
	// instead of ActionRows(Assessment, Filter, Now).
	Filter Filter
	Source RowSource
	Rows   []ActionRow
	// Evidence, with Source and Plan, is what a Report of a summary lists
	// (data.Store.ExportReport reads all three); a whole assessment's
	// report reads its own lists.
	Evidence EvidenceSource
	// Extras adds the trend, benchmark and assurance to a Report (see
	// data.Store.ReportExtras).
	Extras ReportExtras
	// Comparison is what a Compare export writes.
	Comparison *model.Comparison
	// Trend is what a Trend export writes.
	Trend *model.TrendTable
	// Plan, when not nil, is what a Plan export writes, built from a
	// summary of Assessment (model.BuildPlanFrom); without it the plan is
	// built from Assessment, which must then be whole.
	Plan *model.Plan
	// Now dates the export and decides what is overdue.
	Now time.Time
	// Read, when not nil, counts the actions and evidence items an Actions
	// or Report export has read to write, each once (progress.go), for the
	// progress a long export shows while it runs.
	Read *atomic.Int64
}

// Write writes j to w and returns any warnings for the user (such as text
// too long for a spreadsheet cell, which was cut). It is the single entry
// point of every export, from the command line and the app alike.
func Write(w io.Writer, j Job) (warnings []string, err error) {
	f, ok := LookupFormat(j.Kind, j.Format)
	if !ok {
		if _, err := ChooseFormat(j.Kind, j.Format, ""); err != nil {
			return nil, err
		}
	}
	now := j.Now
	switch j.Kind {
	case Actions, Report, Plan:
		if j.Assessment == nil {
			return nil, fmt.Errorf("export %s: no assessment is open", j.Kind)
		}
	case Compare:
		if j.Comparison == nil {
			return nil, errors.New("export compare: nothing to compare")
		}
	case Trend:
		if j.Trend == nil || len(j.Trend.Periods) == 0 {
			return nil, errors.New("export trend: no periods to show")
		}
	}
	switch j.Kind {
	case Actions:
		src := j.Source
		if src == nil {
			rows := j.Rows
			if rows == nil {
				rows = ActionRows(j.Assessment, j.Filter, now)
			}
			src = SliceRows(rows)
		}
		src = progressRows(src, j.Read)
		switch f.Name {
		case "csv":
			return nil, writeCSV(w, src(true))
		case "xlsx":
			return writeXLSX(w, j.Assessment, src, now)
		case "md":
			return nil, writeMarkdown(w, src(true))
		case "json":
			return nil, writeJSON(w, src(true))
		}
	case Report:
		var r *report
		switch a := j.Assessment; {
		case !a.Summarised():
			r = buildReportWith(a, j.Extras, now)
		case j.Source == nil || j.Evidence == nil || j.Plan == nil:
			return nil, errors.New("export report: the report of a summary needs its actions, evidence and plan read with it (data.Store.ExportReport)")
		default:
			r = newReport(a, j.Extras, ReportItems{Actions: progressRows(j.Source, j.Read), Evidence: progressEvidence(j.Evidence, j.Read)}, *j.Plan, now)
		}
		switch f.Name {
		case "md":
			return nil, writeReportMarkdown(w, r)
		case "html":
			return nil, writeReportHTML(w, r)
		case "pdf":
			return nil, writeReportPDF(w, r)
		}
	case Plan:
		if j.Plan != nil {
			return WritePlanOf(w, f.Name, j.Assessment, *j.Plan, now)
		}
		return WritePlan(w, f.Name, j.Assessment, now)
	case Compare:
		return nil, writeCompare(w, f.Name, *j.Comparison, now)
	case Trend:
		return nil, writeTrend(w, f.Name, *j.Trend, now)
	}
	return nil, fmt.Errorf("export %s as %s is not implemented", j.Kind, j.Format)
}

// WriteFile writes j to the file at path atomically (WriteFileAtomic): a
// failure leaves any file already there exactly as it was.
func WriteFile(path string, j Job) (warnings []string, err error) {
	return WriteFileContext(context.Background(), path, j)
}

// WriteFileContext is WriteFile that stops once ctx is cancelled, leaving
// no file behind (WriteFileAtomicContext).
func WriteFileContext(ctx context.Context, path string, j Job) (warnings []string, err error) {
	if strings.TrimSpace(path) == "" {
		return nil, errors.New("export: give a file name to write to")
	}
	err = WriteFileAtomicContext(ctx, path, func(w io.Writer) error {
		var err error
		warnings, err = Write(w, j)
		return err
	})
	return warnings, err
}

// ctxWriter writes to w until ctx is cancelled, then fails every write
// with ctx's error.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
