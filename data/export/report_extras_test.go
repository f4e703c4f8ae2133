package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"wgll/data/benchmark"
	"wgll/model"
)

// fixtureHistory is fixture with two earlier periods of the same
// organisation, an assessment of another organisation and a later period
// (both of which the trend must ignore). The oldest period's framework
// lacks "Empower people".
func fixtureHistory() (*model.Assessment, []*model.Assessment) {
	a := fixture()
	period := func(id int64, org, p string, scores map[string]model.Score, drop string) *model.Assessment {
		c := fixtureCriteria()
		if drop != "" {
			for i, m := range c.Measures {
				if m.Key == drop {
					c.Measures = append(c.Measures[:i], c.Measures[i+1:]...)
					break
				}
			}
		}
		h := a.Header
		h.ID, h.Organisation, h.Period = id, org, p
		h.CreatedAt = time.Date(2020+int(id), 1, 1, 0, 0, 0, 0, time.UTC)
		x := model.NewAssessment(h, c)
		for s, sc := range scores {
			x.PutResponse(model.Response{StatementID: s, Score: sc, UpdatedBy: "amira", UpdatedAt: h.CreatedAt, Version: 1})
		}
		return x
	}
	return a, []*model.Assessment{
		period(2, a.Organisation, "2025/26", map[string]model.Score{"WL-O1": 3, "WL-O2": 2, "SF-O1": 1, "SF-O2": 2}, ""),
		period(1, " "+strings.ToUpper(a.Organisation), "2024/25", map[string]model.Score{"WL-O1": 2, "WL-O2": 1, "SF-O1": 1}, "empower-people"),
		a, // the reported assessment may be among its history
		period(4, "Another Trust", "2023/24", map[string]model.Score{"WL-O1": 5}, ""),
		period(5, a.Organisation, "2027/28", map[string]model.Score{"WL-O1": 5}, ""),
	}
}

func fixtureExtras() (*model.Assessment, ReportExtras) {
	a, h := fixtureHistory()
	return a, ReportExtras{History: h, Benchmark: benchmark.National2025()}
}

func TestReportExtrasGoldenFiles(t *testing.T) {
	a, x := fixtureExtras()
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"report-extras.md", func(b *bytes.Buffer) error { return WriteReportMarkdownWith(b, a, x, fixedNow) }},
		{"report-extras.html", func(b *bytes.Buffer) error { return WriteReportHTMLWith(b, a, x, fixedNow) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestReportTrendAndBenchmark(t *testing.T) {
	a, x := fixtureExtras()
	bench := x.Benchmark
	wantMean := func(key string) string {
		v, ok := bench.NationalMean(model.SettingAcute, key)
		if !ok {
			t.Fatalf("built-in benchmark lacks acute %s", key)
		}
		return model.FormatScore(v, 2)
	}
	r := buildReportWith(a, x, fixedNow)
	if r.Bench == nil || r.Bench.Heading != "DMA 2025 national mean (Acute)" {
		t.Fatalf("Bench = %+v, want the DMA 2025 acute column", r.Bench)
	}
	if !strings.Contains(r.Bench.Note, benchmark.ScaleNote) {
		t.Errorf("benchmark note %q lacks the DMA scale label %q", r.Bench.Note, benchmark.ScaleNote)
	}
	for _, m := range r.Measures {
		if m.DMA != wantMean(m.Stats.Key) {
			t.Errorf("%s DMA = %q, want %q", m.Stats.Key, m.DMA, wantMean(m.Stats.Key))
		}
	}
	if r.Trend == nil {
		t.Fatal("no trend with three periods")
	}
	if got := strings.Join(r.Trend.Periods, ","); got != "2024/25,2025/26,2026/27" {
		t.Errorf("periods = %s, want the organisation's three up to the reported one, oldest first", got)
	}
	var got []string
	for _, l := range r.Trend.Rows {
		cells := []string{l.Name}
		for _, p := range l.Points {
			cells = append(cells, trendCell(p))
		}
		got = append(got, strings.Join(append(cells, l.Change), "|"))
	}
	// Well led: 1.5, 2.5, 3.0 (WL-O3 unscored); smart foundations 1, 1.5,
	// 2; empower people absent, unscored, 5; overall the mean of means,
	// 1.25 and 3.33 shown with one decimal as everywhere (model.MeanDecimals),
	// and the change the difference of the figures shown: 3.3 - 1.3 = +2.0,
	// not the +2.08 of the unrounded means.
	want := []string{
		"Well led|1.5|2.5|3.0|+1.5",
		"Ensure smart foundations|1.0|1.5|2.0|+1.0",
		"Empower people||–|5.0|",
		"Overall|1.3|2.0|3.3|+2.0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("trend rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReportExtrasOmitted(t *testing.T) {
	a, h := fixtureHistory()
	noSetting := fixture()
	noSetting.CareSetting = model.SettingNone
	tests := []struct {
		name       string
		a          *model.Assessment
		x          ReportExtras
		trend, dma bool
	}{
		{"nothing", a, ReportExtras{}, false, false},
		{"only itself", a, ReportExtras{History: []*model.Assessment{a, h[3], h[4]}}, false, false},
		{"benchmark without care setting", noSetting, ReportExtras{Benchmark: benchmark.National2025()}, false, false},
		{"benchmark without that setting", a, ReportExtras{Benchmark: &model.Benchmark{Year: 2025, National: map[model.CareSetting]model.Means{}}}, false, false},
		{"two periods", a, ReportExtras{History: h[:1]}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var md, html bytes.Buffer
			if err := WriteReportMarkdownWith(&md, tt.a, tt.x, fixedNow); err != nil {
				t.Fatal(err)
			}
			if err := WriteReportHTMLWith(&html, tt.a, tt.x, fixedNow); err != nil {
				t.Fatal(err)
			}
			for name, s := range map[string]string{"Markdown": md.String(), "HTML": html.String()} {
				if got := strings.Contains(s, "Trend"); got != tt.trend {
					t.Errorf("%s has a Trend section: %v, want %v", name, got, tt.trend)
				}
				if got := strings.Contains(s, "DMA 2025"); got != tt.dma {
					t.Errorf("%s has a DMA column: %v, want %v", name, got, tt.dma)
				}
			}
		})
	}
}

func TestReportExtrasHTMLIsSafe(t *testing.T) {
	a, x := fixtureExtras()
	for _, h := range x.History {
		h.Criteria.Measures[0].Name = `<script>alert("m")</script>`
		h.Period = strings.Replace(h.Period, "/", "<u>/", 1)
	}
	var b bytes.Buffer
	if err := WriteReportHTMLWith(&b, a, x, fixedNow); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	if strings.Contains(strings.ToLower(h), "<script") || strings.Contains(h, "<u>") {
		t.Errorf("HTML report with trend lets markup through")
	}
	if !strings.Contains(h, `<h3>&lt;script&gt;alert(&#34;m&#34;)&lt;/script&gt;</h3>`) {
		t.Errorf("measure name not escaped in its chart heading")
	}
	if loads := regexp.MustCompile(`<[a-zA-Z][^>]*\s(src|srcset|action|formaction)=`).FindString(h); loads != "" {
		t.Errorf("HTML report loads something: %s", loads)
	}
	// Every bar is followed by its number as text.
	bars := regexp.MustCompile(`<span class="bar" style="width: ([0-9.]+)%"></span></span><span class="bar-num">([0-9]\.[0-9])</span>`).FindAllStringSubmatch(h, -1)
	if n := strings.Count(h, `class="bar"`); n == 0 || n != len(bars) {
		t.Fatalf("%d bars, %d of them labelled with their number", n, len(bars))
	}
	for _, m := range bars {
		if m[1] == "" || m[2] == "" {
			t.Errorf("bar %q lacks a width or a number", m[0])
		}
	}
	// 3 measures and overall, three periods, less the absent and the
	// unscored empower-people points.
	if len(bars) != 10 {
		t.Errorf("%d bars, want 10", len(bars))
	}
}
