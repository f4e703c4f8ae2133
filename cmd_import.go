package main

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/ui"
)

func newImportCmd(e *env) *cobra.Command {
	var replace bool
	c := &cobra.Command{
		Use:   "import FILE...",
		Short: "bring other organisations' workbooks or JSON into this one",
		Long: `Imports every assessment of each FILE (another wgll workbook, which is only
read, or a whole-assessment JSON file) into this workbook, with its scores,
evidence and actions. Assessments are matched by organisation, audience and
period: one already here with the same content is left alone, so importing a
file twice changes nothing; one with different content is reported as a
conflict and not overwritten (exit status 1). Each file's new assessments are
added in one transaction. Flags may come anywhere:
  wgll import org2.db --db ics.db
With --replace, an assessment here that differs from the file's is replaced by
it (a corrected resubmission): the workbook is backed up first, the change log
records it, and wgll says what changed. A signed-off assessment is refused.`,
		Args: minArgs(1, "give one or more workbook or JSON files to import"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if replace {
				return runImportReplace(e, args)
			}
			return runImport(e, args)
		},
	}
	c.Flags().BoolVar(&replace, "replace", false, "replace assessments that differ with the file's, after a backup")
	return c
}

func runImport(e *env, files []string) error {
	// Every file is read and checked before the workbook is opened, so a
	// refused import does not leave a new, empty workbook at --db.
	conflicts, failed := 0, 0
	var srcs []*data.ImportSource
	for _, path := range files {
		stop := showLine(e, func(elapsed time.Duration) string {
			return ui.Progress("Reading "+path, 0, 0, "", elapsed) // read whole, then checked
		})
		src, err := data.ReadImport(e.ctx, path)
		stop()
		if err := e.ctx.Err(); err != nil {
			return fmt.Errorf("import: nothing was changed: %w", err) // ctrl+c while reading
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "wgll: %s\n", oneLine(err.Error()))
			failed++
			continue
		}
		srcs = append(srcs, src)
	}
	if len(srcs) == 0 {
		if len(files) == 1 {
			return fmt.Errorf("nothing was imported and nothing was changed")
		}
		return fmt.Errorf("none of the %d files could be imported; nothing was changed", len(files))
	}
	st, err := openStore(e)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, src := range srcs {
		path := src.Path()
		var total int64
		src.Added, total = new(atomic.Int64), int64(src.Items())
		stop := showLine(e, func(elapsed time.Duration) string {
			return ui.Progress("Importing "+path, src.Added.Load(), total, "items added", elapsed)
		})
		r, err := st.ImportFrom(e.ctx, src)
		stop()
		if err != nil && e.ctx.Err() != nil {
			// ctrl+c: this file's transaction was rolled back, and the
			// files after it are not started.
			return err
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "wgll: %s\n", oneLine(err.Error()))
			failed++
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %d added, %d already here, %d conflicts\n", ui.Sanitize(path), len(r.Added), len(r.Unchanged), len(r.Conflicts))
		for _, h := range r.Added {
			fmt.Fprintf(e.stdout, "  added      %d  %s (%s)\n", h.ID, ui.Sanitize(h.Title()), h.Audience)
		}
		for _, c := range r.Conflicts {
			where := ""
			if c.ExistingID != 0 {
				where = fmt.Sprintf(" differs from assessment %d here in %s", c.ExistingID, strings.Join(c.Differences, ", "))
			} else {
				where = ": " + strings.Join(c.Differences, ", ")
			}
			fmt.Fprintf(e.stdout, "  CONFLICT   %s (%s)%s; not imported\n", ui.Sanitize(c.Header.Title()), c.Header.Audience, where)
		}
		conflicts += len(r.Conflicts)
	}
	switch {
	case failed == len(files) && len(files) == 1:
		return fmt.Errorf("nothing was imported and nothing was changed")
	case failed == len(files):
		return fmt.Errorf("none of the %d files could be imported; nothing was changed", len(files))
	case failed > 0:
		return fmt.Errorf("%d of %d files could not be imported; the others were", failed, len(files))
	case conflicts > 0:
		return fmt.Errorf("%d conflicting assessments were not imported; nothing here was overwritten", conflicts)
	}
	return nil
}
