package main

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"

	"wgll/ui"
)

// termGuard is standard output or error when it is a terminal. Commands
// print text from workbooks and imported files, which may carry escape
// sequences that set the title, write the clipboard (OSC 52) or clear the
// screen; everything written through the guard passes ui.Sanitize, the
// app's own sanitiser, so no command can forget. Output to a pipe or a file
// is not guarded, so CSV and JSON stay lossless there.
type termGuard struct{ w io.Writer }

func (g termGuard) Write(p []byte) (int, error) {
	if _, err := io.WriteString(g.w, ui.Sanitize(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// guardTerminal wraps w in a termGuard when it is a terminal.
func guardTerminal(w io.Writer) io.Writer {
	if isTerminal(w) {
		return termGuard{w}
	}
	return w
}

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
