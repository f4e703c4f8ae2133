package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// warmWidths builds, off the first frame's path, the table the renderer
// measures every character from U+0300 up with ("›", "·", "…", "✓", the
// box lines): go-runewidth builds it on first use, 1 to 2 ms of a process
// that has just started, which fell inside the first frame's flush (the
// picker was written 1.6 to 2.4 ms after its tick on the xl demo, 0.7 to
// 0.8 ms with the table built). Init runs it as a command, once the program
// has set the terminal up and its own goroutine waits for the first tick,
// so it takes no processor from that set-up.
func warmWidths() tea.Msg {
	ansi.StringWidthWc("›")
	return nil
}
