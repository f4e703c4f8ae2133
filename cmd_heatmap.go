package main

import (
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
	"wgll/ui"
)

// heatmapOptions are the flags of 'wgll heatmap'.
type heatmapOptions struct {
	id       assessmentFlag
	by       string
	org      string
	audience string
	// period, rollup and show: see cmd_plan.go (heatmapPlanFlags).
	period, rollup, show string
}

func newHeatmapCmd(e *env) *cobra.Command {
	var o heatmapOptions
	c := &cobra.Command{
		Use:   "heatmap",
		Short: "print an assessment's heatmap, or periods or organisations by measures",
		Long: `Prints the heatmap of the newest assessment (or --assessment ID): one row per
measure, one cell per statement showing its score (· not assessed), with each
measure's mean, share assessed and open actions. Colour only on a terminal and
only when NO_COLOR is unset; the digits carry the meaning either way.
--by period prints one organisation's periods by measures (each cell a
measure's mean), with a trend line per measure: the organisation and audience
of --assessment ID or of the newest assessment, or --organisation NAME.
--by organisation prints the organisations by measures for the newest period
in the workbook (after 'wgll import'), with an "ICS mean" row: the mean of the
organisations' scores, as the DMA forms an ICS's score.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runHeatmap(e, o) },
	}
	f := c.Flags()
	f.Var(&o.id, "assessment", "assessment `ID` (default: the newest; see 'wgll list')")
	f.StringVar(&o.by, "by", "statement", "rows of the heatmap: `statement`, period or organisation")
	f.StringVar(&o.org, "organisation", "", "organisation `NAME` for --by period")
	f.StringVar(&o.audience, "audience", "", "`AUDIENCE` for --by period or organisation: organisation (default) or ics")
	heatmapPlanFlags(c, &o)
	return c
}

func runHeatmap(e *env, o heatmapOptions) error {
	id, by, org, audience := o.id, &o.by, &o.org, &o.audience
	aud := criteria.Audience(*audience)
	if *audience != "" && !aud.Valid() {
		return usagef("heatmap: --audience must be organisation or ics, not %q", *audience)
	}
	switch *by {
	case "statement", "period", "organisation":
	default:
		return usagef("heatmap: --by must be statement, period or organisation, not %q", *by)
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	switch *by {
	case "period":
		base, err := headerOf(e, st, id.id)
		if err != nil {
			return err
		}
		name, a := base.Organisation, base.Audience
		if *org != "" {
			name = *org
		}
		if aud != "" {
			a = aud
		}
		as, err := scoresMatching(e, st, func(h model.Header) bool {
			return model.SameOrganisation(h.Organisation, name) && h.Audience == a
		})
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return fmt.Errorf("%s has no %s assessments of %q; see 'wgll list'", st.Path(), a, name)
		}
		fmt.Fprintf(e.stdout, "%s (%s): mean score per measure by period\n\n", ui.Sanitize(as[0].Organisation), a.Title())
		fmt.Fprint(e.stdout, ui.Sanitize(model.PeriodGrid(as).Render()))
		fmt.Fprintln(e.stdout)
		fmt.Fprint(e.stdout, ui.Sanitize(model.Trend(as).Render()))
		return nil
	case "organisation":
		if aud == "" {
			aud = criteria.Organisation
		}
		as, err := gridScores(e, st, aud, o.period)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return fmt.Errorf("%s has no %s assessments; bring organisations' workbooks in with 'wgll import FILE...'", st.Path(), aud)
		}
		return printICSGrid(e, st, as, aud, o)
	}
	// The overview's read: scores, targets and each statement's counts,
	// never the evidence and actions themselves.
	sid, err := newestIfZero(e, st, id.id)
	if err != nil {
		return err
	}
	a, err := st.AssessmentSummary(e.ctx, sid, e.now(), "")
	if err != nil {
		return err
	}
	if o.show != "" && o.show != "score" {
		return printViewGrid(e, a, o.show)
	}
	// The heatmap draws its own colours on a terminal, so it writes to
	// standard output unguarded; RenderHeatmap sanitises every string it
	// draws.
	width, color := 100, false
	if f, ok := e.rawStdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			width = w
		}
		color = e.getenv("NO_COLOR") == ""
	}
	fmt.Fprint(e.rawStdout, ui.RenderHeatmap(a, width, color, e.now()))
	return nil
}

// headerOf is the header of assessment id (0: the newest readable one).
func headerOf(e *env, st *data.Store, id int64) (model.Header, error) {
	hs, err := st.Headers(e.ctx)
	if err != nil {
		return model.Header{}, err
	}
	if id == 0 {
		if id, err = newestIn(st, hs); err != nil {
			return model.Header{}, err
		}
	}
	for _, h := range hs {
		if h.ID == id {
			if h.Unreadable != "" {
				return model.Header{}, fmt.Errorf("assessment %d cannot be read: %s", id, oneLine(h.Unreadable))
			}
			return h, nil
		}
	}
	return model.Header{}, fmt.Errorf("%s has no assessment %d; see 'wgll list'", st.Path(), id)
}

// scoresMatching reads the scores and targets (Store.Scores) of every
// readable assessment whose header keep accepts, in the list's order, for
// the grids and trends that show only scores; one that cannot be read is
// left out with a warning.
func scoresMatching(e *env, st *data.Store, keep func(model.Header) bool) ([]*model.Assessment, error) {
	hs, err := st.Headers(e.ctx)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, h := range hs {
		if !keep(h) {
			continue
		}
		if h.Unreadable != "" { // damaged: left out of grids and trends, and said so
			warnLeftOut(e, h)
			continue
		}
		ids = append(ids, h.ID)
	}
	return st.Scores(e.ctx, ids)
}

// warnLeftOut says that damaged assessment h is left out of a grid or
// trend.
func warnLeftOut(e *env, h model.Header) {
	fmt.Fprintf(e.stderr, "wgll: warning: assessment %d left out: it cannot be read (%s)\n", h.ID, oneLine(h.Unreadable))
}

// gridScores reads what the grid by organisation shows, scores and targets
// only (no rationale, evidence or action), of the audience's readable
// assessments in period (the newest when ""): an ICS's workbook holds
// hundreds of assessments and one may hold 100,000 actions. The other
// periods' assessments are given as headers only, so the grid can name
// them. An assessment that cannot be read is left out with a warning.
func gridScores(e *env, st *data.Store, aud criteria.Audience, period string) ([]*model.Assessment, error) {
	hs, err := st.HeadersOf(e.ctx, aud)
	if err != nil {
		return nil, err
	}
	newest := ""
	for _, h := range hs {
		if h.Audience != aud {
			continue
		}
		if h.Unreadable != "" { // damaged: left out of grids and trends, and said so
			warnLeftOut(e, h)
			continue
		}
		newest = max(newest, h.Period)
	}
	if period == "" {
		period = newest
	}
	var ids []int64
	var others []*model.Assessment
	for _, h := range hs {
		switch {
		case h.Audience != aud || h.Unreadable != "":
		case h.Period == period:
			ids = append(ids, h.ID)
		default:
			others = append(others, &model.Assessment{Header: h})
		}
	}
	as, err := st.Scores(e.ctx, ids)
	if err != nil {
		return nil, err
	}
	return append(as, others...), nil
}
