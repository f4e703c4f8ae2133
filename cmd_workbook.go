package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/ui"
)

// The commands in this file look after the workbook file itself: what is in
// it, what changed, and keeping it safe.

func newListCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "list the assessments in the workbook",
		Long:  `Lists every assessment in the workbook with its ID, organisation, audience and period.`,
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runList(e) },
	}
}

func newHistoryCmd(e *env) *cobra.Command {
	var limit int
	c := &cobra.Command{
		Use:   "history",
		Short: "list recent changes: who changed what, when",
		Long: `Lists the workbook's change log, newest first. Every edit is recorded with
who made it (--user, WGLL_USER or the account name), when, and the old and
new values. Press u in the app to undo your own last change.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runHistory(e, limit) },
	}
	c.Flags().IntVar(&limit, "limit", 50, "show at most `N` changes")
	return c
}

func newBackupCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "backup OUT",
		Short: "write a consistent copy of the workbook, safe while it is open",
		Long: `Writes a consistent copy of the workbook to OUT (which must not exist yet).
It is safe while the app or other people have the workbook open: never copy
the .db file with cp while it is in use.`,
		Args: exactArgs(1, "say where to write the copy: wgll backup OUT"),
		RunE: func(cmd *cobra.Command, args []string) error { return runBackup(e, args[0]) },
	}
}

func newCheckCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "check",
		Short: "check the workbook's integrity and report what it holds",
		Long: `Runs SQLite's integrity check, reports the schema version and counts, and
recounts each statement's evidence and actions against the tally the
workbook keeps for opening assessments quickly. --recount puts a tally
that disagrees right.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			recount, err := cmd.Flags().GetBool("recount")
			if err != nil {
				return err
			}
			return runCheck(e, recount)
		},
	}
	c.Flags().Bool("recount", false, "rebuild the tally of evidence and actions when it disagrees with the items")
	return c
}

func runList(e *env) error {
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	hs, err := st.Assessments(e.ctx)
	if err != nil {
		return err
	}
	if len(hs) == 0 {
		fmt.Fprintf(e.stdout, "%s has no assessments yet; run 'wgll --db %s' to start one\n", st.Path(), st.Path())
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tORGANISATION\tAUDIENCE\tPERIOD\tCARE SETTING")
	for _, h := range hs {
		// An assessment the store cannot read is listed with the reason,
		// so people know it is there and what to restore.
		note := ""
		if h.Unreadable != "" {
			note = "\tUNREADABLE: " + oneLine(h.Unreadable)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s%s\n", h.ID, ui.Sanitize(h.Organisation), h.Audience.Title(), ui.Sanitize(h.Period), ui.Sanitize(string(h.CareSetting)), note)
	}
	return tw.Flush()
}

func runHistory(e *env, limit int) error {
	if limit <= 0 {
		return usagef("history: --limit must be a positive number (see 'wgll history --help')")
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := st.History(e.ctx, limit)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		fmt.Fprintln(e.stdout, "no changes yet")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tWHO\tASSESSMENT\tWHAT\tCHANGE")
	for _, c := range cs {
		what := c.Entity + " " + c.EntityID
		if c.Field != "" {
			what += " " + c.Field
		}
		change := ui.Sanitize(c.Op)
		if c.Op == "update" {
			change = fmt.Sprintf("%s → %s", clip(c.Old, 30), clip(c.New, 30))
		}
		if c.UndoOf != 0 {
			change += fmt.Sprintf(" (undo of #%d)", c.UndoOf)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", c.At.Local().Format("2006-01-02 15:04"), ui.Sanitize(c.User), c.AssessmentID, ui.Sanitize(what), change)
	}
	return tw.Flush()
}

// clip sanitises s for one table cell and shortens it to n runes.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(ui.Sanitize(s)), " ")
	if s == "" {
		return `""`
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func runBackup(e *env, out string) error {
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(e.ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", st.Path(), out)
	return nil
}

func runCheck(e *env, recount bool) error {
	var st *data.Store
	var err error
	if recount {
		st, err = openStore(e)
	} else {
		st, err = openForReading(e)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	if recount {
		n, err := st.Recount(e.ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "recounted:      %d statements' tallies put right\n", n)
	}
	r, err := st.Check(e.ctx)
	if err != nil {
		return err
	}
	integrity := strings.Join(r.Integrity, "; ")
	fmt.Fprintf(e.stdout, "workbook:       %s\nintegrity:      %s\nschema version: %d\nassessments:    %d\nresponses:      %d\nevidence:       %d\nactions:        %d\nchanges logged: %d\ndrafts:         %d\n",
		st.Path(), integrity, r.SchemaVersion, r.Assessments, r.Responses, r.Evidence, r.Actions, r.Changes, r.Drafts)
	fmt.Fprintf(e.stdout, "miscounted:     %d\n", r.Miscounted)
	fmt.Fprintf(e.stdout, "unreadable:     %d\n", len(r.Unreadable))
	for _, h := range r.Unreadable {
		fmt.Fprintf(e.stdout, "  assessment %d (%s): %s\n", h.ID, clip(h.Title(), 60), oneLine(h.Unreadable))
	}
	switch {
	case len(r.Integrity) != 1 || r.Integrity[0] != "ok":
		return fmt.Errorf("integrity check failed; restore from a backup ('wgll backup' copies, or the rotating backups beside the file)")
	case len(r.Unreadable) == 0 && r.Miscounted > 0:
		return fmt.Errorf("the tally of evidence and actions is wrong for %d statements; put it right with 'wgll check --recount'", r.Miscounted)
	case !r.OK():
		return fmt.Errorf("%d assessments cannot be read (the others can); restore them from a backup (the rotating backups beside the file)", len(r.Unreadable))
	}
	return nil
}
