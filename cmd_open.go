package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/benchmark"
	"wgll/data/export"
	"wgll/model"
	"wgll/ui"
	"wgll/ui/workshop"
)

// newOpenCmd is 'wgll open', which bare 'wgll' runs too.
func newOpenCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "open",
		Short: "open the workbook in the terminal app (the default)",
		Long: `Opens the workbook in the terminal app, creating it if it does not exist.
--criteria FILE uses a custom criteria file for
new assessments instead of the built-in What Good Looks Like framework
('wgll criteria dump' prints it); --criteria builtin:v3-alpha uses the
WGLL v3 alpha ('wgll criteria list' names the built-in frameworks).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runOpen(e, cmd) },
	}
	addOpenFlags(c)
	return c
}

// addOpenFlags adds the app's own flags to c (the root command and open).
func addOpenFlags(c *cobra.Command) {
	c.Flags().String("criteria", "", criteriaSpecHelp+"; used for new assessments")
}

// scriptCommands are named when the app is started without a terminal.
const scriptCommands = "'wgll list', 'wgll report', 'wgll export actions' and 'wgll heatmap'"

// needTerminal refuses to start the app without a terminal to draw on and
// read keys from, saying which commands work in a script.
func needTerminal(e *env) error {
	const msg = "the app needs a terminal; in a script use %s (see 'wgll --help')"
	if !isTerminal(e.rawStdout) {
		return fmt.Errorf(msg, scriptCommands)
	}
	if isTerminal(e.stdin) {
		return nil
	}
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return fmt.Errorf(msg, scriptCommands)
	}
	tty.Close()
	return nil
}

func runOpen(e *env, cmd *cobra.Command) error {
	critFile, err := cmd.Flags().GetString("criteria")
	if err != nil {
		return err
	}
	if err := needTerminal(e); err != nil {
		return err
	}
	// The app holds one assessment in memory; a soft memory limit makes
	// the garbage collector keep the process small on a large workbook
	// rather than let the heap double between collections. GOMEMLIMIT,
	// when set, wins.
	if e.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ui.MemoryLimit)
	}
	_, critTOML, err := criteria.Resolve(critFile)
	if err != nil {
		return err
	}
	// The rotating backup is taken beside the first screen rather than
	// before it, so a large workbook opens at once.
	st, err := openStoreWith(e, data.Options{NoBackupOnOpen: true, Create: true})
	if err != nil {
		return err
	}
	defer st.Close()
	backedUp := make(chan error, 1)
	go func() { backedUp <- st.RotateBackup(e.ctx) }()
	defer func() {
		if err := <-backedUp; err != nil {
			fmt.Fprintf(e.stderr, "wgll: warning: could not take the backup made on opening: %v\n", err)
		}
	}()
	bench, err := benchmarkFor(e, st)
	if err != nil {
		return err
	}
	app := ui.New(ui.Config{
		Store:        st,
		CriteriaTOML: critTOML,
		Now:          e.now,
		NoColor:      e.getenv("NO_COLOR") != "",
		Export: func(ctx context.Context, a *model.Assessment, what, format, path string) ([]string, error) {
			// The app holds a summary (scores and counts); an export
			// reads the whole assessment, committed as every edit is.
			if a != nil && a.Summarised() {
				var err error
				if what == "actions" {
					a, err = st.AssessmentActions(ctx, a.ID)
				} else {
					a, err = st.Assessment(ctx, a.ID)
				}
				if err != nil {
					return nil, err
				}
			}
			return appExport(ctx, st, export.Job{Kind: export.Kind(what), Format: format, Assessment: a, Now: e.now()}, path)
		},
		Benchmark: bench,
		Workshop: func(a *model.Assessment, sid string, isDark bool) ui.Hosted {
			return workshop.NewFacilitator(workshop.FacilitatorConfig{Store: st, Assessment: a, StatementID: sid,
				Now: e.now, NoColor: e.getenv("NO_COLOR") != "", IsDark: isDark})
		},
		OpenURL: openInBrowser,
	})
	p := tea.NewProgram(app, tea.WithContext(e.ctx))
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("run the app: %w", err)
	}
	return nil
}

// benchmarkFor returns the national benchmark shown beside each measure:
// the newest one imported into the workbook, else the built-in 2025 means.
func benchmarkFor(e *env, st *data.Store) (*model.Benchmark, error) {
	b, err := st.Benchmark(e.ctx, 0)
	if errors.Is(err, data.ErrNotFound) {
		return benchmark.National2025(), nil
	}
	return b, err
}
