package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/model"
	"wgll/ui"
)

// The evidence commands are about how far the evidence behind the scores
// can be trusted: what is stale, confirming an item still holds, and which
// statements one item supports.

func newEvidenceCmd(e *env) *cobra.Command {
	var sid assessmentFlag
	var all bool
	stale := &cobra.Command{
		Use:   "stale",
		Short: "list stale evidence with its owners",
		Long: `Lists the evidence that is stale: past its review-by date, or carried forward
from an earlier period and not yet confirmed ('wgll evidence confirm'). Each
line gives the item's ID, statement, owner, review-by date and why it is
stale. The newest assessment unless --assessment ID or --all.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runStale(e, sid.id, all) },
	}
	stale.Flags().Var(&sid, "assessment", "assessment `ID` (default: the newest)")
	stale.Flags().BoolVar(&all, "all", false, "every assessment in the workbook")

	var reviewBy string
	conf := &cobra.Command{
		Use:   "confirm ID",
		Short: "confirm an evidence item still holds",
		Long: `Confirms that evidence item ID still shows what it did: a carried-forward
item stops needing review. An item past its review-by date needs a new one
(--review-by DATE).`,
		Args: exactArgs(1, "give the evidence item's ID: wgll evidence confirm ID"),
		RunE: func(cmd *cobra.Command, args []string) error { return runConfirm(e, args[0], reviewBy) },
	}
	conf.Flags().StringVar(&reviewBy, "review-by", "", "a new review-by `DATE`, YYYY-MM-DD")

	link := &cobra.Command{
		Use:   "link ID STATEMENT",
		Short: "make an evidence item support another statement too",
		Args:  exactArgs(2, "give the evidence item's ID and a statement: wgll evidence link ID STATEMENT"),
		RunE:  func(cmd *cobra.Command, args []string) error { return runLink(e, args[0], args[1], true) },
	}
	unlink := &cobra.Command{
		Use:   "unlink ID STATEMENT",
		Short: "stop an evidence item supporting a statement it was linked to",
		Args:  exactArgs(2, "give the evidence item's ID and a statement: wgll evidence unlink ID STATEMENT"),
		RunE:  func(cmd *cobra.Command, args []string) error { return runLink(e, args[0], args[1], false) },
	}
	var yes bool
	del := &cobra.Command{
		Use:   "delete ID",
		Short: "delete an evidence item, naming every statement it supports",
		Long: `Deletes evidence item ID. It first names every statement the item supports and
asks (--yes answers for you). Undo in the app, or 'wgll history', brings it back.`,
		Args: exactArgs(1, "give the evidence item's ID: wgll evidence delete ID"),
		RunE: func(cmd *cobra.Command, args []string) error { return runDeleteEvidence(e, args[0], yes) },
	}
	del.Flags().BoolVar(&yes, "yes", false, "do not ask for confirmation")
	return groupCmd("evidence", "stale evidence, confirming and linking items",
		"How far the evidence can be trusted: list what is stale (stale), confirm an item\n(confirm), link it to more statements (link, unlink) or delete it (delete).",
		stale, conf, link, unlink, del)
}

func runStale(e *env, id int64, all bool) error {
	if all && id != 0 {
		return usagef("evidence stale: give --assessment ID or --all, not both")
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	if !all {
		if id, err = newestIfZero(e, st, id); err != nil {
			return err
		}
	}
	list, err := st.StaleEvidence(e.ctx, id)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "no stale evidence")
		return nil
	}
	if !all {
		fmt.Fprintf(e.stdout, "Stale evidence in assessment %d, %s\n\n", id, clip(list[0].Header.Title(), 100))
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	head := "ID\tSTATEMENT\tOWNER\tREVIEW BY\tWHY\tTITLE"
	if all {
		head = "ID\tASSESSMENT\t" + strings.TrimPrefix(head, "ID\t")
	}
	fmt.Fprintln(tw, head)
	for _, it := range list {
		owner := it.Owner
		if owner == "" {
			owner = "(no owner)"
		}
		where := ""
		if all {
			where = fmt.Sprintf("%d %s\t", it.Header.ID, clip(it.Header.Period, 12))
		}
		fmt.Fprintf(tw, "%d\t%s%s\t%s\t%s\t%s\t%s\n", it.ID, where, clip(it.StatementID, 12), clip(owner, 24),
			model.FormatDate(it.ReviewBy), it.Reason, clip(it.Title, 50))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d stale %s; confirm one with 'wgll evidence confirm ID'\n", len(list), plural(len(list), "item", "items"))
	return nil
}

// evidenceItem opens the workbook and finds evidence item arg in it.
func evidenceItem(e *env, cmd, arg string) (*data.Store, *model.Assessment, model.Evidence, error) {
	id, err := idArg(cmd, "evidence", arg)
	if err != nil {
		return nil, nil, model.Evidence{}, err
	}
	st, err := openExisting(e)
	if err != nil {
		return nil, nil, model.Evidence{}, err
	}
	aid, err := st.EvidenceAssessment(e.ctx, id)
	if err != nil {
		st.Close()
		return nil, nil, model.Evidence{}, err
	}
	a, err := st.Assessment(e.ctx, aid)
	if err != nil {
		st.Close()
		return nil, nil, model.Evidence{}, err
	}
	for _, l := range a.Evidence {
		for _, x := range l {
			if x.ID == id {
				return st, a, x, nil
			}
		}
	}
	st.Close()
	return nil, nil, model.Evidence{}, fmt.Errorf("evidence %d: %w", id, data.ErrNotFound)
}

func runConfirm(e *env, arg, reviewBy string) error {
	d, err := dateFlag("evidence confirm", "review-by", reviewBy)
	if err != nil {
		return err
	}
	st, a, ev, err := evidenceItem(e, "evidence confirm", arg)
	if err != nil {
		return err
	}
	defer st.Close()
	ev, err = st.ConfirmEvidence(e.ctx, a.ID, ev.ID, d)
	if err != nil {
		return err
	}
	next := "no review-by date"
	if !ev.ReviewBy.IsZero() {
		next = "review by " + model.FormatDate(ev.ReviewBy)
	}
	fmt.Fprintf(e.stdout, "evidence %d confirmed (%s): %s\n", ev.ID, next, ui.Sanitize(ev.Title))
	return nil
}

func runLink(e *env, arg, statement string, link bool) error {
	cmd := map[bool]string{true: "evidence link", false: "evidence unlink"}[link]
	st, a, ev, err := evidenceItem(e, cmd, arg)
	if err != nil {
		return err
	}
	defer st.Close()
	statement = strings.TrimSpace(statement)
	if link {
		ev, err = st.LinkEvidence(e.ctx, a.ID, ev.ID, statement)
	} else {
		ev, err = st.UnlinkEvidence(e.ctx, a.ID, ev.ID, statement)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "evidence %d now supports %s\n", ev.ID, ui.Sanitize(strings.Join(ev.Supports(), ", ")))
	return nil
}

func runDeleteEvidence(e *env, arg string, yes bool) error {
	st, a, ev, err := evidenceItem(e, "evidence delete", arg)
	if err != nil {
		return err
	}
	defer st.Close()
	if a.SignOff.Signed() {
		return fmt.Errorf("%s", a.SignOff.LockedMessage(a.ID))
	}
	sup := ev.Supports()
	q := fmt.Sprintf("Delete evidence %d, %q? It supports %s: %s.", ev.ID, ui.Sanitize(ev.Title),
		plural(len(sup), "1 statement", fmt.Sprintf("%d statements", len(sup))), ui.Sanitize(strings.Join(sup, ", ")))
	if !confirm(e, yes, q) {
		return fmt.Errorf("evidence %d was not deleted", ev.ID)
	}
	if err := st.DeleteEvidence(e.ctx, a.ID, ev.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "deleted evidence %d from %s\n", ev.ID, ui.Sanitize(strings.Join(sup, ", ")))
	return nil
}
