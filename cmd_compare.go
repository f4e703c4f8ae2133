package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/model"
	"wgll/ui"
)

func newCompareCmd(e *env) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "compare FROM TO",
		Short: "what moved between two assessments, with a summary for the minutes",
		Long: `Compares two assessments, usually last period's and this one's. FROM and TO
are assessment ids (see 'wgll list') or period labels such as 2025/26 (a label
must match exactly one assessment). Prints per measure the change in mean
score and the statements that improved, regressed, were scored for the first
time or are still unassessed; the actions completed in between; statements
that only one period's criteria have; and a short written summary a board can
paste into its minutes.`,
		Args: exactArgs(2, "give two assessments, FROM and TO (ids or period labels)"),
		RunE: func(cmd *cobra.Command, args []string) error { return runCompare(e, format, args) },
	}
	c.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text or md")
	return c
}

func runCompare(e *env, fmtName string, refs []string) error {
	format := &fmtName
	if *format != "text" && *format != "md" {
		return usagef("compare: --format must be text or md, not %q", *format)
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	var as [2]*model.Assessment
	for i, ref := range refs {
		id, err := resolveAssessment(e, st, ref)
		if err != nil {
			return err
		}
		if as[i], err = st.Assessment(e.ctx, id); err != nil {
			return err
		}
	}
	if as[0].Organisation != as[1].Organisation || as[0].Audience != as[1].Audience {
		fmt.Fprintf(e.stderr, "wgll: note: comparing different organisations or audiences (%s, %s audience; %s, %s audience)\n",
			ui.Sanitize(as[0].Organisation), as[0].Audience, ui.Sanitize(as[1].Organisation), as[1].Audience)
	}
	c := model.Compare(as[0], as[1], e.now())
	if *format == "md" {
		writeCompareMarkdown(e.stdout, c)
	} else {
		writeCompareText(e.stdout, c)
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

// changeText writes a measure's change in mean: "+0.7", "-0.3", or "" when
// either period has no score.
func changeText(m model.MeasureChange) string {
	d, ok := m.ShownDelta(1) // the change between the one-decimal means shown
	if !ok {
		return ""
	}
	s := model.FormatMean(d)
	if !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s
}

func meanText(st model.MeasureStats) string {
	if !st.HasMean() {
		return "–"
	}
	return model.FormatMean(st.Mean)
}

func writeCompareText(w io.Writer, c model.Comparison) {
	fmt.Fprintf(w, "%s (%s): %s compared with %s\n\n", ui.Sanitize(c.To.Organisation), c.To.Audience.Title(), ui.Sanitize(c.To.Period), ui.Sanitize(c.From.Period))
	nameW := len("Overall")
	for _, m := range c.Measures {
		nameW = max(nameW, len([]rune(m.Name)))
	}
	fmt.Fprintf(w, "%-*s  %7s  %7s  %6s  %8s  %9s  %5s  %10s\n", nameW, "Measure", ui.Sanitize(c.From.Period), ui.Sanitize(c.To.Period), "change", "improved", "regressed", "new", "unassessed")
	for _, m := range c.Measures {
		fmt.Fprintf(w, "%-*s  %7s  %7s  %6s  %8d  %9d  %5d  %10d\n", nameW, ui.Sanitize(m.Name), meanText(m.From), meanText(m.To), changeText(m),
			len(m.Improved), len(m.Regressed), len(m.NewlyAssessed), len(m.StillUnassessed))
	}
	overall := model.MeasureChange{From: c.OverallFrom, To: c.OverallTo}
	fmt.Fprintf(w, "%-*s  %7s  %7s  %6s\n", nameW, "Overall", meanText(c.OverallFrom), meanText(c.OverallTo), changeText(overall))
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	section("Regressed", stmtLines(c.Regressed(), true))
	section("Improved", stmtLines(c.Improved(), true))
	section("Scored for the first time", stmtLines(c.NewlyAssessed(), false))
	section("Scored last time, not now", stmtLines(c.NoLongerScored(), true))
	section("Actions completed", actionLines(c.Closed))
	section("Actions dropped", actionLines(c.Dropped))
	section("Not comparable: only in "+ui.Sanitize(c.To.Period)+"'s criteria", refLines(c.Added))
	section("Not comparable: only in "+ui.Sanitize(c.From.Period)+"'s criteria", refLines(c.Retired))
	fmt.Fprintf(w, "\nSummary:\n%s\n", ui.Sanitize(c.Summary()))
}

func stmtLines(list []model.StatementChange, withScores bool) []string {
	out := make([]string, len(list))
	for i, s := range list {
		score := s.To.String()
		if withScores {
			score = s.From.String() + "→" + s.To.String()
		}
		out[i] = fmt.Sprintf("%-8s %-5s %s", s.StatementID, score, ui.Sanitize(s.Text))
	}
	return out
}

func actionLines(list []model.ActionChange) []string {
	out := make([]string, len(list))
	for i, a := range list {
		owner := ""
		if a.To.Owner != "" {
			owner = " (" + ui.Sanitize(a.To.Owner) + ")"
		}
		out[i] = fmt.Sprintf("%-8s %s%s", a.To.StatementID, ui.Sanitize(a.To.Title), owner)
	}
	return out
}

func refLines(list []model.StatementRef) []string {
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = fmt.Sprintf("%-8s %s (score %s, %d evidence, %d open actions)", r.StatementID, ui.Sanitize(r.Text), r.Score, r.Evidence, r.LiveActions)
	}
	return out
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	s = ui.Sanitize(s)
	r := strings.NewReplacer("\\", "\\\\", "|", "\\|", "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[")
	return r.Replace(s)
}

func writeCompareMarkdown(w io.Writer, c model.Comparison) {
	fmt.Fprintf(w, "## %s (%s): %s compared with %s\n\n", mdCell(c.To.Organisation), c.To.Audience.Title(), mdCell(c.To.Period), mdCell(c.From.Period))
	fmt.Fprintf(w, "| Measure | %s | %s | Change | Improved | Regressed | First scored | Still unassessed |\n", mdCell(c.From.Period), mdCell(c.To.Period))
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, m := range c.Measures {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %d | %d | %d | %d |\n", mdCell(m.Name), meanText(m.From), meanText(m.To), changeText(m),
			len(m.Improved), len(m.Regressed), len(m.NewlyAssessed), len(m.StillUnassessed))
	}
	overall := model.MeasureChange{From: c.OverallFrom, To: c.OverallTo}
	fmt.Fprintf(w, "| **Overall** | %s | %s | %s | | | | |\n", meanText(c.OverallFrom), meanText(c.OverallTo), changeText(overall))
	list := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n### %s\n\n", title)
		for _, l := range lines {
			fmt.Fprintf(w, "- %s\n", l)
		}
	}
	stmts := func(l []model.StatementChange, withScores bool) []string {
		out := make([]string, len(l))
		for i, s := range l {
			score := s.To.String()
			if withScores {
				score = s.From.String() + "→" + s.To.String()
			}
			out[i] = fmt.Sprintf("%s (%s): %s", mdCell(s.StatementID), score, mdCell(s.Text))
		}
		return out
	}
	acts := func(l []model.ActionChange) []string {
		out := make([]string, len(l))
		for i, a := range l {
			out[i] = fmt.Sprintf("%s: %s", mdCell(a.To.StatementID), mdCell(a.To.Title))
			if a.To.Owner != "" {
				out[i] += " (" + mdCell(a.To.Owner) + ")"
			}
		}
		return out
	}
	refs := func(l []model.StatementRef) []string {
		out := make([]string, len(l))
		for i, r := range l {
			out[i] = fmt.Sprintf("%s: %s", mdCell(r.StatementID), mdCell(r.Text))
		}
		return out
	}
	list("Regressed", stmts(c.Regressed(), true))
	list("Improved", stmts(c.Improved(), true))
	list("Scored for the first time", stmts(c.NewlyAssessed(), false))
	list("Scored last time, not now", stmts(c.NoLongerScored(), true))
	list("Actions completed", acts(c.Closed))
	list("Actions dropped", acts(c.Dropped))
	list("Only in "+mdCell(c.To.Period)+"'s criteria", refs(c.Added))
	list("Only in "+mdCell(c.From.Period)+"'s criteria", refs(c.Retired))
	fmt.Fprintf(w, "\n### Summary\n\n%s\n", mdCell(c.Summary()))
}
