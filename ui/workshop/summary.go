package workshop

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/model"
)

// Fields of one action row of the measure summary.
const (
	fieldTitle = iota
	fieldOwner
	fieldDue
	fieldStatement
	fieldsPerAction
)

// topActions is how many actions the measure summary captures.
const topActions = 3

// summaryForm is the measure summary shown when the last statement of a
// measure is agreed: the agreed scores, the widest spreads, and a quick
// form for the top three actions (title, owner, due, and the statement
// each is for, by default the lowest agreed).
type summaryForm struct {
	sum    model.MeasureSummary
	name   string
	c      *criteria.Criteria
	fields [topActions * fieldsPerAction]*lineInput
	focus  int
}

func newSummaryForm(sum model.MeasureSummary, c *criteria.Criteria, a *model.Assessment) *summaryForm {
	sf := &summaryForm{sum: sum, c: c}
	if m, ok := c.Measure(sum.MeasureKey); ok {
		sf.name = m.Name
	}
	lowest := ""
	var low model.Score
	for _, ag := range sum.Agreed {
		if lowest == "" || ag.Score < low {
			lowest, low = ag.StatementID, ag.Score
		}
	}
	for i := 0; i < topActions; i++ {
		sf.fields[i*fieldsPerAction+fieldTitle] = newInput(fmt.Sprintf("Action %d", i+1), 200)
		sf.fields[i*fieldsPerAction+fieldOwner] = newInput("  owner", 80)
		sf.fields[i*fieldsPerAction+fieldDue] = newInput("  due (YYYY-MM-DD)", 10)
		sf.fields[i*fieldsPerAction+fieldStatement] = newInput("  for statement", 40)
		sf.fields[i*fieldsPerAction+fieldStatement].SetValue(lowest)
	}
	return sf
}

func (sf *summaryForm) move(d int) {
	n := len(sf.fields)
	sf.focus = ((sf.focus+d)%n + n) % n
}

func (sf *summaryForm) update(msg tea.Msg) { sf.fields[sf.focus].update(msg) }

// actions are the rows with a title, as actions to save; a bad due date
// is refused with the row it is on.
func (sf *summaryForm) actions() ([]model.Action, error) {
	var out []model.Action
	for i := 0; i < topActions; i++ {
		f := sf.fields[i*fieldsPerAction : (i+1)*fieldsPerAction]
		title := f[fieldTitle].Value()
		if title == "" {
			continue
		}
		due, err := model.ParseDate(f[fieldDue].Value())
		if err != nil {
			return nil, fmt.Errorf("action %d: %v", i+1, err)
		}
		out = append(out, model.Action{StatementID: strings.TrimSpace(f[fieldStatement].Value()), Title: title,
			Owner: f[fieldOwner].Value(), Due: due, Priority: model.PriorityHigh})
	}
	return out, nil
}

// view draws the summary in width.
func (sf *summaryForm) view(st Styles, width int) []string {
	out := []string{st.Title.Render(clip("Measure summary: "+clean(sf.name), width)), st.Label.Render("Agreed scores")}
	for _, ag := range sf.sum.Agreed {
		s, _, _ := sf.c.Statement(ag.StatementID)
		out = append(out, clip(fmt.Sprintf("  %-8s %-16s %s", clean(ag.StatementID), levelLabel(sf.c, int(ag.Score)), clean(s.Text)), width))
	}
	if len(sf.sum.Widest) > 0 {
		var parts []string
		for _, ag := range sf.sum.Widest {
			parts = append(parts, fmt.Sprintf("%s (%s)", clean(ag.StatementID), ag.Tally.RangeText()))
		}
		out = append(out, wrapIndent("Widest spread: ", strings.Join(parts, ", "), width)...)
	}
	out = append(out, "", st.Label.Render("Top three actions (saved as high priority, marked as from this workshop)"))
	for i, in := range sf.fields {
		out = append(out, in.view(st, width, i == sf.focus))
	}
	return out
}
