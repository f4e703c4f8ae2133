// Command minimaltea is the floor that wgll's start-up is measured against
// (issue 6): the smallest Bubble Tea v2 program that draws a full-screen
// frame like wgll's, in the alternate screen, and waits for q. scripts/bench
// times both in the same pseudo-terminal in the same run. It also counts the
// other keys pressed ("presses: N"), the floor a key press in wgll is
// measured against: the same key, through the same terminal, redrawn.
// With -fps 120 it draws as often as wgll does, the floor like for like.
package main

import (
	"flag"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

// model is a program with nothing to load: its first frame is ready as
// soon as the terminal is.
type model struct{ width, height, presses int }

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		if msg.String() == "q" || msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
		m.presses++
	}
	return m, nil
}

func (m model) View() tea.View {
	v := tea.NewView(fmt.Sprintf("minimal Bubble Tea ready\n\n%dx%d · q quits\npresses: %d", m.width, m.height, m.presses))
	v.AltScreen = true
	return v
}

func main() {
	// -fps N draws at up to N frames a second, as wgll does (ui.FPS), for a
	// floor like for like; without it, Bubble Tea's default.
	fps := flag.Int("fps", 0, "frames a second (0: Bubble Tea's default, 60)")
	flag.Parse()
	if _, err := tea.NewProgram(model{}, tea.WithFPS(*fps)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "minimaltea:", err)
		os.Exit(1)
	}
}
