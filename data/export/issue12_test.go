package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"wgll/model"
)

// Tests for the findings of issue 12 (a board pack the secretary can send
// as it is). Each failed before the change it names.

func TestChooseFormat(t *testing.T) {
	for _, tt := range []struct {
		kind         Kind
		format, path string
		want         string
		err          string
	}{
		{Actions, "", "", "csv", ""},
		{Actions, "", "out.XLSX", "xlsx", ""},
		{Actions, "JSON", "out.csv", "json", ""},
		{Actions, "html", "", "", "unknown format \"html\" for actions; use one of: csv, xlsx, md, json"},
		{Report, "", "board.markdown", "md", ""},
		{Report, "", "board.htm", "html", ""},
		{Report, "", "board.docx", "md", ""},
		{Compare, "", "", "text", ""},
		{Compare, "", "moved.txt", "text", ""},
		{Trend, "md", "", "md", ""},
		{Plan, "", "", "text", ""},
		{Kind("minutes"), "md", "", "", "unknown export \"minutes\""},
	} {
		f, err := ChooseFormat(tt.kind, tt.format, tt.path)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ChooseFormat(%s, %q, %q) error = %v, want %q", tt.kind, tt.format, tt.path, err, tt.err)
		case tt.err == "" && (err != nil || f.Name != tt.want):
			t.Errorf("ChooseFormat(%s, %q, %q) = %q, %v; want %q", tt.kind, tt.format, tt.path, f.Name, err, tt.want)
		}
	}
	for _, k := range Kinds {
		if len(Formats(k)) == 0 {
			t.Errorf("kind %s has no formats", k)
		}
	}
}

// TestWriteEveryFormat writes every kind in every format of the one list
// through the one entry point.
func TestWriteEveryFormat(t *testing.T) {
	a, x := fixtureExtras()
	hist := x.History
	c := model.Compare(hist[0], a, fixedNow)
	tr := model.Trend([]*model.Assessment{hist[1], hist[0], a})
	for _, k := range Kinds {
		for _, f := range Formats(k) {
			t.Run(string(k)+"/"+f.Name, func(t *testing.T) {
				var b bytes.Buffer
				_, err := Write(&b, Job{Kind: k, Format: f.Name, Assessment: a, Extras: x, Comparison: &c, Trend: &tr, Now: fixedNow})
				if err != nil {
					t.Fatal(err)
				}
				if b.Len() < 100 {
					t.Errorf("only %d bytes written", b.Len())
				}
			})
		}
	}
	if _, err := Write(&bytes.Buffer{}, Job{Kind: Report, Format: "md", Now: fixedNow}); err == nil {
		t.Error("a report with no assessment did not fail")
	}
	if _, err := Write(&bytes.Buffer{}, Job{Kind: Compare, Format: "md"}); err == nil {
		t.Error("a compare with no comparison did not fail")
	}
}

// TestReportRationales: the report left out the reasons for each score.
func TestReportRationales(t *testing.T) {
	a := fixture()
	var md, html bytes.Buffer
	if err := WriteReportMarkdown(&md, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	if err := WriteReportHTML(&html, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	for id, r := range a.Responses {
		if r.Rationale == "" {
			continue
		}
		for _, line := range strings.Split(r.Rationale, "\n") {
			if line == "" {
				continue
			}
			// The first word of each line (escaped the same way in both).
			w := strings.Fields(line)[1]
			if !strings.Contains(md.String(), w) || !strings.Contains(html.String(), w) {
				t.Errorf("rationale of %s: %q missing from a report", id, w)
			}
		}
	}
	if !strings.Contains(md.String(), "## Rationales") || !strings.Contains(html.String(), "<h2>Rationales</h2>") {
		t.Error("no Rationales section")
	}
	// Markup and Markdown in a rationale are shown, never acted on.
	if strings.Contains(html.String(), "<b>skills audit</b>") || strings.Contains(md.String(), "<b>skills") {
		t.Error("markup in a rationale got through")
	}
	if !strings.Contains(md.String(), "> \\- Next step") {
		t.Errorf("a rationale line starting with - became a list item:\n%s", md.String())
	}
	// The rationale of a statement with no score yet is still there.
	if !strings.Contains(md.String(), "Patient panel meets in April") {
		t.Error("rationale of an unscored statement missing")
	}
}

// TestReportHTMLKeepsWordsWhole: Chromium broke "Own|er", "202|5-|06-|30"
// and "me|diu|m" because every cell allowed a break anywhere.
func TestReportHTMLKeepsWordsWhole(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReportHTML(&b, fixture(), fixedNow); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	if regexp.MustCompile(`th, td \{[^}]*overflow-wrap: anywhere`).MatchString(h) {
		t.Error("table cells may still break anywhere")
	}
	for _, want := range []string{
		`<td class="nowrap">2026-06-30</td>`,  // due date
		`<td class="nowrap">in-progress</td>`, // a state holds a hyphen
		`<td class="nowrap">medium</td>`,      // priority
		`<b class="nw">WL-O2</b>`,             // statement id
		`<span class="nw">data-centre</span>`, // hyphenated word in text
		`<td class="nowrap">2026-01-12</td>`,  // evidence date
		`<span class="nw">(£240k</span>`,      // no: control below
	} {
		if want == `<span class="nw">(£240k</span>` {
			if strings.Contains(h, want) {
				t.Errorf("a word without a hyphen was wrapped: %s", want)
			}
			continue
		}
		if !strings.Contains(h, want) {
			t.Errorf("HTML report lacks %s", want)
		}
	}
	if got := keepWords(`a <b>x-y</b> https://example.nhs.uk/a/very/long/path/that/cannot/fit-anywhere`); !strings.Contains(string(got), `<span class="nw">&lt;b&gt;x-y&lt;/b&gt;</span>`) ||
		!strings.Contains(string(got), "/<wbr>") {
		t.Errorf("keepWords = %s", got)
	}
}

// TestOneDecimalEverywhere: the report said +0.33 where the app said +0.4.
func TestOneDecimalEverywhere(t *testing.T) {
	a, x := fixtureExtras()
	var md bytes.Buffer
	if err := WriteReportMarkdownWith(&md, a, x, fixedNow); err != nil {
		t.Fatal(err)
	}
	s := md.String()
	// Means of the workbook's own scores have one decimal; the DMA's keep two.
	measures := strings.Split(strings.Split(s, "## Measures")[1], "## Trend")[0]
	dma := regexp.MustCompile(`\| (Well led|Ensure smart foundations|Empower people) \| ([0-9.–]+) \| ([0-9.–]+) \|`).FindAllStringSubmatch(measures, -1)
	if len(dma) != 3 {
		t.Fatalf("measures rows: %q", dma)
	}
	for _, m := range dma {
		if !regexp.MustCompile(`^\d\.\d$`).MatchString(m[2]) || !regexp.MustCompile(`^\d\.\d\d$`).MatchString(m[3]) {
			t.Errorf("%s: mean %q (want one decimal), DMA %q (want two)", m[1], m[2], m[3])
		}
	}
	if regexp.MustCompile(`\b\d\.\d\d\b`).MatchString(strings.Split(strings.Split(s, "## Trend")[1], "## The largest")[0]) {
		t.Errorf("the trend has a two-decimal figure:\n%s", strings.Split(s, "## Trend")[1])
	}
}

func TestCompareExport(t *testing.T) {
	a, hist := fixtureHistory()
	c := model.Compare(hist[0], a, fixedNow)
	for _, f := range []string{"text", "md", "html"} {
		var b bytes.Buffer
		if err := writeCompare(&b, f, c, fixedNow); err != nil {
			t.Fatal(err)
		}
		golden(t, "compare."+map[string]string{"text": "txt", "md": "md", "html": "html"}[f], b.Bytes())
		s := b.String()
		// Like for like over the statements scored in both, with the count
		// and the unmatched listed.
		for _, want := range []string{"like for like over the four statements scored in both periods", "EP-O1", "Left out of the like-for-like overall"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s compare lacks %q", f, want)
			}
		}
	}
	tr := model.Trend([]*model.Assessment{hist[1], hist[0], a})
	for _, f := range []string{"text", "md", "html"} {
		var b bytes.Buffer
		if err := writeTrend(&b, f, tr, fixedNow); err != nil {
			t.Fatal(err)
		}
		golden(t, "trend."+map[string]string{"text": "txt", "md": "md", "html": "html"}[f], b.Bytes())
	}
}

func TestCompareTextIsSafeForATerminal(t *testing.T) {
	a, hist := fixtureHistory()
	a.Criteria.Measures[0].Name = "Well \x1b[31mled\x1b]0;pwned\x07"
	a.Organisation = "Evil\x1b[2J Trust"
	c := model.Compare(hist[0], a, fixedNow)
	var b bytes.Buffer
	if err := writeCompare(&b, "text", c, fixedNow); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07") {
		t.Errorf("escape sequences reach the terminal: %q", b.String())
	}
}
