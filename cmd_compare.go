package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/data/export"
	"wgll/model"
	"wgll/ui"
)

func newCompareCmd(e *env) *cobra.Command {
	var format, out string
	c := &cobra.Command{
		Use:   "compare FROM TO",
		Short: "what moved between two assessments, with a summary for the minutes",
		Long: `Compares two assessments, usually last period's and this one's. FROM and TO
are assessment ids (see 'wgll list') or period labels such as 2025/26 (a label
must match exactly one assessment). Prints per measure the change in mean
score and the statements that improved, regressed, were scored for the first
time or are still unassessed; the actions completed in between; statements
that only one period's criteria have; and a short written summary a board can
paste into its minutes. The overall mean is compared like for like: over the
statements scored in both periods, saying how many, with the others listed.

--format md, html or pdf writes the same as Markdown, a page that prints on
A4, or an A4 PDF (which needs --out).

Example:
  wgll compare 2025/26 2026/27 --format pdf --out what-moved.pdf`,
		Args: exactArgs(2, "give two assessments, FROM and TO (ids or period labels)"),
		RunE: func(cmd *cobra.Command, args []string) error { return runCompare(e, format, out, args) },
	}
	c.Flags().StringVar(&format, "format", "", "output `FORMAT`: "+formatList(export.Compare)+"; without it the extension of --out picks")
	c.Flags().StringVar(&out, "out", "", "write `FILE` atomically instead of standard output")
	return c
}

func runCompare(e *env, format, out string, refs []string) error {
	f, err := pickFormat("compare", export.Compare, format, out)
	if err != nil {
		return err
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	// What the compare screen reads: both summaries, with only the
	// actions the comparison matches (Store.CompareSummaries), not every
	// evidence item and action of both.
	var ids [2]int64
	for i, ref := range refs {
		if ids[i], err = resolveAssessment(e, st, ref); err != nil {
			return err
		}
	}
	now := e.now()
	var as [2]*model.Assessment
	if as[0], as[1], err = st.CompareSummaries(e.ctx, ids[0], ids[1], now); err != nil {
		return err
	}
	if !model.SameGroup(as[0].Header, as[1].Header) {
		fmt.Fprintf(e.stderr, "wgll: note: comparing different organisations or audiences (%s, %s audience; %s, %s audience)\n",
			ui.Sanitize(as[0].Organisation), as[0].Audience, ui.Sanitize(as[1].Organisation), as[1].Audience)
	}
	c := model.Compare(as[0], as[1], now)
	if _, err := writeOut(e, out, func(w io.Writer) ([]string, error) {
		return export.Write(w, export.Job{Kind: export.Compare, Format: f.Name, Comparison: &c, Now: now})
	}); err != nil {
		return err
	}
	if out != "" {
		fmt.Fprintf(e.stdout, "wrote the comparison of %s with %s to %s\n", clip(as[1].Title(), 60), clip(as[0].Period, 20), out)
	}
	return nil
}

// resolveAssessment turns an id or a period label into an assessment id.
func resolveAssessment(e *env, st *data.Store, ref string) (int64, error) {
	hs, err := st.Assessments(e.ctx)
	if err != nil {
		return 0, err
	}
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		for _, h := range hs {
			if h.ID == n {
				return n, nil
			}
		}
		return 0, fmt.Errorf("%s has no assessment %d; see 'wgll list'", st.Path(), n)
	}
	var match []model.Header
	for _, h := range hs {
		if strings.EqualFold(strings.TrimSpace(h.Period), strings.TrimSpace(ref)) {
			match = append(match, h)
		}
	}
	switch len(match) {
	case 1:
		return match[0].ID, nil
	case 0:
		return 0, fmt.Errorf("%s has no assessment for period %q; give an id or a period from 'wgll list'", st.Path(), ref)
	}
	ids := make([]string, len(match))
	for i, h := range match {
		ids[i] = fmt.Sprintf("%d (%s, %s)", h.ID, h.Organisation, h.Audience)
	}
	return 0, fmt.Errorf("period %q matches %d assessments: %s; give an id instead", ref, len(match), strings.Join(ids, "; "))
}
