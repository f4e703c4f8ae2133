package ui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// This file hands long text to the person's own editor ($VISUAL or
// $EDITOR) with ctrl+o and takes it back: the rationale, or the focused
// multi-line field of a form.

// externalDoneMsg is the text back from the editor; into puts it where it
// came from (it runs in Update).
type externalDoneMsg struct {
	text string
	into func(string)
	err  error
}

// editorCommand is the editor to run: $VISUAL, then $EDITOR, then vi.
func editorCommand() ([]string, error) {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(v)); len(f) > 0 {
			return f, nil
		}
	}
	if _, err := exec.LookPath("vi"); err == nil {
		return []string{"vi"}, nil
	}
	return nil, fmt.Errorf("no editor: set $EDITOR to the editor you use")
}

// editExternally writes text to a temporary file, suspends the app while
// the editor runs on it and reads it back for into.
func (a *App) editExternally(text string, into func(string)) tea.Cmd {
	if a.remote {
		return a.setStatus("ctrl+o is off over a shared connection: the editor would run on the host", true)
	}
	argv, err := editorCommand()
	if err != nil {
		return a.fail(err)
	}
	f, err := os.CreateTemp("", "wgll-*.txt")
	if err != nil {
		return a.fail(fmt.Errorf("open the editor: %w", err))
	}
	path := f.Name()
	_, werr := f.WriteString(text)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		return a.fail(fmt.Errorf("open the editor: %w", werr))
	}
	cmd := exec.Command(argv[0], append(argv[1:], path)...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		defer os.Remove(path)
		if err != nil {
			return externalDoneMsg{err: fmt.Errorf("the editor %s: %w", argv[0], err)}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return externalDoneMsg{err: fmt.Errorf("read back from the editor: %w", err)}
		}
		// Editors end a file with a newline the person did not type.
		return externalDoneMsg{text: strings.TrimSuffix(string(b), "\n"), into: into}
	})
}

// applyExternal puts the edited text back, sanitised by the editor it
// goes into.
func (a *App) applyExternal(msg externalDoneMsg) tea.Cmd {
	if msg.err != nil {
		return a.fail(msg.err)
	}
	msg.into(msg.text)
	return tea.Batch(a.typed(), a.setStatus("Took the text back from the editor", false))
}
