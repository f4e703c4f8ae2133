package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
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
	// rather than let the heap double between collections (appGC).
	appGC(e.getenv, func(d time.Duration, f func()) { time.AfterFunc(d, f) })
	critTOML, err := criteria.ResolveTOML(critFile)
	if err != nil {
		return err
	}
	// A workbook that does not exist yet is created by the first save, not
	// by starting the app (see openAppStore). It is opened from here, while
	// the app is made and Bubble Tea sets the terminal up (the app takes it
	// through ui.Config.Open), and the app reads ahead on it at once; one
	// that cannot be opened ends the program before anything is drawn, and
	// is refused below in one line. The built-in criteria that the list's
	// first parse needs are read on the way, not beside it: on two cores a
	// third goroutine took the processor from the terminal's set-up, and
	// one started once the workbook is open was not scheduled before the
	// list had parsed them itself (traced on xl).
	o := &appOpening{e: e, opened: make(chan func(), 1)}
	o.begin()
	defer o.close()
	dataStore := o.dataStore
	// The exports still being written when the program ends are cancelled
	// and waited for, so none leaves a file behind (app_exports.go).
	var exports appExports
	app := ui.New(ui.Config{
		Open:         o.open,
		CriteriaTOML: critTOML,
		Now:          e.now,
		NoColor:      e.getenv("NO_COLOR") != "",
		Export: func(ctx context.Context, r ui.ExportRequest) ([]string, error) {
			ctx, end := exports.begin(ctx)
			defer end()
			return appExport(ctx, dataStore(), export.Job{Kind: export.Kind(r.What), Format: r.Format, Assessment: r.Assessment,
				Comparison: r.Comparison, Trend: r.Trend, Now: e.now(), Read: r.Read}, r.Path)
		},
		ExportFormats: func(what string) []string { return export.FormatNames(export.Kind(what)) },
		Workshop: func(a *model.Assessment, sid string, isDark bool) ui.Hosted {
			return workshop.NewFacilitator(workshop.FacilitatorConfig{Store: dataStore(), Assessment: a, StatementID: sid,
				Now: e.now, NoColor: e.getenv("NO_COLOR") != "", IsDark: isDark})
		},
	})
	// The app's own signal handling, not Bubble Tea's, so that SIGHUP and
	// SIGTERM save what is being typed before the program ends.
	//
	// Lip Gloss detects the terminal's colour profile when it is loaded
	// (lipgloss.Writer), which inside tmux runs 'tmux info'; the program is
	// given that profile rather than detecting it a second time (20 ms or
	// more of every start in tmux). Both look at standard output and the
	// environment, so they find the same profile.
	//
	// Frames are drawn at up to ui.FPS a second, not Bubble Tea's 60.
	p := tea.NewProgram(app, tea.WithContext(e.ctx), tea.WithoutSignalHandler(), tea.WithColorProfile(lipgloss.Writer.Profile),
		tea.WithFPS(ui.FPS))
	stop := flushOnSignals(e, app, p)
	_, runErr := p.Run()
	stop()
	if !exports.stop(exportsGrace) {
		fmt.Fprintln(e.stderr, "wgll: warning: an export did not stop in time; a hidden .tmp file may be left beside the file it was writing")
	}
	if err := app.OpenErr(); err != nil {
		return err
	}
	if err := flushDraft(app); err != nil {
		fmt.Fprintf(e.stderr, "wgll: warning: %v\n", err)
	}
	if runErr != nil {
		if e.ctx.Err() != nil || errors.Is(runErr, tea.ErrInterrupted) {
			// SIGTERM, SIGHUP or SIGINT from outside: what was being typed
			// is kept as a draft (flushOnSignals, flushDraft).
			return fmt.Errorf("the app was ended by a signal: %w", context.Canceled)
		}
		return fmt.Errorf("run the app: %w", runErr)
	}
	return nil
}

// appOpening opens the workbook for the app while the program starts
// (begin), gives it to the app (ui.Config.Open), and closes it when the
// program has ended, whether or not the open had ended by then.
type appOpening struct {
	e *env
	// opened receives closeStore once the open has ended (nil when it
	// failed).
	opened chan func()
	// result receives what the open gave, for the app.
	result chan openedStore

	mu sync.Mutex
	ds func() *data.Store
}

// openedStore is what opening the workbook gave.
type openedStore struct {
	ui.Opened
	err error
}

// begin starts opening the workbook. Begun before the app is made rather
// than when the program starts it (Init), the open (3 to 8 ms) has 3 to
// 4 ms more of the program's set-up beside it, and the list of assessments
// is read that much sooner.
func (o *appOpening) begin() {
	o.result = make(chan openedStore, 1)
	go func() {
		store, ds, bench, closeStore, err := openAppStore(o.e)
		if err != nil {
			o.opened <- nil
			o.result <- openedStore{err: err}
			return
		}
		o.mu.Lock()
		o.ds = ds
		o.mu.Unlock()
		o.opened <- closeStore
		o.result <- openedStore{Opened: ui.Opened{Store: store, Benchmark: bench}}
	}()
}

// open is ui.Config.Open: it waits for the open begun by begin.
func (o *appOpening) open() (ui.Opened, error) {
	r := <-o.result
	return r.Opened, r.err
}

// dataStore is the open *data.Store, or nil.
func (o *appOpening) dataStore() *data.Store {
	o.mu.Lock()
	ds := o.ds
	o.mu.Unlock()
	if ds == nil {
		return nil
	}
	return ds()
}

// close closes the workbook once its open has ended.
func (o *appOpening) close() {
	if o.result == nil {
		return // never begun
	}
	if closeStore := <-o.opened; closeStore != nil {
		closeStore()
	}
}

// openAppStore opens the workbook for the app. An existing file opens at
// once, its rotating backup taken beside the first screen rather than
// before it, so a large workbook opens at once. A file that does not exist
// yet is opened (created) by the first save: started in an empty folder,
// the app leaves no wgll.db, -wal or -shm behind until an assessment is
// saved. dataStore returns the open *data.Store (nil before the first
// save); closeStore closes it and reports a failed backup.
func openAppStore(e *env) (store ui.Store, dataStore func() *data.Store, bench *model.Benchmark, closeStore func(), err error) {
	path := e.g.dbPath(e)
	if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
		lazy := ui.NewLazyStore(path, e.g.userName(e), func() (ui.Store, error) {
			st, err := openStoreWith(e, data.Options{NoBackupOnOpen: true, Create: true})
			if err != nil {
				return nil, err
			}
			return st, nil
		})
		dataStore = func() *data.Store { st, _ := lazy.Opened().(*data.Store); return st }
		return lazy, dataStore, benchmark.National2025(), func() { lazy.Close() }, nil
	}
	st, err := openStoreWith(e, data.Options{NoBackupOnOpen: true, Create: true})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	// The rotating backup (a copy of the whole file when it changed since
	// the last one: 1.5 s of CPU and disk on the xl workbook) waits until
	// the first screens are up and answering, so a start after a day's
	// edits is as quick as any other; quitting before then takes it on the
	// way out, as before.
	backedUp := make(chan error, 1)
	startBackup := sync.OnceFunc(func() { go func() { backedUp <- st.RotateBackup(e.ctx) }() })
	later := time.AfterFunc(backupDelay, startBackup)
	closeStore = func() {
		later.Stop()
		startBackup()
		if err := <-backedUp; err != nil {
			fmt.Fprintf(e.stderr, "wgll: warning: could not take the backup made on opening: %v\n", err)
		}
		st.Close()
	}
	if bench, err = benchmarkFor(e, st); err != nil {
		closeStore()
		return nil, nil, nil, nil, err
	}
	return st, func() *data.Store { return st }, bench, closeStore, nil
}

// backupDelay is how long after opening the app starts the rotating backup.
const backupDelay = 2 * time.Second

// flushDraftTimeout bounds the draft written as the process ends.
const flushDraftTimeout = 3 * time.Second

// flushDraft writes the draft of what is being typed, if anything.
func flushDraft(app *ui.App) error {
	ctx, cancel := context.WithTimeout(context.Background(), flushDraftTimeout)
	defer cancel()
	return app.FlushDraft(ctx)
}

// flushOnSignals saves the draft being typed when the process gets SIGHUP
// (the terminal closed) or SIGTERM, then ends the program; SIGINT (from a
// script, not a key) ends it as Bubble Tea would. stop undoes it and waits
// for a save under way.
//
// It subscribes beside the start, not before it: main's interruptOnSignals
// enables the same signals beside the start too, and signal.Notify holds
// its lock while the runtime's signal thread takes each, so subscribing
// here held the terminal's set-up for 1.6 ms (traced on xl, uprobes). The
// first moments, before it subscribes, have no draft to save.
func flushOnSignals(e *env, app *ui.App, p *tea.Program) (stop func()) {
	done, quit := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
		defer signal.Stop(sigs)
		select {
		case s := <-sigs:
			if s == syscall.SIGINT {
				p.Send(tea.InterruptMsg{})
				return
			}
			if err := flushDraft(app); err != nil {
				fmt.Fprintf(e.stderr, "wgll: warning: %v\n", err)
			}
			p.Quit()
		case <-quit:
		}
	}()
	return func() {
		close(quit)
		<-done
	}
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
