package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/export"
	"wgll/model"
	"wgll/ui"
)

// planOptions are the flags of 'wgll plan'.
type planOptions struct {
	id     assessmentFlag
	format string
	out    string
}

func newPlanCmd(e *env) *cobra.Command {
	var o planOptions
	c := &cobra.Command{
		Use:   "plan",
		Short: "write the improvement plan: gaps to target, ranked, with their actions",
		Long: `Writes the improvement plan of the newest assessment (or --assessment ID):
every scored statement below its target, ranked by this rule:
  ` + model.PlanRule + `
Each gap lists its open actions; a gap with none is flagged NO ACTION YET.
Readiness per measure is the share of its gaps with an open action due on or
before the target date: not a forecast, only whether anything is planned in
time. Set targets with 'wgll target'.

Formats: text (default on standard output), md, csv, xlsx and pdf (these two
need --out) and json (schema "` + export.PlanJSONSchema + `"); without --format
the extension of --out picks.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runPlan(e, o) },
	}
	f := c.Flags()
	f.Var(&o.id, "assessment", "assessment `ID` (default: the newest; see 'wgll list')")
	f.StringVar(&o.format, "format", "", "output `FORMAT`: text, md, csv, xlsx, json or pdf")
	f.StringVar(&o.out, "out", "", "write `FILE` atomically instead of standard output (required for xlsx and pdf)")
	return c
}

func runPlan(e *env, o planOptions) error {
	format := o.format
	if format == "" && o.out == "" {
		format = "text"
	}
	f, err := pickFormat("plan", export.Plan, format, o.out)
	if err != nil {
		return err
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	now := e.now()
	a, p, err := loadPlan(e, st, o.id.id, now)
	if err != nil {
		return err
	}
	warnings, err := writeOut(e, o.out, func(w io.Writer) ([]string, error) {
		return export.Write(w, export.Job{Kind: export.Plan, Format: f.Name, Assessment: a, Plan: &p, Now: now})
	})
	if err != nil {
		return err
	}
	printWarnings(e, warnings)
	if o.out != "" {
		fmt.Fprintf(e.stdout, "wrote the plan (%d %s, %d without an action) to %s\n", len(p.Items), plural(len(p.Items), "gap", "gaps"), p.NoAction(), ui.Sanitize(o.out))
	}
	return nil
}

// targetOptions are the flags of 'wgll target'.
type targetOptions struct {
	id      assessmentFlag
	measure bool
	by      string
}

func newTargetCmd(e *env) *cobra.Command {
	var o targetOptions
	c := &cobra.Command{
		Use:   "target STATEMENT|MEASURE LEVEL",
		Short: "set the target level of a statement, or a measure's default",
		Long: `Sets the level the board means a statement to reach (1 to 5; 0 clears it),
and by when (--by DATE). With --measure, the first argument is a measure key
and the target is the default for its statements that have none of their
own. The gap is the target minus the score.

Examples:
  wgll target --measure well-led 4 --by 2027-03-31
  wgll target SF-O2 5 --by 2027-03-31`,
		Args: exactArgs(2, "give a statement (or --measure KEY) and a level: wgll target SF-O2 4"),
		RunE: func(cmd *cobra.Command, args []string) error { return runTarget(e, o, args[0], args[1]) },
	}
	f := c.Flags()
	f.Var(&o.id, "assessment", "assessment `ID` (default: the newest; see 'wgll list')")
	f.BoolVar(&o.measure, "measure", false, "the first argument is a measure key: set the measure's default")
	f.StringVar(&o.by, "by", "", "the target `DATE`, YYYY-MM-DD")
	return c
}

func runTarget(e *env, o targetOptions, key, level string) error {
	n, err := strconv.Atoi(level)
	if err != nil || n < 0 || n > 5 {
		return usagef("target: LEVEL must be 1 to 5, or 0 to clear, not %q", level)
	}
	due, err := dateFlag("target", "by", o.by)
	if err != nil {
		return err
	}
	st, err := openExisting(e)
	if err != nil {
		return err
	}
	defer st.Close()
	id, err := newestIfZero(e, st, o.id.id)
	if err != nil {
		return err
	}
	t := model.Target{Level: model.Score(n), Due: due}
	key = strings.TrimSpace(key)
	if o.measure {
		t, err = st.SetMeasureTarget(e.ctx, id, key, t)
	} else {
		t, err = st.SetTarget(e.ctx, id, key, t)
	}
	if err != nil {
		return err
	}
	what := map[bool]string{true: "measure " + key + " (default)", false: key}[o.measure]
	if !t.Set() {
		fmt.Fprintf(e.stdout, "cleared the target of %s\n", ui.Sanitize(what))
		return nil
	}
	fmt.Fprintf(e.stdout, "target of %s: %s\n", ui.Sanitize(what), t)
	return nil
}

// runImportReplace is 'wgll import --replace FILE...'.
func runImportReplace(e *env, files []string) error {
	st, err := openStore(e)
	if err != nil {
		return err
	}
	defer st.Close()
	failed, conflicts := 0, 0
	for _, path := range files {
		r, err := st.ImportReplace(e.ctx, path)
		if err != nil {
			fmt.Fprintf(e.stderr, "wgll: %s\n", oneLine(err.Error()))
			failed++
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %d added, %d replaced, %d already here\n", ui.Sanitize(path), len(r.Added), len(r.Replaced), len(r.Unchanged))
		for _, h := range r.Added {
			fmt.Fprintf(e.stdout, "  added      %d  %s (%s)\n", h.ID, ui.Sanitize(h.Title()), h.Audience)
		}
		for _, x := range r.Replaced {
			fmt.Fprintf(e.stdout, "  replaced   %d  %s (%s): %s changed\n", x.Header.ID, ui.Sanitize(x.Header.Title()), x.Header.Audience, strings.Join(x.Differences, ", "))
		}
		for _, c := range r.Conflicts {
			fmt.Fprintf(e.stdout, "  CONFLICT   %s (%s): %s; not imported\n", ui.Sanitize(c.Header.Title()), c.Header.Audience, ui.Sanitize(strings.Join(c.Differences, ", ")))
		}
		conflicts += len(r.Conflicts)
		if r.Backup != "" {
			fmt.Fprintf(e.stdout, "  the workbook as it was is in %s\n", ui.Sanitize(r.Backup))
		}
	}
	switch {
	case failed > 0:
		return fmt.Errorf("%d of %d files could not be imported; the others were", failed, len(files))
	case conflicts > 0:
		return fmt.Errorf("%d conflicting assessments were not imported", conflicts)
	}
	return nil
}

// heatmapPlanFlags adds the heatmap's plan and ICS flags: --period and
// --rollup for --by organisation, --show for the statement heatmap.
func heatmapPlanFlags(c *cobra.Command, o *heatmapOptions) {
	f := c.Flags()
	f.StringVar(&o.period, "period", "", "`PERIOD` for --by organisation (default: the newest in the workbook)")
	f.StringVar(&o.rollup, "rollup", "mean", "how --by organisation rolls members up per measure: `mean`, median or min (the weakest member)")
	f.StringVar(&o.show, "show", "score", "what each statement cell shows: `score`, target or gap (to target)")
	c.Long += `
--period P chooses the period of --by organisation; --rollup picks the ICS row
(mean as the DMA does, median, or min: the weakest member), and each measure's
spread (lowest to highest member) is listed under the grid.
--show target or gap shows each statement's target, or its gap to target
(-2 is two levels short, 0 met, · unknown); ! marks stale evidence.`
}

// printICSGrid prints organisations by measures for one period with the
// chosen roll-up and each measure's spread.
func printICSGrid(e *env, st *data.Store, as []*model.Assessment, aud criteria.Audience, o heatmapOptions) error {
	path := st.Path()
	r, err := model.ParseRollUp(o.rollup)
	if err != nil {
		return usagef("heatmap: --rollup: %v", err)
	}
	periods := model.Periods(as)
	if o.period != "" && !slices.Contains(periods, o.period) {
		return fmt.Errorf("%s has no %s assessments for period %q; it has %s", path, aud, ui.Sanitize(o.period), ui.Sanitize(strings.Join(periods, ", ")))
	}
	grid, rolled := model.ICSGrid(as, o.period, r, e.now())
	period := grid.Rows[0].Header.Period
	fmt.Fprintf(e.stdout, "Organisations by measure, %s (%s audience): mean score per measure; ICS row: %s\n\n", ui.Sanitize(period), aud, r.Title())
	fmt.Fprint(e.stdout, ui.Sanitize(grid.Render()))
	fmt.Fprintln(e.stdout, "\nSpread per measure (lowest to highest member):")
	for _, m := range rolled {
		s := m.SpreadText()
		if s == "" {
			s = "not scored"
		}
		fmt.Fprintf(e.stdout, "  %-28s %s (%d of %d members scored)\n", ui.Sanitize(m.Name), s, m.Scored, len(grid.Rows))
	}
	if len(periods) > 1 {
		fmt.Fprintf(e.stdout, "Other periods: %s (choose with --period)\n", ui.Sanitize(strings.Join(slices.DeleteFunc(periods, func(p string) bool { return p == period }), ", ")))
	}
	printPublished(e, st, grid)
	return nil
}

// printPublished lists each member's published DMA scores beside the grid,
// when a benchmark with provider scores has been imported; a member whose
// name matches no provider, or more than one, is said to have none rather
// than guessed.
func printPublished(e *env, st *data.Store, g model.MeasureGrid) {
	b, err := st.Benchmark(e.ctx, 0)
	if err != nil || len(b.Providers) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "\nPublished DMA %d scores of each member (the DMA's own scale, not this workbook's):\n", b.Year)
	heads := []string{"Member"}
	for _, c := range g.Columns {
		heads = append(heads, c.Short)
	}
	var rows [][]string
	for _, r := range g.Rows {
		row := []string{ui.Sanitize(r.Label)}
		p, ok := b.PublishedFor(r.Header.Organisation, r.Header.CareSetting)
		for _, c := range g.Columns {
			v := "–"
			if s, has := p.Scores[c.Key]; ok && has {
				v = model.FormatScore(s, 2)
			}
			row = append(row, v)
		}
		if !ok {
			row[0] += " (no single match)"
		}
		rows = append(rows, row)
	}
	writeTable(e.stdout, heads, rows)
}

// printViewGrid prints the statement heatmap showing targets or gaps.
func printViewGrid(e *env, a *model.Assessment, show string) error {
	var v model.HeatmapView
	switch show {
	case "target":
		v = model.ViewTarget
	case "gap":
		v = model.ViewGap
	default:
		return usagef("heatmap: --show must be score, target or gap, not %q", show)
	}
	now := e.now()
	fmt.Fprintf(e.stdout, "%s (%s): %s per statement\n\n", ui.Sanitize(a.Title()), a.Audience, v)
	nameW := 0
	for _, m := range a.Measures() {
		nameW = max(nameW, len([]rune(ui.Sanitize(m.Name))))
	}
	for _, m := range a.Measures() {
		name := ui.Sanitize(m.Name)
		var cells []string
		for _, s := range m.Statements {
			cells = append(cells, fmt.Sprintf("%-3s", a.CellText(s.ID, v, now)))
		}
		fmt.Fprintf(e.stdout, "%s%s  %s  stale %d\n", name, strings.Repeat(" ", nameW-len([]rune(name))), strings.TrimRight(strings.Join(cells, " "), " "), a.StaleCount(m, now))
	}
	legend := "Target level 1 to 5; · no target."
	if v == model.ViewGap {
		legend = "Gap to target: -N is N levels short, 0 at or above target, · no target or not scored."
	}
	fmt.Fprintf(e.stdout, "\n%s %s marks a statement with stale evidence.\n", legend, model.StaleGlyph)
	return nil
}

// The workbook gives the app its sign-off and unlock.
var _ ui.PlanStore = (*data.Store)(nil)

// The workbook gives the statement screen its confirm and link keys.
var _ ui.TrustStore = (*data.Store)(nil)

// The workbook gives the picker its rename and delete.
var _ ui.ManageStore = (*data.Store)(nil)

// loadPlan reads the plan of assessment id (0: the newest) as the app's
// plan screen does: the assessment's summary (scores, targets, sign-off),
// then only its gaps' evidence counts and live actions (Store.PlanSupport),
// never the whole assessment (on the xl workbook, 100,000 evidence items
// and 100,000 actions: 2.5 s and 160 MB read for a plan of its gaps).
func loadPlan(e *env, st *data.Store, id int64, now time.Time) (*model.Assessment, model.Plan, error) {
	id, err := newestIfZero(e, st, id)
	if err != nil {
		return nil, model.Plan{}, err
	}
	return planOf(e.ctx, st, id, now)
}

// planOf reads assessment id's summary and builds its plan from its gaps'
// support as the store reads it (for 'wgll plan' and the app's plan
// export alike).
func planOf(ctx context.Context, st *data.Store, id int64, now time.Time) (*model.Assessment, model.Plan, error) {
	a, err := st.AssessmentOverview(ctx, id, "")
	if err != nil {
		return nil, model.Plan{}, err
	}
	sup, err := st.PlanSupport(ctx, a.ID, model.PlanGaps(a), now)
	if err != nil {
		return nil, model.Plan{}, fmt.Errorf("read the plan of assessment %d: %w", a.ID, err)
	}
	return a, model.BuildPlanFrom(a, sup, now), nil
}
