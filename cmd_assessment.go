package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wgll/model"
	"wgll/ui"
)

// The assessment commands look after one assessment as a whole: its
// sign-off and lock, its name, and removing it.

// idArg reads the ID argument of an assessment or evidence command.
func idArg(cmd, what, s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, usagef("%s: %s ID must be a positive number, not %q (see 'wgll list')", cmd, what, s)
	}
	return n, nil
}

// dateFlag parses a YYYY-MM-DD flag value, as a usage error.
func dateFlag(cmd, flag, s string) (time.Time, error) {
	d, err := model.ParseDate(s)
	if err != nil {
		return time.Time{}, usagef("%s: --%s: %v", cmd, flag, err)
	}
	return d, nil
}

// confirm asks question on standard error and reads the answer from
// standard input; only "y" or "yes" agrees. yes skips the question.
func confirm(e *env, yes bool, question string) bool {
	if yes {
		return true
	}
	fmt.Fprintf(e.stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes"
}

type signoffOptions struct {
	by, on, approvedBy, approvedOn, minute string
}

func newAssessmentCmd(e *env) *cobra.Command {
	var so signoffOptions
	signoff := &cobra.Command{
		Use:   "signoff ID",
		Short: "record who assured the assessment, and lock it",
		Long: `Records who assured assessment ID (the CIO or a deputy) and on which day, and
optionally its approval by the digital committee or the board with the date
and minute reference. A signed-off assessment is locked: every change to it
is refused, saying who signed it off, until someone unlocks it with a
reason ('wgll assessment unlock'). Both are kept in the change log.

Example:
  wgll assessment signoff 2 --by "A. Khan, CIO" --on 2027-04-30 \
      --approved-by board --approved-on 2027-05-14 --minute TB/27/031`,
		Args: exactArgs(1, "give the assessment's ID: wgll assessment signoff ID --by NAME"),
		RunE: func(cmd *cobra.Command, args []string) error { return runSignOff(e, args[0], so) },
	}
	f := signoff.Flags()
	f.StringVar(&so.by, "by", "", "who assured it, `NAME` and role (required)")
	f.StringVar(&so.on, "on", "", "the `DATE` it was assured, YYYY-MM-DD (default today)")
	f.StringVar(&so.approvedBy, "approved-by", "", "`BODY` that approved it: committee or board")
	f.StringVar(&so.approvedOn, "approved-on", "", "the `DATE` of the approval, YYYY-MM-DD")
	f.StringVar(&so.minute, "minute", "", "the approval's minute `REF`")

	var reason string
	unlock := &cobra.Command{
		Use:   "unlock ID",
		Short: "unlock a signed-off assessment, giving the reason",
		Long: `Removes the sign-off of assessment ID so that it can be changed again. The
reason is required and is kept in the change log beside the sign-off.`,
		Args: exactArgs(1, "give the assessment's ID: wgll assessment unlock ID --reason TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error { return runUnlock(e, args[0], reason) },
	}
	unlock.Flags().StringVar(&reason, "reason", "", "why it must change, `TEXT` (required)")

	var org, period string
	rename := &cobra.Command{
		Use:   "rename ID",
		Short: "change an assessment's organisation name or period",
		Long: `Changes the organisation name (--organisation) or period (--period) of
assessment ID. The change is logged and can be undone with u in the app.`,
		Args: exactArgs(1, "give the assessment's ID: wgll assessment rename ID --organisation NAME | --period P"),
		RunE: func(cmd *cobra.Command, args []string) error { return runRename(e, args[0], org, period) },
	}
	rename.Flags().StringVar(&org, "organisation", "", "the new organisation `NAME`")
	rename.Flags().StringVar(&period, "period", "", "the new `PERIOD`, such as 2026/27")

	var yes bool
	del := &cobra.Command{
		Use:   "delete ID",
		Short: "delete an assessment, after a backup of the workbook",
		Long: `Deletes assessment ID with its scores, evidence, actions and targets. It says
what will go and asks first (--yes answers for you), then copies the whole
workbook next to itself (FILE.before-delete-ID-TIMESTAMP) and says where:
that copy is the way back, since undo cannot bring an assessment back.`,
		Args: exactArgs(1, "give the assessment's ID: wgll assessment delete ID"),
		RunE: func(cmd *cobra.Command, args []string) error { return runDeleteAssessment(e, args[0], yes) },
	}
	del.Flags().BoolVar(&yes, "yes", false, "do not ask for confirmation")

	return groupCmd("assessment", "sign off, unlock, rename or delete an assessment",
		"Looks after one assessment as a whole: its sign-off (signoff, unlock), its name\n(rename) and removing it (delete).",
		signoff, unlock, rename, del)
}

func runSignOff(e *env, arg string, o signoffOptions) error {
	id, err := idArg("assessment signoff", "assessment", arg)
	if err != nil {
		return err
	}
	if strings.TrimSpace(o.by) == "" {
		return usagef("assessment signoff: say who assured it with --by NAME (such as --by \"A. Khan, CIO\")")
	}
	so := model.SignOff{AssuredBy: o.by, AssuredOn: model.Day(e.now()), ApprovedBy: model.ApprovalBody(strings.ToLower(o.approvedBy)), MinuteRef: o.minute}
	if o.on != "" {
		if so.AssuredOn, err = dateFlag("assessment signoff", "on", o.on); err != nil {
			return err
		}
	}
	if so.ApprovedOn, err = dateFlag("assessment signoff", "approved-on", o.approvedOn); err != nil {
		return err
	}
	if err := so.Validate(); err != nil {
		return usagef("assessment signoff: %v", err)
	}
	st, err := openExisting(e)
	if err != nil {
		return err
	}
	defer st.Close()
	so, err = st.SignOff(e.ctx, id, so)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "assessment %d signed off and locked: %s\n", id, ui.Sanitize(so.Summary()))
	return nil
}

func runUnlock(e *env, arg, reason string) error {
	id, err := idArg("assessment unlock", "assessment", arg)
	if err != nil {
		return err
	}
	if err := model.ValidUnlockReason(reason); err != nil {
		return usagef("assessment unlock: %v", err)
	}
	st, err := openExisting(e)
	if err != nil {
		return err
	}
	defer st.Close()
	was, err := st.Unlock(e.ctx, id, reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "assessment %d unlocked (it was: %s); the reason is in the change log\n", id, ui.Sanitize(was.Summary()))
	return nil
}

func runRename(e *env, arg, org, period string) error {
	id, err := idArg("assessment rename", "assessment", arg)
	if err != nil {
		return err
	}
	if strings.TrimSpace(org) == "" && strings.TrimSpace(period) == "" {
		return usagef("assessment rename: give --organisation NAME, --period P or both")
	}
	st, err := openExisting(e)
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := st.RenameAssessment(e.ctx, id, org, period)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "assessment %d is now %s\n", id, ui.Sanitize(h.Title()))
	return nil
}

func runDeleteAssessment(e *env, arg string, yes bool) error {
	id, err := idArg("assessment delete", "assessment", arg)
	if err != nil {
		return err
	}
	st, err := openExisting(e)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Assessment(e.ctx, id)
	if err != nil {
		return err
	}
	if a.SignOff.Signed() {
		return fmt.Errorf("%s", a.SignOff.LockedMessage(id))
	}
	ev, acts, scored := 0, 0, 0
	for _, l := range a.Evidence {
		ev += len(l)
	}
	for _, l := range a.Actions {
		acts += len(l)
	}
	for _, r := range a.Responses {
		if r.Score.Assessed() {
			scored++
		}
	}
	q := fmt.Sprintf("Delete assessment %d, %s (%s), with %d scores, %d evidence items and %d actions?",
		id, ui.Sanitize(a.Title()), a.Audience, scored, ev, acts)
	if !confirm(e, yes, q) {
		return fmt.Errorf("assessment %d was not deleted", id)
	}
	d, err := st.DeleteAssessment(e.ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "deleted assessment %d, %s; the workbook as it was is in %s\n", id, ui.Sanitize(d.Header.Title()), ui.Sanitize(d.Backup))
	return nil
}
