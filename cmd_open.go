package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/ui"
)

func init() {
	register(&command{
		name:    "open",
		summary: "open the workbook in the terminal app (the default)",
		usage:   "[--db FILE] [--user NAME] [--criteria FILE]",
		help: `Opens the workbook (creating it if it does not exist) in the terminal app.
--criteria FILE uses a custom criteria file for new assessments instead of
the built-in What Good Looks Like framework ('wgll criteria dump' prints it).`,
		run: runOpen,
	})
}

func runOpen(e *env, args []string) error {
	fs := newFlags(e, "open")
	g := addGlobals(e, fs)
	critFile := fs.String("criteria", "", "criteria `FILE` for new assessments")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	critTOML := criteria.BuiltinTOML()
	if *critFile != "" {
		_, raw, err := criteria.LoadFile(*critFile)
		if err != nil {
			return err
		}
		critTOML = raw
	}
	st, err := openStore(e, g)
	if err != nil {
		return err
	}
	defer st.Close()
	app := ui.New(ui.Config{
		Store:        st,
		CriteriaTOML: critTOML,
		Now:          e.now,
		NoColor:      os.Getenv("NO_COLOR") != "",
	})
	p := tea.NewProgram(app, tea.WithContext(e.ctx))
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("run the app: %w", err)
	}
	return nil
}
