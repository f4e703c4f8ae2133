package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"wgll/criteria"
	"wgll/model"
)

// newOptions are the flags of 'wgll new'.
type newOptions struct {
	from     assessmentFlag
	period   string
	setting  string
	critFile string
}

func newNewCmd(e *env) *cobra.Command {
	var o newOptions
	c := &cobra.Command{
		Use:   "new --from ID",
		Short: "start next period's assessment from an earlier one",
		Long: `Starts a new period's assessment from assessment --from ID. The new one starts
with no scores; last period's scores are shown beside each statement as "last
time". Evidence is carried over with its original date and marked for review;
open and in-progress actions carry over with their owners; done and dropped
ones stay behind. Nothing in the earlier assessment changes.

The criteria may differ from the earlier assessment's (a renamed measure,
added or retired statements): statements are matched by id, and whatever
cannot be matched is listed. Across a framework refresh, such as
--criteria builtin:v3-alpha from a wgll-2021 assessment, the new framework's
mapping says which statement continues which; 'wgll compare' then marks
each statement comparable, reworded, new or retired.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runNew(e, o) },
	}
	f := c.Flags()
	f.Var(&o.from, "from", "the earlier assessment's `ID` (see 'wgll list')")
	f.StringVar(&o.period, "period", "", "the new `PERIOD` label (default: the one after the earlier one's, 2025/26 → 2026/27)")
	f.StringVar(&o.setting, "setting", "", "care `SETTING` if it differs: acute, community, mental-health, ambulance or icb")
	f.StringVar(&o.critFile, "criteria", "", criteriaSpecHelp)
	return c
}

func runNew(e *env, o newOptions) error {
	from := o.from
	if from.id == 0 {
		return usagef("new: --from ID is required: the assessment to start from (see 'wgll list')")
	}
	h := model.Header{Period: o.period}
	if o.setting != "" {
		cs, ok := model.ParseCareSetting(o.setting)
		if !ok || cs == model.SettingSecondary {
			return usagef("new: --setting must be one of acute, community, mental-health, ambulance, icb; not %q", o.setting)
		}
		h.CareSetting = cs
	}
	critTOML, err := criteria.ResolveTOML(o.critFile)
	if err != nil {
		return err
	}
	st, err := openExisting(e)
	if err != nil {
		return err
	}
	defer st.Close()
	if h.Period == "" {
		old, err := st.Assessment(e.ctx, from.id)
		if err != nil {
			return err
		}
		if h.Period = model.NextPeriod(old.Period); h.Period == "" {
			return usagef("new: cannot tell the period after %q; give it with --period", old.Period)
		}
	}
	nh, report, err := st.CarryForward(e.ctx, from.id, h, critTOML)
	if err != nil {
		return err
	}
	a, err := st.Assessment(e.ctx, nh.ID)
	if err != nil {
		return err
	}
	ev, acts := 0, 0
	for _, l := range a.Evidence {
		ev += len(l)
	}
	for _, l := range a.Actions {
		acts += len(l)
	}
	fmt.Fprintf(e.stdout, "Started assessment %d, %s, from assessment %d: %d evidence items carried (marked for review), %d open actions carried, %d last-time scores.\n",
		nh.ID, nh.Title(), from.id, ev, acts, len(a.Previous))
	if len(report) > 0 {
		fmt.Fprintln(e.stdout, "The criteria differ:")
		for _, l := range report {
			fmt.Fprintf(e.stdout, "  %s\n", l)
		}
	}
	fmt.Fprintf(e.stdout, "Open it with 'wgll --db %s'.\n", st.Path())
	return nil
}
