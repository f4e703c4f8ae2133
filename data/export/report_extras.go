package export

import (
	"fmt"
	"strings"

	"wgll/model"
)

// ReportExtras are the optional parts of the board report that need more
// than the assessment itself. The zero value adds nothing.
type ReportExtras struct {
	// History holds assessments of the same organisation and audience, in
	// any order, with or without the reported assessment itself. When they
	// span two or more periods up to the reported one, the report gets a
	// Trend section: each measure's mean per period, oldest first. Later
	// periods, other organisations and other audiences are ignored; where a
	// period has several assessments the reported one, else the most
	// recently created, stands for it.
	History []*model.Assessment
	// Benchmark, when it has a national mean for the assessment's care
	// setting, adds that mean beside each measure, labelled as the DMA's
	// own scale. Nil, or an assessment with no care setting, adds nothing.
	Benchmark *model.Benchmark
	// AssuredBy names who assured the scores, shown in the title block;
	// "" shows the assessment's own sign-off (model.SignOff), if any.
	AssuredBy string
}

// benchmarkScaleNote says what the DMA column is. It matches the wording
// of benchmark.ScaleNote, which every display of DMA figures carries.
const benchmarkScaleNote = "DMA scale: NHS England Digital Maturity Assessment scores, 1 to 5; not this workbook's scores"

// benchColumn is the national mean column of the measures table.
type benchColumn struct {
	Heading string
	Note    string
}

// trendView is the report's Trend section.
type trendView struct {
	Periods []string
	// Rows are the measures in framework order, then Overall.
	Rows []trendLine
	// Like says how the overall mean moved from the first to the last
	// period like for like (model.LikeForLike.Sentence), "" if it cannot.
	Like string
}

type trendLine struct {
	Name    string
	Overall bool
	Points  []trendPoint
	// Change is the signed change from the first to the last scored
	// period, or "" with fewer than two.
	Change string
}

// trendPoint is one measure's mean in one period. A point with no bar
// says why in Text.
type trendPoint struct {
	Period string
	// Text is the mean (model.FormatMean), "not scored", or "not in the
	// framework" when that period's criteria lack the measure.
	Text string
	Bar  bool
	// Width is the bar's length as a percentage of the top of the scale.
	Width float64
}

// addBenchmark fills in the national mean column when b has means for a's
// care setting.
func (r *report) addBenchmark(a *model.Assessment, b *model.Benchmark) {
	if b == nil || a.CareSetting == model.SettingNone {
		return
	}
	if _, ok := b.National[a.CareSetting]; !ok {
		return
	}
	note := benchmarkScaleNote + "; read the national mean as a guide, not a like-for-like comparison."
	if src := strings.TrimSpace(b.Source); src != "" {
		note += " Source: " + src + "."
	}
	r.Bench = &benchColumn{
		Heading: fmt.Sprintf("DMA %d national mean (%s)", b.Year, model.SettingLabel(a.CareSetting)),
		Note:    note,
	}
	for i := range r.Measures {
		r.Measures[i].DMA = "–"
		if v, ok := b.NationalMean(a.CareSetting, r.Measures[i].Stats.Key); ok {
			r.Measures[i].DMA = model.FormatBenchmark(v)
		}
	}
}

// addTrend fills in the Trend section when history reaches back over two
// or more periods.
func (r *report) addTrend(a *model.Assessment, history []*model.Assessment) {
	byPeriod := map[string]*model.Assessment{a.Period: a}
	for _, h := range history {
		if h == nil || h == a || (a.ID != 0 && h.ID == a.ID) || model.ComparePeriods(h.Period, a.Period) >= 0 ||
			!model.SameGroup(h.Header, a.Header) {
			continue
		}
		if b, ok := byPeriod[h.Period]; !ok || model.CompareHeaders(h.Header, b.Header) > 0 {
			byPeriod[h.Period] = h
		}
	}
	if len(byPeriod) < 2 {
		return
	}
	as := make([]*model.Assessment, 0, len(byPeriod))
	for _, x := range byPeriod {
		as = append(as, x)
	}
	// model.Trend orders by period, oldest first.
	r.Trend = newTrendView(model.Trend(as), r.MaxLevel)

}

// newTrendView lays t out for the report and the trend export; top is
// the top of the scale, for the bars (5 when unknown).
func newTrendView(t model.TrendTable, maxLevel int) *trendView {
	top := float64(maxLevel)
	if top <= 0 {
		top = 5
	}
	v := &trendView{}
	for _, h := range t.Periods {
		v.Periods = append(v.Periods, h.Period)
	}
	line := func(row model.TrendRow, overall bool) trendLine {
		l := trendLine{Name: row.Name, Overall: overall}
		for i, p := range row.Points {
			pt := trendPoint{Period: v.Periods[i]}
			switch {
			case p.Stats.HasMean():
				pt.Text, pt.Bar = model.FormatMean(p.Stats.Mean), true
				pt.Width = min(100, max(0, p.Stats.Mean/top*100))
			case p.Present:
				pt.Text = "not scored"
			default:
				pt.Text = "not in the framework"
			}
			l.Points = append(l.Points, pt)
		}
		if d, ok := row.ShownChange(model.MeanDecimals); ok {
			l.Change = model.FormatChange(d)
		}
		return l
	}
	for _, row := range t.Rows {
		v.Rows = append(v.Rows, line(row, false))
	}
	v.Rows = append(v.Rows, line(t.Overall, true))
	if len(v.Periods) > 0 {
		v.Like = t.Like.Sentence(v.Periods[0], v.Periods[len(v.Periods)-1])
	}
	return v
}

// trendCell is a trend point as a table cell: the mean, "–" when not
// scored, blank when the measure was not in that period's framework.
func trendCell(p trendPoint) string {
	switch {
	case p.Bar:
		return p.Text
	case p.Text == "not scored":
		return "–"
	}
	return ""
}

// trendNote explains the Trend section in both formats.
const trendNote = "Each measure's mean score per period, oldest first; change is from the first to the last scored period. " +
	"– means nothing was scored; a blank means the measure was not in that period's framework."
