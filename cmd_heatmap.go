package main

import (
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"

	"wgll/ui"
)

func init() {
	register(&command{
		name:    "heatmap",
		summary: "print an assessment's heatmap",
		usage:   "[--db FILE] [--assessment ID]",
		help: `Prints the heatmap of the newest assessment (or --assessment ID): one row per
measure, one cell per statement showing its score (· not assessed), with each
measure's mean, share assessed and open actions. Colour only on a terminal and
only when NO_COLOR is unset; the digits carry the meaning either way.`,
		run: runHeatmap,
	})
}

func runHeatmap(e *env, args []string) error {
	fs := newFlags(e, "heatmap")
	g := addGlobals(e, fs)
	var id assessmentFlag
	fs.Var(&id, "assessment", "assessment `ID` (default: the newest)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	st, err := openExisting(e, g)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := loadAssessment(e, st, id.id)
	if err != nil {
		return err
	}
	width, color := 100, false
	if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			width = w
		}
		color = e.getenv("NO_COLOR") == ""
	}
	fmt.Fprint(e.stdout, ui.RenderHeatmap(a, width, color, e.now()))
	return nil
}
