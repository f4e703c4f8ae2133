package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// This file is the export dialog: x asks what to export (the action list,
// the board report, and on the compare and trend screens what they show),
// in which format (Config.ExportFormats, the export package's one list) and
// where, asks before replacing an existing file, then writes the file in
// the background through Config.Export and says where it went.

// ExportRequest is one file the export dialog asks for.
type ExportRequest struct {
	// What is "actions", "report", "compare" or "trend"; Format one of
	// Config.ExportFormats(What); Path the file to write.
	What, Format, Path string
	// Assessment is the app's own copy of the open assessment.
	Assessment *model.Assessment
	// Comparison and Trend are what the compare and trend screens show,
	// set when What asks for them.
	Comparison *model.Comparison
	Trend      *model.TrendTable
	// Read is for the exporter to count the actions and evidence items it
	// has read (export.Job.Read), for the progress the status line shows.
	Read *atomic.Int64
}

// ExportFunc writes r, returning any warnings (such as text too long for a
// spreadsheet cell). It runs outside the app's goroutine, on copies.
type ExportFunc func(ctx context.Context, r ExportRequest) (warnings []string, err error)

// Export subjects' names, and the format each starts on.
var (
	exportSubjectDisplay = map[string]string{"actions": "action list", "report": "board report", "plan": "improvement plan", "compare": "comparison", "trend": "trend"}
	// exportPreferred is the format the dialog starts on for each subject,
	// when the list has it: what a board secretary most often sends.
	exportPreferred = map[string]string{"actions": "xlsx", "report": "pdf", "plan": "pdf", "compare": "pdf", "trend": "pdf"}
)

// exportChoice is what the dialog was last submitted with, so that opening
// it again offers the same choices.
type exportChoice struct {
	what, format, path string
	// custom is set when the path was typed rather than the default.
	custom bool
	// cmp and trend are what a compare or trend export writes.
	cmp   *model.Comparison
	trend *model.TrendTable
}

// exportedMsg is the result of export seq (exportRun).
type exportedMsg struct {
	seq                int
	what, format, path string
	warnings           []string
	err                error
}

// slug turns s into lower-case letters, digits and single hyphens, for a
// file name: "Northshire FT" and "2026/27" become "northshire-ft" and
// "2026-27".
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	// Sanitise first, so an escape sequence in a name leaves nothing behind.
	for _, r := range strings.ToLower(Sanitize(s)) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return "assessment"
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

// defaultExportPath is where an export of a goes unless the user says
// otherwise: a file in the current folder named after the organisation,
// the period and what it holds.
func defaultExportPath(a *model.Assessment, what, format string) string {
	ext := format
	if ext == "text" {
		ext = "txt"
	}
	return "./" + slug(a.Organisation) + "-" + slug(a.Period) + "-" + what + "." + ext
}

// exportState keeps the export form's path in step with its choices.
type exportState struct {
	hdr model.Header
	// def is the export path the dialog would choose itself, so a path the
	// user typed is kept when the format changes.
	def string
	// formats lists each subject's formats (Config.ExportFormats).
	formats func(what string) []string
	// cmp and trend are what the screen the dialog was opened on shows.
	cmp   *model.Comparison
	trend *model.TrendTable
}

// startFormat is the format the dialog offers first for what: the last one
// used if it is in the list, else the preferred one, else the first.
func startFormat(formats []string, what, last string) string {
	for _, want := range []string{last, exportPreferred[what]} {
		for _, f := range formats {
			if f == want && want != "" {
				return f
			}
		}
	}
	if len(formats) == 0 {
		return ""
	}
	return formats[0]
}

// newExportForm asks what to export, in which format and where, starting
// from the last choice made in this session. cmp and trend, when not nil,
// are what the current screen shows; the dialog then offers them and
// starts on them.
func newExportForm(a *model.Assessment, last exportChoice, formats func(string) []string, cmp *model.Comparison, trend *model.TrendTable) *form {
	subjects := []string{"actions", "report", "plan"}
	what := last.what
	switch {
	case cmp != nil:
		subjects = append(subjects, "compare")
		what = "compare" // the screen's own contents
	case trend != nil:
		subjects = append(subjects, "trend")
		what = "trend"
	}
	if !slices.Contains(subjects, what) {
		what = subjects[0]
	}
	display := make([]string, len(subjects))
	for i, s := range subjects {
		display[i] = exportSubjectDisplay[s]
	}
	list := formats(what)
	format := startFormat(list, what, last.format)
	path := defaultExportPath(a, what, format)
	if last.custom && last.what == what {
		path = last.path
	}
	f := &form{kind: formExport, title: "Export " + oneLine(a.Title()), fields: []field{
		newChoiceField("what", "What", subjects, display, what),
		newChoiceField("format", "Format", list, nil, format),
		newTextField("path", "Save to", "file name or path", path, true),
	}, submit: submitExport}
	f.fields[2].input.setLimit(4096)
	f.info = []string{"The file is written whole or not at all; if it exists already you are asked before it is replaced."}
	f.hint = "tab next field · ←/→ choose · ctrl+s or enter on Save to export · esc cancel"
	f.export = &exportState{hdr: a.Header, def: path, formats: formats, cmp: cmp, trend: trend}
	if path != defaultExportPath(a, what, format) {
		f.export.def = defaultExportPath(a, what, format)
	}
	return f.ready()
}

// syncExport keeps the format choices in step with what is exported and,
// unless the user typed a path, the file name in step with both.
func (f *form) syncExport() {
	what := f.fields[0].value()
	formats := f.export.formats(what)
	ff := &f.fields[1]
	if strings.Join(ff.choices, ",") != strings.Join(formats, ",") {
		old := ff.value()
		*ff = newChoiceField("format", "Format", formats, nil, startFormat(formats, what, old))
	}
	path := &f.fields[2].input
	if strings.TrimSpace(path.Value()) == f.export.def {
		f.export.def = defaultExportPath(&model.Assessment{Header: f.export.hdr}, what, ff.value())
		path.SetValue(f.export.def)
	}
}

// exportRequest validates the export form.
func (f *form) exportRequest() (exportChoice, error) {
	v := f.values()
	def := f.export.def
	c := exportChoice{what: v["what"], format: v["format"], path: v["path"]}
	if c.path == "" {
		return c, errField("path", "say where to save the file, e.g. %s", def)
	}
	if strings.HasSuffix(c.path, "/") || strings.HasSuffix(c.path, string(filepath.Separator)) {
		return c, errField("path", "%s is a folder: add a file name, e.g. %s", c.path, filepath.Join(c.path, filepath.Base(def)))
	}
	c.custom = c.path != def
	switch c.what {
	case "compare":
		c.cmp = f.export.cmp
	case "trend":
		c.trend = f.export.trend
	}
	return c, nil
}

func submitExport(f *form) (action, error) {
	c, err := f.exportRequest()
	if err != nil {
		return nil, err
	}
	return actExport{c: c}, nil
}

// openExport opens the export dialog, or says why it cannot.
func (a *App) openExport() tea.Cmd {
	if a.export == nil || a.exportFormats == nil {
		a.push(newNotice("Export is not available", []string{
			"This copy of the app was started without an exporter.",
			"From the command line, 'wgll export actions' writes the action list and 'wgll report' the board report.",
		}))
		return nil
	}
	if cmd, busy := a.busy(); busy {
		return cmd
	}
	var cmp *model.Comparison
	var trend *model.TrendTable
	switch a.screen {
	case screenCompare:
		cmp = a.sc.compare.cmp
	case screenTrend:
		trend = a.sc.trend.trend
	}
	a.push(newExportForm(a.a, a.lastExport, a.exportFormats, cmp, trend))
	return nil
}

// exportTarget is what the file at path already is: "" when nothing is
// there (the export may go ahead), else a few words for the question.
func exportTarget(path string) string {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return ""
	case fi.IsDir():
		return "a folder"
	}
	return fmt.Sprintf("%s, changed %s", byteSize(fi.Size()), fi.ModTime().Format("2 Jan 2006 15:04"))
}

// byteSize writes n bytes for a person: "812 bytes", "14 KB", "3.2 MB".
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// exportLabel names what was exported, for messages.
func exportLabel(what string) string {
	if d, ok := exportSubjectDisplay[what]; ok {
		return d
	}
	return what
}

// exportTotal is how many items exporting what reads of a: the actions
// for the action list, the actions and evidence for the board report, 0
// (not counted) for the rest.
func exportTotal(a *model.Assessment, what string) int64 {
	if a == nil {
		return 0
	}
	ev, acts, ok := a.ItemTotals()
	switch {
	case !ok:
		return 0
	case what == "actions":
		return int64(acts)
	case what == "report":
		return int64(acts + ev)
	}
	return 0
}

// startExport writes c in the background, or says why not.
func (a *App) startExport(c exportChoice) tea.Cmd {
	label := fmt.Sprintf("%s (%s)", exportLabel(c.what), c.format)
	w := &work{doing: "Writing the " + label, being: "the " + label + " is being written",
		undone: "the " + label + " was not written", nothing: "no file is written",
		read: new(atomic.Int64), total: exportTotal(a.a, c.what)}
	ctx, tick := a.startWork(w)
	if ctx == nil {
		return tick
	}
	return tea.Batch(exportCmd(ctx, a.export, snapshot(a.a), c, w.seq, w.read), tick)
}

// exportCmd runs fn on its own copy of the assessment, until it ends or
// ctx is cancelled.
func exportCmd(ctx context.Context, fn ExportFunc, a *model.Assessment, c exportChoice, seq int, read *atomic.Int64) tea.Cmd {
	what, format, path := c.what, c.format, c.path
	r := ExportRequest{What: what, Format: format, Path: path, Assessment: a, Comparison: c.cmp, Trend: c.trend, Read: read}
	return func() tea.Msg {
		where := path
		if abs, err := filepath.Abs(path); err == nil {
			where = abs
		}
		warnings, err := fn(ctx, r)
		if err != nil {
			return exportedMsg{seq: seq, what: what, format: format, path: where, err: fmt.Errorf("export the %s: %w", exportLabel(what), err)}
		}
		return exportedMsg{seq: seq, what: what, format: format, path: where, warnings: warnings}
	}
}

// applyExported reports where the file went; warnings (text a format had
// to split, say) are counted on the status line and listed in a notice.
func (a *App) applyExported(msg exportedMsg) tea.Cmd {
	if !a.endWork(msg.seq, msg.err) {
		return nil
	}
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return a.setStatus("Cancelled: the "+exportLabel(msg.what)+" was not written", false)
		}
		return a.fail(msg.err)
	}
	detail := msg.format
	if n := len(msg.warnings); n > 0 {
		detail += fmt.Sprintf(", %d warning(s)", n)
		lines := make([]string, n)
		for i, w := range msg.warnings {
			lines[i] = oneLine(w)
		}
		if _, open := dialogOf[*notice](a); !open {
			a.push(newNotice(fmt.Sprintf("The %s was written, with %d warning(s)", exportLabel(msg.what), n), lines))
		}
	}
	return a.setStatus(fmt.Sprintf("Wrote the %s (%s) to %s", exportLabel(msg.what), detail, oneLine(msg.path)), false)
}

// snapshot deep-copies a (model.Assessment.Clone) so that a background
// task can read it while the app goes on editing its own copy.
func snapshot(a *model.Assessment) *model.Assessment { return a.Clone() }
