package export_test

// The PDF is checked with an independent reader, pdftotext from
// poppler-utils (CI installs it; these tests skip only when it is absent):
// every statement id, action title and rationale of the demo workbook is in
// it, and no word of its text is split across lines.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"wgll/data"
	"wgll/data/demo"
	"wgll/data/export"
	"wgll/model"
)

// pdfToText runs pdftotext on a PDF and returns its text.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; apt-get install -y poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// -raw keeps the content stream's order, in which each table cell's
	// lines are written together.
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext could not read the PDF: %v", err)
	}
	return string(out)
}

// demoAssessments opens a copy of the small demo and loads every
// assessment with its report extras.
func demoAssessments(t *testing.T) (*data.Store, []*model.Assessment) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.CopyCached(ctx, demo.Small, path); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path, data.Options{User: "test", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	hs, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var as []*model.Assessment
	for _, h := range hs {
		a, err := st.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	return st, as
}

// words splits text into words, trimming the punctuation that sits at a
// word's edge in prose and Markdown (but not hyphens or slashes, so a word
// split after its hyphen is still caught).
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "*_|>#()[],;:.\"'`\\!?“”‘’")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// vocabulary is every word the PDF may show whole: the Markdown report of
// the same assessment (which holds every fact and sentence the PDF does,
// un-escaped here) and the PDF's own page furniture.
func vocabulary(md string) map[string]bool {
	md = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "<br>", " ", "\\", "").Replace(md)
	v := map[string]bool{}
	for _, w := range words(md) {
		v[w] = true
	}
	for _, w := range words("Page of ID Each cell is one statement of the measure in framework order; the number is its score, so the grid reads without colour. Score Text Written") {
		v[w] = true
	}
	return v
}

// wholeOrAllowed reports whether a word pdftotext read is a whole word of
// the report, a number, or a piece of a token too long for its column
// (a long link), the one thing the PDF may break.
func wholeOrAllowed(w string, vocab map[string]bool, long []string) bool {
	if vocab[w] || regexp.MustCompile(`^[0-9]+$`).MatchString(w) {
		return true
	}
	for _, l := range long {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func TestReportPDFDemo(t *testing.T) {
	st, as := demoAssessments(t)
	now := demo.LargeNow
	for _, a := range as {
		t.Run(a.Title(), func(t *testing.T) {
			x, err := st.ReportExtras(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			x.AssuredBy = "Board of Directors, 27 November 2026"
			var pdf, md bytes.Buffer
			if _, err := export.Write(&pdf, export.Job{Kind: export.Report, Format: "pdf", Assessment: a, Extras: x, Now: now}); err != nil {
				t.Fatal(err)
			}
			if err := export.WriteReportMarkdownWith(&md, a, x, now); err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("WGLL_KEEP_PDF"); dir != "" {
				os.WriteFile(filepath.Join(dir, "report-"+strings.ReplaceAll(a.Period, "/", "-")+"-"+string(a.Audience)+".pdf"), pdf.Bytes(), 0o644)
			}
			text := pdfToText(t, pdf.Bytes())
			// Text read on without the page furniture between pages.
			header := a.Organisation + " · " + a.Period + " · Digital maturity board report"
			var body []string
			for _, l := range strings.Split(text, "\n") {
				if l = strings.Trim(l, "\f "); l != header && !regexp.MustCompile(`^Page \d+ of \d+$`).MatchString(l) {
					body = append(body, l)
				}
			}
			flat := strings.Join(strings.Fields(strings.Join(body, "\n")), " ")
			if !strings.Contains(text, header) || !regexp.MustCompile(`Page 2 of \d+`).MatchString(text) {
				t.Errorf("PDF lacks the running header %q or page numbers", header)
			}
			have := map[string]bool{}
			for _, w := range words(text) {
				have[w] = true
			}
			for _, want := range []string{"Digital maturity board report", a.Organisation, a.Period, "Assured by", "Board of Directors, 27 November 2026"} {
				if !strings.Contains(flat, want) {
					t.Errorf("PDF lacks %q", want)
				}
			}
			// Every statement id.
			for _, m := range a.Measures() {
				for _, s := range m.Statements {
					if !have[s.ID] {
						t.Errorf("statement %s missing from the PDF", s.ID)
					}
				}
			}
			// Every action title and every rationale, word for word (line
			// breaks aside).
			for _, list := range a.Actions {
				for _, x := range list {
					if !strings.Contains(flat, strings.Join(strings.Fields(x.Title), " ")) {
						t.Errorf("action %q missing from the PDF", x.Title)
					}
				}
			}
			n := 0
			for id, r := range a.Responses {
				if strings.TrimSpace(r.Rationale) == "" {
					continue
				}
				n++
				if !strings.Contains(flat, strings.Join(strings.Fields(r.Rationale), " ")) {
					t.Errorf("rationale of %s missing from the PDF: %q", id, r.Rationale)
				}
			}
			if n == 0 {
				t.Fatal("the demo assessment has no rationales to look for")
			}
			// No word split across lines: every word pdftotext reads is a
			// whole word of the report's text.
			vocab := vocabulary(md.String())
			var long []string
			for w := range vocab {
				if len(w) > 40 {
					long = append(long, w)
				}
			}
			var split []string
			for _, w := range words(text) {
				if !wholeOrAllowed(w, vocab, long) {
					split = append(split, w)
				}
			}
			if len(split) > 0 {
				t.Errorf("%d words in the PDF are not whole words of the report (split across lines?): %q", len(split), split[:min(len(split), 40)])
			}
		})
	}
}

// TestReportPDFTablesRepeatHeader: a table that runs over pages repeats
// its header row on each.
func TestReportPDFTablesRepeatHeader(t *testing.T) {
	_, as := demoAssessments(t)
	a := as[0]
	// Enough actions to fill several pages.
	for i := range 150 {
		a.PutAction(model.Action{ID: int64(10000 + i), StatementID: a.Measures()[0].Statements[0].ID, Title: "Extra action to fill the page", Owner: "Chief Digital Officer",
			Status: model.StatusOpen, Priority: model.PriorityMedium, Due: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)})
	}
	var pdf bytes.Buffer
	if err := export.WriteReportPDF(&pdf, a, export.ReportExtras{}, demo.LargeNow); err != nil {
		t.Fatal(err)
	}
	text := pdfToText(t, pdf.Bytes())
	pages := strings.Split(text, "\f")
	withRows, withHead := 0, 0
	for _, p := range pages {
		// A row of the action table: title, owner, due date, in cell
		// order (the plan lists the same titles in one cell, differently).
		if len(regexp.MustCompile(`Extra action to fill the page\s+Chief Digital\s+Officer\s+2026-06-30`).FindAllString(p, -1)) > 3 {
			withRows++
			if regexp.MustCompile(`Days\s+overdue`).MatchString(p) && strings.Contains(p, "Priority") {
				withHead++
			}
		}
	}
	if withRows < 3 || withHead != withRows {
		t.Errorf("%d pages hold the long action table, %d of them with its header row", withRows, withHead)
	}
}

func TestComparePDF(t *testing.T) {
	_, as := demoAssessments(t)
	var org []*model.Assessment
	for _, a := range as {
		if a.Audience == as[0].Audience {
			org = append(org, a)
		}
	}
	if len(org) < 2 {
		t.Fatal("the demo has fewer than two periods of one organisation")
	}
	c := model.Compare(org[1], org[0], demo.LargeNow)
	if model.ComparePeriods(org[0].Period, org[1].Period) < 0 {
		c = model.Compare(org[0], org[1], demo.LargeNow)
	}
	tr := model.Trend(org)
	for _, job := range []export.Job{
		{Kind: export.Compare, Format: "pdf", Comparison: &c, Now: demo.LargeNow},
		{Kind: export.Trend, Format: "pdf", Trend: &tr, Now: demo.LargeNow},
	} {
		var pdf bytes.Buffer
		if _, err := export.Write(&pdf, job); err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("WGLL_KEEP_PDF"); dir != "" {
			os.WriteFile(filepath.Join(dir, string(job.Kind)+".pdf"), pdf.Bytes(), 0o644)
		}
		flat := strings.Join(strings.Fields(pdfToText(t, pdf.Bytes())), " ")
		want := []string{"like for like over the"}
		if job.Kind == export.Compare {
			want = append(want, "Overall, like for like", "Summary", c.Summary()[:60])
			for _, s := range c.Improved() {
				want = append(want, s.StatementID)
			}
		}
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s PDF lacks %q", job.Kind, w)
			}
		}
	}
}
