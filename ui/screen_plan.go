package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// planScreen is the open assessment's improvement plan: its gaps to
// target ranked by model.PlanRule, each with its open actions and a flag
// when it has none, and readiness per measure. It is read-only and opens
// from the overview with p.
type planScreen struct {
	rep report
	// gen is the App.rowsGen the lines were built for: an edit anywhere
	// rebuilds them.
	gen int
	// plan is assessment forID's plan, built when the plan opened from
	// the summary the app holds (scores, targets, sign-off) and what the
	// store read of its gaps (loading.go). Like the whole assessment it
	// was once built from, it is a snapshot: p on the overview builds it
	// afresh.
	plan  *model.Plan
	forID int64
}

func (p *planScreen) lines(a *App) []string {
	if p.gen != a.rowsGen {
		p.rep.lines, p.gen = nil, a.rowsGen
	}
	return p.rep.get(a, func() []string {
		if a.a == nil {
			return []string{}
		}
		x, now := a.a, a.now()
		switch {
		case p.forID == x.ID && p.plan != nil:
			return planLines(x, *p.plan, a.styles, a.lay.width, now)
		case !x.Summarised():
			return planLines(x, model.BuildPlan(x, now), a.styles, a.lay.width, now)
		}
		return []string{"Reading the plan…"}
	})
}

func (p *planScreen) update(a *App, k tea.KeyPressMsg) tea.Cmd {
	p.rep.key(a, k, p.lines(a))
	return nil
}

func (p *planScreen) mouse(a *App, m tea.MouseMsg) tea.Cmd {
	p.rep.mouse(a, m, p.lines(a))
	return nil
}

func (p *planScreen) view(a *App) string { return p.rep.view(a, p.lines(a)) }

func (p *planScreen) breadcrumb(*App) []string { return []string{"Plan"} }

func (p *planScreen) keys(a *App) []key.Binding { return reportKeys(a) }

// planLines lays x's plan p out width columns wide. Every string from the
// workbook passes oneLine; the flag for a gap with no action is words, not
// a colour.
func planLines(x *model.Assessment, p model.Plan, st Styles, width int, now time.Time) []string {
	w := max(20, width-2)
	var out []string
	add := func(indent int, s string, style func(...string) string) {
		for _, l := range wrapLines(s, w-indent, 0) {
			out = append(out, strings.Repeat(" ", indent)+style(l))
		}
	}
	plainStyle := func(s ...string) string { return strings.Join(s, "") }
	out = append(out, st.Title.Render(fmt.Sprintf("Improvement plan · %d %s · %d without an action · %d at target",
		len(p.Items), plural(len(p.Items), "gap", "gaps"), p.NoAction(), p.Met)))
	sign := "Not signed off (S on the overview signs it off)"
	if x.SignOff.Signed() {
		sign = oneLine(x.SignOff.Summary()) + " · locked"
	}
	add(0, sign, st.Label.Render)
	add(0, model.PlanRule, st.Subtle.Render)
	out = append(out, "")
	if len(p.Items) == 0 {
		add(0, "No gaps to close. Set targets ('wgll target') to build a plan.", plainStyle)
	}
	for i, it := range p.Items {
		name := it.MeasureKey
		if m, ok := x.Criteria.Measure(it.MeasureKey); ok {
			name = m.Name
		}
		target := it.Target.String()
		if it.FromMeasure {
			target += " (measure)"
		}
		add(0, fmt.Sprintf("%d. %s · %s · score %s → target %s · gap %d", i+1, oneLine(it.StatementID), oneLine(name), it.Score, target, it.Gap), st.Label.Render)
		add(3, oneLine(it.Text), plainStyle)
		ev := fmt.Sprintf("%d evidence %s", it.Evidence, plural(it.Evidence, "item", "items"))
		if it.Weak > 0 {
			ev += fmt.Sprintf(", %d stale or low-confidence %s", it.Weak, model.StaleGlyph)
		}
		add(3, ev, st.Subtle.Render)
		if it.NoAction() {
			add(3, "NO ACTION YET", st.Overdue.Render)
		}
		for _, act := range it.Actions {
			var bits []string
			if act.Owner != "" {
				bits = append(bits, oneLine(act.Owner))
			}
			if !act.Due.IsZero() {
				bits = append(bits, "due "+model.FormatDate(act.Due))
			}
			line := "- " + oneLine(act.Title)
			if len(bits) > 0 {
				line += " (" + strings.Join(bits, ", ") + ")"
			}
			if d := act.DaysOverdue(now); d > 0 {
				add(3, fmt.Sprintf("%s · %d days overdue", line, d), st.Overdue.Render)
				continue
			}
			add(3, line, plainStyle)
		}
	}
	out = append(out, "")
	add(0, "Readiness: gaps with an open action due by the target date", st.Label.Render)
	nameW := 0
	for _, r := range p.Readiness {
		nameW = max(nameW, len([]rune(oneLine(r.Name))))
	}
	for _, r := range p.Readiness {
		v := "no gaps"
		if r.Gaps > 0 {
			v = fmt.Sprintf("%d of %d (%.0f%%)", r.Covered, r.Gaps, 100*r.Share())
		}
		add(2, padRight(oneLine(r.Name), nameW)+"  "+v, plainStyle)
	}
	if len(p.Unscored) > 0 {
		out = append(out, "")
		add(0, "Target set but not scored yet: "+oneLine(strings.Join(p.Unscored, ", ")), st.Subtle.Render)
	}
	return out
}
