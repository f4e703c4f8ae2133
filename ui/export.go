package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// This file is the export dialog: x asks what to export (the action list or
// the board report), in which format and where, then writes the file in the
// background through Config.Export and says where it went.

// exportTimeout bounds one export; a board report of a large workbook is
// written in well under a second, so this only catches a wedged disk.
const exportTimeout = 2 * time.Minute

// ExportFunc writes assessment a as what ("actions" or "report") in format
// to path, returning any warnings (such as text too long for a spreadsheet
// cell). It runs outside the app's goroutine, on a copy of the assessment.
type ExportFunc func(ctx context.Context, a *model.Assessment, what, format, path string) (warnings []string, err error)

// Export subjects and their formats, first the default one.
var (
	exportSubjects       = []string{"actions", "report"}
	exportSubjectDisplay = []string{"action list", "board report"}
	exportFormats        = map[string][]string{
		"actions": {"xlsx", "csv", "md", "json"},
		"report":  {"html", "md"},
	}
)

// exportChoice is what the dialog was last submitted with, so that opening
// it again offers the same choices.
type exportChoice struct {
	what, format, path string
	// custom is set when the path was typed rather than the default.
	custom bool
}

// exportedMsg is the result of an export.
type exportedMsg struct {
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
	name := "actions"
	if what == "report" {
		name = "report"
	}
	return "./" + slug(a.Organisation) + "-" + slug(a.Period) + "-" + name + "." + format
}

// exportState keeps the export form's path in step with its choices.
type exportState struct {
	hdr model.Header
	// def is the export path the dialog would choose itself, so a path the
	// user typed is kept when the format changes.
	def string
}

// newExportForm asks what to export, in which format and where, starting
// from the last choice made in this session.
func newExportForm(a *model.Assessment, last exportChoice) *form {
	what := last.what
	if what == "" {
		what = exportSubjects[0]
	}
	formats := exportFormats[what]
	format := last.format
	if format == "" {
		format = formats[0]
	}
	path := defaultExportPath(a, what, format)
	if last.custom {
		path = last.path
	}
	f := &form{kind: formExport, title: "Export " + oneLine(a.Title()), fields: []field{
		newChoiceField("what", "What", exportSubjects, exportSubjectDisplay, what),
		newChoiceField("format", "Format", formats, nil, format),
		newTextField("path", "Save to", "file name or path", path, true),
	}, submit: submitExport}
	f.fields[2].input.setLimit(4096)
	f.info = []string{"The file is written whole or not at all; an existing file is replaced."}
	f.hint = "tab next field · ←/→ choose · ctrl+s or enter on Save to export · esc cancel"
	f.export = &exportState{hdr: a.Header, def: path}
	if last.custom {
		f.export.def = defaultExportPath(a, what, format)
	}
	return f.ready()
}

// syncExport keeps the format choices in step with what is exported and,
// unless the user typed a path, the file name in step with both.
func (f *form) syncExport() {
	what := f.fields[0].value()
	formats := exportFormats[what]
	ff := &f.fields[1]
	if strings.Join(ff.choices, ",") != strings.Join(formats, ",") {
		old := ff.value()
		*ff = newChoiceField("format", "Format", formats, nil, old)
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
	if a.export == nil {
		a.push(newNotice("Export is not available", []string{
			"This copy of the app was started without an exporter.",
			"From the command line, 'wgll export actions' writes the action list and 'wgll report' the board report.",
		}))
		return nil
	}
	a.push(newExportForm(a.a, a.lastExport))
	return nil
}

// exportLabel names what was exported, for messages.
func exportLabel(what string) string {
	for i, w := range exportSubjects {
		if w == what {
			return exportSubjectDisplay[i]
		}
	}
	return what
}

// exportCmd runs fn on its own copy of the assessment.
func exportCmd(fn ExportFunc, a *model.Assessment, what, format, path string) tea.Cmd {
	return func() tea.Msg {
		c, cancel := context.WithTimeout(context.Background(), exportTimeout)
		defer cancel()
		where := path
		if abs, err := filepath.Abs(path); err == nil {
			where = abs
		}
		warnings, err := fn(c, a, what, format, path)
		if err != nil {
			return exportedMsg{what: what, format: format, path: where, err: fmt.Errorf("export the %s: %w", exportLabel(what), err)}
		}
		return exportedMsg{what: what, format: format, path: where, warnings: warnings}
	}
}

// applyExported reports where the file went; warnings (text a format had
// to split, say) are counted on the status line and listed in a notice.
func (a *App) applyExported(msg exportedMsg) tea.Cmd {
	if msg.err != nil {
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
